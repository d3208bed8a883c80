"""Geo stage: where an event happened, from place names near its trigger (docs/places.md).

Place names map to countries with the bundled gazetteer (``casus/data/places.tsv``, built by
scripts/build_places.py from GeoNames) and, for what it lacks, the actor knowledge base
(country names, capitals, "the White House").
"""

from __future__ import annotations

import functools
import re
from importlib import resources

from spacy.tokens import Doc, Span, Token

from .kb import INTERNATIONAL_CODES, KnowledgeBase, normalize
from .records import Location

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_PLACE_PREPS = frozenset({"in", "at", "near", "across", "inside", "outside", "around", "throughout",
                          "off", "over", "into", "within", "on"})
# "travel to Paris", "a visit to France": the destination is where the event happens
_MOTION = frozenset({"travel", "trip", "visit", "go", "return", "fly", "head", "arrive", "come",
                     "journey", "deploy", "deployment", "send", "move"})
# "invasion of Ukraine", "seize Taiwan", "visit Douma": the place argument is the location
_TERRITORIAL = frozenset({"invade", "invasion", "occupy", "occupation", "seize", "annex",
                          "annexation", "visit", "enter", "bomb", "bombing", "shell", "shelling",
                          "raid", "strike", "attack", "blockade", "liberate", "capture", "incursion",
                          "offensive", "airstrike", "storm", "recapture", "retake"})
# a place that does the talking is an actor, not a location ("Moscow said", "Washington's plan")
_GIVING = frozenset({"support", "assistance", "aid", "help", "backing", "funding", "loan", "loans",
                     "weapons", "arms", "supplies", "pressure", "call", "calls", "request", "message"})
_ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "csubj"})
_KIND_WORDS = frozenset({"province", "governorate", "state", "region", "oblast", "district", "county",
                         "city", "town", "village", "municipality", "prefecture", "territory",
                         "valley", "area", "camp", "neighborhood", "neighbourhood", "capital",
                         "port", "island", "islands", "strait", "border", "enclave", "suburb"})
_DIRECTIONS = re.compile(r"^(?:(?:north|south|east|west)(?:ern)?|central|(?:north|south)(?:east|west)"
                         r"(?:ern)?|upper|lower|greater) ")
_OF_KIND = re.compile(r"^(?:" + "|".join(sorted(_KIND_WORDS)) + r") of ")
_KIND_SUFFIX = re.compile(r" (?:" + "|".join(sorted(_KIND_WORDS)) + r")$")
# "KYIV —", "NEW DELHI, May 3 (Reuters) -", "CARTAGENA, Colombia —" at the start of a document
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z.'\- ]{1,40}?[A-Z.])"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.'\- ]{1,30}?))?"
    r"(?:,\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})?"
    r"(?:\s*\([A-Za-z&.' ]{2,30}\))?\s*(?:\u2014|\u2013|--|-)\s")


@functools.cache
def gazetteer() -> dict[str, str]:
    """Normalised place name -> ISO3 code ("" for a place with no single country); loaded once."""
    text = (resources.files("casus") / "data" / "places.tsv").read_text(encoding="utf-8")
    lines = text.splitlines()
    out: dict[str, str] = {}
    for line in lines:
        if line and line[0] != "#":
            name, _, code = line.partition("\t")
            out[name] = code
    return out


def _variants(name: str) -> list[str]:
    """The normalised name and what is left after dropping the 's, a leading direction
    ("northern Syria") and a kind word ("Hasaka Province", "the city of Mosul")."""
    s = normalize(name)
    if s.endswith(" 's") or s.endswith("'s"):
        s = s[:-2].rstrip(" '")
    out = [s]
    for pat in (_DIRECTIONS, _OF_KIND, _KIND_SUFFIX, _DIRECTIONS):
        t = pat.sub("", out[-1]).strip()
        if t and t != out[-1]:
            out.append(t)
    return out


def place_country(name: str, kb: KnowledgeBase | None = None,
                  date: str | None = None) -> tuple[bool, str | None]:
    """(known, country) for a place name: known is False for a name neither the gazetteer nor
    the knowledge base knows; country is None for a known place with no single country."""
    gaz = gazetteer()
    variants = _variants(name)
    for v in variants:
        code = gaz.get(v)
        if code is not None:
            return True, code or None
    if kb is not None:
        for v in variants:
            hit = kb.resolve(v, date)
            if hit is not None:
                code = hit[1].code
                if len(code) == 3 and code.isalpha() and code not in INTERNATIONAL_CODES:
                    return True, code
    return False, None


