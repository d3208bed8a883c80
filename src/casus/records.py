"""Typed, frozen records that flow through the pipeline.

Spans are character offsets into ``Document.text``. ``to_json`` gives the form of the
annotation guide (shared/design/annotation-guide.md, section 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Modality = Literal["asserted", "negated", "hypothetical", "future", "historical"]
MODALITIES: tuple[str, ...] = ("asserted", "negated", "hypothetical", "future", "historical")

EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN",
    "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
QUAD: dict[str, str] = {
    "AGREE": "verbal cooperation", "CONSULT": "verbal cooperation",
    "SUPPORT": "verbal cooperation", "CONCEDE": "verbal cooperation",
    "COOPERATE": "material cooperation", "AID": "material cooperation",
    "RETREAT": "material cooperation",
    "REQUEST": "verbal conflict", "ACCUSE": "verbal conflict",
    "REJECT": "verbal conflict", "THREATEN": "verbal conflict",
    "PROTEST": "material conflict", "SANCTION": "material conflict",
    "MOBILIZE": "material conflict", "COERCE": "material conflict", "ASSAULT": "material conflict",
}
SECTORS: tuple[str, ...] = (
    "GOV", "MIL", "COP", "JUD", "LEG", "PTY", "REB", "SPY", "OPP", "BUS",
    "CVL", "JRN", "MED", "REF", "REL", "ELI", "UNK",
)
UNKNOWN_CODE = "---"


@dataclass(frozen=True)
class Document:
    """One input article. ``meta`` keeps every other field of the input line."""

    doc_id: str
    text: str
    title: str = ""
    date: str | None = None
    source: str = ""
    meta: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = dict(self.meta)
        out.update({"doc_id": self.doc_id, "title": self.title, "date": self.date, "text": self.text})
        if self.source:
            out["source"] = self.source
        return out


@dataclass(frozen=True)
class Actor:
    """A coded actor: country or international code, PLOVER sector, the words that name it."""

    code: str
    sector: str = "UNK"
    text: str = ""
    name: str | None = None
    start: int = -1
    end: int = -1

    @property
    def known(self) -> bool:
        return self.code != UNKNOWN_CODE

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "sector": self.sector, "text": self.text}
        if self.name:
            out["name"] = self.name
        return out


@dataclass(frozen=True)
class Location:
    name: str
    country: str | None = None
    start: int = -1
    end: int = -1

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country}


@dataclass(frozen=True)
class Quote:
    """Words a speaker said, directly (in quotation marks) or indirectly."""

    text: str
    start: int
    end: int
    speaker: Actor | None = None
    direct: bool = True

    def to_json(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker.to_json() if self.speaker else None,
            "text": self.text,
            "span": [self.start, self.end],
            "direct": self.direct,
        }


@dataclass(frozen=True)
class Event:
    """One PLOVER event, as in the annotation guide, plus offsets and provenance."""

    event_type: str
    actor: tuple[Actor, ...]
    recipient: tuple[Actor, ...]
    modality: Modality
    evidence: str
    evidence_start: int
    evidence_end: int
    trigger: str = ""
    trigger_start: int = -1
    mode: str | None = None
    cameo: str | None = None
    claimed_by: tuple[Actor, ...] | None = None
    location: Location | None = None
    quantity: str | None = None
    date: str | None = None
    contested_by: tuple[Actor, ...] | None = None

    @property
    def contested(self) -> bool:
        return bool(self.contested_by)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "event_type": self.event_type,
            "mode": self.mode,
            "actor": [a.to_json() for a in self.actor],
            "recipient": [a.to_json() for a in self.recipient],
            "modality": self.modality,
            "claimed_by": [a.to_json() for a in self.claimed_by] if self.claimed_by else None,
            "evidence": self.evidence,
            "location": self.location.to_json() if self.location else None,
            "quantity": self.quantity,
            "date": self.date,
            "trigger": self.trigger,
            "span": [self.evidence_start, self.evidence_end],
            "cameo": self.cameo,
        }
        if self.contested_by:
            out["contested"] = True
            out["contested_by"] = [a.to_json() for a in self.contested_by]
        return out


@dataclass(frozen=True)
class CodedDocument:
    """A document with the events and quotes coded from it."""

    document: Document
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()

    def to_json(self) -> dict[str, Any]:
        out = self.document.to_json()
        out["events"] = [e.to_json() for e in self.events]
        out["quotes"] = [q.to_json() for q in self.quotes]
        return out


@dataclass(frozen=True)
class Failure:
    """An input that could not be coded, and why. Stored, never silently dropped."""

    source: str
    reason: str
    stage: str = "ingest"
    doc_id: str | None = None

    def message(self) -> str:
        return f"{self.source}: {self.reason}"
