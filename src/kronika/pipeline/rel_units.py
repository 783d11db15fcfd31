"""Relation patterns for an organisation's units: the institutes, schools, colleges and centres
it runs, lists of them under an introducing sentence, and bodies answering to a parent."""

from __future__ import annotations

from spacy.tokens import Span, Token

from kronika.pipeline.context import DocContext
from kronika.pipeline.entities import ORG_NOUNS
from kronika.pipeline.grammar import (
    _described,
    active_subject,
    children,
    is_passive,
    passive_subject,
    places_in,
    preps,
    subject_entities,
)
from kronika.pipeline.rel_links import PRODUCT_NOUNS, _self_org
from kronika.pipeline.vocabulary import BULLETS, OFFICE_NOUNS, PART_NOUNS

#: Plural nouns that introduce a list of an organisation's units ("More than 30 institutes
#: operate under the Academy, among them:", "Its subsidiaries include:").
UNIT_LIST_NOUNS = frozenset(
    [
        "institute",
        "centre",
        "center",
        "school",
        "faculty",
        "division",
        "department",
        "college",
        "subsidiary",
        "branch",
        "laboratory",
        "lab",
        "unit",
        "member",
        "resident",
        "enterprise",
        "plant",
        "factory",
        "affiliate",
        "institution",
        "organisation",
        "organization",
        "academy",
        "observatory",
        "museum",
    ]
)

#: Verbs whose subject holds the units in their object ("The Academy comprises: ...").
HOLD_VERBS = frozenset(
    [
        "include",
        "comprise",
        "have",
        "run",
        "operate",
        "unite",
        "encompass",
        "incorporate",
        "oversee",
        "manage",
    ]
)

#: Verbs that sort a body's work into units ("Teaching is organised in four schools:").
SORT_VERBS = frozenset(["organise", "organize", "group", "divide", "structure", "split", "arrange"])


def _org(ctx: DocContext, eid: str) -> bool:
    return ctx.entity_type(eid) == "organization"


def _unit_parent(ctx: DocContext, intro: Span) -> list[str]:
    """The organisation an introducing sentence names as the holder of the listed units."""
    for noun in intro:
        if noun.tag_ not in ("NNS", "NNPS") or noun.lemma_.lower() not in UNIT_LIST_NOUNS:
            continue
        verb = noun.head if noun.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") else None
        if verb is not None and verb.dep_ == "prep":
            verb = verb.head
        if verb is not None and verb.dep_ == "prt":
            verb = verb.head  # "is made up of five units"
        # "institutes of the Academy", "operate under the Academy", "within the group"
        phrases = preps(noun, "of", "under", "within", "at")
        if verb is not None and verb.pos_ in ("VERB", "AUX"):
            phrases += preps(verb, "under", "within", "at")
        found = [e for p in phrases for e in ctx.resolve(p, nominal=False) if _org(ctx, e)]
        if found:
            return found[:1]
        # "its subsidiaries", "the Academy's institutes", "our faculties"
        found = [e for c in noun.children if c.dep_ == "poss" for e in ctx.resolve(c, nominal=False)]
        found = [e for e in found if _org(ctx, e)]
        if found:
            return found[:1]
        if verb is None or verb.pos_ not in ("VERB", "AUX"):
            continue
        if verb.lemma_ in HOLD_VERBS and not is_passive(verb) and noun.dep_ == "dobj":
            found = [e for e in active_subject(ctx, verb) if _org(ctx, e)]
            if found:
                return found[:1]
        if (
            verb.lemma_ in ("make", "compose", "consist", "form")
            and noun.dep_ == "pobj"
            and noun.head.lower_ == "of"
        ):
            # "The technopark is made up of five units:", "The group consists of four divisions:"
            subj = children(verb, "nsubjpass") or children(verb, "nsubj")
            found = [e for s in subj for e in subject_entities(ctx, s) if _org(ctx, e)]
            if found:
                return found[:1]
        if verb.lemma_ in SORT_VERBS and is_passive(verb):
            # "Teaching and research are organised in four schools": on the body's own page
            return _self_org(ctx)
    return []


