"""Modality stage: is the event asserted, negated, hypothetical, future or historical, and who says so.

The decision follows the dependency tree from the trigger up to the root of its sentence.
Each governing word is checked for a frame (negation, modal, condition, fear, intent, era);
the nearest frame wins, so "did not say that X will attack" is future for the attack,
and a negation in one clause does not leak into a coordinated one. The first reporting
verb, "according to" phrase or unnamed-source adverb on the way up gives ``claimed_by``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

from spacy.tokens import Token

from .actors import ActorCoder, DocActors
from .lexicon import Cues
from .records import UNKNOWN_CODE, Actor, Modality

# relations along which a frame of the governor applies to the dependent
_CLIMB = frozenset({"xcomp", "ccomp", "advcl", "pcomp", "pobj", "prep", "dobj", "nsubj", "nsubjpass",
                    "acomp", "attr", "conj", "oprd", "acl", "appos", "npadvmod", "agent", "csubj",
                    "compound", "amod", "nmod", "dep", "advmod", "poss"})
# epistemic predicates: "was not aware of the request" contests the request, it does not negate it
_EPISTEMIC = frozenset({"aware", "know", "hear", "see", "confirm", "recall", "believe", "notice", "think"})
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)s?\b")


@dataclass(frozen=True)
class Frame:
    """What the modality stage concluded for one trigger."""

    modality: Modality
    claimed_by: tuple[Actor, ...] | None
    disputed: bool = False  # an epistemic denial ("never heard of that") governs the event


class ModalityTagger:
    """Assigns modality and claimant to event triggers."""

    def __init__(self, cues: Cues, actor_coder: ActorCoder) -> None:
        self.cues = cues
        self.actors = actor_coder

    def frame(self, trigger: Token, actors: DocActors, date: str | None,
              speaker: Actor | None = None, arg_tokens: tuple[int, ...] = ()) -> Frame:
        modality, disputed = self._modality(trigger, date, arg_tokens)
        claimed = self._claimant(trigger, actors, date, speaker)
        return Frame(modality, claimed, disputed)

    # -- modality -------------------------------------------------------------------------
    def _modality(self, trigger: Token, date: str | None, args: tuple[int, ...]) -> tuple[Modality, bool]:
        c = self.cues
        sent = trigger.sent
        disputed = False
        if _presupposed(trigger):
            # "Russia's invasion", "the attacks": a definite or possessed nominal event is taken
            # as given by whatever frame governs it ("refrained from criticizing Moscow's invasion")
            if self._historical(trigger, date):
                return "historical", disputed
            own = self._node_frame(trigger, "", 0, trigger)
            if own in {"negated", "hypothetical", "future"}:
                return cast(Modality, own), disputed
            return ("future" if self._future_words(trigger, own_subtree=True) else "asserted"), disputed
        chain = _chain(trigger)
        for depth, (node, via) in enumerate(chain):
            verdict = self._node_frame(node, via, depth, trigger)
            if verdict == "epistemic-negation":
                disputed = True
                continue
            if verdict is not None:
                return cast(Modality, verdict), disputed
            if node.dep_ == "relcl" or (node.dep_ == "ccomp" and node.head.lemma_ in c.report_verbs):
                # a relative clause or a reported clause has its own frame above it only for
                # modals of the reporting clause itself
                break
        if sent.text.rstrip().endswith("?") or sent.text.rstrip().endswith('?"') \
                or sent.text.rstrip().endswith("?”"):
            return "hypothetical", disputed
        if self._historical(trigger, date):
            return "historical", disputed
        if self._future_words(trigger):
            return "future", disputed
        return "asserted", disputed

    def _node_frame(self, node: Token, via: str, depth: int, trigger: Token) -> str | None:
        c = self.cues
        lemma = node.lemma_.lower()
        children = list(node.children)
        for ch in children:
            if ch.dep_ == "neg" or (ch.dep_ == "det" and ch.lower_ == "no" and node.pos_ == "NOUN") \
                    or (ch.dep_ in {"advmod", "preconj"} and ch.lower_ in {"never", "neither", "nor"}):
                if depth > 0 and lemma in _EPISTEMIC | {"be"} and _epistemic_clause(node):
                    return "epistemic-negation"
                if ch.lower_ in c.neg_particles or ch.dep_ == "neg":
                    return "negated"
        if depth > 0 and via in {"xcomp", "pcomp", "ccomp", "pobj", "dobj", "prep"} and lemma in c.neg_verbs:
            return "negated"  # "refrained from criticizing", "stopped short of accusing"
        for ch in children:
            if ch.dep_ == "aux" or (ch.dep_ == "advmod" and ch.lower_ in c.fut_modals):
                word = ch.lower_
                if word in c.hyp_modals:
                    return "hypothetical"
                if word in c.fut_modals:
                    return "future"
            if ch.dep_ == "mark" and ch.lower_ in c.hyp_marks:
                return "hypothetical"
        if depth == 0:
            if node.pos_ == "NOUN" and any(ch.lower_ in c.fut_adjectives for ch in children):
                return "future"
            if node.pos_ == "NOUN" and any(ch.lower_ in c.hyp_adjectives and ch.dep_ == "amod"
                                           for ch in children):
                return "hypothetical"
            return None
        if via in {"xcomp", "ccomp", "pcomp", "pobj", "prep", "acl", "dobj", "advcl", "nsubj"}:
            future_cue = lemma in c.fut_verbs or (node.pos_ == "ADJ" and lemma in c.fut_adjectives)
            if future_cue and via in {"xcomp", "ccomp", "pcomp", "prep", "pobj", "acl"}:
                return "future"
            if via != "nsubj":
                if lemma in c.hyp_verbs and node.pos_ in {"VERB", "AUX"}:
                    return "hypothetical"
                if node.pos_ == "ADJ" and lemma in c.hyp_adjectives:
                    return "hypothetical"
                if node.pos_ == "NOUN" and lemma in c.hyp_nouns and via in {"acl", "prep", "pobj"}:
                    return "hypothetical"
        return None

    def _historical(self, trigger: Token, date: str | None) -> bool:
        sent = trigger.sent
        low = sent.text.lower()
        if any(p in low for p in self.cues.hist_phrases):
            return True
        if not date or len(date) < 4 or not date[:4].isdigit():
            return False
        doc_year = int(date[:4])
        clause = _clause_tokens(trigger)
        for ent in sent.ents:
            if ent.label_ != "DATE" or not any(t.i in clause for t in ent):
                continue
            m = _YEAR.search(ent.text)
            if m is None:
                continue
            first = ent[0]
            before = first.doc[first.i - 1] if first.i > 0 else None
            if before is not None and before.lower_ in self.cues.ongoing_preps:
                continue
            if first.head.dep_ == "prep" and first.head.lower_ in self.cues.ongoing_preps:
                continue
            if doc_year - int(m.group(1)) >= self.cues.hist_min_years:
                return True
        return False

    def _future_words(self, trigger: Token, own_subtree: bool = False) -> bool:
        clause = {t.i for t in trigger.subtree} if own_subtree else _clause_tokens(trigger)
        doc = trigger.doc
        text = " ".join(doc[i].lower_ for i in sorted(clause))
        return any(w in text for w in self.cues.fut_words)

    # -- claimed_by -----------------------------------------------------------------------
    def _claimant(self, trigger: Token, actors: DocActors, date: str | None,
                  speaker: Actor | None) -> tuple[Actor, ...] | None:
        c = self.cues
        for depth, (node, via) in enumerate(_chain(trigger)):
            for ch in node.children:
                if ch.dep_ == "advmod" and ch.lower_ in c.anonymous:
                    return (Actor(UNKNOWN_CODE, "UNK", ch.text, None, ch.idx, ch.idx + len(ch)),)
                if ch.dep_ == "prep" and ch.lower_ == "according":
                    for to in ch.children:
                        for pobj in to.children:
                            if pobj.dep_ == "pobj":
                                found = self.actors.code_phrase(pobj, actors, date, speaker)
                                if found:
                                    return found
            if depth > 0 and via in {"ccomp", "xcomp", "dobj", "advcl", "parataxis", "conj"} \
                    and node.lemma_.lower() in c.report_verbs and node.pos_ in {"VERB", "AUX"}:
                if via == "conj":
                    continue
                subj = [ch for ch in node.children if ch.dep_ in {"nsubj", "nsubjpass"}]
                for s in subj:
                    found = self.actors.code_phrase(s, actors, date, speaker)
                    if found:
                        return tuple(Actor(a.code, a.sector, a.text, a.name, a.start, a.end) for a in found)
                if subj:
                    return (Actor(UNKNOWN_CODE, "UNK", subj[0].text, None, subj[0].idx,
                                  subj[0].idx + len(subj[0])),)
        if speaker is not None:
            return (speaker,)
        low = trigger.sent.text.lower()
        for phrase in c.anonymous_phrases:
            if phrase in low:
                return (Actor(UNKNOWN_CODE, "UNK", phrase),)
        return None


def _chain(trigger: Token) -> list[tuple[Token, str]]:
    """The trigger and its governors up to the sentence root, with the relation climbed."""
    out: list[tuple[Token, str]] = [(trigger, "")]
    cur = trigger
    for _ in range(12):
        head = cur.head
        if head.i == cur.i or cur.dep_ not in _CLIMB:
            break
        out.append((head, cur.dep_))
        cur = head
    return out


def _presupposed(trigger: Token) -> bool:
    """A nominal event with a possessor or definite article: "Russia's invasion", "the attacks"."""
    if trigger.pos_ not in {"NOUN", "PROPN"}:
        return False
    for ch in trigger.children:
        if ch.dep_ == "poss":
            return True
        if ch.dep_ == "det" and ch.lower_ in {"the", "this", "these", "that", "those"}:
            return True
    return False


def _clause_tokens(trigger: Token) -> set[int]:
    """Token indices of the smallest clause around the trigger."""
    cur = trigger
    while cur.head.i != cur.i and cur.pos_ not in {"VERB", "AUX"}:
        cur = cur.head
    return {t.i for t in cur.subtree}


def _epistemic_clause(node: Token) -> bool:
    """"was not aware of", "never heard of": the negation is about knowing, not the event."""
    if node.lemma_.lower() in _EPISTEMIC:
        return True
    return any(ch.dep_ == "acomp" and ch.lemma_.lower() in _EPISTEMIC for ch in node.children)
