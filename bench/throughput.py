"""Throughput of casus against the spaCy parse alone, on the same texts, in one run.

Usage: python bench/throughput.py [CORPUS.jsonl] [--limit N]

Prints documents/s, words/s and peak memory (RSS) for (1) the spaCy parse alone and
(2) the whole casus coder (parse + actors + events + modality + geo), and their ratio.
Default corpus: ../shared/data/corpus/guardian-syria.jsonl if present, else examples/corpus.jsonl.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

from casus.pipeline import Coder
from casus.records import Document

BATCH = 8  # documents per spaCy batch, for both runs (larger batches of long articles cost memory)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _load(path: Path, limit: int | None) -> list[Document]:
    docs: list[Document] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            d = json.loads(line)
            docs.append(Document(str(d["doc_id"]), d["text"], d.get("title") or "", d.get("date"),
                                 d.get("source") or ""))
            if limit and len(docs) >= limit:
                break
    return docs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpus", nargs="?")
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    root = Path(__file__).resolve().parent.parent
    shared = root.parent / "shared" / "data" / "corpus" / "guardian-syria.jsonl"
    default = shared if shared.exists() else root / "examples" / "corpus.jsonl"
    path = Path(args.corpus) if args.corpus else default
    docs = _load(path, args.limit)
    words = sum(len(d.text.split()) for d in docs)
    t0 = time.perf_counter()
    coder = Coder.load()
    load_s = time.perf_counter() - t0
    rss_loaded = _rss_mb()
    coder.nlp("warm up the pipeline.")

    t0 = time.perf_counter()
    for _ in coder.nlp.pipe((d.text for d in docs), batch_size=BATCH):
        pass
    parse_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_events = 0
    for out in coder.code_many(docs, batch_size=BATCH):
        n_events += len(getattr(out, "events", ()))
    code_s = time.perf_counter() - t0
    peak = _rss_mb()

    print(f"corpus            {path.name}: {len(docs)} documents, {words} words")
    print(f"load              {load_s:.2f} s, RSS after load {rss_loaded:.0f} MB")
    print(f"spaCy parse only  {len(docs) / parse_s:8.1f} docs/s {words / parse_s:9.0f} words/s")
    print(f"casus code        {len(docs) / code_s:8.1f} docs/s {words / code_s:9.0f} words/s "
          f"({n_events} events)")
    print(f"casus / parse     {parse_s / code_s:.1%} of the parse-only throughput")
    print(f"peak memory       {peak:.0f} MB (RSS)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
