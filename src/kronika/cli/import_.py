"""``kronika import FILE``: restore a JSON Lines export (claims and review records) into an empty base."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kronika.cli._util import DEFAULT_DB, DbOption, JsonOption, app, fail, open_kb, print_json


@app.command("import")
def import_cli(
    file: Annotated[
        Path,
        typer.Argument(
            help="A file written by `kronika export --format jsonl` (- for stdin).", show_default=False
        ),
    ],
    db: DbOption = DEFAULT_DB,
    json_output: JsonOption = False,
) -> None:
    """Read a JSON Lines export, with its review decisions, into an empty knowledge base.

    Exporting the base again gives the same file: a backup restores.

    Example:

        kronika export --db team.db -o backup.jsonl
        kronika import backup.jsonl --db restored.db
    """
    name = str(file)
    if name == "-":
        lines = sys.stdin
        counts = _run(db, lines, "<stdin>")
    else:
        try:
            handle = file.open(encoding="utf-8")
        except OSError as exc:
            fail(f"{file}: cannot be read ({exc.strerror or exc})")
        with handle:
            try:
                counts = _run(db, handle, name)
            except UnicodeDecodeError:
                fail(f"{file}: not UTF-8 text; is it a kronika jsonl export?")
    if json_output:
        print_json(counts)
        return
    typer.echo(
        f"imported {counts['claims']:,} claims from {counts['documents']:,} documents,"
        f" {counts['entities']:,} entities and {counts['reviews']:,} review decisions into {db}"
    )


def _run(db: Path, lines: object, name: str) -> dict[str, int]:
    with open_kb(db, create=True) as kb:
        return kb.import_jsonl(lines, name=name)  # type: ignore[arg-type]
