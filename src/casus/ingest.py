"""Read input files into ``Document`` records; bad inputs become ``Failure`` records.

Supported: JSON Lines (``.jsonl``, ``.ndjson``), plain text (``.txt``), Markdown (``.md``),
HTML (``.html``, ``.htm``), directories (recursively, in sorted order) and ``-`` for JSON
Lines on standard input. Reading never stops at a bad input: it yields a ``Failure`` and
goes on.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from casus.records import Document, Failure

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
KNOWN_SUFFIXES = JSONL_SUFFIXES | TEXT_SUFFIXES | HTML_SUFFIXES

# Fields of an input line that are not metadata: the document itself, or coder output.
_CORE_FIELDS = frozenset({"doc_id", "title", "date", "text", "source", "events", "quotes"})

Item = Document | Failure


def content_id(text: str) -> str:
    """The id of a document that has none: the first 16 hex digits of sha1(text)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def read_inputs(paths: Iterable[str | Path], max_bytes: int = 2_000_000) -> Iterator[Item]:
    """Yield a Document or a Failure for each document found under ``paths``, in order."""
    for raw in paths:
        if str(raw) == "-":
            yield from _read_jsonl_text(sys.stdin.read(), "<stdin>", max_bytes)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in KNOWN_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            for f in files:
                yield from _read_file(f, max_bytes)
        elif path.exists():
            yield from _read_file(path, max_bytes)
        else:
            yield Failure(source=str(path), reason="no such file or directory")


def _read_file(path: Path, max_bytes: int) -> Iterator[Item]:
    source = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix not in JSONL_SUFFIXES and path.stat().st_size > max_bytes:
            yield Failure(source, f"file is {path.stat().st_size} bytes, over the limit of {max_bytes}")
            return
        data = path.read_bytes()
    except OSError as e:
        yield Failure(source, f"cannot read file: {e.strerror or e}")
        return
    text, reason = _decode(data)
    if text is None:
        yield Failure(source, reason)
        return
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl_text(text, source, max_bytes)
    elif suffix in HTML_SUFFIXES:
        yield _html_document(text, source, max_bytes)
    else:
        yield _text_document(text, source, max_bytes, markdown=suffix in {".md", ".markdown"})


def _decode(data: bytes) -> tuple[str | None, str]:
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError as e:
        return None, f"not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start})"


def _read_jsonl_text(text: str, source: str, max_bytes: int) -> Iterator[Item]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield Failure(where, f"invalid JSON: {e.msg} (column {e.colno})")
            continue
        if not isinstance(obj, dict):
            yield Failure(where, f"expected a JSON object, got {type(obj).__name__}")
            continue
        yield _json_document(obj, where, max_bytes)


def _json_document(obj: dict[str, Any], where: str, max_bytes: int) -> Item:
    raw_id = obj.get("doc_id")
    doc_id = str(raw_id) if isinstance(raw_id, str | int) and str(raw_id).strip() else None
    text = obj.get("text")
    if text is None:
        return Failure(where, "no \"text\" field", doc_id=doc_id)
    if not isinstance(text, str):
        return Failure(where, f"\"text\" must be a string, got {type(text).__name__}", doc_id=doc_id)
    title = obj.get("title")
    date = obj.get("date")
    source = obj.get("source")
    meta = {k: v for k, v in obj.items() if k not in _CORE_FIELDS}
    return _checked(
        Document(
            doc_id=doc_id or content_id(text),
            text=text,
            title=str(title) if title is not None else "",
            date=str(date) if date not in (None, "") else None,
            source=str(source) if source is not None else "",
            meta=meta,
        ),
        where,
        max_bytes,
    )


def _text_document(text: str, source: str, max_bytes: int, markdown: bool) -> Item:
    title = ""
    for line in text.splitlines():
        if line.strip():
            title = line.strip()
            if markdown:
                title = title.lstrip("#").strip()
            break
    doc = Document(doc_id=content_id(text), text=text, title=title, meta={"path": source})
    return _checked(doc, source, max_bytes)


