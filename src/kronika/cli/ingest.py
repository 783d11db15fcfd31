"""``kronika ingest``: read files and folders into the knowledge base."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import re
import signal
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from kronika.cli._util import (
    DEFAULT_DB,
    DbOption,
    JsonOption,
    app,
    error,
    open_kb,
    print_json,
    stderr_console,
)
from kronika.kb import IngestReport

#: Exit status after Ctrl-C (128 + SIGINT), as shells report it.
EXIT_INTERRUPTED = 130
#: Exit status after SIGTERM (128 + 15).
EXIT_TERMINATED = 143


class Terminated(KeyboardInterrupt):
    """SIGTERM during ingest, raised like Ctrl-C so the current document rolls back the same way."""


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """While ingesting, stop cleanly on SIGINT (Ctrl-C) and SIGTERM; the old handlers come back after.

    In the main process the handler first terminates worker processes (``--workers``), then
    raises ``KeyboardInterrupt`` (:class:`Terminated` for SIGTERM) so the current document's
    transaction rolls back. Without that, a signal sent to the main process alone (``kill``,
    a supervisor) leaves spaCy's ``nlp.pipe(n_process=…)`` joining workers that wait forever.
    Forked workers inherit the handler and just leave quietly, so Ctrl-C in a terminal (which
    signals every process of the group) prints no worker tracebacks. A SIGINT that was
    already ignored (a background job) stays ignored. A plain ``kill -9`` leaves the store
    consistent too: SQLite rolls the open transaction back on the next open.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    main_pid = os.getpid()

    def handler(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != main_pid:
            os._exit(128 + signum)  # a forked worker: the main process reports the stop
        children = multiprocessing.active_children()
        for child in children:
            child.terminate()
        if children:
            # spaCy then warns that its workers did not complete (W127): we stopped them.
            warnings.filterwarnings("ignore", message=r"\[W127\]")
        raise Terminated if signum == signal.SIGTERM else KeyboardInterrupt

    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    for sig, old in previous.items():
        if not (sig == signal.SIGINT and old == signal.SIG_IGN):
            signal.signal(sig, handler)
    try:
        with warnings.catch_warnings():
            yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old if old is not None else signal.SIG_DFL)


def check_date(value: str | None) -> str | None:
    """Check ``--date``: an ISO date ``YYYY-MM-DD`` (a bad one is a usage error, exit 2)."""
    if value is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}")
    try:
        dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a calendar date") from exc
    return value


@app.command("ingest")
def ingest_cli(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH", help="Files (.txt .md .html .pdf) or folders to read.", show_default=False
        ),
    ],
    db: DbOption = DEFAULT_DB,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Processes for the NLP work.")] = 1,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            callback=check_date,
            help="Publication date of every document read.",
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
    json_output: JsonOption = False,
) -> None:
    """Read documents into the knowledge base.

    Reads .txt, .md, .html and .pdf files, and folders of them recursively. Unchanged
    files are skipped; a changed file replaces its old version's claims. A file that
    cannot be read is reported on stderr and the rest go on (exit status 1).

    Example:

        kronika ingest article.txt reports/ --db kronika.db
        kronika ingest news/ --date 2024-05-01 --workers 2
    """
    when = dt.date.fromisoformat(date) if date else None
    console = stderr_console()
    show_bar = not quiet and not json_output and console.is_terminal
    progress = Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[path]}", style="dim"),
        console=console,
        transient=True,
        disable=not show_bar,
    )
    task = progress.add_task("reading", total=None, path="")

    def on_progress(done: int, total: int, path: str) -> None:
        progress.update(task, completed=done, total=total, path=_short(path))

    with open_kb(db, create=True) as kb:
        try:
            with stop_on_signals(), progress:
                report = kb.ingest(paths, workers=workers, date=when, progress=on_progress)
        except KeyboardInterrupt as exc:
            error("interrupted; re-run to finish")
            code = EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED
            raise typer.Exit(code=code) from None
    for path, reason in report.failed:
        error(f"{path}: {reason}")
    if json_output:
        print_json(report.to_dict())
    elif not quiet:
        typer.echo(summary(report))
    if report.failed:
        raise typer.Exit(code=1)


def summary(report: IngestReport) -> str:
    """The two summary lines printed after an ingest."""
    return (
        f"documents: {report.read} read, {report.unchanged} unchanged, "
        f"{len(report.skipped)} skipped, {len(report.failed)} failed\n"
        f"extracted: {report.sentences:,} sentences, {report.entities:,} entities, {report.claims:,} claims "
        f"({report.words:,} words in {report.seconds:.1f} s)"
    )


def _short(path: str, width: int = 40) -> str:
    """A path cut from the left to fit beside the bar."""
    return path if len(path) <= width else "…" + path[-(width - 1) :]
