"""Recipients from around the trigger (casus.targets), on sentences written for these tests."""

from __future__ import annotations

from typing import Any

from casus.records import CodedDocument, Document, Event


def _code(coder: Any, text: str, date: str = "2019-05-01") -> CodedDocument:
    return coder.code(Document("tg", text, "", date))


def _pairs(coded: CodedDocument, etype: str) -> set[tuple[frozenset[str], frozenset[str]]]:
    events: list[Event] = [e for e in coded.events if e.event_type == etype]
    return {(frozenset(a.code for a in e.actor if a.known), frozenset(a.code for a in e.recipient if a.known))
            for e in events}


def _sectors(coded: CodedDocument, etype: str) -> set[tuple[str, str]]:
    return {(r.code, r.sector) for e in coded.events if e.event_type == etype for r in e.recipient}


def test_hyphenated_pair_names_the_other_side(coder: Any) -> None:
    coded = _code(coder, "Cuban officials praised the Soviet-Cuban alliance.")
    assert (frozenset({"CUB"}), frozenset({"RUS"})) in _pairs(coded, "COOPERATE")


def test_purpose_clause_names_the_target(coder: Any) -> None:
    coded = _code(coder, "Kenyan troops launched an offensive to defeat al-Shabaab in the south.")
    pairs = _pairs(coded, "ASSAULT")
    assert any(a == {"KEN"} and r for a, r in pairs), pairs


def test_purpose_clause_never_targets_the_actor_itself(coder: Any) -> None:
    coded = _code(coder, "Peru and Chile signed a partnership to support Peruvian farmers.")
    assert all("PER" not in r for _, r in _pairs(coded, "COOPERATE"))


def test_civil_war_is_the_state_against_its_rebels(coder: Any) -> None:
    coded = _code(coder, "Thousands have died in the Yemeni civil war.")
    assert ("YEM", "REB") in _sectors(coded, "ASSAULT")


def test_liberating_a_place_targets_who_holds_it(coder: Any) -> None:
    text = ("Boko Haram fighters seized the town of Bama last year. "
            "Nigerian troops began an operation to liberate Bama on Monday.")
    coded = _code(coder, text)
    liberation = [e for e in coded.events if e.event_type == "ASSAULT" and e.actor[0].sector == "MIL"]
    assert liberation and all({(r.code, r.sector) for r in e.recipient} == {("NGA", "REB")}
                              for e in liberation), liberation


def test_shelling_villages_hits_their_people(coder: Any) -> None:
    coded = _code(coder, "Syrian government forces shelled villages near Idlib on Tuesday.")
    assert ("SYR", "CVL") in _sectors(coded, "ASSAULT")


def test_consultations_in_a_capital_are_with_its_government(coder: Any) -> None:
    coded = _code(coder, "The Japanese envoy held consultations in Beijing.")
    assert (frozenset({"JPN"}), frozenset({"CHN"})) in _pairs(coded, "CONSULT")


def test_definite_description_of_a_named_group(coder: Any) -> None:
    text = ("Al-Shabaab claimed the bombing in Mombasa. "
            "Kenyan troops began an offensive against this terrorist organization.")
    assert any(a == {"KEN"} and "IMG" in r for a, r in _pairs(_code(coder, text), "ASSAULT"))


def test_the_militants_refer_to_the_group_last_named(coder: Any) -> None:
    text = "Al-Shabaab claimed the bombing in Mombasa. Kenya vowed to destroy the militants."
    assert any(a == {"KEN"} and "IMG" in r for a, r in _pairs(_code(coder, text), "THREATEN"))


def test_their_is_the_nearest_plural_actor(coder: Any) -> None:
    coded = _code(coder, "Britain will support Iraqi fighters in their offensive against ISIL.")
    assert any("IRQ" in a for a, _ in _pairs(coded, "ASSAULT"))


def test_partners_in_a_country(coder: Any) -> None:
    coded = _code(coder, "France pledged to work with its partners in Mali.")
    assert (frozenset({"FRA"}), frozenset({"MLI"})) in _pairs(coded, "AGREE")


def test_a_country_an_abstract_noun_is_for_is_no_party(coder: Any) -> None:
    coded = _code(coder, "Kenya and Uganda reached a consensus on rules for a peaceful Sudan.")
    assert (frozenset({"KEN", "UGA"}), frozenset()) in _pairs(coded, "AGREE")


def test_an_act_included_in_an_outcome_belongs_to_whose_outcome_it_is(coder: Any) -> None:
    text = ("Officials welcomed the result of the meeting of the Kenyan opposition, "
            "including reaching an agreement on a new constitution.")
    assert any(a == {"KEN"} for a, _ in _pairs(_code(coder, text), "SUPPORT"))


def test_against_phrase_deeper_in_the_clause(coder: Any) -> None:
    text = "The Syrian militia, which fought alongside Iraqi troops against ISIL last year, disbanded."
    assert any("IMG" in r for _, r in _pairs(_code(coder, text), "ASSAULT"))


