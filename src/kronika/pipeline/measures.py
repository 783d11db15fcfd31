"""Measures: quantities in sentences into ``measure`` claims (subject, what is counted, value, time).

The quantity normaliser finds the numbers; this stage finds what they count and whose they
are, from the dependency parse. Each quantity is tried against frames by its unit:

- percents: shares, tax rates and changes (:mod:`kronika.pipeline.measure_shares`);
- money: prices, valuations, value nouns and targets (:mod:`kronika.pipeline.measure_money`);
- counts, here:

  - a change: "fell by several thousand";
  - a partitive: "thousands of units were produced", "more than 100 of these companies are
    located", "over 300 of them companies with foreign capital", "it moved thousands of
    employees" (the mover's);
  - a count modifying a noun: "over 1,000 resident companies", "16,000 IT specialists left",
    "employed 25,000 people" (``employees``), "granted to 110,000 people from over 170
    countries" (both counts belong to the clause's subject), "a country of 1.3 million people"
    (``population``), "X, with 13 million buyers", "within 15 working days" (a period),
    "200 companies moved ... under the programme" (the programme's), "15,000 companies were
    registered in Georgia" (Georgia's);

- any unit after a verb: "the number of HTP residents surpassed 100", "revenue reached
  $1.8 billion", "startups raised €1.3 billion", "paid €61 million in taxes", "They rose to
  $7.35 billion" (the previous sentence's measure noun: "Exports held up.");
- an elliptical continuation that inherits the last measure of the same unit family:
  "...; by 2016, it exceeded 180; after 2020, more than 400".

Owners and times are found by :mod:`kronika.pipeline.measure_owners`, names by
:mod:`kronika.pipeline.measure_names`.

Notes:
    The frames follow the quantity-to-entity links that MeasEval (SemEval-2021 task 8)
    annotates: a quantity, the measured entity and the measured property, found here from the
    dependency path between the number and the nouns around it.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kronika.models import Quantity, TimeSpan
from kronika.pipeline.context import DocContext, QuantityHit, governing_verb
from kronika.pipeline.entities import noun_class
from kronika.pipeline.grammar import children, preps
from kronika.pipeline.measure_lists import (
    PHYSICAL_UNITS,
    age,
    appositive_of,
    conjoined_count,
    density,
    figure_of,
    is_per_base,
    list_figure,
    other_currency,
    physical,
    place_values,
    ratios,
)
from kronika.pipeline.measure_lists import rate as count_rate
from kronika.pipeline.measure_money import deal, money_name, target, value_noun
from kronika.pipeline.measure_names import (
    AMOUNT_NOUNS,
    MEMBER_LEMMAS,
    OWNED_MEASURES,
    PEOPLE_NOUNS,
    PLACE_NOUNS,
    POPULATION_NOUNS,
    TIME_UNITS,
    UNIT_NOUNS,
    VERB_MEASURES,
    counted_name,
    is_sector,
    measure_words,
    measure_words_plain,
    pronoun_referent,
    slug,
    the_country,
    verb_words,
    words,
)
from kronika.pipeline.measure_owners import (
    HOLDER_TYPES,
    PRONOUNS,
    SAY_VERBS,
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
    note_report,
    note_study,
    note_time,
    owner_from_context,
    phrase_owner,
    published_time,
    publisher,
    regime,
    report_time,
    study_time,
    topic,
    topic_org,
)
from kronika.pipeline.measure_shares import (
    CHANGE_OBJECT_VERBS,
    change,
    market_continued,
    multiples,
    national_words,
    rate,
    share,
    stake,
    zero_rates,
)
from kronika.pipeline.tokens import span_tokens

SMALL_COUNT = 10
#: Frames whose small figures are values in their own right, not counts of a few things.
OWN_FIGURE_METHODS = frozenset(["measure:density", "measure:physical", "measure:rate", "measure:age"])
#: "room for 400 people", "space for 120 desks": a building's capacity.
ROOM_NOUNS = frozenset(["room", "space", "capacity", "seating"])
ROOM_UNITS = frozenset(["desks", "seats", "workplaces", "workstations", "employees", "students", "guests"])
#: A body of people that is always someone's: bare "240 employees" are the organisation's.
STAFF_NOUNS = frozenset(["employees", "staff", "staffers", "employee"])
STREET_NOUNS = frozenset(["street", "avenue", "road", "boulevard", "lane", "square", "prospect", "highway"])
JOIN_VERBS = frozenset(["join", "enrol", "enroll", "sign", "apply", "register", "subscribe"])
HEDGES = frozenset(["roughly", "around", "about", "approximately", "nearly", "almost", "some"])
MONEY_FAMILY = "money"
#: Nouns for a body of people: "a team of 60 engineers" counts the engineers of the team's owner.
TEAM_NOUNS = frozenset(words("team faculty staff workforce crew personnel corps community"))
REFERRING = frozenset(["it", "they", "this", "that", "figure", "number"])
FRACTION_WORDS = frozenset(words("half halves third thirds quarter quarters fifth fifths tenth tenths"))
#: "30% higher than", "up 12% from": a change, and its direction.
COMPARATIVES = {
    "more": "growth",
    "higher": "growth",
    "greater": "growth",
    "larger": "growth",
    "bigger": "growth",
    "up": "growth",
    "less": "decline",
    "lower": "decline",
    "smaller": "decline",
    "fewer": "decline",
    "down": "decline",
}


def measures(ctx: DocContext, sent: Span) -> None:
    """Emit a measure claim for each quantity of the sentence that has a subject."""
    view = ctx.sent
    assert view is not None
    last: tuple[list[str], str] | None = None
    local = Local()
    state = carry(ctx)
    each = _respectively(ctx, sent, view.quantities)
    for hit in view.quantities:
        span = ctx.doc[hit.start : hit.end]
        root = number_token(span)
        q, root = one_in(ctx, hit, root)
        if (
            is_per_base(ctx, hit)
            or q.unit == "count"
            and root.dep_ == "nummod"
            and root.head.lower_ == "times"
        ):
            continue  # "6.6 jobs per 1,000 inhabitants", "six times the figure": no figure of its own
        phys = physical(ctx, hit, root, local)
        other = other_currency(ctx, hit, local)
        if phys is not None:
            found, q = phys
        elif other is not None:
            found = other[0]
        else:
            found = each.get(hit.start) or _read(ctx, sent, hit, q, root, local)
        qualifiers: dict[str, object] = {}
        if found is None:
            # elliptical: "...; by 2016, it exceeded 180; after 2020, more than 400"
            if (
                last is None
                and ctx.last_measure is not None
                and ctx.last_measure[2] == view.index - 1
                and _refers_back(root)
                and state.unit in (None, _family(q))
            ):
                last = (ctx.last_measure[0], ctx.last_measure[1])
                local.last_unit = state.unit
            if last is None or local.last_unit not in (None, _family(q)) or _counts_other(ctx, root, last[1]):
                continue
            if local.from_change and _other_subject(root, last[1]):
                continue  # "exports jump by half as residents pass 750": the residents' number
            subjects, measure = last
            method = "measure:continued"
            conf = 0.55
        else:
            subjects, measure, method = found.subjects, found.measure, found.method
            qualifiers.update(found.qualifiers)
            conf = 0.7
        if not subjects or not measure:
            continue
        last_count = state.last_count
        if (
            measure in AMOUNT_NOUNS
            and _family(q) == "count"
            and last_count is not None
            and last_count[1] >= view.index - 1
            and last_count[0] not in AMOUNT_NOUNS
        ):
            measure = last_count[0]  # "14 resident companies in 2012. Their number rose to 37"
        if method == "measure:change" and _headline(ctx, sent):
            continue  # "exports jump by nearly half": a headline rounds the change its body gives
        small = q.unit == "count" and (q.amount or 0) < SMALL_COUNT and q.comparator in ("=", "~")
        if small and (method in OWN_FIGURE_METHODS or not float(q.amount or 0).is_integer()):
            small = False  # "6.6 jobs per 1,000 inhabitants", "E (5.2)": a rate, not a count of things
        if small and (_part_of_count(root) or method == "measure:list-each"):
            small = False  # "only 9 of the 190 residents": a part of a count given beside it
        if small and (not _unit_count(root) or (q.amount or 0) < 2):
            continue
        if small and ctx.entity_type(subjects[0]) not in ("organization", "policy"):
            continue  # "four schools" of an organisation, not of whatever the clause is about
        time = found.time if found is not None and found.time is not None else measure_time(ctx, root)
        if _earlier_value(ctx, hit):
            # "$900 million in 2022, down from $1.1 billion": the earlier value holds at the time
            # its own phrase gives ("up from 700 a year earlier"), not the sentence's
            time = _time_after(ctx, hit)
        elif found is None or found.time is None:
            # "grew from $5 million in 2019 to $9 million in 2021": a time right after the amount
            # is its own
            time = _time_after(ctx, hit) or time
        if time is None and method in ("measure:count-of-partitive", "measure:count-of-part"):
            time = _count_time(ctx)  # a part of a count holds when the count does
        if time is None:
            time = _breakdown_time(ctx, root, measure)
        if time is None:
            time = study_time(ctx) or published_time(ctx, root) or report_time(ctx, root)
        left = ctx.doc[max(sent.start, hit.start - 3) : hit.start]
        if any(t.lower_ in ("record", "all-time", "peak") for t in left) or "record" in q.text.lower():
            qualifiers["record"] = True
        source = _source(ctx, sent)
        if source:
            qualifiers["according_to"] = source
        emit_measure(ctx, subjects, q, measure, time, root, method, conf, qualifiers)
        local.emitted.append((root.i, subjects[0], measure, time))
        note_report(ctx, root, time)
        note_time(ctx, root, time)
        if found is not None and found.market:
            state.market = (_family(q), found.market, subjects[0], view.index, time)
        if state.main_index != view.index:
            state.main_index, state.main_time = view.index, time
        base = found.base if found is not None else None
        if base:
            # "revenue rose by 30% a year, and by 2019 it had passed $2 billion": the revenue
            ctx.last_measure = (subjects, base, view.index)
            last = (subjects, base)
            local.last_measure = base
            local.last_unit = state.unit = None
            local.from_change = True
        if _family(q) == "count" and method != "measure:change" and not measure.startswith("share"):
            state.last_count = (measure, view.index)
        if _family(q) == "percent" and measure.startswith("share"):
            state.last_share = (measure, view.index)
        if method == "measure:list-each":
            pass  # each place's figure: the measure goes on, its owner is the place's alone
        elif method != "measure:change":
            local.from_change = False
            last = (subjects, measure)
            local.last_measure = measure
            local.last_unit = state.unit = _family(q)
            ctx.last_measure = (subjects, measure, view.index)
        local.last_holder = subjects[0]
        if local.last_time is None and local.first_time is None:
            local.first_time = time
        local.last_time = time
    zero_rates(ctx, sent, local)
    multiples(ctx, sent, local)
    ratios(ctx, sent, local)
    note_study(ctx, sent)


#: Verbs of a ranking between a place and its figure: "X follows with 22", "Y comes next with 20".
RANK_VERBS = frozenset(words("follow come rank trail lead stand place finish end"))
#: Hedges between "with" and a figure.
WITH_HEDGES = HEDGES | frozenset(words("just over under more less than"))


def _with_figure(ctx: DocContext, sent: Span, hit: QuantityHit) -> Found | None:
    """A figure of a list of places or organisations, one each: "C follows with 22 and D with
    20; E, with 12, trails", "followed by F and G with about 5% each": the names right before
    "with" get the figure ("each" for several), as the measure just given."""
    q = hit.quantity
    if q.unit not in ("count", "percent") or q.unit == "count" and q.comparator not in ("=", "~"):
        return None
    state = carry(ctx)
    view = ctx.sent
    last = state.last_count if q.unit == "count" else state.last_share
    if last is None or view is None or last[1] < view.index - 1:
        return None  # a list goes on from a figure just given
    doc = ctx.doc
    i = hit.start - 1
    while i > sent.start and doc[i].lower_ in WITH_HEDGES:
        i -= 1
    if doc[i].lower_ != "with" or i - 1 < sent.start:
        return None
    j = i - 1
    if doc[j].text == "," or doc[j].pos_ == "VERB" and doc[j].lemma_ in RANK_VERBS:
        j -= 1
    names = _name_run(ctx, sent, j)
    if not names:
        return None
    each = hit.end < sent.end and doc[hit.end].lower_ == "each"
    if len(names) > 1 and not each:
        return None  # "A and B with 36%" may be the two together
    first = ctx.mention_at(doc[j])
    assert first is not None
    lead = doc[first.start]
    while lead.dep_ == "conj":
        lead = lead.head
    if lead.dep_ in ("dobj", "attr", "dative") or lead.dep_ == "pobj" and lead.head.head.lemma_ != "follow":
        return None  # "co-founded X with two classmates": the verb's company, not X's figure
    num = number_token(doc[hit.start : hit.end])
    noun = num.head if num.dep_ == "nummod" and num.head.pos_ == "NOUN" and num.head.lower_ != "%" else None
    name = slug(measure_words(ctx, noun)[0]) if noun is not None and q.unit == "count" else last[0]
    return Found(names, name, "measure:list-each")


def _name_run(ctx: DocContext, sent: Span, j: int) -> list[str]:
    """The places or organisations named in a run ending at token ``j`` ("Grodno and Gomel")."""
    doc = ctx.doc
    names: list[str] = []
    while j >= sent.start:
        m = ctx.mention_at(doc[j])
        if m is None or m.end - 1 != j or ctx.entity_type(m.entity_id) not in ("place", "organization"):
            break
        names.insert(0, m.entity_id)
        j = m.start - 1
        if j >= sent.start and doc[j].lower_ in ("and", ","):
            j -= 1
            if j >= sent.start and doc[j].lower_ == ",":
                j -= 1
            continue
        break
    return names


def _respectively(ctx: DocContext, sent: Span, hits: list[QuantityHit]) -> dict[int, Found]:
    """ "A and B, with 36 and 27 residents respectively": the n-th figure is the n-th name's."""
    counts = [h for h in hits if h.quantity.unit == "count" and h.quantity.comparator in ("=", "~")]
    if not counts or not any(t.lower_ == "respectively" for t in sent):
        return {}
    doc = ctx.doc
    resp = next(t.i for t in sent if t.lower_ == "respectively")
    linked: list[QuantityHit] = []
    for h in counts:
        if h.end > resp:
            break
        gap = doc[linked[-1].end : h.start] if linked else None
        if gap is not None and not all(t.lower_ in (",", "and") or t.lower_ in WITH_HEDGES for t in gap):
            linked = []  # only figures joined by commas and "and"
        linked.append(h)
    if len(linked) < 2:
        return {}
    first = linked[0].start
    names: list[str] = []
    end = -1
    for m in sorted(ctx.mentions, key=lambda m: m.start):
        if sent.start <= m.start and m.end <= first:
            between = doc[end : m.start] if end >= 0 else None
            if between is not None and not all(t.lower_ in (",", "and", "&") for t in between):
                names = []  # only a run of names joined by commas and "and"
            names.append(m.entity_id)
            end = m.end
    types = {ctx.entity_type(e) for e in names}
    if len(names) != len(linked) or len(types) != 1 or not types <= {"place", "organization"}:
        return {}
    noun = doc[linked[-1].end] if linked[-1].end < resp else doc[resp]
    if noun.pos_ == "NOUN":
        name = slug(measure_words(ctx, noun)[0])
    else:
        state = carry(ctx)
        if state.last_count is None:
            return {}
        name = state.last_count[0]
    return {h.start: Found([e], name, "measure:list-each") for h, e in zip(linked, names, strict=True)}


