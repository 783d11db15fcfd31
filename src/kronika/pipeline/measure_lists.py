"""Measures of lists, rates, physical specifications, ages and ratios.

Shapes that comparisons, encyclopedia entries and specifications use, tried before the general
frames of :mod:`kronika.pipeline.measures`:

- a list that goes on with the measure just given, one figure per name: "B follows with 48,000,
  then C (14,000) and D (9,000)", "E (5.2) and F (4.9) are in the middle", "G, at 4.1, sits
  just above", "with H at 30%", "twice K's 3.2" (the name before the figure owns it);
- values per place after a measure noun: "Pay ranged from $1,050 in Minsk to EUR 2,450 in
  Tallinn" (each value the place's);
- a rate or density: "6.6 jobs per 1,000 inhabitants" (one measure; the "1,000" is its base);
- physical quantities: "weighed 24 kg", "a site of 32 hectares", "140,000 square metres of floor
  space", "25 km from the city", "printed up to 900 lines a minute";
- an age: "died in 2012, aged 81", "at the age of 81";
- a ratio after a figure: "twice", "six times", "two and a half times" the figure's owner's.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kronika.models import Quantity
from kronika.pipeline.context import DocContext, QuantityHit, governing_verb
from kronika.pipeline.grammar import children, preps
from kronika.pipeline.measure_names import measure_words, proper_entity, slug, words
from kronika.pipeline.measure_owners import (
    Found,
    Local,
    carry,
    clause_holder,
    clause_subject,
    emit_measure,
    holder,
)
from kronika.pipeline.quantities import parse_number

LIST_TYPES = ("place", "organization")
#: Physical units (lemma or lower-case form) and what they measure.
UNIT_DIMENSIONS = {
    "kg": ("weight", "kg"),
    "kilogram": ("weight", "kg"),
    "kilogramme": ("weight", "kg"),
    "tonne": ("weight", "tonne"),
    "ton": ("weight", "tonne"),
    "gram": ("weight", "g"),
    "km": ("distance", "km"),
    "kilometre": ("distance", "km"),
    "kilometer": ("distance", "km"),
    "mile": ("distance", "mile"),
    "hectare": ("area", "hectare"),
    "ha": ("area", "hectare"),
    "acre": ("area", "acre"),
    "m2": ("area", "m2"),
    "m²": ("area", "m2"),
}
PHYSICAL_UNITS = frozenset(code for _, code in UNIT_DIMENSIONS.values()) | {"m"}
#: "square metres", "sq m": an area.
SQUARE_WORDS = frozenset(["square", "sq", "sq."])
METRE_WORDS = frozenset(words("metre meter m foot feet kilometre kilometer km"))
#: Periods of a rate: "900 lines a minute", "20,000 letters an hour", "5,000 tonnes a year".
RATE_PERIODS = frozenset(words("second minute hour day week month year"))
#: The base of a density or a per-person amount: "per 1,000 inhabitants", "per head".
PER_BASES = frozenset(words("head capita inhabitant resident person people citizen employee worker"))
AGE_WORDS = frozenset(["aged", "age"])
#: Nouns that stand for the product just named: "the device weighed 24 kg".
DEVICE_NOUNS = frozenset(
    words("device machine unit printer reader computer model product system set vehicle")
)


def _family(q: Quantity) -> str:
    if q.unit in PHYSICAL_UNITS:
        return q.unit
    return q.unit if q.unit in ("count", "percent") else "money"


# -- lists ------------------------------------------------------------------------------------


def _name_before(ctx: DocContext, i: int, sent: Span) -> str | None:
    """The place or organisation whose mention ends at token ``i``."""
    if i < sent.start:
        return None
    m = ctx.mention_at(ctx.doc[i])
    if m is None or m.end - 1 != i or ctx.entity_type(m.entity_id) not in LIST_TYPES:
        return None
    return m.entity_id


def _described_before(ctx: DocContext, tok: Token, sent: Span) -> str | None:
    """The name an apposition ending at ``tok`` describes ("Šiauliai, home of a large plant")."""
    cur = tok
    for _ in range(6):
        if cur.dep_ == "appos":
            m = ctx.mention_at(cur.head)
            if m is not None and ctx.entity_type(m.entity_id) in LIST_TYPES and sent.start <= m.start:
                return m.entity_id
            return None
        if cur.dep_ not in ("pobj", "prep", "compound", "amod") or cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def figure_of(ctx: DocContext, hit: QuantityHit, num: Token, local: Local) -> Found | None:
    """ "more than six times the Latvian figure of €450": a figure named by a nation's (or a
    place's) adjective is that place's, as the measure going on."""
    head = num.head
    if (
        num.dep_ != "pobj"
        or head.lower_ != "of"
        or head.head.lemma_.lower() not in ("figure", "level", "average")
    ):
        return None
    noun = head.head
    for c in noun.children:
        if c.dep_ in ("amod", "poss", "compound"):
            m = ctx.mention_at(c)
            if m is not None and ctx.entity_type(m.entity_id) == "place":
                measure = _going_on(ctx, hit.quantity, local)
                if measure is None:
                    return None
                return Found([m.entity_id], slug(_own_words(measure)), "measure:list-each")
    return None


def _going_on(ctx: DocContext, q: Quantity, local: Local) -> str | None:
    """The measure a list continues: this sentence's last of the same family, else the last
    count's or share's of the previous two sentences, else the last money measure's."""
    fam = _family(q)
    if local.last_measure and local.last_unit == fam:
        return local.last_measure
    view = ctx.sent
    state = carry(ctx)
    if view is None:
        return None
    last = state.last_count if fam == "count" else state.last_share if fam == "percent" else None
    if last is not None and last[1] >= view.index - 2:
        return last[0]
    prev = ctx.last_measure
    if fam == "money" and prev is not None and prev[2] >= view.index - 2 and state.unit == fam:
        return prev[1]
    return None