def dateline(doc: Doc, kb: KnowledgeBase | None = None, date: str | None = None) -> Location | None:
    """The place of a dateline opening the document ("KYIV —", "NEW DELHI, May 3 (Reuters) -")."""
    m = _DATELINE.match(doc.text[:120])
    if m is None:
        return None
    place = m.group("place").strip()
    if place.upper() != place or len(place) < 3:
        return None
    known, country = place_country(place, kb, date)
    region = m.group("region")
    if region:
        rknown, rcountry = place_country(region, kb, date)
        if rknown and rcountry:
            known, country = True, rcountry
    if not known:
        return None
    start = m.start("place")
    return Location(place.title(), country, start, start + len(place))


def _places(sent: Span) -> list[Span]:
    """Place entities of a sentence, and names the tagger labelled otherwise that the gazetteer
    knows ("Crimea" as ORG, "in Kidal" as NORP) or a kind word calls a place ("the town of X")."""
    gaz = gazetteer()
    return [e for e in sent.ents if e.label_ in PLACE_LABELS
            or (e.label_ == "ORG" and gaz.get(normalize(e.text))) or _named_as_place(e)
            or (e.label_ in {"PERSON", "NORP"} and _locative(e) and gaz.get(normalize(e.text)))]


def _named_as_place(ent: Span) -> bool:
    """'the town of Zorbu', 'the village of X': a name a kind word says is a place, whatever
    label the tagger gave it."""
    head = ent.root
    return (head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in _KIND_WORDS
            and head.head.head.pos_ == "NOUN")


def _is_actor(ent: Span) -> bool:
    """A place used as an actor: subject or possessor ("Moscow said", "Beijing's plan"), directly
    or as a conjunct or compound of one ("Damascus and Moscow denied", "Baghdad officials said")."""
    tok = ent.root
    for _ in range(3):
        if tok.dep_ in _ACTOR_DEPS:
            return True
        if tok.dep_ == "agent" or (tok.dep_ == "pobj" and tok.head.dep_ == "agent"):
            return True
        if tok.dep_ == "pobj" and tok.head.lower_ == "from" and tok.head.head.lemma_.lower() in _GIVING:
            return True  # "backing from its ally Qatar": a giver, not a place
        if tok.dep_ in {"conj", "compound", "appos"} and tok.head is not tok:
            tok = tok.head
            continue
        break
    return False


def _attached_to(ent: Span, trigger: Token) -> bool:
    """The place is the object of a locative preposition of the trigger's clause."""
    head = ent.root
    while head.dep_ in {"conj", "appos"} and head.head is not head:
        head = head.head
    if head.dep_ != "pobj":
        return False
    prep = head.head
    governor = prep.head
    if prep.lower_ in _PLACE_PREPS or (prep.lower_ in {"to", "for"} and governor.lemma_ in _MOTION):
        return governor.i == trigger.i or governor.is_ancestor(trigger) or trigger.is_ancestor(governor)
    return False


def _territorial_arg(ent: Span, trigger: Token) -> bool:
    """'invasion of Ukraine', 'seize Taiwan', 'visit Douma', 'attacks on Camp Bastion'."""
    if trigger.lemma_.lower() not in _TERRITORIAL:
        return False
    head = ent.root
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in _KIND_WORDS:
        head = head.head.head  # "took the Malian town of Zorbu"
    if head.dep_ == "dobj" and head.head.i == trigger.i:
        return True
    return (head.dep_ == "pobj" and head.head.lower_ in {"of", "on", "against", "to"}
            and head.head.head.i == trigger.i)


def _locative(ent: Span) -> bool:
    head = ent.root
    while head.dep_ in {"conj", "appos"} and head.head is not head:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in _PLACE_PREPS


def _where_clause(trigger: Token, places: list[Span]) -> Span | None:
    """'Brussels, where Belgian police detained several people': the relative clause's head."""
    tok: Token | None = trigger
    for _ in range(4):
        if tok is None:
            break
        if tok.dep_ == "relcl" and any(c.lower_ == "where" for c in tok.children):
            for ent in places:
                if ent.start <= tok.head.i < ent.end:
                    return ent
            return None
        tok = tok.head if tok.head is not tok else None
    return None


def _nested(ent: Span, places: list[Span]) -> Span | None:
    """A place that qualifies this one: 'Qamishli in Hasaka Province', 'Cartagena, Colombia'."""
    doc = ent.doc
    for other in places:
        if other.start == ent.end + 1 and doc[ent.end].text == ",":
            return other
        head = other.root
        if (head.dep_ == "pobj" and head.head.lower_ in {"in", "of"}
                and ent.start <= head.head.head.i < ent.end):
            return other
        if head.dep_ == "appos" and ent.start <= head.head.i < ent.end:
            return other
    return None


