"""Measures in percent: shares, tax rates and changes.

- a share "of" something: "2% of GDP" (``share_of_gdp``, the clause subject's), "35% of which
  are foreign entities", "more than half of its engineers" (the owner's ``share_engineers``),
  "two-thirds of Belarusian IT specialists" (a share of a population), "one in five new
  companies" (20%), and "less than a third of its 2021 level" (a ratio of the subject's amount);
- a rate beside a tax noun: "a 9% tax on distributed profits", "pay 5% personal income tax",
  "a corporate income tax of 0%", "profit tax — normally 15%", "exemption from social tax at
  9.5%", "pays no profit tax" (0%). A rate called normal or standard, or one a regime exempts
  from, is the country's (the document's focus place); the others belong to who pays;
- a change: "grew by roughly 60%", "falling by about 8%", "fell by several thousand"
  (``companies_growth``, ``exports_decline``, ``specialists_decline``).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kronika.models import Quantity, TimeSpan
from kronika.pipeline.context import DocContext, QuantityHit, governing_verb
from kronika.pipeline.grammar import children, preps
from kronika.pipeline.measure_money import STAKE_NOUNS
from kronika.pipeline.measure_names import (
    AMOUNT_NOUNS,
    CHANGE_VERBS,
    MEMBER_LEMMAS,
    NATIONAL_MEASURES,
    PEOPLE_NOUNS,
    TAX_NOUNS,
    VERB_MEASURES,
    measure_words,
    measure_words_plain,
    proper_entity,
    share_words,
    slug,
    tax_words,
    verb_words,
)
from kronika.pipeline.measure_owners import (
    PRONOUNS,
    Found,
    Local,
    as_holder,
    carry,
    clause_holder,
    clause_subject,
    company_owner,
    emit_measure,
    holder,
    intro_owner,
    is_fragment,
    last_owner,
    measure_time,
    members_owner,
    named_up,
    owner_from_context,
    phrase_owner,
    topic,
)
from kronika.pipeline.tokens import span_tokens

AGGREGATES = frozenset(
    [
        "gdp",
        "economy",
        "export",
        "exports",
        "revenue",
        "revenues",
        "budget",
        "market",
        "output",
        "sales",
        "turnover",
        "profit",
        "profits",
        "income",
        "trade",
        "imports",
        "investment",
        "spending",
        "service",
        "services",
    ]
)
#: Transitive verbs of change, with the direction of the change of their object.
CHANGE_OBJECT_VERBS: dict[str, str] = {
    "cut": "decline",
    "reduce": "decline",
    "lower": "decline",
    "halve": "decline",
    "shrink": "decline",
    "boost": "growth",
    "raise": "growth",
    "increase": "growth",
    "lift": "growth",
    "double": "growth",
    "triple": "growth",
    "expand": "growth",
}
STANDARD_WORDS = frozenset(["normally", "usually", "standard", "normal", "usual", "regular", "otherwise"])


#: Verbs of a multiple: "doubled" is a change of +100%.
MULTIPLE_VERBS = {"double": 100.0, "triple": 200.0, "treble": 200.0, "quadruple": 300.0}
_SMALL_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10, "a": 1}


def multiples(ctx: DocContext, sent: Span, local: Local) -> None:
    """ "the number of residents has doubled since 2019", "Rents in the centre doubled", "expects the
    number of residents to at least double within two years": a change of 100% (200%, 300%) of
    the measure the verb's subject names, for its owner."""
    for verb in span_tokens(sent):
        pct = MULTIPLE_VERBS.get(verb.lemma_.lower())
        if pct is None or verb.pos_ != "VERB":
            continue
        subj = next(iter(children(verb, "nsubj", "nsubjpass")), None)
        if subj is None and verb.dep_ in ("xcomp", "pcomp", "ccomp"):
            # "expects the number of residents ... to double": the raising verb's object
            up = verb.head.head if verb.head.pos_ == "ADP" else verb.head
            subj = next(iter(children(up, "dobj")), None)
        if subj is None or subj.pos_ != "NOUN":
            continue
        words, owner = measure_words(ctx, subj)
        who = as_holder(ctx, owner)
        if who is None and subj.lemma_ in AMOUNT_NOUNS and _member_count(subj):
            # "according to the X administration, the number of residents ...": X's, else the
            # park's being discussed
            named = [
                m.entity_id
                for m in ctx.mentions
                if sent.start <= m.start < subj.i and ctx.entity_type(m.entity_id) == "organization"
            ]
            who = named[-1] if named else members_owner(ctx, local)
        if who is None and subj.lemma_ not in AMOUNT_NOUNS:
            # "Rents in central Yerevan doubled": the place or organisation the phrase names
            found = [e for o in preps(subj, "in", "at", "of") for e in ctx.resolve(o, nominal=False)]
            found = [e for e in found if ctx.entity_type(e) in ("place", "organization", "policy")]
            who = found[0] if found and subj.tag_ == "NNS" else None
        if who is None or not words:
            continue
        hedge = any(t.lower_ == "least" for t in verb.children) or any(
            t.lower_ == "least" for c in verb.children for t in c.children
        )
        q = Quantity(pct, "percent", ">=" if hedge else "=", pct if hedge else None, None, verb.text)
        time = _within(ctx, verb) or measure_time(ctx, verb)
        name = slug([*words, "growth"])
        emit_measure(ctx, [who], q, name, time, verb, "measure:multiple", 0.6, {})


