"""Relation patterns for beginnings and changes: founding, policies, acquisitions, succession, events."""

from __future__ import annotations

import calendar
import datetime as dt

from spacy.tokens import Token

from kronika.models import TimeSpan
from kronika.pipeline.context import DocContext
from kronika.pipeline.entities import EVENT_NOUNS, ORG_NOUNS, POLICY_NOUNS, ROLE_NOUNS
from kronika.pipeline.grammar import (
    _described,
    _time_in_subtree,
    active_subject,
    children,
    is_passive,
    is_passive_agent,
    passive_subject,
    places_in,
    preps,
    subject_entities,
)
from kronika.pipeline.vocabulary import (
    ESTABLISHING_AGENTS,
    FOUND_VERBS,
    OFFICE_NOUNS,
    POLICY_CREATION_VERBS,
    REPLACE_VERBS,
)

# -- patterns ------------------------------------------------------------------------------


def founding(ctx: DocContext, tok: Token) -> None:
    """ "X was founded in 1991 by Y", "X, established under Z", "Y launched X", "Y set up X"."""
    if tok.pos_ != "VERB" or tok.lemma_ not in FOUND_VERBS:
        return
    if tok.lemma_ == "set" and not any(c.lower_ == "up" for c in tok.children):
        return
    if tok.lemma_ in ("start", "open", "form") and tok.dep_ not in (
        "ROOT",
        "conj",
        "acl",
        "relcl",
        "advcl",
        "ccomp",
        "parataxis",
    ):
        return
    if tok.lemma_ in ("release", "unveil", "debut") and not is_passive(tok):
        return
    if children(tok, "nsubj") and not children(tok, "dobj", "nsubjpass", "auxpass"):
        _intransitive_founding(ctx, tok)
        return
    act_agents: set[str] = set()  # bodies that created it by an act ("by a resolution of X")
    if is_passive(tok):
        subjects = passive_subject(ctx, tok)
        if tok.dep_ == "acl" and tok.head.lemma_.lower() in ROLE_NOUNS | {"editor", "author"}:
            # "the founding editor of the journal X, launched in 1979": the journal, not the editor
            subjects = [e for p in preps(tok.head, "of") for e in subject_entities(ctx, p)]
        agents: list[str] = []
        subj = children(tok, "nsubjpass")
        if subj and not any(ctx.entity_type(s) not in ("person", "place") for s in subjects):
            # "X was founded ... by four engineers: A, B and C", the names parsed as the
            # subject's apposition: the subject is X itself
            m = ctx.mention_at(subj[0])
            subjects = [m.entity_id] if m is not None else subjects
        for by_phrase in preps(tok, "by"):
            issuers = _act_issuer(ctx, by_phrase)
            act_agents.update(issuers)
            agents.extend(issuers or ctx.entities_of(by_phrase))
            listed = (
                []
                if any(ctx.entity_type(a) == "person" for a in agents)
                else _listed_after_colon(ctx, by_phrase)
            )
            if listed:
                agents = [a for a in agents if a not in ctx.nominal_ids] + listed
        partners: list[str] = []
        for phrase in preps(tok, "in") + preps(tok, "with"):
            if phrase.lemma_ in ("cooperation", "collaboration", "partnership", "conjunction"):
                for q in preps(phrase, "with"):
                    partners.extend(ctx.entities_of(q))
        parent = [e for p in preps(tok, "under", "within") for e in ctx.entities_of(p, nominal=False)]
        # "on the initiative of X", "at the request of X", "under the leadership of X"
        for phrase in preps(tok, "on", "at", "under"):
            if phrase.lemma_ in ("initiative", "request", "leadership", "suggestion", "order", "instruction"):
                agents.extend(
                    e
                    for q in preps(phrase, "of")
                    for e in ctx.entities_of(q, nominal=False)
                    if ctx.entity_type(e) in ("person", "organization")
                )
        sites = [e for p in preps(tok, "at") for e in ctx.entities_of(p, nominal=False)]
        where = places_in(ctx, preps(tok, "in"))
    else:
        objs = children(tok, "dobj")
        if not objs:
            return
        subjects = []
        for o in objs:
            subjects.extend(subject_entities(ctx, o))
        agents = [
            a for a in active_subject(ctx, tok) if ctx.entity_type(a) in ("person", "organization", "policy")
        ]
        if agents and tok.lemma_ in ("found", "co-found", "cofound", "establish", "set", "start", "create"):
            # "co-founded the company in 2009 with Y": Y is a founder too
            agents += [
                e
                for p in preps(tok, "with")
                for e in ctx.entities_of(p, nominal=False)
                if ctx.entity_type(e) == "person" and e not in agents
            ]
        if tok.lemma_ == "open" and objs[0].pos_ == "PRON":
            return  # "people open it every month"
        if objs[0].lemma_ in CORE_NOUNS:
            core_of(ctx, tok, objs[0])  # "it has formed the core of Y": a part of Y, not a founding
            return
        partners, parent, sites = [], [], []
        where = places_in(ctx, preps(tok, "in") + [p for o in objs for p in preps(o, "in")])
        # "opened its doors": the opener started working then
        if objs[0].lemma_ == "door":
            subjects, agents = agents, []
        # "Tieto opened an office", "SAP established operations": a presence, not a founding.
        if objs[0].lower_ in OFFICE_NOUNS or objs[0].lemma_ in OFFICE_NOUNS:
            presence(ctx, tok, agents, objs[0])
            return
    # "development centers were launched by Ciklum": the agent opened a presence.
    head_words = {
        ctx.table.get(s).name.split()[-1].lower()  # type: ignore[union-attr]
        for s in subjects
        if ctx.table.get(s) and s in ctx.nominal_ids
    }
    if head_words & OFFICE_NOUNS and agents:
        presence(ctx, tok, agents, None)
        return
    subjects = [s for s in subjects if ctx.entity_type(s) not in ("person", "place", "group", "event")]
    if any(s not in ctx.nominal_ids for s in subjects):
        # "launched flespi, a back-end platform": the description is not a second thing founded
        subjects = [s for s in subjects if s not in ctx.nominal_ids]
    if not is_passive(tok):
        dobjs = children(tok, "dobj")
        described = {e for o in dobjs for c in o.children if c.dep_ == "appos" for e in ctx.resolve(c)}
        for o in dobjs[1:]:
            # "launched telmo, a back-end platform", parsed as two objects: the second describes
            edge = o.left_edge
            if edge.i > 0 and ctx.doc[edge.i - 1].text == "," and edge.lower_ in ("a", "an"):
                described.update(ctx.resolve(o))
        if any(s not in described for s in subjects):
            subjects = [s for s in subjects if s not in described]
    if tok.lemma_ == "open" and is_passive(tok):
        subjects = [s for s in subjects if ctx.entity_type(s) == "organization"]
    if tok.lemma_ in ("release", "unveil", "debut"):
        subjects = [s for s in subjects if ctx.entity_type(s) == "product"]
    if is_passive(tok):
        # "Vityaz, a Vitebsk maker founded in 1976": the name the description stands beside
        named = _appos_head(ctx, tok)
        if named and all(s in ctx.nominal_ids for s in subjects):
            subjects = named
    if not subjects:
        return
    time = ctx.time_for(tok) or _when_time(ctx, tok)
    if is_passive(tok):
        act_agents.update(_act_under(ctx, tok))
        agents.extend(a for a in _act_under(ctx, tok) if a not in agents)
    for s in subjects:
        ctx.emit(
            "founded",
            s,
            obj=where[0] if where else None,
            time=time,
            anchor=tok,
            method=f"founded:{'passive' if is_passive(tok) else 'active'}-{tok.lemma_}",
            confidence=0.8,
        )
        for a in agents:
            atype = ctx.entity_type(a)
            ent = ctx.table.get(a)
            words = set(ent.name.lower().split()) if ent else set()
            stype = ctx.entity_type(s)
            if (
                atype == "policy"
                or words & ESTABLISHING_AGENTS
                or stype in ("policy", "event")
                or a in act_agents
            ):
                ctx.emit(
                    "established_by",
                    s,
                    obj=a,
                    time=time,
                    anchor=tok,
                    method="established_by:agent",
                    confidence=0.75,
                )
            elif atype in ("person", "organization", "group"):
                ctx.emit(
                    "founded_by", s, obj=a, time=time, anchor=tok, method="founded_by:agent", confidence=0.8
                )
        for p in partners:
            ctx.emit(
                "founded_by",
                s,
                obj=p,
                time=time,
                anchor=tok,
                method="founded_by:in-cooperation-with",
                confidence=0.55,
            )
            for site in sites:
                ctx.emit(
                    "partnered_with",
                    site,
                    obj=p,
                    time=time,
                    anchor=tok,
                    method="partnered_with:site-cooperation",
                    confidence=0.5,
                )
        for p in parent:
            if ctx.entity_type(p) == "policy":
                # "launched under Decree No. 8": the decree brought it about
                ctx.emit(
                    "established_by",
                    s,
                    obj=p,
                    anchor=tok,
                    method="established_by:under-policy",
                    confidence=0.6,
                )
            else:
                ctx.emit("part_of", s, obj=p, anchor=tok, method="part_of:established-under", confidence=0.7)
        for site in sites:
            ctx.emit("located_in", s, obj=site, anchor=tok, method="located_in:opened-at", confidence=0.65)
    # "by presidential decree" as a plain prepositional phrase (not an agent)
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "by":
            for pobj in children(c, "pobj"):
                if pobj.lemma_ in ESTABLISHING_AGENTS and not is_passive_agent(c):
                    for d in _act_issuer(ctx, pobj) or ctx.entities_of(pobj):
                        for s in subjects:
                            ctx.emit(
                                "established_by",
                                s,
                                obj=d,
                                time=time,
                                anchor=tok,
                                method="established_by:by-decree",
                                confidence=0.75,
                            )


