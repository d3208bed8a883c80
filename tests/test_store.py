from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from casus.errors import StoreError
from casus.records import Actor, CodedDocument, Document, Event, Failure, Location, Quote
from casus.store import SCHEMA_VERSION, Store

FRA = Actor("FRA", "GOV", "The French government")
IRQ = Actor("IRQ", "GOV", "Iraq")
TEXT = "The French government condemned the attack and urged Iraq to protect diplomats."


def _coded(doc_id: str = "d1", text: str = TEXT, date: str | None = "2021-03-04") -> CodedDocument:
    accuse = Event("ACCUSE", (FRA,), (), "asserted", "The French government condemned the attack", 0, 42,
                   trigger="condemned", trigger_start=22, location=Location("Baghdad", "IRQ"))
    request = Event("REQUEST", (FRA,), (IRQ,), "future", "urged Iraq to protect diplomats", 47, 78,
                    claimed_by=(Actor("---", "UNK", "reportedly"),), mode="change", date="2021-03-05")
    quote = Quote("protect diplomats", 61, 78, speaker=FRA, direct=False)
    doc = Document(doc_id, text, title="France condemns", date=date, source="Wire", meta={"url": "https://x.org"})
    return CodedDocument(doc, (accuse, request), (quote,))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "casus.duckdb"


def test_write_is_idempotent(db: Path) -> None:
    with Store(db) as store:
        assert store.write(_coded()) is True
        assert store.write(_coded()) is False
        counts = store.counts()
    assert (counts.documents, counts.events, counts.failures) == (1, 2, 0)
    assert counts.by_type == {"ACCUSE": 1, "REQUEST": 1}
    assert counts.by_modality == {"asserted": 1, "future": 1}


def test_changed_text_replaces_rows(db: Path) -> None:
    with Store(db) as store:
        store.write(_coded())
        ids = [e.event_id for e in store.events()]
        changed = CodedDocument(Document("d1", TEXT + " More.", date="2021-04-01"), _coded().events[:1])
        assert store.write(changed) is True
        rows = store.events()
        assert len(rows) == 1 and rows[0].doc_date == "2021-04-01"
        assert rows[0].event_id == ids[0]  # ids are deterministic
        con_rows = store._all("SELECT count(*) FROM quotes")  # noqa: SLF001
        assert con_rows == [(0,)]
        assert store._all("SELECT count(*) FROM event_actors") == [(1,)]  # noqa: SLF001


def test_event_rows_round_trip(db: Path) -> None:
    with Store(db) as store:
        store.write(_coded())
    with Store(db, read_only=True) as store:
        accuse, request = store.events()
    assert accuse.event_type == "ACCUSE" and accuse.actor == (FRA,) and accuse.recipient == ()
    assert accuse.claimed_by is None and accuse.location == Location("Baghdad", "IRQ")
    assert (accuse.span_start, accuse.span_end, accuse.trigger) == (0, 42, "condemned")
    assert accuse.doc_title == "France condemns" and accuse.doc_date == "2021-03-04"
    assert request.claimed_by == (Actor("---", "UNK", "reportedly"),)
    assert request.recipient == (IRQ,) and request.mode == "change" and request.date == "2021-03-05"
    out = request.to_json()
    assert out["span"] == [47, 78] and out["actor"] == [FRA.to_json()]
    json.dumps(out)


def test_filters(db: Path) -> None:
    with Store(db) as store:
        store.write(_coded("d1", date="2021-03-04"))
        store.write(_coded("d2", TEXT.replace("Iraq", "Iraq's army"), date="2022-01-10"))
        store.write(_coded("d3", TEXT + " Undated.", date=None))
        assert len(store.events()) == 6
        assert len(store.events(actor="fra")) == 6
        assert len(store.events(actor="IRQ")) == 0
        assert len(store.events(recipient="IRQ")) == 3
        assert len(store.events(type="request")) == 3
        assert len(store.events(modality="future")) == 3
        assert [(e.doc_id, e.event_type) for e in store.events(since="2022")] == [("d2", "ACCUSE")]
        # event date first, else document date; until is inclusive of the whole day
        assert [(e.doc_id, e.event_type) for e in store.events(until="2021-03-04")] == [("d1", "ACCUSE")]
        assert len(store.events(doc_id="d3")) == 2
        assert len(store.events(limit=1)) == 1
        assert store.events()[-1].doc_id == "d3"  # undated last


def test_failures(db: Path) -> None:
    with Store(db) as store:
        store.write_failure(Failure("a.jsonl:3", "invalid JSON"))
        store.write_failure(Failure("b.txt", "empty document", stage="code", doc_id="b"))
        assert store.failures() == [
            Failure("a.jsonl:3", "invalid JSON"), Failure("b.txt", "empty document", "code", "b")
        ]
        assert store.counts().failures == 2


def test_schema_version_and_documents_table(db: Path) -> None:
    with Store(db) as store:
        assert store.schema_version() == SCHEMA_VERSION
        store.write(_coded(), coder_version="9.9", data_version="lex-3")
    with Store(db) as store:  # reopening does not migrate again
        assert store.schema_version() == SCHEMA_VERSION
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute(
            "SELECT doc_id, title, date, source, url, coder_version, data_version, length(content_hash)"
            " FROM documents"
        ).fetchall()
        assert row == [("d1", "France condemns", "2021-03-04", "Wire", "https://x.org", "9.9", "lex-3", 40)]
        versions = con.execute("SELECT DISTINCT coder_version, data_version FROM events").fetchall()
        assert versions == [("9.9", "lex-3")]
        assert con.execute("SELECT count(*) FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
    finally:
        con.close()


def test_read_only_errors(db: Path, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_path / "missing.duckdb", read_only=True)
    duckdb.connect(str(db)).close()  # an empty, unmigrated file
    with pytest.raises(StoreError, match="needs migrating"):
        Store(db, read_only=True)
    bad = tmp_path / "bad.duckdb"
    bad.write_text("not a database")
    with pytest.raises(StoreError, match="cannot open"):
        Store(bad)


def test_is_stored_and_content_hashes(db: Path) -> None:
    with Store(db) as store:
        coded = _coded()
        assert not store.is_stored(coded.document)
        store.write(coded)
        assert store.is_stored(coded.document)
        assert not store.is_stored(Document("d1", "other text"))
        assert set(store.content_hashes()) == {"d1"}


def test_flat_rows_match_output_writer(db: Path) -> None:
    from casus.output import flat_rows

    coded = _coded()
    with Store(db) as store:
        store.write(coded)
        assert [e.to_flat() for e in store.events()] == list(flat_rows(coded))
