"""Measure owners and times: whose a quantity is, and when it holds.

A measure's owner is an entity. The rules, in the order :func:`holder` tries them:

- "we"/"our" stand for the publisher, the first organisation the document names (an "About
  us" page speaks for its organisation);
- a relative pronoun ("which together employed ...") stands for its antecedent, and "they"
  for the owner of the sentence's last measure;
- a pronoun under a verb of saying stands for the speaker ("the programme says it has ...");
- a phrase names its owner: "HTP residents", "its residents", "companies owned by
  e-residents", "a company with this status" (a policy reached through "with");
- "the company", "the institute" stand for the document's subject when its name fits,
  else for the previous sentence's organisation;
- otherwise the entity the context resolves, or a common-noun entity ("Estonian startups").

A sector ("IT made up 4% of GDP") stands for the country the document is about.

Times come from the quantity's own clause: the time governed by the same verb, else the
nearest one in the clause segment, skipping the dates of founding clauses ("Founded in 1999,
X has 13 million buyers"). A past-tense statement without a date inherits the time of the
paragraph's last measure ("By 2021 the industry employed ... IT made up 4% of GDP").
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from kronika.models import Quantity, TimeSpan
from kronika.pipeline.context import DocContext, governing_verb
from kronika.pipeline.entities import noun_class
from kronika.pipeline.grammar import children, preps
from kronika.pipeline.measure_names import (
    AMOUNT_NOUNS,
    COMPANY_MEASURES,
    MEMBER_LEMMAS,
    OWNED_MEASURES,
    is_sector,
    measure_words,
    pronoun_referent,
    the_country,
    words,
)
from kronika.pipeline.vocabulary import BULLETS, FOUND_VERBS

HOLDER_TYPES = ("organization", "place", "group", "product", "policy")
PRONOUNS = frozenset(["it", "they", "them", "this", "that", "which", "these", "those", "who"])
ORG_WORDS = frozenset(
    words(
        "company firm group business corporation startup start-up developer platform exchange "
        "studio enterprise bank agency operator maker manufacturer producer provider vendor "
        "employer publisher university institute centre center holding"
    )
)
#: Nouns for a product line, as "the app" stands for the product (else the company) just named.
PRODUCT_WORDS = frozenset(words("app application game product service software tool device model"))
PLACE_WORDS = frozenset(["city", "town", "country", "region", "republic", "capital", "village"])
SECTOR_WORDS = frozenset(["sector", "industry", "economy"])
MEMBER_NOUNS = frozenset(["residents", "participants", "members", "holders", "users", "beneficiaries"])
PUBLISHED = "as of publication"
SAY_VERBS = frozenset(["say", "report", "state", "claim", "announce", "estimate", "add", "note"])


@dataclass
class Found:
    """What a frame read: the owners, the measure's name and the rule's name."""

    subjects: list[str]
    measure: str
    method: str
    qualifiers: dict[str, object] = field(default_factory=dict)
    base: str | None = None  # for a change, the measure that changed ("revenue" of "revenue_growth")
    time: TimeSpan | None = None  # when the frame knows it better than the clause ("45% more than in 2018")
    market: str | None = None  # a market's part of a measure: the measure without the market's name


@dataclass
class Local:
    """What earlier quantities of the same sentence established."""

    owners: dict[int, str] = field(default_factory=dict)  # noun token -> its owner
    last_holder: str | None = None
    last_counted: Token | None = None
    last_population: list[str] = field(default_factory=list)
    last_measure: str | None = None
    last_unit: str | None = None
    last_time: TimeSpan | None = None
    first_time: TimeSpan | None = None  # the sentence's first figure's time
    from_change: bool = False  # the measure going on is the base of a change ("jump by half")
    part_owner: str | None = None  # the owner of a partitive count ("890 of them sell ...")
    #: the sentence's measures so far: (number token, first owner, measure, time)
    emitted: list[tuple[int, str, str, TimeSpan | None]] = field(default_factory=list)


@dataclass
class Carry:
    """What one sentence's measures hand to the next ones of the document."""

    time: TimeSpan | None = None
    char: int = 0
    unit: str | None = None
    main_index: int = -1  # the sentence of the last measure that was its sentence's first
    main_time: TimeSpan | None = None  # and its time
    #: the last market measure: (unit family, measure name, owner, sentence index, time), for
    #: "..., followed by North America with 43%"
    market: tuple[str, str, str, int, TimeSpan | None] | None = None
    #: the last count's measure name and sentence index, for "C follows with 22"
    last_count: tuple[str, int] | None = None
    last_share: tuple[str, int] | None = None  # and the last share's, for "D with 5%"
    #: a dated report's period: the year of its lead figure ("exported $344 million in 2023")
    report: TimeSpan | None = None
    report_read: bool = False
    #: a study's period: "We looked at ... in five countries for 2023" dates its undated figures
    study: TimeSpan | None = None


_CARRY: weakref.WeakKeyDictionary[DocContext, Carry] = weakref.WeakKeyDictionary()


def carry(ctx: DocContext) -> Carry:
    """The measure state of a document being read."""
    found = _CARRY.get(ctx)
    if found is None:
        found = _CARRY[ctx] = Carry()
    return found