def _intransitive_founding(ctx: DocContext, tok: Token) -> None:
    """ "The X Centre (XC), set up in Kyiv in 1966, led ...", parsed with the participle as the
    main verb and the name as its active subject; "the X Works opened in March 1951", "the hub
    opened on the campus in 2013": the subject began then."""
    subj = children(tok, "nsubj")
    if not subj or children(tok, "aux", "auxpass", "xcomp", "ccomp", "attr", "acomp"):
        return
    if any(c.dep_ == "prt" and c.lower_ != "up" for c in tok.children):
        return
    participle = tok.tag_ == "VBN" and tok.dep_ == "ROOT" and tok.lemma_ not in ("start", "form", "launch")
    opened = tok.lemma_ == "open" and tok.tag_ in ("VBD", "VBN") and tok.dep_ in ("ROOT", "conj")
    if not participle and not opened:
        return
    if participle and not any(t.text == "," for t in ctx.doc[subj[0].i : tok.i]):
        return  # only the comma-enclosed participle ("X, set up in 1966, led ...")
    subjects = [
        s for s in subject_entities(ctx, subj[0]) if ctx.entity_type(s) in ("organization", "product")
    ]
    subjects = [s for s in subjects if s not in ctx.nominal_ids]
    time = ctx.time_for(tok)
    if opened and time is None:
        return
    where = places_in(ctx, preps(tok, "in"))
    for s in subjects:
        ctx.emit(
            "founded",
            s,
            obj=where[0] if where else None,
            time=time,
            anchor=tok,
            method=f"founded:intransitive-{tok.lemma_}",
            confidence=0.65,
        )


def _listed_after_colon(ctx: DocContext, phrase: Token) -> list[str]:
    """ "by four young engineers: A, B, C and D": the people named after the colon."""
    end = phrase.right_edge.i + 1
    sent = ctx.sent_span(phrase)
    if end >= sent.end or ctx.doc[end].text != ":" or phrase.pos_ not in ("NOUN", "NUM"):
        return []
    out: list[str] = []
    for t in ctx.doc[end + 1 : sent.end]:
        if t.text in (";", ".", "(") or t.pos_ == "VERB":
            break
        m = ctx.mention_at(t)
        if m is not None and t.i == m.end - 1 and ctx.entity_type(m.entity_id) == "person":
            out.append(m.entity_id)
    return out


def _appos_head(ctx: DocContext, verb: Token) -> list[str]:
    """The name a described noun stands beside: "Vityaz, a Vitebsk maker founded in 1976"."""
    noun = verb.head
    if verb.dep_ != "acl" or noun.dep_ != "appos" or ctx.mention_at(noun) is not None:
        return []
    m = ctx.mention_at(noun.head)
    if m is None or ctx.entity_type(m.entity_id) not in ("organization", "product", "policy"):
        return []
    return [m.entity_id]


def _when_time(ctx: DocContext, verb: Token) -> TimeSpan | None:
    """ "... to 1965, when the X Institute was set up": the time the "when" clause hangs on."""
    if verb.dep_ != "relcl" or not any(c.lower_ == "when" for c in verb.children):
        return None
    view = ctx.sent
    if view is None:
        return None
    for t in view.times:
        if t.start <= verb.head.i < t.end:
            return t.span
    return None


#: "in accordance with", "pursuant to", "in line with": an act a body was created by.
ACCORDANCE_WORDS = frozenset(["accordance", "pursuant", "according", "line", "compliance"])


def _act_under(ctx: DocContext, verb: Token) -> list[str]:
    """ "was created under a decree of the President", "established in accordance with
    Resolution No. 12 of the Council of Ministers", "by order of the Ministry": the act when
    named, else its issuer."""
    out: list[str] = []
    phrases = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("under", "by", "per")]
    # "in accordance with X", "pursuant to X", "in line with X": the phrase hangs on its noun
    for t in verb.subtree:
        if (
            t.dep_ == "prep"
            and t.lower_ in ("with", "to")
            and t.head.lower_ in ACCORDANCE_WORDS
            and verb.i in (t.head.head.i, t.head.head.head.i)
        ):
            phrases.append(t)
    for prep in phrases:
        for pobj in children(prep, "pobj"):
            if pobj.lemma_ not in ACT_NOUNS | {"law"} and pobj.left_edge.lower_ not in ACT_NOUNS:
                continue
            named = [
                e for e in ctx.resolve(pobj, nominal=False) if ctx.entity_type(e) == "policy"
            ] or _numbered_act(ctx, pobj)
            if named:
                out.extend(e for e in named if e not in out)
                continue
            issuers = _act_issuer(ctx, pobj)
            if not issuers:
                # "a decree of the President of Belarus": the office, named by its phrase
                issuers = [
                    e
                    for q in preps(pobj, "of")
                    if q.lemma_.lower() in ESTABLISHING_AGENTS and ctx.mention_at(q) is None
                    for e in [ctx.nominal(q, "organization")]
                    if e
                ]
            if not issuers and any(c.dep_ in ("amod", "compound") for c in pobj.children):
                # "under a presidential decree", "by a government resolution": the act itself
                made = ctx.nominal(pobj, "policy", with_of=False)
                issuers = [made] if made else []
            out.extend(e for e in issuers if e not in out)
    return out


#: Documents an authority issues: "a resolution of the Council of Ministers".
ACT_NOUNS = frozenset(["decree", "resolution", "order", "edict", "act", "decision", "directive", "ordinance"])


def _act_issuer(ctx: DocContext, phrase: Token) -> list[str]:
    """ "by a resolution of the USSR Council of Ministers": the body that issued the act, when
    the act itself has no name."""
    if phrase.lemma_ not in ACT_NOUNS or ctx.mention_at(phrase) is not None:
        return []
    return [
        e
        for q in preps(phrase, "of")
        for e in ctx.entities_of(q, nominal=False)
        if ctx.entity_type(e) in ("organization", "person")
    ]


#: "formed the core of Y", "became the backbone of Y": the subject is the main part of Y.
CORE_NOUNS = frozenset(["core", "nucleus", "heart", "backbone", "kernel", "basis", "base"])


def core_of(ctx: DocContext, verb: Token, noun: Token) -> None:
    """ "Since the 1970s it has formed the core of the X Association", "the lab became the
    nucleus of the new institute": the subject is part of Y from then."""
    wholes = [
        e
        for q in preps(noun, "of")
        for e in ctx.entities_of(q, nominal=False)
        if ctx.entity_type(e) == "organization"
    ]
    parts = [e for e in active_subject(ctx, verb) if ctx.entity_type(e) == "organization" and e not in wholes]
    ctx.emit_pairs(
        "part_of",
        parts,
        wholes,
        time=ctx.time_for(verb),
        anchor=noun,
        method=f"part_of:{verb.lemma_}-{noun.lemma_}-of",
        confidence=0.6,
    )


def presence(ctx: DocContext, verb: Token, owners: list[str], office: Token | None) -> None:
    """ "opened an office in P", "development centers were launched by X": operates_in P."""
    where: list[str] = []
    if office is not None:
        where = places_in(ctx, preps(office, "in"))
    where = where or places_in(ctx, preps(verb, "in"))
    if not where and ctx.focus:
        where = [ctx.focus]
    for o in owners:
        if ctx.entity_type(o) not in ("organization", "group"):
            continue
        for w in where:
            ctx.emit(
                "operates_in",
                o,
                obj=w,
                time=ctx.time_for(verb),
                anchor=verb,
                method="operates_in:opened-office",
                confidence=0.7,
            )


def election(ctx: DocContext, tok: Token) -> None:
    """ "Elected in 1994, X ...", "X was elected president": holds_position from the election."""
    if tok.lemma_ not in ("elect", "appoint", "name", "inaugurate", "re-elect") or tok.pos_ != "VERB":
        return
    if not is_passive(tok):
        return
    people = [p for p in passive_subject(ctx, tok) if ctx.entity_type(p) == "person"]
    if not people:
        return
    office: str | None = None
    for c in tok.children:
        if c.dep_ in ("oprd", "attr", "xcomp", "dobj") and c.lemma_.lower() in ROLE_NOUNS:
            office = ctx.table.add("organization", " ".join(t.text for t in c.subtree if t.dep_ != "det")).id
        if c.dep_ == "prep" and c.lower_ == "as":
            for role in children(c, "pobj"):
                if role.lemma_.lower() in ROLE_NOUNS:
                    office = ctx.table.add(
                        "organization", " ".join(t.text for t in role.subtree if t.dep_ != "det")
                    ).id
    if office is None and any(
        c.dep_ in ("oprd", "attr", "xcomp", "dobj") and c.pos_ == "NOUN" for c in tok.children
    ):
        return  # "elected a corresponding member of X": a title, not an office of the text's subject
    if office is None:
        office = ctx.focus
    if office is None:
        return
    t = ctx.time_for(tok)
    if t is not None and t.start:
        from kronika.models import TimeSpan

        t = TimeSpan(t.start, None, t.precision, t.text)
    for person in people:
        ctx.emit(
            "holds_position",
            person,
            obj=office,
            time=t,
            anchor=tok,
            method="holds_position:elected",
            confidence=0.55,
            qualifiers={"role": "elected office"},
        )