def test_forces_readied_around_a_country(coder: Any) -> None:
    coded = _code(coder, "China's navy began drills in three zones around Taiwan on Friday.")
    assert (frozenset({"CHN"}), frozenset({"TWN"})) in _pairs(coded, "MOBILIZE")


def test_massing_troops_is_mobilizing(coder: Any) -> None:
    coded = _code(coder, "Russia massed troops near the border with Ukraine.")
    assert (frozenset({"RUS"}), frozenset({"UKR"})) in _pairs(coded, "MOBILIZE")


def test_a_verb_shares_the_object_of_its_conjunct(coder: Any) -> None:
    coded = _code(coder, "Boko Haram used the money to terrorize and rob villagers in Borno.")
    assert ("NGA", "CVL") in _sectors(coded, "ASSAULT")


def test_both_sides_are_the_two_states_named_before(coder: Any) -> None:
    text = ("Armenian and Azerbaijani forces exchanged fire on Monday. "
            "Russia and France urged both sides to exercise restraint.")
    assert (frozenset({"RUS", "FRA"}), frozenset({"ARM", "AZE"})) in _pairs(_code(coder, text), "REQUEST")


def test_an_object_pronoun_is_not_its_own_subject(coder: Any) -> None:
    text = "Secretary Blinken called Russian Foreign Minister Lavrov and urged him to release the journalist."
    assert (frozenset({"USA"}), frozenset({"RUS"})) in _pairs(_code(coder, text, "2023-04-01"), "REQUEST")


def test_a_pronoun_prefers_the_subject_of_its_sentence(coder: Any) -> None:
    text = "ISIL sold oil from fields in Syria, which allowed it to attack villages."
    assert any("IMG" in a for a, _ in _pairs(_code(coder, text), "ASSAULT"))


def test_aided_by_support_names_who_was_aided(coder: Any) -> None:
    text = "Iraqi troops retook the town from ISIL on Monday, helped by firm backing from Iran and Russia."
    pairs = _pairs(_code(coder, text), "AID")
    assert any({"IRN", "RUS"} <= a and "IRQ" in r for a, r in pairs), pairs


def test_opposition_forces_are_armed_opposition(coder: Any) -> None:
    coded = _code(coder, "Syrian opposition forces captured the town on Monday.")
    assert any(a.sector == "REB" for e in coded.events for a in e.actor)


def test_a_material_act_named_again_without_its_target_is_the_same_event(coder: Any) -> None:
    coded = _code(coder, "Russia invaded Ukraine in February. Moscow's invasion drew sanctions from Japan.")
    assert _pairs(coded, "ASSAULT") == {(frozenset({"RUS"}), frozenset({"UKR"}))}


def test_forces_sent_are_the_senders_not_the_target(coder: Any) -> None:
    coded = _code(coder, "Chad said it would send 2,000 soldiers to fight in Mali.")
    assert _pairs(coded, "MOBILIZE") == {(frozenset({"TCD"}), frozenset({"MLI"}))}
    assert not _pairs(coded, "ASSAULT")


def test_a_weapon_stands_for_the_forces_using_it(coder: Any) -> None:
    coded = _code(coder, "Israeli airstrikes killed 40 Palestinians in Gaza.")
    assert {(a.code, a.sector) for e in coded.events for a in e.actor} == {("ISR", "MIL")}
    assert ("PSE", "CVL") in _sectors(coded, "ASSAULT")


def test_a_weapon_fired_by_someone_is_their_act(coder: Any) -> None:
    coded = _code(coder, "Israel said rockets fired by Hamas militants killed two people in Sderot.")
    assert any("PSE" in a and "ISR" in r for a, r in _pairs(coded, "ASSAULT"))


def test_opening_fire_and_using_weapons_are_assaults(coder: Any) -> None:
    assert _pairs(_code(coder, "Nigerian soldiers opened fire on protesters in Lagos."), "ASSAULT")
    assert _pairs(_code(coder, "Syrian troops used chemical weapons in Douma."), "ASSAULT")
    assert not _pairs(_code(coder, "Nigeria opened talks with the rebels in Abuja."), "ASSAULT")
    assert not _pairs(_code(coder, "Syrian troops used trucks to reach Douma."), "ASSAULT")


def test_an_attack_on_a_base_hits_the_forces_there(coder: Any) -> None:
    coded = _code(coder, "Boko Haram insurgents attacked a military base in Borno state.")
    assert ("NGA", "MIL") in _sectors(coded, "ASSAULT")


def test_a_warning_does_not_answer_a_denied_act(coder: Any) -> None:
    text = ("France struck targets in Syria on Saturday. Damascus denied that its troops had used gas. "
            "Russia warned that such actions would have consequences.")
    assert any("FRA" in r for _, r in _pairs(_code(coder, text), "THREATEN"))


