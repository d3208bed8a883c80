"""The actor knowledge base: countries, metonyms, organisations, armed groups, people, agents.

Bundled data lives in ``casus/data/kb/`` (see docs/actors.md); user files in the actors
directory (``$CASUS_HOME/actors`` or ``~/.casus/actors``) and ``extra`` paths are merged on top.
"""

from __future__ import annotations

import csv
import functools
import gc
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from casus.errors import DataError
from casus.records import SECTORS, UNKNOWN_CODE

KINDS: tuple[str, ...] = ("country", "metonym", "institution", "igo", "group", "org", "person")
INTERNATIONAL_CODES: tuple[str, ...] = ("IGO", "UNO", "EUR", "NGO", "IMG", "MNC")
_KIND_RANK = {k: i for i, k in enumerate(KINDS)}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CODE = re.compile(r"^(?:[A-Z]{3}|---)$")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
                         "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u00a0": " "})
_WS = re.compile(r"\s+")
_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


def normalize(text: str) -> str:
    """Lower-case, strip accents, straighten quotes, drop periods and a leading 'the ', turn
    underscores and word-internal hyphens into spaces, collapse whitespace."""
    s = text.translate(_QUOTES).replace("_", " ").replace(".", "").lower()
    if not s.isascii():
        s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = _HYPHEN.sub(" ", s)
    s = _WS.sub(" ", s).strip(" ,;:")
    if s.startswith("the "):
        s = s[4:]
    return s


def user_dir() -> Path:
    """Directory of the user's actor files: ``$CASUS_HOME/actors`` or ``~/.casus/actors``."""
    home = os.environ.get("CASUS_HOME")
    return (Path(home) if home else Path.home() / ".casus") / "actors"


@dataclass(frozen=True)
class Role:
    """One role period of an entity: a code and sector, valid from ``start`` to ``end``."""

    code: str
    sector: str
    start: str | None
    end: str | None
    title: str = ""

    def valid_at(self, date: str) -> bool:
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)


@dataclass(frozen=True)
class Entity:
    """A named actor and its dated roles."""

    id: str
    name: str
    kind: str
    roles: tuple[Role, ...]
    aliases: tuple[str, ...]
    wikidata: str | None = None

    def role_at(self, date: str | None) -> Role | None:
        """The role valid at ``date`` (the latest-starting one); for ``None`` the open or latest role."""
        if not self.roles:
            return None
        if date is None:
            open_roles = [r for r in self.roles if r.end is None]
            pool = open_roles or list(self.roles)
            return max(pool, key=lambda r: (r.end or "9999", r.start or "", r.sector != "ELI"))
        d = date[:10]
        valid = [r for r in self.roles if r.valid_at(d)]
        if not valid:
            return None
        return max(valid, key=lambda r: (r.start is not None or r.end is not None, r.start or "",
                                         r.sector != "ELI"))


@dataclass(frozen=True)
class Agent:
    """A generic noun naming a sector: 'troops' -> MIL, 'embassy' -> GOV."""

    noun: str
    sector: str


def _check_role(code: str, sector: str, start: str | None, end: str | None, where: str) -> Role:
    if not _CODE.match(code):
        raise DataError(f"{where}: bad code {code!r} (ISO3, IGO/UNO/EUR/NGO/IMG/MNC or ---)")
    if sector not in SECTORS:
        raise DataError(f"{where}: bad sector {sector!r} (one of {', '.join(SECTORS)})")
    for d in (start, end):
        if d is not None and not _DATE.match(d):
            raise DataError(f"{where}: bad date {d!r} (YYYY-MM-DD)")
    if start and end and start > end:
        raise DataError(f"{where}: start {start} is after end {end}")
    return Role(code, sector, start, end)


def _opt(v: Any) -> str | None:
    if v is None:
        return None
    s = str(v).strip()
    return s or None