def _member_count(tok: Token) -> bool:
    of = preps(tok, "of")
    return bool(of) and of[0].lemma_ in ("resident", "member", "participant", "company", "startup")


def _within(ctx: DocContext, verb: Token) -> TimeSpan | None:
    """ "to double within two years" (a forecast): from now until the document's year plus two."""
    if ctx.doc_date is None:
        return None
    for obj in preps(verb, "within", "in"):
        if obj.lemma_ != "year":
            continue
        num = next((c for c in obj.children if c.dep_ == "nummod"), None)
        if num is None:
            continue
        n = _SMALL_NUMBERS.get(num.lower_)
        if n is None and num.text.isdigit():
            n = int(num.text)
        if n:
            end = ctx.doc_date.year + n
            return TimeSpan(
                None, f"{end}-12-31", "approximate", f"{verb.text} {obj.head.text} {num.text} years"
            )
    return None


def zero_rates(ctx: DocContext, sent: Span, local: Local) -> None:
    """ "pays no profit tax", "are exempt from value added tax": a rate of 0%."""
    for tok in span_tokens(sent):
        if tok.lower_ == "exempt" and tok.pos_ in ("ADJ", "VERB"):
            for tax in preps(tok, "from"):
                if tax.lemma_.lower() not in TAX_NOUNS:
                    continue
                owner = named_up(ctx, tok, local)
                if owner:
                    q = Quantity(0.0, "percent", "=", None, None, f"exempt from {tax.text}")
                    name = slug(tax_words(tax))
                    emit_measure(
                        ctx, [owner], q, name, measure_time(ctx, tax), tax, "measure:exempt", 0.6, {}
                    )
        if tok.lower_ != "no" or tok.dep_ != "det" or tok.head.lemma_.lower() not in TAX_NOUNS:
            continue
        tax = tok.head
        if tax.dep_ != "dobj" or tax.head.lemma_ not in ("pay", "charge", "levy"):
            continue
        owner = named_up(ctx, tax, local)
        if owner:
            q = Quantity(0.0, "percent", "=", None, None, f"no {tax.text}")
            emit_measure(
                ctx, [owner], q, slug(tax_words(tax)), measure_time(ctx, tax), tax, "measure:no-tax", 0.6, {}
            )


#: Verbs that take a stake: "buy the remaining 20%", "owns 35% of X".
STAKE_VERBS = frozenset(["buy", "acquire", "purchase", "sell", "take", "hold", "own", "retain", "keep"])
#: Nouns for a future right to a deal: "an option to buy the remaining 20%".
RIGHT_NOUNS = frozenset(["option", "right", "plan", "agreement", "intention", "deal"])