def test_our_ally_and_a_name_the_parser_hangs_elsewhere(coder: Any) -> None:
    text = "I want to congratulate the Kenyan people and thank our ally Japan."
    coded = coder.code(Document("a", text, "", "2016-10-01", "US State Department"))
    assert (frozenset({"USA"}), frozenset({"JPN"})) in _pairs(coded, "SUPPORT")


def test_troops_withdrawn_are_the_actors_own(coder: Any) -> None:
    coded = _code(coder, "Russia withdrew its forces from Ukraine.")
    assert _pairs(coded, "RETREAT") == {(frozenset({"RUS"}), frozenset({"UKR"}))}


def test_its_forces_are_the_owners(coder: Any) -> None:
    coded = _code(coder, "Turkey said its forces had shelled Kurdish positions near Kobani.")
    assert {(a.code, a.sector) for e in coded.events if e.event_type == "ASSAULT" for a in e.actor} == {
        ("TUR", "MIL")}


def test_a_dateline_is_not_the_issuer_of_a_resolution(coder: Any) -> None:
    text = ("UNITED NATIONS — The UN General Assembly on Wednesday adopted a resolution that demands "
            "Ethiopia end the blockade of Tigray.")
    assert any("UNO" in a and "ETH" in r for a, r in _pairs(_code(coder, text), "REQUEST"))


def test_a_dateline_gives_unnamed_forces_their_country(coder: Any) -> None:
    coded = _code(coder, "LAGOS — Soldiers opened fire on protesters at a toll gate on Tuesday.")
    events = [e for e in coded.events if e.event_type == "ASSAULT"]
    assert events and events[0].actor[0].code == "NGA"
    assert not events[0].evidence.startswith("LAGOS")  # the dateline is no part of the evidence


def test_its_troops_after_the_army_are_the_armys(coder: Any) -> None:
    text = ("LAGOS — Amnesty International said soldiers killed 12 protesters. "
            "The army denied that its troops had shot at anyone.")
    actors = {a.code for e in _code(coder, text).events if e.modality == "negated" for a in e.actor}
    assert actors == {"NGA"}


def test_a_passive_participle_names_who_suffers_it(coder: Any) -> None:
    text = "Protesters demanded the abolition of SARS, a Nigerian police unit accused of torture."
    coded = _code(coder, text)
    assert not _pairs(coded, "ACCUSE")


def test_a_place_modifier_gives_a_role_its_country(coder: Any) -> None:
    coded = _code(coder, "Lagos state governor Babajide Sanwo-Olu imposed a 24-hour curfew on Tuesday.")
    assert {(a.code, a.sector) for e in coded.events if e.event_type == "COERCE" for a in e.actor} == {
        ("NGA", "GOV")}


def test_the_government_of_the_story(coder: Any) -> None:
    coded = _code(coder, "ABUJA — The government disbanded the police unit on October 11.")
    assert (frozenset({"NGA"}), frozenset()) in _pairs(coded, "CONCEDE")


def test_no_shared_object_when_the_verb_has_its_own(coder: Any) -> None:
    coded = _code(coder, "Turkish troops shot at smugglers and arrested two Syrians near Kilis.")
    assert all("SYR" not in r for _, r in _pairs(coded, "ASSAULT"))


def test_a_visit_to_a_place_is_a_visit_to_its_country(coder: Any) -> None:
    text = ("Inspectors from the Organisation for the Prohibition of Chemical Weapons are expected "
            "to visit Douma.")
    assert (frozenset({"IGO"}), frozenset({"SYR"})) in _pairs(_code(coder, text), "CONSULT")


def test_the_island_is_the_state_last_named_as_such(coder: Any) -> None:
    text = ("China's navy began drills near Taiwan on Friday, a day after U.S. House Speaker "
            "Nancy Pelosi ended her visit to the island.")
    assert (frozenset({"USA"}), frozenset({"TWN"})) in _pairs(_code(coder, text, "2022-08-05"), "CONSULT")


def test_rejecting_the_deal_targets_its_signers_even_at_home(coder: Any) -> None:
    text = ("Peru and the rebels signed a peace agreement on Monday. "
            "The Peruvian opposition rejected the deal on Tuesday.")
    pairs = _pairs(_code(coder, text, "2016-05-03"), "REJECT")
    assert any("PER" in r for _, r in pairs), pairs


def test_the_island_skips_a_country_that_only_possesses_a_title(coder: Any) -> None:
    text = ("China's navy held drills near Taiwan on Friday. The White House summoned China's ambassador. "
            "A Chinese blockade of the island could disrupt trade, analysts said.")
    assert (frozenset({"CHN"}), frozenset({"TWN"})) in _pairs(_code(coder, text, "2022-08-05"), "COERCE")


def test_a_military_command_speaks_for_its_forces(coder: Any) -> None:
    text = "The Eastern Theater Command said it had sent 40 warships to drills near Taiwan."
    assert any(a == {"CHN"} for a, _ in _pairs(_code(coder, text, "2022-08-05"), "MOBILIZE"))