def _item_orgs(ctx: DocContext, sent: Span, start: int) -> list[str]:
    """The organisations a list item names before its gloss: "the A and the B, both in P" ->
    A, B; "the C (CC), founded in 1957 as ..." -> C."""
    out: list[str] = []
    i = start
    while i < sent.end:
        t = ctx.doc[i]
        if t.text in (",", ";", "(", ":", "–", "—") or (
            t.pos_ in ("VERB", "AUX") and ctx.mention_at(t) is None
        ):
            break
        m = ctx.mention_at(t)
        last = ctx.doc[m.end - 1] if m is not None else None
        if last is not None and last.dep_ == "compound" and last.head.i >= m.end and last.head.is_lower:
            i = m.end  # "the Alytus branch": a unit named by its place, not an organisation
            continue
        if m is not None:
            if (
                _org(ctx, m.entity_id)
                and m.entity_id not in ctx.nominal_ids
                and m.entity_id not in out
                and ctx.doc[m.start].text[:1].isupper()
            ):
                out.append(m.entity_id)
            i = max(m.end, i + 1)
            continue
        if t.pos_ == "ADP" and t.lower_ != "of":
            break  # "the Institute of Mathematics in Yerevan": the place is not an item
        i += 1
    return out


def unit_list(ctx: DocContext, tok: Token) -> None:
    """ "More than 30 institutes operate under the Academy, among them: / - the Institute of
    Mathematics in P; / - the A and the B, both in Q": each named item is part of the holder the
    introducing sentence names ("its subsidiaries include:", "organised in four schools:")."""
    if tok.text not in BULLETS:
        return
    sent = ctx.sent_span(tok)
    first = next((t for t in sent if not t.is_space), None)
    if first is None or first.i != tok.i or sent.start == 0:
        return
    doc = ctx.doc
    intro = doc[sent.start - 1].sent
    for _ in range(40):
        lead = next((t for t in intro if not t.is_space), None)
        if lead is None or lead.text not in BULLETS or intro.start == 0:
            break
        intro = doc[intro.start - 1].sent
    last = next((t for t in reversed(intro) if not t.is_space), None)
    if last is None or last.text != ":":
        return
    parents = _unit_parent(ctx, intro)
    if not parents:
        return
    start = tok.i + 1
    while start < sent.end and (doc[start].is_space or doc[start].lower_ == "the"):
        start += 1
    items = [e for e in _item_orgs(ctx, sent, start) if e not in parents]
    ctx.emit_pairs("part_of", items, parents, anchor=tok, method="part_of:unit-list", confidence=0.55)
    # "- the Babruysk branch": the holder works in that place
    head = next((t for t in doc[start : sent.end] if t.pos_ == "NOUN"), None)
    if head is not None and head.lemma_.lower() in OFFICE_NOUNS | {"branch", "plant", "factory"}:
        where = [
            e
            for c in head.children
            if c.dep_ == "compound"
            for e in ctx.resolve(c, nominal=False)
            if ctx.entity_type(e) == "place"
        ]
        ctx.emit_pairs(
            "operates_in", parents, where, anchor=tok, method="operates_in:unit-list-branch", confidence=0.5
        )


#: Verbs of running a unit: "the institute also operates the national computing centre".
RUN_VERBS = frozenset(
    ["run", "operate", "manage", "oversee", "supervise", "administer", "own", "coordinate", "maintain"]
)
#: Verbs whose object is the subject's unit whatever it is called ("the ministry oversees the park").
OVER_VERBS = frozenset(["oversee", "supervise", "own"])
#: Head nouns of a unit an organisation can run.
FACILITY_NOUNS = frozenset(
    [
        "centre",
        "center",
        "college",
        "school",
        "institute",
        "laboratory",
        "lab",
        "observatory",
        "museum",
        "network",
        "venture",
        "subsidiary",
        "academy",
        "library",
        "incubator",
        "accelerator",
    ]
)


