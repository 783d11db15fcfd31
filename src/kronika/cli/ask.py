"""``kronika ask``: a question in plain English, answered from the claims with their evidence."""

from __future__ import annotations

from typing import Annotated

import typer

from kronika.cli._util import DEFAULT_DB, DbOption, JsonOption, app, fail, open_kb, print_json


@app.command("ask")
def ask_cli(
    question: Annotated[str, typer.Argument(help="The question, in quotes.", show_default=False)],
    db: DbOption = DEFAULT_DB,
    json_output: JsonOption = False,
) -> None:
    """Answer a question from the claims, with the sentences that support the answer.

    Example:

        kronika ask "When was the High Technologies Park founded?"
        kronika ask --json "How many residents did HTP have in 2016?"
    """
    if not question.strip():
        fail('the question is empty; ask in words, for example: kronika ask "Who founded Dainova?"', code=2)
    with open_kb(db) as kb:
        data = kb.ask(question)
    if json_output:
        print_json(data)
        return
    typer.echo(data["answer"])
    note = "uncertain" if data["uncertain"] else f"confidence {data['confidence']:.2f}"
    if data["conflict"]:
        note += ", sources disagree"
    typer.echo(f"({note})")
    for item in data["evidence"][:3]:
        title = item.get("title") or item.get("document") or ""
        typer.echo(f"  - {title}: {item.get('text') or ''}")