#: Words before "from" that make the amount an earlier value: "up from 700", "falling from $2 billion".
FROM_CHANGE_WORDS = frozenset(
    words("up down rise rising rose fall falling fell grow growing grew increase increasing decrease")
    + words("decreasing climb climbing climbed drop dropping dropped decline declining declined")
)


def _earlier_value(ctx: DocContext, hit: QuantityHit) -> bool:
    """ "up from 700", "down from $1.1 billion", "rising from 40%": the amount before a change."""
    doc = ctx.doc
    sent = ctx.sent_span(doc[hit.start])
    i = hit.start - 1
    return (
        i - 1 >= sent.start
        and doc[i].lower_ == "from"
        and doc[i - 1].lower_ in FROM_CHANGE_WORDS
        and not any(t.lower_ == "to" and t.i > hit.end for t in doc[hit.end : min(sent.end, hit.end + 2)])
    )


def _time_after(ctx: DocContext, hit: QuantityHit) -> TimeSpan | None:
    """A time right after the amount ("700 a year earlier", "$1.1 billion in 2021")."""
    view = ctx.sent
    if view is None:
        return None
    doc = ctx.doc
    for t in view.times:
        gap = doc[hit.end : t.start] if t.start >= hit.end else None
        if gap is not None and len(gap) and gap[0].pos_ == "NOUN" and doc[hit.end - 1].head == gap[0]:
            gap = gap[1:]  # the counted noun: "about 20 people in 2006"
        if gap is not None and len(gap) <= 4 and all(g.lower_ in TIME_GAP_WORDS for g in gap):
            return t.span
    return None


