"""Check examples/corpus.jsonl and examples/gold.jsonl against the annotation guide.

Run from the repository root:  python examples/validate.py
Exit status 0 when every check passes; problems are printed one per line.
Standard library only, so it runs without the package installed.
"""

from __future__ import annotations

import collections
import csv
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN",
    "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
MODALITIES = ("asserted", "negated", "hypothetical", "future", "historical")
SECTORS = (
    "GOV", "MIL", "COP", "JUD", "LEG", "PTY", "REB", "SPY", "OPP", "BUS",
    "CVL", "JRN", "MED", "REF", "REL", "ELI", "UNK",
)
INTERNATIONAL = ("IGO", "UNO", "EUR", "NGO", "IMG", "MNC")
MODES = {
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport",
               "withhold", "misinformation", "cyber"},
    "ASSAULT": {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive",
                "firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons",
                "crowd-control", "unconventional"},
}
CORPUS_KEYS = {"doc_id", "title", "date", "source", "license", "text"}
EVENT_KEYS = {"event_type", "mode", "actor", "recipient", "modality", "claimed_by",
              "evidence", "location", "quantity"}
CODE_RE = re.compile(r"^(?:[A-Z]{3}|---)$")
DATE_RE = re.compile(r"^(20(?:1\d|2[0-6]))-\d\d-\d\d$")
TSV_COLUMNS = ["id", "text", "event_type", "actor", "recipient", "modality", "claimed_by", "note"]


def check_actor(where: str, actor: object, problems: list[str]) -> None:
    if not isinstance(actor, dict):
        problems.append(f"{where}: actor entry is not an object")
        return
    if set(actor) - {"code", "sector", "text", "name"} or not {"code", "sector", "text"} <= set(actor):
        problems.append(f"{where}: actor keys {sorted(actor)}")
    if not CODE_RE.match(str(actor.get("code", ""))):
        problems.append(f"{where}: bad code {actor.get('code')!r}")
    if actor.get("sector") not in SECTORS:
        problems.append(f"{where}: bad sector {actor.get('sector')!r}")
    if actor.get("code") in INTERNATIONAL and not actor.get("name"):
        problems.append(f"{where}: international code {actor.get('code')} without a name")


def check_gold(corpus_path: Path, gold_path: Path, problems: list[str]) -> collections.Counter:
    counts: collections.Counter = collections.Counter()
    corpus = [json.loads(line) for line in corpus_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if [d["doc_id"] for d in corpus] != [d["doc_id"] for d in gold]:
        problems.append("corpus and gold list different documents")
    ids = [d["doc_id"] for d in corpus]
    if len(ids) != len(set(ids)):
        problems.append("duplicate doc_id")
    for doc, gdoc in zip(corpus, gold):
        did = doc["doc_id"]
        if set(doc) != CORPUS_KEYS:
            problems.append(f"{did}: corpus keys {sorted(doc)}")
        if {k: v for k, v in gdoc.items() if k != "events"} != doc:
            problems.append(f"{did}: gold metadata differs from corpus")
        if doc.get("date") is not None and not DATE_RE.match(doc["date"]):
            problems.append(f"{did}: bad date {doc['date']!r}")
        words = len(doc["text"].split())
        if not 80 <= words <= 250:
            problems.append(f"{did}: {words} words (want 80-250)")
        seen = set()
        for i, e in enumerate(gdoc.get("events", [])):
            where = f"{did}#{i}"
            if set(e) != EVENT_KEYS:
                problems.append(f"{where}: event keys {sorted(e)}")
            t = e.get("event_type")
            if t not in EVENT_TYPES:
                problems.append(f"{where}: bad event_type {t!r}")
            if e.get("mode") is not None and e["mode"] not in MODES.get(t, set()):
                problems.append(f"{where}: mode {e['mode']!r} not a PLOVER mode of {t}")
            if e.get("modality") not in MODALITIES:
                problems.append(f"{where}: bad modality {e.get('modality')!r}")
            if not e.get("actor"):
                problems.append(f"{where}: no actor")
            elif all(x.get("code") == "---" for x in e["actor"]):
                problems.append(f"{where}: no actor with a known code")
            for role in ("actor", "recipient"):
                for x in e.get(role) or []:
                    check_actor(f"{where}.{role}", x, problems)
            if e.get("claimed_by") is not None:
                if not isinstance(e["claimed_by"], list) or not e["claimed_by"]:
                    problems.append(f"{where}: claimed_by must be null or a non-empty list")
                else:
                    for x in e["claimed_by"]:
                        check_actor(f"{where}.claimed_by", x, problems)
            ev = e.get("evidence", "")
            if not ev or ev not in doc["text"]:
                problems.append(f"{where}: evidence is not a substring of text: {ev!r}")
            loc = e.get("location")
            if loc is not None and (set(loc) != {"name", "country"} or
                                    (loc["country"] is not None and not CODE_RE.match(loc["country"]))):
                problems.append(f"{where}: bad location {loc!r}")
            if e.get("quantity") is not None:
                problems.append(f"{where}: quantity should be null")
            key = (t, tuple(sorted((x["code"], x["sector"]) for x in e.get("actor", []))),
                   tuple(sorted((x["code"], x["sector"]) for x in e.get("recipient", []))), e.get("modality"))
            if key in seen:
                problems.append(f"{where}: repeats (type, actor, recipient, modality) {key}")
            seen.add(key)
            counts[(t, e.get("modality"))] += 1
    return counts


def check_tsv(path: Path, problems: list[str]) -> int:
    text = path.read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))
    if rows[0] != TSV_COLUMNS:
        problems.append(f"{path.name}: header {rows[0]}")
    ids = set()
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != len(TSV_COLUMNS):
            problems.append(f"{path.name}:{n}: {len(row)} columns")
            continue
        rid, sent, etype, actor, recip, modality, claimed, note = row
        if rid in ids:
            problems.append(f"{path.name}:{n}: duplicate id {rid}")
        ids.add(rid)
        if etype not in EVENT_TYPES:
            problems.append(f"{path.name}:{n}: bad event_type {etype!r}")
        if modality not in MODALITIES:
            problems.append(f"{path.name}:{n}: bad modality {modality!r}")
        for col in (actor, recip, claimed):
            for code in filter(None, col.split(",")):
                if not CODE_RE.match(code):
                    problems.append(f"{path.name}:{n}: bad code {code!r}")
        if not actor:
            problems.append(f"{path.name}:{n}: empty actor")
        if not sent.strip() or not note.strip():
            problems.append(f"{path.name}:{n}: empty text or note")
    return len(rows) - 1


def main() -> int:
    problems: list[str] = []
    counts = check_gold(HERE / "corpus.jsonl", HERE / "gold.jsonl", problems)
    tsv = ROOT / "tests" / "data" / "modality_cases.tsv"
    n_tsv = check_tsv(tsv, problems) if tsv.exists() else 0
    by_type = collections.Counter()
    by_mod = collections.Counter()
    for (t, m), c in counts.items():
        by_type[t] += c
        by_mod[m] += c
    for t in EVENT_TYPES:
        if by_type[t] < 2:
            problems.append(f"coverage: {t} has {by_type[t]} events (want 2+)")
    for m in MODALITIES:
        if by_mod[m] < 3:
            problems.append(f"coverage: {m} has {by_mod[m]} events (want 3+)")
    print(f"{sum(counts.values())} events; modality_cases.tsv rows: {n_tsv}")
    print("by type:", dict(sorted(by_type.items())))
    print("by modality:", dict(sorted(by_mod.items())))
    for p in problems:
        print("PROBLEM", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
