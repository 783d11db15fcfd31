"""Relation patterns for funding in news items: who put money into whom ("raised $5 million
from A and B", "A led the round", "A also took part", "backed by A", "with participation from
A")."""

from __future__ import annotations

from spacy.tokens import Token

from kronika.pipeline.context import DocContext
from kronika.pipeline.grammar import active_subject, children, is_passive, preps
from kronika.pipeline.rel_links import RAISE_VERBS, _is_round, _named, _raiser

#: Verbs of taking part in a round ("A also took part", "A participated in the round").
JOIN_VERBS = frozenset(["participate", "join", "take"])
#: The words ``funding`` starts from.
FUNDING_WORDS = RAISE_VERBS | JOIN_VERBS | frozenset(["lead", "back"])


def _funders(ctx: DocContext, phrases: list[Token]) -> list[str]:
    """Named organisations and people in phrases ("from A and B")."""
    return [
        e
        for p in phrases
        for e in ctx.entities_of(p, nominal=False)
        if ctx.entity_type(e) in ("organization", "person") and _named(ctx, e)
    ]


def _round_raiser(ctx: DocContext, noun: Token) -> list[str]:
    """Who raised the round a noun names: its possessor ("X's round"), the organisation named
    with "in"/"for" ("a round in X"), else the raising verb's subject or the text's company."""
    owners = [e for c in noun.children if c.dep_ == "poss" for e in ctx.resolve(c, nominal=False)]
    owners += [e for p in preps(noun, "in", "for", "into") for e in ctx.resolve(p, nominal=False)]
    owners = [e for e in owners if ctx.entity_type(e) == "organization"]
    return owners or _raiser(ctx, noun)


def funding(ctx: DocContext, tok: Token) -> None:
    """ "X raised $5 million from A and B": A and B invested in X; "A led X's round", "the round
    was led by A, with participation from B", "A also took part in the round", "X, backed by
    A": invested in the raiser."""
    if tok.pos_ != "VERB":
        return
    lemma = tok.lemma_
    funders: list[str] = []
    raisers: list[str] = []
    if lemma in RAISE_VERBS and not is_passive(tok):
        # "X raised $5 million from A and B", "secured funding from A"
        funders = _funders(ctx, preps(tok, "from"))
        for o in children(tok, "dobj"):
            funders += _funders(ctx, preps(o, "from"))
        if funders:
            raisers = [e for e in active_subject(ctx, tok) if ctx.entity_type(e) == "organization"]
    elif lemma == "lead" and not is_passive(tok):
        rounds = [o for o in children(tok, "dobj") if _is_round(o)]
        if rounds:
            funders = [
                e for e in active_subject(ctx, tok) if ctx.entity_type(e) in ("organization", "person")
            ]
            funders = [e for e in funders if _named(ctx, e)]
            raisers = _round_raiser(ctx, rounds[0])
    elif lemma == "lead" and is_passive(tok) and tok.dep_ != "acl":
        # "The round was led by A" (the "round led by A" participle: ``investors``)
        rounds = [s for s in children(tok, "nsubjpass") if _is_round(s)]
        if rounds:
            funders = _funders(ctx, preps(tok, "by"))
            raisers = _round_raiser(ctx, rounds[0])
    elif lemma in JOIN_VERBS and not is_passive(tok):
        # "A also took part in the round", "A participated in the Series A"
        if lemma == "take" and not any(o.lemma_ == "part" for o in children(tok, "dobj")):
            return
        rounds = [p for p in preps(tok, "in") if _is_round(p)]
        rounds += [o for o in children(tok, "dobj") if lemma == "join" and _is_round(o)]
        if rounds:
            funders = [
                e for e in active_subject(ctx, tok) if ctx.entity_type(e) in ("organization", "person")
            ]
            funders = [e for e in funders if _named(ctx, e)]
            raisers = _round_raiser(ctx, rounds[0])
    elif lemma == "back" and is_passive(tok):
        # "X, backed by A", "X is backed by A"
        funders = _funders(ctx, preps(tok, "by"))
        if funders:
            if tok.dep_ == "acl" and (m := ctx.mention_at(tok.head)) is not None:
                raisers = [m.entity_id]
            else:
                raisers = [e for s in children(tok, "nsubjpass") for e in ctx.resolve(s, nominal=False)]
            raisers = [e for e in raisers if ctx.entity_type(e) == "organization"]
    if not funders or not raisers:
        return
    # "..., with participation from B": the other funders of the same round
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "with":
            for p in children(c, "pobj"):
                if p.lemma_ in ("participation", "support", "backing"):
                    funders += _funders(ctx, preps(p, "from", "of", "by"))
    funders = list(dict.fromkeys(f for f in funders if f not in raisers))
    ctx.emit_pairs(
        "invested_in",
        funders,
        raisers,
        time=ctx.time_for(tok),
        anchor=tok,
        method=f"invested_in:{lemma}-funding",
        confidence=0.6,
    )
