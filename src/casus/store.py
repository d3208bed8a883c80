"""The DuckDB store of coded documents, events, quotes and failures (schema: docs/schema.md).

One writer at a time; queries can use a read-only ``Store``. Writing a document whose id and
content hash are already stored changes nothing. Schema changes are numbered migrations.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from casus import __version__
from casus.errors import StoreError
from casus.output import FLAT_COLUMNS, event_ids
from casus.records import QUAD, Actor, CodedDocument, Document, Failure, Location

MIGRATIONS: tuple[str, ...] = (
    # 1: the first schema
    """
    CREATE TABLE documents (
        doc_id VARCHAR PRIMARY KEY, title VARCHAR, date VARCHAR, source VARCHAR, url VARCHAR,
        text VARCHAR NOT NULL, content_hash VARCHAR NOT NULL, meta JSON,
        coder_version VARCHAR, data_version VARCHAR, coded_at TIMESTAMP
    );
    CREATE TABLE events (
        event_id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, seq INTEGER NOT NULL,
        event_type VARCHAR NOT NULL, mode VARCHAR, modality VARCHAR NOT NULL, claimed_by JSON,
        evidence VARCHAR, span_start INTEGER, span_end INTEGER, trigger VARCHAR, trigger_start INTEGER,
        location_name VARCHAR, location_country VARCHAR, quantity VARCHAR, date VARCHAR, cameo VARCHAR,
        contested BOOLEAN NOT NULL, coder_version VARCHAR, data_version VARCHAR
    );
    CREATE TABLE event_actors (
        event_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, role VARCHAR NOT NULL, position INTEGER NOT NULL,
        code VARCHAR NOT NULL, sector VARCHAR, text VARCHAR, name VARCHAR
    );
    CREATE TABLE quotes (
        doc_id VARCHAR NOT NULL, seq INTEGER NOT NULL, speaker_code VARCHAR, speaker_sector VARCHAR,
        speaker_text VARCHAR, text VARCHAR NOT NULL, span_start INTEGER, span_end INTEGER, direct BOOLEAN
    );
    CREATE SEQUENCE failure_ids;
    CREATE TABLE failures (
        id BIGINT DEFAULT nextval('failure_ids'), source VARCHAR NOT NULL, doc_id VARCHAR,
        stage VARCHAR NOT NULL, reason VARCHAR NOT NULL, failed_at TIMESTAMP NOT NULL
    );
    CREATE INDEX events_doc ON events (doc_id);
    CREATE INDEX event_actors_event ON event_actors (event_id);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


def content_hash(text: str) -> str:
    """The full sha1 hex digest of a document's text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class EventRow:
    """One stored event with its actors and the title and date of its document."""

    event_id: str
    doc_id: str
    event_type: str
    modality: str
    actor: tuple[Actor, ...]
    recipient: tuple[Actor, ...]
    claimed_by: tuple[Actor, ...] | None
    evidence: str
    span_start: int
    span_end: int
    mode: str | None = None
    trigger: str = ""
    location: Location | None = None
    quantity: str | None = None
    date: str | None = None
    cameo: str | None = None
    contested: bool = False
    doc_title: str = ""
    doc_date: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The annotation-guide form of the event plus ``event_id``, ``doc_id`` and document fields."""
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "doc_title": self.doc_title,
            "doc_date": self.doc_date,
            "event_type": self.event_type,
            "mode": self.mode,
            "actor": [a.to_json() for a in self.actor],
            "recipient": [a.to_json() for a in self.recipient],
            "modality": self.modality,
            "claimed_by": [a.to_json() for a in self.claimed_by] if self.claimed_by is not None else None,
            "evidence": self.evidence,
            "location": self.location.to_json() if self.location else None,
            "quantity": self.quantity,
            "date": self.date,
            "trigger": self.trigger,
            "span": [self.span_start, self.span_end],
            "cameo": self.cameo,
            "contested": self.contested,
        }

    def to_flat(self) -> dict[str, Any]:
        """The flat columns of ``casus code -f csv`` (``output.FLAT_COLUMNS``)."""

        def join(actors: tuple[Actor, ...] | None, attr: str) -> str | None:
            if actors is None:
                return None
            return ";".join(str(getattr(a, attr) or "") for a in actors)

        row: dict[str, Any] = {
            "event_id": self.event_id, "doc_id": self.doc_id, "doc_title": self.doc_title,
            "doc_date": self.doc_date, "event_type": self.event_type, "quad": QUAD.get(self.event_type),
            "mode": self.mode, "modality": self.modality,
            "claimed_by_codes": join(self.claimed_by, "code"),
            "claimed_by_texts": join(self.claimed_by, "text"),
            "evidence": self.evidence, "span_start": self.span_start, "span_end": self.span_end,
            "trigger": self.trigger, "location_name": self.location.name if self.location else None,
            "location_country": self.location.country if self.location else None,
            "quantity": self.quantity, "event_date": self.date, "cameo": self.cameo,
            "contested": self.contested,
        }
        for role, actors in (("actor", self.actor), ("recipient", self.recipient)):
            for attr in ("code", "sector", "text"):
                row[f"{role}_{attr}s"] = join(actors, attr)
        return {c: row[c] for c in FLAT_COLUMNS}


