"""``kronika serve`` and ``kronika demo``: the web explorer."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kronika.cli._util import DEFAULT_DB, DbOption, app, error, fail, library_errors, open_kb
from kronika.cli.ingest import summary

HostOption = Annotated[
    str, typer.Option("--host", help="Address to listen on (127.0.0.1 keeps it on this machine).")
]
PortOption = Annotated[int, typer.Option("--port", "-p", min=1, max=65535, help="Port to listen on.")]


def run_server(db: Path, host: str, port: int, *, allow_edits: bool = False) -> None:
    """Serve the explorer for ``db`` until interrupted; the URL is printed first."""
    import uvicorn

    from kronika.web.app import make_app

    with library_errors():
        application = make_app(db, allow_edits=allow_edits)
    shown = "localhost" if host in ("127.0.0.1", "::1") else host
    typer.echo(f"kronika explorer: http://{shown}:{port}/  (database {db}; Ctrl-C stops it)")
    if allow_edits:
        typer.echo("edits allowed: every write needs a token (kronika token create NAME)", err=True)
        if host not in ("127.0.0.1", "::1", "localhost"):
            error(f"warning: edits are open to the network on {host} over plain HTTP; put TLS in front")
    try:
        uvicorn.run(application, host=host, port=port, log_level="warning")
    except OSError as exc:  # pragma: no cover - the port is taken, or the address is not ours
        fail(f"cannot listen on {host}:{port} ({exc.strerror or exc}); choose another with --port")


@app.command("serve")
def serve_cli(
    db: DbOption = DEFAULT_DB,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    allow_edits: Annotated[
        bool,
        typer.Option("--allow-edits", help="Take review decisions (each needs a token); read-only without."),
    ] = False,
) -> None:
    """Serve the web explorer and its JSON API for a knowledge base (read-only unless --allow-edits).

    Example:

        kronika serve --db kronika.db
        kronika serve --db team.db --port 8080 --allow-edits
    """
    with open_kb(db):
        pass  # a missing or broken file is reported here, before the server starts
    run_server(db, host, port, allow_edits=allow_edits)


@app.command("demo")
def demo_cli(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATH]...", help="Documents to read as well (files or folders).", show_default=False
        ),
    ] = None,
    db: DbOption = DEFAULT_DB,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Build the database and exit.")] = False,
) -> None:
    """Build a knowledge base from the curated atlas (plus any documents) and open the explorer.

    The atlas holds reviewed facts of the Belarusian IT sector, each citing its source. Documents
    given are read as with `kronika ingest`; their claims join the atlas facts they agree with as
    further evidence.

    Example:

        kronika demo
        kronika demo ../shared/corpus/belarus-it-history.txt --port 8080
    """
    from kronika.atlas import install_atlas

    with open_kb(db, create=True) as kb:
        installed = install_atlas(kb.store)
        state = "already there" if installed["unchanged"] else "written"
        typer.echo(f"atlas: {installed['facts']} curated facts, {installed['entities']} entities ({state})")
        if paths:
            report = kb.ingest(paths)
            for path, reason in report.failed:
                error(f"{path}: {reason}")
            typer.echo(summary(report))
        stats = kb.stats()
    typer.echo(
        f"{db}: {stats['documents']} documents, {stats['entities']:,} entities, {stats['claims']:,} claims"
    )
    if no_serve:
        return
    run_server(db, host, port)