#: Words between an amount and its own time: "$400 million in fiscal 2014", "in the year to March".
TIME_GAP_WORDS = frozenset(words("in at by during for fiscal financial the year to ending ended"))


def _breakdown_time(ctx: DocContext, root: Token, measure: str) -> TimeSpan | None:
    """An undated figure of the measure just given, in the same paragraph, breaks that figure
    down and holds at its time ("By the end of 2021 the Park had 131 regional residents. Tver
    and Pskov, with 36 and 27 residents, account for half of them": the end of 2021's)."""
    view = ctx.sent
    state = carry(ctx)
    prev = state.last_count
    if view is None or prev is None or state.time is None or prev[1] not in (view.index - 1, view.index):
        return None
    if "\n\n" in ctx.text[state.char : root.idx]:
        return None
    first = measure.split("_")[0]
    if first in ("share", "of") or first != prev[0].split("_")[0]:
        return None
    return state.time


def _count_time(ctx: DocContext) -> TimeSpan | None:
    """The time of the previous sentence's first measure ("That left 1,652 residents in
    December, against 1,100 a year before. 890 of them sell services": December's)."""
    view = ctx.sent
    state = carry(ctx)
    if view is None or state.main_index not in (view.index, view.index - 1):
        return None
    return state.main_time


def _headline(ctx: DocContext, sent: Span) -> bool:
    """The document's first line, a headline without a closing full stop."""
    text = sent.text.rstrip()
    return (
        sent.start == 0
        and bool(text)
        and text[-1] not in ".!?"
        and "\n" in ctx.text[sent.end_char - 1 : sent.end_char + 2]
    )


def _part_of_count(root: Token) -> bool:
    """ "9 of the Park's roughly 190 residents": a number whose "of" phrase holds a larger count."""
    for noun in preps(root, "of"):
        for c in noun.children:
            if c.dep_ == "nummod" and c.like_num:
                return True
    return False


def _unit_count(root: Token) -> bool:
    """ "four schools", "five divisions": a small count of an organisation's parts."""
    return root.dep_ == "nummod" and root.head.lemma_.lower() in UNIT_NOUNS and root.head.tag_ == "NNS"


def _family(q: Quantity) -> str:
    """Counts continue counts, shares shares, money money and weights weights."""
    if q.unit in PHYSICAL_UNITS:
        return q.unit
    return q.unit if q.unit in ("count", "percent") else MONEY_FAMILY


def number_token(span: Span) -> Token:
    """The token carrying a quantity's number: the first numeral, lifted out of a coordination."""
    for tok in span:
        if tok.like_num or tok.pos_ == "NUM":
            if tok.dep_ == "conj" and span.start <= tok.head.i < span.end:
                return tok.head
            return tok
    for tok in span:
        if tok.lower_ in FRACTION_WORDS:
            return tok  # "over half of whom": the fraction, not the hedge the parser made the head
    return span.root


#: Small numerators of "N in M" shares.
SMALL_NUMBERS = {w: i + 1 for i, w in enumerate(words("one two three four five six seven eight nine"))} | {
    str(i): i for i in range(1, 10)
}


def one_in(ctx: DocContext, hit: QuantityHit, root: Token) -> tuple[Quantity, Token]:
    """ "one in five" is a share of 20%, "nine in ten" of 90%, "four out of five" of 80%,
    anchored at the numerator (the quantity normaliser reads the denominator)."""
    q = hit.quantity
    doc = ctx.doc
    if q.unit != "count" or not q.amount or hit.start < 2 or q.comparator != "=":
        return q, root
    k = hit.start - 1
    if doc[k].lower_ == "of" and k >= 2 and doc[k - 1].lower_ == "out":
        k -= 1  # "four out of five"
    elif doc[k].lower_ != "in":
        return q, root
    numerator = SMALL_NUMBERS.get(doc[k - 1].lower_) if k >= 1 else None
    if numerator is None or numerator >= q.amount:
        return q, root
    one = doc[k - 1]
    hedged = one.i > 0 and doc[one.i - 1].lower_ in HEDGES
    share = round(100.0 * numerator / q.amount, 6)
    text = doc[one.i - 1 if hedged else one.i : hit.end].text
    return Quantity(share, "percent", "~" if hedged else "=", None, None, text), one


def _in_time(ctx: DocContext, tok: Token) -> bool:
    """A token inside a time expression ("1,100 twelve months earlier": not a count of months)."""
    view = ctx.sent
    return view is not None and any(t.start <= tok.i < t.end for t in view.times)


def _counts_other(ctx: DocContext, root: Token, measure: str) -> bool:
    """ "1,100 startups, which employed 9,000 people": a number on another noun does not continue."""
    noun = root.head
    return (
        root.dep_ == "nummod"
        and not _in_time(ctx, noun)
        and noun.pos_ == "NOUN"
        and noun.lemma_ not in measure
        and noun.text not in measure
    )


def _other_subject(root: Token, measure: str) -> bool:
    """The number's clause has a noun subject of its own that is not the measure going on."""
    verb = governing_verb(root)
    if verb.pos_ not in ("VERB", "AUX") or verb.i == root.i:
        return False
    for s in children(verb, "nsubj", "nsubjpass"):
        if (
            s.pos_ == "NOUN"
            and s.lemma_ not in AMOUNT_NOUNS
            and s.lemma_ not in measure
            and s.lower_ not in measure
        ):
            return True
    return False


def _refers_back(tok: Token) -> bool:
    """A quantity whose clause subject is "it"/"this"/"the figure" continues the last measure."""
    verb = governing_verb(tok)
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in REFERRING for c in verb.children)


def _source(ctx: DocContext, sent: Span) -> str | None:
    for tok in span_tokens(sent):
        if tok.lower_ == "according" and tok.i + 1 < sent.end and ctx.doc[tok.i + 1].lower_ == "to":
            for t in ctx.doc[tok.i + 2 : min(sent.end, tok.i + 12)]:
                m = ctx.mention_at(t)
                if m is not None:
                    ent = ctx.table.get(m.entity_id)
                    return ent.name if ent else None
    return None


# -- frames ----------------------------------------------------------------------------------


def _climb(root: Token, hit: QuantityHit) -> Token:
    """From the number to the word that governs the whole quantity phrase."""
    num = root
    while num.dep_ in ("quantmod", "compound", "nummod") and hit.start <= num.head.i < hit.end:
        num = num.head
    return num


def _read(
    ctx: DocContext, sent: Span, hit: QuantityHit, q: Quantity, root: Token, local: Local
) -> Found | None:
    num = root if root.i < hit.start else _climb(root, hit)
    first = (
        list_figure(ctx, sent, hit, num, local)
        or figure_of(ctx, hit, num, local)
        or place_values(ctx, hit, num, local)
        or (
            age(ctx, hit, num, local)
            or density(ctx, root, local)
            or count_rate(ctx, hit, root, local)
            or appositive_of(ctx, root, local)
            if q.unit == "count"
            else None
        )
    )
    if first is not None:
        return first
    if q.unit == "percent":
        return (
            _or_share(ctx, hit, local)
            or _change_noun(ctx, num, local)
            or market_continued(ctx, num, "percent", local)
            or _with_figure(ctx, sent, hit)
            or _fragment_share(ctx, num, local)
            or stake(ctx, num, local)
            or _comparative(ctx, num, local)
            or share(ctx, sent, num, local)
            or rate(ctx, hit, num, local)
            or change(ctx, num, local)
            or _object(ctx, sent, num, q, local)
        )
    if q.unit == "count":
        return (
            _with_figure(ctx, sent, hit)
            or _count_comparative(ctx, hit, local)
            or _units_of_which(ctx, num)
            or change(ctx, num, local)
            or _partitive(ctx, num, local)
            or _part_subject(ctx, num, local)
            or _fragment_count(ctx, num, local)
            or _count_noun(ctx, num, local)
            or _bare_population(ctx, num, local)
            or _object(ctx, sent, num, q, local)
            or conjoined_count(ctx, root, local)
        )
    return (
        market_continued(ctx, num, MONEY_FAMILY, local)
        or change(ctx, num, local)
        or deal(ctx, num, local)
        or value_noun(ctx, hit, num, local)
        or target(ctx, num, local)
        or _object(ctx, sent, num, q, local)
    )