def _run_objects(ctx: DocContext, verb: Token) -> list[str]:
    """The named organisations listed as a verb's object ("runs A in P, B on Q and C in R"),
    read left to right: a name counts when it opens the object or follows a comma or "and"."""
    objs = children(verb, "dobj")
    if not objs:
        return []
    obj = objs[0]
    out: list[str] = []
    m = ctx.mention_at(obj)
    # "runs a joint venture, V": the name in apposition
    for c in obj.children if m is None else ():
        n = ctx.mention_at(c) if c.dep_ == "appos" else None
        if n is not None and _org(ctx, n.entity_id) and n.entity_id not in ctx.nominal_ids:
            return [n.entity_id]
    if m is None:
        # "operates the national supercomputer centre": a definite unit of the subject
        if (
            obj.lemma_.lower() in FACILITY_NOUNS
            and any(c.dep_ == "det" and c.lower_ == "the" for c in obj.children)
            and not preps(obj, "in", "at", "on")
        ):
            eid = ctx.nominal(obj, "organization")
            return [eid] if eid else []
        return []
    if not _org(ctx, m.entity_id) or m.entity_id in ctx.nominal_ids and verb.lemma_ not in OVER_VERBS:
        return []
    if verb.lemma_ not in OVER_VERBS and ctx.doc[m.end - 1].lemma_.lower() not in FACILITY_NOUNS:
        return []  # "the body that has run the Park": the runner is the park's, not the reverse
    out.append(m.entity_id)
    sent = ctx.sent_span(verb)
    i = m.end
    while i < sent.end:
        t = ctx.doc[i]
        if t.pos_ in ("VERB", "AUX") or t.text in (";", ":", "(") or t.lower_ in ("which", "who", "that"):
            break
        n = ctx.mention_at(t)
        if n is None:
            i += 1
            continue
        before = ctx.doc[n.start - 1] if n.start > 0 else None
        if before is not None and before.lower_ == "the" and n.start > 1:
            before = ctx.doc[n.start - 2]
        if (
            _org(ctx, n.entity_id)
            and n.entity_id not in ctx.nominal_ids
            and before is not None
            and (before.text == "," or before.lower_ == "and")
            and ctx.doc[n.end - 1].lemma_.lower() in FACILITY_NOUNS | ORG_NOUNS
        ):
            out.append(n.entity_id)
        i = n.end
    return list(dict.fromkeys(out))


def runs_unit(ctx: DocContext, tok: Token) -> None:
    """ "Outside the capital, X runs A College in P, B College in Q and C College in R", "The
    institute also operates the national supercomputer centre": the units are part of X."""
    if tok.pos_ != "VERB" or tok.lemma_ not in RUN_VERBS or is_passive(tok):
        return
    subj = children(tok, "nsubj")
    # "Outside P, X runs ...": of two subjects the parser gives, the one next to the verb
    owners = subject_entities(ctx, subj[-1]) if len(subj) > 1 else active_subject(ctx, tok)
    owners = [e for e in owners if _org(ctx, e)]
    if len(owners) != 1:
        return
    if subj and subj[0].pos_ == "PRON" and subj[0].lower_ not in ("which", "that", "who"):
        # "In 2004 it built A, and it coordinates B": a pronoun read as a name of its own
        # sentence is a misreading
        sent = ctx.sent_span(tok)
        if any(m.entity_id == owners[0] and sent.start <= m.start < sent.end for m in ctx.mentions):
            return
    units = [u for u in _run_objects(ctx, tok) if u not in owners]
    if not units:
        return
    time = ctx.time_for(tok)
    ctx.emit_pairs(
        "part_of", units, owners, time=time, anchor=tok, method=f"part_of:{tok.lemma_}s-unit", confidence=0.55
    )


