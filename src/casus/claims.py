"""Attacks and their claims: who claimed an attack that names no attacker, and whom it hit.

"attacks claimed by ISIL", "ISIL claimed the bombing" (a sentence or two away), "attacks in the
town, which targeted and killed civilians".
"""

from __future__ import annotations

from spacy.tokens import Token

_HARM = frozenset({"target", "kill", "hit", "wound", "injure", "strike", "destroy", "attack", "murder"})


def victims(noun: Token) -> list[Token]:
    """Who an attack hit, from a clause on it or on its place: "attacks in the town of X, which
    targeted and killed civilians"."""
    for child in noun.subtree:
        if child.dep_ not in {"relcl", "acl"} or child.i == noun.i:
            continue
        for verb in [child, *child.conjuncts]:
            objs = [c for c in verb.children if c.dep_ == "dobj"]
            if objs and verb.lemma_ in _HARM:
                return objs
    return []


_CLAIMED = frozenset({"responsibility", "attack", "bombing", "killing", "assault", "strike", "blast",
                      "explosion", "shooting", "massacre"})


def claimed_nearby(noun: Token) -> list[Token]:
    """The group that claimed an unattributed attack in a nearby sentence: "We condemn the
    attacks in Baghdad. ... ISIL claimed the attacks." """
    doc = noun.doc
    sent = noun.sent
    for tok in doc[max(0, sent.start - 80) : min(len(doc), sent.end + 120)]:
        if tok.lemma_.lower() != "claim" or tok.pos_ != "VERB":
            continue
        if any(c.dep_ == "dobj" and c.lemma_.lower() in _CLAIMED for c in tok.children):
            subj = [c for c in tok.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
            if subj:
                return subj
    return []


def claimant_of(noun: Token) -> list[Token]:
    """Who claimed an attack: "attacks claimed by ISIL", "attacks for which ISIL claimed responsibility"."""
    for child in noun.children:
        if child.lemma_ != "claim" or child.dep_ not in {"acl", "relcl"}:
            continue
        for c in child.children:
            if c.dep_ == "agent":
                return [p for p in c.children if p.dep_ == "pobj"]
            if c.dep_ == "nsubj" and c.lower_ not in {"which", "that"}:
                return [c]
    return []