def acquisition(ctx: DocContext, tok: Token) -> None:
    """ "X acquired Y in 2014", "Y was bought by X", "X took over Y": Y became part of X then;
    a price ("for $900 million") is a measure of the deal."""
    if tok.pos_ != "VERB":
        return
    lemma = tok.lemma_
    if lemma == "take" and not any(c.lower_ == "over" for c in tok.children):
        return
    if lemma in ("complete", "finalize", "finalise", "close", "announce", "agree"):
        # "X completed the acquisition of Y and Z"
        for o in children(tok, "dobj"):
            if o.lemma_ in ("acquisition", "purchase", "takeover", "buyout"):
                buyers = [b for b in active_subject(ctx, tok) if ctx.entity_type(b) == "organization"]
                bought = [
                    e
                    for p in preps(o, "of")
                    for e in ctx.entities_of(p, nominal=False)
                    if ctx.entity_type(e) in ("organization", "product")
                ]
                for y in bought:
                    for x in buyers:
                        ctx.emit(
                            "part_of",
                            y,
                            obj=x,
                            time=ctx.time_for(tok),
                            anchor=o,
                            method="part_of:acquisition-of",
                            confidence=0.65,
                            qualifiers={"via": "acquisition"},
                        )
        return
    if lemma not in ("acquire", "buy", "purchase", "take", "absorb"):
        return
    time = ctx.time_for(tok)
    if time is None and tok.dep_ == "xcomp":
        time = ctx.time_for(tok.head)  # "In May 2019 X agreed to buy Y"
    if time is None and not is_passive(tok) and (tok.tag_ in ("VBZ", "VBP") or tok.dep_ == "xcomp"):
        time = _news_time(ctx, tok)  # a dated item's "X has agreed to buy Y", "X buys Y"
    # (bought, buyers, time) for each deal the clause tells
    deals: list[tuple[list[str], list[str], TimeSpan | None]] = []
    if is_passive(tok):
        bought = passive_subject(ctx, tok)
        for k, a in enumerate(preps(tok, "by")):
            # "was acquired by X in 2005 and later by Y, which paid ... in 2011": the second
            # buyer's time is its own phrase's, else none
            when = time if k == 0 else _time_in_subtree(ctx, a)
            deals.append((bought, ctx.entities_of(a, nominal=False), when))
    else:
        buyers = active_subject(ctx, tok)
        bought = [e for o in children(tok, "dobj") for e in ctx.entities_of(o, nominal=False)]
        if not bought:
            # "took over Alliance Global Services": the particle's object
            bought = [
                e
                for c in tok.children
                if c.dep_ == "prt"
                for o in children(c, "pobj", "dobj")
                for e in ctx.entities_of(o, nominal=False)
            ]
        deals.append((bought, buyers, time))
        # "bought A, a consultancy, in 2015, and B, a studio, in 2018": a gapped second object
        # hangs on the verb as a conjunct noun with its own time
        for c in children(tok, "conj"):
            if c.pos_ in ("PROPN", "NOUN") and ctx.mention_at(c) is not None and not children(c, "nsubj"):
                deals.append((ctx.resolve(c, nominal=False), buyers, _time_in_subtree(ctx, c)))
    for bought, buyers, when in deals:
        _acquired(ctx, tok, bought, buyers, when)


def _news_time(ctx: DocContext, tok: Token) -> TimeSpan | None:
    """A deal told in a dated news item without a time of its own ("has agreed to buy", "A
    advised B"): it happened when the item was published. Quotations and sentences with
    times of their own are left alone."""
    if ctx.doc_date is None or (ctx.sent is not None and ctx.sent.times):
        return None
    sent = ctx.sent_span(tok)
    if any(t.text in ('"', "\u201c", "\u201d") for t in sent):
        return None
    verb = tok
    while verb.pos_ != "VERB" and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ == "xcomp":
        verb = verb.head
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.tag_ == "MD" for c in aux):
        return None
    day = ctx.doc_date.isoformat()
    return TimeSpan(day, day, "day", "as of publication")


def _appos_name(ctx: DocContext, tok: Token) -> list[str]:
    """ "the media group Naspers": the name in apposition to a descriptive head."""
    return [m.entity_id for c in tok.children if c.dep_ == "appos" and (m := ctx.mention_at(c)) is not None]


def _acquired(
    ctx: DocContext, tok: Token, bought: list[str], buyers: list[str], time: TimeSpan | None
) -> None:
    lemma = tok.lemma_
    buyers = [b for b in buyers if ctx.entity_type(b) in ("organization", "person", "group")]
    bought = [b for b in bought if ctx.entity_type(b) in ("organization", "product")]
    # "Y was bought from X by Z in 2016": Y had been part of the seller until then
    sellers = [
        e
        for p in preps(tok, "from")
        for e in (_appos_name(ctx, p) or ctx.entities_of(p, nominal=False))
        if ctx.entity_type(e) == "organization" and e not in bought
    ]
    until = TimeSpan(None, time.end, time.precision, time.text) if time is not None and time.end else None
    for y in bought:
        for s in sellers:
            ctx.emit(
                "part_of",
                y,
                obj=s,
                time=until,
                anchor=tok,
                method=f"part_of:{lemma}-from",
                confidence=0.55,
                qualifiers={"via": "sale"},
            )
    for y in bought:
        for x in buyers:
            if ctx.entity_type(x) == "organization":
                ctx.emit(
                    "part_of",
                    y,
                    obj=x,
                    time=time,
                    anchor=tok,
                    method=f"part_of:{lemma}d",
                    confidence=0.7,
                    qualifiers={"via": "acquisition"},
                )
            elif lemma != "take":  # "the lab was taken over by Y": Y led it
                ctx.emit(
                    "invested_in",
                    x,
                    obj=y,
                    time=time,
                    anchor=tok,
                    method=f"invested_in:{lemma}",
                    confidence=0.6,
                )


def succession(ctx: DocContext, tok: Token) -> None:
    """ "X was phased out in favor of Y", "X was replaced by Y", "Y replaced X", "X gave way to Y"."""
    if tok.pos_ != "VERB":
        return
    old: list[str] = []
    new: list[str] = []
    if tok.lemma_ == "phase" or (
        tok.lemma_ in ("discontinue", "abandon", "retire", "drop") and is_passive(tok)
    ):
        old = passive_subject(ctx, tok)
        for p in preps(tok, "in"):
            if p.lemma_ in ("favor", "favour"):
                new = [e for q in preps(p, "of") for e in ctx.entities_of(q)]
    elif tok.lemma_ in REPLACE_VERBS:
        if is_passive(tok):
            old = passive_subject(ctx, tok)
            new = [e for a in preps(tok, "by") for e in ctx.entities_of(a)]
        else:
            new = active_subject(ctx, tok)
            old = [e for o in children(tok, "dobj") for e in ctx.entities_of(o)]
    elif tok.lemma_ in (
        "reorganise",
        "reorganize",
        "rename",
        "transform",
        "convert",
        "restructure",
        "merge",
        "rebrand",
    ) and is_passive(tok):
        # "X was reorganised into Y in 1962": Y succeeds X and begins then
        old = _renamed_body(ctx, tok)
        new = [e for p in preps(tok, "into", "as", "to") for e in ctx.entities_of(p, nominal=False)]
        # "was renamed the Belarusian State University of ..."
        new += [
            e
            for c in children(tok, "oprd", "attr", "dobj", "xcomp")
            for e in ctx.entities_of(c, nominal=False)
        ]
        # "renamed Pravetz 82, the first personal computer made in series": the name, not its gloss
        new = [e for e in new if e not in ctx.nominal_ids and _capitalised(ctx, e)]
        if not new and tok.lemma_ in ("reorganise", "reorganize", "transform", "convert", "restructure"):
            # a named body in a new legal form (not a founding of its own)
            old = [o for o in old if o not in ctx.nominal_ids]
            new = _legal_form(ctx, tok) if old else []
        # "Founded in 1957 as the Computing Centre, it was reorganised into Y": the old name
        # is the one the fronted participle gives
        subj = children(tok, "nsubjpass")
        if subj and subj[0].lower_ in ("it", "they"):
            for c in tok.children:
                if c.dep_ == "advcl" and c.lemma_ in FOUND_VERBS:
                    former = [e for p in preps(c, "as") for e in ctx.entities_of(p, nominal=False)]
                    if former:
                        old = former
        for n in new:
            if ctx.entity_type(n) == "organization" and n not in ctx.nominal_ids:
                ctx.emit(
                    "founded",
                    n,
                    time=ctx.time_for(tok),
                    anchor=tok,
                    method=f"founded:{tok.lemma_}d-into",
                    confidence=0.55,
                )
    elif tok.lemma_ in ("rename", "rebrand") and not is_passive(tok):
        # "they renamed it PandaDoc"
        old = [e for o in children(tok, "dobj") for e in ctx.resolve(o, nominal=False)]
        new = [
            e
            for c in children(tok, "oprd", "attr", "xcomp", "ccomp")
            for e in ctx.entities_of(c, nominal=False)
        ]
        new += [e for p in preps(tok, "to", "as") for e in ctx.entities_of(p, nominal=False)]
    elif tok.lemma_ == "give" and any(c.lower_ == "way" for c in tok.children):
        old = active_subject(ctx, tok)
        new = [e for p in preps(tok, "to") for e in ctx.entities_of(p)]
    # a renaming holds at the time the text is at ("There the K-2 was renamed K-82")
    time = ctx.time_for(tok, "context" if tok.lemma_ in ("rename", "rebrand") else "clause")
    for o in old:
        for n in new:
            if ctx.entity_type(o) in ("person", "place", "group"):
                continue  # "He was succeeded by Y as president": an office, not a successor thing
            if ctx.entity_type(o) == ctx.entity_type(n) or {ctx.entity_type(o), ctx.entity_type(n)} <= {
                "product",
                "organization",
            }:
                ctx.emit(
                    "succeeded_by",
                    o,
                    obj=n,
                    time=time,
                    anchor=tok,
                    method="succeeded_by:replaced",
                    confidence=0.7,
                )


