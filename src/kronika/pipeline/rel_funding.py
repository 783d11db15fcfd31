"""Relation patterns for funding in news items: who put money into whom ("raised $5 million
from A and B", "A led the round", "A also took part", "backed by A", "with participation from
A")."""

from __future__ import annotations

from spacy.tokens import Token

from kronika.pipeline.context import DocContext
from kronika.pipeline.grammar import active_subject, children, is_passive, passive_subject, preps
from kronika.pipeline.rel_links import RAISE_VERBS, _is_round, _named, _raiser

#: Verbs of taking part in a round ("A also took part", "A participated in the round").
JOIN_VERBS = frozenset(["participate", "join", "take"])
#: Verbs of paying for an organisation ("A funded X", "X was financed by A").
FUND_VERBS = frozenset(["fund", "finance", "bankroll", "co-fund", "cofund", "co-finance"])
#: Verbs of leading a round ("A led the round", "co-led by A").
LEAD_WORDS = frozenset(["lead", "co-lead", "colead"])
#: The words ``funding`` starts from.
FUNDING_WORDS = RAISE_VERBS | JOIN_VERBS | FUND_VERBS | LEAD_WORDS | frozenset(["back", "put", "co"])
#: Plural nouns for the funders of an organisation ("its investors include A and B").
INVESTOR_NOUNS = frozenset(["investor", "backer", "shareholder", "funder", "owner"])


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
        for o in children(tok, "dobj") + [p for p in preps(tok, "in") if _is_round(p)]:
            # "secured $50 million in a Series B round from A"
            funders += _funders(ctx, preps(o, "from"))
        if funders:
            raisers = [e for e in active_subject(ctx, tok) if ctx.entity_type(e) == "organization"]
    elif lemma in FUND_VERBS:
        # "A funded X", "X was financed by A"
        if is_passive(tok):
            funders = _funders(ctx, preps(tok, "by"))
            raisers = passive_subject(ctx, tok)
        else:
            funders = [
                e for e in active_subject(ctx, tok) if ctx.entity_type(e) in ("organization", "person")
            ]
            raisers = [e for o in children(tok, "dobj") for e in ctx.entities_of(o, nominal=False)]
        funders = [e for e in funders if _named(ctx, e)]
        raisers = [e for e in raisers if ctx.entity_type(e) == "organization" and _named(ctx, e)]
    elif lemma == "put" and not is_passive(tok):
        # "A put $3 million into X"
        if any(
            o.like_num or o.lemma_ in ("money", "dollar", "euro", "million") for o in children(tok, "dobj")
        ):
            funders = [
                e for e in active_subject(ctx, tok) if ctx.entity_type(e) in ("organization", "person")
            ]
            raisers = [
                e for p in preps(tok, "into") for e in ctx.entities_of(p, nominal=False) if _named(ctx, e)
            ]
            raisers = [e for e in raisers if ctx.entity_type(e) == "organization"]
    elif lemma in LEAD_WORDS and not is_passive(tok) and children(tok, "dobj"):
        rounds = [o for o in children(tok, "dobj") if _is_round(o)]
        if rounds:
            funders = [
                e for e in active_subject(ctx, tok) if ctx.entity_type(e) in ("organization", "person")
            ]
            funders = [e for e in funders if _named(ctx, e)]
            raisers = _round_raiser(ctx, rounds[0])
    elif lemma in LEAD_WORDS and preps(tok, "by") and tok.dep_ != "acl":
        # "The round was led by A", "The Series A was co-led by A and B" (the "round led by
        # A" participle: ``investors``)
        rounds = [
            s
            for s in children(tok, "nsubjpass", "nsubj")
            if _is_round(s) or any(c.dep_ == "compound" and c.lower_ == "series" for c in s.children)
        ]
        if not rounds and tok.dep_ == "ROOT":
            # "The Series A was co-led by A": a subject the parser hung on the auxiliary
            sent = ctx.sent_span(tok)
            rounds = [
                t
                for t in sent
                if t.i < tok.i
                and t.dep_ in ("nsubj", "nsubjpass")
                and (_is_round(t) or any(c.lower_ == "series" for c in t.children))
            ]
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
                raisers = passive_subject(ctx, tok)
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


