"""Events stage: triggers from the lexicon, and their actor and recipient from the parse.

A trigger is a verb, noun or adjective whose lemma is in the lexicon. Arguments come from the
dependency tree: subject / object / prepositional objects for verbs, passive agents, control
verbs ("asked Russia to delay"), possessors and adjectives for nouns ("Russia's invasion",
"the Iraqi operation"), and the subject of a light verb ("launched an attack on").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from .actors import ActorCoder, DocActors
from .claims import claimant_of, claimed_nearby, victims
from .kb import INTERNATIONAL_CODES
from .lexicon import Cues, Lexicon, Trigger
from .records import UNKNOWN_CODE, Actor
from .subjects import (
    HELP,
    OBJ,
    RELATIVES,
    SUBJ,
    WEAPONS,
    aided,
    inherited_subject,
    light_verb_subject,
    relative_antecedent,
    source_of,
    wielder,
)

_PASSIVE_SUBJ = frozenset({"nsubjpass", "csubjpass"})
# prepositions whose object is the recipient of an event
_RECIP_PREPS = frozenset({"with", "to", "against", "on", "from", "for", "into", "upon", "toward",
                          "towards", "at", "of"})
# a noun's "at"/"in" phrases are places and occasions ("pledge at the summit"), not parties
_NOUN_RECIP_PREPS = _RECIP_PREPS - {"at", "from", "for"} | {"for"}
_NOUN_ACTOR_PREPS = frozenset({"by"})
# types whose object is an act: its partners are theirs ("threatened to send refugees to Europe")
_ABOUT_AN_ACT = frozenset({"AGREE", "REQUEST", "THREATEN", "REJECT"})
_OBJECT_PREPS = frozenset({"from", "to", "for", "with", "against", "on", "of"})
_NAME_ENTS = frozenset({"ORG", "EVENT", "FAC", "LAW", "WORK_OF_ART", "PRODUCT"})
_STATE_PASSIVES = frozenset({"commit", "determine", "prepare", "engage"})
_MILITARY_OBJECTS = frozenset({"troops", "soldier", "soldiers", "forces", "force", "fighters", "volunteers",
                               "warships", "ships", "jets", "tanks", "units", "battalions", "missiles",
                               "brigade", "brigades", "personnel", "marines", "mercenaries", "advisers",
                               "advisors", "warplanes", "aircraft", "reinforcements"})
_USED_FORCE = frozenset({"weapon", "force", "gas", "bomb", "munition", "chlorine", "sarin", "napalm"})
_RETALIATE = frozenset({"respond", "retaliate", "avenge", "punish", "strike", "hit", "crush", "destroy",
                        "retake", "defeat", "eliminate", "annihilate"})
_WORDS = frozenset({"message", "messages", "speech", "remarks", "statement", "address", "details",
                    "information", "update", "updates", "answer", "answers", "clarification", "briefing"})
_ENVOYS = frozenset({"delegation", "delegations", "envoy", "envoys", "team", "teams", "mission",
                     "negotiators", "emissary", "emissaries", "diplomats", "diplomat"})
_SUPPORTED_FORCES = frozenset({"forces", "troops", "army", "fighters", "rebels", "military", "militias"})


@dataclass(frozen=True)
class Candidate:
    """An event before modality: trigger token, lexicon row, coded arguments."""

    trigger: Token
    entry: Trigger
    event_type: str
    actor: tuple[Actor, ...]
    recipient: tuple[Actor, ...]
    arg_tokens: tuple[int, ...]
    recipient_heads: tuple[int, ...] = ()  # the words the recipient came from, coded or not


class EventFinder:
    """Finds event candidates in a parsed document."""

    def __init__(self, lexicon: Lexicon, actor_coder: ActorCoder, cues: Cues) -> None:
        self.lexicon = lexicon
        self.actors = actor_coder
        self.cues = cues

    def find(self, doc: Doc, actors: DocActors, date: str | None,
             speakers: dict[int, Actor] | None = None, home: str | None = None) -> list[Candidate]:
        """All candidates with at least one known actor, in text order. ``home`` is the country
        the story is about: bare "the army", "the rebels", "protesters" belong to it."""
        out: list[Candidate] = []
        speakers = speakers or {}
        for tok in doc:
            if tok.ent_type_ in _NAME_ENTS:
                continue  # "the Manama Dialogue", "Popular Mobilization Forces": names, not events
            entry = self._entry(tok)
            if entry is None:
                continue
            speaker = speakers.get(tok.i)
            etype = self._refine_type(tok, entry)
            if etype is None:
                continue
            actor_toks, recip_toks = self._arguments(tok, entry, etype)
            # an act named as the object ("requested aid for its invasion of Ukraine") is not a party
            recip_toks = [t for t in recip_toks if not (
                t.pos_ == "NOUN" and any(c.dep_ == "poss" for c in t.children)
                and self.lexicon.candidates(t.lemma_.lower(), "NOUN"))]
            code = self.actors.code_phrases
            actor = _at_home(code(actor_toks, actors, date, speaker), home, _DOMESTIC | LOCAL_SECTORS)
            recipient = _at_home(code(recip_toks, actors, date, speaker), home, _DOMESTIC)
            if not any(a.known for a in actor):
                continue
            if etype == "PROTEST" and all(a.sector in {"GOV", "LEG", "JUD"} for a in actor):
                etype = "ACCUSE"  # a state protests in words: "summoned the envoy to protest the drills"
            args = tuple(t.i for t in actor_toks + recip_toks)
            out.append(Candidate(tok, entry, etype, actor, recipient, args, tuple(t.i for t in recip_toks)))
        return out

    def _entry(self, tok: Token) -> Trigger | None:
        lemma = tok.lemma_.lower()
        cands = self.lexicon.candidates(lemma, tok.pos_)
        if not cands and tok.pos_ in {"NOUN", "PROPN"} and tok.lower_ != lemma:
            cands = self.lexicon.candidates(tok.lower_, tok.pos_)
        if not cands and tok.pos_ in {"ADJ", "VERB"} and tok.tag_ in {"VBN", "JJ"}:
            cands = tuple(c for c in self.lexicon.by_lemma.get(tok.lower_, ()) if c.pos == "A")
        for cand in cands:
            if cand.prep is None:
                continue
            if any(c.dep_ in {"prep", "prt", "aux", "agent", "advmod"} and c.lower_ == cand.prep
                   and not _dated(c) for c in tok.children):
                return cand  # "called on Tehran", not "called on Tuesday"
            if cand.prep == "to" and any(c.dep_ == "xcomp" for c in tok.children):
                return cand
        plain = [c for c in cands if c.prep is None]
        return plain[0] if plain else None

    def _refine_type(self, tok: Token, entry: Trigger) -> str | None:
        """Type changes that depend on the object: "send troops" MOBILIZE, "a general strike"."""
        etype = entry.event_type
        objs = {c.lower_ for c in tok.children if c.dep_ in OBJ}
        if tok.lemma_ in {"send", "deploy", "provide", "deliver", "supply"} and objs & _MILITARY_OBJECTS:
            return "MOBILIZE"
        if tok.lemma_ in {"send", "dispatch"} and objs & _ENVOYS:
            return "CONSULT"  # "will send two delegations to Cairo"
        if etype == "AID" and objs & _WORDS:
            return None  # "delivering the message", "provide details": words, not aid
        if tok.lemma_ == "commit" or tok.lower_ == "committed":
            # "committed to working with Iraq" promises an act; "committed to that goal" does not
            to = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"]
            acts = [p for c in to for p in c.children
                    if p.pos_ == "VERB" or (p.pos_ == "NOUN" and self.lexicon.candidates(p.lemma_, "NOUN"))]
            if to and not acts and not any(c.dep_ == "xcomp" for c in tok.children):
                return None
        if tok.lemma_ == "support" and tok.pos_ == "VERB" and objs & _SUPPORTED_FORCES:
            return "AID"  # "support Iraqi security forces": material help to fighters
        if tok.lemma_ == "support" and tok.pos_ == "NOUN" and tok.head.lower_ == "in":
            return "SUPPORT"  # "in support of"
        if tok.lemma_ == "strike" and tok.pos_ == "NOUN" and any(
                c.lower_ in {"general", "hunger", "labour", "labor", "nationwide"} for c in tok.children):
            return "PROTEST"
        if tok.lemma_ == "warn" and tok.dep_ in {"amod", "compound"}:
            return None  # "warning shots"
        if tok.lemma_ == "warn":
            # a warning is a threat when it is addressed to someone, names consequences, or says
            # what the warner (a name or pronoun) will or would do: "warned that it would retaliate"
            has_target = any(c.dep_ in OBJ for c in tok.children)
            own_act = any(
                any(a.lower_ in {"will", "would", "'ll", "could"} for a in c.children if a.dep_ == "aux")
                and any(n.dep_ == "nsubj" and n.pos_ in {"PRON", "PROPN"} for n in c.children)
                for c in tok.children if c.dep_ == "ccomp")
            if not has_target and not own_act and "consequence" not in tok.sent.text.lower():
                return None
        if tok.lemma_ in {"vow", "pledge", "promise"} and any(
                c.dep_ == "xcomp" and c.lemma_ in _RETALIATE for c in tok.children):
            return "THREATEN"  # "vowed to respond at a time of its choosing"
        if tok.lemma_.lower() in self.cues.char_verbs and etype == "ACCUSE" and not self._damning(tok):
            return None  # "called the seizure unacceptable" accuses; "called the talks useful" does not
        if tok.lemma_ == "accept" and not (objs & {"demands", "conditions", "terms", "offer", "proposal"}):
            return None
        if tok.lemma_ == "launch" and not {c.lemma_ for c in tok.children if c.dep_ in OBJ} & WEAPONS:
            return None  # "launched a missile strike": an assault; "launched a website": nothing
        if tok.lemma_ in {"target", "destroy"} and tok.pos_ != "VERB":
            return None
        if tok.lemma_ == "open" and "fire" not in objs:
            return None  # "opened fire on protesters": an assault; "opened talks": not this row
        used = {c.lemma_.lower() for c in tok.children if c.dep_ in OBJ}
        if tok.lemma_ == "use" and not used & _USED_FORCE:
            return None  # "used chemical weapons", "used force against"
        return etype

    def _damning(self, tok: Token) -> bool:
        """The name a characterization gives is damning: "an act of war", "illegal"."""
        said = [t for ch in tok.children if ch.dep_ in {"oprd", "ccomp", "xcomp"} or (
            ch.dep_ == "prep" and ch.lower_ == "as") for t in ch.subtree]
        return any(t.lower_ in self.cues.char_negative or t.lemma_.lower() in self.cues.char_negative
                   for t in said)

    # -- arguments ------------------------------------------------------------------------
    def _arguments(self, tok: Token, entry: Trigger, etype: str) -> tuple[list[Token], list[Token]]:
        if tok.pos_ in {"NOUN", "PROPN"}:
            actor, recip = self._noun_arguments(tok, etype)
            if not _has_actor_word(recip) and etype in _ABOUT_AN_ACT:
                recip = recip + _complement_partners(tok, etype)
            return actor, recip
        actor, recip = self._verb_arguments(tok, entry, etype)
        if not _has_actor_word(recip) and etype in _ABOUT_AN_ACT:
            recip = recip + _complement_partners(tok, etype)
        return actor, recip

    def _verb_arguments(self, tok: Token, entry: Trigger, etype: str) -> tuple[list[Token], list[Token]]:
        actor: list[Token] = []
        recip: list[Token] = []
        passive = False
        for c in tok.children:
            if c.dep_ in SUBJ:
                actor.append(c)
            elif c.dep_ in _PASSIVE_SUBJ and (entry.pos == "A" or tok.lemma_ in _STATE_PASSIVES):
                actor.append(c)  # "Chile is committed to": a state, not a passive
            elif c.dep_ in _PASSIVE_SUBJ:
                recip.append(c)
                passive = True
            elif c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":  # "aided by support from Iran and Russia": its source acts
                        actor.extend(source_of(p) or [p])
        actor = [wielder(relative_antecedent(a)) for a in actor]
        recip = [relative_antecedent(r) for r in recip]
        if not actor and not (tok.dep_ == "acl" and tok.tag_ == "VBN"):
            actor = inherited_subject(tok)  # not "a police unit accused of torture": the unit is accused
        if not passive:
            objs = [c for c in tok.children if c.dep_ in OBJ and c.lower_ not in RELATIVES]
            if tok.lemma_.lower() in self.cues.char_verbs:
                objs += _characterized(tok)
            if etype in {"MOBILIZE", "RETREAT"}:  # "sent fighters", "withdrew its troops": the actor's own
                objs = [o for o in objs if o.lower_ not in _MILITARY_OBJECTS]
            recip.extend(objs)
            if not objs and etype in {"AID", "SUPPORT", "COOPERATE"}:
                # "help the people of Chad rebuild ...", "enable Peru to borrow": who is helped
                recip.extend(c for ch in tok.children if ch.dep_ in {"ccomp", "xcomp"}
                             for c in ch.children if c.dep_ == "nsubj")
            if not _has_actor_word(objs) and etype in {"AID", "SUPPORT", "COOPERATE"}:
                for obj in objs:  # "give $5 million in fresh aid to the rebels"
                    recip.extend(p for t in obj.subtree if t.dep_ == "prep" and t.lower_ in {"to", "for"}
                                 for p in t.children if p.dep_ == "pobj")
            if not _has_actor_word(objs):
                for holder in [tok, *objs]:
                    for c in holder.children:
                        if c.dep_ in {"prep", "dative"} and c.lower_ in _RECIP_PREPS and (
                                holder.i == tok.i or c.lower_ in _OBJECT_PREPS):
                            recip.extend(p for p in c.children if p.dep_ == "pobj")
        if tok.dep_ in {"advcl", "acl"} and tok.tag_ == "VBN" and not recip and any(
                c.dep_ == "agent" for c in tok.children):
            # "the forces took the town, aided by support from Turkey": who was aided
            recip.extend(aided(tok.head))
        if tok.dep_ == "acl" and tok.tag_ == "VBN" and not actor:
            # "forces backed by Qatar": the noun the participle modifies is the recipient
            recip.append(tok.head)
        return actor, recip

    def _noun_arguments(self, tok: Token, etype: str) -> tuple[list[Token], list[Token]]:
        actor: list[Token] = []
        recip: list[Token] = []
        for c in tok.children:
            if c.dep_ == "poss" or (c.dep_ in {"compound", "amod", "nmod"} and c.i < tok.i and (
                    c.pos_ == "PROPN" or self.actors.kb.adjective(c.text) is not None
                    or (c.dep_ == "compound" and self.actors.kb.resolve(c.text) is not None))):
                actor.append(c)  # "Russia's invasion", "the Iraqi operation", "ISIL attacks"
            elif c.dep_ == "prep" and (c.lower_ in _NOUN_ACTOR_PREPS or c.lower_ == "between" or (
                    c.lower_ == "from" and etype in {"AID", "SUPPORT"})):
                actor.extend(p for p in c.children if p.dep_ == "pobj")
            elif c.dep_ == "prep" and c.lower_ in _NOUN_RECIP_PREPS:
                recip.extend(p for p in c.children if p.dep_ == "pobj")
        if not actor:
            actor = light_verb_subject(tok) or claimant_of(tok)
        if not actor and not recip and etype == "ASSAULT":
            actor = claimed_nearby(tok)
        if not recip and etype == "ASSAULT":
            recip = victims(tok)
        if not recip and tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
            # "imposed sanctions on Moscow": the verb carrying the noun holds its target
            recip = [p for c in tok.head.children if c.dep_ == "prep" and c.lower_ in _NOUN_RECIP_PREPS
                     for p in c.children if p.dep_ == "pobj"]
        return actor, recip


# institutions and armed agents; civilians take the place of the event first (pipeline)
_DOMESTIC = frozenset({"MIL", "COP", "REB", "GOV", "OPP", "JUD", "LEG", "PTY", "SPY"})
# people, rather than institutions: they take the place of an event, then the story's country
LOCAL_SECTORS = frozenset({"CVL", "REF", "JRN", "MED", "REL"})


def _at_home(found: tuple[Actor, ...], home: str | None, sectors: frozenset[str]) -> tuple[Actor, ...]:
    if home is None:
        return found
    return tuple(replace(a, code=home) if not a.known and a.sector in sectors else a for a in found)


def home_country(actors: DocActors, min_share: float = 0.4) -> str | None:
    """The country most of a story's named actors belong to, if one clearly dominates."""
    counts = Counter(m.role.code for m in actors.mentions
                     if m.role.code not in INTERNATIONAL_CODES and m.role.code != UNKNOWN_CODE)
    if not counts:
        return None
    code, n = counts.most_common(1)[0]
    return code if n >= 2 and n / sum(counts.values()) >= min_share else None


