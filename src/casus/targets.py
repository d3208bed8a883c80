"""Recipients the trigger's own clause does not give: from the words around it and the story.

Rules, each for a candidate that has no known recipient yet:

- a hyphenated pair of countries names both sides: "the Soviet-Cuban alliance";
- a verb without an object shares its conjunct's: "to terrorize and rob villagers";
- a purpose clause names the target: "an offensive to defeat al-Shabaab";
- an "against" phrase deeper in the clause: "fought alongside Iraqi troops against ISIL";
- forces readied around a country: "drills in three zones around Taiwan";
- a civil war is fought by a state against its rebels: "the Yemeni civil war";
- taking a place back is an act against whoever holds it: "an operation to liberate Bama";
- an attack on towns hits their people, on a base the forces there: "shelled villages";
- consultations in a capital are held with its government, a visit to a place with its
  country's: "held consultations in Beijing", "to visit Douma";
- a speech act about another act targets its doer: "condemned al-Shabaab's attacks";
- a response to "the move" targets whoever made the last reported act of that kind.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from .actors import ActorCoder, DocActors, entity_actor
from .events import Candidate
from .geo import place_country
from .kb import INTERNATIONAL_CODES
from .records import UNKNOWN_CODE, Actor

_HYPHENS = frozenset({"-", "–", "—"})
_CIVIL_WARS = frozenset({"war", "conflict", "fighting", "insurgency"})
# purpose verbs whose object is the target of a hostile act, and of a helpful one
_HOSTILE_PURPOSE = frozenset({"defeat", "destroy", "eliminate", "crush", "expel", "oust", "dislodge",
                              "eradicate", "annihilate", "degrade", "dismantle", "punish", "deter",
                              "neutralize", "neutralise", "counter", "fight", "combat", "target"})
_HELPFUL_PURPOSE = frozenset({"help", "assist", "support", "aid", "protect", "defend", "train", "equip",
                              "strengthen", "empower", "rebuild", "stabilize", "stabilise"})
# taking a place back from whoever holds it
LIBERATE = frozenset({"liberate", "liberation", "retake", "recapture", "free", "reclaim", "recover"})
_HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "THREATEN"})
_HELPFUL_TYPES = frozenset({"AID", "COOPERATE", "SUPPORT"})
# places whose people an attack or siege hits
_SETTLEMENTS = frozenset({"town", "city", "village", "neighborhood", "neighbourhood", "community", "district",
                          "suburb", "home", "house", "hospital", "school", "market", "settlement"})
MILITARY_SITES = frozenset({"base", "bases", "barracks", "checkpoint", "checkpoints", "outpost", "outposts",
                            "garrison", "airbase", "airfield", "post", "posts"})
_VISITS = frozenset({"visit", "travel", "trip", "tour", "arrive"})
_CONSULTATIONS = frozenset({"consultation", "consult", "talk", "meeting", "meet", "visit"})
_DENIALS = frozenset({"deny", "refute", "dismiss", "reject", "disown"})
_NEAR = frozenset({"around", "near", "along", "off", "surrounding"})
_CLAUSES = frozenset({"relcl", "ccomp", "advcl", "xcomp", "acl", "conj", "parataxis", "csubj"})
_HOLDER_WINDOW = 400  # tokens around the trigger in which the holder of a place is looked for


class TargetFinder:
    """Fills in recipients of candidates from their surroundings (see the module docstring)."""

    def __init__(self, actor_coder: ActorCoder) -> None:
        self.actors = actor_coder

    def refine(self, cands: list[Candidate], actors: DocActors, date: str | None,
               speakers: dict[int, Actor] | None = None) -> list[Candidate]:
        speakers = speakers or {}
        out: list[Candidate] = []
        for c in cands:
            if not any(r.known for r in c.recipient):
                c = self._refine_one(c, actors, date, speakers.get(c.trigger.i))
            out.append(c)
        return out

    def _refine_one(self, c: Candidate, actors: DocActors, date: str | None,
                    speaker: Actor | None) -> Candidate:
        paired = self._hyphen_pair(c, actors, date, speaker)
        if paired is not None:
            return paired
        rules = (self._shared_object, self._purpose, self._against_nested, self._around, self._civil_war,
                 self._held_place, self._settlements, self._in_capital)
        for rule in rules:
            found = rule(c, actors, date, speaker)
            if found:
                return replace(c, recipient=found)
        return c

    def _code(self, toks: list[Token], actors: DocActors, date: str | None,
              speaker: Actor | None) -> tuple[Actor, ...]:
        """The known actors the phrases name, one per country code."""
        out: list[Actor] = []
        for a in self.actors.code_phrases(toks, actors, date, speaker):
            if a.known and all(a.code != b.code for b in out):
                out.append(a)
        return tuple(out)

    # -- rules ----------------------------------------------------------------------------
    def _hyphen_pair(self, c: Candidate, actors: DocActors, date: str | None,
                     speaker: Actor | None) -> Candidate | None:
        """"the Soviet-Cuban alliance", "US-Russia talks": the side that is not the actor is the
        recipient; when both are, a subject that is one of them ("Cuba was a partner in the
        Soviet-Cuban alliance") is the actor and the other the recipient."""
        trig = c.trigger
        doc = trig.doc
        pair: list[Token] = []
        for m in trig.children:
            if m.dep_ not in {"amod", "compound", "nmod"} or m.i >= trig.i:
                continue
            for p in m.children:
                if p.i == m.i - 2 and doc[m.i - 1].text in _HYPHENS:
                    pair = [p, m]
        if not pair:
            return None
        sides = [self._code([t], actors, date, speaker) for t in pair]
        if not all(sides) or sides[0][0].code == sides[1][0].code:
            return None
        first, second = sides[0][0], sides[1][0]
        mine = {a.code for a in c.actor}
        if mine == {first.code, second.code}:
            subject = self._code(_subject_of_setting(trig), actors, date, speaker)
            if not subject or subject[0].code not in mine:
                return None  # both sides act: "X and Y met", recipient empty
            actor = next(a for a in c.actor if a.code == subject[0].code)
            other = next(a for a in c.actor if a.code != subject[0].code)
            return replace(c, actor=(actor,), recipient=(other,))
        if first.code in mine and second.code not in mine:
            return replace(c, recipient=(second,))
        if second.code in mine and first.code not in mine:
            return replace(c, recipient=(first,))
        return None

    def _shared_object(self, c: Candidate, actors: DocActors, date: str | None,
                       speaker: Actor | None) -> tuple[Actor, ...]:
        """"to brutalize and oppress civilians": a verb without an object shares the next conjunct's."""
        trig = c.trigger
        if trig.pos_ != "VERB" or any(ch.dep_ not in {"cc", "conj", "punct", "advmod"} for ch in trig.rights):
            return ()  # only when nothing follows the verb but "and" and its conjunct
        for conj in trig.children:
            if conj.dep_ == "conj" and conj.pos_ == "VERB" and conj.i > trig.i:
                objs = [o for o in conj.children if o.dep_ == "dobj"]
                found = tuple(a for o in objs for a in self.actors.code_phrase(o, actors, date, speaker))
                if found:
                    return found
        return ()

    def _purpose(self, c: Candidate, actors: DocActors, date: str | None,
                 speaker: Actor | None) -> tuple[Actor, ...]:
        """"the campaign to defeat ISIL", "efforts to help Iraq": the purpose's object."""
        if c.event_type in _HOSTILE_TYPES:
            verbs = _HOSTILE_PURPOSE
        elif c.event_type in _HELPFUL_TYPES:
            verbs = _HELPFUL_PURPOSE
        else:
            return ()
        for verb in _purpose_verbs(c.trigger):
            if verb.lemma_.lower() in LIBERATE and c.event_type in _HOSTILE_TYPES:
                held = [p for ch in verb.children if ch.dep_ == "prep" and ch.lower_ == "from"
                        for p in ch.children if p.dep_ == "pobj"]
                return self._code(held, actors, date, speaker) or _holder(c, actors)
            if verb.lemma_.lower() not in verbs:
                continue
            objs = [o for o in verb.children if o.dep_ in {"dobj", "dative", "iobj"}]
            if c.event_type == "MOBILIZE":  # "sent fighters to fight in Ukraine"
                objs += [p for ch in verb.children if ch.dep_ == "prep" and ch.lower_ in {"in", "against"}
                         for p in ch.children if p.dep_ == "pobj"]
            mine = {a.code for a in c.actor}
            found = tuple(a for a in self._code(objs, actors, date, speaker) if a.code not in mine)
            if found:
                return found
        return ()

    def _against_nested(self, c: Candidate, actors: DocActors, date: str | None,
                        speaker: Actor | None) -> tuple[Actor, ...]:
        """"fought alongside the coalition against ISIL": an "against" phrase deeper in the clause."""
        if c.event_type not in _HOSTILE_TYPES:
            return ()
        found: list[Token] = []
        for t in c.trigger.subtree:
            if t.dep_ == "prep" and t.lower_ == "against" and _within_clause(t, c.trigger):
                found.extend(p for p in t.children if p.dep_ == "pobj")
        mine = {a.code for a in c.actor}
        return tuple(a for a in self._code(found, actors, date, speaker) if a.code not in mine)

    def _around(self, c: Candidate, actors: DocActors, date: str | None,
                speaker: Actor | None) -> tuple[Actor, ...]:
        """"exercises around Taiwan", "massed troops near Ukraine": forces readied at a country."""
        if c.event_type != "MOBILIZE":
            return ()
        trig = c.trigger
        top = trig.head if trig.dep_ == "dobj" else trig  # "began exercises in zones around Taiwan"
        places = [p for t in top.subtree if t.dep_ == "prep" and t.lower_ in _NEAR and _within_clause(t, top)
                  for p in t.children if p.dep_ == "pobj"]
        mine = {a.code for a in c.actor}
        return tuple(a for a in self._code(places, actors, date, speaker) if a.code not in mine)

    def _civil_war(self, c: Candidate, actors: DocActors, date: str | None,
                   speaker: Actor | None) -> tuple[Actor, ...]:
        """"the Yemeni civil war": the state against its own rebels."""
        trig = c.trigger
        if trig.lemma_.lower() not in _CIVIL_WARS or not any(
                ch.dep_ == "amod" and ch.lower_ == "civil" for ch in trig.children):
            return ()
        return tuple(Actor(a.code, "REB", trig.text, None, trig.idx, trig.idx + len(trig))
                     for a in c.actor if a.known and a.code not in INTERNATIONAL_CODES)

    def _held_place(self, c: Candidate, actors: DocActors, date: str | None,
                    speaker: Actor | None) -> tuple[Actor, ...]:
        """"forces liberated Mosul": an act against the armed group the story says holds places."""
        if c.event_type != "ASSAULT" or c.trigger.lemma_.lower() not in LIBERATE:
            return ()
        return _holder(c, actors)

    def _settlements(self, c: Candidate, actors: DocActors, date: str | None,
                     speaker: Actor | None) -> tuple[Actor, ...]:
        """"its besiegement of towns", "shelled villages": the people there; "attacked a base":
        the forces there (their country is set later from the event's place or the story's)."""
        if c.event_type not in {"ASSAULT", "COERCE"}:
            return ()
        doc = c.trigger.doc
        for i in c.recipient_heads:
            tok = doc[i]
            if tok.pos_ != "NOUN":
                continue
            if tok.lemma_.lower() in _SETTLEMENTS:
                return (Actor(UNKNOWN_CODE, "CVL", tok.text, None, tok.idx, tok.idx + len(tok)),)
            if tok.lower_ in MILITARY_SITES:  # "attacked a military base": the forces there
                return (Actor(UNKNOWN_CODE, "MIL", tok.text, None, tok.idx, tok.idx + len(tok)),)
        return ()

    def _in_capital(self, c: Candidate, actors: DocActors, date: str | None,
                    speaker: Actor | None) -> tuple[Actor, ...]:
        """"held consultations in Beijing": with the government of the capital."""
        if c.event_type != "CONSULT" or len({a.code for a in c.actor}) != 1:
            return ()
        trig = c.trigger
        if trig.lemma_.lower() not in _CONSULTATIONS:
            return ()
        holders = [trig, trig.head] if trig.dep_ in {"dobj", "pobj"} else [trig]
        for h in holders:
            for prep in h.children:
                if prep.dep_ != "prep" or prep.lower_ != "in":
                    continue
                for p in prep.children:
                    m = actors.by_token.get(p.i)
                    if p.dep_ == "pobj" and m is not None and m.kind == "metonym" \
                            and m.role.code != UNKNOWN_CODE:
                        return (Actor(m.role.code, m.role.sector or "GOV", p.text, None, p.idx,
                                      p.idx + len(p)),)
        return self._visited_place(c)

    def _visited_place(self, c: Candidate) -> tuple[Actor, ...]:
        """"to visit Douma", "a trip to Kidal": the country whose place is visited."""
        trig = c.trigger
        if trig.lemma_.lower() not in _VISITS:
            return ()
        places = [o for o in trig.children if o.dep_ == "dobj"]
        places += [p for prep in trig.children if prep.dep_ == "prep" and prep.lower_ in {"to", "in"}
                   for p in prep.children if p.dep_ == "pobj"]
        mine = {a.code for a in c.actor}
        for p in places:
            if p.ent_type_ not in {"GPE", "LOC", "FAC"} and p.pos_ != "PROPN":
                continue
            known, country = place_country(p.text)
            if known and country and country not in mine:
                return (Actor(country, "GOV", p.text, None, p.idx, p.idx + len(p)),)
        return ()


def _denied(trig: Token) -> bool:
    """The act is negated or denied: "did not attack", "denied that its troops used gas"."""
    cur = trig
    for _ in range(4):
        if any(c.dep_ == "neg" for c in cur.children) or cur.lemma_.lower() in _DENIALS:
            return True
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return False


def _within_clause(tok: Token, top: Token) -> bool:
    """``tok`` hangs on ``top`` through phrases only, not through another clause."""
    cur = tok
    while cur.i != top.i:
        if cur.dep_ in _CLAUSES:
            return False
        cur = cur.head
    return True


def _purpose_verbs(trig: Token) -> list[Token]:
    """Infinitives saying what an act is for: "campaign to defeat", "fought to retake"."""
    out: list[Token] = []
    for ch in trig.children:
        if ch.dep_ in {"acl", "advcl", "xcomp", "relcl"} and ch.pos_ == "VERB" and any(
                a.dep_ == "aux" and a.lower_ == "to" for a in ch.children):
            out.append(ch)
            out.extend(v for v in ch.conjuncts if v.pos_ == "VERB")
    return out


def _subject_of_setting(trig: Token) -> list[Token]:
    """The subject of the clause an event noun is the setting of: "Cuba was a partner in X"."""
    cur = trig
    for _ in range(4):
        head = cur.head
        if head.i == cur.i:
            return []
        if head.pos_ in {"VERB", "AUX"}:
            return [ch for ch in head.children if ch.dep_ in {"nsubj", "nsubjpass"}]
        cur = head
    return []


def _holder(c: Candidate, actors: DocActors) -> tuple[Actor, ...]:
    """The armed group named nearest the trigger, not one of the actors."""
    mine = {a.code for a in c.actor}
    i = c.trigger.i
    best = None
    for m in actors.mentions:
        if m.role.code == UNKNOWN_CODE or abs(m.start - i) > _HOLDER_WINDOW:
            continue
        if m.role.code in mine and (m.role.sector != "REB" or all(a.sector == "REB" for a in c.actor)):
            continue  # a state's own rebels may hold its towns; nobody takes a town from itself
        if m.kind != "group" and m.role.sector != "REB":
            continue
        if best is None or abs(m.start - i) < abs(best.start - i):
            best = m
    if best is None:
        return ()
    span = c.trigger.doc[best.start : best.end]
    return (entity_actor(best.entity, best.role, span.text, span.start_char, span.end_char),)


_ABOUT_ACTS = frozenset({"ACCUSE", "SUPPORT", "REQUEST", "REJECT", "THREATEN"})
# acts against another act: "repelled an attack by Boko Haram" targets Boko Haram
_COUNTER_ACTS = frozenset({"repel", "repulse", "foil", "thwart", "counter", "resist", "intercept"})


def from_embedded(cands: list[Candidate]) -> list[Candidate]:
    """A speech act about another act targets its doer: "condemns ISIL's attacks" -> ISIL,
    "welcomes news that the opposition liberated the town" -> the opposition."""
    out: list[Candidate] = []
    for c in cands:
        about = c.event_type in _ABOUT_ACTS or c.trigger.lemma_.lower() in _COUNTER_ACTS
        if about and not any(r.known for r in c.recipient):
            inner = [d for d in cands if d is not c and c.trigger.is_ancestor(d.trigger)
                     and not any({a.code for a in d.actor} & {a.code for a in c.actor})]
            if inner:
                nearest = min(inner, key=lambda d: abs(d.trigger.i - c.trigger.i))
                c = replace(c, recipient=nearest.actor)
        out.append(c)
    return out


# "the move", "the decision", "the seizure": a definite noun that names an act already reported;
# the types it can name (empty: any material act, the usual referent of "the move")
_ACT_NOUNS: dict[str, frozenset[str]] = {
    **{n: frozenset() for n in ("move", "decision", "step", "action", "actions", "measure", "policy",
                                "plan", "announcement")},
    **{n: frozenset({"AGREE", "SUPPORT", "COOPERATE"}) for n in ("deal", "agreement", "accord", "treaty",
                                                                 "pact")},
    **{n: frozenset({"REQUEST", "AGREE"}) for n in ("resolution", "proposal", "offer", "demand", "request")},
    **{n: frozenset({"ASSAULT"}) for n in ("attack", "strike", "raid", "offensive", "operation", "invasion")},
    **{n: frozenset({"COERCE"}) for n in ("seizure", "arrest", "detention", "ban", "blockade")},
    **{n: frozenset({"SANCTION"}) for n in ("sanction", "sanctions", "expulsion")},
    "withdrawal": frozenset({"RETREAT"}),
}
MATERIAL = frozenset({"COOPERATE", "AID", "RETREAT", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
_RESPONSES = frozenset({"ACCUSE", "SUPPORT", "REJECT", "CONCEDE", "REQUEST", "THREATEN", "SANCTION"})


def from_discourse(cands: list[Candidate]) -> list[Candidate]:
    """A response to "the move" targets whoever made the last reported act of that kind:
    "The US left the accord. Israel praised the move" -> SUPPORT ISR -> USA."""
    out: list[Candidate] = []
    for c in cands:
        if c.event_type in _RESPONSES and not any(r.known for r in c.recipient):
            doc = c.trigger.doc
            for head in (doc[i] for i in c.recipient_heads):
                kinds = _ACT_NOUNS.get(head.lemma_.lower())
                if kinds is None or not (any(ch.dep_ in {"det", "poss"} for ch in head.children)
                                         or doc[head.i - 1].lower_ in {"the", "this", "that"}):
                    continue  # "the seizure", "this move" (a determiner the parse may hang elsewhere)
                # another actor's act, if only another branch of the same state ("the senator
                # rejected the deal" the government signed)
                mine_roles = {(a.code, a.sector) for a in c.actor}
                before = [d for d in out if d.trigger.i < c.trigger.i and d.event_type in (kinds or MATERIAL)
                          and not ({(a.code, a.sector) for a in d.actor} & mine_roles)]
                if before:
                    c = replace(c, recipient=before[-1].actor)
                    break
        if c.event_type == "THREATEN" and not any(r.known for r in c.recipient):
            # a warning answers the last act of another party: "X seized the ship. Y warned of
            # serious consequences" -> Y THREATEN X
            mine = {a.code for a in c.actor}
            start = c.trigger.sent.start
            before = [d for d in out if d.trigger.i < c.trigger.i and d.event_type in MATERIAL
                      and start - d.trigger.sent.start < 120 and not ({a.code for a in d.actor} & mine)
                      and not _denied(d.trigger)]
            if before:
                c = replace(c, recipient=before[-1].actor)
        out.append(c)
    return out