#: Nouns of a change and its direction: "a rise of about 146%", "a fall of roughly a fifth".
CHANGE_NOUNS = {
    "rise": "growth",
    "increase": "growth",
    "growth": "growth",
    "jump": "growth",
    "gain": "growth",
    "surge": "growth",
    "fall": "decline",
    "drop": "decline",
    "decline": "decline",
    "decrease": "decline",
    "cut": "decline",
    "reduction": "decline",
    "contraction": "decline",
}


def _change_noun(ctx: DocContext, num: Token, local: Local) -> Found | None:
    """ "exported $344 million in 2023, against $140 million a year earlier, a rise of about
    146%", "By mid-2024 the figure was 77,000, a fall of roughly a fifth": a change of the
    measure the sentence (or the previous one) just gave, at its first figure's time."""
    prep = num.head
    if num.dep_ != "pobj" or prep.lower_ != "of" or prep.head.lemma_.lower() not in CHANGE_NOUNS:
        return None
    noun = prep.head
    if any(c.dep_ in ("poss", "compound", "amod") for c in noun.children) or preps(noun, "in"):
        return None  # "a rise of 5% in exports": read by its own phrase
    direction = CHANGE_NOUNS[noun.lemma_.lower()]
    if local.last_measure and local.last_holder and local.last_unit in (None, "count", MONEY_FAMILY):
        return Found(
            [local.last_holder],
            f"{local.last_measure}_{direction}",
            "measure:change-noun",
            time=local.first_time or local.last_time,
        )
    return None


def _or_share(ctx: DocContext, hit: QuantityHit, local: Local) -> Found | None:
    """ "131 out of 1,050, or about 12%": the share of the count just given, at its time."""
    doc = ctx.doc
    i = hit.start - 1
    start = ctx.sent_span(doc[hit.start]).start
    while i > start and doc[i].lower_ in HEDGES:
        i -= 1
    if doc[i].lower_ != "or" or i - 1 < start or doc[i - 1].text != ",":
        return None
    prev = doc[i - 2] if i - 2 >= start else None
    if prev is None or not prev.like_num or not local.last_measure or not local.last_holder:
        return None
    if local.last_unit not in (None, "count"):
        return None
    return Found([local.last_holder], f"share_{local.last_measure}", "measure:or-share", time=local.last_time)


def _comparative(ctx: DocContext, num: Token, local: Local) -> Found | None:
    """ "$2 billion in 2019, 30% higher than a year earlier", "That is nearly 45% more than in
    2018", "up 12% from 2019": a change of the measure just given, at that measure's time."""
    word = num.head
    if num.dep_ != "npadvmod" or word.lower_ not in COMPARATIVES:
        return None
    direction = COMPARATIVES[word.lower_]
    if local.last_measure and local.last_holder:
        return Found(
            [local.last_holder],
            f"{local.last_measure}_{direction}",
            "measure:comparative",
            time=local.last_time,
        )
    view = ctx.sent
    prev = ctx.last_measure
    if view is None or prev is None or prev[2] != view.index - 1 or not prev[0]:
        return None
    verb = governing_verb(num)
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.lower_ not in REFERRING:
        return None
    state = carry(ctx)
    time = state.main_time if state.main_index == view.index - 1 else None
    return Found(prev[0][:1], f"{prev[1]}_{direction}", "measure:comparative", time=time)


def _count_comparative(ctx: DocContext, hit: QuantityHit, local: Local) -> Found | None:
    """ "900 staff in 2021, 150 more than a year before": after a count in the same sentence, a
    count followed by "more/fewer than" is its change, at its time."""
    doc = ctx.doc
    if hit.end + 1 >= len(doc) or doc[hit.end + 1].lower_ != "than":
        return None
    word = doc[hit.end].lower_
    if word not in ("more", "fewer", "less") or not local.last_measure or not local.last_holder:
        return None
    if local.last_unit not in (None, "count"):
        return None
    direction = COMPARATIVES[word]
    return Found(
        [local.last_holder], f"{local.last_measure}_{direction}", "measure:comparative", time=local.last_time
    )


def _part_what(verb: Token) -> list[str]:
    """What a part does: "sell IT services" -> sell, IT, services."""
    what = [verb.lemma_]
    for c in verb.children:
        if c.dep_ == "dobj":
            what += measure_words_plain(c)
        elif c.dep_ == "prep":
            what += [w for o in children(c, "pobj") for w in measure_words_plain(o)]
    return what


def _part_subject(ctx: DocContext, num: Token, local: Local) -> Found | None:
    """ "890 of them sell services, some 400 develop products": a bare number after a part of a
    count is another part, named by what it does."""
    verb = num.head
    if local.part_owner is None or num.dep_ != "nsubj" or verb.pos_ != "VERB" or preps(num, "of"):
        return None
    return Found([local.part_owner], slug(_part_what(verb)), "measure:count-of-part")


def _fragment_count(ctx: DocContext, num: Token, local: Local) -> Found | None:
    """A count in a verbless list item: "- about 10,000 students", "4 schools, 3 regional
    colleges": the heading's or lead-in's entity's."""
    noun = num.head
    if num.dep_ != "nummod" or noun.pos_ != "NOUN" or noun.dep_ not in ("ROOT", "appos", "conj"):
        return None
    if not is_fragment(ctx, num):
        return None
    words, owner = measure_words(ctx, noun)
    who = as_holder(ctx, owner) or intro_owner(ctx, num, local)
    if not who:
        return None
    local.owners[noun.i] = who
    local.last_counted = noun
    return Found([who], slug(words), "measure:list-item")


def _fragment_share(ctx: DocContext, num: Token, local: Local) -> Found | None:
    """A percent in a list item: "outsourcing: 57% of exports", "software products: 23%"."""
    if not is_fragment(ctx, num):
        return None
    sent = ctx.sent_span(num)
    colon = next((t for t in sent if t.text == ":" and t.i < num.i), None)
    label = [t for t in sent if colon is not None and t.i < colon.i and t.is_alpha]
    of = [o for o in preps(num, "of") if o.pos_ != "PRON" and o.lower_ not in ("which", "whom")]
    if not label and not of:
        return None
    who = intro_owner(ctx, num, local)
    if not who:
        return None
    name = ["share", *(t.text for t in label)] if label else ["share_of", *measure_words_plain(of[0])]
    return Found([who], slug(name), "measure:list-share")


def _units_of_which(ctx: DocContext, num: Token) -> Found | None:
    """ "- Minsk-32 (1968): the last of the series, of which nearly 3,000 were built": units of
    the product the list item or sentence names."""
    verb = num.head
    if num.dep_ not in ("nsubj", "nsubjpass") or verb.lemma_ not in PRODUCTION_VERBS:
        return None
    ofs = [c for c in (*num.children, *verb.children) if c.lower_ == "of" and c.i < num.i]
    if not any(o.lower_ == "which" for c in ofs for o in children(c, "pobj")):
        return None
    made = _described_product(ctx, num, named_first=True)
    return Found([made], slug(["units", *verb_words(verb)]), "measure:units-of") if made else None


