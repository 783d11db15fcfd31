"""Measures: quantities in sentences into ``measure`` claims (subject, what is counted, value, time).

The quantity normaliser finds the numbers; this stage finds what they count and whose they
are, from the dependency parse:

- a count modifying a noun: "over 1,000 resident companies", "16,000 IT specialists left";
- a number after a verb: "the number of HTP residents surpassed 100", "revenue reached $1.8 billion";
- a partitive: "thousands of units were produced", "more than 100 of these companies are located";
- a percent of something: "2% of GDP", "35% of which are foreign entities", "a rate (9%)";
- a fraction of a population: "two-thirds of Belarusian IT specialists";
- an elliptical continuation that inherits the last measure: "...; by 2016, it exceeded 180;
  after 2020, more than 400".
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from kronika.pipeline.context import DocContext, QuantityHit, governing_verb
from kronika.pipeline.relations import children, preps

DROP_MODIFIERS = frozenset(
    "reduced new record total overall current such other key more than over about the a an its their "
    "his her our this that these those some many several numerous around almost nearly approximately "
    "roughly estimated just only latest first last".split()
)
AMOUNT_NOUNS = frozenset(["number", "amount", "total", "count", "volume", "figure", "level", "size", "value"])
SMALL_COUNT = 10


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
        if of:
            return measure_words(ctx, of[0])
    owner: str | None = None
    words: list[str] = []
    for c in noun.lefts:
        if c.dep_ == "poss":
            found = ctx.resolve(c, nominal=False)
            if found:
                owner = found[0]
            continue
        if c.dep_ not in ("compound", "amod", "nmod"):
            continue
        m = ctx.mention_at(c)
        if m is not None:
            if ctx.entity_type(m.entity_id) != "place":
                owner = m.entity_id
            continue
        for t in c.subtree:
            if t.lower_ in DROP_MODIFIERS or t.like_num or t.is_punct:
                continue
            if ctx.mention_at(t) is not None:
                continue
            words.append(t.text)
    words.append(noun.text)
    return words, owner


def _owner_from_context(ctx: DocContext, sent: Span, tok: Token) -> str | None:
    """A measure without a named owner belongs to the organisation the sentence talks about."""
    for c in sent:
        if c.lower_ in ("its", "it") and c.i < tok.i:
            found = ctx.resolve(c, nominal=False)
            if found:
                return found[0]
    for m in ctx.mentions:
        if sent.start <= m.start < sent.end and ctx.entity_type(m.entity_id) == "organization":
            return m.entity_id
    return None


def measures(ctx: DocContext, sent: Span) -> None:
    """Emit a measure claim for each quantity of the sentence that has a subject."""
    view = ctx.sent
    assert view is not None
    last: tuple[list[str], str] | None = None
    owners: dict[int, str] = {}
    for hit in view.quantities:
        q = hit.quantity
        span = ctx.doc[hit.start : hit.end]
        root = number_token(span)
        found = _read(ctx, sent, hit, root, owners)
        if found is None:
            # elliptical: "...; by 2016, it exceeded 180; after 2020, more than 400"
            if (
                last is None
                and ctx.last_measure is not None
                and ctx.last_measure[2] == view.index - 1
                and _refers_back(root)
            ):
                last = (ctx.last_measure[0], ctx.last_measure[1])
            if last is None:
                continue
            subjects, measure = last
            method = "measure:continued"
            conf = 0.55
        else:
            subjects, measure, method = found
            conf = 0.7
        if not subjects or not measure:
            continue
        if q.unit == "count" and (q.amount or 0) < SMALL_COUNT and q.comparator in ("=", "~"):
            continue
        time = ctx.time_for(root, "near")
        qualifiers: dict[str, object] = {}
        left = ctx.doc[max(sent.start, hit.start - 3) : hit.start]
        if any(t.lower_ in ("record", "all-time", "peak") for t in left) or "record" in q.text.lower():
            qualifiers["record"] = True
        source = _source(ctx, sent)
        if source:
            qualifiers["according_to"] = source
        for s in subjects:
            ctx.emit(
                "measure",
                s,
                value=q,
                measure=measure,
                time=time,
                anchor=root,
                method=method,
                confidence=conf,
                qualifiers=qualifiers,
            )
        last = (subjects, measure)
        ctx.last_measure = (subjects, measure, view.index)


def number_token(span: Span) -> Token:
    """The token carrying a quantity's number: the first numeral, lifted out of a coordination."""
    for tok in span:
        if tok.like_num or tok.pos_ == "NUM":
            if tok.dep_ == "conj" and span.start <= tok.head.i < span.end:
                return tok.head
            return tok
    return span.root