# -- owners ----------------------------------------------------------------------------------


def publisher(ctx: DocContext) -> str | None:
    """Who "we" and "our" are: the first organisation (else product or programme) the document names."""
    ordered = sorted([*ctx.mentions, *ctx.extra_mentions], key=lambda m: m.start)
    named = [m for m in ordered if ctx.doc[m.end - 1].pos_ == "PROPN" and not is_sector(ctx, m.entity_id)]
    for types in (("organization",), ("product", "policy")):
        for m in named:
            if ctx.entity_type(m.entity_id) in types:
                return m.entity_id
    return None


def as_holder(ctx: DocContext, eid: str | None) -> str | None:
    """An entity as a measure's owner: a sector stands for the document's country."""
    if eid is None:
        return None
    if is_sector(ctx, eid):
        return ctx.focus
    if ctx.entity_type(eid) not in HOLDER_TYPES:
        return None
    return eid


def holder(ctx: DocContext, tok: Token, local: Local, *, nominal: bool = True) -> str | None:
    """The entity a noun phrase (usually a clause subject) stands for as a measure's owner."""
    tok = _run_end(tok)
    low = tok.lower_
    if low in ("we", "our", "us"):
        return publisher(ctx)
    if low in ("which", "that", "who") and tok.head.dep_ == "relcl":
        antecedent = _antecedent(ctx, tok.head.head)
        if antecedent.like_num and local.last_counted is not None:
            antecedent = local.last_counted  # "1,100 startups in 2023, which ...": not the year
        if antecedent.i in local.owners:
            return local.owners[antecedent.i]
        return holder(ctx, antecedent, local)
    if low in ("they", "them") and local.last_holder is not None:
        return local.last_holder
    if low in ("it", "they") and tok.head.dep_ == "conj":
        # "The agency runs ..., and by 2023 it had financed ...": the first conjunct's subject,
        # when it names an entity ("a new funding round made X a unicorn, and by 2023 it
        # served ...": not the round, the pronoun's own antecedent)
        for s in children(tok.head.head, "nsubj", "nsubjpass"):
            if s.lower_ not in PRONOUNS:
                found = holder(ctx, s, local, nominal=False)
                if found:
                    return found
    if low in ("it", "they") and tok.head.dep_ == "ccomp" and tok.head.head.lemma_ in SAY_VERBS:
        # "the programme says it has brought ...": the speaker is the pronoun's antecedent
        for s in children(tok.head.head, "nsubj"):
            if s.lower_ not in PRONOUNS:
                found = holder(ctx, s, local, nominal=False)
                if found and ctx.entity_type(found) != "person":
                    return found
    if tok.i in local.owners:
        return local.owners[tok.i]
    if (
        tok.tag_ == "NNS"
        and local.last_holder is not None
        and ctx.entity_type(local.last_holder) in ("organization", "policy")
        and any(c.dep_ == "det" and c.lower_ in ("these", "those") for c in tok.children)
    ):
        # "The number of exporting residents grew to 551, and these firms employ 13,000 people":
        # the members just counted, as their park's or programme's
        return local.last_holder
    if low == "their" or any(c.dep_ == "poss" and c.lower_ == "their" for c in tok.children):
        # "Residents pay 1%, while their employees' salaries are taxed at 9%": the plural subject
        # before it in the sentence
        sent = ctx.sent_span(tok)
        subj = next(
            (
                t
                for t in sent
                if t.i < tok.i and t.dep_ in ("nsubj", "nsubjpass") and t.tag_ in ("NNS", "NNPS")
            ),
            None,
        )
        if subj is not None and subj.i != tok.i:
            found = holder(ctx, subj, local, nominal=nominal)
            if found:
                return found
    if the_country(ctx, tok):
        return ctx.focus  # "the country's IT exports": the country the text is about
    if tok.pos_ in ("NOUN", "PROPN"):
        if any(c.dep_ == "poss" and c.lower_ == "our" for c in tok.children):
            return publisher(ctx)  # and nobody else when the publisher is unknown
        found = phrase_owner(ctx, tok)
        if found:
            return found
        found = definite(ctx, tok)
        if found:
            return found
        if (
            tok.lemma_.lower() in MEMBER_LEMMAS
            and tok.tag_ == "NNS"
            and not any(c.dep_ in ("poss", "det", "prep", "amod", "compound") for c in tok.children)
        ):
            # bare "Residents pay 1%": the regime or park being discussed
            found = members_owner(ctx, local)
            if found:
                return found
    words, owner = measure_words(ctx, tok)
    if owner:
        return as_holder(ctx, owner)
    resolved = [e for e in ctx.resolve(tok, nominal=False) if _sound(ctx, tok, e)]
    if resolved:
        return as_holder(ctx, resolved[0])
    if tok.pos_ == "PROPN" and tok.ent_type_ not in ("DATE", "CARDINAL", "MONEY", "PERCENT"):
        # a proper name the recogniser missed is still a name ("Tech Orda, launched in 2022, ...")
        found = next(iter(ctx.resolve(tok)), None)
        return as_holder(ctx, found) if found and ctx.entity_type(found) != "person" else None
    if not nominal or tok.lemma_ in AMOUNT_NOUNS or tok.lemma_ in OWNED_MEASURES:
        return None
    if tok.pos_ == "NOUN":
        found = run_entity(ctx, tok) or next(iter(ctx.resolve(tok)), None)
        return as_holder(ctx, found) if found and _sound(ctx, tok, found) else None
    return None