@dataclass(frozen=True)
class Counts:
    """Totals of a store, and events by type and by modality (largest first)."""

    documents: int
    events: int
    failures: int
    by_type: dict[str, int] = field(default_factory=dict)
    by_modality: dict[str, int] = field(default_factory=dict)


class Store:
    """A DuckDB file of coded documents. Use as a context manager, or call ``close``."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such database")
        try:
            self._con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as e:
            raise StoreError(f"{self.path}: cannot open database: {_first_line(e)}") from None
        try:
            self._migrate()
        except BaseException:
            self._con.close()
            raise

    # --- lifecycle ------------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._con.close()

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._con.execute(sql, list(params)).fetchall()
        except duckdb.Error as e:
            raise StoreError(f"{self.path}: {_first_line(e)}") from None

    def schema_version(self) -> int:
        """The number of the last migration applied (0 for a new file)."""
        rows = self._all(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        )
        if not rows[0][0]:
            return 0
        return int(self._all("SELECT coalesce(max(version), 0) FROM schema_version")[0][0])

    def _migrate(self) -> None:
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {current} is newer than this casus ({SCHEMA_VERSION})"
            )
        if current == SCHEMA_VERSION:
            return
        if self.read_only:
            raise StoreError(
                f"{self.path}: schema version {current} needs migrating to {SCHEMA_VERSION}; "
                "open it for writing (casus ingest) first"
            )
        try:
            self._con.execute("BEGIN TRANSACTION")
            self._con.execute(
                "CREATE TABLE IF NOT EXISTS schema_version"
                " (version INTEGER PRIMARY KEY, applied_at TIMESTAMP)"
            )
            for number in range(current + 1, SCHEMA_VERSION + 1):
                self._con.execute(MIGRATIONS[number - 1])
                self._con.execute("INSERT INTO schema_version VALUES (?, ?)", [number, _now()])
            self._con.execute("COMMIT")
        except duckdb.Error as e:
            self._con.execute("ROLLBACK")
            raise StoreError(f"{self.path}: migration failed: {_first_line(e)}") from None

    # --- writing --------------------------------------------------------------------

    def content_hashes(self) -> dict[str, str]:
        """doc_id -> content hash of every stored document (to skip unchanged inputs)."""
        return {str(d): str(h) for d, h in self._all("SELECT doc_id, content_hash FROM documents")}

    def is_stored(self, doc: Document) -> bool:
        """True when this document, with this exact text, is already stored."""
        rows = self._all("SELECT content_hash FROM documents WHERE doc_id = ?", [doc.doc_id])
        return bool(rows) and rows[0][0] == content_hash(doc.text)

    def write(
        self, coded: CodedDocument, coder_version: str = __version__, data_version: str | None = None
    ) -> bool:
        """Store a coded document; False when it was already stored with the same text.

        A document stored before with other text has its rows replaced.
        """
        doc = coded.document
        if self.is_stored(doc):
            return False
        now = _now()
        try:
            self._con.execute("BEGIN TRANSACTION")
            for table in ("documents", "events", "event_actors", "quotes"):
                self._con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc.doc_id])
            self._con.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    doc.doc_id, doc.title, doc.date, doc.source, _url(doc), doc.text,
                    content_hash(doc.text), json.dumps(doc.meta, ensure_ascii=False, default=str),
                    coder_version, data_version, now,
                ],
            )
            self._insert_events(coded, coder_version, data_version)
            self._insert_quotes(coded)
            self._con.execute("COMMIT")
        except duckdb.Error as e:
            self._con.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot store {doc.doc_id}: {_first_line(e)}") from None
        return True

    def _insert_events(self, coded: CodedDocument, coder_version: str, data_version: str | None) -> None:
        doc_id = coded.document.doc_id
        events, actors = [], []
        for seq, (eid, e) in enumerate(zip(event_ids(coded), coded.events, strict=True)):
            events.append([
                eid, doc_id, seq, e.event_type, e.mode, e.modality,
                json.dumps([a.to_json() for a in e.claimed_by]) if e.claimed_by is not None else None,
                e.evidence, e.evidence_start, e.evidence_end, e.trigger, e.trigger_start,
                e.location.name if e.location else None, e.location.country if e.location else None,
                e.quantity, e.date, e.cameo, e.contested, coder_version, data_version,
            ])
            for role, group in (("actor", e.actor), ("recipient", e.recipient), ("claimant", e.claimed_by)):
                for position, a in enumerate(group or ()):
                    actors.append([eid, doc_id, role, position, a.code, a.sector, a.text, a.name])
        if events:
            self._con.executemany(f"INSERT INTO events VALUES ({', '.join(['?'] * 20)})", events)
        if actors:
            self._con.executemany("INSERT INTO event_actors VALUES (?, ?, ?, ?, ?, ?, ?, ?)", actors)

    def _insert_quotes(self, coded: CodedDocument) -> None:
        rows = [
            [
                coded.document.doc_id, seq,
                q.speaker.code if q.speaker else None, q.speaker.sector if q.speaker else None,
                q.speaker.text if q.speaker else None, q.text, q.start, q.end, q.direct,
            ]
            for seq, q in enumerate(coded.quotes)
        ]
        if rows:
            self._con.executemany("INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def write_failure(self, failure: Failure) -> None:
        """Record an input that could not be read or coded."""
        self._all(
            "INSERT INTO failures (source, doc_id, stage, reason, failed_at) VALUES (?, ?, ?, ?, ?)",
            [failure.source, failure.doc_id, failure.stage, failure.reason, _now()],
        )

    # --- reading --------------------------------------------------------------------

    def events(
        self,
        actor: str | None = None,
        type: str | None = None,  # noqa: A002 - the CLI's name for it
        modality: str | None = None,
        since: str | None = None,
        until: str | None = None,
        doc_id: str | None = None,
        limit: int | None = None,
        recipient: str | None = None,
    ) -> list[EventRow]:
        """Stored events, filtered, in order of date (event date, else document date), document, position.

        ``actor`` / ``recipient`` match a code in that role; ``since`` / ``until`` compare ISO
        date strings, inclusive (a date of "2015-08" sorts before "2015-08-01").
        """
        where: list[str] = []
        params: list[Any] = []
        for role, code in (("actor", actor), ("recipient", recipient)):
            if code:
                where.append(
                    "e.event_id IN (SELECT event_id FROM event_actors WHERE role = ? AND code = ?)"
                )
                params += [role, code.upper()]
        for column, value in (("e.event_type", type and type.upper()), ("e.modality", modality),
                              ("e.doc_id", doc_id)):
            if value:
                where.append(f"{column} = ?")
                params.append(value)
        if since:
            where.append("coalesce(e.date, d.date) >= ?")
            params.append(since)
        if until:
            where.append("coalesce(e.date, d.date) <= ?")
            params.append(until + "\uffff")
        sql = (
            "SELECT e.event_id, e.doc_id, e.event_type, e.modality, e.claimed_by, e.evidence, e.span_start,"
            " e.span_end, e.mode, e.trigger, e.location_name, e.location_country, e.quantity, e.date,"
            " e.cameo, e.contested, d.title, d.date"
            " FROM events e LEFT JOIN documents d USING (doc_id)"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY coalesce(e.date, d.date) NULLS LAST, e.doc_id, e.seq"
            + (" LIMIT ?" if limit is not None else "")
        )
        if limit is not None:
            params.append(int(limit))
        rows = self._all(sql, params)
        actors = self._actors([r[0] for r in rows])
        out = []
        for r in rows:
            roles = actors.get(r[0], {})
            out.append(EventRow(
                event_id=r[0], doc_id=r[1], event_type=r[2], modality=r[3],
                actor=tuple(roles.get("actor", ())), recipient=tuple(roles.get("recipient", ())),
                claimed_by=tuple(roles.get("claimant", ())) if r[4] is not None else None,
                evidence=r[5] or "", span_start=r[6], span_end=r[7], mode=r[8], trigger=r[9] or "",
                location=Location(r[10], r[11]) if r[10] is not None else None,
                quantity=r[12], date=r[13], cameo=r[14], contested=bool(r[15]),
                doc_title=r[16] or "", doc_date=r[17],
            ))
        return out

    def _actors(self, ids: list[str]) -> dict[str, dict[str, list[Actor]]]:
        out: dict[str, dict[str, list[Actor]]] = {}
        if not ids:
            return out
        rows = self._all(
            "SELECT event_id, role, code, sector, text, name FROM event_actors"
            " WHERE list_contains(?, event_id) ORDER BY event_id, role, position",
            [ids],
        )
        for eid, role, code, sector, text, name in rows:
            out.setdefault(eid, {}).setdefault(role, []).append(
                Actor(code=code, sector=sector or "UNK", text=text or "", name=name)
            )
        return out

    def documents(self) -> int:
        """The number of stored documents."""
        return int(self._all("SELECT count(*) FROM documents")[0][0])

    def counts(self) -> Counts:
        """Totals, and events by type and by modality."""
        def grouped(column: str) -> dict[str, int]:
            rows = self._all(f"SELECT {column}, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC, 1")
            return {str(k): int(n) for k, n in rows}

        return Counts(
            documents=self.documents(),
            events=int(self._all("SELECT count(*) FROM events")[0][0]),
            failures=int(self._all("SELECT count(*) FROM failures")[0][0]),
            by_type=grouped("event_type"),
            by_modality=grouped("modality"),
        )

    def failures(self) -> list[Failure]:
        """Every recorded failure, oldest first."""
        rows = self._all("SELECT source, reason, stage, doc_id FROM failures ORDER BY id")
        return [Failure(source=s, reason=r, stage=st, doc_id=d) for s, r, st, d in rows]


def _url(doc: Document) -> str | None:
    url = doc.meta.get("url")
    return str(url) if url else None


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _first_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__