def _partitive(ctx: DocContext, num: Token, local: Local) -> Found | None:
    """ "thousands of units were produced", "more than 100 of these companies", "300 of them"."""
    of = preps(num, "of")
    if not of:
        return None
    noun = of[0]
    if noun.lower_ in ("them", "these", "those", "which"):
        return _partitive_back(ctx, noun, local)
    words, owner = measure_words(ctx, noun)
    if not owner and num.dep_ in ("dobj", "pobj") and noun.pos_ == "NOUN":
        # "it moved thousands of employees out of Belarus": the mover's employees; "X research
        # has given rise to dozens of start-ups": X's start-ups
        who = clause_holder(ctx, num, local, nominal=False)
        if who and ctx.entity_type(who) == "organization":
            tail = [num.head.text.lower()] if num.dep_ == "dobj" else []
            return Found([who], slug([*words, *tail]), "measure:count-of-partitive")
    verb = num.head if num.dep_ in ("nsubj", "nsubjpass") else None
    tail = verb_words(verb) if verb is not None else []
    subjects = [owner] if owner else ctx.resolve(noun)
    if not owner and noun.pos_ == "NOUN" and (not subjects or ctx.entity_type(subjects[0]) == "product"):
        subjects = _product_topic(ctx)
    return Found(subjects, slug([*words, *tail]), "measure:count-of-partitive") if subjects else None


def _partitive_back(ctx: DocContext, pron: Token, local: Local) -> Found | None:
    """ "1,400 participants, over 300 of them companies with foreign capital"; across a
    sentence ("70 million people use it. More than 5 million of them pay for a subscription")
    the previous measure's owner, named by what the part does."""
    if local.last_counted is None:
        view = ctx.sent
        prev = ctx.last_measure
        part = pron.head.head
        verb = part.head
        if prev is None or view is None or prev[2] != view.index - 1 or not prev[0]:
            return None
        if pron.head.lower_ != "of" or part.dep_ != "nsubj" or verb.pos_ != "VERB":
            return None
        local.part_owner = prev[0][0]
        return Found(prev[0][:1], slug(_part_what(verb)), "measure:count-of-partitive")
    owner = local.owners.get(local.last_counted.i)
    if owner is None:
        return None
    num = pron.head.head
    if num.dep_ == "nummod" and num.head.pos_ == "NOUN" and num.head.i > pron.i:
        # "more than 1,300 of them international students": the noun the number counts
        local.owners[num.head.i] = owner
        return Found([owner], slug(measure_words_plain(num.head)), "measure:count-of-partitive")
    nxt = pron.i + 1
    if nxt < len(ctx.doc) and ctx.doc[nxt].pos_ == "NOUN":
        phrase = ctx.doc[nxt]
        words = measure_words_plain(phrase)
        for p in phrase.children:
            if p.dep_ == "prep" and p.lower_ == "with":
                words += ["with", *(w for o in children(p, "pobj") for w in measure_words_plain(o))]
        return Found([owner], slug(words), "measure:count-of-partitive")
    return Found([owner], slug(measure_words(ctx, local.last_counted)[0]), "measure:count-of-partitive")


#: Verbs of making or selling units of a product.
PRODUCTION_VERBS = frozenset(words("build make produce manufacture sell ship assemble deliver"))
#: Nouns for units of a product: "50 units were built".
UNITS_NOUNS = frozenset(words("unit units copy copies"))


def _described_product(ctx: DocContext, tok: Token, *, named_first: bool = False) -> str | None:
    """The product a list item names first (``named_first``) or the clause's subject stands for
    ("It was modeled on X, and 50 units were built"), else the product just discussed."""
    sent = ctx.sent_span(tok)
    if named_first:
        named = [
            m.entity_id
            for m in sorted([*ctx.mentions, *ctx.extra_mentions], key=lambda m: m.start)
            if sent.start <= m.start < tok.i and ctx.entity_type(m.entity_id) == "product"
        ]
        if named:
            return named[0]
    for subj in children(sent.root, "nsubj", "nsubjpass"):
        found = [
            e
            for e in ctx.resolve(subj, nominal=False)
            if ctx.entity_type(e) == "product" and e not in ctx.nominal_ids
        ]
        if found:
            return found[0]
    found = [e for e in _product_topic(ctx) if e not in ctx.nominal_ids]
    return found[0] if found else None


def _product_topic(ctx: DocContext) -> list[str]:
    """Units of a product line are counted for the product the text was just about."""
    for named_only in (True, False):
        for eid in reversed(ctx.recent[-12:]):
            if ctx.entity_type(eid) == "product" and not (named_only and eid in ctx.nominal_ids):
                return [eid]
    return []


def _count_noun(ctx: DocContext, num: Token, local: Local) -> Found | None:
    """A count modifying a noun: "over 1,000 resident companies", "16,000 IT specialists left"."""
    head = num.head
    if not (num.dep_ == "nummod" or (num.dep_ in ("amod", "compound") and head.pos_ == "NOUN")):
        return None
    if _in_time(ctx, head):
        return None  # "fewer than 1,100 twelve months earlier": a bare number, continued
    if head.lemma_.lower() in STREET_NOUNS:
        return None  # an address: "24 Marshal Baghramyan Avenue"
    if head.lemma_ == "time" and head.lower_ == "times" and head.head.pos_ == "VERB":
        # "the app has been downloaded 380 million times": its downloads
        verb = head.head
        who = clause_holder(ctx, verb, local, nominal=False)
        if who and ctx.entity_type(who) in HOLDER_TYPES:
            return Found([who], slug([verb.lemma_ + "s"]), "measure:times")
        return None
    near = _next_noun(num)
    if near is not None and near.i < head.i and head.i - near.i > 1:
        # "30,000 paying customers and about 500 employees" with the first number hung on the
        # second noun: count the noun that follows the number, in the clause role of the other
        found = _counted_noun(ctx, head, local, near)
        local.last_counted = near
        return found
    found = _counted_noun(ctx, head, local)
    local.last_counted = head  # "over 300 of them", "which together employ" refer back to it
    return found


def _next_noun(num: Token) -> Token | None:
    """The noun that ends the phrase right after a number ("30,000 paying customers")."""
    doc = num.doc
    for i in range(num.i + 1, min(len(doc), num.i + 5)):
        tok = doc[i]
        if tok.tag_ not in ("JJ", "VBG", "VBN", "NN", "NNS", "NNP", "NNPS", "HYPH"):
            return None
        if tok.pos_ in ("NOUN", "PROPN") and not (i + 1 < len(doc) and doc[i + 1].pos_ in ("NOUN", "PROPN")):
            return tok
    return None


FREQUENCIES = {"day": "daily", "week": "weekly", "month": "monthly", "year": "yearly"}


def _frequency(verb: Token) -> str | None:
    """ "every month", "each day", "a week", "monthly": how often the verb's subjects act."""
    for c in verb.children:
        if c.lower_ in FREQUENCIES.values():
            return c.lower_
        if (
            c.dep_ in ("npadvmod", "advmod", "dobj")
            and c.lemma_ in FREQUENCIES
            and any(d.lower_ in ("every", "each", "a", "per") for d in c.children)
        ):
            return FREQUENCIES[c.lemma_]
    return None


def _number_end(ctx: DocContext, noun: Token) -> int:
    """The first token after the number before a noun."""
    i = noun.i
    start = ctx.sent_span(noun).start
    while i > start and not noun.doc[i - 1].like_num:
        i -= 1
    return i


def _role(noun: Token) -> str:
    """A noun's clause role, mending "Between 110,000 and 120,000 people worked", where the
    parser makes the counted subject the object of "Between"."""
    if (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "between"
        and noun.head.head.pos_ == "VERB"
        and not [s for s in children(noun.head.head, "nsubj", "nsubjpass") if s.i != noun.head.i]
        and noun.head.i < noun.i < noun.head.head.i
    ):
        return "nsubj"
    return noun.dep_


