"""``kronika token create|list|revoke``: the tokens that let the web API and pages write."""

from __future__ import annotations

from typing import Annotated

import typer

from kronika.auth import Tokens
from kronika.cli._util import (
    CONTEXT_SETTINGS,
    DEFAULT_DB,
    DbOption,
    JsonOption,
    app,
    make_table,
    open_kb,
    print_json,
    stdout_console,
)

token_app = typer.Typer(
    name="token",
    help="""Manage the tokens that allow writes (reviews) through `kronika serve --allow-edits`.

A token is shown once, when it is made; the base keeps only a salted hash of it.

Example:

    kronika token create ann
    kronika token list
    kronika token revoke ann
""",
    context_settings=CONTEXT_SETTINGS,
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
app.add_typer(token_app)

NameArg = Annotated[str, typer.Argument(help="Who or what uses the token.", show_default=False)]


@token_app.command("create")
def create_cli(name: NameArg, db: DbOption = DEFAULT_DB) -> None:
    """Make a token and print it (once: keep it; the base keeps only its hash).

    Example:

        kronika token create ann --db team.db
    """
    with open_kb(db) as kb:
        token = Tokens(kb.store).create(name)
    typer.echo(token)
    typer.echo(
        f"token {name!r} made; it is shown only now. Send it as 'Authorization: Bearer <token>'"
        " or sign in with it on the explorer's pages.",
        err=True,
    )


@token_app.command("list")
def list_cli(db: DbOption = DEFAULT_DB, json_output: JsonOption = False) -> None:
    """List tokens: names, key ids, when made, last used and revoked (never the secrets).

    Example:

        kronika token list --json
    """
    with open_kb(db) as kb:
        rows = Tokens(kb.store).list()
    if json_output:
        print_json(rows)
        return
    table = make_table(f"{len(rows)} tokens", "name", "key id", "created", "last used", "revoked")
    for row in rows:
        table.add_row(
            row["name"], row["key_id"], row["created_at"], row["last_used_at"] or "", row["revoked_at"] or ""
        )
    stdout_console().print(table)


@token_app.command("revoke")
def revoke_cli(name: NameArg, db: DbOption = DEFAULT_DB) -> None:
    """Revoke a token: it stops working at once.

    Example:

        kronika token revoke ann
    """
    with open_kb(db) as kb:
        revoked = Tokens(kb.store).revoke(name)
    typer.echo(f"revoked token {revoked['name']!r} ({revoked['key_id']}) at {revoked['revoked_at']}")