#: Words of a legal form a body is reorganised into ("an open joint-stock company", "a holding").
LEGAL_FORM_WORDS = frozenset(
    ["joint", "stock", "joint-stock", "unitary", "limited", "liability", "holding", "production", "public"]
    + ["private", "closed", "open", "state", "republican", "scientific", "research", "industrial"]
)
LEGAL_FORM_HEADS = frozenset(
    ["company", "enterprise", "association", "holding", "corporation", "partnership"]
)


def _legal_form(ctx: DocContext, verb: Token) -> list[str]:
    """ "was reorganised into an open joint-stock company": the body in its new legal form, named
    by the form (its own new name, if any, is given elsewhere)."""
    for p in preps(verb, "into", "as"):
        if p.lemma_.lower() not in LEGAL_FORM_HEADS or ctx.mention_at(p) is not None:
            continue
        words = [t for c in p.lefts if c.dep_ in ("amod", "compound") for t in c.subtree]
        if not (p.lemma_.lower() == "holding" or any(t.lower_ in LEGAL_FORM_WORDS for t in words)):
            continue
        name = " ".join(t.text for t in sorted([*words, p], key=lambda t: t.i)).replace(" - ", "-")
        ent = ctx.table.add("organization", name)
        ctx.nominal_ids.add(ent.id)
        return [ent.id]
    return []


def _renamed_body(ctx: DocContext, verb: Token) -> list[str]:
    """What a passive renaming is about. "the institute began to train ..., and in 1989 it was
    renamed Y": a pronoun in a conjoined clause is the first clause's subject when it names a
    body; "the polytechnic was reorganised as Y": a definite noun that is a word of a body's
    name met lately ("the X Polytechnic Institute")."""
    subj = children(verb, "nsubjpass")
    found = passive_subject(ctx, verb)
    if not subj:
        return found
    s = subj[0]
    if s.lower_ in ("it", "they") and verb.dep_ == "conj":
        first = children(verb.head, "nsubj", "nsubjpass")
        if first:
            bodies = [e for e in ctx.resolve(first[0], nominal=False) if ctx.entity_type(e) == "organization"]
            if bodies and not any(ctx.entity_type(e) == "organization" for e in found):
                return bodies
    if (
        ctx.mention_at(s) is None
        and s.pos_ in ("NOUN", "ADJ")
        and any(c.dep_ == "det" and c.lower_ == "the" for c in s.children)
        and not any(ctx.entity_type(e) == "organization" and e not in ctx.nominal_ids for e in found)
    ):
        word = s.lower_
        for eid in reversed(ctx.recent[-40:]):
            ent = ctx.table.get(eid)
            if ent is None or ent.type != "organization" or eid in ctx.nominal_ids:
                continue
            if word in ent.name.lower().split()[:-1]:
                return [eid]
    return found


def _capitalised(ctx: DocContext, eid: str) -> bool:
    """A proper name ("K-82"), not a common noun the recogniser knows ("computers")."""
    ent = ctx.table.get(eid)
    return ent is not None and ent.name[:1].isupper()


SUCCESSION_TYPES = frozenset(["product", "organization", "policy", "event"])


def successor_of(ctx: DocContext, tok: Token) -> None:
    """ "Its successor, the K-2, ...", "the Z-3: the successor of the Z-2", "X's predecessor, Y":
    one thing succeeded by the next."""
    if tok.pos_ != "NOUN" or tok.lemma_ not in ("successor", "predecessor"):
        return
    this: list[str] = []
    other: list[str] = []
    owners = [c for c in tok.children if c.dep_ == "poss"]
    if owners:
        # "its successor, the K-2": the successor is the name beside the noun
        other = [e for c in owners for e in ctx.resolve(c, nominal=False)]
        for c in tok.children:
            if c.dep_ == "appos":
                m = ctx.mention_at(c)
                if m is not None:
                    this = [m.entity_id]
                    break
        if not this and tok.dep_ == "appos":
            m = ctx.mention_at(tok.head)
            this = [m.entity_id] if m is not None else []
    else:
        other = [e for p in preps(tok, "of", "to") for e in ctx.entities_of(p, nominal=False)]
        if other and tok.dep_ in ("appos", "attr"):
            this = _described(ctx, tok)
    this = [e for e in this if ctx.entity_type(e) in SUCCESSION_TYPES]
    other = [e for e in other if ctx.entity_type(e) in SUCCESSION_TYPES]
    old, new = (other, this) if tok.lemma_ == "successor" else (this, other)
    ctx.emit_pairs(
        "succeeded_by",
        old,
        new,
        time=ctx.time_for(tok),
        anchor=tok,
        method=f"succeeded_by:{tok.lemma_}",
        confidence=0.6,
    )


#: Adjectives of a body that stands on its own after leaving another ("an independent body").
SEPARATE_WORDS = frozenset(["independent", "separate", "autonomous", "standalone", "stand-alone", "new"])


def _former_body(ctx: DocContext, subj: Token) -> list[str]:
    """The body a subject names; "the bureau" that the text has not named otherwise stands for
    itself, not for the last organisation met."""
    found = [e for e in ctx.resolve(subj) if ctx.entity_type(e) == "organization"]
    if ctx.mention_at(subj) is not None or subj.pos_ != "NOUN":
        return found
    head = subj.lemma_.lower()
    named = [e for e in found if (ent := ctx.table.get(e)) is not None and head in ent.name.lower()]
    if named:
        return named
    made = ctx.nominal(subj, "organization")
    return [made] if made else []


def _name_after(ctx: DocContext, noun: Token) -> list[str]:
    """ "an independent body, the X Institute": the name right after the noun phrase and a
    comma, however the parser attached it."""
    aside = {t.i for c in noun.children if c.dep_ in ("appos", "punct") for t in c.subtree}
    end = max(t.i for t in noun.subtree if t.i not in aside) + 1
    if end + 1 >= len(ctx.doc) or ctx.doc[end].text != ",":
        return []
    j = end + 1
    if ctx.doc[j].lower_ == "the" and j + 1 < len(ctx.doc):
        j += 1
    m = ctx.mention_at(ctx.doc[j])
    if m is None or m.entity_id in ctx.nominal_ids:
        return []
    return [m.entity_id]


NAMED_FORM_HEADS = frozenset(
    ["association", "holding", "enterprise", "company", "corporation", "concern", "combine", "trust"]
    + ["consortium", "institute", "university", "academy", "plant", "factory", "works"]
)