def _counted_noun(ctx: DocContext, noun: Token, local: Local, shown: Token | None = None) -> Found | None:
    """What a count of ``noun`` measures and whose it is; ``shown`` is the noun to name the
    measure after when the parse hung the number on another one."""
    words, owner = measure_words(ctx, shown if shown is not None else noun)
    if shown is not None:
        # the shown noun's modifiers were parsed as its head: "paying customers"
        words = [
            t.text for t in ctx.doc[_number_end(ctx, shown) : shown.i + 1] if t.is_alpha or t.text == "-"
        ]
    owner = as_holder(ctx, owner)
    role = _role(noun)
    if role == "pobj" and noun.head.dep_ in ("prep", "agent"):
        found = _count_in_prep(ctx, noun, words, local)
        if found is not None:
            return found
    if noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
        m = ctx.mention_at(noun)
        if m is not None and m.entity_id == owner:
            owner = None  # "employ 1,600 IT specialists": the phrase names the counted group itself
        subj = clause_subject(noun)
        if (
            not owner
            and subj is not None
            and (subj.lemma_ in OWNED_MEASURES or subj.lower_ in OWNED_MEASURES)
        ):
            # "sales of the Elbrus-8S reached 10,000 units": a measure of the sales' owner
            what, inner = measure_words(ctx, subj)
            whose = as_holder(ctx, inner) or next(
                iter(e for o in preps(subj, "of") for e in ctx.resolve(o)), None
            )
            return Found([whose], slug([*what, *words]), "measure:count-of-measure") if whose else None
        who = owner or clause_holder(ctx, noun, local)
        if not who and _members(noun):
            who = members_owner(ctx, local)  # "That left 1,652 residents": the park's
        if who and ctx.entity_type(who) in HOLDER_TYPES:
            local.owners[noun.i] = who
            ctx.nominal(noun)  # "these companies" may refer back to it
            return Found([who], counted_name(words, shown or noun, noun.head), "measure:count-of-noun")
    if role in ("nsubj", "nsubjpass"):
        verb = noun.head if noun.dep_ == role else noun.head.head
        workplace = None if owner else _workplace(ctx, noun, verb)
        if workplace is not None:
            # "30,000 students study at X", "110,000 people worked in IT": X's students, employees
            local.owners[noun.i] = workplace
            name = "employees" if noun.lower_ in PEOPLE_NOUNS and verb.lemma_ == "work" else slug(words)
            return Found([workplace], name, "measure:count-at")
        user_of = None if owner else _product_owner(ctx, verb, local)
        if user_of is not None:
            # "more than 400 carriers in 30 countries use its product": its users
            local.owners[noun.i] = user_of
            name = "users" if verb.lemma_ == "use" else "customers"
            return Found([user_of], name, "measure:users-of")
        group = [owner] if owner else _subject_group(ctx, noun, verb, local)
        if group:
            local.owners[noun.i] = group[0]
            often = _frequency(verb)
            if often and noun.lower_ in PEOPLE_NOUNS | {"users"}:
                # "70 million people open it every month": its monthly users
                return Found(group[:1], f"{often}_active_users", "measure:users")
            return Found(group[:1], slug([*words, *verb_words(verb)]), "measure:count-of-subject")
    if owner:
        local.owners[noun.i] = owner
        return Found([owner], slug(words), "measure:count-of-noun")
    return None


#: Verbs of using or buying an organisation's product: "400 carriers use its platform".
USE_VERBS = frozenset(words("use buy license licence choose deploy adopt subscribe rely"))
#: Nouns for what an organisation offers its users.
OFFER_NOUNS = frozenset(
    words("product products platform platforms software tool tools service services app apps system systems")
)


def _product_owner(ctx: DocContext, verb: Token, local: Local) -> str | None:
    """Whose product a counted subject uses: "its product", "the company's platform"."""
    if verb.lemma_ not in USE_VERBS:
        return None
    objs = [
        *children(verb, "dobj"),
        *(o for p in verb.children if p.dep_ == "prep" for o in children(p, "pobj")),
    ]
    for obj in objs:
        if obj.lemma_.lower() not in OFFER_NOUNS and obj.lower_ not in OFFER_NOUNS:
            continue
        poss = next((c for c in obj.children if c.dep_ == "poss"), None)
        if poss is None:
            continue
        who = None
        if poss.lower_ in ("its", "their") and verb.dep_ == "ccomp" and verb.head.lemma_ in SAY_VERBS:
            # "the company said that 5,000 teams were using its tool": the speaker's
            speaker = children(verb.head, "nsubj")
            who = holder(ctx, speaker[0], local, nominal=False) if speaker else None
        who = who or as_holder(ctx, next(iter(pronoun_referent(ctx, poss)), None))
        if who and ctx.entity_type(who) == "organization":
            return who
    return None


def _count_in_prep(ctx: DocContext, noun: Token, words: list[str], local: Local) -> Found | None:
    """A counted noun inside a prepositional phrase: "granted to 110,000 people from over 170
    countries", "a country of 1.3 million people", "X, with 13 million buyers", "within 15 days"."""
    prep = noun.head
    above = prep.head
    if above.dep_ == "prt" and above.head.pos_ == "VERB":
        above = above.head  # "is made up of nine faculties": the particle's verb
    if prep.lower_ in ("including", "among") and local.last_counted is not None:
        # "30,000 students study at X, including 3,000 international students": a part of the
        # last count, with the same owner
        whose = local.owners.get(local.last_counted.i)
        if whose:
            local.owners[noun.i] = whose
            return Found([whose], counted_name(words, noun, None), "measure:count-of-part")
    if above.pos_ in ("NOUN", "PROPN") and above.i in local.owners:
        # "110,000 people from over 170 countries": the same owner counts both
        local.owners[noun.i] = local.owners[above.i]
        return Found([local.owners[above.i]], counted_name(words, noun, None), "measure:count-of-noun")
    if above.pos_ in ("NOUN", "PROPN") and noun.lower_ in PEOPLE_NOUNS | {"consumers", "inhabitants"}:
        found = _population(ctx, above, noun, local)
        if found:
            return found
    if above.lemma_ in ROOM_NOUNS and prep.lower_ == "for" and noun.lower_ in PEOPLE_NOUNS | ROOM_UNITS:
        # "Its new office has room for about 400 people": the capacity of the clause's premises
        subj = clause_subject(above)
        who = None
        if subj is not None:
            poss = [c for c in subj.children if c.dep_ == "poss"]
            who = holder(ctx, poss[0] if poss else subj, local, nominal=False)
        if who and ctx.entity_type(who) in ("organization", "place"):
            local.owners[noun.i] = who
            return Found([who], slug(["capacity", *words]), "measure:capacity")
    if above.lemma_ in TEAM_NOUNS and prep.lower_ == "of":
        # "a team of 60 engineers", "taught by a faculty of 2,500 lecturers": the people of
        # whoever the clause is about
        for who in (clause_holder(ctx, above, local, nominal=False), topic(ctx), ctx.topic_org()):
            if who and ctx.entity_type(who) in HOLDER_TYPES and ctx.entity_type(who) != "group":
                local.owners[noun.i] = who
                return Found([who], slug(words), "measure:count-of-team")
    if (
        above.pos_ == "NOUN"
        and above.dep_ in ("dobj", "attr")
        and prep.lower_ in ("in", "across")
        and noun.lemma_.lower() in SPREAD_NOUNS
    ):
        # "X has development centres in more than 20 countries": the countries X works in
        who = clause_holder(ctx, above, local, nominal=False)
        if who and ctx.entity_type(who) == "organization":
            local.owners[noun.i] = who
            return Found([who], slug(words), "measure:count-of-places")
    if above.pos_ in ("NOUN", "PROPN") and prep.lower_ == "with":
        # "Allegro, ... with more than 13 million active buyers"
        who = holder(ctx, above, local, nominal=False)
        if who and ctx.entity_type(who) in HOLDER_TYPES:
            local.owners[noun.i] = who
            return Found([who], slug(words), "measure:count-with")
    if above.pos_ not in ("VERB", "AUX"):
        return None
    subj = clause_subject(above)
    if subj is not None and _is_measure_noun(subj) and prep.lower_ in ("to", "from"):
        # "the workforce had shrunk to fewer than 5,000 employees": the workforce's owner's
        what, inner = measure_words(ctx, subj)
        whose = as_holder(ctx, inner) or phrase_owner(ctx, subj) or last_owner(ctx, local) or topic_org(ctx)
        if whose:
            local.owners[noun.i] = whose
            return Found([whose], counted_name(words, noun, None), "measure:count-of-measure")
    if noun.lemma_ in TIME_UNITS and any(
        c.lower_ in ("first", "last", "next", "past", "early", "initial", "final") or c.dep_ == "poss"
        for c in noun.children
    ):
        return None  # "for its first twelve years": a stretch of the text's time, not a period measured
    if noun.lemma_ in TIME_UNITS:
        who = (
            clause_holder(ctx, above, local, nominal=False) or clause_holder(ctx, above, local) or topic(ctx)
        )
    else:
        who = clause_holder(ctx, above, local)
    if who and ctx.entity_type(who) in HOLDER_TYPES:
        local.owners[noun.i] = who
        return Found([who], counted_name(words, noun, above), "measure:count-of-noun")
    return None


