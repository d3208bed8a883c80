"""Unit tests of the modality stage: the scope of frames over the dependency tree, claimants,
and disputes. Sentences written for these tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from casus.errors import DataError
from casus.lexicon import data_path, load_cues
from casus.records import Document, Event


def _events(coder: Any, text: str, etype: str, date: str = "2024-06-01") -> list[Event]:
    coded = coder.code(Document("m", text, "", date))
    return [e for e in coded.events if e.event_type == etype]


def _one(coder: Any, text: str, etype: str) -> Event:
    found = _events(coder, text, etype)
    assert found, f"no {etype} in {text!r}"
    return found[0]


@pytest.mark.parametrize(("text", "etype", "modality"), [
    ("Egypt did not send troops to Libya.", "MOBILIZE", "negated"),
    ("Spain has yet to send troops to Mali.", "MOBILIZE", "negated"),
    ("The German chancellor declined to criticize Turkey.", "ACCUSE", "negated"),
    ("Sweden could attack Norway.", "ASSAULT", "hypothetical"),
    ("Analysts fear that Serbia will attack Kosovo.", "ASSAULT", "hypothetical"),
    ("Poland will send troops to Lithuania.", "MOBILIZE", "future"),
    ("The Greek minister said Greece would send aid to Cyprus.", "AID", "future"),
    ("Would Japan send troops to Korea?", "MOBILIZE", "hypothetical"),
    ("In 1988, Iraq attacked Iran.", "ASSAULT", "historical"),
    ("It is possible that Serbia will attack Kosovo.", "ASSAULT", "hypothetical"),
    ("Washington will watch to see how Japan supports Taiwan.", "SUPPORT", "hypothetical"),
    ("No Turkish troops attacked Syria.", "ASSAULT", "negated"),
    ("Observers are needed to ensure that Turkey does not attack Syria.", "ASSAULT", "hypothetical"),
    ("If Russia does not withdraw from Ukraine, the EU will act.", "RETREAT", "hypothetical"),
])
def test_frames(coder: Any, text: str, etype: str, modality: str) -> None:
    assert _one(coder, text, etype).modality == modality


def test_negation_does_not_leak_into_a_coordinated_clause(coder: Any) -> None:
    text = "Egypt did not send troops, but Sudan attacked Ethiopia."
    assert _one(coder, text, "ASSAULT").modality == "asserted"


def test_modal_does_not_leak_into_a_concessive_clause(coder: Any) -> None:
    text = "Italy would not impose sanctions, although Spain expelled two Russian diplomats."
    spain = [e for e in _events(coder, text, "SANCTION") if {a.code for a in e.actor} == {"ESP"}]
    assert spain and spain[0].modality == "asserted"


def test_presupposed_event_keeps_its_own_modality(coder: Any) -> None:
    text = "Brazil has refrained from condemning Russia's invasion of Ukraine."
    invasion = [e for e in _events(coder, text, "ASSAULT") if {a.code for a in e.actor} == {"RUS"}]
    assert invasion and invasion[0].modality == "asserted"
    assert _one(coder, text, "ACCUSE").modality == "negated"


def test_a_date_of_another_noun_is_not_the_event_date(coder: Any) -> None:
    text = "Germany condemned Iran on Monday over the 2019 attacks on tankers."
    assert _one(coder, text, "ACCUSE").modality == "asserted"


def test_denial_negates_and_claims(coder: Any) -> None:
    event = _one(coder, "Georgia denied that Georgian troops had attacked Russia.", "ASSAULT")
    assert event.modality == "negated"
    assert event.claimed_by and event.claimed_by[0].code == "GEO"


def test_reporting_verb_claims_but_direct_speech_act_does_not(coder: Any) -> None:
    reported = _one(coder, "French officials said Mali had expelled the ambassador.", "SANCTION")
    assert reported.claimed_by and reported.claimed_by[0].code == "FRA"
    direct = _one(coder, "The French foreign minister condemned Mali.", "ACCUSE")
    assert direct.claimed_by is None


def test_reporting_noun_claims(coder: Any) -> None:
    event = _one(coder, "Turkey's claim that Syria attacked Turkey was rejected.", "ASSAULT")
    assert event.claimed_by and event.claimed_by[0].code == "TUR"


def test_unnamed_sources(coder: Any) -> None:
    for text in ("Syria reportedly attacked Turkey.", "Sources said Syria attacked Turkey."):
        event = _one(coder, text, "ASSAULT")
        assert event.claimed_by and event.claimed_by[0].code == "---", text


def test_according_to_a_name_the_actor_stage_misses(coder: Any) -> None:
    text = ("Coalition jets struck ISIL targets near Mosul, according to Combined Joint Task Force "
            "– Operation Inherent Resolve.")
    event = _one(coder, text, "ASSAULT")
    assert event.claimed_by and event.claimed_by[0].code == "IGO"


def test_upper_case_us_is_the_country(coder: Any) -> None:
    event = _one(coder, "US says Iran attacked Iraq.", "ASSAULT")
    assert event.claimed_by and event.claimed_by[0].code == "USA"


def test_epistemic_denial_contests_the_event(coder: Any) -> None:
    text = ("Ukrainian officials say Belarus requested help from Russia.\n"
            "A Russian spokesman said he was not aware of any Belarusian request for help.")
    requests = _events(coder, text, "REQUEST")
    assert len(requests) == 1
    assert requests[0].modality == "asserted"
    assert requests[0].contested_by and requests[0].contested_by[0].code == "RUS"


def test_negation_phrases_must_be_a_verb_and_an_adverb(tmp_path: Path) -> None:
    bad = data_path("modality.yaml").read_text(encoding="utf-8").replace(
        '"stop short"', '"stop short of"')
    path = tmp_path / "modality.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(DataError):
        load_cues(path)


@pytest.mark.parametrize(("text", "word", "modality"), [
    ("The German chancellor stopped short of accusing Turkey.", "accusing", "negated"),
    ("Spain has yet to deploy troops to Mali.", "deploy", "negated"),
    ("The army said it would strike the camps and called on civilians to leave.", "called", "asserted"),
])
def test_tagger_on_a_trigger(coder: Any, text: str, word: str, modality: str) -> None:
    doc = coder.nlp(text)
    actors = coder.actor_coder.document_actors(doc, "2024-06-01")
    trigger = next(t for t in doc if t.text == word)
    frame = coder.tagger.frame(trigger, actors, "2024-06-01")
    assert frame.modality == modality
    if word == "called":  # coordinated with the reporting verb, not reported by it
        assert frame.claimed_by is None


def test_a_denial_contests_what_others_assert(coder: Any) -> None:
    text = ("Georgian officials said Russian troops attacked Georgia on Monday. "
            "The Kremlin denied that Russian troops had attacked Georgia.")
    coded = coder.code(Document("m", text, "", "2024-06-01"))
    asserted = [e for e in coded.events if e.event_type == "ASSAULT" and e.modality == "asserted"]
    assert asserted and asserted[0].contested_by and asserted[0].contested_by[0].code == "RUS"


def test_claiming_responsibility_makes_the_group_the_claimant(coder: Any) -> None:
    text = ("Kenya condemned the bombing in Mombasa, for which al-Shabaab has claimed responsibility "
            "and where nine people were killed.")
    claimants = {a.code for e in _events(coder, text, "ASSAULT") for a in (e.claimed_by or ())}
    assert "IMG" in claimants


def test_a_wish_to_perform_a_speech_act_performs_it(coder: Any) -> None:
    """"I want to thank Japan" thanks Japan; "we want to attack" attacks nobody yet."""
    thanks = coder.code(Document("p", "I want to thank Japan for its help.", "", "2024-06-01",
                                 "US State Department")).events
    assert [e.modality for e in thanks if e.event_type == "SUPPORT"] == ["asserted"]
    attack = coder.code(Document("p", "We want to attack Iran.", "", "2024-06-01",
                                 "US State Department")).events
    assert [e.modality for e in attack if e.event_type == "ASSAULT"] == ["hypothetical"]


def test_a_date_in_the_urged_act_is_not_the_urging(coder: Any) -> None:
    text = "The senator rejected the plan and urged Chileans to vote against it in next week's referendum."
    found = coder.code(Document("u", "SANTIAGO — " + text, "", "2022-08-25")).events
    assert {e.event_type: e.modality for e in found if e.event_type in {"REQUEST", "REJECT"}} == {
        "REQUEST": "asserted", "REJECT": "asserted"}