def _antecedent(ctx: DocContext, tok: Token) -> Token:
    """ "its hubs in Poznań, Warsaw and Toruń, which employ ...": a relative clause after a
    list of places describes the noun the places locate."""
    cur = tok
    while cur.dep_ == "conj":
        cur = cur.head
    m = ctx.mention_at(cur)
    if (
        m is not None
        and ctx.entity_type(m.entity_id) == "place"
        and cur.dep_ == "pobj"
        and cur.head.lower_ in ("in", "at")
        and cur.head.head.pos_ == "NOUN"
    ):
        return cur.head.head
    return tok


def _sound(ctx: DocContext, tok: Token, eid: str) -> bool:
    """A common-noun entity whose mention runs over a verb ("lets established firms") is a misparse."""
    m = ctx.mention_at(tok)
    if m is None or eid not in ctx.nominal_ids:
        return True
    return not any(t.pos_ in ("VERB", "AUX") for t in ctx.doc[m.start : m.end])


def phrase_owner(ctx: DocContext, tok: Token) -> str | None:
    """An owner named inside a noun phrase: "our participants", "its residents", "companies
    owned by e-residents", "a company with this status", "the firm EPAM"."""
    for c in tok.children:
        if c.dep_ == "poss" and c.lower_ in ("our", "we"):
            return publisher(ctx)
        if c.dep_ == "poss" and c.lower_ == "its" and tok.lower_ in MEMBER_NOUNS:
            # residents and participants belong to a programme, park or regime
            for eid in reversed(ctx.recent[-15:]):
                if ctx.entity_type(eid) == "policy" and eid not in ctx.nominal_ids:
                    return eid
        appos = ctx.mention_at(c) if c.dep_ == "appos" else None
        if appos is not None:
            return as_holder(ctx, appos.entity_id)
        if c.dep_ == "acl" and c.tag_ == "VBN":
            for by in preps(c, "by"):
                agent = _run_end(by)
                m = ctx.mention_at(agent)
                named = m.entity_id if m is not None else run_entity(ctx, agent)
                if named:
                    return as_holder(ctx, named)
            partner = c.lemma_ in ("found", "establish", "create", "launch", "start", "set") or any(
                a.lower_ == "together" for a in c.children
            )
            for p in c.children:
                # "companies registered with the park", "firms admitted to the programme"; not
                # "a project launched together with X"
                if p.dep_ == "prep" and p.lower_ in ("with", "under", "to", "in", "at"):
                    if partner and p.lower_ == "with":
                        continue
                    for obj in children(p, "pobj"):
                        found = ctx.resolve(obj, nominal=False)
                        if found and ctx.entity_type(found[0]) in ("policy", "organization"):
                            return found[0]
        if c.dep_ == "prep" and c.lower_ == "of" and tok.lemma_ in PLACE_WORDS:
            # "the city of Kaunas"
            for obj in children(c, "pobj"):
                found = ctx.resolve(obj, nominal=False)
                if found and ctx.entity_type(found[0]) == "place":
                    return found[0]
        if c.dep_ == "prep" and c.lower_ in ("with", "under", "in"):
            # "a company with this status", "companies in the Orion Tech Park"
            for obj in children(c, "pobj"):
                found = ctx.resolve(obj, nominal=False)
                if found and ctx.entity_type(found[0]) in ("policy", "organization"):
                    return found[0]
    return None


def definite(ctx: DocContext, tok: Token) -> str | None:
    """ "the institute", "the company": the document's subject when its name has the noun,
    else the previous sentence's organisation."""
    dets = [c.lower_ for c in tok.children if c.dep_ == "det"]
    if dets != ["the"] or tok.tag_ != "NN" or any(c.dep_ in ("compound", "amod") for c in tok.children):
        return None
    if tok.lemma_ in SECTOR_WORDS and ctx.focus:
        return ctx.focus  # "the sector's revenue", "the industry employed": the country's
    first = publisher(ctx)
    ent = ctx.table.get(first) if first else None
    if ent is not None and any(tok.lower_ in n.lower().split() for n in [ent.name, *ent.aliases]):
        return first
    named = _named_with(ctx, tok.lower_)
    if len(named) == 1:
        return named[0]  # "the group": the one organisation of the text whose name has "Group"
    if tok.lemma_ in ORG_WORDS or tok.lower_ in ORG_WORDS:
        for eid in ctx.prev_subjects:
            if ctx.entity_type(eid) == "organization" and eid not in ctx.nominal_ids:
                return eid
        # no organisation just before: the one the document is mostly about
        return ctx.topic_org()
    if tok.lemma_ in PRODUCT_WORDS:
        for types in (("product",), ("organization",)):
            for eid in [*ctx.prev_subjects, *reversed(ctx.recent[-8:])]:
                if ctx.entity_type(eid) in types and eid not in ctx.nominal_ids and not is_sector(ctx, eid):
                    return eid
    return None


