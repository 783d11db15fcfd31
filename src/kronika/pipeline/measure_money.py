"""Measures in money: prices, valuations, values and targets.

- a deal: "X acquired Y for $2 billion", "Microsoft paid $8.5 billion for it", "completed the
  acquisition of Y for an enterprise value of €881 million", "Y was bought by funds advised by
  A for $3.25 billion", "Y was valued at $13 billion" (``acquisition_price``, ``valuation``);
  a generic definition ("startups valued at $1 billion or more") prices nobody;
- a value noun: "a valuation above $1 billion", "revenue of $3 billion", "turnover of up to
  GEL 500,000" (a bound below is a ``limit``), "services worth $300 million" (the verb's
  measure, ``exports``);
- a target: "raising the country's exports of IT services to $1 billion by 2026"
  (``exports_target``).
"""

from __future__ import annotations

from spacy.tokens import Token

from kronika.models import TimeSpan
from kronika.pipeline.context import DocContext, QuantityHit, governing_verb
from kronika.pipeline.grammar import active_subject, children, is_passive, passive_subject, preps
from kronika.pipeline.measure_names import (
    DEAL_NOUNS,
    DEAL_VERBS,
    VALUE_NOUNS,
    VERB_MEASURES,
    measure_words,
    measure_words_plain,
    proper_entity,
    slug,
)
from kronika.pipeline.measure_owners import Found, Local, as_holder, clause_holder, intro_owner, is_fragment

#: Nouns for a part of a company's equity, priced for its buyer.
STAKE_NOUNS = frozenset(["stake", "holding", "shareholding"])


def _deal_prep(num: Token) -> Token | None:
    """The "for"/"at" a price hangs on: "for $2 billion", "for an enterprise value of €881 million"."""
    head = num.head
    if num.dep_ == "pobj" and head.lower_ in ("for", "at"):
        return head
    if num.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_ in VALUE_NOUNS:
        value = head.head
        if value.dep_ == "pobj" and value.head.lower_ in ("for", "at"):
            return value.head
    return None


#: Verbs that announce a deal not yet done: "has agreed to buy", "plans to acquire".
AGREE_VERBS = frozenset(["agree", "plan", "intend", "announce", "offer", "sign"])


def _agreed_time(ctx: DocContext, verb: Token) -> TimeSpan | None:
    """A deal a dated item says was just agreed ("said on Wednesday that it had agreed to buy X
    for €9.5 million"), with no time of its own, holds when the item was published (not at a
    time another clause of the sentence gives)."""
    view = ctx.sent
    if ctx.doc_date is None or view is None or verb.dep_ != "xcomp" or verb.head.lemma_ not in AGREE_VERBS:
        return None
    if any(governing_verb(ctx.doc[t.start]).i in (verb.i, verb.head.i) for t in view.times):
        return None
    said = verb.head
    while said.dep_ == "conj" and said.head.i != said.i:
        said = said.head  # "that its revenue rose ..., and that it had agreed to buy"
    said = said.head if said.dep_ == "ccomp" else said
    for t in view.times:
        if said.i != verb.head.i and governing_verb(ctx.doc[t.start]).i == said.i:
            return t.span  # "said on Wednesday that it had agreed to buy"
    day = ctx.doc_date.isoformat()
    return TimeSpan(day, day, "day", "as of publication")


def _named_in(ctx: DocContext, noun: Token) -> list[str]:
    """The entities named inside a noun phrase ("the investment group Belinvestholding")."""
    found: list[str] = []
    for t in noun.subtree:
        m = ctx.mention_at(t)
        if m is not None and m.entity_id not in found:
            found.append(m.entity_id)
    return found


