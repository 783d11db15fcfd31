"""Relation patterns for places within places: "Gomel is a city in south-eastern Belarus",
"Byurakan, a village in Aragatsotn Province", "the village of Byurakan in Aragatsotn Province";
and "X is one of the largest banks in P"."""

from __future__ import annotations

from spacy.tokens import Token

from kronika.pipeline.context import DocContext
from kronika.pipeline.grammar import children, places_in, preps
from kronika.pipeline.rel_places import _part_of_place, described_in_place

#: Nouns for a kind of settlement or area ("a city in P", "the town of X").
SETTLEMENT_NOUNS = frozenset(
    [
        "city",
        "town",
        "village",
        "settlement",
        "municipality",
        "region",
        "province",
        "district",
        "county",
        "oblast",
        "port",
        "suburb",
        "island",
    ]
)


def _place(ctx: DocContext, tok: Token) -> str | None:
    m = ctx.mention_at(tok)
    if m is None or ctx.entity_type(m.entity_id) != "place" or m.entity_id in ctx.nominal_ids:
        return None
    return m.entity_id


def place_in_place(ctx: DocContext, tok: Token) -> None:
    """A place glossed with the wider place it lies in: "Gomel is a city in south-eastern
    Belarus", "Byurakan, a village in Aragatsotn Province", "the village of Byurakan in
    Aragatsotn Province" (not "the capital of P": a dateline's gloss, rarely the point)."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in SETTLEMENT_NOUNS:
        return
    inner: list[str] = []
    if tok.dep_ == "attr" and tok.head.lemma_ == "be":
        inner = [e for s in children(tok.head, "nsubj") if (e := _place(ctx, s))]
    elif tok.dep_ == "appos":
        inner = [e] if (e := _place(ctx, tok.head)) else []
    named_of = [e for p in preps(tok, "of") if (e := _place(ctx, p))]
    phrases = preps(tok, "in")
    if named_of and not inner:
        # "the village of Byurakan in Aragatsotn Province" (the parser may hang "in" on the name)
        inner = named_of[:1]
        phrases += [q for p in preps(tok, "of") for q in preps(p, "in")]
    if not inner:
        return
    where = places_in(ctx, phrases) + _part_of_place(ctx, phrases)
    where = [w for w in dict.fromkeys(where) if w not in inner]
    ctx.emit_pairs(
        "located_in", inner, where, anchor=tok, method="located_in:place-in-place", confidence=0.55
    )


def one_of_in_place(ctx: DocContext, tok: Token) -> None:
    """ "X is one of the largest state-owned banks in Belarus": ``described_in_place`` through "one"."""
    if tok.lower_ == "one":
        described_in_place(ctx, tok)