def _named_form(ctx: DocContext, noun: Token) -> list[str]:
    """ "the Kalina production association", "the Vesna holding": a body named by a proper name
    before an organisation noun, which the recogniser did not take whole."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
        return []
    lefts = [c for c in noun.lefts if c.dep_ in ("compound", "amod", "nmod")]
    if not any(c.pos_ == "PROPN" and c.is_title for c in lefts):
        return []
    words = sorted({t.i: t for c in lefts for t in c.subtree}.values(), key=lambda t: t.i)
    if noun.lemma_.lower() not in NAMED_FORM_HEADS:
        return []  # "became the Minsk branch of Y" is a part of Y, not a successor
    name = " ".join(t.text for t in [*words, noun]).replace(" - ", "-")
    ent = ctx.table.add("organization", name)
    return [ent.id] if ent.type == "organization" else []


#: Verbs of a body taking a new legal form ("was privatised in 1996 as OJSC X").
NEW_FORM_VERBS = frozenset(
    ["privatise", "privatize", "corporatise", "corporatize", "re-register", "reregister"]
)


def new_form(ctx: DocContext, tok: Token) -> None:
    """ "X was privatised in 1996 as OJSC Y", "X was corporatised, becoming OJSC Y", "A and B merged
    to form C", "X, known until 2001 as Y", "X changed its name to Y": succeeded by the body in
    its new form or name."""
    if tok.pos_ not in ("VERB", "AUX"):
        return
    old: list[str] = []
    new: list[str] = []
    time = ctx.time_for(tok)
    lemma = tok.lemma_.lower()
    if lemma in NEW_FORM_VERBS:
        old = passive_subject(ctx, tok) if is_passive(tok) else active_subject(ctx, tok)
        new = [e for p in preps(tok, "as", "into") for e in ctx.entities_of(p, nominal=False)]
        for c in tok.children:
            if c.dep_ in ("advcl", "xcomp") and c.lemma_ == "become":
                new += [e for a in children(c, "attr") for e in ctx.entities_of(a, nominal=False)]
        if not new:
            new = _legal_form(ctx, tok)
    elif lemma == "merge" and not is_passive(tok):
        # "A and B merged to form C"
        old = active_subject(ctx, tok)
        for c in tok.children:
            if c.dep_ in ("xcomp", "advcl") and c.lemma_ in ("form", "create", "become", "establish"):
                new += [e for o in children(c, "dobj", "attr") for e in ctx.entities_of(o, nominal=False)]
    elif lemma == "know" and tok.dep_ == "acl":
        # "Kalina Holding, known until 2001 as the Gomel Radio Plant": the old name came first
        if not any(
            c.lower_ in ("formerly", "previously", "originally", "earlier", "until", "till")
            for c in tok.subtree
        ):
            return
        new = [m.entity_id] if (m := ctx.mention_at(tok.head)) is not None else []
        old = [e for p in preps(tok, "as") for e in ctx.entities_of(p, nominal=False)]
    elif lemma == "change" and any(o.lemma_ == "name" for o in children(tok, "dobj")):
        # "X changed its name to Y"
        old = active_subject(ctx, tok)
        new = [e for p in preps(tok, "to") for e in ctx.entities_of(p, nominal=False)]
    else:
        return
    old = [o for o in old if ctx.entity_type(o) == "organization"]
    new = [n for n in new if ctx.entity_type(n) == "organization" and n not in old]
    if old and new:
        ctx.emit_pairs(
            "succeeded_by",
            old,
            new,
            time=time,
            anchor=tok,
            method=f"succeeded_by:{lemma}-form",
            confidence=0.6,
        )


def became_new(ctx: DocContext, tok: Token) -> None:
    """A body turning into another: "in the early 1970s the bureau became an independent body,
    the X Institute" (X begins then), "the institute became the Y University", "it was later
    turned into an open joint-stock company, OJSC Z": succeeded by the new body."""
    if tok.pos_ not in ("VERB", "AUX"):
        return
    founds = False
    if tok.lemma_ == "become":
        subj = children(tok, "nsubj")
        attrs = children(tok, "attr")
        if not subj or not attrs:
            return
        attr = attrs[0]
        old = _former_body(ctx, subj[0])
        m = ctx.mention_at(attr)
        if m is not None:
            # "the institute became the Y University": a named body, not "a resident of Y"
            outside_of = [p for p in preps(attr, "of") if not m.start <= p.i < m.end]
            new = [m.entity_id] if m.entity_id not in ctx.nominal_ids and not outside_of else []
        elif attr.lemma_ in ORG_NOUNS or attr.lemma_ in ("body", "entity", "organisation", "organization"):
            # the name in apposition, to the noun or (as parsed) to the subject after it
            # only a body that split off ("an independent body"): "became a state university,
            # Y" is the same body under a new status
            founds = any(c.lemma_ in SEPARATE_WORDS for c in attr.children if c.dep_ == "amod")
            new = _name_after(ctx, attr) if founds else []
            if not new and not founds:
                new = _named_form(ctx, attr)
        else:
            return
    elif tok.lemma_ in ("turn", "transform", "convert", "reorganise", "reorganize") and is_passive(tok):
        # "was turned into an open joint-stock company, OJSC Z": the name beside the noun
        old = [e for e in passive_subject(ctx, tok) if ctx.entity_type(e) == "organization"]
        new = [e for p in preps(tok, "into") if ctx.mention_at(p) is None for e in _name_after(ctx, p)]
    else:
        return
    new = [n for n in new if ctx.entity_type(n) == "organization" and n not in old]
    if not old or not new:
        return
    time = ctx.time_for(tok)
    ctx.emit_pairs(
        "succeeded_by",
        old,
        new,
        time=time,
        anchor=tok,
        method=f"succeeded_by:{tok.lemma_}-body",
        confidence=0.6,
    )
    if founds:
        for n in new:
            ctx.emit(
                "founded", n, time=time, anchor=tok, method="founded:became-independent", confidence=0.55
            )


def began(ctx: DocContext, tok: Token) -> None:
    """ "The company began in Minsk in 2011 as Quote Roller": it was founded then and there,
    under a name it later left behind."""
    if tok.pos_ != "VERB" or tok.lemma_ not in ("begin", "start") or is_passive(tok):
        return
    if children(tok, "dobj", "xcomp", "ccomp"):
        return  # "began moving its staff", "began to take shape"
    orgs = [e for e in active_subject(ctx, tok) if ctx.entity_type(e) == "organization"]
    if not orgs:
        return
    where = places_in(ctx, preps(tok, "in"))
    time = ctx.time_for(tok)
    if time is None and not where:
        return
    former = [
        e
        for p in preps(tok, "as")
        for e in ctx.entities_of(p, nominal=False)
        if ctx.entity_type(e) in ("organization", "product")
    ]
    for o in orgs:
        ctx.emit(
            "founded",
            o,
            obj=where[0] if where else None,
            time=time,
            anchor=tok,
            method="founded:began",
            confidence=0.55,
        )
        for f in former:
            if f != o:
                ctx.emit("succeeded_by", f, obj=o, anchor=tok, method="succeeded_by:began-as", confidence=0.5)


def policy_acts(ctx: DocContext, tok: Token) -> None:
    """ "Decree No. 8 introduced tax exemptions", "the law created the zone": what a policy brings
    in is established by it."""
    if tok.pos_ != "VERB" or is_passive(tok) or tok.lemma_ not in POLICY_EFFECT_VERBS:
        return
    policies = [p for p in active_subject(ctx, tok) if ctx.entity_type(p) == "policy"]
    if not policies:
        return
    made = [e for o in children(tok, "dobj") for e in ctx.entities_of(o)]
    for p in policies:
        for m in made:
            if m != p and ctx.entity_type(m) not in ("place", "person"):
                ctx.emit(
                    "established_by",
                    m,
                    obj=p,
                    time=ctx.time_for(tok),
                    anchor=tok,
                    method=f"established_by:policy-{tok.lemma_}",
                    confidence=0.55,
                )


POLICY_EFFECT_VERBS = frozenset(
    ["introduce", "establish", "create", "legalize", "legalise", "grant", "provide", "set", "launch", "allow"]
)


def _policy_signed_by(ctx: DocContext, tok: Token) -> None:
    """ "Decree No. 8, which was signed by Alexander Lukashenko in December 2017"."""
    policies = [p for p in passive_subject(ctx, tok) if ctx.entity_type(p) == "policy"]
    signers = [
        e
        for a in preps(tok, "by")
        for e in ctx.entities_of(a, nominal=False)
        if ctx.entity_type(e) in ("person", "organization")
    ]
    time = ctx.time_for(tok) or _weekday_time(ctx, tok)
    # "Resolution No. 389 of the Council of Ministers, ..., was signed by X": the issuing body too
    issuers = [
        e
        for subj in children(tok, "nsubjpass")
        for t in subj.subtree
        if t.dep_ == "pobj" and t.head.lower_ == "of" and t.i < tok.i
        for e in ctx.entities_of(t, nominal=False)
        if ctx.entity_type(e) == "organization" and e not in signers
    ][:1]
    for p in policies:
        ctx.emit("founded", p, time=time, anchor=tok, method=f"founded:{tok.lemma_}ed-policy", confidence=0.7)
        for issuer in issuers:
            ctx.emit(
                "established_by",
                p,
                obj=issuer,
                time=time,
                anchor=tok,
                method="established_by:act-of-issuer",
                confidence=0.65,
            )
        for signer in signers:
            ctx.emit(
                "established_by",
                p,
                obj=signer,
                time=time,
                anchor=tok,
                method="established_by:signed-by",
                confidence=0.7,
            )


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekday_time(ctx: DocContext, tok: Token) -> TimeSpan | None:
    """ "on Thursday" in a dated news item: the last such weekday on or before the date."""
    if ctx.doc_date is None:
        return None
    for p in preps(tok, "on"):
        if p.lower_ in WEEKDAYS:
            back = (ctx.doc_date.weekday() - WEEKDAYS.index(p.lower_)) % 7
            day = (ctx.doc_date - dt.timedelta(days=back)).isoformat()
            return TimeSpan(day, day, "day", f"on {p.text}")
    return None


def _named_policies(ctx: DocContext, tok: Token) -> list[str]:
    """The named policies a verb's objects are ("signed Decree No. 8", "adopted the Digital
    Economy Act"): a mention of a policy on an object or inside its phrase."""
    out: list[str] = []
    for o in children(tok, "dobj"):
        ids = [m.entity_id] if (m := ctx.mention_at(o)) is not None else []
        if not ids and o.lower_ in ("which", "that") and tok.dep_ == "relcl":
            # "Decree No. 102, which President X signed on 12 April": the act the clause is on
            ids = _act_before(ctx, tok)
        if not ids and o.lemma_ in ("decree", "law", "act", "regulation", "resolution", "bill", "edict"):
            ids = [
                m.entity_id
                for c in o.children
                if c.dep_ in ("appos", "compound") and (m := ctx.mention_at(c))
            ]
        if not ids:
            ids = _numbered_act(ctx, o)
        for e in ids:
            if ctx.entity_type(e) == "policy" and e not in ctx.nominal_ids and e not in out:
                out.append(e)
    return out


