"""Score coded events against gold events: a typed port of shared/tools/score.py.

Same pairing and same figures as the annotation guide, section 7. Events are the plain
JSON dicts of the files being compared.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from casus.errors import InputError

JsonEvent = dict[str, Any]
EventsByDoc = Mapping[str, Sequence[JsonEvent]]

QUAD_CLASS: dict[str, str] = {
    "AGREE": "VC", "CONSULT": "VC", "SUPPORT": "VC", "CONCEDE": "VC",
    "COOPERATE": "MC", "AID": "MC", "RETREAT": "MC",
    "REQUEST": "VX", "ACCUSE": "VX", "REJECT": "VX", "THREATEN": "VX",
    "PROTEST": "MX", "SANCTION": "MX", "MOBILIZE": "MX", "COERCE": "MX", "ASSAULT": "MX",
}
NOT_ASSERTED = frozenset({"negated", "hypothetical", "future"})
IGO_FOLD: dict[str, str] = {"UNO": "IGO", "EUR": "IGO"}


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 (rounded to 4 places) with the counts behind them."""

    precision: float
    recall: float
    f1: float
    tp: int
    gold: int
    pred: int

    @classmethod
    def of(cls, tp: int, n_gold: int, n_pred: int) -> PRF:
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return cls(round(p, 4), round(r, 4), round(f, 4), tp, n_gold, n_pred)