def _dated(prep: Token) -> bool:
    return any(p.dep_ == "pobj" and p.ent_type_ in {"DATE", "TIME"} for p in prep.children)


def _characterized(tok: Token) -> list[Token]:
    """What a damning name is given to, where the parse hides it: "called the seizure
    unacceptable" (a compound of the predicate), "an act of war committed by the group"."""
    out: list[Token] = []
    for oprd in (c for c in tok.children if c.dep_ == "oprd"):
        out.extend(c for c in oprd.children if c.dep_ == "compound")
        out.extend(p for acl in oprd.children if acl.dep_ == "acl" for a in acl.children if a.dep_ == "agent"
                   for p in a.children if p.dep_ == "pobj")
    return out


def _complement_partners(tok: Token, etype: str) -> list[Token]:
    """Partners named in a promised, requested or threatened act: "committed to working with
    Iraq", "demanded that Moscow explain", "warned that it would strike if the rebels advanced"."""
    out: list[Token] = []
    for child in tok.children:
        if child.dep_ == "ccomp" and etype == "REQUEST":  # who is to act
            out.extend(c for c in child.children if c.dep_ == "nsubj")
        if child.dep_ in {"xcomp", "ccomp", "acl"} or (child.dep_ == "prep" and child.lower_ == "to"):
            for t in child.subtree:
                if etype == "THREATEN" and t.dep_ == "advcl" and any(
                        m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in t.children):
                    out.extend(c for c in t.children if c.dep_ in {"nsubj", "nsubjpass"})
                elif t.dep_ == "prep" and t.lower_ in {"with", "to", "against", "on"} and t.i != child.i:
                    out.extend(p for p in t.children if p.dep_ == "pobj")
                elif t.dep_ == "dobj" and t.head.i == child.i and (t.pos_ == "PROPN" or t.ent_type_ in {
                        "GPE", "NORP", "ORG"}):
                    out.append(t)  # "threatened to attack Israel"
                elif t.dep_ == "dobj" and t.head.dep_ in {"xcomp", "pcomp", "acl"} and t.head.lemma_ in HELP:
                    out.append(t)
                elif t.dep_ == "nsubj" and t.head.dep_ == "ccomp" and t.head.head.lemma_ in HELP:
                    out.append(t)  # "pledged to help the people of Haiti rebuild"
            break
    return out


def _has_actor_word(toks: list[Token]) -> bool:
    return any(t.pos_ in {"PROPN", "PRON"} or t.ent_type_ in {"GPE", "ORG", "NORP", "PERSON"} for t in toks)