def _act_before(ctx: DocContext, clause: Token) -> list[str]:
    """The act a relative clause follows: "Decree No. 102, which ...", however "No." split the
    parse."""
    i = clause.left_edge.i - 1
    if i >= 0 and ctx.doc[i].text == ",":
        i -= 1
    if i < 0:
        return []
    m = ctx.mention_at(ctx.doc[i])
    if m is not None:
        return [m.entity_id]
    for k in range(i, max(i - 5, -1), -1):
        t = ctx.doc[k]
        if t.lower_ in ACT_NOUNS | {"law", "bill"} and t.is_title:
            return _numbered_act(ctx, t)
    return []


def _numbered_act(ctx: DocContext, obj: Token) -> list[str]:
    """ "Decree No. 47", "Law No. 12-Z": an act named by its number, which the recogniser did
    not know."""
    t = obj.left_edge
    if t.lower_ not in ACT_NOUNS | {"law", "bill"} or not t.is_title or ctx.mention_at(t) is not None:
        return []
    rest = [w for w in ctx.doc[t.i + 1 : t.i + 4] if w.text != "."]
    if len(rest) < 2 or rest[0].lower_ not in ("no", "no.", "nr", "number"):
        return []
    if not any(ch.isdigit() for ch in rest[1].text):
        return []
    ent = ctx.table.add("policy", f"{t.text} No. {rest[1].text}")
    if ent.type != "policy":
        return []
    ctx.note_mention(t.i, rest[1].i + 1, ent.id, "ner")
    return [ent.id]


def policy_signed(ctx: DocContext, tok: Token) -> None:
    """ "the president signed a decree legalizing X": the decree exists from then, by its signer,
    and what it legalises is established by it."""
    if tok.pos_ != "VERB" or tok.lemma_ not in POLICY_CREATION_VERBS:
        return
    if is_passive(tok):
        _policy_signed_by(ctx, tok)
        return
    named = _named_policies(ctx, tok)
    if named:
        # "President X on Thursday signed Decree No. 8 'On ...'": the named policy itself
        time = ctx.time_for(tok) or _weekday_time(ctx, tok)
        signers = [a for a in active_subject(ctx, tok) if ctx.entity_type(a) in ("person", "organization")]
        for p in named:
            ctx.emit(
                "founded",
                p,
                time=time,
                anchor=tok,
                method=f"founded:{tok.lemma_}-named-policy",
                confidence=0.7,
            )
            for s in signers:
                ctx.emit(
                    "established_by",
                    p,
                    obj=s,
                    time=time,
                    anchor=tok,
                    method="established_by:signed-named",
                    confidence=0.7,
                )
        return
    objs = [
        o
        for o in children(tok, "dobj")
        if o.lemma_ in ("decree", "law", "act", "regulation", "resolution", "order", "bill", "edict")
    ]
    if not objs:
        # "the government introduced a fast-track visa": a programme named by its noun phrase
        for o in children(tok, "dobj"):
            if o.lemma_ in POLICY_NOUNS and ctx.mention_at(o) is None:
                made = ctx.nominal(o, "policy")
                authors = [
                    a for a in active_subject(ctx, tok) if ctx.entity_type(a) in ("organization", "person")
                ]
                for a in authors:
                    if made:
                        ctx.emit(
                            "established_by",
                            made,
                            obj=a,
                            time=ctx.time_for(tok),
                            anchor=tok,
                            method=f"established_by:{tok.lemma_}d",
                            confidence=0.6,
                        )
                if made:
                    ctx.emit(
                        "founded",
                        made,
                        time=ctx.time_for(tok),
                        anchor=tok,
                        method=f"founded:{tok.lemma_}d-programme",
                        confidence=0.55,
                    )
        return
    time = ctx.time_for(tok)
    signers = active_subject(ctx, tok)
    for o in objs:
        name = o.text
        if time is not None and time.start and time.start[:4] == (time.end or "")[:4]:
            name = f"{time.start[:4]} {o.text}"
        elif any(c.dep_ == "amod" for c in o.children):
            name = " ".join(t.text for t in o.lefts if t.dep_ in ("amod", "compound")) + " " + o.text
        decree = ctx.table.add("policy", name, [o.text]).id
        ctx.note_mention(o.i, o.i + 1, decree, "nominal")
        ctx.emit(
            "founded", decree, time=time, anchor=tok, method=f"founded:{tok.lemma_}-policy", confidence=0.7
        )
        for s in signers:
            ctx.emit(
                "established_by",
                decree,
                obj=s,
                time=time,
                anchor=tok,
                method="established_by:signed-by",
                confidence=0.7,
            )
        for c in o.children:
            if (
                c.dep_ == "acl"
                and c.pos_ == "VERB"
                and c.lemma_
                in (
                    "legalize",
                    "legalise",
                    "introduce",
                    "establish",
                    "create",
                    "regulate",
                    "allow",
                    "permit",
                    "ban",
                )
            ):
                for d in children(c, "dobj"):
                    for e in ctx.entities_of(d):
                        ctx.emit(
                            "established_by",
                            e,
                            obj=decree,
                            time=time,
                            anchor=c,
                            method=f"established_by:decree-{c.lemma_}",
                            confidence=0.6,
                        )


#: Verbs of writing an act before it is adopted.
DRAFT_VERBS = frozenset(["draft", "prepare", "author", "write", "develop"])


def drafted_act(ctx: DocContext, tok: Token) -> None:
    """ "the Ministry of Communications, which drafted the resolution", "the decree was drafted by
    the ministry": the drafter is among those that established the act."""
    if tok.pos_ != "VERB" or tok.lemma_ not in DRAFT_VERBS:
        return
    if is_passive(tok):
        acts = passive_subject(ctx, tok)
        authors = [e for a in preps(tok, "by") for e in ctx.entities_of(a, nominal=False)]
    else:
        authors = active_subject(ctx, tok)
        acts = [e for o in children(tok, "dobj") for e in ctx.resolve(o, nominal=False)]
    acts = [a for a in acts if ctx.entity_type(a) == "policy" and a not in ctx.nominal_ids]
    authors = [a for a in authors if ctx.entity_type(a) in ("organization", "person")]
    if not acts or not authors:
        return
    ctx.emit_pairs(
        "established_by",
        acts,
        authors,
        anchor=tok,
        method="established_by:drafted",
        confidence=0.6,
        time=ctx.time_for(tok) or _weekday_time(ctx, tok),
    )


#: "came into force", "entered into effect", "took effect": the noun after the verb.
FORCE_NOUNS = frozenset(["force", "effect", "operation"])


def in_force(ctx: DocContext, tok: Token) -> None:
    """ "Decree No. 8 took effect in March 2018", "the law came into force on 1 July": a policy
    begins then."""
    if tok.pos_ != "VERB" or tok.lemma_ not in ("come", "take", "enter", "go"):
        return
    if tok.lemma_ == "take":
        words = [o for o in children(tok, "dobj") if o.lemma_ == "effect"]
    else:
        words = [p for p in preps(tok, "into", "in") if p.lemma_ in FORCE_NOUNS]
    if not words:
        return
    policies = [p for p in active_subject(ctx, tok) if ctx.entity_type(p) == "policy"]
    time = ctx.time_for(tok)
    if time is None:
        return
    for p in policies:
        ctx.emit("founded", p, time=time, anchor=tok, method="founded:in-force", confidence=0.6)