def _refers_back(tok: Token) -> bool:
    """A quantity whose clause subject is "it"/"this"/"the figure" continues the last measure."""
    verb = governing_verb(tok)
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("it", "this", "that", "figure", "number"):
            return True
    return False


def _source(ctx: DocContext, sent: Span) -> str | None:
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and ctx.doc[tok.i + 1].lower_ == "to":
            for t in ctx.doc[tok.i + 2 : min(sent.end, tok.i + 12)]:
                m = ctx.mention_at(t)
                if m is not None:
                    ent = ctx.table.get(m.entity_id)
                    return ent.name if ent else None
    return None


def _read(
    ctx: DocContext, sent: Span, hit: QuantityHit, root: Token, owners: dict[int, str]
) -> tuple[list[str], str, str] | None:
    q = hit.quantity
    # climb from the number to the word that governs the whole quantity phrase
    num = root
    while num.dep_ in ("quantmod", "compound", "nummod") and num.head.i < hit.end and num.head.i >= hit.start:
        num = num.head
    head = num.head

    # percents and fractions "of" something: "2% of GDP", "two-thirds of IT specialists"
    of = preps(num, "of")
    if q.unit == "percent" and of:
        target = of[0]
        if target.lower_ == "which":
            # "35% of which are foreign entities": a share of the antecedent
            clause = num.head
            antecedent = clause.head if clause.dep_ == "relcl" else None
            attr = children(clause, "attr", "acomp")
            subj = owners.get(antecedent.i) if antecedent is not None else None
            if subj is None or antecedent is None:
                return None
            what = measure_words(ctx, attr[0])[0] if attr else []
            return [subj], slug(["share", *what]), "measure:share-of-which"
        if target.lower_ in ("gdp", "economy", "export", "exports", "revenue", "budget", "market", "output"):
            subj = _subject_of_clause(ctx, num) or _owner_from_context(ctx, sent, num)
            return (
                ([subj], slug(["share_of", *measure_words(ctx, target)[0]]), "measure:share-of")
                if subj
                else None
            )
        # a share of a population: "two-thirds of Belarusian IT specialists"
        pop = ctx.entities_of(target)
        if pop:
            what = _verb_phrase(num) or ["share"]
            return pop[:1], slug(["share", *what]), "measure:share-of-population"
        return None

    # partitive counts: "thousands of units were produced", "more than 100 of these companies"
    if of and q.unit == "count":
        noun = of[0]
        words, owner = measure_words(ctx, noun)
        verb = num.head if num.dep_ in ("nsubj", "nsubjpass") else None
        tail = _predicate_words(verb) if verb is not None else []
        subjects = [owner] if owner else ctx.resolve(noun)
        if not subjects or ctx.entity_type(subjects[0]) in ("product",) and not owner:
            subjects = _topic(ctx)
        return (subjects, slug([*words, *tail]), "measure:count-of-partitive") if subjects else None

    # a count modifying a noun: "over 1,000 resident companies", "16,000 IT specialists left"
    if num.dep_ == "nummod" or (num.dep_ in ("amod", "compound") and head.pos_ == "NOUN"):
        noun = head
        words, owner = measure_words(ctx, noun)
        if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("VERB", "AUX"):
            holder = _subject_of_clause(ctx, noun.head.head)
            if holder and ctx.entity_type(holder) in ("organization", "place", "group"):
                return [holder], slug(words), "measure:count-of-noun"
        if noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
            holder = _subject_of_clause(ctx, noun)
            if holder and ctx.entity_type(holder) in ("organization", "place", "group", "product"):
                owners[noun.i] = holder
                ctx.nominal(noun)  # "these companies" may refer back to it
                return [holder], slug(words), "measure:count-of-noun"
        if noun.dep_ in ("nsubj", "nsubjpass"):
            verb = noun.head
            if owner:
                owners[noun.i] = owner
                return [owner], slug([*words, *_predicate_words(verb)]), "measure:count-of-subject"
            group = ctx.resolve(noun)
            if group:
                owners[noun.i] = group[0]
                return group[:1], slug([*words, *_predicate_words(verb)]), "measure:count-of-subject"
        if owner:
            owners[noun.i] = owner
            return [owner], slug(words), "measure:count-of-noun"
        return None

    # a price or valuation: "X acquired Y for $2 billion", "Y was valued at $13 billion"
    if q.unit not in ("count", "percent") and num.dep_ == "pobj" and head.lower_ in ("for", "at"):
        verb = head.head
        if verb.pos_ == "VERB" and verb.lemma_ in DEAL_VERBS:
            from kronika.pipeline.relations import active_subject, is_passive, passive_subject

            if is_passive(verb):
                things = passive_subject(ctx, verb)
            else:
                things = [e for o in children(verb, "dobj") for e in ctx.entities_of(o, nominal=False)]
                if verb.lemma_ in ("raise", "secure", "attract"):
                    things = active_subject(ctx, verb)
            things = [t for t in things if ctx.entity_type(t) in ("organization", "product")]
            if things:
                return things[:1], DEAL_VERBS[verb.lemma_], f"measure:{verb.lemma_}-for"
    # a number as the object of a verb: "the number of HTP residents surpassed 100",
    # "HTP's export revenue reached $1.8 billion"
    if num.dep_ in ("dobj", "attr", "npadvmod", "pobj", "appos", "nsubj", "conj", "oprd", "ROOT"):
        verb = governing_verb(num)
        if num.dep_ == "appos" and head.pos_ == "NOUN":
            # "a reduced personal income tax rate (9%)"
            words, owner = measure_words(ctx, head)
            subj = owner or _owner_from_context(ctx, sent, num)
            return ([subj], slug(words), "measure:appositive-value") if subj else None
        if num.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "to" and q.unit == "percent":
            return None
        if num.dep_ == "nummod" or verb.pos_ not in ("VERB", "AUX"):
            return None
        subj_toks = children(verb, "nsubj", "nsubjpass")
        if not subj_toks:
            return None
        st = subj_toks[0]
        if st.lower_ in ("it", "they", "this", "that", "which"):
            return None  # continuation of the previous measure
        words, owner = measure_words(ctx, st)
        if not owner:
            found = ctx.resolve(st, nominal=False)
            owner = found[0] if found and ctx.entity_type(found[0]) != "place" else None
        if not owner and st.pos_ == "NOUN" and st.lemma_ in OWNED_MEASURES:
            # "revenue rose to $4.82 billion": the revenue of the organisation being discussed
            owner = _owner_from_context(ctx, sent, st) or _topic_org(ctx)
        if not owner:
            return None
        owners[st.i] = owner
        return [owner], slug(words), f"measure:{verb.lemma_}-value"
    return None


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
}

