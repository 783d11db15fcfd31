"""What every command shares: the app, the --db and --json options, error handling, output."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

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


def stdout_console() -> Console:
    """A console for tables on stdout (plain when stdout is not a terminal)."""
    return Console(file=sys.stdout, highlight=False, soft_wrap=False)


def stderr_console() -> Console:
    """A console on stderr, for progress bars."""
    return Console(file=sys.stderr, highlight=False)
