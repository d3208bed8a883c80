"""Shared fixtures: the real coder (loaded once per session) and a tiny keyword coder."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from casus.records import Actor, CodedDocument, Document, Event, Failure

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def coder() -> Any:
    """The spaCy-based coder, loaded once; skips the test when the pipeline is not there."""
    pipeline = pytest.importorskip("casus.pipeline")
    return pipeline.Coder.load()


class FakeCoder:
    """Fault injection for the CLI: fails documents containing 'EXPLODE' (the real coder has no
    such switch); codes 'condemned' as ACCUSE by FRA otherwise."""

    data_version = "fake-1"

    def code(self, doc: Document) -> CodedDocument:
        events = []
        at = doc.text.find("condemned")
        if at >= 0:
            events.append(
                Event(
                    event_type="ACCUSE",
                    actor=(Actor("FRA", "GOV", "The French government"),),
                    recipient=(),
                    modality="asserted",
                    evidence=doc.text[: at + len("condemned")],
                    evidence_start=0,
                    evidence_end=at + len("condemned"),
                    trigger="condemned",
                    trigger_start=at,
                )
            )
        return CodedDocument(doc, tuple(events))

    def code_many(self, docs: Iterable[Document], workers: int = 1) -> Iterator[CodedDocument | Failure]:
        for doc in docs:
            if "EXPLODE" in doc.text:
                yield Failure(doc.doc_id, "coder failed: boom", stage="code", doc_id=doc.doc_id)
            else:
                yield self.code(doc)


@pytest.fixture
def fake_coder() -> FakeCoder:
    return FakeCoder()
