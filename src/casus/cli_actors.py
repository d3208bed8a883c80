"""``casus actors``: look up and extend the actor knowledge base."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated

import typer

from casus.errors import DataError
from casus.kb import Entity, KnowledgeBase, read_entity_file, user_dir

app = typer.Typer(help="Look up and extend the actor knowledge base.", no_args_is_help=True)


def _span(start: str | None, end: str | None) -> str:
    return f"{start or '...'} to {end or '...'}"


def _describe(entity: Entity, date: str | None, kb: KnowledgeBase) -> list[str]:
    hit = kb.resolve(entity.aliases[0] if entity.aliases else entity.name, date)
    role = entity.role_at(date)
    if role is None and hit is not None and hit[0] is entity:
        role = hit[1]
    lines = [f"{entity.name}  [{entity.kind}]  id={entity.id}"]
    if role is None:
        lines.append(f"  at {date or 'latest'}: no role")
    else:
        title = f" ({role.title})" if role.title else ""
        lines.append(f"  at {date or 'latest'}: code={role.code} sector={role.sector}{title}")
    lines.append("  roles:")
    for r in entity.roles:
        title = f"  {r.title}" if r.title else ""
        lines.append(f"    {r.code} {r.sector}  {_span(r.start, r.end)}{title}")
    if len(entity.aliases) > 1:
        shown = ", ".join(entity.aliases[:12]) + (" ..." if len(entity.aliases) > 12 else "")
        lines.append(f"  aliases: {shown}")
    return lines


@app.command()
def lookup(
    name: Annotated[str, typer.Argument(help="Name, alias, metonym, demonym or agent noun.")],
    date: Annotated[str | None, typer.Option("--date", "-d", help="Date YYYY-MM-DD for dated roles.")] = None,
) -> None:
    """Print the entities NAME refers to, with the role valid at --date and all roles."""
    try:
        kb = KnowledgeBase.load()
    except DataError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    found = False
    for entity in kb.lookup(name):
        found = True
        typer.echo("\n".join(_describe(entity, date, kb)))
    adj = kb.adjective(name)
    if adj:
        found = True
        typer.echo(f"{name}: adjective of {adj}")
    sector = kb.agent(name)
    if sector:
        found = True
        typer.echo(f"{name}: agent noun, sector {sector}")
    if not found:
        typer.echo(f"{name}: not in the knowledge base", err=True)
        raise typer.Exit(1)


@app.command()
def add(
    file: Annotated[Path, typer.Argument(help="CSV or YAML file of entities (see docs/actors.md).")],
) -> None:
    """Validate FILE and copy it into the user's actor directory ($CASUS_HOME/actors or ~/.casus/actors)."""
    if file.suffix.lower() not in (".csv", ".yaml", ".yml"):
        typer.echo(f"error: {file}: use a .csv, .yaml or .yml file", err=True)
        raise typer.Exit(2)
    if not file.is_file():
        typer.echo(f"error: {file}: no such file", err=True)
        raise typer.Exit(2)
    try:
        entities = read_entity_file(file)
    except DataError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if not entities:
        typer.echo(f"error: {file}: no entities", err=True)
        raise typer.Exit(2)
    target_dir = user_dir()
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / file.name
    shutil.copyfile(file, target)
    typer.echo(f"added {len(entities)} entities from {file} to {target}")
