"""Quotes and their speakers: marks, position of the reporting verb, pronouns, transcripts,
indirect speech. Sentences written for these tests."""

from __future__ import annotations

from typing import Any

from casus.records import Document, Quote


def _quotes(coder: Any, text: str, date: str = "2016-06-01") -> list[Quote]:
    return list(coder.code(Document("q", text, "", date)).quotes)


def _direct(quotes: list[Quote]) -> list[Quote]:
    return [q for q in quotes if q.direct]


def test_curly_quote_with_verb_after(coder: Any) -> None:
    text = "“We have no plans to send troops to the border,” the French defence minister told reporters."
    (q,) = _direct(_quotes(coder, text))
    assert q.text.startswith("We have no plans")
    assert q.speaker is not None and q.speaker.code == "FRA"


def test_straight_quote_with_speaker_before(coder: Any) -> None:
    text = 'Sergey Lavrov said: "Moscow will answer any provocation with force."'
    (q,) = _direct(_quotes(coder, text))
    assert q.speaker is not None and q.speaker.code == "RUS"
    assert text[q.start : q.end] == q.text


def test_pronoun_speaker_refers_back(coder: Any) -> None:
    text = ("Sergey Lavrov met reporters in Geneva on Monday.\n"
            "“Our patience with these provocations is running out,” he said.")
    (q,) = _direct(_quotes(coder, text))
    assert q.speaker is not None and q.speaker.code == "RUS"


def test_quote_without_verb_continues_previous_speaker(coder: Any) -> None:
    text = ("“We will keep supporting the government in Kabul,” said John Kerry. "
            "“There is no alternative to a negotiated settlement between the parties.”")
    quotes = _direct(_quotes(coder, text))
    assert len(quotes) == 2
    assert all(q.speaker is not None and q.speaker.code == "USA" for q in quotes)


def test_quote_open_at_paragraph_end_takes_the_next_speaker(coder: Any) -> None:
    text = ("“The talks in Vienna went on late into the night and nothing was agreed.\n"
            "“We will go back to the table next week,” Sergey Lavrov said.")
    quotes = _direct(_quotes(coder, text))
    assert len(quotes) == 2
    assert quotes[0].text.startswith("The talks in Vienna")
    assert all(q.speaker is not None and q.speaker.code == "RUS" for q in quotes)


def test_scare_quotes_are_not_quotes(coder: Any) -> None:
    assert not _direct(_quotes(coder, "Moscow calls the war a “special operation” in its media."))


def test_transcript_labels_quote_their_speaker(coder: Any) -> None:
    text = ("QUESTION: Did you discuss the ceasefire with the minister?\n\n"
            "SECRETARY KERRY: We discussed it at length and we will meet again on Friday.\n")
    quotes = _direct(_quotes(coder, text))
    assert [q.speaker.code if q.speaker else None for q in quotes] == [None, "USA"]
    coded = coder.code(Document("q", text, "", "2016-06-01"))
    inside = [e for e in coded.events if e.evidence_start >= quotes[1].start]
    assert inside and all(e.claimed_by and e.claimed_by[0].code == "USA" for e in inside)


def test_answers_quote_the_attributed_spokesperson(coder: Any) -> None:
    text = ("Attribution is on-the-record from Spokesperson John Kirby.\n\n"
            "Question: Who will attend the meeting?\n\n"
            "Answer: Deputy Secretary Blinken will travel to Paris for the meeting.\n")
    quotes = _direct(_quotes(coder, text))
    answer = quotes[-1]
    assert answer.text.startswith("Deputy Secretary")
    assert answer.speaker is not None and answer.speaker.code == "USA"


def test_indirect_speech_is_an_indirect_quote(coder: Any) -> None:
    text = "The Turkish foreign ministry said that Ankara would not accept the decision."
    quotes = [q for q in _quotes(coder, text) if not q.direct]
    assert len(quotes) == 1
    assert quotes[0].text.startswith("that Ankara") or quotes[0].text.startswith("Ankara")
    assert quotes[0].speaker is not None and quotes[0].speaker.code == "TUR"


def test_events_inside_a_quote_are_claimed_by_the_speaker(coder: Any) -> None:
    text = "“Russian jets bombed the hospital in Idlib,” the Turkish foreign minister said."
    coded = coder.code(Document("q", text, "", "2016-06-01"))
    assault = [e for e in coded.events if e.event_type == "ASSAULT"]
    assert assault and assault[0].claimed_by and assault[0].claimed_by[0].code == "TUR"


def test_a_dateline_is_not_a_speaker(coder: Any) -> None:
    text = ("BEIRUT: Syrian troops shelled the town on Monday.\n\n"
            "UPDATE: Turkish jets struck the same area later in the day.\n")
    assert not _direct(_quotes(coder, text))
