"""Quotes: who said what, directly (quotation marks, transcript labels) or indirectly ("X said that").

Direct quotes are found on the raw text of each paragraph (sentence splitters cut multi-sentence
quotes apart), straight or curly marks, a quote left open at a paragraph's end continuing in the
next. They are attributed through the parse: a reporting verb right after the closing mark
("...," Liu told CNN) or right before the opening one (Sullivan said: "..."), whose subject is
coded like any actor, pronouns and role nouns included; a quote with no verb of its own continues
the speaker of the quote just before it. Transcripts ("SECRETARY KERRY: We talked ...") quote the
labelled speaker; "Answer:" paragraphs quote the person the document is attributed to.
Indirect speech gives ``Quote(direct=False)`` records for the clause a reporting verb governs.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .actors import ActorCoder, DocActors, entity_actor
from .lexicon import Cues
from .records import UNKNOWN_CODE, Actor, Quote

_QUOTE = re.compile(r"[“\"]([^“”\"\n]{2,2000})[”\"]|«([^»\n]{2,2000})»|“([^“”\"\n]{2,2000})(?=\n\s*“)")
_LABEL = re.compile(r"^([A-Z][A-Za-z.'\- ]{0,40}):[ \t]+(\S[^\n]*)", re.MULTILINE)
_WINDOW = 80  # characters after a closing mark (or before an opening one) to look for "X said"
_NEAR = 400  # a quote with no verb continues the speaker of a quote at most this far before it


@dataclass(frozen=True)
class _Doc:
    """A parsed document with its token offsets, for looking up tokens by character."""

    doc: Doc
    starts: list[int]

    def tokens(self, lo: int, hi: int) -> list[Token]:
        """Tokens that start in [lo, hi)."""
        i = bisect_left(self.starts, lo)
        j = bisect_left(self.starts, hi)
        return [self.doc[k] for k in range(i, j)]


def find_quotes(doc: Doc, coder: ActorCoder, actors: DocActors, date: str | None,
                cues: Cues) -> list[Quote]:
    """Direct quotes (with their speakers where the text names them), then indirect speech."""
    pd = _Doc(doc, [t.idx for t in doc])
    labelled = _labelled(pd, coder, actors, date, cues)
    taken = [(q.start, q.end) for q in labelled]
    out = list(labelled)
    last: Quote | None = None
    pending: list[Quote] = []  # quotes left open at a paragraph end, waiting for their speaker
    for m in _QUOTE.finditer(doc.text):
        group = next(g for g in (1, 2, 3) if m.group(g) is not None)
        start, end = m.start(group), m.end(group)
        if len(m.group(group).split()) < 3 or any(a <= start < b for a, b in taken):
            continue  # scare quotes ("the Ukraine situation"), or inside a transcript turn
        speaker = None if group == 3 else _speaker(pd, m.start(), m.end(), coder, actors, date, cues)
        if speaker is None and group != 3 and last is not None and last.speaker is not None \
                and _continues(doc.text, last.end, m.start()):
            speaker = last.speaker
        q = Quote(doc.text[start:end], start, end, speaker, True)
        if group == 3:
            pending.append(q)
            continue
        for p in pending:
            out.append(Quote(p.text, p.start, p.end, speaker, True))
        pending = []
        out.append(q)
        last = q
    out.extend(pending)
    out.sort(key=lambda q: q.start)
    return out + _indirect(doc, coder, actors, date, cues, out)


def speakers_by_token(doc: Doc, quotes: list[Quote]) -> dict[int, Actor]:
    """Token index -> speaker, for every token inside an attributed direct quote."""
    out: dict[int, Actor] = {}
    for q in quotes:
        if q.speaker is None or not q.direct:
            continue
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            out[tok.i] = q.speaker
    return out


def _speaker(pd: _Doc, before: int, after: int, coder: ActorCoder, actors: DocActors,
             date: str | None, cues: Cues) -> Actor | None:
    """The coded subject of a reporting verb just after the quote, else just before it."""
    text = pd.doc.text
    tail = text[after : after + _WINDOW]
    cut = tail.find("\n")
    verbs = [t for t in pd.tokens(after, after + (cut if cut >= 0 else len(tail))) if _reports(t, cues)][:1]
    head = text[max(0, before - _WINDOW) : before]
    cut = head.rfind("\n")
    lower = before - len(head) + (cut + 1 if cut >= 0 else 0)
    verbs += [t for t in pd.tokens(lower, before) if _reports(t, cues)][-1:]
    for verb in verbs:
        for subj in (c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}):
            if before <= subj.idx < after:
                continue
            found = _code_speaker(subj, coder, actors, date)
            if found is not None:
                return found
    return None


def _reports(tok: Token, cues: Cues) -> bool:
    return tok.lemma_.lower() in cues.report_verbs and tok.pos_ in {"VERB", "AUX"}


def _code_speaker(subj: Token, coder: ActorCoder, actors: DocActors, date: str | None) -> Actor | None:
    found = code_speaker(subj, coder, actors, date)
    return found[0] if found else None


def code_speaker(subj: Token, coder: ActorCoder, actors: DocActors, date: str | None,
                 speaker: Actor | None = None) -> tuple[Actor, ...]:
    """The actors a speaker's phrase names. An upper-case name ("US says") is the name it spells,
    not the pronoun "us"; a bare surname matches a person named earlier ("Liu told CNN")."""
    mention = actors.by_token.get(subj.i)
    if mention is not None and mention.role.code != UNKNOWN_CODE and subj.pos_ == "PROPN" \
            and subj.text.isupper():
        sector = "GOV" if mention.kind in {"country", "metonym"} else (mention.role.sector or "UNK")
        return (Actor(mention.role.code, sector, subj.text, None, subj.idx, subj.idx + len(subj)),)
    found = coder.code_phrase(subj, actors, date, speaker)
    if any(a.known for a in found):
        return found
    if subj.pos_ == "PROPN":
        for m in reversed(actors.mentions):
            if m.kind == "person" and m.start < subj.i and m.role.code != UNKNOWN_CODE \
                    and any(t.lower_ == subj.lower_ for t in subj.doc[m.start : m.end]):
                return (Actor(m.role.code, m.role.sector or "UNK", subj.text, None, subj.idx,
                              subj.idx + len(subj)),)
    return found


def _continues(text: str, prev_end: int, start: int) -> bool:
    """A quote that opens a sentence close after another one: the same speaker goes on."""
    between = text[prev_end:start]
    lead = text[max(0, start - 3) : start].rstrip(" \t")
    opens = start == 0 or lead.endswith(("\n", ".", "!", "?", "”", '"'))
    return opens and len(between) <= _NEAR and between.count("\n") <= 2


def _labelled(pd: _Doc, coder: ActorCoder, actors: DocActors, date: str | None,
              cues: Cues) -> list[Quote]:
    """Transcript turns: "SECRETARY KERRY: We talked ..." up to the next label."""
    text = pd.doc.text
    hits = [m for m in _LABEL.finditer(text) if _is_label(m.group(1), cues)]
    if len(hits) < 2 and not any(m.group(1).lower() in cues.answer_labels for m in hits):
        return []
    attributed = _attributed(text, coder, date, cues)
    out: list[Quote] = []
    for k, m in enumerate(hits):
        end = hits[k + 1].start() if k + 1 < len(hits) else len(text)
        body_end = m.start(2) + len(text[m.start(2) : end].rstrip())
        label = m.group(1).lower()
        if label in cues.question_labels:
            speaker = None
        elif label in cues.answer_labels:
            speaker = attributed
        else:
            # a person only: "BEIRUT:" is a dateline, not a speaker
            speaker = name_actor(m.group(1), coder, date, True) or _surname(m.group(1), pd, actors)
        if speaker is not None or label in cues.question_labels:  # "UPDATE:" quotes nobody
            out.append(Quote(text[m.start(2) : body_end], m.start(2), body_end, speaker, True))
    return out


def _is_label(label: str, cues: Cues) -> bool:
    low = label.lower()
    if low in cues.question_labels or low in cues.answer_labels:
        return True
    letters = [ch for ch in label if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _attributed(text: str, coder: ActorCoder, date: str | None, cues: Cues) -> Actor | None:
    """The person a document's answers are attributed to ("Attribution is on-the-record from X")."""
    low = text.lower()
    for phrase in cues.attribution_phrases:
        i = low.find(phrase)
        if i < 0:
            continue
        rest = text[i + len(phrase) :]
        name = re.split(r"[.\n;(]", rest, maxsplit=1)[0]
        found = name_actor(name, coder, date, True)
        if found is not None:
            return found
    return None