def events(ctx: DocContext, tok: Token) -> None:
    """Event nouns ("protests", "the presidential elections", "the collapse of the Soviet
    Union", "the outbreak of the war", "sanctions were imposed") occur at the sentence's time."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return
    low = tok.lower_
    lemma = tok.lemma_.lower()
    m = ctx.mention_at(tok)
    if m is not None:
        if ctx.entity_type(m.entity_id) == "event" and tok.i == m.end - 1:
            ctx.emit(
                "occurred",
                m.entity_id,
                time=ctx.time_for(tok, "context"),
                anchor=tok,
                method="occurred:named-event",
                confidence=0.7,
            )
        return
    if lemma not in EVENT_NOUNS and low not in EVENT_NOUNS:
        return
    if lemma in ("outbreak", "shock", "strike", "exodus"):
        return
    if tok.dep_ in ("compound", "amod"):
        return
    eid: str | None = None
    if lemma in ("acquisition", "merger", "takeover", "collapse", "dissolution", "fall", "breakup"):
        of = preps(tok, "of")
        if not of or ctx.mention_at(of[0]) is None:
            return
        eid = ctx.nominal(tok, "event")
    else:
        eid = ctx.nominal(tok, "event", with_of=False)
    if eid is None:
        return
    time = ctx.time_for(tok, "context")
    ctx.emit("occurred", eid, time=time, anchor=tok, method="occurred:event-noun", confidence=0.6)


def emergence(ctx: DocContext, tok: Token) -> None:
    """ "the Belarusian IT phenomenon began to take shape": a development occurred then."""
    if tok.pos_ != "VERB" or tok.lemma_ != "take" or not any(c.lower_ == "shape" for c in tok.children):
        return
    subjects = active_subject(ctx, tok)
    for s in subjects:
        if ctx.entity_type(s) in ("product", "event", "group", "organization"):
            ent = ctx.table.get(s)
            if ent is not None and ent.type == "product":
                ent.type = "event"
            ctx.emit(
                "occurred",
                s,
                time=ctx.time_for(tok),
                anchor=tok,
                method="occurred:took-shape",
                confidence=0.55,
            )


#: Verbs of one body growing out of another ("grew out of a section", "evolved from the lab").
GROW_VERBS = frozenset(["grow", "evolve", "emerge", "develop", "originate", "spring"])
#: Heads of unnamed bodies that can be a predecessor ("a section for mathematics").
UNIT_HEADS = frozenset(
    [
        "section",
        "laboratory",
        "lab",
        "department",
        "division",
        "branch",
        "unit",
        "centre",
        "center",
        "bureau",
        "group",
        "team",
        "office",
        "institute",
        "school",
        "college",
        "plant",
        "factory",
        "workshop",
        "cooperative",
        "company",
        "startup",
        "project",
    ]
)
RENAME_WORDS = frozenset(["formerly", "previously", "originally", "earlier"])
ORIGIN_TRIGGERS = GROW_VERBS | RENAME_WORDS | frozenset(["basis", "base"]) | FOUND_VERBS


def _predecessors(ctx: DocContext, phrases: list[Token], *, units: bool) -> list[str]:
    """Named bodies (and, with ``units``, unnamed units: "a section for mathematics")."""
    out: list[str] = []
    for p in phrases:
        for e in ctx.entities_of(p, nominal=units and p.lemma_.lower() in UNIT_HEADS):
            if ctx.entity_type(e) not in SUCCESSION_TYPES:
                continue
            if e in ctx.nominal_ids and not (units and p.lemma_.lower() in UNIT_HEADS):
                continue
            out.append(e)
    return out


def origins(ctx: DocContext, tok: Token) -> None:
    """Where a body came from: "X was established on the basis of Y", "X grew out of Y",
    "X, formerly known as Y", "X (formerly Y)", "X, founded in 1957 as Y": Y succeeded by X."""
    old: list[str] = []
    new: list[str] = []
    time = None
    lemma = tok.lemma_.lower()
    if lemma in ("basis", "base") and tok.pos_ == "NOUN":
        # "established in 1965 on the basis of the Computing Centre"
        if tok.dep_ != "pobj" or tok.head.lower_ != "on" or tok.head.head.pos_ != "VERB":
            return
        verb = tok.head.head
        old = _predecessors(ctx, preps(tok, "of"), units=True)
        new = passive_subject(ctx, verb) if is_passive(verb) else active_subject(ctx, verb)
        time = ctx.time_for(verb)
    elif lemma in GROW_VERBS and tok.pos_ == "VERB" and not is_passive(tok):
        if children(tok, "dobj"):
            return  # "developed a platform"
        phrases = preps(tok, "from")
        for p in children(tok, "prep"):
            if p.lower_ == "out":
                phrases += preps(p, "of")
        old = _predecessors(ctx, phrases, units=True)
        new = active_subject(ctx, tok)
        time = ctx.time_for(tok)
        for c in children(tok, "conj"):
            # "grew out of a section created in 1944 and became a separate institute in 1971"
            if c.lemma_ == "become":
                time = ctx.time_for(c) or time
    elif lemma in RENAME_WORDS and tok.dep_ == "advmod":
        head = tok.head
        if head.lemma_ in ("know", "call", "name", "title") and head.dep_ in ("acl", "relcl"):
            # "Helix Corp., formerly known as Nordsoft"
            old = [e for p in preps(head, "as") for e in ctx.entities_of(p, nominal=False)]
            old += [e for c in children(head, "oprd", "attr") for e in ctx.entities_of(c, nominal=False)]
            m = ctx.mention_at(head.head)
            new = [m.entity_id] if m is not None else []
        elif head.pos_ == "PROPN" and head.dep_ == "appos":
            # "Helix Corp. (formerly Nordsoft Ltd.)"
            m, n = ctx.mention_at(head), ctx.mention_at(head.head)
            old, new = ([m.entity_id], [n.entity_id]) if m is not None and n is not None else ([], [])
        else:
            return
    elif lemma in FOUND_VERBS and tok.pos_ == "VERB" and is_passive(tok):
        # "X, founded in 1957 as the Computing Centre of Y": the body it began as
        if tok.dep_ == "advcl" and tok.head.lemma_ in SUCCESSION_VERBS:
            return  # the reorganisation names both already
        old = [
            e
            for p in preps(tok, "as")
            for e in ctx.entities_of(p, nominal=False)
            if ctx.entity_type(e) in ("organization", "product")
            and e not in ctx.nominal_ids
            and _capitalised(ctx, e)
        ]
        if not old:
            return
        new = passive_subject(ctx, tok)
    else:
        return
    new = [n for n in new if ctx.entity_type(n) in SUCCESSION_TYPES and n not in old]
    old = [o for o in old if ctx.entity_type(o) in SUCCESSION_TYPES]
    ctx.emit_pairs(
        "succeeded_by",
        old,
        new,
        time=time,
        anchor=tok,
        method=f"succeeded_by:origin-{lemma}",
        confidence=0.6,
    )


SUCCESSION_VERBS = frozenset(
    ["reorganise", "reorganize", "rename", "transform", "convert", "restructure", "merge", "rebrand"]
)


#: Nouns of a body's beginnings: "traces its history to 1965", "its roots go back to 1918".
HISTORY_NOUNS = frozenset(
    ["history", "origin", "origins", "root", "roots", "beginning", "beginnings", "lineage"]
)
#: Verbs that carry a beginning back to a time: "traces ... to", "dates back to", "goes back to".
HISTORY_VERBS = frozenset(["trace", "date", "go", "stretch", "reach"])


def history_back(ctx: DocContext, tok: Token) -> None:
    """ "The institute traces its history to 1965", "the company dates back to 1956", "its
    roots go back to 1918", "the plant dates from 1947": the body began then."""
    if tok.pos_ != "VERB" or tok.lemma_ not in HISTORY_VERBS or is_passive(tok):
        return
    objs = children(tok, "dobj")
    subj = children(tok, "nsubj")
    if not subj:
        return
    if tok.lemma_ == "trace":
        if not objs or objs[0].lemma_.lower() not in HISTORY_NOUNS:
            return
        owners = ctx.resolve(subj[0], nominal=False)
        phrases = preps(tok, "to") + [p for c in children(tok, "advmod", "prt") for p in preps(c, "to")]
    else:
        if objs:
            return
        back = [c for c in tok.children if c.dep_ in ("advmod", "prt") and c.lower_ == "back"]
        if tok.lemma_ in ("go", "stretch", "reach") and not back:
            return
        phrases = preps(tok, "to", "from") + [p for c in back for p in preps(c, "to")]
        if subj[0].lemma_.lower() in HISTORY_NOUNS:
            # "its history goes back to 1956", "the history of the plant dates back to 1947"
            owners = [e for c in subj[0].children if c.dep_ == "poss" for e in ctx.resolve(c, nominal=False)]
            owners += [e for q in preps(subj[0], "of") for e in ctx.entities_of(q, nominal=False)]
        elif tok.lemma_ == "date":
            owners = ctx.resolve(subj[0], nominal=False)
        else:
            return
    view = ctx.sent
    if view is None or not phrases:
        return
    time: TimeSpan | None = None
    for p in phrases:
        span = range(p.left_edge.i, p.right_edge.i + 1)
        hit = next((t for t in view.times if t.start in span), None)
        if hit is not None:
            time = hit.span
            break
    if time is None:
        return
    for o in owners:
        if ctx.entity_type(o) not in ("organization", "product") or o in ctx.nominal_ids:
            continue
        ctx.emit(
            "founded",
            o,
            time=time,
            anchor=tok,
            method=f"founded:{tok.lemma_}-back",
            confidence=0.6,
        )


#: "received its present name", "took its current name", "was given its present name".
NAME_TAKE_VERBS = frozenset(
    ["receive", "take", "get", "give", "adopt", "acquire", "assume", "gain", "obtain"]
)


def present_name(ctx: DocContext, tok: Token) -> None:
    """ "In 2002 the X Institute was merged with two units and received its present name", "the
    institute was reorganised as a university and given its present name": the body the text
    is about, under the name it has now, succeeds the one named; a body taking its own present
    name begins under it then."""
    if tok.lemma_ != "name" or tok.pos_ != "NOUN" or tok.dep_ not in ("dobj", "nsubjpass", "pobj", "oprd"):
        return
    if not any(c.lower_ in ("present", "current", "today", "modern") for c in tok.children):
        return
    verb = tok.head
    if verb.lemma_ not in NAME_TAKE_VERBS:
        return
    topic = ctx.topic_org()
    if topic is None:
        return
    cur = verb
    old: list[str] = []
    for _ in range(3):
        found = children(cur, "nsubjpass", "nsubj")
        if found:
            old = ctx.resolve(found[0], nominal=False)
            break
        if cur.dep_ != "conj":
            break
        cur = cur.head
    if verb.lemma_ == "give" and not old:
        old = passive_subject(ctx, verb)
    old = [o for o in old if ctx.entity_type(o) == "organization"]
    time = ctx.time_for(verb) or ctx.time_for(cur)
    for o in old:
        if o == topic:
            ctx.emit("founded", o, time=time, anchor=tok, method="founded:took-present-name", confidence=0.5)
        else:
            ctx.emit(
                "succeeded_by",
                o,
                obj=topic,
                time=time,
                anchor=tok,
                method="succeeded_by:present-name",
                confidence=0.6,
            )