def stake_noun(num: Token) -> Token | None:
    """The stake noun a percent modifies: "an 80% stake" (80 -> % -> stake)."""
    cur = num
    for _ in range(3):
        if cur.dep_ not in ("nummod", "compound", "quantmod", "amod") or cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.lemma_.lower() in STAKE_NOUNS and cur.pos_ == "NOUN":
            return cur
    return None


def _stake_verb(num: Token) -> Token | None:
    """ "has an option to buy the remaining 20%", "owns 35%": a percent that is a taking verb's
    object, with no "of" after it (a share of something else)."""
    cur = num.head if num.head.text == "%" and num.dep_ in ("nummod", "compound") else num
    if cur.dep_ != "dobj" or cur.head.lemma_ not in STAKE_VERBS or preps(cur, "of"):
        return None
    return cur.head


def stake(ctx: DocContext, num: Token, local: Local) -> Found | None:
    """A stake: "X will pay $112 million for an 80% stake" (X's ``stake``), "the fund, which
    bought a 15% stake in 2019", "has an option to buy the remaining 20%" (``remaining_stake``)."""
    noun = stake_noun(num)
    verb = _stake_verb(num) if noun is None else None
    if noun is None and verb is None:
        return None
    phrase = noun if noun is not None else num.head if num.head.text == "%" else num
    if verb is None:
        verb = governing_verb(phrase)
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in RIGHT_NOUNS:
        who = clause_holder(ctx, verb.head, local, nominal=False)  # the holder of the option
    else:
        who = clause_holder(ctx, phrase, local, nominal=False)
    if who is None and noun is not None:
        # "a 15% stake in X changed hands": the company the stake is in
        who = next((e for o in preps(noun, "in") for e in ctx.resolve(o, nominal=False)), None)
    if who is None or ctx.entity_type(who) not in ("organization", "person", "group"):
        return None
    remaining = any(c.lower_ in ("remaining", "rest", "outstanding") for c in phrase.children)
    return Found([who], "remaining_stake" if remaining else "stake", "measure:stake")


