from __future__ import annotations

import json
from pathlib import Path

from casus.ingest import content_id, guess_non_english, read_inputs
from casus.records import Document, Failure

FIXTURES = Path(__file__).parent / "fixtures"


def _items(*paths: str | Path, max_bytes: int = 2_000_000) -> list[Document | Failure]:
    return list(read_inputs(paths, max_bytes=max_bytes))


def test_jsonl_documents_and_failures() -> None:
    items = _items(FIXTURES / "docs.jsonl")
    first, second, bad_json, no_text, empty = items
    assert isinstance(first, Document)
    assert first.doc_id == "fx-001"
    assert first.date == "2021-03-04"
    assert first.source == "Test Wire"
    assert first.meta == {"url": "https://example.org/fx-001"}
    assert isinstance(second, Document)
    assert second.date is None
    assert second.doc_id == content_id(second.text) and len(second.doc_id) == 16
    assert isinstance(bad_json, Failure)
    assert bad_json.source.endswith("docs.jsonl:4")  # the blank line 3 is skipped
    assert bad_json.reason.startswith("invalid JSON")
    assert isinstance(no_text, Failure) and no_text.reason == 'no "text" field' and no_text.doc_id == "fx-004"
    assert isinstance(empty, Failure) and empty.reason == "empty document"
    assert all(f.stage == "ingest" for f in items if isinstance(f, Failure))


def test_directory_is_read_recursively_in_sorted_order() -> None:
    items = _items(FIXTURES / "inputs")
    names = [Path(i.source if isinstance(i, Failure) else i.meta["path"]).name for i in items]
    assert names == ["empty.txt", "german.txt", "latin1.txt", "aid.md", "protest.html", "warning.txt"]
    reasons = {Path(i.source).name: i.reason for i in items if isinstance(i, Failure)}
    assert reasons["empty.txt"] == "empty document"
    assert reasons["german.txt"] == "text is not English (looks like German)"
    assert reasons["latin1.txt"].startswith("not UTF-8 text")


def test_text_markdown_and_html_titles() -> None:
    docs = {Path(d.meta["path"]).name: d for d in _items(FIXTURES / "inputs") if isinstance(d, Document)}
    assert docs["warning.txt"].title == "Russia warns Ukraine"
    assert docs["aid.md"].title == "Aid pledged"
    html = docs["protest.html"]
    assert html.title == "Protesters rally in Caracas"
    assert "opposition supporters protested in Caracas" in html.text
    assert "Copyright" not in html.text and "<p>" not in html.text
    assert all(d.date is None for d in docs.values())
    assert all(d.doc_id == content_id(d.text) for d in docs.values())


def test_missing_file_and_french_text() -> None:
    missing, french = _items(FIXTURES / "nope.jsonl", FIXTURES / "french.txt")
    assert isinstance(missing, Failure) and missing.reason == "no such file or directory"
    assert isinstance(french, Failure) and "French" in french.reason


def test_oversized_documents(tmp_path: Path) -> None:
    line = {"doc_id": "big", "text": "The minister said the talks with Iran would continue. " * 10}
    (tmp_path / "big.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    (tmp_path / "big.txt").write_text(line["text"], encoding="utf-8")
    for item in _items(tmp_path, max_bytes=100):
        assert isinstance(item, Failure)
        assert "over the limit of 100" in item.reason
    assert all(isinstance(i, Document) for i in _items(tmp_path, max_bytes=10_000))


def test_non_object_line_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "odd.jsonl"
    line = b'{"doc_id": 7, "text": "Iran and Iraq signed a trade deal in Baghdad."}'
    path.write_bytes(b"\xef\xbb\xbf" + line + b"\n[1, 2]\n")
    doc, bad = _items(path)
    assert isinstance(doc, Document) and doc.doc_id == "7"
    assert isinstance(bad, Failure) and bad.source.endswith("odd.jsonl:2") and "JSON object" in bad.reason


def test_events_of_input_lines_are_not_metadata(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"doc_id": "g", "text": "The army attacked the town.", "events": [{}]}) + "\n")
    (doc,) = _items(path)
    assert isinstance(doc, Document) and "events" not in doc.meta


def test_language_guess() -> None:
    assert guess_non_english("Russia attacked Ukraine on Tuesday, officials said.") is None
    assert guess_non_english("Kyiv") is None
    german = "Die Regierung hat am Dienstag neue Sanktionen gegen Russland beschlossen."
    spanish = "El gobierno de España y los sindicatos firmaron un acuerdo para la reforma."
    assert guess_non_english(german) == "German"
    assert guess_non_english(spanish) == "Spanish"
    assert guess_non_english("Правительство России заявило во вторник о новых санкциях против") is not None


def test_html_date_from_metadata() -> None:
    (doc,) = _items(FIXTURES / "html" / "dated.html")
    assert isinstance(doc, Document) and doc.date == "2021-06-01"


def test_html_without_main_text() -> None:
    (bad,) = _items(FIXTURES / "html" / "blank.html")
    assert isinstance(bad, Failure) and bad.reason == "no main text found in the HTML"