#: Verbs and adjectives of answering to a superior body.
ANSWER_WORDS = frozenset(
    ["answer", "report", "attach", "subordinate", "accountable", "subordinated", "affiliate"]
)


def answers_to(ctx: DocContext, tok: Token) -> None:
    """ "the association, which answered to the Ministry of X", "the laboratory was attached to
    the Institute", "a body subordinate to the Council": part of the body named with "to"."""
    lemma = tok.lemma_.lower()
    if lemma not in ANSWER_WORDS:
        return
    parents = [e for p in preps(tok, "to") for e in ctx.entities_of(p, nominal=False) if _org(ctx, e)]
    if not parents:
        return
    if tok.pos_ == "VERB":
        if lemma in ("answer", "report") and not is_passive(tok):
            members = active_subject(ctx, tok)
        elif lemma in ("attach", "subordinate", "subordinated", "affiliate") and (
            is_passive(tok) or tok.dep_ == "acl"
        ):
            members = passive_subject(ctx, tok)
        else:
            return
    elif tok.pos_ == "ADJ":
        if tok.dep_ == "acomp":
            subj = children(tok.head, "nsubj")
            members = subject_entities(ctx, subj[0]) if subj else []
        elif tok.dep_ == "amod" or tok.dep_ == "appos":
            members = ctx.resolve(tok.head)
        else:
            return
    else:
        return
    members = [m for m in members if ctx.entity_type(m) in ("organization", "policy") and m not in parents]
    if lemma == "report" and any(ctx.entity_type(m) == "person" for m in members):
        return
    ctx.emit_pairs(
        "part_of",
        members,
        parents,
        time=ctx.time_for(tok),
        anchor=tok,
        method=f"part_of:{lemma}-to",
        confidence=0.6,
    )


#: Nouns an apposition gives for a member or unit of an organisation ("X, a resident of Y").
MEMBER_GLOSS = frozenset(["resident", "member", "participant", "institute", "laboratory", "centre", "center"])


def member_gloss(ctx: DocContext, tok: Token) -> None:
    """ "The company, a resident of the Hi-Tech Park, ...", "X, until then an institute of the
    Academy, ...": the described organisation is part of the one named with "of"."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in MEMBER_GLOSS or tok.dep_ != "appos":
        return
    if tok.lemma_ in PART_NOUNS and tok.lemma_ not in ("resident", "participant"):
        return  # "a member of Y" in apposition: ``part_of``
    parents = [e for p in preps(tok, "of") for e in ctx.resolve(p, nominal=False) if _org(ctx, e)]
    if not parents:
        return
    subjects = [e for e in _described(ctx, tok) if ctx.entity_type(e) in ("organization", "product")]
    ctx.emit_pairs(
        "part_of",
        [s for s in subjects if s not in parents],
        parents,
        anchor=tok,
        method=f"part_of:appos-{tok.lemma_.lower()}-of",
        confidence=0.55,
    )


#: Generic nouns for a part of an organisation's business ("part of Y's software business").
BUSINESS_NOUNS = frozenset(
    ["business", "division", "portfolio", "operation", "arm", "group", "unit", "family"]
)


def part_of_business(ctx: DocContext, tok: Token) -> None:
    """ "In 2023 X became part of Y's software business": part of the possessor Y."""
    if tok.pos_ != "NOUN" or tok.lemma_ != "part":
        return
    parents: list[str] = []
    for p in preps(tok, "of"):
        if p.lemma_.lower() not in BUSINESS_NOUNS or ctx.mention_at(p) is not None:
            continue
        parents += [e for c in p.children if c.dep_ == "poss" for e in ctx.resolve(c, nominal=False)]
    parents = [e for e in parents if _org(ctx, e)]
    if not parents:
        return
    if tok.dep_ in ("attr", "oprd") and tok.head.pos_ in ("AUX", "VERB"):
        subj = children(tok.head, "nsubj")
        subjects = subject_entities(ctx, subj[0]) if subj else []
    elif tok.dep_ == "appos":
        subjects = _described(ctx, tok)
    else:
        return
    subjects = [s for s in subjects if ctx.entity_type(s) in ("organization", "product")]
    ctx.emit_pairs(
        "part_of",
        [s for s in subjects if s not in parents],
        parents,
        time=ctx.time_for(tok.head if tok.dep_ != "appos" else tok),
        anchor=tok,
        method="part_of:part-of-business",
        confidence=0.55,
    )


#: Nouns for an organisation's people ("its engineers are in Minsk").
STAFF_NOUNS = frozenset(
    ["engineer", "employee", "staff", "developer", "worker", "programmer", "specialist", "workforce", "team"]
)
#: Nouns for an organisation's customers ("our customers are in the EU").
CLIENT_NOUNS = frozenset(["customer", "client", "user", "buyer", "subscriber"])
#: Words for the remainder of a group named before ("the rest are split between A and B").
REST_WORDS = frozenset(["rest", "remainder", "others"])
#: Verbs of a group spread over places.
SPREAD_VERBS = frozenset(["split", "divide", "spread", "distribute", "scatter"])


def _staff_owner(ctx: DocContext, subj: Token) -> list[str]:
    """The organisation whose people a subject names: "X's engineers", "about 60 of its
    engineers", "most of the company's staff"."""
    kinds = STAFF_NOUNS | CLIENT_NOUNS
    nouns = [subj] if subj.lemma_.lower() in kinds else []
    nouns += [p for p in preps(subj, "of") if p.lemma_.lower() in kinds]
    owners = [e for n in nouns for c in n.children if c.dep_ == "poss" for e in ctx.resolve(c, nominal=False)]
    return [e for e in owners if _org(ctx, e)]