def list_figure(ctx: DocContext, sent: Span, hit: QuantityHit, num: Token, local: Local) -> Found | None:
    """ "then C (14,000), D (9,000)", "E (5.2) and F (4.9) are in the middle", "G, at 4.1,
    sits", "with H at 30%", "twice K's 3.2": the name right before the figure owns it, as the
    measure going on."""
    doc = ctx.doc
    i = hit.start - 1
    if i < sent.start:
        return None
    name: str | None = None
    if doc[i].text == "(" and hit.end < sent.end and doc[hit.end].text == ")":
        name = _name_before(ctx, i - 1, sent)
    elif doc[i].lower_ == "at":
        j = i - 1 if i - 1 >= sent.start and doc[i - 1].text != "," else i - 2
        name = _name_before(ctx, j, sent)
        if name is None and doc[j + 1].text == ",":
            name = _described_before(ctx, doc[j], sent)  # "Šiauliai, home of a large plant, at 10%"
        if name is None and doc[i].head.i != doc[i].i:
            m = ctx.mention_at(doc[i].head)
            if m is not None and ctx.entity_type(m.entity_id) == "place" and doc[i].head.i < i:
                name = m.entity_id  # "Šiauliai, home of a large plant, at about 10%"
    elif doc[i].tag_ == "POS" and num.head.pos_ != "NOUN" or doc[i].tag_ == "POS" and num.dep_ != "nummod":
        name = _name_before(ctx, i - 1, sent)
    if name is None:
        return None
    measure = _going_on(ctx, hit.quantity, local)
    if measure is None:
        return None
    per = _per_words(doc, hit)
    if per and not measure.endswith(slug(per)):
        measure = slug([*_own_words(measure), *per])
    return Found([name], measure, "measure:list-each")