#: Things "held" that are not events ("a stake held by", "the post he held").
HELD_NOT_EVENTS = frozenset(
    [
        "stake",
        "share",
        "position",
        "post",
        "office",
        "title",
        "record",
        "seat",
        "percent",
        "belief",
        "view",
        "patent",
        "license",
        "licence",
        "asset",
        "account",
        "debt",
        "bond",
        "interest",
        "rank",
        "portfolio",
        "majority",
        "control",
        "power",
        "data",
        "key",
        "hand",
        "breath",
        "job",
        "role",
        "degree",
        "status",
        "right",
        "rights",
        "token",
        "fund",
        "reserve",
        "security",
        "securities",
    ]
)


def held_event(ctx: DocContext, tok: Token) -> None:
    """ "an economic forum held in Brest in September 2019", "a meeting that X held with
    officials on 11 April", "the hackathon was held in Minsk in 2021": what is held is an event
    that occurred then and there."""
    if tok.pos_ != "VERB" or tok.lemma_ != "hold":
        return
    relative = tok.dep_ == "relcl" and any(
        c.dep_ == "dobj" and c.lower_ in ("that", "which") for c in tok.children
    )
    if (tok.dep_ == "acl" and tok.tag_ == "VBN") or relative:
        noun = tok.head
    elif is_passive(tok) and children(tok, "nsubjpass"):
        noun = children(tok, "nsubjpass")[0]
    else:
        return
    if noun.pos_ != "NOUN" or noun.lemma_.lower() in HELD_NOT_EVENTS or noun.tag_ == "NNS":
        return
    m = ctx.mention_at(noun)
    if m is not None:
        if ctx.entity_type(m.entity_id) != "event":
            return
        eid: str | None = m.entity_id
    else:
        eid = ctx.nominal(noun, "event", with_of=False)
    if eid is None or ctx.entity_type(eid) != "event":
        return
    time = ctx.time_for(tok) or ctx.time_for(noun)
    where = places_in(ctx, preps(tok, "in", "at"))
    if not where:
        # "a forum held for the anniversary of Brest": a city the clause names
        where = [
            m.entity_id
            for t in tok.subtree
            if (m := ctx.mention_at(t)) is not None and ctx.place_kind(m.entity_id) == "city"
        ][:1]
    if time is None and not where:
        return
    ctx.emit(
        "occurred",
        eid,
        obj=where[0] if where else None,
        time=time,
        anchor=tok,
        method="occurred:held",
        confidence=0.6,
    )


#: Heads of things that run for a while: "the programme ran from 2007 to 2010".
RUNNING_NOUNS = frozenset(
    ["programme", "program", "project", "initiative", "scheme", "campaign", "experiment", "pilot", "regime"]
)


def ran_event(ctx: DocContext, tok: Token) -> None:
    """ "The follow-up programme X, which ran from 2007 to 2010", "the scheme lasted until
    2015": the programme occurred over that time."""
    if tok.pos_ != "VERB" or tok.lemma_ not in ("run", "last", "continue") or is_passive(tok):
        return
    if children(tok, "dobj", "xcomp", "ccomp"):
        return
    if not preps(tok, "from", "until", "till", "between", "through", "to"):
        return
    subj = children(tok, "nsubj")
    if not subj:
        return
    s = subj[0]
    heads = [s]
    if s.lower_ in ("which", "that") and tok.dep_ == "relcl":
        heads = [tok.head]
    found: list[str] = []
    for h in heads:
        words = {h.lemma_.lower()} | {c.lemma_.lower() for c in h.children if c.dep_ in ("compound", "appos")}
        words |= {h.head.lemma_.lower()} if h.dep_ == "appos" else set()
        ids = ctx.resolve(h, nominal=False)
        for e in ids:
            kind = ctx.entity_type(e)
            if kind in ("person", "place", "group"):
                continue
            ent = ctx.table.get(e)
            named = {w.lower() for w in ent.name.split()} if ent is not None else set()
            if (
                kind in ("event", "policy")
                or (words | named) & RUNNING_NOUNS
                or (kind == "product" and any(c.lemma_.lower() in RUNNING_NOUNS for c in h.subtree))
            ):
                found.append(e)
        if not ids and h.lemma_.lower() in RUNNING_NOUNS:
            made = ctx.nominal(h, "event", with_of=False)
            if made:
                found.append(made)
    time = ctx.time_for(tok)
    if time is None:
        return
    for e in found:
        ctx.emit("occurred", e, time=time, anchor=tok, method=f"occurred:{tok.lemma_}", confidence=0.6)


def dated_act(ctx: DocContext, tok: Token) -> None:
    """ "Decree No. 12 of 22 September 2005", "Resolution No. 1234 of December 2017": an act
    cited with its date was issued then."""
    if tok.lower_ != "of" or tok.i == 0 or ctx.sent is None:
        return
    hit = next((t for t in ctx.sent.times if t.start == tok.i + 1), None)
    span = hit.span if hit is not None else None
    prev = ctx.doc[tok.i - 1]
    if hit is None and prev.like_num:
        # "Decree No. 8 of December 2017" read as the date "8 of December 2017": the act's
        # number is not a day, the month is the act's date
        wrong = next((t for t in ctx.sent.times if t.start == tok.i - 1 and t.end > tok.i + 1), None)
        if wrong is not None and wrong.span.start and wrong.span.precision == "day":
            y, mo = int(wrong.span.start[:4]), int(wrong.span.start[5:7])
            last = calendar.monthrange(y, mo)[1]
            text = ctx.doc[tok.i + 1 : wrong.end].text
            span = TimeSpan(f"{y:04d}-{mo:02d}-01", f"{y:04d}-{mo:02d}-{last:02d}", "month", text)
    if span is None or span.start is None or span.precision in ("decade", "century", "approximate"):
        return
    m = ctx.mention_at(prev)
    if m is not None and m.end - 1 == prev.i:
        acts = [m.entity_id]
    else:
        acts = []
        for k in range(tok.i - 1, max(tok.i - 5, -1), -1):
            t = ctx.doc[k]
            if t.lower_ in ACT_NOUNS | {"law"} and t.is_title:
                acts = _numbered_act(ctx, t)
                break
    for a in acts:
        if ctx.entity_type(a) == "policy":
            ctx.emit("founded", a, time=span, anchor=tok, method="founded:act-of-date", confidence=0.65)


#: Verbs of a product coming into the world: "the X-2 followed in 2021", "appeared in 1968".
ARRIVE_VERBS = frozenset(["appear", "debut", "follow", "come", "arrive"])


def product_arrived(ctx: DocContext, tok: Token) -> None:
    """ "Its successor, the X-2, followed in 2021", "the second series, Y, followed from the
    mid-1970s", "the Z-3 came out in 1985": a named product first appeared then."""
    if tok.pos_ != "VERB" or tok.lemma_ not in ARRIVE_VERBS:
        return
    # "the second series, Y, followed from the 1970s", parsed as a participle on the noun
    fronted = tok.dep_ == "acl" and not children(tok, "auxpass", "nsubjpass") and tok.head.pos_ == "NOUN"
    if is_passive(tok) and not fronted:
        return
    if children(tok, "dobj", "xcomp", "attr", "acomp", "nsubjpass"):
        return
    out = any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children)
    if tok.lemma_ == "come" and not out and preps(tok, "to", "from", "into", "under", "with", "for"):
        return  # "came to Minsk", "came under pressure"
    subj = [tok.head] if fronted else children(tok, "nsubj")
    if not subj:
        return
    time = ctx.time_for(tok)
    if time is None:
        return
    products = [
        e
        for e in subject_entities(ctx, subj[0])
        if ctx.entity_type(e) == "product" and e not in ctx.nominal_ids
    ]
    for p in products:
        ctx.emit("founded", p, time=time, anchor=tok, method=f"founded:{tok.lemma_}-in", confidence=0.55)


def founded_note(ctx: DocContext, tok: Token) -> None:
    """ "Kestrel Soft (founded 1994) is ...", "X (established in 2005)", and a fact-box line
    "Founded: 1994" on a body's page: the body began then."""
    if tok.lemma_ not in ("found", "establish") or tok.tag_ != "VBN" or ctx.sent is None:
        return
    sent = ctx.sent_span(tok)
    bodies: list[str] = []
    if tok.i >= 2 and ctx.doc[tok.i - 1].text == "(":
        close = next((t.i for t in ctx.doc[tok.i : sent.end] if t.text == ")"), None)
        if close is None:
            return
        m = ctx.mention_at(ctx.doc[tok.i - 2])
        if m is not None and ctx.entity_type(m.entity_id) in ("organization", "product"):
            bodies = [m.entity_id]
        lo, hi = tok.i, close
    elif (
        tok.i + 1 < sent.end
        and ctx.doc[tok.i + 1].text == ":"
        and all(t.is_space for t in ctx.doc[sent.start : tok.i])
    ):
        topic = ctx.topic_org()
        bodies = [topic] if topic is not None else []
        lo = tok.i + 1
        hi = next((t.i for t in ctx.doc[lo : sent.end] if "\n" in t.text), sent.end)
    else:
        return
    hit = next((t for t in ctx.sent.times if lo < t.start < hi), None)
    if hit is None or not bodies:
        return
    where = [
        m.entity_id
        for t in ctx.doc[hit.end : hi]
        if (m := ctx.mention_at(t)) is not None and ctx.entity_type(m.entity_id) == "place"
    ][:1]
    for b in bodies:
        ctx.emit(
            "founded",
            b,
            obj=where[0] if where else None,
            time=hit.span,
            anchor=tok,
            method="founded:note",
            confidence=0.65,
        )