#: Nouns for the places an organisation spreads over: "offices in 20 countries".
SPREAD_NOUNS = frozenset(words("country city market region continent location"))
WORKPLACE_VERBS = frozenset(words("work study teach serve train research stay live"))
#: Verbs of units housed at a place: "60 laboratories operate on our premises".
HOUSED_VERBS = frozenset(words("operate function exist"))
#: Nouns for an organisation's own premises or units, owned by their possessive.
PREMISES_NOUNS = frozenset(
    words(
        "premises campus campuses site sites institute institutes office offices plant plants factory"
        " factories laboratory laboratories lab labs department departments division divisions"
        " branch branches centre centres center centers building buildings facility facilities"
    )
)


def _workplace(ctx: DocContext, noun: Token, verb: Token) -> str | None:
    """The organisation (or sector, for its country) that counted people work or study at."""
    if verb.lemma_ not in WORKPLACE_VERBS | HOUSED_VERBS:
        return None
    for p in verb.children:
        if p.dep_ != "prep" or p.lower_ not in ("at", "in", "for", "with", "on"):
            continue
        for obj in children(p, "pobj"):
            m = ctx.mention_at(obj)
            if m is None and obj.lower_ in PREMISES_NOUNS:
                # "3,500 people work in its institutes", "60 labs operate on our premises"
                poss = next((c for c in obj.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
                found = publisher(ctx) if poss is not None and poss.lower_ == "our" else None
                if poss is not None and poss.lower_ in ("its", "their"):
                    found = topic_org(ctx)
                if found and ctx.entity_type(found) == "organization":
                    return found
            if m is None or verb.lemma_ in HOUSED_VERBS:
                continue
            if is_sector(ctx, m.entity_id):
                return ctx.focus
            if ctx.entity_type(m.entity_id) == "organization":
                return m.entity_id
    return None


def _subject_group(ctx: DocContext, noun: Token, verb: Token, local: Local) -> list[str]:
    """Whose a counted subject is: "200 companies moved ... under the programme" (the programme's),
    "15,000 companies were registered in Georgia" (Georgia's), "500 units built" (the product's),
    else the group itself ("16,000 IT specialists left")."""
    for p in verb.children:
        if p.dep_ == "prep" and p.lower_ in ("under", "through", "via"):
            for obj in children(p, "pobj"):
                found = ctx.resolve(obj, nominal=False)
                if found and ctx.entity_type(found[0]) in ("policy", "organization"):
                    return found[:1]
    if verb.dep_ == "pcomp" and verb.head.lower_ == "with" and verb.head.head.pos_ in ("NOUN", "PROPN"):
        who = holder(ctx, verb.head.head, local, nominal=False)
        if who:
            return [who]
    bare = not any(c.dep_ in ("amod", "compound", "poss") for c in noun.children)
    objects = [
        c for c in verb.children if c.dep_ == "dobj" or c.dep_ == "prep" and c.lower_ in ("in", "to", "into")
    ]
    if bare and verb.lemma_ in JOIN_VERBS and not objects:
        # "By 2024 more than 1,000 companies had joined": joined the programme being discussed
        found = regime(ctx)
        if found:
            return [found]
    if bare and noun.lower_ in STAFF_NOUNS and not children(verb, "dobj"):
        # "Some 240 employees have relocated to Lithuania": the staff of the organisation discussed
        for found in (last_owner(ctx, local, groups=False), topic_org(ctx), ctx.topic_org()):
            if found and ctx.entity_type(found) == "organization" and found not in ctx.nominal_ids:
                return [found]
    if bare and noun.lower_ in PEOPLE_NOUNS:
        places = [
            t for t in verb.subtree if t.dep_ == "pobj" and t.head.lower_ == "in" and t not in noun.subtree
        ]
        for obj in places:
            # "100,000 people wrote code or managed IT projects in the country": the country's
            if the_country(ctx, obj) and ctx.focus:
                return [ctx.focus]
            found = ctx.resolve(obj, nominal=False)
            if found and ctx.entity_type(found[0]) == "place" and ctx.place_kind(found[0]) == "country":
                return found[:1]
        # "2,500 people attended the conference": the conference's; bare "people" own nothing,
        # nor does a bare thing they make ("people wrote code")
        objs = [
            holder(ctx, obj, local)
            for obj in children(verb, "dobj")
            if obj.pos_ in ("PROPN", "PRON") or any(c.dep_ in ("det", "poss") for c in obj.children)
        ]
        return [o for o in objs if o][:1]
    if noun.lemma_.lower() in UNITS_NOUNS and verb.lemma_ in PRODUCTION_VERBS:
        # "It was modeled on X, and only about 50 units were built": the product discussed
        made = _described_product(ctx, noun)
        if made:
            return [made]
    giver = _previous_owner_of(ctx, noun, local) if bare else None
    if giver:
        # "X gives grants to ... More than 10,000 grants were awarded": the giver's
        return [giver]
    last = local.last_holder
    if (
        bare
        and noun.tag_ == "NNS"
        and last is not None
        and ctx.entity_type(last) in ("organization", "policy")
        and verb.dep_ in ("advcl", "conj")
        and noun_class(noun.lemma_.lower(), noun.text) not in ("person", "group", "organization")
    ):
        # "X admitted 846 residents, while 304 applications were rejected": X's applications
        return [last]
    if bare and noun.tag_ == "NNS":
        for obj in preps(verb, "in"):
            found = ctx.resolve(obj, nominal=False)
            if found and ctx.entity_type(found[0]) == "place" and ctx.place_kind(found[0]) == "country":
                return found[:1]
    return ctx.resolve(noun)


def _previous_owner_of(ctx: DocContext, noun: Token, local: Local) -> str | None:
    """The named subject of the previous sentence's clause whose object is the same noun."""
    start = ctx.sent_span(noun).start
    if start == 0:
        return None
    for tok in ctx.doc[start - 1].sent:
        if tok.lemma_ == noun.lemma_ and tok.dep_ in ("dobj", "pobj") and tok.pos_ == "NOUN":
            return clause_holder(ctx, tok, local, nominal=False)
    return None


def _bare_population(ctx: DocContext, num: Token, local: Local) -> Found | None:
    """ "with a population of around 300,000": the number is the population itself; "the
    Park's workforce of about 76,000": its employees."""
    if num.dep_ != "pobj" or num.head.lower_ != "of" or num.head.head.pos_ != "NOUN":
        return None
    above = num.head.head
    if above.lemma_.lower() in WORKFORCE_NOUNS:
        poss = next((c for c in above.children if c.dep_ == "poss"), None)
        who = holder(ctx, poss, local, nominal=False) if poss is not None else None
        who = who or clause_holder(ctx, above, local, nominal=False) or topic_org(ctx)
        if who and ctx.entity_type(who) in ("organization", "place", "policy"):
            return Found([who], "employees", "measure:workforce")
        return None
    return _population(ctx, above, num, local)


#: Nouns for an organisation's people as a whole: "a workforce of 76,000" counts its employees.
WORKFORCE_NOUNS = frozenset(words("workforce staff headcount payroll personnel"))


def _population(ctx: DocContext, above: Token, noun: Token, local: Local) -> Found | None:
    """ "a country of 1.3 million people", "markets with a combined population of 30 million"."""
    if noun.head.lower_ != "of":
        return None
    lemma = above.lemma_.lower()
    if lemma in PLACE_NOUNS:
        found = ctx.resolve(above) or ([ctx.focus] if ctx.focus else [])
        if found and ctx.entity_type(found[0]) == "place":
            return Found(found[:1], "population", "measure:population")
        if ctx.focus:
            return Found([ctx.focus], "population", "measure:population")
        return None
    if lemma not in POPULATION_NOUNS:
        return None
    name = slug(measure_words_plain(above))
    owner_tok = above.head.head if above.head.dep_ == "prep" else None
    if owner_tok is not None and owner_tok.pos_ in ("NOUN", "PROPN"):
        # the phrase's own entity ("markets with a population of ..."), not whoever counted it
        whose = phrase_owner(ctx, owner_tok) or next(iter(ctx.resolve(owner_tok)), None)
        if whose:
            return Found([whose], name, "measure:population")
    who = clause_holder(ctx, above, local, nominal=False)
    return Found([who], name, "measure:population") if who else None


def _object(ctx: DocContext, sent: Span, num: Token, q: Quantity, local: Local) -> Found | None:
    """A number after a verb: "the number of HTP residents surpassed 100", "startups raised €1.3 billion"."""
    head = num.head
    if num.dep_ not in ("dobj", "attr", "npadvmod", "pobj", "appos", "nsubj", "conj", "oprd", "ROOT"):
        return None
    verb = governing_verb(num)
    if num.dep_ == "appos" and head.pos_ == "NOUN":
        # "a reduced personal income tax rate (9%)"
        words, owner = measure_words(ctx, head)
        subj = owner or owner_from_context(ctx, sent, num)
        if subj is None and _members(head):
            subj = members_owner(ctx, local)  # "the number of residents, now about 190": the park's
        return Found([subj], slug(words), "measure:appositive-value") if subj else None
    if num.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "to" and q.unit == "percent":
        return None
    if num.dep_ == "pobj" and head.lower_ == "for":
        return None  # a price ("acquired X for $120 million") is not the buyer's measure
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    subj_toks = children(verb, "nsubj", "nsubjpass")
    if not subj_toks and verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX"):
        # "the number of residents is forecast to exceed 2,500": the subject of the raising verb
        subj_toks = children(verb.head, "nsubj", "nsubjpass")
    if not subj_toks:
        if num.dep_ == "dobj" and verb.lemma_ in VERB_MEASURES and verb.dep_ in ("advcl", "xcomp", "conj"):
            # "..., raising about $72 million": the main clause's subject raised it
            who = clause_holder(ctx, verb, local, nominal=False)
            if who:
                return Found([who], VERB_MEASURES[verb.lemma_], f"measure:{verb.lemma_}-value")
        return None
    st = subj_toks[0]
    measured = _changed_object(verb)
    if measured is not None:
        # "sanctions cut exports by a fifth, to $2.6 billion": the object's new amount
        st = measured
    elif st.lower_ in ("which", "that") and verb.dep_ == "relcl" and _is_measure_noun(verb.head):
        # "Ukraine's IT exports, which reached $6.7 billion": the antecedent is the measure
        st = verb.head
    if st.lower_ in PRONOUNS:
        if num.dep_ == "dobj" and verb.lemma_ in ACTOR_VERBS and q.unit not in ("count", "percent"):
            # "The company says it spent roughly €4.5 million on the move": the spender's, even
            # right after another measure
            who = holder(ctx, st, local, nominal=False)
            if who and ctx.entity_type(who) in ("organization", "place", "policy"):
                return Found([who], money_name(num, verb), f"measure:{verb.lemma_}-value")
        return _pronoun_object(ctx, sent, num, verb, st, local)
    words, owner = measure_words(ctx, st)
    if not owner:
        # "the sector's revenue": the sector stands for the country
        owner = next((holder(ctx, c, local, nominal=False) for c in st.children if c.dep_ == "poss"), None)
    if not (st.lemma_ in AMOUNT_NOUNS or st.lemma_ in OWNED_MEASURES or owner and ctx.mention_at(st) is None):
        # the subject is the owner and the verb names the measure: "Veriff raised $100 million",
        # "companies founded by e-residents paid €61 million in taxes"
        if num.dep_ == "dobj" and verb.lemma_ in VERB_MEASURES and q.unit not in ("count", "percent"):
            who = holder(ctx, st, local)
            if who:
                local.owners[st.i] = who
                return Found([who], money_name(num, verb), f"measure:{verb.lemma_}-value")
        return None
    if st.lemma_ in AMOUNT_NOUNS and not owner:
        # "the number of people they employed grew to 70,000": employees of whoever "they" are
        of = preps(st, "of")
        for rel in children(of[0], "relcl") if of else []:
            for s in children(rel, "nsubj"):
                owner = holder(ctx, s, local, nominal=False)
                if owner and of[0].lower_ in PEOPLE_NOUNS:
                    words = [VERB_MEASURES.get(rel.lemma_, rel.lemma_)]
    if not owner:
        found = ctx.resolve(st, nominal=False)
        owner = found[0] if found and ctx.entity_type(found[0]) != "place" else None
        owner = as_holder(ctx, owner) if owner else None
    if not owner and st.lemma_ in AMOUNT_NOUNS and _members(st):
        # "the number of residents is forecast to exceed 2,500": the park's or programme's
        owner = members_owner(ctx, local)
    if not owner and st.pos_ == "NOUN" and st.lemma_ in OWNED_MEASURES:
        # "revenue rose to $4.82 billion": the revenue of the organisation being discussed;
        # "exports climbed to $3.3 billion" with no organisation in the sentence: the country's
        national = ctx.focus if national_words(words) else None
        if national and (measured is not None or any(c.dep_ == "compound" for c in st.children)):
            # "ICT exports": a sector's, so a country's; "X cut exports": not X's, the country's
            owner = national
        else:
            owner = (
                local.last_holder
                or owner_from_context(ctx, sent, st)
                or company_owner(ctx, local, st)
                or topic_org(ctx)
            )
    if owner:
        local.owners[st.i] = owner
        return Found([owner], slug(words), f"measure:{verb.lemma_}-value")
    return None


#: Verbs whose subject pays or gets an amount itself: a pronoun subject is an actor, not a
#: measure going on.
ACTOR_VERBS = frozenset(words("spend invest raise pay earn secure attract"))


def _members(tok: Token) -> bool:
    """ "residents", "the number of (exporting) residents": members of a park or regime."""
    if tok.lemma_ in AMOUNT_NOUNS:
        inner = [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
        inner += [d for o in inner if o.dep_ == "pcomp" for d in children(o, "dobj")]
        return any(_members(o) for o in inner if o.pos_ == "NOUN")
    bare = not any(
        c.dep_ in ("poss", "compound") or c.dep_ == "amod" and c.pos_ == "PROPN" for c in tok.children
    )
    return tok.lemma_ in MEMBER_LEMMAS and bare


def _is_measure_noun(tok: Token) -> bool:
    return tok.pos_ == "NOUN" and (tok.lemma_ in OWNED_MEASURES or tok.lower_ in OWNED_MEASURES)


def _changed_object(verb: Token) -> Token | None:
    """The measure noun a transitive change verb acts on: "cut exports", "doubled its revenue"."""
    if verb.lemma_ not in CHANGE_OBJECT_VERBS:
        return None
    for obj in children(verb, "dobj"):
        if _is_measure_noun(obj):
            return obj
    return None


def _pronoun_object(
    ctx: DocContext, sent: Span, num: Token, verb: Token, st: Token, local: Local
) -> Found | None:
    """A number after a verb whose subject is a pronoun."""
    view = ctx.sent
    assert view is not None
    if local.last_measure is not None:
        return None  # continues this sentence's last measure
    if ctx.last_measure is not None and ctx.last_measure[2] == view.index - 1:
        return None  # continues the previous sentence's
    if st.lower_ in ("they", "it"):
        # "Exports held up. They rose to $7.35 billion": the previous sentence's measure noun
        prev = _previous_subject(ctx, sent)
        if prev is not None and prev.lemma_ in OWNED_MEASURES:
            words, owner = measure_words(ctx, prev)
            who = as_holder(ctx, owner) or last_owner(ctx, local, groups=False) or ctx.focus or topic(ctx)
            if who:
                return Found([who], slug(words), f"measure:{verb.lemma_}-value")
    if num.dep_ == "dobj" and verb.lemma_ in VERB_MEASURES:
        who = holder(ctx, st, local, nominal=False)
        if who:
            return Found([who], money_name(num, verb), f"measure:{verb.lemma_}-value")
    return None


def _previous_subject(ctx: DocContext, sent: Span) -> Token | None:
    if sent.start == 0:
        return None
    prev = ctx.doc[sent.start - 1].sent
    for c in prev.root.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return c
    return None