def share(ctx: DocContext, sent: Span, num: Token, local: Local) -> Found | None:
    """A percent or fraction "of" something (or "one in N" of a population)."""
    of = preps(num, "of")
    if not of:
        # "more than two-thirds of them", with "of" hung on the fraction word
        of = [o for c in num.children if c.dep_ in ("quantmod", "compound") for o in preps(c, "of")]
    if not of and num.lower_ in NUMERATORS:
        of = [t for t in preps(num, "in") if not t.like_num]
        of += [
            t for o in children(num, "prep") if o.lower_ == "out" for t in preps(o, "of") if not t.like_num
        ]
        if num.dep_ == "quantmod" and num.head.dep_ == "nummod" and num.head.head.pos_ == "NOUN":
            of = [num.head.head]  # "one in four software engineers", parsed as one number
        if not of and local.last_population:
            # "..., while around one in twenty served in the armed forces": the same population
            what = verb_words(governing_verb(num))
            return Found(local.last_population[:1], slug(["share", *what]), "measure:share-of-population")
    if not of:
        return None
    target = of[0]
    pronoun = target.lower_ in ("them", "whom", "these", "those")
    if pronoun or target.lower_ == "which" and num.dep_ != "nsubj":
        found = _share_of_counted(ctx, num, target, local)
        if found is not None:
            return found
    if target.lower_ == "which":
        # "35% of which are foreign entities": a share of the antecedent
        clause = num.head
        antecedent = clause.head if clause.dep_ == "relcl" else None
        attr = children(clause, "attr", "acomp")
        subj = local.owners.get(antecedent.i) if antecedent is not None else None
        if subj is None:
            return None
        what = measure_words(ctx, attr[0])[0] if attr else []
        return Found([subj], slug(["share", *what]), "measure:share-of-which")
    words, owner = measure_words(ctx, target)
    if target.lemma_ in AMOUNT_NOUNS:
        # "the number of open vacancies was less than a third of its 2021 level": a ratio
        subj_tok = clause_subject(num)
        if subj_tok is None or subj_tok.lemma_ not in AMOUNT_NOUNS:
            return None
        what, inner = measure_words(ctx, subj_tok)
        who = as_holder(ctx, inner) or ctx.focus or last_owner(ctx, local)
        return Found([who], slug([*what, "ratio"]), "measure:ratio") if who else None
    national = is_gdp(target)
    if national or target.lemma_.lower() in AGGREGATES or target.lower_ in AGGREGATES:
        # "2% of GDP", "a third of all service exports", "two-thirds of that revenue"
        who = (
            clause_holder(ctx, num, local, nominal=False)
            or owner_from_context(ctx, sent, num)
            or last_owner(ctx, local)
            or clause_holder(ctx, num, local)
        )
        if national and ctx.focus and (who is None or ctx.entity_type(who) not in ("place", "organization")):
            # a share of GDP is a country's or a contributing organisation's, not a sector's
            who = ctx.focus
        name = "share_of_gdp" if national else slug(["share_of", *words])
        market = _market_share_owner(ctx, num, who, local) if who and not national else None
        if market is not None:
            # "Europe remained the largest market, taking about 49% of exports": the exporter's
            # share, named by the market
            ent = ctx.table.get(who) if who else None
            return Found(
                [market],
                slug(["share_of", *words, *(ent.name.split() if ent else [])]),
                "measure:market-share",
                market=slug(["share_of", *words]),
            )
        return Found([who], name, "measure:share-of") if who else None
    if owner and target.pos_ == "NOUN" and any(c.dep_ == "poss" for c in target.children):
        # "more than half of its engineers": the owner's share
        who = as_holder(ctx, owner)
        if any(c.dep_ == "poss" and c.lower_ == "their" for c in target.children):
            # "residents ... shield up to half of their staff": the plural subject's
            who = holder(ctx, target, local) or who
        if who:
            return Found([who], slug(["share", *words]), "measure:share-of-owned")
    verb = governing_verb(num)
    if target.lower_ == "shares" and verb.dep_ == "relcl":
        # "OJSC X, in which the state held 98% of the shares": a stake in the antecedent, named
        # by its holder
        which = [
            o for p in verb.children if p.dep_ == "prep" for o in children(p, "pobj") if o.lower_ == "which"
        ]
        company = holder(ctx, verb.head, local, nominal=False) if which else None
        if company and ctx.entity_type(company) == "organization":
            subj = clause_subject(num)
            who = measure_words_plain(subj) if subj is not None and subj.lower_ not in PRONOUNS else []
            return Found([company], slug(["stake", *who]), "measure:stake-in")
    if verb.lemma_ in PART_VERBS and not pronoun:
        # "Minsk accounts for about 80% of all IT jobs", "Tver makes up 12% of the total": the
        # named subject's share of the whole (the name right before the verb when the parser
        # lost the subject)
        subj = clause_subject(num)
        if subj is None and verb.i > 0 and ctx.mention_at(ctx.doc[verb.i - 1]) is not None:
            subj = ctx.doc[verb.i - 1]
        m = ctx.mention_at(subj) if subj is not None else None
        whole = m is not None and ctx.entity_type(m.entity_id) in ("place", "organization")
        if m is not None and whole and proper_entity(ctx, m.entity_id):
            return Found([m.entity_id], slug(["share_of", *words]), "measure:share-of-whole")
    if (
        not owner
        and target.lower_ in ("employees", "workers", "jobs", "people")
        and any(c.dep_ == "det" and c.lower_ == "all" for c in target.children)
        and ctx.focus
        and ctx.entity_type(ctx.focus) == "place"
    ):
        # "110,000 people worked in ICT, about 2.5% of all employees": of the country's
        return Found([ctx.focus], slug(["share_of", *words]), "measure:share-of-all")
    # a share of a population: "two-thirds of Belarusian IT specialists"
    pop = ctx.entities_of(target)
    if pop:
        local.last_population = pop[:1]
        what = share_words(num) or verb_words(governing_verb(num)) or ["share"]
        return Found(pop[:1], slug(["share", *what]), "measure:share-of-population")
    return None