def staff_in(ctx: DocContext, tok: Token) -> None:
    """ "About 60 of X's engineers are in Minsk; the rest are split between A and B": the
    organisation operates in every place its people are."""
    if tok.lemma_ == "be" and tok.pos_ == "AUX":
        subj = children(tok, "nsubj")
        phrases = preps(tok, "in")
    elif tok.lemma_ in ("work", "sit") and tok.pos_ == "VERB":
        # "most of its developers work in Minsk"
        subj = children(tok, "nsubj")
        phrases = preps(tok, "in", "from")
    elif tok.lemma_ in SPREAD_VERBS and tok.pos_ == "VERB" and is_passive(tok):
        subj = children(tok, "nsubjpass")
        phrases = preps(tok, "between", "among", "across", "in")
    else:
        return
    if not subj:
        return
    owners = _staff_owner(ctx, subj[0])
    if not owners and subj[0].lemma_.lower() in REST_WORDS:
        # "the rest": the people of the clause before in the same sentence
        sent = ctx.sent_span(tok)
        for t in sent:
            if t.i >= subj[0].i:
                break
            if t.dep_ in ("nsubj", "nsubjpass") and t.head.i != tok.i:
                owners = _staff_owner(ctx, t)
                if owners:
                    break
    if not owners:
        return
    where = places_in(ctx, phrases)
    ctx.emit_pairs(
        "operates_in",
        owners,
        where,
        time=ctx.time_for(tok),
        anchor=tok,
        method="operates_in:staff-in",
        confidence=0.55,
    )