@dataclass(frozen=True)
class Scores:
    """Every figure score.py reports, under the same names."""

    documents: int
    event: PRF
    fact: PRF
    quad: PRF
    modality_accuracy: float
    false_fact_rate: float
    not_asserted_gold: int
    claimed_by_accuracy: float
    claimed_by_n: int
    actor_accuracy: float
    actor_pairs: int
    location_accuracy: float
    location_n: int
    by_type: dict[str, PRF] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The dict score.py prints with --json."""
        return asdict(self)


def _codes(actors: Any, fold: Mapping[str, str]) -> set[str]:
    out: set[str] = set()
    for a in actors or []:
        c = (a or {}).get("code") if isinstance(a, dict) else None
        if c and c != "---":
            c = str(c).upper()
            out.add(fold.get(c, c))
    return out


def _quad(event: JsonEvent) -> str | None:
    kind = event.get("event_type")
    return QUAD_CLASS.get(kind) if isinstance(kind, str) else None


class _Scorer:
    def __init__(self, fold_igo: bool) -> None:
        self.fold: Mapping[str, str] = IGO_FOLD if fold_igo else {}

    def codes(self, actors: Any) -> set[str]:
        return _codes(actors, self.fold)

    def role_match(self, g: Any, p: Any) -> bool:
        gc, pc = self.codes(g), self.codes(p)
        if not gc and not pc:
            return True
        return bool(gc & pc)

    def reciprocal_match(self, a: JsonEvent, b: JsonEvent) -> bool:
        """a lists two or more actors and no recipient; b may split them into actor and recipient."""
        ga, gr = self.codes(a.get("actor")), self.codes(a.get("recipient"))
        pa, pr = self.codes(b.get("actor")), self.codes(b.get("recipient"))
        return len(ga) >= 2 and not gr and bool(pa & ga) and bool(pr) and pr <= ga

    def ev_match(self, g: JsonEvent, p: JsonEvent, by_quad: bool = False) -> bool:
        if by_quad:
            if _quad(g) != _quad(p):
                return False
        elif g.get("event_type") != p.get("event_type"):
            return False
        if self.role_match(g.get("actor"), p.get("actor")) and self.role_match(
            g.get("recipient"), p.get("recipient")
        ):
            return True
        return self.reciprocal_match(g, p) or self.reciprocal_match(p, g)

    def pair(
        self, gold: Sequence[JsonEvent], pred: Sequence[JsonEvent], by_quad: bool = False
    ) -> list[tuple[JsonEvent, JsonEvent]]:
        """Greedy one-to-one pairing; prefers pairs whose modality also agrees."""
        cands: list[tuple[int, int, int]] = []
        for i, g in enumerate(gold):
            for j, p in enumerate(pred):
                if self.ev_match(g, p, by_quad):
                    same = g.get("modality") == p.get("modality")
                    cands.append((0 if same else 1, i, j))
        cands.sort()
        used_g: set[int] = set()
        used_p: set[int] = set()
        pairs: list[tuple[JsonEvent, JsonEvent]] = []
        for _, i, j in cands:
            if i not in used_g and j not in used_p:
                used_g.add(i)
                used_p.add(j)
                pairs.append((gold[i], pred[j]))
        return pairs


def _overlaps(text: str, a: Any, b: Any) -> bool:
    """True when evidence strings a and b cover overlapping characters of text."""
    if not a or not b:
        return False
    ia, ib = text.find(a), text.find(b)
    if ia < 0 or ib < 0:
        return bool(a in b or b in a)
    return ia < ib + len(b) and ib < ia + len(a)


def _actor_pairs(
    text: str, gold: Sequence[JsonEvent], pred: Sequence[JsonEvent]
) -> list[tuple[JsonEvent, JsonEvent]]:
    """Pairs gold and predicted events of the same type whose evidence overlaps, ignoring actors."""
    used: set[int] = set()
    pairs: list[tuple[JsonEvent, JsonEvent]] = []
    for g in gold:
        for j, p in enumerate(pred):
            if (
                j not in used
                and g.get("event_type") == p.get("event_type")
                and _overlaps(text, g.get("evidence"), p.get("evidence"))
            ):
                used.add(j)
                pairs.append((g, p))
                break
    return pairs


def _ratio(ok: int, n: int) -> float:
    return round(ok / n, 4) if n else 0.0


def score(
    gold_docs: EventsByDoc,
    pred_docs: EventsByDoc,
    texts: Mapping[str, str] | None = None,
    fold_igo: bool = False,
) -> Scores:
    """Score predicted events against gold events, document by document.

    A document missing from ``pred_docs`` counts as coded with no events. ``texts`` (gold
    document texts) is needed for actor accuracy; ``fold_igo`` counts UNO and EUR as IGO.
    """
    s = _Scorer(fold_igo)
    t: Counter[str] = Counter()
    texts = texts or {}
    by_type: defaultdict[Any, Counter[str]] = defaultdict(Counter)
    for doc_id, gold in gold_docs.items():
        pred = pred_docs.get(doc_id, [])
        pairs = s.pair(gold, pred)
        t["ev_tp"] += len(pairs)
        t["ev_gold"] += len(gold)
        t["ev_pred"] += len(pred)
        for g in gold:
            by_type[g.get("event_type")]["gold"] += 1
        for p in pred:
            by_type[p.get("event_type")]["pred"] += 1
        for g, p in pairs:
            by_type[g.get("event_type")]["tp"] += 1
            t["mod_ok"] += g.get("modality") == p.get("modality")
            if g.get("claimed_by"):
                t["cb_n"] += 1
                gc = s.codes(g.get("claimed_by"))
                # an unnamed source ("reportedly", code ---) is matched by any stated claimant
                t["cb_ok"] += bool(gc & s.codes(p.get("claimed_by"))) if gc else bool(p.get("claimed_by"))
            gl = (g.get("location") or {}).get("country")
            if gl:
                t["loc_n"] += 1
                t["loc_ok"] += (p.get("location") or {}).get("country") == gl
            if g.get("modality") in NOT_ASSERTED and p.get("modality") == "asserted":
                t["false_fact"] += 1
        t["not_asserted_gold"] += sum(1 for g in gold if g.get("modality") in NOT_ASSERTED)
        ga = [g for g in gold if g.get("modality") == "asserted"]
        pa = [p for p in pred if p.get("modality", "asserted") == "asserted"]
        t["fact_tp"] += len(s.pair(ga, pa))
        t["fact_gold"] += len(ga)
        t["fact_pred"] += len(pa)
        for g, p in _actor_pairs(texts.get(doc_id, ""), gold, pred):
            t["act_n"] += 1
            t["act_ok"] += s.role_match(g.get("actor"), p.get("actor")) and s.role_match(
                g.get("recipient"), p.get("recipient")
            )
        t["quad_tp"] += len(s.pair(gold, pred, by_quad=True))
    return Scores(
        documents=len(gold_docs),
        event=PRF.of(t["ev_tp"], t["ev_gold"], t["ev_pred"]),
        fact=PRF.of(t["fact_tp"], t["fact_gold"], t["fact_pred"]),
        quad=PRF.of(t["quad_tp"], t["ev_gold"], t["ev_pred"]),
        modality_accuracy=_ratio(t["mod_ok"], t["ev_tp"]),
        false_fact_rate=_ratio(t["false_fact"], t["not_asserted_gold"]),
        not_asserted_gold=t["not_asserted_gold"],
        claimed_by_accuracy=_ratio(t["cb_ok"], t["cb_n"]),
        claimed_by_n=t["cb_n"],
        actor_accuracy=_ratio(t["act_ok"], t["act_n"]),
        actor_pairs=t["act_n"],
        location_accuracy=_ratio(t["loc_ok"], t["loc_n"]),
        location_n=t["loc_n"],
        by_type={
            str(k): PRF.of(v["tp"], v["gold"], v["pred"])
            for k, v in sorted(by_type.items(), key=lambda kv: str(kv[0]))
        },
    )


def format_scores(scores: Scores, by_type: bool = False) -> str:
    """The text score.py prints (without a trailing newline)."""
    lines = [f"documents {scores.documents}"]
    for name, r in (("event", scores.event), ("fact", scores.fact), ("quad", scores.quad)):
        lines.append(
            f"{name + ' F1':10s} {r.f1:.3f}  (P {r.precision:.3f} R {r.recall:.3f}; "
            f"{r.tp} matched of {r.gold} gold, {r.pred} predicted)"
        )
    lines += [
        f"modality accuracy   {scores.modality_accuracy:.3f}",
        f"false-fact rate     {scores.false_fact_rate:.3f}  "
        f"(of {scores.not_asserted_gold} negated/hypothetical/future gold events)",
        f"claimed-by accuracy {scores.claimed_by_accuracy:.3f}  "
        f"(of {scores.claimed_by_n} matched events with a gold claimant)",
        f"actor accuracy      {scores.actor_accuracy:.3f}  "
        f"(of {scores.actor_pairs} same-type events with overlapping evidence)",
        f"location accuracy   {scores.location_accuracy:.3f}  "
        f"(of {scores.location_n} matched events with a gold location country)",
    ]
    if by_type:
        for k, r in scores.by_type.items():
            lines.append(
                f"  {k:10s} F1 {r.f1:.3f}  P {r.precision:.3f} R {r.recall:.3f}  gold {r.gold} pred {r.pred}"
            )
    return "\n".join(lines)


def _records(path: str | Path) -> Iterable[dict[str, Any]]:
    try:
        with open(path, encoding="utf-8") as fh:
            for number, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    d = json.loads(line)
                except json.JSONDecodeError as e:
                    raise InputError(f"{path}:{number}", f"invalid JSON: {e.msg}") from None
                if not isinstance(d, dict) or "doc_id" not in d:
                    raise InputError(f"{path}:{number}", "expected a JSON object with a \"doc_id\"")
                yield d
    except OSError as e:
        raise InputError(str(path), f"cannot read file: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "not UTF-8 text") from None


def load_events(path: str | Path) -> dict[str, list[JsonEvent]]:
    """doc_id -> events of a JSON Lines file (a missing "events" field means no events)."""
    return {str(d["doc_id"]): list(d.get("events") or []) for d in _records(path)}


def load_texts(path: str | Path) -> dict[str, str]:
    """doc_id -> text of a JSON Lines file."""
    return {str(d["doc_id"]): str(d.get("text") or "") for d in _records(path)}
