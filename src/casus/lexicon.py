"""The data files of the coder (trigger lexicon, modality cues), loaded and validated once."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError
from .records import EVENT_TYPES

_POS = {"V": frozenset({"VERB", "AUX"}), "N": frozenset({"NOUN"}), "A": frozenset({"ADJ", "VERB"})}


@dataclass(frozen=True)
class Trigger:
    """One lexicon row: a lemma of a part of speech that signals a PLOVER event type."""

    lemma: str
    pos: str
    event_type: str
    mode: str | None
    cameo: str | None
    prep: str | None

    def fits(self, upos: str) -> bool:
        return upos in _POS[self.pos]


@dataclass(frozen=True)
class Lexicon:
    """Triggers by lemma, and the version of the data they came from."""

    by_lemma: dict[str, tuple[Trigger, ...]]
    version: str

    def candidates(self, lemma: str, upos: str) -> tuple[Trigger, ...]:
        return tuple(t for t in self.by_lemma.get(lemma, ()) if t.fits(upos))


def data_path(name: str) -> Path:
    return Path(str(resources.files("casus") / "data" / name))


def load_lexicon(path: Path | None = None) -> Lexicon:
    """Read and validate a trigger lexicon (TSV: lemma, pos, event_type, mode, cameo, prep)."""
    path = path or data_path("triggers.tsv")
    rows: dict[str, list[Trigger]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataError(f"{path}: cannot read trigger lexicon: {exc}") from exc
    body = [(n, ln) for n, ln in enumerate(lines, 1) if ln.strip() and not ln.startswith("#")]
    if not body or body[0][1].split("\t")[:3] != ["lemma", "pos", "event_type"]:
        raise DataError(f"{path}: first row must be the header lemma<TAB>pos<TAB>event_type...")
    for lineno, line in body[1:]:
        rec = line.split("\t")
        if len(rec) != 6:
            raise DataError(f"{path}:{lineno}: expected 6 tab-separated fields, got {len(rec)}")
        lemma, pos, etype, mode, cameo, prep = rec
        if pos not in _POS:
            raise DataError(f"{path}:{lineno}: part of speech {pos!r} is not one of V, N, A")
        if etype not in EVENT_TYPES:
            raise DataError(f"{path}:{lineno}: {etype!r} is not a PLOVER event type")
        trig = Trigger(lemma, pos, etype, _opt(mode), _opt(cameo), _opt(prep))
        rows.setdefault(lemma, []).append(trig)
    version = f"triggers:{len(body) - 1}"
    return Lexicon({k: tuple(v) for k, v in rows.items()}, version)


def _opt(value: str) -> str | None:
    return None if value in {"", "-"} else value


@dataclass(frozen=True)
class Cues:
    """Modality and attribution cue words (casus/data/modality.yaml)."""

    neg_particles: frozenset[str]
    neg_verbs: frozenset[str]
    neg_phrases: frozenset[tuple[str, str]]
    epistemic: frozenset[str]
    scope_barriers: frozenset[str]
    reported_future: frozenset[str]
    hyp_modals: frozenset[str]
    hyp_marks: frozenset[str]
    hyp_verbs: frozenset[str]
    hyp_adjectives: frozenset[str]
    hyp_nouns: frozenset[str]
    inquiry_verbs: frozenset[str]
    wh_words: frozenset[str]
    open_nouns: frozenset[str]
    performative_wishes: frozenset[str]
    performatives: frozenset[str]
    fut_modals: frozenset[str]
    fut_verbs: frozenset[str]
    fut_adjectives: frozenset[str]
    fut_words: tuple[str, ...]
    hist_phrases: tuple[str, ...]
    hist_min_years: int
    ongoing_preps: frozenset[str]
    report_verbs: frozenset[str]
    report_nouns: frozenset[str]
    anonymous: frozenset[str]
    anonymous_phrases: tuple[str, ...]
    question_labels: frozenset[str]
    answer_labels: frozenset[str]
    attribution_phrases: tuple[str, ...]
    absorbing_types: frozenset[str]
    char_verbs: frozenset[str]
    char_negative: frozenset[str]


def load_cues(path: Path | None = None) -> Cues:
    """Read and validate the modality cue file."""
    path = path or data_path("modality.yaml")
    try:
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"{path}: cannot read modality cues: {exc}") from exc

    def words(*keys: str) -> list[str]:
        node: Any = raw
        for k in keys:
            if not isinstance(node, dict) or k not in node:
                raise DataError(f"{path}: missing key {'.'.join(keys)}")
            node = node[k]
        if not isinstance(node, list) or not all(isinstance(w, str) for w in node):
            raise DataError(f"{path}: {'.'.join(keys)} must be a list of strings")
        return [w.lower() for w in node]

    try:
        min_years = int(raw["historical"]["min_years_before"])
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(f"{path}: historical.min_years_before must be an integer") from exc
    absorbing = words("absorbing_types")
    bad = [t for t in absorbing if t.upper() not in EVENT_TYPES]
    if bad:
        raise DataError(f"{path}: absorbing_types has unknown types {bad}")
    return Cues(
        neg_particles=frozenset(words("negation", "particles")),
        neg_verbs=frozenset(words("negation", "verbs")),
        neg_phrases=frozenset(_pair(p, path) for p in words("negation", "phrases")),
        epistemic=frozenset(words("negation", "epistemic")),
        scope_barriers=frozenset(words("scope", "barriers")),
        reported_future=frozenset(words("hypothetical", "reported_future")),
        hyp_modals=frozenset(words("hypothetical", "modals")),
        hyp_marks=frozenset(words("hypothetical", "marks")),
        hyp_verbs=frozenset(words("hypothetical", "verbs")),
        hyp_adjectives=frozenset(words("hypothetical", "adjectives")),
        hyp_nouns=frozenset(words("hypothetical", "nouns")),
        inquiry_verbs=frozenset(words("hypothetical", "inquiry_verbs")),
        wh_words=frozenset(words("hypothetical", "wh_words")),
        open_nouns=frozenset(words("hypothetical", "open_nouns")),
        performative_wishes=frozenset(words("hypothetical", "performative_wishes")),
        performatives=frozenset(words("hypothetical", "performatives")),
        fut_modals=frozenset(words("future", "modals")),
        fut_verbs=frozenset(words("future", "verbs")),
        fut_adjectives=frozenset(words("future", "adjectives")),
        fut_words=tuple(words("future", "words")),
        hist_phrases=tuple(words("historical", "phrases")),
        hist_min_years=min_years,
        ongoing_preps=frozenset(words("historical", "ongoing_preps")),
        report_verbs=frozenset(words("reporting", "verbs")),
        report_nouns=frozenset(words("reporting", "nouns")),
        anonymous=frozenset(words("reporting", "anonymous")),
        anonymous_phrases=tuple(words("reporting", "anonymous_phrases")),
        question_labels=frozenset(words("quotes", "question_labels")),
        answer_labels=frozenset(words("quotes", "answer_labels")),
        attribution_phrases=tuple(words("quotes", "attribution_phrases")),
        absorbing_types=frozenset(t.upper() for t in absorbing),
        char_verbs=frozenset(words("characterization", "verbs")),
        char_negative=frozenset(words("characterization", "negative")),
    )


def _pair(phrase: str, path: Path) -> tuple[str, str]:
    """"stop short" -> ("stop", "short"): a verb lemma and an adverb it governs."""
    parts = phrase.split()
    if len(parts) != 2:
        raise DataError(f"{path}: negation.phrases entry {phrase!r} must be a verb and an adverb")
    return parts[0], parts[1]


@functools.lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return load_lexicon()


@functools.lru_cache(maxsize=1)
def default_cues() -> Cues:
    return load_cues()