def _full_name(ent: Span) -> str:
    """The entity with a kind word after it ('Hasaka' + 'Province', 'Borno' + 'state')."""
    doc = ent.doc
    if ent.end < len(doc) and doc[ent.end].lower_ in _KIND_WORDS and not ent.text.lower().endswith(
            doc[ent.end].lower_):
        return doc[ent.start:ent.end + 1].text
    return ent.text


def _kind_adjective(ent: Span, kb: KnowledgeBase) -> str | None:
    """'the Malian town of Zorbu': the country of the adjective on the kind word."""
    head = ent.root
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in _KIND_WORDS:
        for child in head.head.head.children:
            if child.dep_ in {"amod", "compound"}:
                code = kb.adjective(child.text)
                if code:
                    return code
    return None


def _resolve(ent: Span, places: list[Span], kb: KnowledgeBase,
             date: str | None) -> tuple[bool, str | None, str]:
    name = _full_name(ent)
    known, country = place_country(name, kb, date)
    nested = _nested(ent, places)
    if nested is not None:
        nknown, ncountry = place_country(_full_name(nested), kb, date)
        if ncountry and (not country or nknown):
            known, country = True, ncountry
    if not country:
        adj = _kind_adjective(ent, kb) or _described_elsewhere(ent, kb)
        if adj:
            known, country = True, adj
    return known, country, name


def _described_elsewhere(ent: Span, kb: KnowledgeBase) -> str | None:
    """An unknown place the story introduced earlier as 'the Malian town of Zorbu'."""
    doc = ent.doc
    n = len(ent)
    for i in range(0, ent.start):
        if doc[i].text == ent[0].text and doc[i : i + n].text == ent.text:
            code = _kind_adjective(doc[i : i + n], kb)
            if code:
                return code
    return None


def locate(trigger: Token, kb: KnowledgeBase, date: str | None,
           skip: tuple[int, ...] = ()) -> Location | None:
    """The place the trigger's event happened in, else None.

    In order: a place attached to the trigger by a locative preposition ("attacks in Baniyas",
    "travel to Paris") or the relative clause it sits in ("Brussels, where police detained"); the
    territory an invasion, seizure, strike or visit is aimed at ("invasion of Ukraine"); the
    nearest other place of the sentence that is not an argument of the event nor a speaking
    actor ("Moscow said"), locative ones first; then the document's dateline ("KYIV —").
    """
    sent = trigger.sent
    skipped = set(skip)
    places = _places(sent)
    ranked: list[tuple[int, int, Span]] = []
    where = _where_clause(trigger, places)
    for ent in places:
        dist = min(abs(ent.start - trigger.i), abs(ent.end - 1 - trigger.i))
        if ent is where or (where is not None and ent.start == where.start):
            ranked.append((0, dist, ent))
            continue
        if _attached_to(ent, trigger):
            ranked.append((0, dist, ent))
        elif _territorial_arg(ent, trigger):
            ranked.append((1, dist, ent))
        elif any(t.i in skipped for t in ent) or _is_actor(ent):
            continue
        elif _locative(ent):
            ranked.append((2, dist, ent))
        else:
            ranked.append((3, dist, ent))
    ranked.sort(key=lambda r: (r[0], r[1], r[2].start))
    if not ranked:
        return _previous(sent, kb, date) or dateline(trigger.doc, kb, date)
    first: tuple[str, Span] | None = None
    for _rank, _dist, ent in ranked:
        known, country, name = _resolve(ent, places, kb, date)
        if country:
            if first is not None:  # an unknown place first: keep its name, borrow the country
                return Location(first[0], country, first[1].start_char, first[1].end_char)
            return Location(name, country, ent.start_char, ent.start_char + len(name))
        if first is None:
            first = (name, ent)
            if known:  # a known place with no single country ("the South China Sea")
                return Location(name, None, ent.start_char, ent.start_char + len(name))
    assert first is not None
    unknown = Location(first[0], None, first[1].start_char, first[1].start_char + len(first[0]))
    return _previous(sent, kb, date) or dateline(trigger.doc, kb, date) or unknown


def _previous(sent: Span, kb: KnowledgeBase, date: str | None) -> Location | None:
    """The place named by a locative phrase of the previous sentence of the same paragraph
    ("... a protest camp in Khartoum. Protest leaders said the RSF had fired on it")."""
    doc = sent.doc
    if sent.start == 0:
        return None
    prev = doc[sent.start - 1].sent
    if "\n" in doc.text[prev.end_char:sent.start_char]:
        return None
    places = _places(prev)
    for ent in places:
        if _locative(ent) and not _is_actor(ent):
            known, country, name = _resolve(ent, places, kb, date)
            if country:
                return Location(name, country, ent.start_char, ent.start_char + len(name))
    return None
