"""Writers for coded documents: JSON Lines (one line per document), CSV and Parquet (one row per event).

The flat columns of CSV and Parquet are listed in ``FLAT_COLUMNS`` and docs/schema.md.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

from casus.records import QUAD, Actor, CodedDocument, Event

FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")

FLAT_COLUMNS: tuple[str, ...] = (
    "event_id", "doc_id", "doc_title", "doc_date", "event_type", "quad", "mode", "modality",
    "actor_codes", "actor_sectors", "actor_texts", "recipient_codes", "recipient_sectors",
    "recipient_texts", "claimed_by_codes", "claimed_by_texts", "evidence", "span_start", "span_end",
    "trigger", "location_name", "location_country", "quantity", "event_date", "cameo", "contested",
)
_INT_COLUMNS = frozenset({"span_start", "span_end"})
_BOOL_COLUMNS = frozenset({"contested"})


def event_id(doc_id: str, event: Event, salt: int = 0) -> str:
    """A deterministic id: a hash of the document id and what identifies the event in it."""
    key = json.dumps(
        [
            doc_id, event.event_type, [a.code for a in event.actor], [a.code for a in event.recipient],
            event.modality, event.evidence_start, event.evidence_end, event.trigger_start, salt,
        ]
    )
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def event_ids(coded: CodedDocument) -> list[str]:
    """The ids of a document's events, in order; distinct even for repeated events."""
    seen: set[str] = set()
    out: list[str] = []
    for event in coded.events:
        salt = 0
        eid = event_id(coded.document.doc_id, event)
        while eid in seen:
            salt += 1
            eid = event_id(coded.document.doc_id, event, salt)
        seen.add(eid)
        out.append(eid)
    return out


def _join(values: Sequence[str | None]) -> str:
    return ";".join(v or "" for v in values)


def _actors(prefix: str, actors: Sequence[Actor]) -> dict[str, str]:
    return {
        f"{prefix}_codes": _join([a.code for a in actors]),
        f"{prefix}_sectors": _join([a.sector for a in actors]),
        f"{prefix}_texts": _join([a.text for a in actors]),
    }


def flat_rows(coded: CodedDocument) -> Iterator[dict[str, Any]]:
    """One flat dict per event (keys: ``FLAT_COLUMNS``); lists are joined with ';'."""
    doc = coded.document
    for eid, e in zip(event_ids(coded), coded.events, strict=True):
        row: dict[str, Any] = {
            "event_id": eid,
            "doc_id": doc.doc_id,
            "doc_title": doc.title,
            "doc_date": doc.date,
            "event_type": e.event_type,
            "quad": QUAD.get(e.event_type),
            "mode": e.mode,
            "modality": e.modality,
            **_actors("actor", e.actor),
            **_actors("recipient", e.recipient),
            "claimed_by_codes": _join([a.code for a in e.claimed_by]) if e.claimed_by else None,
            "claimed_by_texts": _join([a.text for a in e.claimed_by]) if e.claimed_by else None,
            "evidence": e.evidence,
            "span_start": e.evidence_start,
            "span_end": e.evidence_end,
            "trigger": e.trigger,
            "location_name": e.location.name if e.location else None,
            "location_country": e.location.country if e.location else None,
            "quantity": e.quantity,
            "event_date": e.date,
            "cameo": e.cameo,
            "contested": e.contested,
        }
        yield {k: row[k] for k in FLAT_COLUMNS}


class Writer:
    """Base of the writers: ``write`` each coded document, then ``close`` (or use ``with``)."""

    def write(self, coded: CodedDocument) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Writer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class JsonlWriter(Writer):
    """One JSON line per document: the input fields plus ``events`` and ``quotes``."""

    def __init__(self, stream: TextIO, owned: bool = True) -> None:
        self._stream, self._owned = stream, owned

    def write(self, coded: CodedDocument) -> None:
        self._stream.write(json.dumps(coded.to_json(), ensure_ascii=False) + "\n")

    def close(self) -> None:
        self._stream.flush()
        if self._owned:
            self._stream.close()


class CsvWriter(Writer):
    """One CSV row per event, with a header row of ``FLAT_COLUMNS``."""

    def __init__(self, stream: TextIO, owned: bool = True) -> None:
        self._stream, self._owned = stream, owned
        self._csv = csv.DictWriter(stream, fieldnames=list(FLAT_COLUMNS))
        self._csv.writeheader()

    def write(self, coded: CodedDocument) -> None:
        self._csv.writerows(flat_rows(coded))

    def close(self) -> None:
        self._stream.flush()
        if self._owned:
            self._stream.close()


class ParquetWriter(Writer):
    """One Parquet row per event (``FLAT_COLUMNS``), written in row groups of ``batch`` rows."""

    def __init__(self, path: str | Path, batch: int = 10_000) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self._pa = pa
        self._schema = pa.schema(
            [
                (c, pa.int64() if c in _INT_COLUMNS else pa.bool_() if c in _BOOL_COLUMNS else pa.string())
                for c in FLAT_COLUMNS
            ]
        )
        self._writer = pq.ParquetWriter(str(path), self._schema)
        self._rows: list[dict[str, Any]] = []
        self._batch = batch

    def write(self, coded: CodedDocument) -> None:
        self._rows.extend(flat_rows(coded))
        if len(self._rows) >= self._batch:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            self._writer.write_table(self._pa.Table.from_pylist(self._rows, schema=self._schema))
            self._rows = []

    def close(self) -> None:
        self._flush()
        self._writer.close()


def open_writer(path: str | Path, fmt: str, stream: TextIO | None = None) -> Writer:
    """A writer of format ``fmt`` to ``path``, or to ``stream`` (jsonl and csv only) when given."""
    if fmt == "jsonl":
        if stream is not None:
            return JsonlWriter(stream, owned=False)
        return JsonlWriter(open(path, "w", encoding="utf-8"))
    if fmt == "csv":
        if stream is not None:
            return CsvWriter(stream, owned=False)
        return CsvWriter(open(path, "w", encoding="utf-8", newline=""))
    if fmt == "parquet":
        return ParquetWriter(path)
    raise ValueError(f"unknown output format {fmt!r}; expected one of {', '.join(FORMATS)}")