def clients_in(ctx: DocContext, tok: Token) -> None:
    """ "X delivers projects for clients in the US and Europe", "X works for customers in P": the
    organisation whose clause names its clients there operates there."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in CLIENT_NOUNS or tok.tag_ != "NNS":
        return
    where = places_in(ctx, preps(tok, "in"))
    if not where:
        return
    cur = tok
    verb = None
    for _ in range(4):
        if cur.dep_ in ("pobj", "dobj", "prep") and cur.head.i != cur.i:
            cur = cur.head
            if cur.pos_ == "VERB":
                verb = cur
                break
            continue
        break
    if verb is None or verb.lemma_ in ("serve", "sell", "have", "lose"):
        return  # "serves clients in P", "sells to customers in P": ``operating``, ``employs_in``
    owners = [e for e in active_subject(ctx, verb) if _org(ctx, e)]
    ctx.emit_pairs(
        "operates_in",
        owners,
        where,
        time=ctx.time_for(verb),
        anchor=tok,
        method="operates_in:clients-in",
        confidence=0.55,
    )


def another_in(ctx: DocContext, tok: Token) -> None:
    """ "X opened an office in A in 2018 and another in B in 2020": the elided office is in B."""
    if tok.lower_ not in ("another", "one") or tok.dep_ != "conj" or tok.head.pos_ != "VERB":
        return
    verb = tok.head
    if not any(o.lemma_ in OFFICE_NOUNS or o.lower_ in OFFICE_NOUNS for o in children(verb, "dobj")):
        return
    where = places_in(ctx, preps(tok, "in"))
    owners = [e for e in active_subject(ctx, verb) if ctx.entity_type(e) == "organization"]
    ctx.emit_pairs(
        "operates_in",
        owners,
        where,
        time=next((t.span for t in (ctx.sent.times if ctx.sent else []) if t.start > tok.i), None),
        anchor=tok,
        method="operates_in:another-office-in",
        confidence=0.55,
    )


#: Verbs of bringing a body into another ("was incorporated into the holding", "folded into").
INTO_VERBS = frozenset(
    [
        "incorporate",
        "integrate",
        "fold",
        "absorb",
        "bring",
        "place",
        "transfer",
        "put",
        "resubordinate",
        "reassign",
    ]
)


def folded_into(ctx: DocContext, tok: Token) -> None:
    """ "In 2007 the plant was incorporated into the Integral holding", "Icenium was later folded
    into the Telerik Platform", "the institute was brought under the ministry": part of it."""
    if tok.pos_ != "VERB" or tok.lemma_ not in INTO_VERBS:
        return
    words = ("into",) if tok.lemma_ in ("incorporate", "integrate", "fold", "absorb") else ("under",)
    if tok.lemma_ in ("transfer", "resubordinate", "reassign") and is_passive(tok):
        # "after independence the plant was transferred to the Ministry of Industry"
        words = ("under", "to", "into")
    # "into the Telerik Platform" names the platform, not Telerik: the name must end at the head
    # (and a name ending in a product noun, "the X Platform", is the product's)
    heads = [
        p
        for p in preps(tok, *words)
        if ((m := ctx.mention_at(p)) is None or m.start <= p.i < m.end) and p.lower_ not in PRODUCT_NOUNS
    ]
    parents = [e for p in heads for e in ctx.resolve(p, nominal=False) if _org(ctx, e)]
    if not parents:
        return
    if is_passive(tok):
        units = passive_subject(ctx, tok)
        if "to" in words and any(
            s.pos_ != "PROPN" and s.lemma_.lower() in ("business", "operation", "asset", "activity")
            for s in children(tok, "nsubjpass")
        ):
            return  # "its business in Russia was transferred to X": the operations, not a body
    elif children(tok, "dobj"):
        units = [e for o in children(tok, "dobj") for e in ctx.entities_of(o)]
    elif tok.lemma_ == "fold":
        units = active_subject(ctx, tok)  # "the app folded into the platform"
    else:
        return
    units = [u for u in units if ctx.entity_type(u) in ("organization", "product") and u not in parents]
    ctx.emit_pairs(
        "part_of",
        units,
        parents,
        time=ctx.time_for(tok),
        anchor=tok,
        method=f"part_of:{tok.lemma_}-{words[0]}",
        confidence=0.6,
    )


#: Verbs whose named objects are the subject's units ("Integral comprises A and B").
COMPRISE_VERBS = frozenset(["comprise", "unite", "encompass", "consist"])