def _named_with(ctx: DocContext, noun: str) -> list[str]:
    """The organisations of the text whose name has the noun ("Group" for "the group")."""
    found: list[str] = []
    for m in ctx.mentions:
        eid = m.entity_id
        ent = ctx.table.get(eid)
        if eid in found or ent is None or ent.type != "organization" or eid in ctx.nominal_ids:
            continue
        if any(noun in n.lower().split() for n in [ent.name, *ent.aliases]):
            found.append(eid)
    return found


def _run_end(tok: Token) -> Token:
    """The last token of a hyphenated word the tokenizer split ("e - residents" -> "residents")."""
    cur = tok
    while cur.i + 2 < len(cur.doc) and not cur.whitespace_ and cur.is_alpha:
        hyphen, nxt = cur.doc[cur.i + 1], cur.doc[cur.i + 2]
        if hyphen.text != "-" or hyphen.whitespace_ or not nxt.is_alpha:
            break
        cur = nxt
    if cur.text == "-" and not cur.whitespace_ and cur.i + 1 < len(cur.doc) and cur.doc[cur.i + 1].is_alpha:
        cur = cur.doc[cur.i + 1]
    return cur


def run_entity(ctx: DocContext, tok: Token) -> str | None:
    """An entity for a hyphenated word the tokenizer split ("e-residents"), typed by its head noun."""
    tok = _run_end(tok)
    start = tok
    while start.i > 1:
        hyphen, prev = start.doc[start.i - 1], start.doc[start.i - 2]
        if hyphen.text != "-" or hyphen.whitespace_ or prev.whitespace_ or not prev.is_alpha:
            break
        start = prev
    if start.i == tok.i:
        return None
    m = ctx.mention_at(tok)
    if m is not None:
        return m.entity_id
    name = tok.doc[start.i : tok.i + 1].text
    kind = noun_class(tok.lemma_.lower(), tok.text) or "group"
    ent = ctx.table.add(kind if kind != "person" else "group", name, [])
    ctx.note_mention(start.i, tok.i + 1, ent.id, "nominal")
    ctx.nominal_ids.add(ent.id)
    return ent.id


def clause_subject(tok: Token) -> Token | None:
    """The subject of the clause a token sits in, climbing open and coordinated clauses."""
    verb = governing_verb(tok)
    for _ in range(4):
        subj = children(verb, "nsubj", "nsubjpass")
        if subj:
            return subj[0]
        lost = _lost_subject(verb)
        if lost is not None:
            return lost
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head
        if verb.dep_ in ("advcl", "conj", "xcomp", "pcomp", "ccomp") and verb.head.i != verb.i:
            verb = governing_verb(verb.head)
            continue
        break
    return None


def _lost_subject(verb: Token) -> Token | None:
    """A subject the parser swallowed into a fronted phrase: in "By 2020 X had ...", "X" is
    read as the object of "By". The name just before a subject-less finite verb is its subject."""
    if verb.i == 0 or verb.tag_ not in ("VBD", "VBZ", "VBP", "MD"):
        return None
    prev = verb.doc[verb.i - 1]
    if prev.pos_ == "PROPN" and prev.dep_ == "pobj" and prev.head.head == verb and prev.head.i < prev.i:
        return prev
    return None


def clause_holder(ctx: DocContext, tok: Token, local: Local, *, nominal: bool = True) -> str | None:
    """The owner the clause's subject stands for."""
    subj = clause_subject(tok)
    return holder(ctx, subj, local, nominal=nominal) if subj is not None else None


def named_up(ctx: DocContext, tok: Token, local: Local) -> str | None:
    """The first subject up the clause chain that names an entity ("Status X lets firms pay
    5%": the status), else the nearest subject's common-noun entity."""
    first: Token | None = None
    cur: Token | None = tok
    for _ in range(3):
        subj = clause_subject(cur) if cur is not None else None
        if subj is None:
            break
        first = first or subj
        found = holder(ctx, subj, local, nominal=False)
        if not found and noun_class(subj.lemma_.lower(), subj.text) == "policy":
            found = holder(ctx, subj, local)  # "International company status lets firms pay 5%"
        if found:
            return found
        verb = governing_verb(subj.head)
        cur = verb.head if verb.head.i != verb.i else None
    return holder(ctx, first, local) if first is not None else None


#: Nouns for the members of a regime or park, and for a generic company it admits ("To qualify,
#: a company needs: ..."): without a name of their own, they stand for the regime being discussed.
GENERIC_MEMBERS = MEMBER_NOUNS | frozenset(
    words("resident company companies firm firms business businesses applicant applicants member")
)


def _starts_bullet(sent: Span) -> bool:
    first = next((t for t in sent if not t.is_space), None)
    return first is not None and first.text in BULLETS


def is_fragment(ctx: DocContext, tok: Token) -> bool:
    """A verbless list item or label ("- about 10,000 students", "outsourcing: 57% of exports")."""
    sent = ctx.sent_span(tok)
    if governing_verb(tok).pos_ in ("VERB", "AUX") or sent.root.pos_ in ("VERB", "AUX"):
        return False
    if _starts_bullet(sent) or any(t.text == ":" and t.i < tok.i for t in sent):
        return True
    before = ctx.text[: sent.start_char].rstrip()
    return before.endswith(":")


