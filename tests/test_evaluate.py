from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from casus.errors import InputError
from casus.evaluate import PRF, Scores, format_scores, load_events, load_texts, score

FIXTURES = Path(__file__).parent / "fixtures"
GOLD, PRED = FIXTURES / "eval_gold.jsonl", FIXTURES / "eval_pred.jsonl"
SCORE_PY = Path("/work/shared/tools/score.py")


def _scores(fold_igo: bool = False) -> Scores:
    return score(load_events(GOLD), load_events(PRED), load_texts(GOLD), fold_igo=fold_igo)


def test_hand_computed_figures() -> None:
    s = _scores()
    assert s.documents == 3
    # e1: ACCUSE (code case and --- ignored), MOBILIZE, REQUEST match; e2: the reciprocal SUPPORT
    # matches, UNO vs IGO does not; e3 has no prediction; doc "zz" is not in gold and not counted.
    assert s.event == PRF(0.6667, 0.6667, 0.6667, 4, 6, 6)
    # a prediction without modality counts as asserted
    assert (s.fact.tp, s.fact.gold, s.fact.pred) == (3, 3, 6)
    assert s.modality_accuracy == 0.75
    assert (s.false_fact_rate, s.not_asserted_gold) == (0.3333, 3)
    assert (s.claimed_by_accuracy, s.claimed_by_n) == (1.0, 1)  # gold --- matched by any claimant
    assert (s.location_accuracy, s.location_n) == (0.0, 1)
    assert s.actor_pairs == 5
    assert list(s.by_type) == ["ACCUSE", "AGREE", "ASSAULT", "MOBILIZE", "REQUEST", "SUPPORT"]
    assert s.by_type["SUPPORT"] == PRF(0.5, 0.5, 0.5, 1, 2, 2)


def test_fold_igo() -> None:
    s = _scores(fold_igo=True)
    assert s.event.tp == 5
    assert (s.claimed_by_accuracy, s.claimed_by_n) == (0.5, 2)


def test_empty_and_missing_documents() -> None:
    s = score({"a": []}, {})
    assert s.event == PRF(0.0, 0.0, 0.0, 0, 0, 0)
    assert s.modality_accuracy == 0.0
    aid = {"event_type": "AID", "actor": [{"code": "USA"}], "recipient": [], "modality": "asserted"}
    s = score({"a": [aid]}, {})
    assert s.event.recall == 0.0 and s.event.gold == 1 and s.event.pred == 0


def test_greedy_pairing_prefers_same_modality() -> None:
    ev = {"event_type": "ASSAULT", "actor": [{"code": "RUS"}], "recipient": [{"code": "UKR"}]}
    gold = [{**ev, "modality": "future"}, {**ev, "modality": "asserted"}]
    pred = [{**ev, "modality": "asserted"}, {**ev, "modality": "future"}]
    s = score({"d": gold}, {"d": pred})
    assert s.event.tp == 2 and s.modality_accuracy == 1.0 and s.false_fact_rate == 0.0


def test_format_matches_layout() -> None:
    text = format_scores(_scores(), by_type=True)
    assert text.splitlines()[1] == (
        "event F1   0.667  (P 0.667 R 0.667; 4 matched of 6 gold, 6 predicted)"
    )
    assert text.splitlines()[-1] == "  SUPPORT    F1 0.500  P 0.500 R 0.500  gold 2 pred 2"
    assert "SUPPORT" not in format_scores(_scores(), by_type=False)


@pytest.mark.skipif(not SCORE_PY.exists(), reason="shared/tools/score.py is not here")
@pytest.mark.parametrize("flags", [["--by-type"], [], ["--fold-igo", "--by-type"]])
def test_same_text_as_score_py(flags: list[str]) -> None:
    ref = subprocess.run(
        [sys.executable, str(SCORE_PY), str(GOLD), str(PRED), *flags],
        capture_output=True, text=True, check=True,
    ).stdout
    ours = format_scores(_scores(fold_igo="--fold-igo" in flags), by_type="--by-type" in flags)
    assert ours + "\n" == ref


@pytest.mark.skipif(not SCORE_PY.exists(), reason="shared/tools/score.py is not here")
def test_same_json_as_score_py() -> None:
    ref = subprocess.run(
        [sys.executable, str(SCORE_PY), str(GOLD), str(PRED), "--json"],
        capture_output=True, text=True, check=True,
    ).stdout
    assert json.dumps(_scores().to_json(), indent=1) + "\n" == ref


def test_bad_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "a"}\nnot json\n')
    with pytest.raises(InputError, match=r"bad.jsonl:2: invalid JSON"):
        load_events(bad)
    with pytest.raises(InputError, match="cannot read"):
        load_events(tmp_path / "missing.jsonl")
    nodoc = tmp_path / "nodoc.jsonl"
    nodoc.write_text('{"events": []}\n')
    with pytest.raises(InputError, match="doc_id"):
        load_events(nodoc)