def deal(ctx: DocContext, num: Token, local: Local) -> Found | None:
    """A price or valuation: "X acquired Y for $2 billion", "Y was valued at $13 billion"."""
    if num.dep_ == "dobj" and num.head.lemma_ == "pay":
        # "Microsoft, which paid $8.5 billion for it"
        for p in num.head.children:
            if p.dep_ in ("prep", "dative") and p.lower_ == "for":
                things = [e for o in children(p, "pobj") for e in ctx.resolve(o, nominal=False)]
                things = [t for t in things if ctx.entity_type(t) in ("organization", "product")]
                if things:
                    return Found(things[:1], "acquisition_price", "measure:pay-for")
        return None
    prep = _deal_prep(num)
    if prep is None:
        return None
    verb = prep.head
    if ctx.mention_at(verb) is not None and verb.pos_ == "VERB":
        # "sold to the investment group Belinvestholding for BYN 6.8 million": a name the
        # parser took for a verb; the price is the clause's above it
        up = verb.head
        while up.pos_ != "VERB" and up.head.i != up.i:
            up = up.head
        verb = up
    while (
        verb.pos_ in ("NOUN", "PROPN") and verb.dep_ in ("appos", "dobj", "pobj") or verb.pos_ == "ADP"
    ) and verb.head.i != verb.i:
        verb = verb.head  # "buy Kodarium, a testing firm in Novi Sad, for €9.5 million": the parser
        # hung "for" on the object's apposition
    if verb.pos_ == "VERB" and verb.lemma_ not in DEAL_VERBS and verb.dep_ == "acl":
        # "bought ... by funds advised by A and B for $3.25 billion": the price is the purchase's
        agent = verb.head.head
        if verb.head.dep_ == "pobj" and agent.dep_ == "agent":
            verb = agent.head
    if verb.pos_ != "VERB":
        return None
    for obj in children(verb, "dobj"):
        kind = obj.lemma_.lower()
        if kind in DEAL_NOUNS:
            # "completed the acquisition of Mall Group for ..."
            things = [e for o in preps(obj, "of") for e in ctx.entities_of(o, nominal=False)]
            things = [t for t in things if ctx.entity_type(t) in ("organization", "product")]
            if things:
                return Found(things[:1], DEAL_NOUNS[kind], f"measure:{kind}-for")
        if kind in STAKE_NOUNS and verb.lemma_ in DEAL_VERBS and not is_passive(verb):
            # "the fund, which bought a 15% stake in 2019 for $5 million": the buyer's price
            who = clause_holder(ctx, obj, local, nominal=False)
            if who and ctx.entity_type(who) in ("organization", "person", "group"):
                return Found([who], "stake_price", "measure:stake-for")
    if verb.lemma_ not in DEAL_VERBS:
        return None
    if is_passive(verb):
        if verb.dep_ == "acl" and verb.head.tag_ in ("NNS", "NNPS") and ctx.mention_at(verb.head) is None:
            return None  # a definition: "startups valued at $1 billion or more"
        things = [t for t in passive_subject(ctx, verb) if proper_entity(ctx, t)]  # not "a block of shares"
    else:
        things = [e for o in children(verb, "dobj") for e in ctx.entities_of(o, nominal=False)]
        if verb.lemma_ in ("raise", "secure", "attract"):
            things = active_subject(ctx, verb)
    things = [t for t in things if ctx.entity_type(t) in ("organization", "product")]
    if things:
        return Found(
            things[:1], DEAL_VERBS[verb.lemma_], f"measure:{verb.lemma_}-for", time=_agreed_time(ctx, verb)
        )
    if verb.lemma_ == "sell":
        # "a block of shares was sold to B for ...": the buyer's price; "A sold its unit to B
        # for ...": the seller's
        if is_passive(verb):
            buyers = [
                e
                for p in verb.children
                if p.lower_ == "to"
                for o in children(p, "pobj")
                for e in [*ctx.resolve(o, nominal=False), *_named_in(ctx, o)]
                if ctx.entity_type(e) == "organization"
            ]
            if buyers:
                return Found(buyers[:1], "acquisition_price", "measure:sold-to-for")
        else:
            sellers = [e for e in active_subject(ctx, verb) if ctx.entity_type(e) == "organization"]
            if sellers:
                return Found(sellers[:1], "sale_price", "measure:sold-for")
    return None