def _html_document(html: str, source: str, max_bytes: int) -> Item:
    import trafilatura  # imported here: it is only needed for HTML input

    try:
        extracted = trafilatura.bare_extraction(html, with_metadata=True)
    except Exception as e:  # trafilatura raises many kinds on malformed pages
        return Failure(source, f"cannot parse HTML: {type(e).__name__}")
    text = (getattr(extracted, "text", None) or "") if extracted is not None else ""
    if not text.strip():
        return Failure(source, "no main text found in the HTML")
    title = (getattr(extracted, "title", None) or "") if extracted is not None else ""
    meta: dict[str, Any] = {"path": source}
    url = getattr(extracted, "url", None) if extracted is not None else None
    if url:
        meta["url"] = url
    date = getattr(extracted, "date", None) if extracted is not None else None
    if date and (date == _today() and date not in html):
        date = None  # a guess of "today" is no date
    doc = Document(doc_id=content_id(text), text=text, title=title, date=date or None, meta=meta)
    return _checked(doc, source, max_bytes)


def _today() -> str:
    return datetime.date.today().isoformat()


def _checked(doc: Document, source: str, max_bytes: int) -> Item:
    """The document itself, or a Failure when it is empty, too large or not English."""
    if not doc.text.strip():
        return Failure(source, "empty document", doc_id=doc.doc_id)
    size = len(doc.text.encode("utf-8"))
    if size > max_bytes:
        return Failure(source, f"document is {size} bytes, over the limit of {max_bytes}", doc_id=doc.doc_id)
    language = guess_non_english(doc.text)
    if language:
        return Failure(source, f"text is not English (looks like {language})", doc_id=doc.doc_id)
    return doc


# --- a cheap language check: counts of common function words --------------------------

def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "English": _words(
        "the of and to in is that for on with as by at from it its his her their was were has have "
        "had be been will would said which who not are this an but they he she or after also than "
        "about into over against could should there what when"
    ),
    "German": _words(
        "der die das und ist nicht mit von zu den dem des ein eine einen auf für sich auch wird hat "
        "sie es im bei nach wurde werden sind aus über dass oder wie noch vor zum zur am um gegen "
        "einem einer seine ihre"
    ),
    "French": _words(
        "le la les de des du et est une un que qui dans pour pas sur au aux avec ce il elle ont été "
        "sont par plus ne se leur mais cette ces sa son"
    ),
    "Spanish": _words(
        "el los las y que del por con para una es se su al lo como más pero sus fue ha este esta "
        "según entre sobre"
    ),
    "Italian": _words(
        "il di che della per non sono gli è nel nella delle dei alla anche ha una con si da"
    ),
    "Portuguese": _words(
        "o os do da não em com uma por para que é dos das ao mais foi pelo pela"
    ),
    "Dutch": _words("het een van en niet dat zijn op voor met ook aan er werd bij naar"),
}
_WORD = re.compile(r"[^\W\d_]+")
_SAMPLE_CHARS = 5000


def guess_non_english(text: str) -> str | None:
    """The name of the language ``text`` seems to be in when that is not English, else None.

    Short texts with no telling words count as English. Non-Latin scripts are named by script.
    """
    sample = text[:_SAMPLE_CHARS]
    words = _WORD.findall(sample.lower())
    if not words:
        return None
    latin = sum(1 for w in words if w.isascii() or all(c <= "\u024f" for c in w))
    if len(words) >= 5 and latin / len(words) < 0.5:
        return "a non-Latin script"
    hits = {lang: sum(1 for w in words if w in fw) for lang, fw in _FUNCTION_WORDS.items()}
    english = hits.pop("English")
    other_lang, other = max(hits.items(), key=lambda kv: kv[1])
    if (other >= 3 and other > 2 * english) or (other >= 2 and english == 0):
        return other_lang
    return None
