"""Quotes: direct quotations in curly or straight marks, and who said them.

Quotes are found on the raw text of each paragraph (sentence splitters cut multi-sentence
quotes apart), then attributed through the parse: a reporting verb right after the closing
mark ("...," Liu told CNN) or right before the opening one (Sullivan said: "..."), whose
subject is coded like any actor, pronouns included.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .actors import ActorCoder, DocActors
from .records import Actor, Quote

_QUOTE = re.compile(r"[“\"]([^“”\"\n]{2,2000})[”\"]|«([^»\n]{2,2000})»")
_WINDOW = 80  # characters after a closing mark (or before an opening one) to look for "X said"


def find_quotes(doc: Doc, coder: ActorCoder, actors: DocActors, date: str | None,
                report_verbs: frozenset[str]) -> list[Quote]:
    """Direct quotes of a parsed document, with their speakers where the text names them."""
    out: list[Quote] = []
    last_speaker: Actor | None = None
    for m in _QUOTE.finditer(doc.text):
        group = next(g for g in (1, 2) if m.group(g) is not None)
        start, end = m.start(group), m.end(group)
        if len(m.group(group).split()) < 3:  # scare quotes: "the Ukraine situation"
            continue
        verb = _reporting_verb(doc, m.end(), m.start(), report_verbs)
        speaker: Actor | None = None
        if verb is not None:
            for subj in (c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}):
                if start <= subj.idx < end:
                    continue
                found = coder.code_phrase(subj, actors, date)
                if found:
                    speaker = found[0]
                    break
        elif last_speaker is not None and _continues(doc.text, m.start()):
            speaker = last_speaker
        out.append(Quote(doc.text[start:end], start, end, speaker, True))
        if speaker is not None:
            last_speaker = speaker
    return out


def speakers_by_token(doc: Doc, quotes: list[Quote]) -> dict[int, Actor]:
    """Token index -> speaker, for every token inside an attributed quote."""
    out: dict[int, Actor] = {}
    for q in quotes:
        if q.speaker is None:
            continue
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            out[tok.i] = q.speaker
    return out


def _reporting_verb(doc: Doc, after: int, before: int, verbs: frozenset[str]) -> Token | None:
    """A reporting verb just after the quote's end, else just before its start, same paragraph."""
    tail = doc.text[after : after + _WINDOW]
    cut = tail.find("\n")
    limit = after + (cut if cut >= 0 else len(tail))
    for tok in doc:
        if after <= tok.idx < limit and tok.lemma_.lower() in verbs and tok.pos_ in {"VERB", "AUX"}:
            return tok
    head = doc.text[max(0, before - _WINDOW) : before]
    cut = head.rfind("\n")
    lower = before - len(head) + (cut + 1 if cut >= 0 else 0)
    best: Token | None = None
    for tok in doc:
        if lower <= tok.idx < before and tok.lemma_.lower() in verbs and tok.pos_ in {"VERB", "AUX"}:
            best = tok
    return best


def _continues(text: str, start: int) -> bool:
    """A quote that opens a paragraph right after another quote continues the same speaker."""
    prefix = text[max(0, start - 3) : start]
    return "\n" in prefix or start == 0
