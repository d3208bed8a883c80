"""The events stage: triggers and their arguments, on sentences written for these tests."""

from __future__ import annotations

from typing import Any

from casus.records import CodedDocument, Document, Event


def _code(coder: Any, text: str, date: str = "2019-05-01", source: str = "") -> CodedDocument:
    return coder.code(Document("ev", text, "", date, source))


def _events(coded: CodedDocument, etype: str) -> list[Event]:
    return [e for e in coded.events if e.event_type == etype]


def _pairs(events: list[Event]) -> set[tuple[frozenset[str], frozenset[str]]]:
    return {(frozenset(a.code for a in e.actor if a.known), frozenset(a.code for a in e.recipient if a.known))
            for e in events}


def test_subject_object_and_preposition(coder: Any) -> None:
    coded = _code(coder, "Russia requested drones from Iran last month.")
    assert (frozenset({"RUS"}), frozenset({"IRN"})) in _pairs(_events(coded, "REQUEST"))


def test_object_control_verb_gives_the_recipient(coder: Any) -> None:
    coded = _code(coder, "Germany urged Turkey to halt its offensive.")
    assert (frozenset({"DEU"}), frozenset({"TUR"})) in _pairs(_events(coded, "REQUEST"))


def test_requested_act_is_not_an_event(coder: Any) -> None:
    coded = _code(coder, "Egypt asked Israel to withdraw its troops from the border.")
    assert not _events(coded, "RETREAT")


def test_possessive_nominal_event(coder: Any) -> None:
    coded = _code(coder, "Diplomats discussed Russia's invasion of Ukraine at length.")
    assert (frozenset({"RUS"}), frozenset({"UKR"})) in _pairs(_events(coded, "ASSAULT"))


def test_compound_subject_meets_with_no_recipient(coder: Any) -> None:
    coded = _code(coder, "France and Germany met in Paris on Monday.")
    actors, recipients = next(iter(_pairs(_events(coded, "CONSULT"))))
    assert actors == {"FRA", "DEU"} and not recipients


def test_attack_claimed_by_a_group(coder: Any) -> None:
    coded = _code(coder, "The Foreign Office condemned the bombing claimed by ISIL in Kabul.")
    assert any("IMG" in {a.code for a in e.actor} for e in _events(coded, "ASSAULT"))


def test_victims_from_a_relative_clause(coder: Any) -> None:
    coded = _code(coder, "Kenya mourned ISIL's attacks, which targeted Somali refugees.")
    assert any("SOM" in {a.code for a in e.recipient} for e in _events(coded, "ASSAULT"))


def test_condemning_an_attack_targets_its_author(coder: Any) -> None:
    coded = _code(coder, "Canada condemned the Taliban's attack on a school.")
    assert any("AFG" in {a.code for a in e.recipient} for e in _events(coded, "ACCUSE"))


def test_the_move_refers_to_the_last_reported_act(coder: Any) -> None:
    text = "Japan expelled two Chinese diplomats on Tuesday. Australia praised the move."
    coded = _code(coder, text)
    assert (frozenset({"AUS"}), frozenset({"JPN"})) in _pairs(_events(coded, "SUPPORT"))


def test_plural_pronoun_takes_the_conjoined_subject(coder: Any) -> None:
    text = "Britain, France and Germany said they condemned the missile test by North Korea."
    coded = _code(coder, text)
    assert any({a.code for a in e.actor} >= {"GBR", "FRA", "DEU"} for e in _events(coded, "ACCUSE"))


def test_committed_to_working_with(coder: Any) -> None:
    coded = _code(coder, "Japan remains committed to working with India on maritime security.")
    assert (frozenset({"JPN"}), frozenset({"IND"})) in _pairs(_events(coded, "AGREE"))


def test_names_are_not_triggers(coder: Any) -> None:
    coded = _code(coder, "Officials from Bahrain opened the Manama Dialogue on Friday.")
    assert not _events(coded, "CONSULT")


def test_lower_case_common_words_are_not_actors(coder: Any) -> None:
    coded = _code(coder, "The foreign ministers met to discuss the island.")
    assert coded.events == ()


def test_bare_agents_belong_to_the_story_country(coder: Any) -> None:
    text = ("Nigerian officials said on Monday that the army had repelled an attack in Borno. "
            "Nigeria's president praised the troops. Later, the army arrested two suspects, "
            "Nigerian police said.")
    coded = _code(coder, text)
    assert any(a.code == "NGA" and a.sector == "MIL" for e in _events(coded, "COERCE") for a in e.actor)


def test_the_annexation_and_sanctions_on(coder: Any) -> None:
    text = "Moscow's annexation of Crimea angered Brussels. The European Union imposed sanctions on Russia."
    coded = _code(coder, text, "2014-04-01")
    assert any("RUS" in {a.code for a in e.actor} for e in _events(coded, "COERCE"))
    assert (frozenset({"EUR"}), frozenset({"RUS"})) in _pairs(_events(coded, "SANCTION"))


