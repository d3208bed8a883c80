"""Modality stage: is the event asserted, negated, hypothetical, future or historical, and who says so.

The decision follows the dependency tree from the trigger up to the root of its sentence.
Each governing word is checked for a frame (negation, modal, condition, fear, intent, era);
the nearest frame wins, except that a fear, wish or condition above an intent or a negation
makes it hypothetical ("fear that Russia will attack", "to ensure that Turkey does not attack").
Frames do not reach into a coordinated clause with its own subject or auxiliary, nor through
a possessed or definite noun ("refrained from criticizing Moscow's invasion": the invasion is given).
The first reporting verb or noun, "according to" phrase, claim of responsibility or
unnamed-source adverb on the way up gives ``claimed_by``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

from spacy.tokens import Token

from .actors import ActorCoder, DocActors
from .lexicon import Cues
from .quotes import code_speaker, name_actor
from .records import UNKNOWN_CODE, Actor, Modality

# relations along which a frame of the governor applies to the dependent
_CLIMB = frozenset({"xcomp", "ccomp", "advcl", "pcomp", "pobj", "prep", "dobj", "nsubj", "nsubjpass",
                    "acomp", "attr", "conj", "oprd", "acl", "appos", "npadvmod", "agent", "csubj",
                    "compound", "amod", "nmod", "dep", "advmod", "poss"})
_VERBS = frozenset({"VERB", "AUX"})
_FINITE = frozenset({"VBD", "VBZ", "VBP"})
_SUBJ = frozenset({"nsubj", "nsubjpass"})
# frames that a wish, fear or condition above them turns hypothetical ("hope that X will not attack")
_IRREALIS = frozenset({"future", "negated"})
_OPEN = frozenset({None, "future", "negated"})
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)s?\b")

Chain = list[tuple[Token, str]]


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
        chain = self._chain(trigger)
        modality, disputed = self._modality(trigger, chain, date)
        claimed = self._claimant(trigger, chain, actors, date, speaker)
        return Frame(modality, claimed, disputed)

    # -- the path up the tree ---------------------------------------------------------------
    def _chain(self, trigger: Token) -> Chain:
        """The trigger and its governors up to the sentence root, with the relation climbed.
        A past-tense verb coordinated with a modal clause under a reporting verb
        ("said it would strike and called on ...") is re-attached to the reporting verb."""
        out: Chain = [(trigger, "")]
        cur = trigger
        for _ in range(12):
            head = cur.head
            if head.i == cur.i or cur.dep_ not in _CLIMB:
                break
            if cur.dep_ == "conj" and cur.tag_ == "VBD" and head.dep_ == "ccomp" \
                    and head.head.lemma_.lower() in self.cues.report_verbs and self._modal_aux(head):
                out.append((head.head, "conj"))
                cur = head.head
                continue
            out.append((head, cur.dep_))
            cur = head
        return out

    def _modal_aux(self, node: Token) -> bool:
        c = self.cues
        return any(ch.dep_ == "aux" and ch.lower_ in c.hyp_modals | c.fut_modals for ch in node.children)

    def _detached(self, clause: Token, via: str) -> bool:
        """A clause the frames of its governor do not reach: coordinated with its own subject,
        auxiliary or finite verb ("did not retreat and instead shelled"), or concessive."""
        if via == "conj":
            if clause.pos_ not in _VERBS:
                return False
            own = _SUBJ | {"aux", "auxpass"}
            return clause.tag_ in _FINITE or any(ch.dep_ in own for ch in clause.children)
        if via == "advcl":
            return any(ch.dep_ == "mark" and ch.lower_ in self.cues.scope_barriers for ch in clause.children)
        return False

    # -- modality -------------------------------------------------------------------------
    def _modality(self, trigger: Token, chain: Chain, date: str | None) -> tuple[Modality, bool]:
        c = self.cues
        disputed = False
        found: str | None = None  # the nearest frame; "future" may still yield to a fear above it
        given = False  # above a presupposed noun only an epistemic denial still counts
        subject = False
        for depth, (node, via) in enumerate(chain):
            # a planned act that is the subject of a modal ("the visit could be postponed") stays future
            subject = subject or (found is not None and via in _SUBJ)
            if depth and self._detached(chain[depth - 1][0], via):
                continue
            if depth and self._performative(node, via, trigger):
                break  # "I want to thank our ally": the thanking is done in saying so
            verdict = self._node_frame(node, via, depth, chain[depth - 1][0] if depth else node)
            if verdict == "epistemic-negation":
                disputed = True
            elif verdict is not None and not given:
                if verdict == "hypothetical" and self._reported_future(node):
                    verdict = "future"
                if found is None or (found in _IRREALIS and verdict == "hypothetical" and not subject):
                    found = verdict
                if found not in _IRREALIS:
                    break
            if _presupposed(node):
                # "Russia's invasion", "the attacks": a definite or possessed nominal event is taken
                # as given by whatever frame governs it ("refrained from criticizing Moscow's invasion")
                given = True
            if node.dep_ == "relcl":
                if node.head.lemma_.lower() in c.open_nouns and found in _OPEN and not given:
                    found = "hypothetical"  # "the extent to which China supports Russia"
                break
            if node.dep_ == "ccomp" and node.head.lemma_.lower() in c.report_verbs and depth + 1 < len(chain):
                # a reported clause: only the reporting verb's own meaning applies above it
                # ("denied that", "fear that"), not its negation or tense ("did not say that")
                head = node.head.lemma_.lower()
                if found is None and not given and head in c.neg_verbs:
                    found = "negated"
                elif found in _OPEN and not given and head in c.hyp_verbs:
                    found = "hypothetical"
                break
        if found is not None:
            return cast(Modality, found), disputed
        if not given and _question(trigger):
            return "hypothetical", disputed
        if self._historical(trigger, date):
            return "historical", disputed
        if self._future_words(trigger, own_subtree=_presupposed(trigger)):
            return "future", disputed
        return "asserted", disputed

    def _reported_future(self, node: Token) -> bool:
        """"said France would send troops": a modal of the past reported clause is a future."""
        if not any(ch.dep_ == "aux" and ch.lower_ in self.cues.reported_future for ch in node.children):
            return False
        cur = node
        while cur.dep_ == "conj" and cur.head.i != cur.i:
            cur = cur.head
        return cur.dep_ == "ccomp" and cur.head.lemma_.lower() in self.cues.report_verbs

    def _performative(self, node: Token, via: str, trigger: Token) -> bool:
        """"I want to congratulate", "we would like to thank": a first-person wish to perform a
        speech act."""
        c = self.cues
        return (via == "xcomp" and node.lemma_.lower() in c.performative_wishes
                and trigger.lemma_.lower() in c.performatives
                and any(ch.dep_ == "nsubj" and ch.lower_ in {"i", "we"} for ch in node.children))

    def _node_frame(self, node: Token, via: str, depth: int, below: Token) -> str | None:
        c = self.cues
        lemma = node.lemma_.lower()
        children = list(node.children)
        if any(ch.dep_ == "mark" and ch.lower_ in c.hyp_marks for ch in children):
            return "hypothetical"  # "if Russia does not withdraw"
        for ch in children:
            if ch.dep_ == "neg" or (ch.dep_ == "det" and ch.lower_ == "no" and node.pos_ == "NOUN") \
                    or (ch.dep_ in {"advmod", "preconj"} and ch.lower_ in {"never", "neither", "nor"}):
                if depth > 0 and lemma in c.epistemic | {"be"} and self._epistemic_clause(node):
                    return "epistemic-negation"
                if ch.lower_ in c.neg_particles or ch.dep_ == "neg":
                    return "negated"
            if ch.dep_ in {"nsubj", "nsubjpass", "dobj"} and node.pos_ in _VERBS \
                    and any(g.dep_ == "det" and g.lower_ == "no" for g in ch.children):
                return "negated"  # "no troops crossed", "sent no troops"
        if depth > 0 and via in {"xcomp", "pcomp", "ccomp", "pobj", "dobj", "prep"} and lemma in c.neg_verbs:
            return "negated"  # "refrained from criticizing", "declined to comment"
        if depth > 0 and via in {"xcomp", "advmod", "prep", "pcomp", "ccomp"} and any(
                ch.dep_ == "advmod" and (lemma, ch.lower_) in c.neg_phrases for ch in children):
            return "negated"  # "stopped short of accusing", "has yet to deploy"
        for ch in children:
            if ch.dep_ == "aux" or (ch.dep_ == "advmod" and ch.lower_ in c.fut_modals):
                word = ch.lower_
                if word in c.hyp_modals:
                    return "hypothetical"
                if word in c.fut_modals:
                    return "future"
            if ch.dep_ == "mark" and ch.lower_ in c.hyp_marks:
                return "hypothetical"
        if depth > 0 and via in {"ccomp", "xcomp", "csubj"}:
            if any(ch.dep_ == "acomp" and ch.lemma_.lower() in c.hyp_adjectives for ch in children):
                return "hypothetical"  # "it is possible that ..."
            if via == "ccomp" and lemma in c.inquiry_verbs \
                    and any(ch.lower_ in c.wh_words for ch in below.children if ch.dep_ != "mark"):
                return "hypothetical"  # "to see how China supports Russia"
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
                if lemma in c.hyp_verbs and node.pos_ in _VERBS:
                    return "hypothetical"
                if node.pos_ == "ADJ" and lemma in c.hyp_adjectives:
                    return "hypothetical"
                if node.pos_ == "NOUN" and lemma in c.hyp_nouns and via in {"acl", "prep", "pobj"}:
                    return "hypothetical"
        return None

    def _epistemic_clause(self, node: Token) -> bool:
        """"was not aware of", "never heard of": the negation is about knowing, not the event."""
        if node.lemma_.lower() in self.cues.epistemic:
            return True
        return any(ch.dep_ == "acomp" and ch.lemma_.lower() in self.cues.epistemic for ch in node.children)

    def _historical(self, trigger: Token, date: str | None) -> bool:
        sent = trigger.sent
        low = sent.text.lower()
        if any(p in low for p in self.cues.hist_phrases):
            return True
        if not date or len(date) < 4 or not date[:4].isdigit():
            return False
        doc_year = int(date[:4])
        for ent in sent.ents:
            if ent.label_ != "DATE":
                continue
            m = _YEAR.search(ent.text)
            if m is None or doc_year - int(m.group(1)) < self.cues.hist_min_years:
                continue
            first = ent[0]
            before = first.doc[first.i - 1] if first.i > 0 else None
            if before is not None and before.lower_ in self.cues.ongoing_preps:
                continue
            if first.head.dep_ == "prep" and first.head.lower_ in self.cues.ongoing_preps:
                continue
            if _dates(ent.root, ent.start, ent.end, trigger):
                return True
        return False

    def _future_words(self, trigger: Token, own_subtree: bool = False) -> bool:
        clause = {t.i for t in trigger.subtree} if own_subtree else _clause_tokens(trigger)
        doc = trigger.doc
        text = " ".join(doc[i].lower_ for i in sorted(clause))
        return any(w in text for w in self.cues.fut_words)

    # -- claimed_by -----------------------------------------------------------------------
    def _claimant(self, trigger: Token, chain: Chain, actors: DocActors, date: str | None,
                  speaker: Actor | None) -> tuple[Actor, ...] | None:
        c = self.cues
        for depth, (node, via) in enumerate(chain):
            for ch in node.children:
                if ch.dep_ == "advmod" and ch.lower_ in c.anonymous:
                    return (Actor(UNKNOWN_CODE, "UNK", ch.text, None, ch.idx, ch.idx + len(ch)),)
                if ch.dep_ == "prep" and ch.lower_ == "according":
                    for to in ch.children:
                        for pobj in to.children:
                            if pobj.dep_ == "pobj":
                                return self._source(pobj, actors, date, speaker)
                if depth == 0 and ch.dep_ in {"acl", "relcl"} and ch.lemma_.lower() in c.report_verbs:
                    # "attacks claimed by ISIL", "attacks for which ISIL claimed responsibility"
                    for h in _claiming_subjects(ch):
                        found = self._code(h, actors, date, speaker)
                        if found:
                            return found
            if depth > 0 and node.lemma_.lower() == "claim" and any(
                    ch.dep_ == "dobj" and ch.lemma_.lower() in {"responsibility", "credit"}
                    for ch in node.children):
                # "ISIL claimed responsibility and (where) civilians were killed"
                for h in _claiming_subjects(node):
                    found = self._code(h, actors, date, speaker)
                    if found:
                        return found
            if depth > 0 and via in {"acl", "ccomp"} and node.pos_ == "NOUN" \
                    and node.lemma_.lower() in c.report_nouns:
                for src in _noun_sources(node):  # "Turkey's claim that ...", "a statement from X that"
                    found = self._code(src, actors, date, speaker)
                    if found:
                        return found
            if depth > 0 and via in {"ccomp", "xcomp", "dobj", "advcl", "parataxis", "conj"} \
                    and node.lemma_.lower() in c.report_verbs and node.pos_ in _VERBS:
                if via == "conj":
                    continue
                subj = [ch for ch in node.children if ch.dep_ in _SUBJ]
                for s in subj:
                    found = self._code(s, actors, date, speaker)
                    if found:
                        return found
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

    def _source(self, head: Token, actors: DocActors, date: str | None,
                speaker: Actor | None) -> tuple[Actor, ...]:
        """"according to X": X as coded, else X's whole name in the knowledge base, else unknown."""
        found = self._code(head, actors, date, speaker)
        if any(a.known for a in found):
            return found
        lo, hi = head.left_edge.i, head.right_edge.i + 1
        span = head.doc[lo:hi]
        named = name_actor(span.text, self.actors, date)
        if named is not None:
            return (Actor(named.code, named.sector, span.text, named.name, span.start_char, span.end_char),)
        return (Actor(UNKNOWN_CODE, "UNK", span.text, None, span.start_char, span.end_char),)

    def _code(self, head: Token, actors: DocActors, date: str | None,
              speaker: Actor | None) -> tuple[Actor, ...]:
        return code_speaker(head, self.actors, actors, date, speaker)