def name_actor(name: str, coder: ActorCoder, date: str | None, person: bool = False) -> Actor | None:
    """A label or name coded through the knowledge base, longest ending first
    ("Spokesperson John Kirby" -> "John Kirby"); only people where ``person`` is set."""
    words = name.replace(",", " ").split()
    for i in range(len(words)):
        hit = coder.kb.resolve(" ".join(words[i:]), date)
        if hit is not None and hit[1].code != UNKNOWN_CODE and (hit[0].kind == "person" or not person):
            return entity_actor(hit[0], hit[1], name.strip())
    return None


def _surname(label: str, pd: _Doc, actors: DocActors) -> Actor | None:
    """A label naming a person the document codes elsewhere ("MR LIU:" -> Liu Pengyu)."""
    last = label.split()[-1].lower() if label.split() else ""
    for m in actors.mentions:
        if m.kind == "person" and m.role.code != UNKNOWN_CODE \
                and any(t.lower_ == last for t in pd.doc[m.start : m.end]):
            return Actor(m.role.code, m.role.sector or "UNK", label, None)
    return None


def _indirect(doc: Doc, coder: ActorCoder, actors: DocActors, date: str | None, cues: Cues,
              direct: list[Quote]) -> list[Quote]:
    """Indirect speech: the clause a reporting verb governs ("X said that ..."), outside quotes."""
    spans = [(q.start, q.end) for q in direct]
    out: list[Quote] = []
    for verb in doc:
        if not _reports(verb, cues):
            continue
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if clause is None or subj is None:
            continue
        lo, hi = clause.left_edge, clause.right_edge
        while hi.i > lo.i and hi.is_punct:
            hi = doc[hi.i - 1]
        start, end = lo.idx, hi.idx + len(hi)
        if any(a - 1 <= start < b + 1 for a, b in spans) or end - start < 10:
            continue
        speaker = _code_speaker(subj, coder, actors, date)
        if speaker is not None:
            out.append(Quote(doc.text[start:end], start, end, speaker, False))
    return out