def investors_are(ctx: DocContext, tok: Token) -> None:
    """ "X's investors include A and B", "The investors in X include A", "Among X's backers are
    A and B": A and B invested in X."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in INVESTOR_NOUNS or tok.tag_ != "NNS":
        return
    targets = [e for c in tok.children if c.dep_ == "poss" for e in ctx.resolve(c, nominal=False)]
    targets += [e for p in preps(tok, "in", "of") for e in ctx.resolve(p, nominal=False)]
    targets = [e for e in targets if ctx.entity_type(e) == "organization"]
    if not targets:
        return
    verb = tok.head if tok.dep_ == "nsubj" else tok.head.head if tok.dep_ == "pobj" else None
    if verb is None or verb.lemma_ not in ("include", "be", "comprise", "count"):
        return
    if tok.dep_ == "pobj" and tok.head.lower_ != "among":
        return
    funders: list[str] = []
    for c in verb.children:
        if c.dep_ in ("dobj", "attr", "nsubj") and c.i != tok.i:
            funders += [
                e
                for e in ctx.entities_of(c, nominal=False)
                if ctx.entity_type(e) in ("organization", "person") and _named(ctx, e)
            ]
    ctx.emit_pairs(
        "invested_in",
        [f for f in dict.fromkeys(funders) if f not in targets],
        targets,
        time=ctx.time_for(verb),
        anchor=tok,
        method="invested_in:investors-are",
        confidence=0.6,
    )


#: Nouns for a part of a company's capital that changes hands.
SHARE_NOUNS = frozenset(["share", "stake", "shareholding", "holding", "block", "package"])


def _companies(ctx: DocContext, holders: list[Token]) -> list[str]:
    """The organisations named by the possessors or objects of a share phrase ("its", "of X")."""
    out: list[str] = []
    for h in holders:
        if h.pos_ == "PRON":
            out += [e for e in ctx.resolve(h) if ctx.entity_type(e) == "organization"]
        elif (m := ctx.mention_at(h)) is not None and ctx.entity_type(m.entity_id) == "organization":
            out.append(m.entity_id)
    return out


def shares_sold_to(ctx: DocContext, tok: Token) -> None:
    """ "a block of shares was sold to the investment group B" beside "the state's stake in X", "a
    20% stake in X was sold to B", "X's shares were sold to B": B invested in X."""
    if tok.pos_ != "VERB" or tok.lemma_ not in ("sell", "transfer") or not is_passive(tok):
        return
    subj = children(tok, "nsubjpass")
    if not subj or subj[0].lemma_.lower() not in SHARE_NOUNS:
        return
    buyers = [
        e
        for p in preps(tok, "to")
        if (m := ctx.mention_at(p)) is not None or (m := ctx.mention_at(ctx.doc[p.i + 1])) is not None
        for e in [m.entity_id]
        if ctx.entity_type(e) == "organization"
    ]
    if not buyers:
        return
    # the company: "shares of X", "a stake in X", "X's shares", else "a stake in X" in the sentence
    noun = subj[0]
    holders = [c for c in noun.children if c.dep_ == "poss"] + preps(noun, "in")
    holders += [s for o in preps(noun, "of") for s in [o, *children(o, "poss")] + preps(o, "of", "in")]
    targets = _companies(ctx, holders)
    if not targets:
        sent = ctx.sent_span(tok)
        holders = [o for t in sent if t.lemma_ == "stake" and t.i != noun.i for o in preps(t, "in", "of")]
        targets = _companies(ctx, holders)
    targets = [t for t in dict.fromkeys(targets) if t not in buyers]
    if len(targets) != 1:
        return
    ctx.emit_pairs(
        "invested_in",
        buyers,
        targets,
        # "in 2017, when a block of shares was sold to B": the year the clause hangs on
        time=ctx.time_for(tok) or (ctx.time_for(tok.head) if tok.dep_ == "relcl" else None),
        anchor=tok,
        method="invested_in:shares-sold-to",
        confidence=0.55,
    )
