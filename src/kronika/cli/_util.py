"""What every command shares: the app, the --db and --json options, error handling, output."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table

import kronika
from kronika.errors import KronikaError

CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"]}

app = typer.Typer(
    name="kronika",
    help="Evidence-first, time-aware knowledge graphs of technology ecosystems.",
    context_settings=CONTEXT_SETTINGS,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)

#: ``--db FILE``: the knowledge base (default ./kronika.db, or $KRONIKA_DB).
DbOption = Annotated[
    Path,
    typer.Option(
        "--db",
        envvar="KRONIKA_DB",
        help="The knowledge base file.",
        metavar="FILE",
        dir_okay=False,
    ),
]
#: ``--json``: machine-readable output on stdout and nothing else.
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print JSON to stdout instead of a table.", show_default=False)
]

DEFAULT_DB = Path("kronika.db")


def error(message: str) -> None:
    """Print one ``kronika: …`` line on stderr."""
    typer.echo(f"kronika: {message}", err=True)


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one error line on stderr and exit with ``code``."""
    error(message)
    raise typer.Exit(code=code)


@contextmanager
def library_errors() -> Iterator[None]:
    """Turn the library's errors into one line on stderr and exit status 1 (never a traceback)."""
    try:
        yield
    except KronikaError as exc:
        fail(str(exc))


@contextmanager
def open_kb(db: Path, *, create: bool = False) -> Iterator[kronika.KnowledgeBase]:
    """Open the knowledge base for a command; a missing file is an error unless ``create``."""
    with library_errors():
        kb = kronika.open(db, create=create)
    try:
        with library_errors():
            yield kb
    finally:
        kb.close()


def print_json(data: Any) -> None:
    """Print data as indented JSON (UTF-8) on stdout."""
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


#: Width of tables written to a pipe or file (a terminal's own width is used otherwise).
PIPE_WIDTH = 160
_NUMERIC = frozenset({"mentions", "claims", "words", "count", "conf."})


def stdout_console() -> Console:
    """A console for tables on stdout: plain and :data:`PIPE_WIDTH` wide when not a terminal."""
    console = Console(file=sys.stdout, highlight=False, soft_wrap=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = PIPE_WIDTH
    return console


def make_table(title: str, *columns: str, wrap: tuple[str, ...] = ()) -> Table:
    """A table whose cells stay on one line (cut with an ellipsis), except the ``wrap`` columns.

    Args:
        title: shown above the table.
        columns: column headers; counts are right-aligned.
        wrap: columns whose long text wraps instead (a claim's sentence).
    """
    table = Table(title=title, title_justify="left")
    for name in columns:
        table.add_column(
            name,
            no_wrap=name not in wrap,
            overflow="fold" if name in wrap else "ellipsis",
            justify="right" if name in _NUMERIC else "left",
            min_width=len(name),
        )
    return table


def stderr_console() -> Console:
    """A console on stderr, for progress bars."""
    return Console(file=sys.stderr, highlight=False)