def test_attack_on_places_hits_their_people(coder: Any) -> None:
    coded = _code(coder, "The Syrian army shelled Aleppo and Idlib on Monday.")
    assert any("SYR" in {a.code for a in e.recipient} for e in _events(coded, "ASSAULT"))


def test_unattributed_attack_claimed_in_a_later_sentence(coder: Any) -> None:
    text = ("Kenya condemned the attacks in Garissa on Thursday. Al-Shabaab claimed the attacks in a "
            "statement.")
    attacks = [e for e in _events(_code(coder, text), "ASSAULT") if {a.code for a in e.actor} == {"IMG"}]
    assert attacks and all(e.claimed_by and e.claimed_by[0].code == "IMG" for e in attacks)


def test_helping_people_create_names_the_helped(coder: Any) -> None:
    coded = _code(coder, "Japan helped the people of Nepal rebuild their schools.")
    assert (frozenset({"JPN"}), frozenset({"NPL"})) in _pairs(_events(coded, "AID"))


def test_sending_a_delegation_is_a_visit(coder: Any) -> None:
    coded = _code(coder, "Qatar will send a delegation to Kabul next week.")
    assert _events(coded, "CONSULT") and not _events(coded, "AID")


def test_delivering_a_message_is_not_aid(coder: Any) -> None:
    coded = _code(coder, "The British ambassador delivered a message to Iran on Monday.")
    assert not _events(coded, "AID")


def test_commitment_to_a_goal_is_not_a_promise(coder: Any) -> None:
    coded = _code(coder, "Canada remains committed to that goal.")
    assert not _events(coded, "AGREE")


def test_a_warning_answers_the_last_act_of_another_party(coder: Any) -> None:
    text = ("Iran seized a British tanker in the Strait of Hormuz on Friday. "
            "Britain warned of serious consequences unless the ship was released.")
    coded = _code(coder, text)
    assert (frozenset({"GBR"}), frozenset({"IRN"})) in _pairs(_events(coded, "THREATEN"))


def test_the_condition_of_a_threat_names_its_target(coder: Any) -> None:
    coded = _code(coder, "Turkey threatened to close its border if Greece refused the deal.")
    assert (frozenset({"TUR"}), frozenset({"GRC"})) in _pairs(_events(coded, "THREATEN"))


def test_vowing_to_retaliate_is_a_threat(coder: Any) -> None:
    coded = _code(coder, "Pakistan vowed to retaliate against India.")
    assert _events(coded, "THREATEN") and not _events(coded, "AGREE")


def test_warning_shots_are_not_a_threat_word(coder: Any) -> None:
    coded = _code(coder, "Japanese jets fired warning shots at a Chinese drone.")
    assert not _events(coded, "THREATEN")


def test_a_resolution_that_demands_speaks_for_who_adopted_it(coder: Any) -> None:
    coded = _code(coder, "The UN Security Council adopted a resolution that demands Israel halt its raids.")
    assert (frozenset({"UNO"}), frozenset({"ISR"})) in _pairs(_events(coded, "REQUEST"))


def test_repelling_an_attack_targets_the_attacker(coder: Any) -> None:
    coded = _code(coder, "Kenyan troops repelled an attack by al-Shabaab near the border.")
    assert (frozenset({"KEN"}), frozenset({"IMG"})) in _pairs(_events(coded, "ASSAULT"))


def test_partitive_phrases_code_their_people(coder: Any) -> None:
    coded = _code(coder, "Norway pledged funds to help all of the residents of Haiti rebuild.")
    assert any("HTI" in {a.code for a in e.recipient} for e in coded.events)


def test_a_damning_name_for_an_act_accuses_its_doer(coder: Any) -> None:
    text = ("Iran seized a British tanker in the Gulf. "
            "Britain's foreign minister called the seizure unacceptable.")
    assert (frozenset({"GBR"}), frozenset({"IRN"})) in _pairs(_events(_code(coder, text), "ACCUSE"))
    assert not _events(_code(coder, "Japan called the talks with Korea useful."), "ACCUSE")


def test_a_date_is_not_whom_a_call_is_on(coder: Any) -> None:
    assert not _events(_code(coder, "The Kenyan president called Uganda's leader on Tuesday."), "REQUEST")


def test_a_state_protests_in_words(coder: Any) -> None:
    coded = _code(coder, "Japan summoned China's ambassador to protest the drills near the Senkaku islands.")
    assert _events(coded, "ACCUSE") and not _events(coded, "PROTEST")
    assert _events(_code(coder, "Thousands of Kenyan students protested in Nairobi."), "PROTEST")
