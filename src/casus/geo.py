"""Geo stage: where an event happened, from place names near its trigger."""

from __future__ import annotations

from spacy.tokens import Token

from .kb import KnowledgeBase
from .records import Location

_PLACE_PREPS = frozenset({"in", "at", "near", "across", "inside", "outside", "around", "throughout"})


def locate(trigger: Token, kb: KnowledgeBase, date: str | None,
           skip: tuple[int, ...] = ()) -> Location | None:
    """The place the trigger's clause puts the event in ("attacks in Baghdad"), else None.

    Prefers a place attached to the trigger by a locative preposition; falls back to the first
    place named in the sentence that is not an argument of the event.
    """
    sent = trigger.sent
    places = [e for e in sent.ents if e.label_ in {"GPE", "LOC", "FAC"}]
    if not places:
        return None
    best = None
    for ent in places:
        head = ent.root
        if head.i in skip:
            continue
        prep = head.head if head.dep_ == "pobj" else None
        if prep is not None and prep.lower_ in _PLACE_PREPS:
            governor = prep.head
            if governor.i == trigger.i or governor.is_ancestor(trigger) or trigger.is_ancestor(governor):
                best = ent
                break
            if best is None:
                best = ent
    if best is None:
        return None
    hit = kb.resolve(best.text, date)
    country = hit[1].code if hit is not None and len(hit[1].code) == 3 and hit[1].code.isalpha() \
        and hit[1].code not in {"IGO", "UNO", "EUR", "NGO", "IMG", "MNC"} else None
    return Location(best.text, country, best.start_char, best.end_char)