def value_noun(ctx: DocContext, hit: QuantityHit, num: Token, local: Local) -> Found | None:
    """Money beside a value noun: "a valuation above $1 billion", "turnover of up to GEL 500,000",
    "services worth $300 million"."""
    head = num.head
    noun: Token | None = None
    doc = ctx.doc
    if (
        num.dep_ == "pobj"
        and head.dep_ == "prep"
        and head.head.lemma_ in VALUE_NOUNS
        and head.head.pos_ == "NOUN"
    ):
        noun = head.head
    elif num.dep_ in ("appos", "nmod") and head.lemma_ in VALUE_NOUNS:
        noun = head
    elif hit.start >= 2 and doc[hit.start - 1].lower_ == "of" and doc[hit.start - 2].lemma_ in VALUE_NOUNS:
        noun = doc[hit.start - 2]  # a bound the parser hung elsewhere: "turnover of up to GEL 500,000"
    if noun is not None:
        words, owner = measure_words(ctx, noun)
        if hit.quantity.comparator in ("<", "<="):
            words = [*words, "limit"]
        who = (
            as_holder(ctx, owner)
            or clause_holder(ctx, noun, local, nominal=False)
            or (intro_owner(ctx, num, local) if is_fragment(ctx, num) else None)
            or clause_holder(ctx, noun, local)
        )
        return Found([who], slug(words), "measure:value-of") if who else None
    worth = head if head.lower_ == "worth" else (num if num.lower_ == "worth" else None)
    if worth is None:
        return None
    # "exported goods worth $2 billion, the office said": the verb the worth phrase hangs on
    verb = worth.head if worth.head.pos_ == "VERB" else governing_verb(worth)
    if verb.lemma_ not in VERB_MEASURES:
        # a misparse that hangs "worth" on the reporting verb: the measure verb just before the
        # goods it values ("exported goods and services worth $2 billion, the office said")
        verb = _verb_before(worth) or verb
    name = VERB_MEASURES.get(verb.lemma_, slug([verb.lemma_, "value"]))
    market = _buyers_market(ctx, verb)
    if market is not None:
        return market
    who = clause_holder(ctx, worth, local)
    return Found([who], name, "measure:worth") if who else None


#: Buyers named by where they are: "clients in the US bought $151 million worth of services".
BUYER_NOUNS = frozenset(["client", "customer", "buyer", "purchaser", "importer"])


def _buyers_market(ctx: DocContext, verb: Token) -> Found | None:
    """ "Clients in the United States bought $151 million worth of services": the exports to that
    market of whoever the text last gave exports for."""
    if verb.lemma_ not in ("buy", "purchase", "import"):
        return None
    subj = next(iter(children(verb, "nsubj")), None)
    if subj is None or subj.lemma_.lower() not in BUYER_NOUNS:
        return None
    places = [e for o in preps(subj, "in", "from") for e in ctx.resolve(o, nominal=False)]
    places = [e for e in places if ctx.entity_type(e) == "place"]
    exporter = next(
        (
            c.subject
            for c in reversed(ctx.claims)
            if c.predicate == "measure"
            and "export" in (c.measure or "")
            and c.subject not in places
            and ctx.entity_type(c.subject) in ("organization", "policy", "place")
        ),
        None,
    )
    if not places or exporter is None:
        return None
    ent = ctx.table.get(places[0])
    name = slug(["exports", *(ent.name.split() if ent else [])])
    return Found([exporter], name, "measure:market-buyers", market="exports")


def _verb_before(worth: Token) -> Token | None:
    """The measure verb of "exported goods and services worth": back over nouns and "and" only."""
    doc = worth.doc
    for i in range(worth.i - 1, max(worth.sent.start, worth.i - 6) - 1, -1):
        tok = doc[i]
        if tok.lemma_ in VERB_MEASURES and tok.tag_ in ("VBD", "VBN", "VBZ", "VBP"):
            return tok
        if tok.pos_ not in ("NOUN", "PROPN", "CCONJ", "ADJ"):
            return None
    return None


def target(ctx: DocContext, num: Token, local: Local) -> Found | None:
    """ "raising the country's exports of IT services to $1 billion by 2026": a target."""
    head = num.head
    if not (num.dep_ == "pobj" and head.lower_ == "to" and head.head.pos_ == "VERB"):
        return None
    verb = head.head
    objs = children(verb, "dobj")
    if not objs:
        return None
    words, owner = measure_words(ctx, objs[0])
    who = as_holder(ctx, owner) or clause_holder(ctx, verb, local, nominal=False)
    if who is None:
        return None
    goal = verb.tag_ in ("VBG", "VB") and verb.dep_ in ("pcomp", "xcomp", "acl", "advcl")
    return Found([who], slug([*words, "target"] if goal else words), "measure:raise-to")


def money_name(num: Token, verb: Token) -> str:
    """ "paid €61 million in taxes" -> taxes_paid; "brought €200 million in direct economic
    benefit" -> direct_economic_benefit; otherwise the verb's measure (raise -> funding_raised)."""
    for obj in preps(num, "in"):
        if verb.lemma_ == "invest" or any(c.dep_ == "nummod" for c in obj.children):
            break  # "invested €50 million in 30 startups": what it went into, not what it is
        words = measure_words_plain(obj)
        return slug([*words, "paid"] if verb.lemma_ == "pay" else words)
    return VERB_MEASURES.get(verb.lemma_, slug([verb.lemma_]))