OWNED_MEASURES = frozenset(
    "revenue revenues sales turnover profit profits income exports export valuation headcount workforce "
    "staff payroll investment investments funding budget output earnings losses loss debt capitalization "
    "capitalisation users customers clients subscribers downloads".split()
)


def _topic_org(ctx: DocContext) -> str | None:
    for eid in ctx.prev_subjects:
        if ctx.entity_type(eid) == "organization":
            return eid
    for eid in reversed(ctx.recent[-20:]):
        if ctx.entity_type(eid) == "organization" and eid not in ctx.nominal_ids:
            return eid
    return None


def _subject_of_clause(ctx: DocContext, tok: Token) -> str | None:
    verb = governing_verb(tok)
    for _ in range(3):
        subj = children(verb, "nsubj", "nsubjpass")
        if subj:
            words, owner = measure_words(ctx, subj[0])
            if owner:
                return owner
            found = ctx.resolve(subj[0], nominal=False)
            if found:
                return found[0]
            return None
        if verb.dep_ in ("advcl", "conj", "xcomp") and verb.head is not verb:
            verb = governing_verb(verb.head)
            continue
        break
    return None


def _predicate_words(verb: Token) -> list[str]:
    """What the counted things do: "left", "were produced", "are located outside of Minsk"."""
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    words = [verb.text.lower()]
    for p in verb.children:
        if p.dep_ == "prep" and p.lower_ in ("outside", "in", "abroad", "from"):
            words.append(p.lower_)
            pobj = children(p, "pobj")
            if not pobj:
                inner = preps(p, "of")
                pobj = inner
            if pobj:
                words.append(pobj[0].text)
            break
    return words


def _verb_phrase(num: Token) -> list[str]:
    """Words for a share: "first choice of destination" from "X became the first choice ... for Q"."""
    prep = num.head
    if prep.dep_ == "prep":
        noun = prep.head
        words = [
            t.text for t in noun.subtree if t.i < prep.i and not t.is_punct and t.lower_ not in DROP_MODIFIERS
        ]
        return words[:5]
    return []


def _topic(ctx: DocContext) -> list[str]:
    for named_only in (True, False):
        for eid in reversed(ctx.recent[-12:]):
            if ctx.entity_type(eid) == "product" and not (named_only and eid in ctx.nominal_ids):
                return [eid]
    return list(ctx.prev_subjects[:1])
