"""Read commands (``entities``, ``claims``, ``documents``, ``stats``, ``export``) and ``remove``."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from kronika.cli._util import (
    DEFAULT_DB,
    DbOption,
    JsonOption,
    app,
    make_table,
    open_kb,
    print_json,
    stdout_console,
)
from kronika.export import FORMATS


class ExportFormat(enum.StrEnum):
    """The choices of ``kronika export --format`` (one per writer in :mod:`kronika.export`)."""

    jsonl = "jsonl"
    csv = "csv"
    graphml = "graphml"
    ttl = "ttl"
    jsonld = "jsonld"


assert {f.value for f in ExportFormat} == set(FORMATS), "keep ExportFormat in step with export.WRITERS"


@app.command("entities")
def entities_cli(
    db: DbOption = DEFAULT_DB,
    type_: Annotated[
        str | None, typer.Option("--type", "-t", help="Only this type (organization, person, place, …).")
    ] = None,
    query: Annotated[
        str | None, typer.Option("--query", help="Only names or aliases containing this.")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """List entities with their aliases and counts.

    Example:

        kronika entities --type organization
        kronika entities --query park --json
    """
    with open_kb(db) as kb:
        rows = kb.entities(type=type_, q=query)
    if json_output:
        print_json(rows)
        return
    table = make_table(f"{len(rows)} entities", "id", "name", "type", "aliases", "mentions", "claims")
    for row in rows:
        table.add_row(
            _clip(row["id"], 36),
            _clip(row["name"], 30),
            row["type"],
            _clip(", ".join(row["aliases"]), 30),
            str(row["mentions"]),
            str(row["claims"]),
        )
    stdout_console().print(table)


@app.command("claims")
def claims_cli(
    db: DbOption = DEFAULT_DB,
    entity: Annotated[
        str | None, typer.Option("--entity", "-e", help="An entity's id, name or alias (any case).")
    ] = None,
    predicate: Annotated[str | None, typer.Option("--predicate", "-p", help="Only this predicate.")] = None,
    document: Annotated[
        str | None,
        typer.Option("--document", "-d", help="Only claims from this document (id, path or title)."),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """List claims with their time, value and source sentence.

    Example:

        kronika claims --entity HTP --predicate founded
        kronika claims --entity EPAM --json
    """
    with open_kb(db) as kb:
        rows = kb.claims(entity=entity, predicate=predicate, doc=document)
    if json_output:
        print_json(rows)
        return
    table = make_table(
        f"{len(rows)} claims",
        "subject",
        "predicate",
        "object / value",
        "time",
        "conf.",
        "sentence",
        wrap=("sentence",),
    )
    for row in rows:
        table.add_row(
            row["subject"]["name"],
            row["predicate"] + (f" ({row['measure']})" if row.get("measure") else ""),
            _object_text(row),
            (row.get("time") or {}).get("text") or _time_text(row.get("time")),
            f"{row['confidence']:.2f}",
            row["evidence"]["text"] or "",
        )
    stdout_console().print(table)


@app.command("documents")
def documents_cli(db: DbOption = DEFAULT_DB, json_output: JsonOption = False) -> None:
    """List the documents read, with their dates and counts.

    Example:

        kronika documents
        kronika documents --json
    """
    with open_kb(db) as kb:
        rows = kb.documents()
    if json_output:
        print_json(rows)
        return
    table = make_table(f"{len(rows)} documents", "id", "title", "date", "kind", "words", "claims")
    for row in rows:
        table.add_row(
            row["id"],
            _clip(row["title"], 50),
            row["date"] or "",
            row["kind"],
            f"{row['words']:,}",
            str(row["claims"]),
        )
    stdout_console().print(table)


@app.command("stats")
def stats_cli(db: DbOption = DEFAULT_DB, json_output: JsonOption = False) -> None:
    """Count documents, sentences, entities and claims.

    Example:

        kronika stats --db kronika.db
    """
    with open_kb(db) as kb:
        data = kb.stats()
    if json_output:
        print_json(data)
        return
    table = make_table(str(db), "what", "count")
    for key in ("documents", "sentences", "words", "entities", "aliases", "mentions", "claims"):
        table.add_row(key, f"{data[key]:,}")
    for type_, count in data["entities_by_type"].items():
        table.add_row(f"  entities: {type_}", f"{count:,}")
    for predicate, count in data["claims_by_predicate"].items():
        table.add_row(f"  claims: {predicate}", f"{count:,}")
    stdout_console().print(table)


@app.command("export")
def export_cli(
    db: DbOption = DEFAULT_DB,
    format_: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ExportFormat.jsonl,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", dir_okay=False, help="Write here instead of stdout."),
    ] = None,
) -> None:
    """Write every claim: JSON Lines (with review records: a backup), CSV, GraphML, RDF (ttl, jsonld).

    Example:

        kronika export --format jsonl > claims.jsonl
        kronika export --format csv -o claims.csv
        kronika export --format ttl -o claims.ttl
    """
    with open_kb(db) as kb:
        if output is None:
            kb.export(format_.value, sys.stdout)
            return
        try:
            handle = output.open("w", encoding="utf-8", newline="")
        except OSError as exc:
            typer.echo(f"kronika: {output}: cannot write ({exc.strerror or exc})", err=True)
            raise typer.Exit(code=1) from None
        with handle:
            count = kb.export(format_.value, handle)
    typer.echo(f"wrote {count:,} claims to {output}", err=True)


@app.command("remove")
def remove_cli(
    document: Annotated[
        str, typer.Argument(help="The document's id, file path or title.", show_default=False)
    ],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Delete a document and retract its claims.

    Example:

        kronika remove d-3a9c1f0e22b4c5d6
        kronika remove articles/old-draft.md
    """
    with open_kb(db) as kb:
        removed = kb.remove(document)
    claims = removed["claims"]
    noun = "claim" if claims == 1 else "claims"
    typer.echo(f"removed {removed['title']!r} ({removed['id']}): {claims:,} {noun} retracted")


def _object_text(row: dict[str, Any]) -> str:
    """The object's name, or the value as the document put it (comparator, amount, unit)."""
    if row.get("object"):
        return str(row["object"]["name"])
    value = row.get("value")
    if not value:
        return ""
    if value["comparator"] == "range":
        return f"{value['lower']}–{value['upper']} {value['unit']}"
    comparator = "" if value["comparator"] in ("=", None) else value["comparator"] + " "
    return f"{comparator}{value['amount']} {value['unit']}"


def _time_text(time: dict[str, Any] | None) -> str:
    """A time span as start…end."""
    if not time:
        return ""
    return f"{time.get('start') or ''}…{time.get('end') or ''}"


def _clip(text: str, width: int) -> str:
    """Text cut to ``width`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