def parse_entity(obj: Any, where: str, default_id: str) -> Entity:
    """Validate one entity mapping (bundled JSONL, or user YAML) into an ``Entity``."""
    if not isinstance(obj, dict):
        raise DataError(f"{where}: expected a mapping, got {type(obj).__name__}")
    name = _opt(obj.get("name"))
    if not name:
        raise DataError(f"{where}: missing 'name'")
    kind = _opt(obj.get("kind")) or "person"
    if kind not in KINDS:
        raise DataError(f"{where}: bad kind {kind!r} (one of {', '.join(KINDS)})")
    raw_roles = obj.get("roles")
    roles: list[Role] = []
    if raw_roles is None:
        code = _opt(obj.get("code"))
        if not code:
            raise DataError(f"{where}: needs 'code' or 'roles'")
        r = _check_role(code, _opt(obj.get("sector")) or "GOV", _opt(obj.get("start")),
                        _opt(obj.get("end")), where)
        roles.append(Role(r.code, r.sector, r.start, r.end, _opt(obj.get("title")) or ""))
    else:
        if not isinstance(raw_roles, list) or not raw_roles:
            raise DataError(f"{where}: 'roles' must be a non-empty list")
        for rr in raw_roles:
            if isinstance(rr, dict):
                vals = [rr.get("code"), rr.get("sector", "GOV"), rr.get("start"), rr.get("end"),
                        rr.get("title", "")]
            elif isinstance(rr, list) and 2 <= len(rr) <= 5:
                vals = [*rr, *[None] * (5 - len(rr))]
            else:
                raise DataError(f"{where}: a role must be [code, sector, start, end, title] or a mapping")
            r = _check_role(str(vals[0] or ""), str(vals[1] or ""), _opt(vals[2]), _opt(vals[3]), where)
            roles.append(Role(r.code, r.sector, r.start, r.end, _opt(vals[4]) or ""))
    raw_aliases = obj.get("aliases") or []
    if isinstance(raw_aliases, str):
        raw_aliases = [a for a in raw_aliases.split("|")]
    if not isinstance(raw_aliases, list):
        raise DataError(f"{where}: 'aliases' must be a list")
    aliases = tuple(dict.fromkeys(a for a in (normalize(str(x)) for x in [name, *raw_aliases]) if a))
    wd = _opt(obj.get("wikidata"))
    return Entity(_opt(obj.get("id")) or default_id, name, kind, tuple(roles), aliases, wd)


USER_SUFFIXES = (".csv", ".yaml", ".yml", ".jsonl")
CSV_FIELDS = ("name", "kind", "code", "sector", "start", "end", "title", "aliases")


def read_entity_file(path: Path) -> list[Entity]:
    """Read a user or bundled entity file (.jsonl, .yaml/.yml, .csv); DataError names file and line."""
    suffix = path.suffix.lower()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read ({exc})") from exc
    out: list[Entity] = []
    if suffix == ".jsonl":
        for no, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(f"{path}:{no}: invalid JSON ({exc.msg})") from exc
            out.append(parse_entity(obj, f"{path}:{no}", f"{path.stem}:{no}"))
    elif suffix in (".yaml", ".yml"):
        try:
            docs = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise DataError(f"{path}: invalid YAML ({exc})") from exc
        if isinstance(docs, dict) and "entities" in docs:
            docs = docs["entities"]
        if not isinstance(docs, list):
            raise DataError(f"{path}: expected a list of entities (or a mapping with 'entities')")
        for i, obj in enumerate(docs, 1):
            out.append(parse_entity(obj, f"{path}: entry {i}", f"{path.stem}:{i}"))
    elif suffix == ".csv":
        rows = list(csv.reader(text.splitlines()))
        if not rows:
            return out
        header = [h.strip().lower() for h in rows[0]]
        if "name" not in header or not ({"code", "roles"} & set(header)):
            raise DataError(f"{path}:1: header needs 'name' and 'code' (columns: {', '.join(CSV_FIELDS)})")
        merged: dict[str, dict[str, Any]] = {}
        for no, row in enumerate(rows[1:], 2):
            if not any(c.strip() for c in row):
                continue
            if len(row) > len(header):
                raise DataError(f"{path}:{no}: {len(row)} fields, header has {len(header)}")
            rec = dict(zip(header, (c.strip() for c in row), strict=False))
            ent = parse_entity(rec, f"{path}:{no}", f"{path.stem}:{no}")
            key = f"{ent.kind}|{normalize(ent.name)}"
            if key in merged:  # one row per role: later rows add roles and aliases
                prev = merged[key]
                prev["roles"] = (*prev["roles"], *ent.roles)
                prev["aliases"] = tuple(dict.fromkeys((*prev["aliases"], *ent.aliases)))
            else:
                merged[key] = {"ent": ent, "roles": ent.roles, "aliases": ent.aliases}
        for m in merged.values():
            e: Entity = m["ent"]
            out.append(Entity(e.id, e.name, e.kind, m["roles"], m["aliases"], e.wikidata))
    else:
        raise DataError(f"{path}: unsupported file type {suffix!r} (use .csv, .yaml, .yml or .jsonl)")
    return out