#: Numerators of "one in five", "nine in ten", "four out of five".
NUMERATORS = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
        "9",
    ]
)
#: Verbs of a part's share of a whole: "accounts for 80% of", "makes up 12% of", "hosts 60% of".
PART_VERBS = frozenset(["account", "make", "represent", "constitute", "comprise", "host", "contribute"])
#: Nouns for the countries of a bloc as a market: "the countries of the CIS accounted for 7%".
MARKET_NOUNS = frozenset(["country", "state", "region", "market", "economy", "nation"])


def market_continued(ctx: DocContext, num: Token, family: str, local: Local) -> Found | None:
    """After a market's part of an exporter's sales ("Europe took 49% of exports", "clients in
    the US bought $151 million worth"), another market's part of the same measure: "followed by
    North America with 43%", "and the CIS countries with $69 million", and in the next sentence
    "The countries of the CIS accounted for around 7%"."""
    state = carry(ctx)
    view = ctx.sent
    if state.market is None or view is None:
        return None
    kind, base, owner, index, time = state.market
    if kind != family or not 0 <= view.index - index <= 1:
        return None
    places: list[Token] = []
    if num.dep_ == "pobj" and num.head.lower_ == "with":
        above = num.head.head
        if above.lemma_ == "follow" and above.pos_ == "VERB":
            places = [o for a in above.children if a.dep_ == "agent" for o in children(a, "pobj")]
            places += [c for p in places for c in p.conjuncts]
        elif above.pos_ in ("NOUN", "PROPN") and index == view.index and above.i < num.i:
            places = [above]  # "..., and the countries of the CIS with $69 million"
    elif (
        family == "percent"
        and num.dep_ == "pobj"
        and num.head.lower_ == "for"
        and num.head.head.lemma_ == "account"
        and not preps(num, "of")
    ):
        subj = clause_subject(num)
        if subj is not None and (
            subj.lemma_.lower() in MARKET_NOUNS
            or any(ctx.entity_type(e) == "place" for e in ctx.resolve(subj, nominal=False))
        ):
            places = [subj]
    names: list[str] = []
    for p in places:
        found = ctx.resolve(p, nominal=False) or [
            e for o in preps(p, "of") for e in ctx.resolve(o, nominal=False)
        ]
        found = [e for e in found if ctx.entity_type(e) in ("place", "organization") and e != owner]
        if found:
            names += ctx.table.get(found[0]).name.split()  # type: ignore[union-attr]
    if not names:
        return None
    return Found([owner], slug([base, *names]), "measure:market-continued", time=time, market=base)


def _market_share_owner(ctx: DocContext, num: Token, who: str, local: Local) -> str | None:
    """When a place is the clause's subject ("Europe took 49% of exports"), the share is of the
    exports of whoever the last measures were about (a company, a park, a country)."""
    if ctx.entity_type(who) != "place":
        return None
    subj = clause_subject(num)
    if subj is None or who not in ctx.resolve(subj, nominal=False):
        return None
    owner = last_owner(ctx, local)
    return owner if owner is not None and owner != who else None


def national_words(words: list[str]) -> bool:
    """A measure of a whole economy ("export revenue", "IT exports", "GDP"): a country's."""
    return any(w.lower() in NATIONAL_MEASURES for w in words)


def is_gdp(noun: Token) -> bool:
    """ "GDP", "gross domestic product": the economy of a country."""
    text = " ".join(t.lower_ for t in noun.subtree if t.i <= noun.i)
    return noun.lower_ in ("gdp", "gnp") or "domestic product" in text