def comprises_named(ctx: DocContext, tok: Token) -> None:
    """ "The holding comprises the Transistor plant and Belmicrosystems", "The group consists of A,
    B and C": the named organisations are part of the subject."""
    if tok.pos_ != "VERB" or tok.lemma_ not in COMPRISE_VERBS or is_passive(tok):
        return
    owners = [e for e in active_subject(ctx, tok) if _org(ctx, e) and e not in ctx.nominal_ids]
    if len(owners) != 1:
        return
    objs = children(tok, "dobj") + (preps(tok, "of") if tok.lemma_ == "consist" else [])
    units = [
        e
        for o in objs
        if ctx.mention_at(o) is not None
        for e in ctx.entities_of(o, nominal=False)
        if _org(ctx, e) and e not in ctx.nominal_ids
    ]
    ctx.emit_pairs(
        "part_of",
        [u for u in units if u not in owners],
        owners,
        time=ctx.time_for(tok),
        anchor=tok,
        method=f"part_of:{tok.lemma_}s-named",
        confidence=0.55,
    )


def within_org(ctx: DocContext, tok: Token) -> None:
    """ "Belmicrosystems is a design centre within Integral", "X, a unit within Y": part of Y."""
    if tok.pos_ != "NOUN" or tok.dep_ not in ("attr", "appos"):
        return
    if tok.lemma_.lower() not in ORG_NOUNS | FACILITY_NOUNS | UNIT_LIST_NOUNS:
        return
    parents = [
        e for p in preps(tok, "within", "inside") for e in ctx.resolve(p, nominal=False) if _org(ctx, e)
    ]
    if not parents:
        return
    subjects = [e for e in _described(ctx, tok) if ctx.entity_type(e) in ("organization", "product")]
    ctx.emit_pairs(
        "part_of",
        [s for s in subjects if s not in parents],
        parents,
        anchor=tok,
        method="part_of:unit-within",
        confidence=0.55,
    )


def org_under(ctx: DocContext, tok: Token) -> None:
    """ "It was set up as the Orvo Instrument Plant, under the Ministry of Radio Industry", "the
    Centre for Export Control under the Ministry of Trade": a named body with "under" and a named
    organisation is part of that organisation."""
    if tok.lower_ != "under" or tok.dep_ != "prep" or tok.i == 0:
        return
    head = tok.head
    if head.pos_ != "PROPN":
        # the parser hangs "under" on the verb: the name must stand right before it
        before = ctx.mention_at(ctx.doc[tok.i - 1])
        if before is None or before.end != tok.i:
            return
        roots = [t for t in ctx.doc[before.start : before.end] if not before.start <= t.head.i < before.end]
        if len(roots) != 1:
            return
        head = roots[0]
        if not (
            head.head.i == tok.head.i
            or (head.head.dep_ in ("prep", "agent") and head.head.head.i == tok.head.i)
        ):
            return
    m = ctx.mention_at(head)
    if (
        m is None
        or not m.start <= head.i < m.end
        or not _org(ctx, m.entity_id)
        or m.entity_id in ctx.nominal_ids
    ):
        return
    parents = [
        e
        for o in children(tok, "pobj")
        if (n := ctx.mention_at(o)) is not None and n.start <= o.i < n.end
        for e in ctx.resolve(o, nominal=False)
        if _org(ctx, e) and e != m.entity_id
    ]
    if not parents:
        return
    # the time of the clause the name stands in ("established in 1966 as X, under Y")
    anchor = head
    while anchor.dep_ in ("pobj", "prep", "appos", "conj", "compound") and anchor.head.i != anchor.i:
        anchor = anchor.head
    ctx.emit_pairs(
        "part_of",
        [m.entity_id],
        parents,
        time=ctx.time_for(anchor),
        anchor=tok,
        method="part_of:named-under",
        confidence=0.55,
    )


#: Verbs of an organisation serving firms or people ("helps young firms in P turn research into products").
HELP_VERBS = frozenset(["help", "support", "assist", "mentor", "advise", "train", "finance", "fund"])
#: Nouns for the firms or people an organisation helps.
HELPED_NOUNS = CLIENT_NOUNS | frozenset(
    [
        "firm",
        "company",
        "business",
        "startup",
        "start-up",
        "enterprise",
        "entrepreneur",
        "founder",
        "developer",
    ]
)