def members_owner(ctx: DocContext, local: Local) -> str | None:
    """Whose "residents" or "members" are when no phrase says: the owner of the last measure
    (an organisation or programme), else the regime or the organisation being discussed."""
    for claim in reversed(ctx.claims):
        # whoever the text last counted residents or members for
        counted = (claim.measure or "").split("_")[0]
        if (
            claim.predicate == "measure"
            and counted in MEMBER_MEASURES
            and ctx.entity_type(claim.subject) in ("organization", "policy")
        ):
            return claim.subject
    last = last_owner(ctx, local, groups=False)
    if last and ctx.entity_type(last) in ("organization", "policy"):
        return _regime_holder(ctx, last)
    found = regime(ctx)
    return _regime_holder(ctx, found) if found else members_org(ctx) or ctx.topic_org()


def _regime_holder(ctx: DocContext, eid: str) -> str:
    """A regime named after an organisation ("the HTP regime", "Astana Hub's tax regime") is held
    by that organisation: its residents are the organisation's."""
    ent = ctx.table.get(eid)
    if ent is None or ent.type != "policy":
        return eid
    words = ent.name.replace("'s", "").split()
    for n in range(len(words) - 1, 0, -1):
        org = ctx.table.lookup(" ".join(words[:n]))
        if org is not None and org.type == "organization":
            return org.id
    return eid


#: Measures that count an organisation's members.
MEMBER_MEASURES = frozenset(["residents", "members", "participants", "resident"])


#: Words naming a legal act, which creates or changes a regime but has no residents of its own.
ACT_WORDS = frozenset(
    words("decree resolution law act order ordinance edict bill statute regulation directive amendment code")
)


def is_act(ctx: DocContext, eid: str) -> bool:
    """A policy that is a legal act ("Decree No. 8", "the 2023 resolution"), not a regime."""
    ent = ctx.table.get(eid)
    if ent is None:
        return False
    head = ent.name.split('"')[0].split(" No")[0]
    return any(w.lower().strip(".,") in ACT_WORDS for w in head.split())


def regime(ctx: DocContext) -> str | None:
    """The regime, park or programme being discussed: the named policy the document names most
    (at least twice), else the latest one named; never a legal act (its residents are the
    regime's or park's it set up)."""
    counts: dict[str, int] = {}
    for m in ctx.mentions:
        eid = m.entity_id
        if ctx.entity_type(eid) == "policy" and eid not in ctx.nominal_ids and not is_act(ctx, eid):
            counts[eid] = counts.get(eid, 0) + 1
    best = max(sorted(counts), key=lambda e: counts[e], default=None)
    if best is not None and counts[best] >= 2:
        return best
    for eid in reversed(ctx.recent[-30:]):
        if ctx.entity_type(eid) == "policy" and eid not in ctx.nominal_ids and not is_act(ctx, eid):
            return eid
    return None


def members_org(ctx: DocContext) -> str | None:
    """The organisation whose members the text counts: one named with a member noun ("HTP
    residents", "the Park's residents")."""
    for m in ctx.mentions:
        tok = ctx.doc[m.end - 1]
        head = tok.head
        ent = ctx.table.get(m.entity_id)
        if (
            ent is not None
            and ent.type == "group"
            and tok.lemma_.lower() in MEMBER_LEMMAS
            and m.end - m.start > 1
        ):
            # "HTP residents" read as one group: the organisation its first words name
            org = ctx.table.lookup(ctx.doc[m.start : m.end - 1].text)
            if org is not None and org.type == "organization":
                return org.id
        if ctx.entity_type(m.entity_id) != "organization" or m.entity_id in ctx.nominal_ids:
            continue
        if tok.dep_ in ("compound", "poss") and head.lemma_.lower() in MEMBER_LEMMAS:
            return m.entity_id
    return None


def intro_owner(ctx: DocContext, tok: Token, local: Local) -> str | None:
    """Whose the figures of a list are: the entity its heading or lead-in names ("TalTech in
    numbers", "In return, residents get:"); a generic member ("a company", "residents") stands
    for the regime being discussed."""
    sent = ctx.sent_span(tok)
    i = sent.start - 1
    for _ in range(12):
        if i < 0:
            return None
        intro = ctx.doc[i].sent
        if not _starts_bullet(intro) and intro.text.strip():
            break
        i = intro.start - 1
    else:
        return None
    for t in intro:
        m = ctx.mention_at(t)
        if m is None or m.entity_id in ctx.nominal_ids or is_sector(ctx, m.entity_id):
            continue
        if t.is_lower:
            continue  # a common noun ("Where the money comes from") names no owner
        if ctx.entity_type(m.entity_id) in ("organization", "policy", "product"):
            return m.entity_id
    root = intro.root
    for subj in children(root, "nsubj", "nsubjpass"):
        if subj.lower_ in GENERIC_MEMBERS or subj.lemma_ in GENERIC_MEMBERS:
            return regime(ctx) or members_org(ctx) or ctx.topic_org()
        found = holder(ctx, subj, local, nominal=False)
        if found and ctx.entity_type(found) != "person" and not (subj.is_lower and subj.pos_ == "NOUN"):
            return found
    # a heading that names nobody ("Where the money comes from"): the organisation the text is about
    return ctx.topic_org()


