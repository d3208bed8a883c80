from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import casus.cli
from casus.cli import app
from casus.output import FLAT_COLUMNS
from casus.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
DOCS = str(FIXTURES / "docs.jsonl")
INPUTS = str(FIXTURES / "inputs")

runner = CliRunner()


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch, coder: Any) -> Any:
    """The real coder (loaded once per session), behind the CLI's loader."""
    monkeypatch.setattr(casus.cli, "load_coder", lambda: coder)
    return coder


@pytest.fixture
def failing(monkeypatch: pytest.MonkeyPatch, fake_coder: Any) -> Any:
    """Fault injection: a coder that fails on demand, which the real one cannot be made to do."""
    monkeypatch.setattr(casus.cli, "load_coder", lambda: fake_coder)
    return fake_coder


def _good_jsonl(tmp_path: Path, *texts: str) -> str:
    path = tmp_path / "good.jsonl"
    path.write_text(
        "".join(json.dumps({"doc_id": f"g{i}", "date": f"2021-05-0{i + 1}", "text": t}) + "\n"
                for i, t in enumerate(texts)),
        encoding="utf-8",
    )
    return str(path)


GOOD = "The French government condemned the attack on the embassy in Baghdad on Tuesday."


def test_code_jsonl_all_good(fake: Any, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["code", _good_jsonl(tmp_path, GOOD), "-o", str(out)])
    assert result.exit_code == 0, result.output
    (line,) = [json.loads(x) for x in out.read_text().splitlines()]
    assert line["doc_id"] == "g0" and line["events"][0]["event_type"] == "ACCUSE" and line["quotes"] == []


def test_code_with_failures_exits_3(fake: Any, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["code", DOCS, INPUTS, str(FIXTURES / "french.txt"), "-o", str(out)])
    assert result.exit_code == 3
    errors = [x for x in result.stderr.splitlines() if x]
    assert all(x.startswith("casus: error: ") for x in errors)
    assert len(errors) == 7
    assert any("docs.jsonl:4: invalid JSON" in x for x in errors)
    assert any("latin1.txt: not UTF-8 text" in x for x in errors)
    assert any("french.txt: text is not English" in x for x in errors)
    ids = [json.loads(x)["doc_id"] for x in out.read_text().splitlines()]
    assert len(ids) == 5 and ids[0] == "fx-001"


def test_code_max_bytes(fake: Any, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    src = _good_jsonl(tmp_path, GOOD, "Short.")
    result = runner.invoke(app, ["code", src, "-o", str(out), "--max-bytes", "20"])
    assert result.exit_code == 3
    assert "over the limit of 20" in result.stderr
    assert [json.loads(x)["doc_id"] for x in out.read_text().splitlines()] == ["g1"]


def test_code_csv_and_parquet(fake: Any, tmp_path: Path) -> None:
    src = _good_jsonl(tmp_path, GOOD, "Nothing happened.", GOOD + " Again.")
    assert runner.invoke(app, ["code", src, "-o", str(tmp_path / "e.csv")]).exit_code == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "e.csv").read_text())))
    assert len(rows) == 2 and tuple(rows[0]) == FLAT_COLUMNS
    assert rows[0]["actor_codes"] == "FRA" and rows[0]["quad"] == "verbal conflict"
    result = runner.invoke(app, ["code", src, "-o", str(tmp_path / "e.out"), "--format", "parquet"])
    assert result.exit_code == 0
    table = pq.read_table(tmp_path / "e.out")
    assert table.num_rows == 2 and table.column_names == list(FLAT_COLUMNS)
    assert table.column("span_start").to_pylist() == [0, 0]


def test_code_coder_failure_is_reported(failing: Any, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["code", _good_jsonl(tmp_path, GOOD, "It will EXPLODE."), "-o", str(out)])
    assert result.exit_code == 3
    assert "casus: error: g1: coder failed: boom" in result.stderr


def test_usage_errors(fake: Any, tmp_path: Path) -> None:
    assert runner.invoke(app, ["code", DOCS]).exit_code == 2  # no -o
    assert runner.invoke(app, ["code", DOCS, "-o", "x", "--format", "xml"]).exit_code == 2
    assert runner.invoke(app, ["code", DOCS, "-o", "x", "--workers", "0"]).exit_code == 2
    assert runner.invoke(app, ["events", "--db", "x.duckdb", "--since", "yesterday"]).exit_code == 2
    assert runner.invoke(app, ["events", "--db", "x.duckdb", "--modality", "maybe"]).exit_code == 2
    assert runner.invoke(app, ["nonsense"]).exit_code == 2


def test_fatal_errors_are_one_line(fake: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "missing.duckdb")])
    assert result.exit_code == 1
    assert result.stderr == f"casus: error: {tmp_path / 'missing.duckdb'}: no such database\n"

    def broken() -> Any:
        raise casus.cli.ModelError("the model is gone")

    monkeypatch.setattr(casus.cli, "load_coder", broken)
    result = runner.invoke(app, ["code", DOCS, "-o", str(tmp_path / "o.jsonl")])
    assert (result.exit_code, result.stderr) == (1, "casus: error: the model is gone\n")