def helps_in(ctx: DocContext, tok: Token) -> None:
    """ "a company that helps young technology firms in the Kestrel Region turn research into
    products", "the fund supports start-ups in Latvia": the organisation works in that place."""
    if tok.pos_ != "VERB" or tok.lemma_ not in HELP_VERBS or is_passive(tok):
        return
    objs = children(tok, "dobj") or [n for c in children(tok, "ccomp", "xcomp") for n in children(c, "nsubj")]
    objs += [c for o in objs for c in o.conjuncts if c.i > o.i]
    objs = [
        o
        for o in objs
        if o.tag_ == "NNS"
        and (o.lemma_.lower() in HELPED_NOUNS or (o.lower_ == "ups" and ctx.doc[o.i - 1].text == "-"))
    ]
    where = [w for o in objs for w in places_in(ctx, preps(o, "in"))]
    if not where:
        return
    owners = [e for e in active_subject(ctx, tok) if _org(ctx, e)]
    ctx.emit_pairs(
        "operates_in",
        owners,
        list(dict.fromkeys(where)),
        time=ctx.time_for(tok),
        anchor=tok,
        method="operates_in:helps-firms-in",
        confidence=0.5,
    )


def joint_venture(ctx: DocContext, tok: Token) -> None:
    """ "In 2014 A and B set up a joint venture, X, to make meters", "X, a joint venture of A and
    B", "A formed a joint venture with B, called X": X is part of each partner."""
    if (
        tok.pos_ != "NOUN"
        or tok.lemma_.lower() != "venture"
        or not any(c.lower_ == "joint" for c in tok.children)
    ):
        return
    named = [
        m.entity_id
        for c in tok.children
        if c.dep_ in ("appos", "npadvmod") or (c.dep_ == "acl" and c.lemma_ in ("call", "name"))
        for n in ([c] if c.dep_ != "acl" else children(c, "oprd", "attr", "dobj"))
        if (m := ctx.mention_at(n)) is not None and _org(ctx, m.entity_id)
    ]
    if tok.dep_ == "appos" and (m := ctx.mention_at(tok.head)) is not None and _org(ctx, m.entity_id):
        named.append(m.entity_id)  # "X, a joint venture of A and B"
    if tok.dep_ == "attr":
        named += [e for s in children(tok.head, "nsubj") for e in subject_entities(ctx, s) if _org(ctx, e)]
    named = list(dict.fromkeys(e for e in named if e not in ctx.nominal_ids))
    if len(named) != 1:
        return
    partners = [
        e
        for p in preps(tok, "of", "between", "with")
        for e in ctx.entities_of(p, nominal=False)
        if _org(ctx, e)
    ]
    verb = tok.head if tok.dep_ == "dobj" and tok.head.pos_ == "VERB" else None
    if verb is not None and not partners:
        partners = [e for e in active_subject(ctx, verb) if _org(ctx, e)]
        partners += [
            e for p in preps(verb, "with") for e in ctx.entities_of(p, nominal=False) if _org(ctx, e)
        ]
        if not children(verb, "nsubj"):
            # "In 2014 A and B set up ...": the parser hangs the partners on "In 2014"
            sent = ctx.sent_span(tok)
            partners += [
                m.entity_id
                for t in ctx.doc[sent.start : verb.i]
                if (m := ctx.mention_at(t)) is not None and m.start == t.i and _org(ctx, m.entity_id)
            ]
    partners = [p for p in dict.fromkeys(partners) if p not in named and p not in ctx.nominal_ids]
    ctx.emit_pairs(
        "part_of",
        named,
        partners,
        time=ctx.time_for(verb if verb is not None else tok),
        anchor=tok,
        method="part_of:joint-venture",
        confidence=0.55,
    )