def _share_of_counted(ctx: DocContext, num: Token, pron: Token, local: Local) -> Found | None:
    """ "500 employees, roughly half of them in Minsk", "2,500 lecturers, nearly two-thirds of
    whom hold doctoral degrees": a share of the count just made, for the same owner, named by
    what the share has or where it is."""
    counted = local.last_counted
    owner = local.owners.get(counted.i) if counted is not None else None
    if counted is None or owner is None:
        # "The company has about 140 employees. Roughly a third of them work in Minsk": a share
        # of the previous sentence's count, for its owner
        view = ctx.sent
        prev = ctx.last_measure
        if (
            pron.lower_ in ("them", "these", "those")
            and local.last_measure is None
            and view is not None
            and prev is not None
            and prev[2] == view.index - 1
            and prev[0]
            and ctx.entity_type(prev[0][0]) in ("organization", "place", "policy")
        ):
            what = verb_words(governing_verb(num))
            return Found(prev[0][:1], slug(["share", prev[1], *what]), "measure:share-of-count")
        return None
    what = measure_words_plain(counted)
    verb = num.head if num.dep_ in ("nsubj", "nsubjpass") and pron.lower_ in ("whom", "which") else None
    appos = [c for c in num.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if verb is not None and verb.pos_ in ("VERB", "AUX"):
        # "of whom hold doctoral degrees": what the share does or has
        what = [verb.lemma_, *(w for o in children(verb, "dobj", "attr") for w in measure_words_plain(o))]
    elif appos:
        what = measure_words_plain(appos[0])  # "about half of them academic staff"
    else:
        for p in num.children:
            if p.dep_ == "prep" and p.lower_ in ("in", "at", "from", "outside", "abroad"):
                what = [*what, p.lower_, *(o.text for o in children(p, "pobj"))]
    return Found([owner], slug(["share", *what]), "measure:share-of-count")


def _tax_noun(ctx: DocContext, hit: QuantityHit, num: Token) -> Token | None:
    """The tax noun a percent is the rate of: up the parse, else just to its left."""
    cur = num
    for _ in range(4):
        if cur.i != num.i and cur.pos_ in ("NOUN", "PROPN") and cur.lemma_.lower() in TAX_NOUNS:
            return cur
        if cur.dep_ not in (
            "nmod",
            "compound",
            "amod",
            "nummod",
            "appos",
            "conj",
            "pobj",
            "prep",
            "quantmod",
        ):
            break
        cur = cur.head
    # "corporate income tax (CIT), normally charged at 20%", "social tax at 9.5%"
    for i in range(hit.start - 1, max(ctx.sent_span(num).start, hit.start - 8) - 1, -1):
        t = ctx.doc[i]
        if t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in TAX_NOUNS:
            return t
        if t.text in (";", ":") or t.like_num:
            return None
        skip = t.is_punct or t.lower_ in ("at", "of", "charged", "levied", "set", "is", "was", "normally")
        if not skip and not (t.pos_ == "PROPN" and t.is_upper):  # an acronym: "(CIT)"
            return None
    return None


def rate(ctx: DocContext, hit: QuantityHit, num: Token, local: Local) -> Found | None:
    """A percent beside a tax noun is that tax's rate."""
    tax = _tax_noun(ctx, hit, num)
    if tax is None:
        return None
    before = ctx.doc[max(ctx.sent_span(num).start, hit.start - 4) : hit.start]
    window = [*before, *tax.lefts, *num.children]
    standard = (
        any(t.lower_ in STANDARD_WORDS for t in window)
        or any(t.lower_ in ("instead", "place") for t in before)
        # "exemption from corporate income tax (CIT) at 20%": the rate one is exempt from
        or tax.head.lower_ == "from"
        and any(t.lemma_.lower() in ("exemption", "exempt") for t in tax.ancestors)
    )
    name = slug(tax_words(tax))
    if name == "rate":
        # "the standard rate of 15%": the rate of the tax the sentence is about
        others = [
            t
            for t in ctx.sent_span(num)
            if t.lemma_.lower() in TAX_NOUNS and t.lemma_ != "rate" and t.i < num.i
        ]
        name = slug(tax_words(others[-1])) if others else name
    if standard:
        # the normal rate is the country's: "pays no profit tax — normally 15%"; without a
        # country it is nobody's (an empty owner list stops the other frames)
        return Found([ctx.focus] if ctx.focus else [], name, "measure:standard-rate", {"standard": True})
    who = (
        (intro_owner(ctx, num, local) if is_fragment(ctx, num) else None)
        or _members_terms(ctx, num, local)
        or named_up(ctx, tax, local)
        or owner_from_context(ctx, ctx.sent_span(num), num)
        or topic(ctx)
    )
    return Found([who], name, "measure:tax-rate") if who else None


def _members_terms(ctx: DocContext, num: Token, local: Local) -> str | None:
    """A levy in a clause about the terms "for residents" (bare members, no owner named in the
    clause): the park's or regime's whose residents they are."""
    sent = ctx.sent_span(num)
    for t in sent:
        if (
            t.lemma_ in MEMBER_LEMMAS
            and t.tag_ == "NNS"
            and t.dep_ == "pobj"
            and t.head.lower_ == "for"
            and not any(c.dep_ in ("poss", "compound", "amod", "det") for c in t.children)
            and not any(ctx.mention_at(c) is not None for c in t.subtree)
        ):
            return members_owner(ctx, local)
    return None


def change(ctx: DocContext, num: Token, local: Local) -> Found | None:
    """ "grew by roughly 60%", "before falling by about 8%": a change of the subject's measure;
    "cut exports by a fifth": of the object's."""
    prep = num.head
    if not (num.dep_ == "pobj" and prep.lower_ == "by"):
        return None
    verb = prep.head
    obj = next((o for o in children(verb, "dobj") if o.pos_ == "NOUN"), None)
    if verb.lemma_ in CHANGE_OBJECT_VERBS and obj is not None:
        # a transitive change: the object is what changed
        words, owner = measure_words(ctx, obj)
        who = as_holder(ctx, owner) or phrase_owner(ctx, _inner(obj)) or _place_of(ctx, _inner(obj))
        if who is None and national_words(words):
            who = ctx.focus
        who = who or owner_from_context(ctx, ctx.sent_span(num), num) or topic(ctx)
        name = slug([*words, CHANGE_OBJECT_VERBS[verb.lemma_]])
        return Found([who], name, "measure:change", base=slug(words)) if who else None
    if verb.lemma_ not in CHANGE_VERBS:
        return None
    direction = CHANGE_VERBS[verb.lemma_]
    subj = clause_subject(verb)
    if subj is None or subj.lower_ in PRONOUNS:
        if local.last_measure and local.last_holder:
            return Found([local.last_holder], f"{local.last_measure}_{direction}", "measure:change")
        return None
    words, owner = measure_words(ctx, subj)
    who = as_holder(ctx, owner) or phrase_owner(ctx, _inner(subj)) or _place_of(ctx, _inner(subj))
    if who is None and subj.lemma_ in AMOUNT_NOUNS:
        # "the number of people they employ dropped by a fifth": the employees of whoever "they" are
        inner = _inner(subj)
        for rel in children(inner, "relcl") if inner is not subj else []:
            for s in children(rel, "nsubj"):
                found = holder(ctx, s, local, nominal=False)
                if found:
                    who = found
                    if inner.lower_ in PEOPLE_NOUNS:
                        words = [VERB_MEASURES.get(rel.lemma_, rel.lemma_)]
    counted = [_inner(subj), *children(_inner(subj), "dobj")]  # "the number of exporting residents"
    if who is None and any(c.lemma_ in MEMBER_LEMMAS and not preps(c, "in") for c in counted):
        who = members_owner(ctx, local)  # "the number of exporting residents grew by half": the park's
    if who is None:
        who = company_owner(ctx, local, subj)  # "Revenue rose by 22%": the company's
    if who is None and subj.lemma_ not in AMOUNT_NOUNS:
        who = holder(ctx, subj, local, nominal=False)
    if who is None and national_words(words) and ctx.focus:
        who = ctx.focus  # a country's exports, when the text is about one
    who = who or owner_from_context(ctx, ctx.sent_span(num), num) or topic(ctx)
    return Found([who], slug([*words, direction]), "measure:change", base=slug(words)) if who else None


def _place_of(ctx: DocContext, noun: Token) -> str | None:
    """ "the number of IT specialists in Belarus": Belarus's."""
    for obj in preps(noun, "in"):
        found = ctx.resolve(obj, nominal=False)
        if found and ctx.entity_type(found[0]) == "place":
            return found[0]
    return None


def _inner(tok: Token) -> Token:
    """ "the number of companies" -> "companies"."""
    if tok.lemma_ in AMOUNT_NOUNS:
        of = preps(tok, "of")
        if of:
            return of[0]
    return tok
