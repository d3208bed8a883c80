"""Whole-article tests of the coder on articles written for these tests."""

from __future__ import annotations

from typing import Any

from casus.records import CodedDocument, Document, Event

ARTICLE = (
    "Washington officials say that Moscow has asked Beijing for drones and artillery shells.\n"
    "A spokesman for the Chinese foreign ministry, Wang Lin, said he had never heard of such a request.\n"
    "\u201cWe have always called for talks and restraint,\u201d Wang told reporters in Beijing.\n"
    "China has so far declined to condemn the Russian invasion of Ukraine.\n"
    "Analysts fear the war could embolden China to blockade Taiwan.\n"
    "Turkish troops will withdraw from the border town next week, the defence ministry in Ankara said.\n"
    "During the Cold War, Beijing sent military advisers to Hanoi."
)


def _code(coder: Any, text: str, date: str = "2022-03-20", source: str = "") -> CodedDocument:
    return coder.code(Document("t-1", text, "", date, source))


def _find(coded: CodedDocument, etype: str, actor: str, recipient: str | None = None) -> Event:
    for e in coded.events:
        codes = {a.code for a in e.actor}
        rcodes = {a.code for a in e.recipient}
        if e.event_type == etype and actor in codes and (recipient is None or recipient in rcodes):
            return e
    raise AssertionError(f"no {etype} {actor}->{recipient} in {[_show(e) for e in coded.events]}")


def _show(e: Event) -> str:
    return (f"{e.event_type} {[a.code for a in e.actor]}->{[a.code for a in e.recipient]} "
            f"{e.modality} {[a.code for a in e.claimed_by or ()]}")


def test_reported_request_is_asserted_and_claimed(coder: Any) -> None:
    coded = _code(coder, ARTICLE)
    req = _find(coded, "REQUEST", "RUS", "CHN")
    assert req.modality == "asserted"
    assert req.claimed_by is not None and {a.code for a in req.claimed_by} == {"USA"}


def test_refusal_to_condemn_is_negated(coder: Any) -> None:
    coded = _code(coder, ARTICLE)
    assert _find(coded, "ACCUSE", "CHN", "RUS").modality == "negated"


def test_feared_act_is_hypothetical(coder: Any) -> None:
    coded = _code(coder, ARTICLE)
    assert _find(coded, "COERCE", "CHN", "TWN").modality == "hypothetical"


def test_announced_withdrawal_is_future_and_claimed(coder: Any) -> None:
    coded = _code(coder, ARTICLE)
    ev = _find(coded, "RETREAT", "TUR")
    assert ev.modality == "future"
    assert ev.actor[0].sector == "MIL"


def test_cold_war_episode_is_historical(coder: Any) -> None:
    coded = _code(coder, ARTICLE)
    assert _find(coded, "MOBILIZE", "CHN").modality == "historical" or \
        _find(coded, "AID", "CHN").modality == "historical"


def test_quote_is_attributed_to_chinese_speaker(coder: Any) -> None:
    coded = _code(coder, ARTICLE)
    quotes = [q for q in coded.quotes if "restraint" in q.text]
    assert quotes and quotes[0].speaker is not None and quotes[0].speaker.code == "CHN"


def test_evidence_is_a_substring_with_offsets(coder: Any) -> None:
    coded = _code(coder, ARTICLE)
    assert coded.events
    for e in coded.events:
        assert ARTICLE[e.evidence_start : e.evidence_end] == e.evidence


def test_one_event_per_type_actor_recipient_modality(coder: Any) -> None:
    text = ("Rebels attacked the army base near Goma. The rebels attacked the army base again on Sunday, "
            "Congolese officials said.")
    coded = _code(coder, text)
    keys = [(e.event_type, frozenset(a.code for a in e.actor), frozenset(a.code for a in e.recipient),
             e.modality) for e in coded.events]
    assert len(keys) == len(set(keys))


def test_first_person_statement_speaks_for_the_source(coder: Any) -> None:
    text = "We strongly condemn the attack on the embassy in Kabul by the Taliban."
    coded = _code(coder, text, "2016-05-01", source="US State Department")
    ev = _find(coded, "ACCUSE", "USA")
    assert ev.claimed_by is None


def test_passive_voice_swaps_roles(coder: Any) -> None:
    text = "An Iraqi army convoy was attacked by ISIL fighters near Mosul on Tuesday."
    coded = _code(coder, text, "2016-05-01")
    ev = _find(coded, "ASSAULT", "IMG", "IRQ")
    assert ev.recipient[0].sector == "MIL"


def test_no_event_without_a_known_actor(coder: Any) -> None:
    coded = _code(coder, "Four people were arrested on Monday.", "2020-01-01")
    assert coded.events == ()