def owner_from_context(ctx: DocContext, sent: Span, tok: Token) -> str | None:
    """A measure without a named owner belongs to the organisation the sentence talks about."""
    for c in sent:
        if c.lower_ in ("its", "it") and c.i < tok.i:
            found = pronoun_referent(ctx, c)
            if found:
                return found[0]
    for m in ctx.mentions:
        in_sent = sent.start <= m.start < sent.end
        if in_sent and ctx.entity_type(m.entity_id) == "organization" and not is_sector(ctx, m.entity_id):
            return m.entity_id
    return None


def topic_org(ctx: DocContext) -> str | None:
    """The organisation being discussed: the previous subject, else the latest named one."""
    for eid in ctx.prev_subjects:
        if ctx.entity_type(eid) == "organization":
            return eid
    for eid in reversed(ctx.recent[-20:]):
        if ctx.entity_type(eid) == "organization" and eid not in ctx.nominal_ids:
            return eid
    return None


def company_owner(ctx: DocContext, local: Local, subj: Token) -> str | None:
    """Whose bare "Revenue" or "Staff" is: the organisation of the last measure, else the
    organisation the text is about, else the one being discussed; None for a measure of an
    economy or a phrase with an owner of its own."""
    if subj.lemma_.lower() not in COMPANY_MEASURES or subj.pos_ != "NOUN":
        return None
    if any(c.dep_ in ("poss", "compound", "amod", "det") and c.lower_ not in ("the",) for c in subj.children):
        return None  # "IT sales", "its revenue", "total revenue": read by the phrase
    if preps(subj, "of", "in", "from"):
        return None
    for found in (last_owner(ctx, local, groups=False), ctx.topic_org(), topic_org(ctx)):
        if found and ctx.entity_type(found) == "organization" and found not in ctx.nominal_ids:
            return found
    return None


def topic(ctx: DocContext) -> str | None:
    """What the text is about when a clause names no owner: the previous sentence's subject."""
    for eid in ctx.prev_subjects:
        found = as_holder(ctx, eid)
        if found and ctx.entity_type(found) in ("organization", "policy", "place"):
            return found
    return topic_org(ctx)


def last_owner(ctx: DocContext, local: Local, *, groups: bool = True) -> str | None:
    """The owner of the last measure, in this sentence or the previous two."""
    found = local.last_holder
    view = ctx.sent
    last = ctx.last_measure
    if not found and last is not None and view is not None and view.index - last[2] <= 2 and last[0]:
        found = last[0][0]
    if found and not groups and ctx.entity_type(found) == "group":
        return None
    return found


# -- time ------------------------------------------------------------------------------------


def measure_time(ctx: DocContext, anchor: Token) -> TimeSpan | None:
    """When a measure holds: a time of its own clause, else the paragraph's for a past-tense
    statement."""
    view = ctx.sent
    assert view is not None
    seg = view.segment(anchor)
    verb = governing_verb(anchor)
    best: TimeSpan | None = None
    best_d = 10**9
    own = _own_time_phrase(verb, [(t.start, t.end) for t in view.times])
    phrase = _number_phrase(anchor)
    for t in view.times:
        first = ctx.doc[t.start]
        if view.segment(first) != seg or _in_founding_clause(first, anchor):
            continue
        if _earlier_values_time(ctx, t.start, anchor) or _other_from_value_time(ctx, t.start, anchor):
            continue  # "520 people, up from roughly 430 a year earlier": the 430's time
        if ctx.doc_date is not None and _other_tense(governing_verb(first), verb):
            # a dated item's "It employs 310 people, and its revenue grew by 17% last year": the
            # staff is counted when the item was published
            continue
        d = anchor.i - t.end if t.end <= anchor.i else (t.start - anchor.i) + 1
        modifier = first.dep_ in ("nummod", "compound") and not t.start <= first.head.i < t.end
        if modifier and first.head.pos_ == "NOUN" and first.head != anchor.head:
            d += 500  # a year naming a thing ("its 2021 level") dates the clause only as a last resort
        elif first in anchor.subtree or first.i > anchor.i and first in phrase.subtree:
            d -= 2000  # a time inside the quantity's own phrase: "one in five companies registered in 2022"
        elif governing_verb(first) == verb:
            d -= 1000  # the quantity's own verb's time first
        elif own:
            continue  # "... since its launch": the clause has a time of its own, unread
        if d < best_d:
            best, best_d = t.span, d
    if best is None and any(c.lower_ == "then" and c.dep_ == "advmod" for c in verb.children):
        # "In December 2002 it became a joint-stock company; it then employed 5,000 people": the
        # time the sentence (else the text) was just at
        before = [
            t for t in view.times if t.end <= anchor.i and not _in_founding_clause(ctx.doc[t.start], anchor)
        ]
        if before:
            return before[-1].span
        if not view.times and _previous_sentence_dated(ctx, anchor):
            return ctx.prev_context_time
    state = carry(ctx)
    if best is None and not view.times and _past(verb):
        between = ctx.text[state.char : anchor.idx]
        if state.time is not None and "\n\n" not in between and between.count("\n") < 2:
            best = state.time
        elif _previous_sentence_dated(ctx, anchor):
            best = ctx.prev_context_time
    return best


