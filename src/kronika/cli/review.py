"""``kronika review ...``: correct the machine (thin commands over :class:`kronika.review.Review`)."""

from __future__ import annotations

import enum
from typing import Annotated, Any

import typer

from kronika.cli._util import CONTEXT_SETTINGS, DEFAULT_DB, DbOption, JsonOption, app, open_kb, print_json
from kronika.models import ENTITY_TYPES

review_app = typer.Typer(
    name="review",
    help="""Review claims and entities: accept, reject, edit, rank, add, merge, unmerge, split, log.

Every decision is kept in the audit log with who made it, when and why. Decisions on claims
are keyed by the claim's fingerprint, so they hold again when a document is read again.

Example:

    kronika review reject c-5f1e0a2b3c4d5e6f --why "the decree's year, not the founding"
    kronika review merge "Hi-Tech Park" "High Technologies Park"
    kronika review log --entity HTP
""",
    context_settings=CONTEXT_SETTINGS,
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
app.add_typer(review_app)

ClaimArg = Annotated[str, typer.Argument(help="The claim's id (c-…) or fingerprint.", show_default=False)]
WhyOption = Annotated[str, typer.Option("--why", help="The reason, kept in the audit log.")]
WhoOption = Annotated[
    str | None,
    typer.Option("--who", envvar="KRONIKA_REVIEWER", help="Who decides (default: your login name)."),
]
ValueOption = Annotated[
    str | None, typer.Option("--value", help='A value: ">100", "3.2e9 USD", "9%", "16000..22000".')
]
TimeOption = Annotated[
    str | None, typer.Option("--time", help='A time: "2011", "1960s", "2020..2024", "2021..", "..2016".')
]
_TYPES = ", ".join(ENTITY_TYPES)


def _done(entry: dict[str, Any], json_output: bool, line: str) -> None:
    """Print a decision: its log entry as JSON, or one line."""
    if json_output:
        print_json(entry)
    else:
        typer.echo(line)


def _claim_words(entry: dict[str, Any]) -> str:
    claim = (entry.get("detail") or {}).get("claim") or {}
    if not claim:
        return str(entry.get("fingerprint"))
    what = claim.get("object") or claim.get("value") or ""
    when = f" ({claim['time']})" if claim.get("time") else ""
    return f"{claim['subject']} {claim['predicate']} {what}".strip() + when


def _count(entry: dict[str, Any]) -> str:
    n = entry.get("claims", 0)
    return f"{n} claim" + ("" if n == 1 else "s")


@review_app.command("accept")
def accept_cli(
    claim: ClaimArg,
    db: DbOption = DEFAULT_DB,
    why: WhyOption = "",
    who: WhoOption = None,
    json_output: JsonOption = False,
) -> None:
    """Accept a claim: a person says it is right.

    Example:

        kronika review accept c-5f1e0a2b3c4d5e6f --why "checked against the registry"
    """
    with open_kb(db) as kb:
        entry = kb.review.accept(claim, who=who, why=why)
    _done(entry, json_output, f"accepted: {_claim_words(entry)} [{_count(entry)}]")


@review_app.command("reject")
def reject_cli(
    claim: ClaimArg,
    db: DbOption = DEFAULT_DB,
    why: WhyOption = "",
    who: WhoOption = None,
    json_output: JsonOption = False,
) -> None:
    """Reject a claim: it stays stored, marked, but leaves facts and answers.

    Example:

        kronika review reject c-5f1e0a2b3c4d5e6f --why "misread: the year of the decree"
    """
    with open_kb(db) as kb:
        entry = kb.review.reject(claim, who=who, why=why)
    _done(entry, json_output, f"rejected: {_claim_words(entry)} [{_count(entry)}]")


class Rank(enum.StrEnum):
    """The choices of ``kronika review rank``."""

    preferred = "preferred"
    normal = "normal"
    deprecated = "deprecated"


@review_app.command("rank")
def rank_cli(
    claim: ClaimArg,
    rank: Annotated[Rank, typer.Argument(help="preferred, normal or deprecated.", show_default=False)],
    db: DbOption = DEFAULT_DB,
    why: WhyOption = "",
    who: WhoOption = None,
    json_output: JsonOption = False,
) -> None:
    """Rank a claim preferred, normal or deprecated (deprecated claims stay visible, marked).

    Example:

        kronika review rank c-5f1e0a2b3c4d5e6f preferred --why "the official registry"
        kronika review rank c-0a1b2c3d4e5f6a7b deprecated
    """
    with open_kb(db) as kb:
        entry = kb.review.rank(claim, rank.value, who=who, why=why)
    _done(entry, json_output, f"ranked {rank.value}: {_claim_words(entry)} [{_count(entry)}]")


@review_app.command("edit")
def edit_cli(
    claim: ClaimArg,
    db: DbOption = DEFAULT_DB,
    subject: Annotated[str | None, typer.Option("--subject", help="The subject (id, name or alias).")] = None,
    predicate: Annotated[str | None, typer.Option("--predicate", help="The predicate.")] = None,
    object_: Annotated[str | None, typer.Option("--object", help="The object (id, name or alias).")] = None,
    measure: Annotated[str | None, typer.Option("--measure", help="The measure (snake_case).")] = None,
    value: ValueOption = None,
    time: TimeOption = None,
    why: WhyOption = "",
    who: WhoOption = None,
    json_output: JsonOption = False,
) -> None:
    """Correct what a claim says; it becomes accepted, and the reader's version stays in the log.

    Example:

        kronika review edit c-5f1e0a2b3c4d5e6f --time 2005 --why "the decree is of 2005"
        kronika review edit c-0a1b2c3d4e5f6a7b --value ">1000" --measure residents
    """
    with open_kb(db) as kb:
        entry = kb.review.edit(
            claim,
            subject=subject,
            predicate=predicate,
            object=object_,
            measure=measure,
            value=value,
            time=time,
            who=who,
            why=why,
        )
    changed = ", ".join(sorted((entry["detail"].get("edit") or {}).keys()))
    _done(entry, json_output, f"edited ({changed}): {_claim_words(entry)} [{_count(entry)}]")


@review_app.command("add")
def add_cli(
    subject: Annotated[str, typer.Argument(help="The subject (id, name or alias).", show_default=False)],
    predicate: Annotated[
        str, typer.Argument(help="The predicate (founded, located_in, …).", show_default=False)
    ],
    quote: Annotated[
        str, typer.Option("--quote", help="The source's words that say it.", show_default=False)
    ],
    db: DbOption = DEFAULT_DB,
    object_: Annotated[str | None, typer.Option("--object", help="The object (id, name or alias).")] = None,
    measure: Annotated[str | None, typer.Option("--measure", help="What is measured.")] = None,
    value: ValueOption = None,
    time: TimeOption = None,
    title: Annotated[str | None, typer.Option("--title", help="The source's title.")] = None,
    url: Annotated[str | None, typer.Option("--url", help="Where the source is.")] = None,
    document: Annotated[
        str | None,
        typer.Option("--document", help="A stored document the quote is from (id, path or title)."),
    ] = None,
    subject_type: Annotated[
        str | None, typer.Option("--subject-type", help=f"Type of a new subject ({_TYPES}).")
    ] = None,
    object_type: Annotated[
        str | None, typer.Option("--object-type", help=f"Type of a new object ({_TYPES}).")
    ] = None,
    why: WhyOption = "",
    who: WhoOption = None,
    json_output: JsonOption = False,
) -> None:
    """Add a claim by hand, citing its source (accepted, with method review:added).

    Example:

        kronika review add EPAM founded --time 1993 --quote "EPAM was founded in 1993." --title "EPAM 10-K"
        kronika review add HTP located_in --object Minsk --quote "The Park is in Minsk." --document a.txt
    """
    with open_kb(db) as kb:
        added = kb.review.add(
            subject,
            predicate,
            quote=quote,
            object=object_,
            measure=measure,
            value=value,
            time=time,
            title=title,
            url=url,
            document=document,
            subject_type=subject_type,
            object_type=object_type,
            who=who,
            why=why,
        )
    _done(added, json_output, f"added {added['id']}: {_claim_words(added['log'])}")


@review_app.command("merge")
def merge_cli(
    entity: Annotated[
        str, typer.Argument(help="The entity to merge away (id, name or alias).", show_default=False)
    ],
    into: Annotated[str, typer.Argument(help="The entity that stays.", show_default=False)],
    db: DbOption = DEFAULT_DB,
    why: WhyOption = "",
    who: WhoOption = None,
    json_output: JsonOption = False,
) -> None:
    """Merge two entities: the first one's claims, mentions and names move to the second.

    Example:

        kronika review merge "Hi-Tech Park" "High Technologies Park" --why "one park"
    """
    with open_kb(db) as kb:
        entry = kb.review.merge(entity, into, who=who, why=why)
    detail = entry["detail"]
    _done(
        entry,
        json_output,
        f"merged {detail['entity']} ({entry['entity']}) into {detail['into']} ({entry['other']}):"
        f" {entry['claims']} claims, {entry['mentions']} mentions moved",
    )


@review_app.command("unmerge")
def unmerge_cli(
    entity: Annotated[
        str, typer.Argument(help="The merged entity: its id or former name.", show_default=False)
    ],
    db: DbOption = DEFAULT_DB,
    why: WhyOption = "",
    who: WhoOption = None,
    json_output: JsonOption = False,
) -> None:
    """Undo a merge: the merged entity comes back with its names, claims and mentions.

    Example:

        kronika review unmerge org/hi-tech-park --why "two parks after all"
    """
    with open_kb(db) as kb:
        entry = kb.review.unmerge(entity, who=who, why=why)
    _done(
        entry,
        json_output,
        f"unmerged {entry['entity']} from {entry['other']}: {entry['claims']} claims,"
        f" {entry['mentions']} mentions moved back",
    )


@review_app.command("split")
def split_cli(
    entity: Annotated[
        str, typer.Argument(help="The entity with the alias (id, name or alias).", show_default=False)
    ],
    alias: Annotated[
        str, typer.Argument(help="The name to split off into its own entity.", show_default=False)
    ],
    db: DbOption = DEFAULT_DB,
    type_: Annotated[
        str | None, typer.Option("--type", help=f"The new entity's type ({_TYPES}); default the old one's.")
    ] = None,
    why: WhyOption = "",
    who: WhoOption = None,
    json_output: JsonOption = False,
) -> None:
    """Split an alias off an entity into its own entity, with the mentions and claims that use it.

    Example:

        kronika review split "High Technologies Park" Infopark --why "a different park"
    """
    with open_kb(db) as kb:
        entry = kb.review.split(entity, alias, type=type_, who=who, why=why)
    _done(
        entry,
        json_output,
        f"split {entry['detail']['alias']!r} off {entry['entity']} into {entry['other']}:"
        f" {entry['claims']} claims, {entry['mentions']} mentions moved",
    )


@review_app.command("log")
def log_cli(
    db: DbOption = DEFAULT_DB,
    entity: Annotated[str | None, typer.Option("--entity", "-e", help="Only about this entity.")] = None,
    claim: Annotated[
        str | None, typer.Option("--claim", "-c", help="Only about this claim (id or fingerprint).")
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Only the latest N entries.")] = None,
    json_output: JsonOption = False,
) -> None:
    """Show the audit log: who decided what, when and why (all of it, or per entity or claim).

    Example:

        kronika review log --entity "High Technologies Park"
        kronika review log --claim c-5f1e0a2b3c4d5e6f --json
    """
    with open_kb(db) as kb:
        entries = kb.review.log(entity=entity, claim=claim, limit=limit)
    if json_output:
        print_json(entries)
        return
    for entry in entries:
        typer.echo(f"{entry['at']}  {entry['who']}  {entry['action']}  {_subject_of(entry)}")
        if entry["why"]:
            typer.echo(f"    why: {entry['why']}")
    if not entries:
        typer.echo("no decisions yet", err=True)


def _subject_of(entry: dict[str, Any]) -> str:
    """What a log entry is about, in words."""
    detail = entry.get("detail") or {}
    action = entry["action"]
    if action in ("merge", "unmerge"):
        return f"{entry['entity']} -> {entry['other']}"
    if action == "split":
        return f"{detail.get('alias')!r} off {entry['entity']} -> {entry['other']}"
    if action == "remove":
        title, claims = detail.get("title"), detail.get("claims")
        return f"document {detail.get('document')} ({title}): {claims} claims retracted"
    words = _claim_words(entry)
    extra = detail.get("rank") if action == "rank" else None
    if action == "edit":
        extra = ", ".join(f"{k}={v}" for k, v in sorted((detail.get("edit") or {}).items()))
    return f"{entry.get('claim') or ''} {words}" + (f" [{extra}]" if extra else "")
