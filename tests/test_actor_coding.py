"""Actor coding through the real coder: dated roles, the knowledge base's institution patterns and
spelling variants, and ordinary words at a sentence start. Sentences are written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from casus.records import Document


def actors(coder: Any, text: str, date: str) -> list[tuple[str, str, str]]:
    """(role, code, sector) of every actor and recipient the coder finds in ``text``."""
    out: list[tuple[str, str, str]] = []
    for ev in coder.code(Document("t", text, "", date)).events:
        out += [("actor", a.code, a.sector) for a in ev.actor]
        out += [("recipient", a.code, a.sector) for a in ev.recipient]
    return out


def test_same_sentence_two_dates_changes_roles(coder: Any) -> None:
    text = "Medvedev met Obama in Moscow."
    # 2010: Medvedev is Russia's president, Obama the US president
    assert actors(coder, text, "2010-06-01") == [("actor", "RUS", "GOV"), ("recipient", "USA", "GOV")]
    # 2020: Medvedev still in government (Security Council), Obama a former president (ELI)
    assert actors(coder, text, "2020-06-01") == [("actor", "RUS", "GOV"), ("recipient", "USA", "ELI")]


def test_same_sentence_two_dates_changes_code(coder: Any) -> None:
    text = "Stoltenberg met Lavrov in Moscow."
    # Jens Stoltenberg: Norwegian prime minister in 2010, NATO secretary general in 2020
    assert ("actor", "NOR", "GOV") in actors(coder, text, "2010-06-01")
    assert ("actor", "IGO", "GOV") in actors(coder, text, "2020-06-01")


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        ("The Government of Iraq condemned the bombing.", "2016-05-01", ("actor", "IRQ", "GOV")),
        ("The Iraqi Armed Forces attacked ISIL positions near Mosul.", "2016-05-01", ("actor", "IRQ", "MIL")),
        ("Afghan Security Forces attacked Taliban positions.", "2016-05-01", ("actor", "AFG", "MIL")),
        ("The Ministry of Foreign Affairs of Iraq condemned the bombing.", "2016-05-01",
         ("actor", "IRQ", "GOV")),
        ("Asad met Putin in Moscow.", "2015-10-21", ("actor", "SYR", "GOV")),
        ("The Asad regime attacked opposition fighters in Aleppo.", "2016-05-01", ("actor", "SYR", "GOV")),
        ("Erdoğan met Zelenskyy in Istanbul.", "2022-03-10", ("recipient", "UKR", "GOV")),
        ("Turkey accused the Syrian Government of the attack.", "2016-05-01", ("recipient", "SYR", "GOV")),
        ("Russian police arrested members of the Russian opposition.", "2021-02-02",
         ("recipient", "RUS", "OPP")),
        ("Hamas fighters attacked Israeli soldiers.", "2014-07-20", ("actor", "PSE", "REB")),
    ],
)
def test_institutions_and_spellings(coder: Any, text: str, date: str, expected: tuple[str, str, str]) -> None:
    assert expected in actors(coder, text, date), actors(coder, text, date)


@pytest.mark.parametrize(
    "word", ["Today", "Senior", "Special", "Deputy", "General", "Foreign", "Power", "Price", "Island", "Hope"]
)
def test_sentence_initial_common_word_is_not_an_actor(coder: Any, word: str) -> None:
    assert coder.kb.lookup(word) == ()
    doc = coder.nlp(f"{word} officials attacked the village.")
    mentions = coder.actor_coder.find_mentions(doc, "2016-05-01")
    assert not [m for m in mentions if m.start == 0], mentions


def test_lower_case_names_of_one_meaning(coder: Any) -> None:
    """'the global coalition' names the intergovernmental coalition in any case; 'the foreign
    ministers' names nobody."""
    text = "The global coalition bombed ISIL positions near Raqqa."
    coded = coder.code(Document("lc", text, "", "2016-05-01"))
    assert any(a.code == "IGO" for e in coded.events for a in e.actor)


def test_long_names_and_the_first_word_filter(coder: Any) -> None:
    """A seven-word name is found; the filter on first words loses no name."""
    kb = coder.kb
    assert kb.may_start("organisation") and not kb.may_start("zzzq")
    text = "The Organisation for the Prohibition of Chemical Weapons condemned the attack."
    coded = coder.code(Document("ln", text, "", "2018-04-10"))
    assert any(a.code == "IGO" for e in coded.events for a in e.actor)


def test_former_in_the_text_ends_the_office(coder: Any) -> None:
    """The knowledge base may hold an office without an end; "former president" in the text ends it."""
    text = "Former president Alan Garcia criticized the government of Peru on Tuesday."
    coded = coder.code(Document("fp", text, "", "2016-05-03"))
    assert {(a.code, a.sector) for e in coded.events for a in e.actor} == {("PER", "ELI")}


def test_a_hyphenated_name_opening_a_paragraph_is_no_dateline(coder: Any) -> None:
    """"UN-sponsored talks" opens a paragraph with a capital and a hyphen but names the UN;
    "KYIV — " and "(Reuters) - " are datelines."""
    from casus.phrases import dateline_tokens

    doc = coder.nlp("UN-sponsored talks in Geneva collapsed on Friday.\nKYIV — Shelling resumed.")
    assert [doc[i].text for i in sorted(dateline_tokens(doc))] == ["KYIV"]
    actors = coder.actor_coder.document_actors(doc, "2016-02-03")
    assert any(m.role.code == "UNO" for m in actors.mentions)
