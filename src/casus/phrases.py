"""Noun-phrase geometry on a dependency parse: which words make up a phrase, its span for
display, its conjuncts, datelines. Used by the actors stage; knows nothing of actors."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from .geo import place_country

# dependents followed when collecting the words of a noun phrase
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
NP_DEPS = frozenset({
    "compound", "amod", "poss", "appos", "prep", "pobj", "nmod", "npadvmod", "det",
    "case", "nummod", "flat", "acl", "pcomp",
})
_NP_PREPS = frozenset({"of", "at", "from", "for", "to", "with", "within"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_PARTITIVES = frozenset({"thousands", "hundreds", "dozens", "scores", "millions", "tens", "some", "many",
                         "most", "several", "all", "none", "one", "two", "three", "members", "group"})
_DASHES = frozenset({"\u2014", "\u2013", "-", "--"})
# words that describe a group already named without naming another: "this terrorist organization"
_DESCRIPTIVE = frozenset({"terrorist", "extremist", "militant", "jihadist", "jihadi", "armed", "radical",
                          "insurgent", "violent", "brutal", "islamist", "rebel", "separatist", "same"})
# people located by "in": "our partners in Syria", "civilians in Aleppo"
_LOCATED_PEOPLE = frozenset({"partner", "ally", "friend", "people", "civilian", "resident", "population",
                             "citizen", "community", "family", "refugee", "worker"})


def partitive_head(head: Token) -> Token:
    """"thousands of supporters" -> supporters; other heads unchanged."""
    if head.lower_ not in _PARTITIVES:
        return head
    return next((p for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                 for p in c.children if p.dep_ == "pobj"), head)


def dateline_tokens(doc: Doc | Span) -> set[int]:
    """Indices of a dateline: an upper-case place opening a paragraph, up to a dash ("SEOUL, May 3 —")."""
    out: set[int] = set()
    n = len(doc)
    for i in range(n):
        if i > 0 and "\n" not in doc[i - 1].text_with_ws:
            continue
        first = doc[i]
        if not (first.is_upper and first.is_alpha and len(first) > 1):
            continue
        for j in range(i + 1, min(n, i + 8)):
            # a dash that stands apart ("SEOUL —", "(Reuters) -"), not the hyphen of "UN Secretary-General"
            if doc[j].text in _DASHES and (doc[j].text not in {"-", "--"} or doc[j - 1].whitespace_):
                out.update(range(i, j))
                break
    return out


def worth_single(tok: Token) -> bool:
    """One-word names start with a capital letter (ISIL, Russia, Kremlin) or are acronyms."""
    return tok.text[:1].isupper() and tok.pos_ in {"PROPN", "NOUN", "ADJ", "X", "VERB", "NUM"}


def with_conjuncts(head: Token) -> Iterable[Token]:
    """The head and the phrases conjoined with it or with its appositive ("our ally Turkey and
    the coalition")."""
    yield head
    for base in [head, *(c for c in head.children if c.dep_ == "appos")]:
        for tok in base.conjuncts:
            if tok.i > base.i and tok.pos_ in {"NOUN", "PROPN", "PRON"}:
                yield tok


def definite(head: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in head.children)


def bare(head: Token) -> bool:
    """No name of its own: "the group", "this terrorist group"; not "the Asad regime" or "its group"."""
    return not any(c.dep_ in {"compound", "amod", "poss", "nmod", "flat"} and c.lower_ not in _DESCRIPTIVE
                   for c in head.children)


def np_tokens(head: Token, max_depth: int = 4, follow_for: bool = True) -> list[tuple[Token, int]]:
    """Tokens of the phrase headed by ``head`` with their tree distance from it."""
    out: list[tuple[Token, int]] = [(head, 0)]
    frontier: list[tuple[Token, int]] = [(head, 0)]
    while frontier:
        tok, depth = frontier.pop()
        if depth >= max_depth:
            continue
        for child in tok.children:
            if child.dep_ not in NP_DEPS or child.dep_ == "conj":
                continue
            if child.dep_ == "prep" and child.lower_ not in _NP_PREPS and not (
                    child.lower_ == "in" and tok.lemma_.lower() in _LOCATED_PEOPLE):
                continue
            if child.dep_ == "prep" and child.lower_ == "for" and not follow_for:
                continue
            if child.dep_ == "acl" and child.pos_ == "VERB":
                continue
            step = 0 if child.dep_ in {"compound", "flat"} else 1
            if child.dep_ == "prep":
                step = 0  # the preposition itself is no step; its object is
            out.append((child, depth + step))
            frontier.append((child, depth + step))
    return out


def mention_tokens(words: list[tuple[Token, int]], head: Token) -> set[int]:
    """Tokens of names (proper nouns) in the phrase: never role nouns."""
    return {t.i for t, _ in words if t.pos_ == "PROPN" and t.ent_type_ in {"GPE", "NORP", "ORG"}}


def phrase_span(head: Token) -> Span:
    """The words of the phrase for display: head with compounds, modifiers and possessor."""
    left = head.i
    right = head.i
    for child in head.lefts:
        if child.dep_ in {"compound", "amod", "poss", "det", "nmod", "flat"}:
            left = min(left, child.left_edge.i)
    for child in head.rights:
        if child.dep_ in {"compound", "flat"}:
            right = max(right, child.right_edge.i)
    doc = head.doc
    if doc[left].dep_ == "det" and doc[left].lower_ in {"a", "an"}:
        left += 1
    return doc[left : right + 1]


def own_subject(head: Token) -> tuple[int, int] | None:
    """Token range of the subject of the clause an object pronoun is the object of."""
    if head.dep_ not in {"dobj", "iobj", "dative", "pobj"}:
        return None
    verb = head.head.head if head.dep_ == "pobj" else head.head
    while verb.dep_ == "conj" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        verb = verb.head
    for c in verb.children:
        if c.dep_ in {"nsubj", "nsubjpass"}:
            return c.left_edge.i, c.right_edge.i
    return None


def place_modifier(words: list[tuple[Token, int]]) -> str | None:
    """The country of a place name modifying a role noun: "Lagos state governor" -> NGA."""
    for tok, depth in words:
        if depth <= 1 and tok.dep_ in {"compound", "nmod"} and tok.ent_type_ in PLACE_ENTS:
            known, country = place_country(tok.text)
            if known and country:
                return country
    return None
