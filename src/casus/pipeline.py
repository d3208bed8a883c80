"""The coder: text -> actors -> quotes -> events -> modality -> geo, one document at a time.

``Coder.code`` is a pure function of a ``Document`` and the loaded data; ``code_many``
runs it over many documents in one process or a pool of worker processes, in order.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from . import __version__
from .actors import ActorCoder
from .errors import CasusError
from .events import LOCAL_SECTORS, Candidate, EventFinder, home_country
from .geo import dateline, locate, place_country
from .kb import KnowledgeBase, default_kb
from .lexicon import Cues, Lexicon, default_cues, default_lexicon
from .modality import Frame, ModalityTagger
from .quotes import find_quotes, speakers_by_token
from .records import Actor, CodedDocument, Document, Event, Failure
from .targets import LIBERATE, MATERIAL, MILITARY_SITES, TargetFinder, from_discourse, from_embedded
from .text import load_nlp

_ABSORB_DEPS = frozenset({"xcomp", "ccomp", "acl"})
_MAX_EVIDENCE_TOKENS = 40
_AGAINST_PLACES = frozenset({"ASSAULT", "COERCE"})
# attacks that hit whoever is at the place (not "fought", which is against other fighters)
_TERROR = frozenset({
    "attack", "bomb", "bombing", "shell", "shelling", "blast", "explosion", "shoot", "shooting", "massacre",
    "kill", "killing", "raid", "ambush", "atrocity", "strike", "assault", "hit", "target", "storm",
    "detonate", "burn", "brutalize", "brutalise", "terrorize", "terrorise", "slaughter", "behead", "execute",
})


@dataclass(frozen=True)
class _Coded:
    candidate: Candidate
    frame: Frame
    event: Event


class Coder:
    """Codes documents to PLOVER events. Load once, reuse for many documents."""

    def __init__(self, nlp: Language, kb: KnowledgeBase, lexicon: Lexicon, cues: Cues) -> None:
        self.nlp = nlp
        self.kb = kb
        self.lexicon = lexicon
        self.cues = cues
        self.actor_coder = ActorCoder(kb)
        self.finder = EventFinder(lexicon, self.actor_coder, cues)
        self.targets = TargetFinder(self.actor_coder)
        self.tagger = ModalityTagger(cues, self.actor_coder)
        self.version = f"casus {__version__}; {lexicon.version}"

    @classmethod
    def load(cls, extra_actor_files: Iterable[Path] = ()) -> Coder:
        """The coder with the bundled model and data (plus user actor files)."""
        extra = tuple(extra_actor_files)
        kb = KnowledgeBase.load(extra) if extra else default_kb()
        return cls(load_nlp(), kb, default_lexicon(), default_cues())

    # -- one document ---------------------------------------------------------------------
    def code(self, document: Document) -> CodedDocument:
        return self.code_parsed(document, self.nlp(document.text))

    def code_parsed(self, document: Document, doc: Doc) -> CodedDocument:
        date = document.date
        actors = self.actor_coder.document_actors(doc, date, document.source)
        quotes = find_quotes(doc, self.actor_coder, actors, date, self.cues)
        speakers = speakers_by_token(doc, quotes)
        # the story's country: the one most actors belong to, else its dateline's
        home = home_country(actors) or _dateline_country(doc, self.kb, date)
        found = self.finder.find(doc, actors, date, speakers, home)
        candidates = from_discourse(from_embedded(self.targets.refine(found, actors, date, speakers)))
        absorbed = self._absorbed(candidates)
        coded: list[_Coded] = []
        for cand in candidates:
            if cand.trigger.i in absorbed:
                continue
            frame = self.tagger.frame(cand.trigger, actors, date, speakers.get(cand.trigger.i),
                                      cand.arg_tokens)
            coded.append(_Coded(cand, frame, self._event(cand, frame, date, home, actors.dateline)))
        return CodedDocument(document, _merge(coded), tuple(quotes))

    def _absorbed(self, candidates: list[Candidate]) -> set[int]:
        """Triggers inside what a request, threat or promise is about: not events of their own."""
        out: set[int] = set()
        for cand in candidates:
            if cand.event_type not in self.cues.absorbing_types:
                continue
            trig = cand.trigger
            for child in trig.children:
                if child.dep_ in _ABSORB_DEPS or (child.dep_ == "advcl" and any(
                        a.dep_ == "aux" and a.lower_ == "to" for a in child.children)):
                    out.update(t.i for t in child.subtree)  # "sent fighters to fight": one event
                elif child.dep_ in {"dobj", "pobj"}:
                    out.add(child.i)
                elif child.dep_ == "prep" and child.lower_ in {"for", "to", "of"}:
                    for pobj in child.children:
                        out.add(pobj.i)
                        out.update(t.i for t in pobj.subtree if t.dep_ in _ABSORB_DEPS | {"acl"})
        return out

    def _event(self, cand: Candidate, frame: Frame, date: str | None, home: str | None,
               dateline: frozenset[int]) -> Event:
        trig = cand.trigger
        start, end = _evidence(trig, cand.arg_tokens, dateline)
        doc = trig.doc
        mode = cand.entry.mode if cand.event_type == cand.entry.event_type else None
        location = locate(trig, self.kb, date, cand.arg_tokens)
        recipient = cand.recipient
        if cand.event_type in _AGAINST_PLACES and not any(r.known for r in recipient) \
                and cand.trigger.lemma_.lower() not in LIBERATE:
            recipient = self._people_of_places(cand, date) or recipient
        place = location.country if location is not None else None
        local = place or home
        if local:
            # "mourners in Baghdad": people without a stated country are the place's, else the story's
            recipient = tuple(replace(r, code=local) if not r.known and (
                r.sector in LOCAL_SECTORS or (r.sector == "MIL" and r.text.lower() in MILITARY_SITES))
                else r for r in recipient)
        if location is not None and place and not recipient and cand.event_type == "ASSAULT" \
                and all(a.sector == "REB" for a in cand.actor) and trig.lemma_.lower() in _TERROR:
            # an armed group's attack on a place hits the people there
            recipient = (Actor(place, "CVL", location.name, None, location.start, location.end),)
        return Event(
            event_type=cand.event_type,
            actor=cand.actor,
            recipient=recipient,
            modality=frame.modality,
            evidence=doc.text[start:end],
            evidence_start=start,
            evidence_end=end,
            trigger=trig.text,
            trigger_start=trig.idx,
            mode=mode,
            cameo=cand.entry.cameo,
            claimed_by=frame.claimed_by or (cand.actor if _actor_claims(cand) else None),
            location=location,
            date=date,
        )

    def _people_of_places(self, cand: Candidate, date: str | None) -> tuple[Actor, ...]:
        """"attacks on Kharkiv and Sumy": an attack on a place hits the people of its country."""
        doc = cand.trigger.doc
        out: list[Actor] = []
        for i in cand.recipient_heads:
            tok = doc[i]
            for t in (tok, *tok.conjuncts):
                if t.pos_ != "PROPN" and t.ent_type_ not in {"GPE", "LOC", "FAC"}:
                    continue
                known, country = place_country(t.text)  # the gazetteer only: places, not people
                if known and country and all(a.code != country for a in out):
                    out.append(Actor(country, "CVL", t.text, None, t.idx, t.idx + len(t)))
        return tuple(out)

    # -- many documents -------------------------------------------------------------------
    def code_many(self, docs: Iterable[Document], workers: int = 1,
                  batch_size: int = 8) -> Iterator[CodedDocument | Failure]:
        """Code documents in order; a document that fails becomes a ``Failure``."""
        if workers <= 1:
            yield from self._code_batches(docs, batch_size)
            return
        ctx = mp.get_context("fork")
        with ctx.Pool(workers, initializer=_init_worker) as pool:
            yield from pool.imap(_code_in_worker, docs, chunksize=4)

    def _code_batches(self, docs: Iterable[Document], batch_size: int) -> Iterator[CodedDocument | Failure]:
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._code_batch(batch)
                batch = []
        if batch:
            yield from self._code_batch(batch)

    def _code_batch(self, batch: list[Document]) -> Iterator[CodedDocument | Failure]:
        try:
            parsed = list(self.nlp.pipe([d.text for d in batch]))
        except Exception:  # one bad text must not sink the batch: parse one by one
            for d in batch:
                yield self._safe(d)
            return
        for d, sdoc in zip(batch, parsed, strict=True):
            try:
                yield self.code_parsed(d, sdoc)
            except (CasusError, ValueError, IndexError, KeyError) as exc:
                yield Failure(d.doc_id, f"coding failed: {exc}", "code", d.doc_id)

    def _safe(self, d: Document) -> CodedDocument | Failure:
        try:
            return self.code(d)
        except (CasusError, ValueError, IndexError, KeyError) as exc:
            return Failure(d.doc_id, f"coding failed: {exc}", "code", d.doc_id)


_WORKER: Coder | None = None


def _init_worker() -> None:
    global _WORKER
    _WORKER = Coder.load()


def _code_in_worker(doc: Document) -> CodedDocument | Failure:
    assert _WORKER is not None
    return _WORKER._safe(doc)


def _dateline_country(doc: Doc, kb: KnowledgeBase, date: str | None) -> str | None:
    place = dateline(doc, kb, date)
    return place.country if place is not None else None


def _actor_claims(cand: Candidate) -> bool:
    """The actor was found as the group claiming the attack ("claimed by ISIL", "ISIL claimed the
    attacks"): by the guide's convention it is also the claimant."""
    doc = cand.trigger.doc
    for i in cand.arg_tokens:
        tok = doc[i]
        verb = tok.head.head if tok.head.dep_ == "agent" else tok.head
        if verb.lemma_.lower() == "claim" and tok.dep_ in {"nsubj", "pobj"} and verb.i != cand.trigger.i:
            return True
    return False


def _evidence(trig: Token, args: tuple[int, ...], dateline: frozenset[int]) -> tuple[int, int]:
    """Character span from the first argument to the last, around the trigger, in its sentence."""
    sent = trig.sent
    doc = trig.doc
    lo, hi = trig.i, trig.i
    for i in args:
        tok = doc[i]
        if sent.start <= tok.i < sent.end:
            lo = min(lo, tok.left_edge.i if tok.i < trig.i else tok.i)
            hi = max(hi, tok.right_edge.i if tok.i > trig.i else tok.i)
    if trig.pos_ == "NOUN" and trig.right_edge.i - trig.i < 12:
        hi = max(hi, trig.right_edge.i)
    for obj in trig.children:  # "sent 12,000 fighters": the object belongs to the statement
        if obj.dep_ == "dobj" and obj.right_edge.i - trig.i < 12:
            hi = max(hi, obj.right_edge.i)
    lo = max(lo, sent.start, hi - _MAX_EVIDENCE_TOKENS)
    while lo < hi and lo in dateline:  # "LAGOS — Soldiers opened fire"
        lo += 1
    hi = min(hi, sent.end - 1)
    while hi > lo and doc[hi].is_punct:
        hi -= 1
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


def _key(e: Event) -> tuple[str, frozenset[str], frozenset[str], str]:
    return (e.event_type, frozenset(a.code for a in e.actor if a.known),
            frozenset(a.code for a in e.recipient if a.known), e.modality)


def _merge(coded: list[_Coded]) -> tuple[Event, ...]:
    """One event per (type, actor, recipient, modality); disputes mark the event contested."""
    out: dict[tuple[str, frozenset[str], frozenset[str], str], Event] = {}
    disputes: list[Event] = []
    sentence: dict[tuple[str, frozenset[str], frozenset[str], str], int] = {}
    for c in coded:
        if c.frame.disputed:
            disputes.append(c.event)
            continue
        if _key(c.event) not in out:
            out[_key(c.event)] = c.event
            sentence[_key(c.event)] = c.candidate.trigger.sent.start
    for key in list(out):
        # an event without a recipient repeats one that names it: in its sentence, or anywhere
        # for material acts ("Russia invaded Ukraine ... Moscow's invasion"); a statement
        # without an addressee may be a statement of its own
        if not key[2] and any(k[:2] == key[:2] and k[3] == key[3] and k[2] and (
                sentence[k] == sentence[key] or key[0] in MATERIAL) for k in out):
            del out[key]
    for d in disputes:
        dk = _key(d)  # the denied event may leave out its recipient ("the Russian request")
        target = next((k for k in out if k[:2] == dk[:2] and (k[2] & dk[2] or not dk[2])), None)
        if target is None:
            out.setdefault(_key(d), d)
            continue
        by: tuple[Actor, ...] = d.claimed_by or d.actor
        out[target] = replace(out[target], contested_by=by)
    for key, neg in list(out.items()):
        # an actor who says it did not happen contests the event others assert
        deniers = {a.code for a in neg.claimed_by or () if a.known}
        if key[3] != "negated" or not key[1] or not deniers:
            continue
        for k, ev in list(out.items()):
            if k[3] == "asserted" and k[:2] == key[:2] and (k[2] & key[2] or k[2] == key[2]) \
                    and not ev.contested_by and not deniers & {a.code for a in ev.claimed_by or ()}:
                out[k] = replace(ev, contested_by=neg.claimed_by)
    return tuple(out.values())
