"""Measure names: what a quantity counts, as a short snake_case noun.

The name comes from the words of the phrase the number belongs to ("export revenue",
"resident companies", "personal income tax rate"), and, when those words say little
("people", "worth"), from the verb that governs them ("employ" 25,000 people -> ``employees``,
"exported" $300 million worth -> ``exports``). The word lists here are word classes (amount
nouns, tax nouns, change verbs), not the words of any one text.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from kronika.pipeline.context import DocContext
from kronika.pipeline.grammar import children, preps


def words(spaced: str) -> list[str]:
    """A word list written as one string, to keep vocabulary tables short."""
    return spaced.split()


DROP_MODIFIERS = frozenset(
    words(
        "reduced new record total overall current such other key more than over about the a an its "
        "their his her our this that these those some many several numerous around almost nearly "
        "approximately roughly estimated just only latest first last standard normal usual general "
        "combined own annual yearly all"
    )
)
#: Nouns that stand for an amount of what their "of" phrase names ("the number of residents").
AMOUNT_NOUNS = frozenset(["number", "amount", "total", "count", "volume", "figure", "level", "size", "value"])
#: Nouns that are themselves a measure of whoever owns them ("revenue rose to $4.8 billion").
OWNED_MEASURES = frozenset(
    words(
        "revenue revenues sales turnover profit profits income exports export valuation headcount "
        "workforce staff payroll investment investments funding budget output earnings losses loss "
        "debt capitalization capitalisation users customers clients subscribers downloads benefit "
        "benefits spending"
    )
)
#: Measures of a company's books and staff: without an owner in the phrase, the organisation
#: being discussed ("Revenue rose by 22% in 2022"), never a place.
COMPANY_MEASURES = frozenset(
    words("revenue revenues sales turnover profit profits earnings ebitda headcount workforce staff payroll")
)
#: Measures of a whole economy: without an owner in the phrase, the country the text is about.
NATIONAL_MEASURES = frozenset(words("export exports import imports gdp trade"))
#: Nouns naming a levy; a percent beside one is its rate.
TAX_NOUNS = frozenset(["tax", "vat", "levy", "duty", "fee", "royalty", "contribution", "rate"])
#: Nouns for a whole population or market that a count of people measures ("a market of 70 million").
POPULATION_NOUNS = frozenset(["population", "market", "audience", "base", "workforce", "community"])
#: Nouns for a place whose "of N people" phrase is its population ("a country of 1.3 million people").
PLACE_NOUNS = frozenset(["country", "nation", "city", "town", "region", "state", "republic", "capital"])
#: Nouns for the members of a park, programme or regime.
MEMBER_LEMMAS = frozenset(["resident", "participant", "member"])
#: Nouns for people, too vague to name a measure on their own.
PEOPLE_NOUNS = frozenset(["people", "person", "persons", "individuals", "staff", "workers", "employees"])
#: Parts an organisation is made of: "four schools", "five divisions", "its sixth office" are
#: counts worth reading even when small.
UNIT_NOUNS = frozenset(
    words(
        "school faculty college division department institute campus office centre center branch "
        "plant factory subsidiary laboratory lab studio hub"
    )
)
#: Units of time: "within 15 days" is a period, not a count of days.
TIME_UNITS = frozenset(["day", "week", "month", "year", "hour", "minute"])
#: Verbs of change: "grew by 60%" is a change of the subject's measure.
CHANGE_VERBS: dict[str, str] = {
    "grow": "growth",
    "rise": "growth",
    "increase": "growth",
    "climb": "growth",
    "jump": "growth",
    "surge": "growth",
    "soar": "growth",
    "expand": "growth",
    "double": "growth",
    "fall": "decline",
    "decline": "decline",
    "drop": "decline",
    "decrease": "decline",
    "shrink": "decline",
    "slip": "decline",
    "plunge": "decline",
    "contract": "decline",
}
#: Verbs whose object amount is a measure of the subject: "exported $6.8 billion worth of services".
VERB_MEASURES: dict[str, str] = {
    "export": "exports",
    "import": "imports",
    "earn": "earnings",
    "generate": "revenue",
    "invest": "investment",
    "spend": "spending",
    "pay": "paid",
    "raise": "funding_raised",
    "secure": "funding_raised",
    "attract": "investment_attracted",
    "employ": "employees",
    "hire": "hires",
    "produce": "output",
    "bring": "contribution",
}
#: Deals: a price "for" an amount ("acquired X for $2 billion", "X was valued at $13 billion").
DEAL_VERBS: dict[str, str] = {
    "acquire": "acquisition_price",
    "buy": "acquisition_price",
    "purchase": "acquisition_price",
    "sell": "sale_price",
    "take": "acquisition_price",
    "value": "valuation",
    "price": "valuation",
    "raise": "funding_raised",
    "secure": "funding_raised",
    "pay": "acquisition_price",
}
#: Event nouns of a deal: "completed the acquisition of X for ..." prices X.
DEAL_NOUNS: dict[str, str] = {
    "acquisition": "acquisition_price",
    "purchase": "acquisition_price",
    "takeover": "acquisition_price",
    "buyout": "acquisition_price",
    "sale": "sale_price",
    "merger": "deal_value",
    "deal": "deal_value",
    "offering": "funding_raised",
    "ipo": "funding_raised",
    "round": "funding_raised",
}
#: Nouns whose amount is a value of their owner: "a valuation above $1 billion".
VALUE_NOUNS = frozenset(
    words(
        "valuation value price revenue revenues turnover sales budget income profit capitalization "
        "capitalisation investment funding pay salary salaries wage wages"
    )
)


def slug(words: list[str]) -> str:
    """snake_case from words ("export revenue" -> "export_revenue")."""
    text = "_".join(w.lower() for w in words if w)
    text = re.sub(r"[^a-z0-9_]+", "_", text)
    return re.sub(r"_+", "_", text).strip("_")


def measure_words(ctx: DocContext, noun: Token) -> tuple[list[str], str | None]:
    """The words naming what a noun counts, and an entity named inside the phrase (its owner).

    "HTP residents" -> (["residents"], HTP); "export revenue" -> (["export", "revenue"], None);
    "the number of HTP residents" -> (["residents"], HTP).
    """
    if noun.lemma_ in AMOUNT_NOUNS:
        of = preps(noun, "of")
        if of and of[0].dep_ == "pcomp" and of[0].pos_ == "VERB":
            # "the number of exporting residents": the verb's object, named with the verb
            for obj in children(of[0], "dobj"):
                words, owner = measure_words(ctx, obj)
                return [of[0].text, *words], owner
        if of:
            return measure_words(ctx, of[0])
    owner: str | None = None
    words: list[str] = []
    for c in noun.lefts:
        if c.dep_ == "poss":
            found = pronoun_referent(ctx, c)
            if the_country(ctx, c):
                found = [ctx.focus] if ctx.focus else []  # the country the text is about
            if found:
                owner = found[0]
            continue
        if c.dep_ not in ("compound", "amod", "nmod"):
            continue
        m = ctx.mention_at(c)
        if m is not None:
            if ctx.entity_type(m.entity_id) != "place" and not is_sector(ctx, m.entity_id):
                owner = m.entity_id
            continue
        for t in c.subtree:
            if t.lower_ in DROP_MODIFIERS or t.like_num or t.is_punct or t.text == "%":
                continue
            if ctx.mention_at(t) is not None:
                continue
            words.append(t.text)
    words.append(noun.text)
    return words, owner


def proper_entity(ctx: DocContext, eid: str) -> bool:
    """An entity the text names with a proper name (or the registry knows), not a common noun
    the recogniser made an entity ("the changes", "reactions")."""
    ent = ctx.table.get(eid)
    if ent is None:
        return False
    if ent.description or ent.type in ("place", "person"):
        return True
    return any(
        m.entity_id == eid and any(t.pos_ == "PROPN" for t in ctx.doc[m.start : m.end]) for m in ctx.mentions
    )


def pronoun_referent(ctx: DocContext, tok: Token) -> list[str]:
    """What a possessive or subject pronoun stands for as an owner: the context's answer, unless
    that is a common-noun thing ("The changes come after two hard years for the Park. Its
    residents' exports fell": not the changes, the Park), then the latest named organisation,
    programme or place."""
    found = ctx.resolve(tok, nominal=False)
    if tok.pos_ != "PRON" or tok.lower_ not in ("its", "it", "their", "they") or not found:
        return found
    if proper_entity(ctx, found[0]):
        return found
    for eid in reversed(ctx.recent[-12:]):
        if ctx.entity_type(eid) in ("organization", "policy", "place") and proper_entity(ctx, eid):
            return [eid]
    return found


def the_country(ctx: DocContext, tok: Token) -> bool:
    """ "the country", "the nation": the country the text is about (its focus), when it is one."""
    dets = [c.lower_ for c in tok.children if c.dep_ == "det"]
    return tok.lower_ in ("country", "nation") and dets == ["the"] and ctx.focus is not None


def is_sector(ctx: DocContext, eid: str) -> bool:
    """An industry or field ("IT", "software") from the registry, not an actor."""
    return ctx.table.registry.field(eid, "kind") == "sector"


def tax_words(noun: Token) -> list[str]:
    """A rate's name from its tax noun: "personal income tax" -> personal_income_tax_rate,
    "a tax on distributed profits" -> distributed_profits_tax_rate."""
    name = measure_words_plain(noun)[:-1]
    if not name:
        on = preps(noun, "on")
        name = measure_words_plain(on[0]) if on else []
    name.append(noun.lemma_ if noun.lemma_ != "vat" else "value_added_tax")
    if noun.lemma_ != "rate":
        name.append("rate")
    return name


def measure_words_plain(noun: Token) -> list[str]:
    """A noun with its adjectives and compounds, without determiners or numbers."""
    words = [
        t.text
        for c in noun.lefts
        if c.dep_ in ("compound", "amod", "nmod")
        for t in c.subtree
        if not (t.like_num or t.is_punct or t.lower_ in DROP_MODIFIERS)
    ]
    return [*words, noun.text]


def verb_words(verb: Token) -> list[str]:
    """What counted things do: "left", "were produced", "are located outside of Minsk"."""
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    words = [verb.text.lower()]
    for p in verb.children:
        if p.dep_ == "prep" and p.lower_ in ("outside", "in", "abroad", "from"):
            pobj = children(p, "pobj") or preps(p, "of")
            if pobj and (pobj[0].like_num or pobj[0].ent_type_ == "DATE"):
                continue  # "in 2022" is a time, not a place
            words.append(p.lower_)
            if pobj:
                words.append(pobj[0].text)
            break
    return words


def share_words(num: Token) -> list[str]:
    """Words for a share: "first choice of destination" from "X became the first choice ... for Q"."""
    prep = num.head
    if prep.dep_ == "prep":
        noun = prep.head
        words = [
            t.text for t in noun.subtree if t.i < prep.i and not t.is_punct and t.lower_ not in DROP_MODIFIERS
        ]
        return words[:5]
    return []


def counted_name(words: list[str], noun: Token, verb: Token | None) -> str:
    """The name of a count of ``noun`` governed by ``verb``: people a verb employs are employees,
    a period "within 15 days" of a verb is that verb's period in days."""
    if verb is not None and verb.pos_ in ("VERB", "AUX"):
        if noun.lemma_ in TIME_UNITS:
            return slug([verb.lemma_, "period", noun.lemma_ + "s"])
        if noun.lower_ in PEOPLE_NOUNS and verb.lemma_ in VERB_MEASURES:
            return VERB_MEASURES[verb.lemma_]
    return slug(words)