def _read_tsv(text: str, where: str) -> Iterator[tuple[int, str, str]]:
    for no, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0] or not parts[1]:
            raise DataError(f"{where}:{no}: expected two tab-separated fields")
        yield no, parts[0], parts[1]


class KnowledgeBase:
    """Entities indexed by normalised alias, plus adjectives (demonyms) and agent nouns."""

    def __init__(
        self, entities: Iterable[Entity], adjectives: dict[str, str], agents: dict[str, str]
    ) -> None:
        self._entities: dict[str, Entity] = {}
        self._index: dict[str, list[Entity]] = {}
        self._starts: set[str] = set()  # first words of aliases: where a name can begin
        for e in entities:
            self._add(e)
        self._adjectives = dict(adjectives)
        self._agents = dict(agents)
        self._max_words = max((len(a.split()) for a in self._index), default=0)
        self._case_sensitive: frozenset[str] = frozenset()
        self._any_case: frozenset[str] = frozenset()
        self.any_case_starts: frozenset[str] = frozenset()  # first words of the any-case aliases

    def _add(self, e: Entity) -> None:
        self._starts.update(a.split()[0] for a in e.aliases if a)
        old = self._entities.get(e.id)
        if old is not None:
            for a in old.aliases:
                lst = self._index.get(a, [])
                if old in lst:
                    lst.remove(old)
                if not lst:
                    self._index.pop(a, None)
        self._entities[e.id] = e
        for a in e.aliases:
            self._index.setdefault(a, []).append(e)

    @classmethod
    def load(cls, extra: Sequence[Path] = (), user: bool = True) -> KnowledgeBase:
        """Bundled data, then the user's actor directory (if ``user``), then ``extra`` files."""
        # Tens of thousands of small objects, none cyclic: the cyclic garbage collector would
        # rescan the whole heap (spaCy's included) many times over while they are made.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return cls._load(extra, user)
        finally:
            if was_enabled:
                gc.enable()

    @classmethod
    def _load(cls, extra: Sequence[Path], user: bool) -> KnowledgeBase:
        base = resources.files("casus") / "data" / "kb"
        entities: list[Entity] = []
        where = "casus/data/kb/entities.jsonl"
        for no, line in enumerate((base / "entities.jsonl").read_text(encoding="utf-8").splitlines(), 1):
            try:
                row = json.loads(line)
                roles = tuple(Role(r[0], r[1], r[2], r[3], r[4]) for r in row["roles"])
                entities.append(Entity(row["id"], row["name"], row["kind"], roles,
                                       tuple(row["aliases"]), row.get("wikidata")))
            except (ValueError, KeyError, IndexError, TypeError) as exc:
                raise DataError(f"{where}:{no}: malformed entity ({exc})") from exc
        adjectives = {w: c for _, w, c in _read_tsv((base / "adjectives.tsv").read_text(encoding="utf-8"),
                                                      "casus/data/kb/adjectives.tsv")}
        agents: dict[str, str] = {}
        for no, noun, sector in _read_tsv((base / "agents.tsv").read_text(encoding="utf-8"),
                                          "casus/data/kb/agents.tsv"):
            if sector not in SECTORS:
                raise DataError(f"casus/data/kb/agents.tsv:{no}: bad sector {sector!r}")
            agents[noun] = sector
        files: list[Path] = []
        udir = user_dir()
        if user and udir.is_dir():
            files += sorted(p for p in udir.iterdir() if p.suffix.lower() in USER_SUFFIXES)
        files += [Path(p) for p in extra]
        for path in files:
            for e in read_entity_file(path):
                entities.append(Entity(f"user:{path.name}:{e.id}", e.name, e.kind, e.roles, e.aliases,
                                       e.wikidata))
        kb = cls(entities, adjectives, agents)
        kb._case_sensitive = frozenset(
            line.strip() for line in (base / "case_sensitive.txt").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#"))
        any_case = base / "any_case.txt"
        if any_case.is_file():
            kb._any_case = frozenset(
                line.strip() for line in any_case.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#"))
            kb.any_case_starts = frozenset(a.split()[0] for a in kb._any_case)
        return kb

    def __len__(self) -> int:
        return len(self._entities)

    def entities(self) -> Iterable[Entity]:
        return self._entities.values()

    def get(self, entity_id: str) -> Entity | None:
        return self._entities.get(entity_id)

    def lookup(self, alias: str) -> tuple[Entity, ...]:
        """Entities with this alias (normalised; a trailing "'s" is tried off), user entries first."""
        key = normalize(alias)
        hits = self._index.get(key)
        if not hits and key.endswith(("'s", "s'")):
            hits = self._index.get(key[:-2].rstrip("'"))
        if not hits:
            return ()
        return tuple(sorted(hits, key=lambda e: (not e.id.startswith("user:"), _KIND_RANK[e.kind], e.id)))

    def resolve(self, alias: str, date: str | None = None) -> tuple[Entity, Role] | None:
        """Best entity for ``alias`` and its role at ``date``.

        Entities with a role valid at ``date`` win; a person whose roles all ended before
        ``date`` resolves to the last role's code with sector ELI (a former office holder).
        """
        cands = self.lookup(alias)
        for e in cands:
            r = e.role_at(date)
            if r is not None:
                return e, r
        for e in cands:
            if date is not None and e.kind == "person":
                past = [r for r in e.roles if r.end is not None and r.end < date[:10]]
                if past:
                    last = max(past, key=lambda r: r.end or "")
                    return e, Role(last.code, "ELI", last.end, None, f"former {last.title}".strip())
        return None

    def may_start(self, word: str) -> bool:
        """Whether some alias begins with this (normalised) word: a cheap filter for matchers."""
        return word in self._starts

    def case_sensitive(self, alias: str) -> bool:
        """True for aliases that are ordinary English words in lower case ('us', 'who', 'turkey'):
        a matcher should accept them only when capitalised in the text."""
        return normalize(alias) in self._case_sensitive

    def any_case(self, alias: str) -> bool:
        """True for aliases of ordinary words that still name one kind of actor, matched in lower
        case too ('international coalition')."""
        return normalize(alias) in self._any_case

    def adjective(self, word: str) -> str | None:
        """Country code of a demonym or adjective: 'Chinese' -> 'CHN'; None if not a country's."""
        return self._adjectives.get(normalize(word))

    def agent(self, noun: str) -> str | None:
        """PLOVER sector of a generic noun (lemma or plural surface form)."""
        key = normalize(noun)
        hit = self._agents.get(key)
        if hit is None and key.endswith("s"):
            hit = self._agents.get(key[:-1])
        return hit

    def agents(self) -> tuple[Agent, ...]:
        return tuple(Agent(n, s) for n, s in sorted(self._agents.items()))

    @property
    def max_alias_words(self) -> int:
        """Number of words in the longest alias."""
        return self._max_words

    def aliases(self) -> Iterable[str]:
        """All normalised aliases."""
        return self._index.keys()


@functools.lru_cache(maxsize=1)
def default_kb() -> KnowledgeBase:
    """The bundled knowledge base plus the user's actor files, loaded once.

    It lives as long as the process, so its objects are moved to the garbage collector's permanent
    generation (``gc.freeze``): later collections, while spaCy loads for instance, skip them.
    """
    kb = KnowledgeBase.load()
    gc.freeze()
    return kb


__all__ = ["Agent", "Entity", "KnowledgeBase", "Role", "UNKNOWN_CODE", "INTERNATIONAL_CODES",
           "default_kb", "normalize", "read_entity_file", "user_dir"]
