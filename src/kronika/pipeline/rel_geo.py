"""Relation patterns for places within places: "Gomel is a city in south-eastern Belarus",
"Byurakan, a village in Aragatsotn Province", "the village of Byurakan in Aragatsotn Province";
and "X is one of the largest banks in P"."""

from __future__ import annotations

from spacy.tokens import Token

from kronika.pipeline.context import DocContext
from kronika.pipeline.entities import ORG_NOUNS
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


def place_word_named(ctx: DocContext, tok: Token) -> None:
    """ "sold to the Riga investment group Orvo Capital", "the Tartu company Kestrel": a place
    word before an organisation noun that stands beside the organisation's name locates it."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in ORG_NOUNS or ctx.mention_at(tok) is not None:
        return
    # the name in apposition, or right after the noun whatever the parser made of it
    named = [c for c in tok.children if c.i > tok.i and (c.dep_ == "appos" or c.i == tok.i + 1)]
    if tok.dep_ == "compound" and tok.head.i > tok.i:
        named.append(tok.head)  # "the Leningrad company Leninets" read as one phrase
    orgs = [
        m.entity_id
        for c in named
        if (m := ctx.mention_at(c)) is not None
        and m.start > tok.i
        and ctx.entity_type(m.entity_id) == "organization"
    ]
    if not orgs:
        return
    places = [
        m.entity_id
        for c in tok.children
        if c.dep_ in ("compound", "nmod") and c.i < tok.i
        if (m := ctx.mention_at(c)) is not None and ctx.place_kind(m.entity_id) in ("city", "region")
    ]
    ctx.emit_pairs(
        "located_in",
        orgs[:1],
        places[:1],
        anchor=tok,
        method="located_in:place-word-named",
        confidence=0.55,
    )


def in_place_at_org(ctx: DocContext, tok: Token) -> None:
    """ "he did his postgraduate work in Riga, at the Institute of Physics", "worked in Tartu at
    the Kestrel plant": the organisation named with "at" is in the city named with "in"."""
    if tok.lower_ != "at" or tok.dep_ != "prep":
        return
    orgs = [
        m.entity_id
        for o in children(tok, "pobj")
        if (m := ctx.mention_at(o)) is not None
        and m.start <= o.i < m.end
        and ctx.entity_type(m.entity_id) == "organization"
    ]
    if not orgs:
        return
    host = tok.head
    hosts = [host]
    if host.pos_ in ("VERB", "AUX"):
        # "did his postgraduate work in Moscow, at X" (the parser may make "work" the subject)
        hosts += [c for c in children(host, "dobj", "nsubj") if c.pos_ == "NOUN"]
    phrases = [p for h in hosts for p in preps(h, "in") if p.i < tok.i]
    if len(phrases) != 1 or tok.i - phrases[0].i > 4:
        return  # the city right before, in the same clause
    cities = [e for e in places_in(ctx, phrases) if ctx.place_kind(e) == "city"]
    ctx.emit_pairs(
        "located_in", orgs, cities[:1], anchor=tok, method="located_in:in-city-at-org", confidence=0.5
    )


def org_then_city(ctx: DocContext, tok: Token) -> None:
    """ "the archive was handed to the Institute of X in Minsk", "he worked at Orvo Labs in Riga":
    "in" a city right after a named organisation, though the parser hangs it on the verb."""
    if tok.lower_ != "in" or tok.dep_ != "prep" or tok.i == 0 or tok.head.pos_ not in ("VERB", "AUX"):
        return
    before = ctx.mention_at(ctx.doc[tok.i - 1])
    if before is None or before.end != tok.i or ctx.entity_type(before.entity_id) != "organization":
        return
    roots = [t for t in ctx.doc[before.start : before.end] if not before.start <= t.head.i < before.end]
    if len(roots) != 1:
        return
    link = roots[0].head
    if roots[0].dep_ != "pobj" or link.lower_ not in ("at", "to") or link.head.i != tok.head.i:
        return
    cities = [e for e in places_in(ctx, children(tok, "pobj")) if ctx.place_kind(e) == "city"]
    ctx.emit_pairs(
        "located_in",
        [before.entity_id],
        cities[:1],
        anchor=tok,
        method="located_in:org-then-city",
        confidence=0.5,
    )


#: Which kinds of place can hold which: a city lies in a region or country, a region in a country.
_HOLDS = {"city": ("region", "country"), "region": ("country",)}


def in_city_in_region(ctx: DocContext, tok: Token) -> None:
    """ "born in Slutsk, in the Minsk Region", "a plant in Orsha, in the Vitebsk Region": the
    first place lies in the second, named by a second "in" after a comma."""
    if tok.lower_ != "in" or tok.dep_ != "prep" or tok.i < 3 or ctx.doc[tok.i - 1].text != ",":
        return
    outer = [m.entity_id for o in children(tok, "pobj") if (m := ctx.mention_at(o)) is not None]
    inner = ctx.mention_at(ctx.doc[tok.i - 2])
    if not outer or inner is None or inner.end != tok.i - 1:
        return
    first = ctx.doc[inner.start]
    if (
        first.i == 0
        or ctx.doc[first.i - 1].lower_ not in ("in", "the")
        and not any(t.lower_ == "in" and t.dep_ == "prep" for t in ctx.doc[max(first.i - 2, 0) : first.i])
    ):
        return
    kind = ctx.place_kind(inner.entity_id)
    if kind not in _HOLDS or ctx.place_kind(outer[0]) not in _HOLDS[kind] or outer[0] == inner.entity_id:
        return
    ctx.emit(
        "located_in",
        inner.entity_id,
        obj=outer[0],
        anchor=tok,
        method="located_in:in-city-in-region",
        confidence=0.6,
    )