def _own_words(measure: str) -> list[str]:
    """A measure name without a nation's adjective ("estonian_exports" -> exports)."""
    parts = measure.split("_")
    return [p for p in parts if not p.endswith(("ian", "ish", "ese"))] or parts


def _per_words(doc, hit: QuantityHit) -> list[str]:  # noqa: ANN001
    """ "€620 per head": ["per", "head"]."""
    if (
        hit.end + 1 < len(doc)
        and doc[hit.end].lower_ == "per"
        and doc[hit.end + 1].lemma_.lower() in PER_BASES
    ):
        return ["per", doc[hit.end + 1].lemma_.lower()]
    return []


def place_values(ctx: DocContext, hit: QuantityHit, num: Token, local: Local) -> Found | None:
    """ "Median pay ranged from $1,050 in Minsk to €2,450 in Tallinn": a value followed by "in"
    a place, in a clause whose subject is an unowned measure noun, is the place's."""
    doc = ctx.doc
    if hit.end + 1 >= len(doc) or doc[hit.end].lower_ not in ("in", "at"):
        return None
    m = ctx.mention_at(doc[hit.end + 1])
    if m is None or ctx.entity_type(m.entity_id) != "place" or m.end >= len(doc):
        return None
    after = doc[m.end]
    if not (after.is_punct or after.lower_ in ("to", "and")):
        return None
    verb = governing_verb(num)
    subj = next(iter(children(verb, "nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ != "NOUN" or ctx.mention_at(subj) is not None:
        return None
    if not any(p.lemma_ in ("from", "to", "between", "at") for p in verb.children if p.dep_ == "prep"):
        return None  # "ranged from ... to ...", "stood at ...", not any verb
    found, owner = measure_words(ctx, subj)
    if owner is not None or not found:
        return None
    return Found([m.entity_id], slug(found), "measure:place-value")


#: Words between an amount and the same amount in another currency: "€9.5 million ($10.3
#: million)", "BYN 6.8 million (then about $3.5 million)", "(BYN 840, or roughly $260)".
OTHER_CURRENCY_GAP = frozenset(
    words("( , or then about around roughly approximately some nearly almost at the time")
)


def other_currency(ctx: DocContext, hit: QuantityHit, local: Local) -> tuple[Found, object] | None:
    """The same amount in another currency, right after the first: its owner, measure and time."""
    q = hit.quantity
    view = ctx.sent
    if view is None or q.unit in ("count", "percent") or not local.emitted:
        return None
    doc = ctx.doc
    before = [h for h in view.quantities if h.end <= hit.start]
    if not before:
        return None
    prev = before[-1]
    if prev.quantity.unit in ("count", "percent", q.unit) and prev.quantity.unit != "count":
        return None  # the same currency: another amount, not a conversion
    gap = doc[prev.end : hit.start]
    if not len(gap) or len(gap) > 5 or not all(t.lower_ in OTHER_CURRENCY_GAP for t in gap):
        return None
    if not any(t.text == "(" for t in gap) and not any(t.lower_ == "or" for t in gap):
        return None
    root, owner, measure, time = local.emitted[-1]
    if not prev.start <= root < prev.end:
        return None
    if prev.quantity.unit == "count" and measure.split("_")[0] not in ("basic", "base"):
        return None  # "20 basic units (BYN 840)": a count only when it is a unit of account
    return Found([owner], measure, "measure:other-currency", time=time), time


# -- rates, physical quantities, ages ---------------------------------------------------------


def is_per_base(ctx: DocContext, hit: QuantityHit) -> bool:
    """The "1,000" of "6.6 jobs per 1,000 inhabitants": the base of a rate, no figure of its own."""
    doc = ctx.doc
    return hit.start > 0 and doc[hit.start - 1].lower_ == "per"


def density(ctx: DocContext, num: Token, local: Local) -> Found | None:
    """ "about 6.6 jobs per 1,000 inhabitants": a density, the clause subject's."""
    noun = num.head
    if num.dep_ != "nummod" or noun.pos_ != "NOUN":
        return None
    for p in noun.children:
        if p.dep_ == "prep" and p.lower_ == "per":
            base = next(iter(children(p, "pobj")), None)
            if base is None or base.lemma_.lower() not in PER_BASES:
                return None
            size = [c.text.replace(",", "") for c in base.children if c.dep_ == "nummod" and c.like_num]
            owner = clause_holder(ctx, num, local)
            if owner is None:
                return None
            name = slug([noun.text, "per", *size, base.text])
            return Found([owner], name, "measure:density")
    return None


def _physical_unit(num: Token) -> tuple[str, str, Token] | None:
    """The dimension and unit of a number's unit noun ("24 kg", "32 hectares", "140,000 square
    metres"), and the unit token."""
    unit = num.head if num.dep_ in ("nummod", "compound") else None
    if unit is None or unit.i < num.i:
        return None
    key = unit.lower_ if unit.lower_ in UNIT_DIMENSIONS else unit.lemma_.lower()
    if key in UNIT_DIMENSIONS:
        dim, code = UNIT_DIMENSIONS[key]
        return dim, code, unit
    if key in METRE_WORDS and any(c.lower_ in SQUARE_WORDS for c in unit.children):
        return "area", "m2", unit
    if key in METRE_WORDS and key not in ("km",):
        return "length", "m", unit
    return None


def physical(ctx: DocContext, hit: QuantityHit, num: Token, local: Local) -> tuple[Found, Quantity] | None:
    """A weight, distance or area: "the device weighed 24 kg", "a machine of some 450 kg", "a site
    of 32 hectares", "140,000 square metres of floor space", "25 km from the city"."""
    q = hit.quantity
    if q.unit != "count":
        return None
    found = _physical_unit(num)
    if found is None:
        return None
    dim, code, unit = found
    names = [dim]
    owner_tok: Token | None = None
    what = next(iter(preps(unit, "of")), None)
    if what is not None:
        names += measure_words(ctx, what)[0]  # "square metres of floor space"
    head = unit.head
    if unit.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        noun = head.head  # "a site of 32 hectares", "a machine of some 450 kg"
        names.append(noun.lemma_.lower())
        owner_tok = noun.head if noun.dep_ == "appos" else None
        if owner_tok is None and noun.dep_ in ("dobj", "attr", "pobj"):
            owner_tok = clause_subject_of(noun)
    elif (
        unit.dep_ == "pobj"
        and head.lower_ in ("with", "into", "over", "across")
        and head.head.pos_
        in (
            "VERB",
            "AUX",
        )
    ):
        # "occupies a site, with 140,000 square metres", "rebuilt into 6,200 square metres"
        owner_tok = clause_subject(head)
    elif unit.dep_ == "npadvmod" and head.pos_ == "ADP" and head.lower_ in ("from", "away", "outside"):
        names += ["from", *[w for o in children(head, "pobj") for w in measure_words(ctx, o)[0]]]
        owner_tok = clause_subject(head)  # "is 25 km from the city"
    elif unit.dep_ in ("dobj", "npadvmod", "attr", "acomp"):
        verb = unit.head
        names.append(verb.lemma_.lower())
        owner_tok = next(iter(children(verb, "nsubj", "nsubjpass")), None)
        top = verb
        while owner_tok is None and top.dep_ == "conj" and top.head.i != top.i:
            top = top.head
            owner_tok = next(iter(children(top, "nsubj", "nsubjpass")), None)
        if owner_tok is None and top.dep_ == "acl":
            owner_tok = top.head  # "the printer X, introduced in 1984 and weighing 11 kg"
    if owner_tok is None:
        return None
    owner = _product_or_holder(ctx, owner_tok, local)
    if owner is None:
        return None
    value = Quantity(q.amount, code, q.comparator, q.lower, q.upper, q.text)
    return Found([owner], slug([*names, code]), "measure:physical"), value


def clause_subject_of(noun: Token) -> Token | None:
    verb = governing_verb(noun)
    return next(iter(children(verb, "nsubj", "nsubjpass")), None)


def _product_or_holder(ctx: DocContext, tok: Token, local: Local) -> str | None:
    """The entity a noun names; "the device", "the machine" stand for the product last named."""
    m = ctx.mention_at(tok)
    if m is not None:
        return m.entity_id
    if tok.lower_ in ("that", "which") and local.emitted:
        return local.emitted[-1][1]  # "a machine of some 450 kg that printed 900 lines a minute"
    if tok.lemma_.lower() in DEVICE_NOUNS and any(c.lower_ in ("the", "this") for c in tok.children):
        sent = ctx.sent_span(tok)
        here = [m.entity_id for m in ctx.mentions if sent.start <= m.start < tok.i]
        for e in reversed(here or ctx.recent[-6:]):
            if ctx.entity_type(e) == "product":
                return e  # "the FS-1 reader ...; the device weighed 24 kg": the product just named
    found = holder(ctx, tok, local)
    if found is not None:
        return found
    if tok.pos_ == "NOUN" and any(c.lower_ in ("the", "this", "it") for c in tok.children):
        for e in reversed(ctx.recent[-6:]):
            if ctx.entity_type(e) == "product":
                return e
    return None


def rate(ctx: DocContext, hit: QuantityHit, num: Token, local: Local) -> Found | None:
    """ "printed up to 900 lines a minute", "sorted 20,000 letters an hour", "5,000 tonnes a
    year": a rate of the clause subject, named by the counted noun, its verb and its period."""
    q = hit.quantity
    if q.unit != "count" or num.dep_ != "nummod":
        return None
    noun = num.head
    period = next(
        (c for c in noun.children if c.dep_ == "npadvmod" and c.lemma_.lower() in RATE_PERIODS), None
    )
    if period is None:
        verb = noun.head if noun.dep_ == "dobj" else None
        period = next(
            (
                c
                for c in (verb.children if verb is not None else [])
                if c.dep_ == "npadvmod" and c.lemma_.lower() in RATE_PERIODS and c.i > noun.i
            ),
            None,
        )
    if period is None or not any(c.lower_ in ("a", "an", "per", "each", "every") for c in period.children):
        return None
    verb = governing_verb(num)
    subj = next(iter(children(verb, "nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    owner = _product_or_holder(ctx, subj, local)
    if owner is None:
        return None
    name = slug([noun.lemma_.lower(), verb.lemma_.lower(), "per", period.lemma_.lower()])
    return Found([owner], name, "measure:rate")


def age(ctx: DocContext, hit: QuantityHit, num: Token, local: Local) -> Found | None:
    """ "died in Haifa in 2012, aged 81", "died at the age of 81": the person's age."""
    doc = ctx.doc
    q = hit.quantity
    if q.unit != "count" or q.amount is None or not 0 < q.amount < 130:
        return None
    i = hit.start - 1
    while i >= 0 and doc[i].lower_ in ("about", "nearly", "almost", "just"):
        i -= 1
    if i < 0:
        return None
    if doc[i].lower_ == "aged":
        pass
    elif not (doc[i].lower_ == "of" and i >= 1 and doc[i - 1].lower_ == "age"):
        return None
    subj = clause_subject_of(doc[i])
    if subj is None:
        return None
    m = ctx.mention_at(subj)
    owner = m.entity_id if m is not None else holder(ctx, subj, local)
    if owner is None or ctx.entity_type(owner) != "person":
        return None
    return Found([owner], "age", "measure:age")


def conjoined_count(ctx: DocContext, num: Token, local: Local) -> Found | None:
    """ "has 1,200 students and 85 teachers": a count of a noun coordinated with a noun the
    sentence just counted belongs to the same owner, named by its own noun."""
    noun = num.head
    if num.dep_ != "nummod" or noun.pos_ != "NOUN" or noun.dep_ != "conj" or not local.emitted:
        return None
    first = noun.head
    doc = ctx.doc
    for root, owner, _measure, _time in reversed(local.emitted):
        if doc[root].head.i == first.i and doc[root].dep_ == "nummod":
            found, own = measure_words(ctx, noun)
            if own is not None:
                return None
            return Found([owner], slug(found), "measure:conjoined-count")
    return None


def appositive_of(ctx: DocContext, num: Token, local: Local) -> Found | None:
    """ "The Guild of Brewers, a lobby group of about 70 firms": a count inside an apposition
    that describes a named organisation is that organisation's (its members, its units)."""
    noun = num.head
    if num.dep_ != "nummod" or noun.pos_ != "NOUN" or noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return None
    described = noun.head.head
    if described.dep_ != "appos" or described.pos_ != "NOUN":
        return None
    m = ctx.mention_at(described.head)
    if m is None or ctx.entity_type(m.entity_id) != "organization":
        return None
    found, own = measure_words(ctx, noun)
    if own is not None or not found:
        return None
    return Found([m.entity_id], slug(found), "measure:appositive-of")


# -- ratios -----------------------------------------------------------------------------------


def _ratio_at(doc, i: int) -> tuple[float, int] | None:  # noqa: ANN001
    """The ratio a "twice" or "N times" at token ``i`` states, and its first token."""
    tok = doc[i]
    if tok.lower_ == "twice":
        return 2.0, i
    if tok.lower_ != "times":
        return None
    for k in range(max(0, i - 5), i):
        text = doc[k:i].text
        value = parse_number(text)
        if value is None and text.lower().endswith(" and a half"):
            whole = parse_number(text[: -len(" and a half")])
            value = whole + 0.5 if whole is not None else None  # "two and a half times"
        if value is not None and 1 < value < 100:
            return value, k
    return None


def ratios(ctx: DocContext, sent: Span, local: Local) -> None:
    """ "about 6.6 jobs per 1,000 inhabitants, twice Latvia's 3.2", "€2,900 per inhabitant,
    more than six times the Latvian figure", "from $1,050 in Minsk to €2,450 in Tallinn,
    nearly two and a half times as much": the ratio of the figure just before, its owner's."""
    doc = ctx.doc
    for tok in sent:
        found = _ratio_at(doc, tok.i)
        if found is None:
            continue
        value, first = found
        before = [e for e in local.emitted if e[0] < first]
        if not before or first - before[-1][0] > 8:
            continue
        prev = doc[first - 1] if first > sent.start else None
        if prev is None or not (
            prev.text == "," or prev.lower_ in ("than", "nearly", "almost", "about", "some")
        ):
            continue
        k = first - 1
        while k > sent.start and doc[k].lower_ in (
            "more",
            "than",
            "nearly",
            "almost",
            "about",
            "some",
            "roughly",
        ):
            k -= 1
        if doc[k].text != ",":
            continue
        after = doc[tok.i + 1 : min(sent.end, tok.i + 4)]
        if any(t.tag_ == "PRP$" or t.text.isdigit() and len(t.text) == 4 for t in after):
            continue  # "three times their 2015 level": a change over time, not a comparison
        owner = before[-1][1]
        if ctx.entity_type(owner) not in ("place", "organization", "product") or not proper_entity(
            ctx, owner
        ):
            continue
        hedge = doc[k + 1 : first]
        comparator = ">" if any(t.lower_ == "more" for t in hedge) else "~" if len(hedge) else "="
        _, owner, measure, time = before[-1]
        q = Quantity(
            value,
            "ratio",
            comparator,
            value if comparator == ">" else None,
            None,
            doc[k + 1 : tok.i + 1].text,
        )
        emit_measure(ctx, [owner], q, f"ratio_times_{measure}", time, tok, "measure:ratio", 0.6, {})