#: Words before "from" that make the amount after it an earlier value: "up from 430".
EARLIER_WORDS = frozenset(
    words("up down rise rising rose fall falling fell grow growing grew increase increasing decrease")
    + words("decreasing climb climbing climbed drop dropping dropped decline declining declined")
)


def _earlier_values_time(ctx: DocContext, start: int, anchor: Token) -> bool:
    """The time at ``start`` ends an "up from N" phrase after the anchor: it dates N, not the anchor."""
    doc = ctx.doc
    low = max(anchor.i + 1, start - 8)
    for i in range(start - 1, low - 1, -1):
        if doc[i].lower_ == "from" and i > 0 and doc[i - 1].lower_ in EARLIER_WORDS:
            between = doc[i + 1 : start]
            return any(t.like_num for t in between) and not any(t.is_punct and t.text != "," for t in between)
        if doc[i].is_punct and doc[i].text != "," or doc[i].pos_ == "VERB":
            return False
    return False


#: Words between an amount and its own time, and hedges before an amount.
_AMOUNT_TIME_GAP = frozenset(words("in at by during for fiscal financial the year to ending ended ,"))
_HEDGE_WORDS = frozenset(
    words("about around roughly nearly almost some approximately over under just more less than")
)


def _other_from_value_time(ctx: DocContext, start: int, anchor: Token) -> bool:
    """The time at ``start`` follows another quantity that is an earlier value ("fell to $2.5
    billion in 2022, from roughly $3 billion a year earlier, and staff dropped to 61,000"): it
    dates that value only, not the anchor."""
    view = ctx.sent
    if view is None:
        return False
    doc = ctx.doc
    for hit in view.quantities:
        if hit.start <= anchor.i < hit.end or hit.end > start:
            continue
        gap = doc[hit.end : start]
        if len(gap) > 3 or not all(g.lower_ in _AMOUNT_TIME_GAP for g in gap):
            continue
        i = hit.start - 1
        while i >= 0 and doc[i].lower_ in _HEDGE_WORDS:
            i -= 1
        if (
            i >= 0
            and doc[i].lower_ == "from"
            and not any(t.lower_ == "to" for t in doc[hit.end : min(len(doc), hit.end + 2)])
        ):
            return True
    return False


def published_time(ctx: DocContext, anchor: Token) -> TimeSpan | None:
    """A dated news item's undated present-tense statement ("It employs about 310 people", "in a
    deal that values the studio at $140 million") holds when the item was published."""
    view = ctx.sent
    if view is None or ctx.doc_date is None or not _present(governing_verb(anchor)):
        return None
    verb = governing_verb(anchor)
    for t in view.times:
        first = ctx.doc[t.start]
        if not (_in_founding_clause(first, anchor) or _other_tense(governing_verb(first), verb)):
            return None  # "Founded in 2011, X has about 900 employees" is still undated
    day = ctx.doc_date.isoformat()
    return TimeSpan(day, day, "day", PUBLISHED)


def _present(verb: Token) -> bool:
    """A present-tense statement ("employs", "has about 900", "has grown to"), not a future,
    conditional or quoted one."""
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "conj", "acl") and verb.head.i != verb.i:
        return _present(verb.head)
    if verb.dep_ in ("relcl", "acl", "conj", "advcl") and verb.tag_ not in ("VBZ", "VBP"):
        aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if not aux:
            return False
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.tag_ in ("MD", "VBD", "TO") for c in aux):
        return False
    if _quoted_speech(verb.sent):
        return False  # a quotation speaks for its own moment
    return verb.tag_ in ("VBZ", "VBP") or any(c.tag_ in ("VBZ", "VBP") for c in aux)


def _quoted_speech(sent: Span) -> bool:
    """A sentence that quotes someone's words (a quoted run of several words, or an unclosed
    quote), not one with a scare-quoted term ("Europe's first "unicorn"")."""
    marks = [t.i for t in sent if t.text in ('"', "\u201c", "\u201d")]
    if len(marks) % 2:
        return True
    return any(b - a > 4 for a, b in zip(marks[::2], marks[1::2], strict=True))


def _number_phrase(anchor: Token) -> Token:
    """The head of a number's own phrase ("140" -> "million" in "$140 million a year earlier")."""
    cur = anchor
    while cur.dep_ in ("compound", "quantmod", "nummod") and cur.head.like_num and cur.head.i != cur.i:
        cur = cur.head
    return cur


def _previous_sentence_dated(ctx: DocContext, anchor: Token) -> bool:
    """The sentence just before, in the same paragraph, holds the context time's year."""
    t = ctx.prev_context_time
    sent = ctx.sent_span(anchor)
    start = sent.start
    if t is None or start == 0 or not (t.start or t.end):
        return False
    prev = ctx.doc[start - 1].sent
    if "\n\n" in ctx.text[prev.start_char : sent.start_char]:
        return False
    year = (t.start or t.end or "")[:4]
    return any(tok.text == year for tok in prev)