def test_ingest_stores_good_docs_and_failures(fake: Any, tmp_path: Path) -> None:
    db = str(tmp_path / "c.duckdb")
    result = runner.invoke(app, ["ingest", DOCS, INPUTS, "--db", db])
    assert result.exit_code == 3
    with Store(db, read_only=True) as store:
        counts = store.counts()
        failures = store.failures()
    # how many events the coder finds is the coder's business; the store keeps all of them
    assert counts.events >= 5
    assert result.stdout.startswith(f"stored 5 documents ({counts.events} events), 0 unchanged, 6 failed")
    assert (counts.documents, counts.failures) == (5, 6)
    assert {f.source.rsplit("/", 1)[-1] for f in failures} >= {"docs.jsonl:4", "latin1.txt", "german.txt"}
    # again: nothing new is stored, the same failures are recorded again
    result = runner.invoke(app, ["ingest", DOCS, INPUTS, "--db", db])
    assert result.exit_code == 3
    assert result.stdout.startswith("stored 0 documents (0 events), 5 unchanged, 6 failed")


def test_events_and_summary(fake: Any, tmp_path: Path) -> None:
    db = str(tmp_path / "c.duckdb")
    src = _good_jsonl(tmp_path, GOOD, GOOD + " Again.", "Nothing happened.")
    assert runner.invoke(app, ["ingest", src, "--db", db]).exit_code == 0
    table = runner.invoke(app, ["events", "--db", db])
    assert table.exit_code == 0
    assert len(table.stdout.splitlines()) == 2 and "ACCUSE" in table.stdout and "FRA -> -" in table.stdout
    lines = runner.invoke(app, ["events", "--db", db, "--format", "jsonl", "--since", "2021-05-02"]).stdout
    (row,) = [json.loads(x) for x in lines.splitlines()]
    assert row["doc_id"] == "g1" and row["actor"][0]["code"] == "FRA"
    as_csv = runner.invoke(app, ["events", "--db", db, "--format", "csv"]).stdout
    rows = list(csv.DictReader(io.StringIO(as_csv)))
    assert [r["doc_id"] for r in rows] == ["g0", "g1"] and tuple(rows[0]) == FLAT_COLUMNS
    assert rows[0]["actor_codes"] == "FRA" and rows[0]["claimed_by_codes"] == ""
    assert runner.invoke(app, ["events", "--db", db, "--actor", "USA"]).stdout == ""
    limited = runner.invoke(app, ["events", "--db", db, "--limit", "1", "--type", "accuse"]).stdout
    assert len(limited.splitlines()) == 1
    summary = runner.invoke(app, ["summary", "--db", db])
    assert summary.exit_code == 0
    assert summary.stdout.startswith("3 documents, 2 events, 0 failures")
    assert "ACCUSE" in summary.stdout and "asserted" in summary.stdout and "condemned" in summary.stdout


def test_eval_with_pred_matches_evaluate() -> None:
    gold, pred = str(FIXTURES / "eval_gold.jsonl"), str(FIXTURES / "eval_pred.jsonl")
    result = runner.invoke(app, ["eval", gold, "--pred", pred, "--by-type"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "documents 3"
    assert "  SUPPORT    F1 0.500" in result.stdout
    as_json = json.loads(runner.invoke(app, ["eval", gold, "--pred", pred, "--json"]).stdout)
    assert as_json["event"]["tp"] == 4
    bad = runner.invoke(app, ["eval", gold, "--pred", str(FIXTURES / "nope.jsonl")])
    assert bad.exit_code == 1 and "cannot read file" in bad.stderr


def test_eval_codes_gold_itself(fake: Any, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    event = {"event_type": "ACCUSE", "actor": [{"code": "FRA"}], "recipient": [], "modality": "asserted"}
    gold.write_text(json.dumps({"doc_id": "a", "text": "The army attacked.", "events": [event]}) + "\n"
                    + json.dumps({"doc_id": "b", "text": GOOD, "events": [event]}) + "\n")
    result = runner.invoke(app, ["eval", str(gold), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["event"] == {
        "precision": 1.0, "recall": 0.5, "f1": 0.6667, "tp": 1, "gold": 2, "pred": 1
    }


def test_real_coder_end_to_end(coder: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(casus.cli, "load_coder", lambda: coder)
    db = str(tmp_path / "c.duckdb")
    result = runner.invoke(app, ["ingest", DOCS, INPUTS, "--db", db])
    assert result.exit_code == 3
    with Store(db, read_only=True) as store:
        assert store.counts().documents == 5
    out = tmp_path / "o.jsonl"
    assert runner.invoke(app, ["code", DOCS, "-o", str(out)]).exit_code == 3
    first = json.loads(out.read_text().splitlines()[0])
    assert first["doc_id"] == "fx-001" and isinstance(first["events"], list)
    assert runner.invoke(app, ["summary", "--db", db]).exit_code == 0


def test_stdin_to_stdout(fake: Any) -> None:
    line = json.dumps({"doc_id": "s1", "text": GOOD}) + "\n"
    result = runner.invoke(app, ["code", "-", "-o", "-"], input=line + "{oops\n")
    assert result.exit_code == 3
    assert json.loads(result.stdout.splitlines()[0])["doc_id"] == "s1"
    assert "casus: error: <stdin>:2: invalid JSON" in result.stderr


def test_code_stream_interleaves_failures(fake_coder: Any) -> None:
    from casus.cli import code_stream
    from casus.records import Document, Failure

    items = [Failure("a", "bad"), Document("d1", GOOD), Failure("b", "bad"), Document("d2", "x EXPLODE")]
    out = list(code_stream(iter(items), fake_coder))
    assert [getattr(o, "source", None) or o.document.doc_id for o in out] == ["a", "d1", "b", "d2"]
    assert isinstance(out[-1], Failure) and out[-1].stage == "code"


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("casus ")