def _noun_sources(noun: Token) -> list[Token]:
    """Who a reporting noun is from: its possessor, or the object of "from"/"by"."""
    out: list[Token] = []
    for ch in noun.children:
        if ch.dep_ == "poss":
            out.append(ch)
        elif ch.dep_ == "prep" and ch.lower_ in {"from", "by"}:
            out.extend(p for p in ch.children if p.dep_ == "pobj")
    return out


def _claiming_subjects(verb: Token) -> list[Token]:
    """Who a clause on an event noun says claims it: the agent of "claimed by", else the subject."""
    out: list[Token] = []
    for sub in verb.children:
        if sub.dep_ == "agent":
            out.extend(p for p in sub.children if p.dep_ == "pobj")
        elif sub.dep_ == "nsubj" and sub.lower_ not in {"which", "that", "who"}:
            out.append(sub)
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


def _question(trigger: Token) -> bool:
    end = trigger.sent.text.rstrip().rstrip("\"”’'")
    return end.endswith("?")


def _dates(root: Token, start: int, end: int, trigger: Token) -> bool:
    """Does a date (tokens [start, end)) modify the trigger's own clause? "in 1988" does,
    "the 2011 agreement" or "the downing of MH17 in 2014" modify another noun."""
    cur = root
    for _ in range(8):
        if cur.i == trigger.i:
            return True
        if cur.pos_ in _VERBS:
            clause = trigger
            while clause.head.i != clause.i and clause.pos_ not in _VERBS:
                clause = clause.head
            return cur.i == clause.i
        if cur.pos_ in {"NOUN", "PROPN"} and not start <= cur.i < end:
            return False
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _clause_tokens(trigger: Token) -> set[int]:
    """Token indices of the smallest clause around the trigger, without the clauses it governs
    ("urged voters to reject it next week": the urging is not next week)."""
    cur = trigger
    while cur.head.i != cur.i and cur.pos_ not in _VERBS:
        cur = cur.head
    out = {t.i for t in cur.subtree}
    for ch in cur.children:
        if (ch.dep_ in {"xcomp", "ccomp"} or (ch.dep_ == "conj" and ch.pos_ in _VERBS)) \
                and not (ch.left_edge.i <= trigger.i <= ch.right_edge.i):
            out -= {t.i for t in ch.subtree}
    return out