#: How far into a text its lead figure may stand (characters): the title, date line and lead.
LEAD_CHARS = 700


def report_time(ctx: DocContext, anchor: Token) -> TimeSpan | None:
    """A dated report's period for an undated past-tense statement or list item: the year of
    the lead's first figure ("Companies ... exported $344 million in 2023" dates "Clients in
    the United States bought $151 million" and "- outsourcing: 57% of exports" further down)."""
    state = carry(ctx)
    if state.report is None or ctx.doc_date is None:
        return None
    verb = governing_verb(anchor)
    if not (_past(verb) or is_fragment(ctx, anchor)) or _present(verb):
        return None
    return state.report


#: Verbs of a study that states its period: "We looked at ... for 2023", "The figures cover 2023".
STUDY_VERBS = frozenset(words("look analyse analyze compare study examine survey review cover refer relate"))
#: Nouns for a study's data: "All figures are for 2023", "data for 2023".
DATA_NOUNS = frozenset(words("figure data number statistic estimate"))


def note_study(ctx: DocContext, sent: Span) -> None:
    """Remember a study-period statement ("We looked at manufacturing in five countries for
    2023", "All figures are for 2023", "The data refer to 2023"): its one year dates the
    undated figures after it."""
    view = ctx.sent
    if view is None or len(view.times) != 1:
        return
    hit = view.times[0]
    span = hit.span
    if span.precision != "year" or not span.start or not span.end or span.start[:4] != span.end[:4]:
        return
    first = ctx.doc[hit.start]
    prep = first.head if first.dep_ == "pobj" else None
    if prep is None or prep.lower_ not in ("for", "in", "to", "of"):
        return
    verb = governing_verb(first)
    subjects = children(verb, "nsubj", "nsubjpass")
    we = any(s.lower_ == "we" for s in subjects)
    data = any(s.lemma_.lower() in DATA_NOUNS for s in subjects) or prep.head.lemma_.lower() in DATA_NOUNS
    if (
        we
        and verb.lemma_.lower() in STUDY_VERBS
        or data
        and (verb.lemma_ in ("be", "refer", "relate", "cover") or prep.head.lemma_.lower() in DATA_NOUNS)
    ):
        carry(ctx).study = TimeSpan(span.start, span.end, "year", span.text)


def study_time(ctx: DocContext) -> TimeSpan | None:
    """The period a study-period statement gave, for an undated figure after it."""
    return carry(ctx).study


def note_report(ctx: DocContext, anchor: Token, time: TimeSpan | None) -> None:
    """Remember the first figure's year as the report's period, when it stands in the lead of a
    dated item and is a year before the item's."""
    state = carry(ctx)
    if state.report_read or time is None or time.text == PUBLISHED:
        return  # a title's undated figure leaves the lead's to come
    state.report_read = True
    if ctx.doc_date is None or anchor.idx > LEAD_CHARS or not time.start or not time.end:
        return
    year = time.start[:4]
    if year != time.end[:4] or not year.isdigit() or int(year) > ctx.doc_date.year:
        return
    state.report = TimeSpan(f"{year}-01-01", f"{year}-12-31", "year", time.text)


def note_time(ctx: DocContext, anchor: Token, time: TimeSpan | None) -> None:
    """Remember a measure's time for the undated statements after it."""
    state = carry(ctx)
    state.char = anchor.idx
    if time is not None and time.text == PUBLISHED:
        return  # the publication date is no paragraph's time
    if time is not None and time.start and time.end or time is not None and time.end:
        state.time = time


def _own_time_phrase(verb: Token, times: list[tuple[int, int]]) -> bool:
    """The verb has a temporal phrase the time normaliser did not read ("since its launch")."""
    return any(
        p.dep_ == "prep"
        and p.lower_ in ("since", "until", "during", "after", "before")
        and not any(start <= p.i < end or start <= p.i + 1 < end for start, end in times)
        for p in verb.children
    )


def _other_tense(time_verb: Token, verb: Token) -> bool:
    """A time in a past-tense clause of its own beside a present-tense quantity's clause."""
    return (
        time_verb != verb
        and time_verb.dep_ == "conj"
        and bool(children(time_verb, "nsubj", "nsubjpass"))
        and _past(time_verb)
        and _present(verb)
    )


def _past(verb: Token) -> bool:
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "conj") and verb.head.i != verb.i:
        return _past(verb.head)  # "Europe remained the largest market, taking 49% of exports"
    return verb.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children)


def _in_founding_clause(tok: Token, anchor: Token) -> bool:
    """A time inside a founding clause that does not hold the quantity ("Founded in 1999, ...")."""
    verb = governing_verb(tok)
    if verb.lemma_ not in FOUND_VERBS or verb == governing_verb(anchor):
        return False
    # "new companies registered in 2022": a clause on the counted noun itself dates the count
    return not (verb.head == anchor.head or verb.head in anchor.subtree and verb.dep_ in ("acl", "relcl"))


def emit_measure(
    ctx: DocContext,
    subjects: list[str],
    q: Quantity,
    measure: str,
    time: TimeSpan | None,
    root: Token,
    method: str,
    conf: float,
    qualifiers: dict[str, object],
) -> None:
    """Emit one measure claim per owner."""
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
