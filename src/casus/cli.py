"""The ``casus`` command line. The only module that prints or exits.

Exit codes: 0 everything coded, 3 some inputs failed (each named on stderr), 2 usage error,
1 a fatal error (store or model cannot be opened), each as one line ``casus: error: ...``.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Protocol

import typer

from casus import __version__
from casus.errors import CasusError, ModelError
from casus.evaluate import format_scores, load_events, load_texts, score
from casus.ingest import read_inputs
from casus.output import FLAT_COLUMNS, open_writer
from casus.records import CodedDocument, Document, Failure

EXIT_OK, EXIT_FATAL, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3

app = typer.Typer(
    name="casus",
    help="News text in, PLOVER political events with modality and claimants out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class CoderLike(Protocol):
    def code_many(
        self, docs: Iterable[Document], workers: int = 1
    ) -> Iterator[CodedDocument | Failure]: ...


def load_coder() -> CoderLike:
    """The event coder (casus.pipeline.Coder). Tests replace this function."""
    try:
        from casus.pipeline import Coder
    except ImportError as e:
        raise ModelError(f"the coder is not available: {e}") from None
    try:
        coder: CoderLike = Coder.load()
    except OSError as e:
        raise ModelError(f"cannot load the coder: {e}") from None
    return coder


try:  # the actor dictionary commands, when that module is installed
    from casus.cli_actors import app as actors_app

    app.add_typer(actors_app, name="actors")
except ImportError:
    pass


class OutFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class EventsFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"casus {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """News text in, PLOVER political events with modality and claimants out."""


# --- helpers -------------------------------------------------------------------------------


def _error(message: str) -> None:
    typer.echo(f"casus: error: {message}", err=True)


def _fatal(e: CasusError) -> typer.Exit:
    _error(str(e).splitlines()[0] if str(e) else type(e).__name__)
    return typer.Exit(EXIT_FATAL)


def code_stream(
    items: Iterable[Document | Failure], coder: CoderLike, workers: int = 1
) -> Iterator[CodedDocument | Failure]:
    """Code the documents of ``items`` and pass its failures through, in about input order."""
    pending: deque[Failure] = deque()

    def documents() -> Iterator[Document]:
        for item in items:
            if isinstance(item, Failure):
                pending.append(item)
            else:
                yield item

    for result in coder.code_many(documents(), workers=workers):
        while pending:
            yield pending.popleft()
        yield result
    while pending:
        yield pending.popleft()


class _Progress:
    """A one-line counter on stderr, shown only when stderr is a terminal."""

    def __init__(self, verb: str) -> None:
        self.verb = verb
        self.done = self.failed = 0
        self.live = sys.stderr.isatty()

    def step(self, failed: bool = False) -> None:
        self.done += 1
        self.failed += failed
        if self.live:
            sys.stderr.write(f"\r{self.verb} {self.done} documents ({self.failed} failed)")
            sys.stderr.flush()

    def end(self) -> None:
        if self.live and self.done:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def _check_inputs(inputs: list[Path]) -> None:
    if not inputs:
        raise typer.BadParameter("give at least one input file or directory", param_hint="INPUT")


def _positive(value: int, name: str) -> None:
    if value < 1:
        raise typer.BadParameter("must be at least 1", param_hint=name)


# --- code ----------------------------------------------------------------------------------


InputsArg = Annotated[list[Path], typer.Argument(help="Files or directories (.jsonl .txt .md .html), or -.")]
WorkersOpt = Annotated[int, typer.Option(help="Worker processes.")]
MaxBytesOpt = Annotated[int, typer.Option(help="Largest document to code, in bytes.")]


def _check_run(inputs: list[Path], workers: int, max_bytes: int) -> None:
    _check_inputs(inputs)
    _positive(workers, "--workers")
    _positive(max_bytes, "--max-bytes")


@app.command()
def code(
    inputs: InputsArg,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output file, or - for standard output.")],
    fmt: Annotated[
        OutFormat | None,
        typer.Option("--format", "-f", help="Output format (default: from OUT's suffix, else jsonl)."),
    ] = None,
    workers: WorkersOpt = 1,
    max_bytes: MaxBytesOpt = 2_000_000,
) -> None:
    """Code documents and write one output record per document (CSV/Parquet: one row per event)."""
    _check_run(inputs, workers, max_bytes)
    chosen = fmt.value if fmt else {".csv": "csv", ".parquet": "parquet"}.get(out.suffix.lower(), "jsonl")
    to_stdout = str(out) == "-"
    if to_stdout and chosen == "parquet":
        raise typer.BadParameter("parquet cannot be written to standard output", param_hint="--out")
    failed = 0
    try:
        coder = load_coder()
    except CasusError as e:
        raise _fatal(e) from None
    try:
        writer = open_writer(out, chosen, stream=sys.stdout if to_stdout else None)
    except OSError as e:
        _error(f"{out}: cannot write: {e.strerror or e}")
        raise typer.Exit(EXIT_FATAL) from None
    progress = _Progress("processed")
    with writer:
        try:
            for result in code_stream(read_inputs(inputs, max_bytes), coder, workers):
                if isinstance(result, Failure):
                    failed += 1
                    progress.end()
                    _error(result.message())
                else:
                    writer.write(result)
                progress.step(isinstance(result, Failure))
        except CasusError as e:
            raise _fatal(e) from None
        finally:
            progress.end()
    raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)


# --- ingest --------------------------------------------------------------------------------


@app.command()
def ingest(
    inputs: InputsArg,
    db: Annotated[Path, typer.Option(help="DuckDB file (created when missing).")],
    workers: WorkersOpt = 1,
    max_bytes: MaxBytesOpt = 2_000_000,
) -> None:
    """Code documents and store them; unchanged documents already stored are skipped."""
    from casus.store import Store, content_hash

    _check_run(inputs, workers, max_bytes)
    stored = skipped = failed = events = 0
    try:
        store = Store(db)
    except CasusError as e:
        raise _fatal(e) from None
    progress = _Progress("processed")
    with store:
        try:
            known = store.content_hashes()
            data_version: str | None = None

            def fresh() -> Iterator[Document | Failure]:
                nonlocal skipped
                for item in read_inputs(inputs, max_bytes):
                    if isinstance(item, Document) and known.get(item.doc_id) == content_hash(item.text):
                        skipped += 1
                        progress.step()
                        continue
                    yield item

            coder = load_coder()
            version = getattr(coder, "data_version", None)
            data_version = str(version) if version is not None else None
            for result in code_stream(fresh(), coder, workers):
                if isinstance(result, Failure):
                    failed += 1
                    store.write_failure(result)
                    progress.end()
                    _error(result.message())
                elif store.write(result, data_version=data_version):
                    stored += 1
                    events += len(result.events)
                    known[result.document.doc_id] = content_hash(result.document.text)
                else:
                    skipped += 1
                progress.step(isinstance(result, Failure))
        except CasusError as e:
            raise _fatal(e) from None
        finally:
            progress.end()
    typer.echo(
        f"stored {stored} documents ({events} events), {skipped} unchanged, {failed} failed: {db}"
    )
    raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)


# --- events and summary --------------------------------------------------------------------

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _date_option(value: str | None) -> str | None:
    if value is not None and not _DATE.match(value):
        raise typer.BadParameter(f"{value!r} is not a date like 2021, 2021-03 or 2021-03-04")
    return value


def _codes(actors: Iterable[Any]) -> str:
    return "+".join(a.code for a in actors) or "-"


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@app.command()
def events(
    db: Annotated[Path, typer.Option(help="DuckDB file written by casus ingest.")],
    actor: Annotated[str | None, typer.Option(help="Actor code, e.g. RUS.")] = None,
    recipient: Annotated[str | None, typer.Option(help="Recipient code.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="Event type, e.g. ASSAULT.")] = None,
    modality: Annotated[
        str | None, typer.Option(help="asserted, negated, hypothetical, future or historical.")
    ] = None,
    since: Annotated[str | None, typer.Option(callback=_date_option, help="First date (ISO).")] = None,
    until: Annotated[str | None, typer.Option(callback=_date_option, help="Last date (ISO).")] = None,
    doc_id: Annotated[str | None, typer.Option(help="Only this document.")] = None,
    limit: Annotated[int | None, typer.Option(min=0, help="At most this many events.")] = None,
    fmt: Annotated[EventsFormat, typer.Option("--format", "-f")] = EventsFormat.table,
) -> None:
    """Query stored events."""
    from casus.records import MODALITIES
    from casus.store import Store

    if modality is not None and modality not in MODALITIES:
        raise typer.BadParameter(f"expected one of {', '.join(MODALITIES)}", param_hint="--modality")
    try:
        with Store(db, read_only=True) as store:
            rows = store.events(
                actor=actor, recipient=recipient, type=type_, modality=modality,
                since=since, until=until, doc_id=doc_id, limit=limit,
            )
    except CasusError as e:
        raise _fatal(e) from None
    if fmt is EventsFormat.jsonl:
        for row in rows:
            typer.echo(json.dumps(row.to_json(), ensure_ascii=False))
    elif fmt is EventsFormat.csv:
        w = csv.DictWriter(sys.stdout, fieldnames=list(FLAT_COLUMNS))
        w.writeheader()
        w.writerows(row.to_flat() for row in rows)
    else:
        for row in rows:
            typer.echo(
                f"{row.date or row.doc_date or '-':10s}  {row.event_type:9s} {row.modality:12s} "
                f"{_codes(row.actor)} -> {_codes(row.recipient)}  {_short(row.evidence, 80)}"
            )


@app.command()
def summary(
    db: Annotated[Path, typer.Option(help="DuckDB file written by casus ingest.")],
    first: Annotated[int, typer.Option(min=0, help="How many events to show with their evidence.")] = 10,
) -> None:
    """Counts by event type and modality, and the first events with their evidence."""
    from casus.store import Store

    try:
        with Store(db, read_only=True) as store:
            counts = store.counts()
            rows = store.events(limit=first)
    except CasusError as e:
        raise _fatal(e) from None
    typer.echo(f"{counts.documents} documents, {counts.events} events, {counts.failures} failures")
    for title, table in (("by type", counts.by_type), ("by modality", counts.by_modality)):
        typer.echo(f"{title}:")
        for key, n in table.items():
            typer.echo(f"  {key:14s} {n:6d}")
    if rows:
        typer.echo(f"first {len(rows)} events:")
    for row in rows:
        claim = f" (claimed by {_codes(row.claimed_by)})" if row.claimed_by else ""
        typer.echo(
            f"  [{row.doc_id}] {row.event_type} {row.modality} {_codes(row.actor)} -> "
            f"{_codes(row.recipient)}{claim}\n    \"{_short(row.evidence, 150)}\""
        )


# --- eval ----------------------------------------------------------------------------------


@app.command("eval")
def eval_(
    gold: Annotated[Path, typer.Argument(help="Gold JSON Lines (annotation guide, section 1).")],
    pred: Annotated[
        Path | None, typer.Option(help="Predicted JSON Lines; without it the gold docs are coded.")
    ] = None,
    by_type: Annotated[bool, typer.Option("--by-type", help="Also show F1 per event type.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    fold_igo: Annotated[bool, typer.Option("--fold-igo", help="Count UNO and EUR as IGO.")] = False,
    workers: Annotated[int, typer.Option(help="Worker processes when coding.")] = 1,
) -> None:
    """Score predicted events (or the coder's own output) against gold events."""
    _positive(workers, "--workers")
    failed = 0
    try:
        gold_events, texts = load_events(gold), load_texts(gold)
        if pred is not None:
            pred_events = load_events(pred)
        else:
            pred_events, failed = _code_gold(gold, load_coder(), workers)
    except CasusError as e:
        raise _fatal(e) from None
    result = score(gold_events, pred_events, texts, fold_igo=fold_igo)
    typer.echo(json.dumps(result.to_json(), indent=1) if as_json else format_scores(result, by_type))
    raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)


def _code_gold(gold: Path, coder: CoderLike, workers: int) -> tuple[dict[str, list[Any]], int]:
    """Code the gold documents (their events are not read as input); doc_id -> event dicts."""
    out: dict[str, list[Any]] = {}
    failed = 0
    for result in code_stream(read_inputs([gold], max_bytes=sys.maxsize), coder, workers):
        if isinstance(result, Failure):
            failed += 1
            _error(result.message())
        else:
            out[result.document.doc_id] = [e.to_json() for e in result.events]
    return out, failed



if __name__ == "__main__":
    app()
