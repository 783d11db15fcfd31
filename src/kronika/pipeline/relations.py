"""Relation patterns over the dependency parse: sentences into claims.

Each pattern is a small function named for the grammatical shape it handles. Patterns look
at lemmas, dependency labels and entity types, never at the words of one document: the
trigger words are English vocabulary ("found", "establish", "led by", "based in"), and the
entities come from the alias registry and NER.

Notes:
    The approach follows rule-based open information extraction over dependency trees
    (e.g. Fader et al., 2011, "Identifying Relations for Open Information Extraction";
    textacy's ``subject_verb_object_triples``), specialised to a fixed predicate vocabulary.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from kronika.pipeline.context import DocContext
from kronika.pipeline.entities import EVENT_NOUNS, ORG_NOUNS, ROLE_NOUNS

FOUND_VERBS = frozenset(
    [
        "found",
        "establish",
        "create",
        "launch",
        "start",
        "form",
        "set",
        "incorporate",
        "inaugurate",
        "register",
        "open",
        "co-found",
        "cofound",
        "organize",
        "organise",
    ]
)
OFFICE_NOUNS = frozenset(
    [
        "office",
        "offices",
        "center",
        "centers",
        "centre",
        "centres",
        "branch",
        "branches",
        "hub",
        "hubs",
        "operations",
        "presence",
        "subsidiary",
        "headquarters",
        "campus",
        "lab",
        "labs",
        "laboratory",
        "facility",
        "facilities",
        "unit",
        "division",
        "studio",
    ]
)
PRODUCE_VERBS = frozenset(
    [
        "produce",
        "manufacture",
        "build",
        "make",
        "develop",
        "design",
        "assemble",
        "release",
        "create",
        "ship",
        "launch",
    ]
)
LEAD_VERBS = frozenset(["lead", "head", "run", "chair", "manage", "direct"])
MOVE_VERBS = frozenset(["move", "relocate", "transfer", "shift", "emigrate", "flee", "leave", "migrate"])
OPERATE_VERBS = frozenset(
    ["operate", "work", "expand", "enter", "serve", "service", "sell", "export", "focus"]
)
INVEST_VERBS = frozenset(["invest"])
REPLACE_VERBS = frozenset(["replace", "supersede", "succeed"])
MODEL_VERBS = frozenset(["model", "pattern", "base", "inspire", "copy", "clone"])
PARTNER_VERBS = frozenset(["partner", "cooperate", "collaborate", "team", "ally", "work"])
PARTNER_NOUNS = frozenset(
    [
        "cooperation",
        "collaboration",
        "partnership",
        "agreement",
        "alliance",
        "venture",
        "strategy",
        "project",
        "program",
        "programme",
        "initiative",
        "ties",
    ]
)
PART_NOUNS = frozenset(
    [
        "subsidiary",
        "division",
        "branch",
        "unit",
        "part",
        "member",
        "arm",
        "affiliate",
        "department",
        "spin-off",
        "spinoff",
        "daughter",
    ]
)
SITE_NOUNS = frozenset(["site", "hub", "centre", "center", "home", "capital", "heart", "base"])
ESTABLISHING_AGENTS = frozenset(
    [
        "decree",
        "law",
        "government",
        "president",
        "ministry",
        "parliament",
        "council",
        "cabinet",
        "state",
        "resolution",
        "order",
        "act",
        "edict",
    ]
)
POLICY_CREATION_VERBS = frozenset(["sign", "issue", "adopt", "enact", "pass", "approve", "introduce"])
EMERGE_VERBS = frozenset(
    [
        "emerge",
        "appear",
        "begin",
        "break",
        "erupt",
        "start",
        "occur",
        "happen",
        "take",
        "come",
        "follow",
        "unfold",
    ]
)


def children(tok: Token, *deps: str) -> list[Token]:
    """The children of a token with one of the dependency labels."""
    return [c for c in tok.children if c.dep_ in deps]


def preps(tok: Token, *words: str) -> list[Token]:
    """The objects of the token's prepositions (``prep`` or ``agent``) with the given words."""
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in words:
            out.extend(children(c, "pobj", "pcomp"))
    return out


def is_passive(verb: Token) -> bool:
    """A passive verb ("was established") or a participle modifying a noun ("X, founded in ...")."""
    if children(verb, "auxpass", "nsubjpass"):
        return True
    if any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
        return False  # perfect tense: "has led", "had founded"
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl", "relcl", "amod", "conj", "ROOT")


def passive_subject(ctx: DocContext, verb: Token) -> list[str]:
    """Who or what a passive verb or participle is about."""
    subj = children(verb, "nsubjpass")
    if subj:
        return subject_entities(ctx, subj[0])
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        return subject_entities(ctx, verb.head)
    if verb.dep_ == "conj":
        return passive_subject(ctx, verb.head)
    if verb.dep_ == "advcl":
        # "Elected in 1994, X ..." — the participle's subject is the main clause's subject.
        subj = children(verb.head, "nsubj", "nsubjpass")
        if subj:
            return subject_entities(ctx, subj[0])
    return []


def subject_entities(ctx: DocContext, tok: Token) -> list[str]:
    """Entities named by a subject phrase, looking through "the organization Infopark" and
    partitives ("several of the companies", "the first phase of the SKIF project")."""
    for c in tok.children:
        if c.dep_ == "appos" and ctx.mention_at(c) is not None:
            return ctx.entities_of(c)
    if ctx.mention_at(tok) is None and tok.pos_ in ("NOUN", "PRON", "ADJ", "NUM"):
        of = preps(tok, "of")
        if of and tok.lemma_ in (
            "phase",
            "stage",
            "part",
            "round",
            "version",
            "several",
            "some",
            "many",
            "most",
            "all",
            "one",
            "each",
            "first",
            "second",
            "majority",
            "number",
        ) or (of and tok.like_num):
            return subject_entities(ctx, of[0])
        # "Among the companies founded in the 1990s, several stand out ..."
        if not of and tok.lower_ in QUANTIFIERS:
            for prep in tok.head.children:
                if prep.dep_ == "prep" and prep.lower_ in ("among", "of"):
                    for pobj in children(prep, "pobj"):
                        return ctx.entities_of(pobj)
    return ctx.entities_of(tok)


QUANTIFIERS = frozenset(["several", "some", "many", "most", "few", "all", "one", "two", "three", "both", "half"])


def active_subject(ctx: DocContext, verb: Token) -> list[str]:
    """The subject of an active verb, following conjunctions and open clauses upwards."""
    cur = verb
    for _ in range(4):
        subj = children(cur, "nsubj")
        if not subj and cur is not verb and cur.dep_ != "prep":
            # "Luxoft was set up in 2000 and soon opened offices": the first verb's subject
            subj = children(cur, "nsubjpass")
        if subj:
            return subject_entities(ctx, subj[0])
        if cur.dep_ in ("conj", "xcomp", "advcl", "pcomp") and cur.head is not cur:
            cur = cur.head
            if cur.dep_ == "prep":
                cur = cur.head
            continue
        if cur.dep_ in ("acl", "relcl") and cur.head.pos_ in ("NOUN", "PROPN"):
            return ctx.entities_of(cur.head)
        break
    return []


def places_in(ctx: DocContext, toks: list[Token]) -> list[str]:
    """The places named by prepositional objects (with conjuncts and "countries such as")."""
    out: list[str] = []
    for t in toks:
        for eid in ctx.entities_of(t, nominal=False):
            if ctx.entity_type(eid) == "place" and eid not in out:
                out.append(eid)
        # "development centers in Belarus", "computer production in Belarus"
        for inner in preps(t, "in"):
            for eid in ctx.entities_of(inner, nominal=False):
                if ctx.entity_type(eid) == "place" and eid not in out:
                    out.append(eid)
    return out


def market_place(ctx: DocContext, tok: Token) -> str | None:
    """ "the Belarusian market", "the local market", "the Russian market" -> a place."""
    if tok.lemma_ not in ("market", "ecosystem", "sector", "economy"):
        return None
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "nmod"):
            countries = ctx.table.registry.demonym_countries(c.text)
            if countries:
                ctx.table.get(countries[0].id)
                return countries[0].id
            if c.lower_ in ("local", "domestic", "national", "home") and ctx.focus:
                return ctx.focus
        if c.dep_ == "poss" and ctx.mention_at(c) is not None:
            m = ctx.mention_at(c)
            assert m is not None
            return m.entity_id
    return None


# -- patterns ------------------------------------------------------------------------------


def founding(ctx: DocContext, tok: Token) -> None:
    """ "X was founded in 1991 by Y", "X, established under Z", "Y launched X", "Y set up X"."""
    if tok.pos_ != "VERB" or tok.lemma_ not in FOUND_VERBS:
        return
    if tok.lemma_ == "set" and not any(c.lower_ == "up" for c in tok.children):
        return
    if tok.lemma_ in ("start", "open", "form") and tok.dep_ not in ("ROOT", "conj", "acl", "relcl", "advcl", "ccomp", "parataxis"):
        return
    if is_passive(tok):
        subjects = passive_subject(ctx, tok)
        agents: list[str] = []
        for a in preps(tok, "by"):
            agents.extend(ctx.entities_of(a))
        partners: list[str] = []
        for p in preps(tok, "in") + preps(tok, "with"):
            if p.lemma_ in ("cooperation", "collaboration", "partnership", "conjunction"):
                for q in preps(p, "with"):
                    partners.extend(ctx.entities_of(q))
        parent = [e for p in preps(tok, "under", "within") for e in ctx.entities_of(p, nominal=False)]
        # "on the initiative of X", "at the request of X", "under the leadership of X"
        for p in preps(tok, "on", "at", "under"):
            if p.lemma_ in ("initiative", "request", "leadership", "suggestion", "order", "instruction"):
                agents.extend(e for q in preps(p, "of") for e in ctx.entities_of(q, nominal=False)
                              if ctx.entity_type(e) in ("person", "organization"))
        sites = [e for p in preps(tok, "at") for e in ctx.entities_of(p, nominal=False)]
        where = places_in(ctx, preps(tok, "in"))
    else:
        objs = children(tok, "dobj")
        if not objs:
            return
        subjects = []
        for o in objs:
            subjects.extend(subject_entities(ctx, o))
        agents = active_subject(ctx, tok)
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
    subjects = [s for s in subjects if ctx.entity_type(s) not in ("person", "place", "group")]
    if not subjects:
        return
    time = ctx.time_for(tok)
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
            if atype == "policy" or words & ESTABLISHING_AGENTS or stype in ("policy", "event"):
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
            ctx.emit("part_of", s, obj=p, anchor=tok, method="part_of:established-under", confidence=0.7)
        for site in sites:
            ctx.emit("located_in", s, obj=site, anchor=tok, method="located_in:opened-at", confidence=0.65)
    # "by presidential decree" as a plain prepositional phrase (not an agent)
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "by":
            for pobj in children(c, "pobj"):
                if pobj.lemma_ in ESTABLISHING_AGENTS and not is_passive_agent(c):
                    for d in ctx.entities_of(pobj):
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


def is_passive_agent(prep: Token) -> bool:
    """True for an ``agent`` arc (already handled as an agent)."""
    return prep.dep_ == "agent"


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


def leadership(ctx: DocContext, tok: Token) -> None:
    """ "X, led by Y", "X is headed by Y", "Y leads X"."""
    if tok.lemma_ not in LEAD_VERBS or tok.pos_ != "VERB":
        return
    if is_passive(tok):
        orgs = passive_subject(ctx, tok)
        if not orgs and tok.dep_ in ("acl", "advcl"):
            orgs = ctx.entities_of(tok.head, nominal=False)
        people = [e for a in preps(tok, "by") for e in ctx.entities_of(a, nominal=False)]
        for a in preps(tok, "by"):
            for c in a.children:
                m = ctx.mention_at(c) if c.dep_ == "appos" else None
                if m is not None and ctx.entity_type(m.entity_id) == "person":
                    people.append(m.entity_id)
    else:
        people = active_subject(ctx, tok)
        orgs = [e for o in children(tok, "dobj") for e in ctx.entities_of(o, nominal=False)]
    for o in orgs:
        if ctx.entity_type(o) not in ("organization", "group", "policy"):
            continue
        for p in people:
            if ctx.entity_type(p) == "person":
                ctx.emit(
                    "led_by",
                    o,
                    obj=p,
                    time=ctx.time_for(tok),
                    anchor=tok,
                    method="led_by:led-by",
                    confidence=0.8,
                )


def roles(ctx: DocContext, tok: Token) -> None:
    """ "Y, former diplomat and presidential advisor on X" and "Y, CEO of X": holds_position."""
    if tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in ROLE_NOUNS and ctx.mention_at(tok) is None:
        role_first(ctx, tok)
        return
    if tok.pos_ != "PROPN" or ctx.mention_at(tok) is None:
        return
    mention = ctx.mention_at(tok)
    assert mention is not None
    if tok.i != mention.end - 1 or ctx.entity_type(mention.entity_id) != "person":
        return
    person = mention.entity_id
    for c in tok.children:
        if c.dep_ != "appos":
            continue
        roles_list = ctx.expand(c)
        for role in roles_list:
            if role.lemma_.lower() not in ROLE_NOUNS:
                continue
            words = role_words(role, roles_list)
            qualifiers: dict[str, object] = {}
            if any(t.lower_ in ("former", "ex", "onetime") for t in words):
                qualifiers["former"] = True
                words = [t for t in words if t.lower_ not in ("former", "ex", "onetime")]
            role_name = " ".join(t.text for t in words).replace(" - ", "-")
            orgs = [
                e
                for p in preps(role, "of", "at")
                for e in ctx.entities_of(p, nominal=False)
                if ctx.entity_type(e) in ("organization", "place")
            ]
            qualifiers["role"] = role_name
            target = orgs[0] if orgs else ctx.table.add("organization", role_name).id
            ctx.emit(
                "holds_position",
                person,
                obj=target,
                anchor=role,
                method="holds_position:appos-role",
                confidence=0.7,
                qualifiers=qualifiers,
            )
            if orgs and role.lemma_.lower() in (LEADER_ROLES | {"founder", "co-founder", "cofounder"}):
                if role.lemma_.lower() in ("founder", "co-founder", "cofounder"):
                    ctx.emit(
                        "founded_by",
                        orgs[0],
                        obj=person,
                        anchor=role,
                        method="founded_by:appos-founder",
                        confidence=0.7,
                    )
                elif ctx.entity_type(orgs[0]) == "organization":
                    ctx.emit(
                        "led_by",
                        orgs[0],
                        obj=person,
                        anchor=role,
                        method="led_by:appos-role",
                        confidence=0.65,
                    )


def role_first(ctx: DocContext, role: Token) -> None:
    """ "its Chief Executive Officer, Magzhan Madiyev", "the country's first president, X",
    "EPAM's CEO Arkadiy Dobkin": the person holds the role in the possessor."""
    people: list[str] = []
    for c in role.children:
        if c.dep_ in ("appos", "compound") and c.i > role.i:
            m = ctx.mention_at(c)
            if m is not None and ctx.entity_type(m.entity_id) == "person":
                people.append(m.entity_id)
    for k in (1, 2):
        if role.i + k >= len(ctx.doc) or (k == 2 and ctx.doc[role.i + 1].text != ","):
            break
        m = ctx.mention_at(ctx.doc[role.i + k])
        if m is not None and ctx.entity_type(m.entity_id) == "person" and m.entity_id not in people:
            people.append(m.entity_id)
    if not people:
        return
    owners: list[str] = []
    for c in role.children:
        if c.dep_ == "poss":
            owners.extend(e for e in ctx.resolve(c, nominal=False) if ctx.entity_type(e) in ("organization", "place"))
    owners += [e for p in preps(role, "of", "at") for e in ctx.entities_of(p, nominal=False)
               if ctx.entity_type(e) in ("organization", "place")]
    words = [t for c in role.lefts if c.dep_ in ("amod", "compound") for t in c.subtree] + [role]
    role_name = " ".join(t.text for t in sorted(words, key=lambda t: t.i))
    for person in people:
        for owner in owners[:1]:
            ctx.emit("holds_position", person, obj=owner, anchor=role,
                     method="holds_position:role-appos-person", confidence=0.65, qualifiers={"role": role_name})
            if ctx.entity_type(owner) == "organization" and any(
                t.lower_ in ("founding", "founder", "co-founder", "cofounder") for t in words
            ):
                ctx.emit("founded_by", owner, obj=person, anchor=role, method="founded_by:founding-role",
                         confidence=0.6)
            if ctx.entity_type(owner) == "organization" and role.lemma_.lower() in LEADER_ROLES:
                ctx.emit("led_by", owner, obj=person, time=ctx.time_for(role), anchor=role,
                         method="led_by:role-appos-person", confidence=0.6)


LEADER_ROLES = frozenset(["ceo", "head", "chief", "director", "chairman", "chairwoman", "chair", "president",
                          "leader", "rector", "officer", "boss", "manager"])


def role_words(role: Token, siblings: list[Token]) -> list[Token]:
    """The words of one role in "former diplomat and presidential advisor on science and technology".

    Left modifiers belong to their own noun; a prepositional phrase after the last coordinated
    role belongs to that last role even when the parser hangs it on the first.
    """
    left = sorted((t for c in role.lefts if c.dep_ in ("amod", "compound", "nmod") for t in c.subtree), key=lambda t: t.i)
    words = [*left, role]
    last = siblings[-1]
    owners = [r for r in siblings if r.i >= role.i]
    for sib in siblings:
        for prep in sib.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("on", "for", "of", "at", "to"):
                continue
            # the phrase belongs to the coordinated role just before it
            owner = max((r for r in siblings if r.i < prep.i), key=lambda r: r.i, default=last)
            if owner is role:
                words.extend(sorted(prep.subtree, key=lambda t: t.i))
    del owners
    return sorted(set(words), key=lambda t: t.i)


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
            for p in children(c, "pobj"):
                if p.lemma_.lower() in ROLE_NOUNS:
                    office = ctx.table.add(
                        "organization", " ".join(t.text for t in p.subtree if t.dep_ != "det")
                    ).id
    if office is None:
        office = ctx.focus
    if office is None:
        return
    t = ctx.time_for(tok)
    if t is not None and t.start:
        from kronika.models import TimeSpan

        t = TimeSpan(t.start, None, t.precision, t.text)
    for p in people:
        ctx.emit(
            "holds_position",
            p,
            obj=office,
            time=t,
            anchor=tok,
            method="holds_position:elected",
            confidence=0.55,
            qualifiers={"role": "elected office"},
        )


def located(ctx: DocContext, tok: Token) -> None:
    """ "X is based/located/headquartered in P", "X, based in P", "companies located outside Minsk"."""
    if tok.lemma_ not in (
        "base",
        "locate",
        "headquarter",
        "situate",
        "register",
        "headquartered",
        "located",
        "based",
    ):
        return
    if tok.pos_ not in ("VERB", "ADJ"):
        return
    subjects = passive_subject(ctx, tok)
    if not subjects and tok.dep_ in ("acl", "amod") and tok.head.pos_ in ("NOUN", "PROPN"):
        subjects = ctx.entities_of(tok.head)
    if not subjects:
        subj = children(tok, "nsubj", "nsubjpass")
        if subj:
            subjects = subject_entities(ctx, subj[0])
    pred = "headquartered_in" if tok.lemma_.startswith("headquarter") else "located_in"
    targets: list[str] = []
    for p in preps(tok, "in", "at", "near"):
        targets.extend(e for e in ctx.entities_of(p, nominal=False) if ctx.entity_type(e) == "place")
        if not targets and p.pos_ == "NOUN":
            eid = ctx.nominal(p, "place")
            if eid:
                targets.append(eid)
    for s in subjects:
        for t in targets:
            ctx.emit(pred, s, obj=t, anchor=tok, method=f"{pred}:based-in", confidence=0.75)


def place_based(ctx: DocContext, tok: Token) -> None:
    """ "the Minsk-based firm X", "local Minsk universities: A, B and C"."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return
    place = None
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i:
            m = ctx.mention_at(c)
            if m is not None and ctx.place_kind(m.entity_id) in ("city", "region"):
                place = m.entity_id
    if place is None:
        return
    # members: "such as" lists, appositions, or a list after a colon
    members = ctx.list_members(tok)
    if not members:
        sent = tok.sent
        if tok.i + 1 < sent.end and tok.nbor(1).text == ":":
            after = [t for t in sent if t.i > tok.i + 1 and ctx.mention_at(t) is not None]
            seen: list[str] = []
            for t in after:
                m = ctx.mention_at(t)
                assert m is not None
                if m.entity_id not in seen and ctx.entity_type(m.entity_id) == "organization":
                    seen.append(m.entity_id)
            for eid in seen:
                ctx.emit(
                    "located_in",
                    eid,
                    obj=place,
                    anchor=tok,
                    method="located_in:place-modifier-list",
                    confidence=0.6,
                )
            return
    for mt in members:
        for eid in ctx.resolve(mt, nominal=False):
            ctx.emit(
                "located_in",
                eid,
                obj=place,
                anchor=tok,
                method="located_in:place-modifier-list",
                confidence=0.6,
            )
    if tok.pos_ == "PROPN":
        m = ctx.mention_at(tok)
        if m is not None and m.entity_id != place and ctx.entity_type(m.entity_id) == "organization":
            ctx.emit(
                "located_in",
                m.entity_id,
                obj=place,
                anchor=tok,
                method="located_in:place-modifier",
                confidence=0.5,
            )


def demonym(ctx: DocContext, tok: Token) -> None:
    """ "Polish firm NTT System", "the Danish-Ukrainian Ciklum", "Russian firms, including A and B"."""
    m = ctx.mention_at(tok)
    if m is None or tok.i != m.start or ctx.entity_type(m.entity_id) != "organization":
        return
    if ctx.place_kind(m.entity_id) is not None:
        return
    countries: list[str] = []
    i = tok.i - 1
    sent_start = tok.sent.start
    steps = 0
    while i >= sent_start and steps < 4:
        left = ctx.doc[i]
        lm = ctx.mention_at(left)
        if lm is not None and ctx.entity_type(lm.entity_id) == "product" and (
            ctx.table.registry.info(lm.entity_id) or {}
        ).get("kind") == "sector":
            i, steps = lm.start - 1, steps + 1  # "Finnish outsourcing company Tieto"
            continue
        if (
            lm is not None
            or left.text in (",", ";", "(", ")", ":")
            or left.pos_ in ("VERB", "ADP", "CCONJ")
        ):
            break
        if left.pos_ == "PROPN" and not ctx.table.registry.demonym_countries(left.text):
            break
        if left.text == "-":
            i -= 1
            continue
        # two-word demonyms first: "South African", "Latin American"
        pair = f"{ctx.doc[i - 1].text} {left.text}" if i - 1 >= sent_start else ""
        found = ctx.table.registry.demonym_countries(pair) if pair else []
        if found:
            i -= 1
        else:
            found = ctx.table.registry.demonym_countries(left.text)
        if found:
            countries = [c.id for c in found] + countries
        i -= 1
        steps += 1
    for c in countries:
        ctx.table.get(c)
        ctx.emit(
            "headquartered_in",
            m.entity_id,
            obj=c,
            anchor=tok,
            method="headquartered_in:demonym",
            confidence=0.7,
        )


def demonym_list(ctx: DocContext, tok: Token) -> None:
    """ "Russian firms, including a subsidiary of A and B": every member is headquartered there."""
    if tok.pos_ != "NOUN" or tok.lemma_ not in ORG_NOUNS:
        return
    countries = [
        c.id for a in children(tok, "amod", "compound") for c in ctx.table.registry.demonym_countries(a.text)
    ]
    if not countries:
        return
    members = ctx.list_members(tok)
    for mt in members:
        for eid in ctx.resolve(mt):
            if ctx.entity_type(eid) != "organization":
                continue
            for c in countries:
                ctx.table.get(c)
                ctx.emit(
                    "headquartered_in",
                    eid,
                    obj=c,
                    anchor=tok,
                    method="headquartered_in:demonym-list",
                    confidence=0.65,
                )


def relocation(ctx: DocContext, tok: Token) -> None:
    """ "X moved its headquarters to P", "companies decided to relocate to P or Q", "moved abroad"."""
    if tok.lemma_ not in MOVE_VERBS or tok.pos_ != "VERB":
        return
    subjects = [
        s for s in active_subject(ctx, tok) if ctx.entity_type(s) in ("organization", "group", "person")
    ]
    if not subjects:
        return
    targets: list[str] = []
    to_phrases = preps(tok, "to", "for", "into")
    if tok.dep_ == "xcomp":
        # "companies decided to relocate - to A or B, but also to C": the parser may hang the
        # second "to" on "decided".
        to_phrases += [p for p in preps(tok.head, "to") if p.i > tok.i]
    for p in to_phrases:
        targets.extend(places_in(ctx, [p]))
        for m in ctx.list_members(p):
            targets.extend(e for e in ctx.resolve(m, nominal=False) if ctx.entity_type(e) == "place")
    hq = any(
        o.lemma_ in ("headquarters", "headquarter", "hq", "seat", "registration")
        for o in children(tok, "dobj")
    )
    if not targets:
        for c in tok.children:
            if c.dep_ == "advmod" and c.lower_ in ("abroad", "overseas"):
                targets.append(ctx.table.add("place", c.lower_).id)
        if tok.lemma_ == "leave":
            return
    time = ctx.time_for(tok, "context")
    seen: list[str] = []
    for t in targets:
        if t in seen:
            continue
        seen.append(t)
        for s in subjects:
            ctx.emit(
                "relocated_to", s, obj=t, time=time, anchor=tok, method="relocated_to:move-to", confidence=0.7
            )
            if hq:
                ctx.emit(
                    "headquartered_in",
                    s,
                    obj=t,
                    anchor=tok,
                    method="headquartered_in:moved-headquarters",
                    confidence=0.65,
                )
    # "... while maintaining development centers in Belarus"
    for c in tok.children:
        if c.dep_ == "advcl" and c.lemma_ in ("maintain", "keep", "retain"):
            for o in children(c, "dobj"):
                for w in places_in(ctx, preps(o, "in")):
                    for s in subjects:
                        ctx.emit(
                            "operates_in",
                            s,
                            obj=w,
                            anchor=c,
                            method="operates_in:maintains-office",
                            confidence=0.6,
                        )


def operating(ctx: DocContext, tok: Token) -> None:
    """ "X operated in the local market until 2010", "they expanded to markets including A, B",
    "X entered the Belarusian market", "companies focusing on banking software", "active across S"."""
    if tok.lemma_ not in OPERATE_VERBS and not (tok.lemma_ == "active" and tok.pos_ == "ADJ"):
        return
    if tok.lemma_ == "work" and not preps(tok, "in"):
        return
    if tok.pos_ == "ADJ":
        subjects = ctx.entities_of(tok.head) if tok.dep_ == "amod" else active_subject(ctx, tok)
        if tok.dep_ == "amod" and tok.head.dep_ == "appos":
            subjects = ctx.entities_of(tok.head.head)
    else:
        subjects = active_subject(ctx, tok)
    subjects = [s for s in subjects if ctx.entity_type(s) in ("organization", "group")]
    if not subjects:
        return
    targets: list[str] = []
    if tok.lemma_ in ("enter", "serve", "service"):
        for o in children(tok, "dobj"):
            place = market_place(ctx, o)
            if place:
                targets.append(place)
    words = ("in", "to", "into", "across", "on", "throughout") if tok.lemma_ != "focus" else ("on",)
    for p in preps(tok, *words):
        members = ctx.list_members(p)
        if members:
            for m in members:
                targets.extend(ctx.resolve(m))
            continue
        place = market_place(ctx, p)
        if place:
            targets.append(place)
            continue
        for t in ctx.expand(p):
            found = ctx.resolve(t)
            targets.extend(found)
    targets = [t for t in targets if ctx.entity_type(t) in ("place", "product", "group")]
    time = ctx.time_for(tok)
    qualifiers: dict[str, object] = {}
    seen: list[str] = []
    for t in targets:
        if t in seen:
            continue
        seen.append(t)
        for s in subjects:
            ctx.emit(
                "operates_in",
                s,
                obj=t,
                time=time,
                anchor=tok,
                method=f"operates_in:{tok.lemma_}",
                confidence=0.65,
                qualifiers=qualifiers,
            )


def operates_under(ctx: DocContext, tok: Token) -> None:
    """ "The technopark operates under the Ministry of X": part of that body."""
    if tok.pos_ != "VERB" or tok.lemma_ not in ("operate", "work", "function", "sit", "fall", "report"):
        return
    parents = [e for p in preps(tok, "under", "within") for e in ctx.entities_of(p, nominal=False)
               if ctx.entity_type(e) == "organization"]
    if not parents:
        return
    for s in active_subject(ctx, tok):
        if ctx.entity_type(s) in ("organization", "policy", "product"):
            for p in parents:
                ctx.emit("part_of", s, obj=p, anchor=tok, method="part_of:operates-under", confidence=0.65)


def attraction(ctx: DocContext, tok: Token) -> None:
    """ "tax policies attracted Russian firms, including A and B": the firms came to operate in
    the place the text is about (or the place named with "to")."""
    if tok.pos_ != "VERB" or tok.lemma_ not in ("attract", "lure", "draw", "bring", "welcome"):
        return
    firms: list[str] = []
    for o in children(tok, "dobj"):
        members = ctx.list_members(o)
        for m in members:
            firms.extend(e for e in ctx.resolve(m) if ctx.entity_type(e) == "organization")
    if not firms:
        return
    where = places_in(ctx, preps(tok, "to", "into"))
    if not where and ctx.focus:
        where = [ctx.focus]
    for f in firms:
        for w in where:
            ctx.emit("operates_in", f, obj=w, time=ctx.time_for(tok), anchor=tok,
                     method=f"operates_in:{tok.lemma_}ed", confidence=0.55)


def offices(ctx: DocContext, tok: Token) -> None:
    """ "built its biggest engineering centers in Kharkiv and Lviv", "its technology hubs in A and B",
    "has a development center in Minsk", "operates online stores in A, B and C": the owner
    operates in each place."""
    if tok.pos_ != "NOUN" or (tok.lemma_ not in OFFICE_NOUNS and tok.lower_ not in OFFICE_NOUNS
                              and tok.lemma_ not in ("store", "network", "shop", "business", "operation")):
        return
    where = places_in(ctx, preps(tok, "in"))
    verb = tok.head if tok.dep_ == "dobj" else None
    if verb is not None and not where:
        where = places_in(ctx, preps(verb, "in"))
    if not where:
        return
    owners = [e for p in children(tok, "poss") for e in ctx.resolve(p, nominal=False)]
    if not owners and verb is not None and verb.pos_ == "VERB" and verb.lemma_ in OFFICE_VERBS:
        owners = active_subject(ctx, verb)
    owners = [e for e in owners if ctx.entity_type(e) == "organization"]
    anchor = verb if verb is not None else tok
    for x in owners:
        for w in where:
            ctx.emit("operates_in", x, obj=w, time=ctx.time_for(anchor), anchor=anchor,
                     method="operates_in:office-in", confidence=0.65)


OFFICE_VERBS = frozenset(["build", "run", "have", "maintain", "keep", "operate", "expand", "add", "open",
                          "launch", "establish", "set", "create", "own", "manage"])


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
                bought = [e for p in preps(o, "of") for e in ctx.entities_of(p, nominal=False)
                          if ctx.entity_type(e) in ("organization", "product")]
                for y in bought:
                    for x in buyers:
                        ctx.emit("part_of", y, obj=x, time=ctx.time_for(tok), anchor=o, method="part_of:acquisition-of",
                                 confidence=0.65, qualifiers={"via": "acquisition"})
        return
    if lemma not in ("acquire", "buy", "purchase", "take", "absorb"):
        return
    if is_passive(tok):
        bought = passive_subject(ctx, tok)
        buyers = [e for a in preps(tok, "by") for e in ctx.entities_of(a, nominal=False)]
    else:
        buyers = active_subject(ctx, tok)
        bought = [e for o in children(tok, "dobj") for e in ctx.entities_of(o, nominal=False)]
        if not bought:
            # "took over Alliance Global Services": the particle's object
            bought = [e for c in tok.children if c.dep_ == "prt" for o in children(c, "pobj", "dobj")
                      for e in ctx.entities_of(o, nominal=False)]
    buyers = [b for b in buyers if ctx.entity_type(b) in ("organization", "person", "group")]
    bought = [b for b in bought if ctx.entity_type(b) in ("organization", "product")]
    time = ctx.time_for(tok)
    for y in bought:
        for x in buyers:
            if ctx.entity_type(x) == "organization":
                ctx.emit("part_of", y, obj=x, time=time, anchor=tok, method=f"part_of:{lemma}d", confidence=0.7,
                         qualifiers={"via": "acquisition"})
            else:
                ctx.emit("invested_in", x, obj=y, time=time, anchor=tok, method=f"invested_in:{lemma}", confidence=0.6)


def emerged_in_sector(ctx: DocContext, tok: Token) -> None:
    """ "In the banking sector, companies such as A and B emerged": operates_in the sector."""
    if tok.pos_ != "VERB" or tok.dep_ != "ROOT":
        return
    sector = None
    for p in preps(tok, "in"):
        if p.lemma_ in ("sector", "industry", "market", "field", "area", "segment"):
            sector = p
    if sector is None:
        return
    subjects = [
        s for n in children(tok, "nsubj") for s in ctx.entities_of(n) if ctx.entity_type(s) == "organization"
    ]
    eid = ctx.nominal(sector, "product")
    if eid is None:
        return
    for s in subjects:
        ctx.emit("operates_in", s, obj=eid, anchor=sector, method="operates_in:in-the-sector", confidence=0.6)


def investment(ctx: DocContext, tok: Token) -> None:
    """ "X invested in computer production in Belarus"."""
    if tok.lemma_ not in INVEST_VERBS or tok.pos_ != "VERB":
        return
    subjects = active_subject(ctx, tok)
    if not subjects and tok.dep_ in ("acl", "relcl", "conj"):
        # the parser sometimes hangs "invested" on the wrong noun: take the nearest organisation
        for m in reversed(ctx.mentions):
            if (
                m.end <= tok.i
                and m.start >= tok.sent.start
                and ctx.entity_type(m.entity_id) == "organization"
            ):
                subjects = [m.entity_id]
                break
    subjects = [s for s in subjects if ctx.entity_type(s) in ("organization", "group", "person")]
    if subjects and ctx.entity_type(subjects[0]) == "person":
        for m in reversed(ctx.mentions):
            if (
                m.end <= tok.i
                and m.start >= tok.sent.start
                and ctx.entity_type(m.entity_id) == "organization"
            ):
                subjects = [m.entity_id]
                break
    targets: list[str] = []
    for p in preps(tok, "in", "into"):
        targets.extend(places_in(ctx, [p]))
        if not targets:
            targets.extend(e for e in ctx.entities_of(p) if ctx.entity_type(e) in ("organization", "product"))
    for s in subjects:
        for t in targets:
            ctx.emit(
                "invested_in",
                s,
                obj=t,
                time=ctx.time_for(tok),
                anchor=tok,
                method="invested_in:invest-in",
                confidence=0.7,
            )
    # "... and operated in the local market until 2010" hangs on "invested"
    for c in tok.children:
        if c.dep_ == "conj" and c.lemma_ in OPERATE_VERBS and subjects:
            _operate_with_subjects(ctx, c, subjects)


def _operate_with_subjects(ctx: DocContext, verb: Token, subjects: list[str]) -> None:
    targets: list[str] = []
    for p in preps(verb, "in", "to", "into"):
        place = market_place(ctx, p)
        targets.extend([place] if place else places_in(ctx, [p]))
    for s in subjects:
        for t in targets:
            ctx.emit(
                "operates_in",
                s,
                obj=t,
                time=ctx.time_for(verb),
                anchor=verb,
                method="operates_in:operate-in",
                confidence=0.65,
            )


def production(ctx: DocContext, tok: Token) -> None:
    """ "X produced computers", "Y was manufactured in P", "N developed by X", "P was home to the
    production of Y", "equipment was designed and built there"."""
    if tok.pos_ == "NOUN" and tok.lemma_ == "production":
        _production_noun(ctx, tok)
        return
    if tok.pos_ != "VERB" or tok.lemma_ not in PRODUCE_VERBS:
        return
    if is_passive(tok):
        products = [p for p in passive_subject(ctx, tok) if ctx.entity_type(p) in ("product", "group")]
        if not products and tok.dep_ == "conj":
            products = [
                p for p in passive_subject(ctx, tok.head) if ctx.entity_type(p) in ("product", "group")
            ]
        makers = [
            e
            for a in preps(tok, "by")
            for e in ctx.entities_of(a)
            if ctx.entity_type(e) in ("organization", "group", "place")
        ]
        makers += [
            e
            for a in preps(tok, "in")
            for e in ctx.entities_of(a, nominal=False)
            if ctx.entity_type(e) == "place"
        ]
        if any(c.lower_ in ("there", "here") for c in tok.children) or (
            tok.dep_ == "conj" and any(c.lower_ == "there" for c in tok.head.children)
        ):
            for eid in reversed(ctx.recent):
                if ctx.entity_type(eid) == "place" and ctx.place_kind(eid) in ("city", "region", None):
                    makers.append(eid)
                    break
    else:
        makers = [
            m for m in active_subject(ctx, tok) if ctx.entity_type(m) in ("organization", "group", "place")
        ]
        products = [
            e
            for o in children(tok, "dobj")
            for e in ctx.entities_of(o)
            if ctx.entity_type(e) in ("product", "group")
        ]
    products = [p for p in products if ctx.entity_type(p) == "product"]
    for m in makers:
        for p in products:
            ctx.emit(
                "produced",
                m,
                obj=p,
                time=ctx.time_for(tok),
                anchor=tok,
                method=f"produced:{tok.lemma_}",
                confidence=0.65,
            )


def _production_noun(ctx: DocContext, tok: Token) -> None:
    # "X was home to the production of Y": X is the copula's subject.
    products = [e for p in preps(tok, "of") for e in ctx.entities_of(p) if ctx.entity_type(e) == "product"]
    if not products:
        return
    head = tok.head
    if head.dep_ == "prep":
        head = head.head
    makers: list[str] = []
    if head.lemma_ in SITE_NOUNS and head.dep_ in ("attr", "acomp"):
        makers = [e for n in children(head.head, "nsubj") for e in subject_entities(ctx, n)]
    if not makers:
        return
    time = ctx.time_for(tok)
    if time is None:
        time = _time_in_subtree(ctx, tok)
    for m in makers:
        for p in products:
            ctx.emit(
                "produced",
                m,
                obj=p,
                time=time,
                anchor=tok,
                method="produced:home-to-production",
                confidence=0.65,
            )


def _time_in_subtree(ctx: DocContext, tok: Token) -> object:
    sent = ctx.sent
    assert sent is not None
    sub = {t.i for t in tok.subtree}
    for t in sent.times:
        if t.start in sub:
            return t.span
    return None


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
    elif tok.lemma_ in ("reorganise", "reorganize", "rename", "transform", "convert", "restructure", "merge",
                        "rebrand") and is_passive(tok):
        # "X was reorganised into Y in 1962": Y succeeds X and begins then
        old = passive_subject(ctx, tok)
        new = [e for p in preps(tok, "into", "as") for e in ctx.entities_of(p, nominal=False)]
        for n in new:
            if ctx.entity_type(n) == "organization":
                ctx.emit("founded", n, time=ctx.time_for(tok), anchor=tok, method=f"founded:{tok.lemma_}d-into",
                         confidence=0.55)
    elif tok.lemma_ == "give" and any(c.lower_ == "way" for c in tok.children):
        old = active_subject(ctx, tok)
        new = [e for p in preps(tok, "to") for e in ctx.entities_of(p)]
    for o in old:
        for n in new:
            if ctx.entity_type(o) == ctx.entity_type(n) or {ctx.entity_type(o), ctx.entity_type(n)} <= {
                "product",
                "organization",
            }:
                ctx.emit(
                    "succeeded_by",
                    o,
                    obj=n,
                    time=ctx.time_for(tok),
                    anchor=tok,
                    method="succeeded_by:replaced",
                    confidence=0.7,
                )


def modeling(ctx: DocContext, tok: Token) -> None:
    """ "a project modeled on IBM systems", "X's answer to Y", "inspired by Y"."""
    if tok.pos_ == "VERB" and tok.lemma_ in MODEL_VERBS and tok.tag_ == "VBN":
        targets = [
            e
            for p in preps(tok, "on", "after", "by", "upon", "from")
            for e in ctx.entities_of(p, nominal=False)
        ]
        subjects = _described(ctx, tok)
        for s in subjects:
            for t in targets:
                ctx.emit(
                    "modeled_on", s, obj=t, anchor=tok, method=f"modeled_on:{tok.lemma_}-on", confidence=0.7
                )
        return
    if tok.pos_ == "NOUN" and tok.lemma_ in ("answer", "clone", "copy", "version", "counterpart"):
        targets = [e for p in preps(tok, "to", "of") for e in ctx.entities_of(p, nominal=False)]
        subjects = _described(ctx, tok)
        for s in subjects:
            for t in targets:
                ctx.emit(
                    "modeled_on", s, obj=t, anchor=tok, method=f"modeled_on:{tok.lemma_}-to", confidence=0.6
                )


def _described(ctx: DocContext, tok: Token) -> list[str]:
    """The entity a descriptive phrase is about: through acl/appos/attr/"intended as" links."""
    cur = tok
    for _ in range(5):
        if cur.dep_ in ("acl", "appos", "amod") and cur.head is not cur:
            cur = cur.head
            if ctx.mention_at(cur) is not None:
                return ctx.resolve(cur)
            continue
        if cur.dep_ in ("pobj",) and cur.head.dep_ == "prep":
            cur = cur.head.head
            if ctx.mention_at(cur) is not None:
                return ctx.resolve(cur)
            continue
        if cur.dep_ in ("attr", "acomp"):
            subj = children(cur.head, "nsubj")
            return subject_entities(ctx, subj[0]) if subj else []
        break
    return []


def possessive_place(ctx: DocContext, tok: Token) -> None:
    """ "X became Belarus's first incubator", "X, Russia's largest bank", "Minsk, the republic's
    capital", "intended as Belarus's answer to Y": X is located in the possessor place."""
    if tok.dep_ != "poss":
        return
    owner = ctx.resolve(tok, nominal=False)
    if not owner or ctx.entity_type(owner[0]) != "place":
        return
    noun = tok.head
    if noun.lemma_ in (
        "gdp",
        "economy",
        "government",
        "president",
        "share",
        "population",
        "strength",
        "export",
        "budget",
        "territory",
        "border",
    ):
        return
    subjects = _described(ctx, noun)
    if not subjects and noun.dep_ == "pobj":
        subjects = _described(ctx, noun.head)
    for s in subjects:
        if s == owner[0] or ctx.entity_type(s) == "person":
            continue
        pred = "located_in"
        ctx.emit(pred, s, obj=owner[0], anchor=noun, method="located_in:possessive-place", confidence=0.6)


def copula_member(ctx: DocContext, tok: Token) -> None:
    """ "X is a research institute of the Academy", "X became a member of Y": part of Y."""
    if tok.lemma_ not in ("be", "become", "remain") or tok.pos_ not in ("AUX", "VERB"):
        return
    subj = children(tok, "nsubj")
    attr = children(tok, "attr")
    if not subj or not attr:
        return
    noun = attr[0]
    if noun.lemma_ not in ORG_NOUNS and noun.lemma_ not in ("member", "resident", "participant", "part", "unit"):
        return
    if noun.lemma_ in PART_NOUNS:
        return  # handled by part_of
    named = subject_entities(ctx, subj[0])
    parents = [e for p in preps(noun, "of") for e in ctx.resolve(p, nominal=False) if ctx.entity_type(e) == "organization"]
    for x in named:
        if ctx.entity_type(x) not in ("organization", "product", "policy"):
            continue
        for y in parents:
            ctx.emit("part_of", x, obj=y, time=ctx.time_for(tok), anchor=noun, method=f"part_of:is-{noun.lemma_}-of",
                     confidence=0.6)


def copula_place(ctx: DocContext, tok: Token) -> None:
    """ "The first private company in Belarus was Dainova": Dainova is located in Belarus."""
    if tok.lemma_ != "be" or tok.dep_ != "ROOT":
        return
    subj = children(tok, "nsubj")
    attr = children(tok, "attr")
    if not subj or not attr:
        return
    named = ctx.resolve(attr[0], nominal=False)
    if not named or ctx.entity_type(named[0]) != "organization":
        return
    if subj[0].lemma_ not in ORG_NOUNS:
        return
    for p in places_in(ctx, preps(subj[0], "in")):
        ctx.emit(
            "located_in", named[0], obj=p, anchor=subj[0], method="located_in:copula-in-place", confidence=0.6
        )


def part_of(ctx: DocContext, tok: Token) -> None:
    """ "X, a subsidiary of Y", "a subsidiary of Y", "within the framework of Y", "a Comecon-wide project"."""
    if tok.pos_ == "NOUN" and tok.lemma_ in PART_NOUNS:
        # "a subsidiary of A and B": one subsidiary belongs to A; B is a sibling in a list.
        parents = [
            e
            for p in preps(tok, "of")
            for e in (ctx.resolve(p, nominal=False) if tok.tag_ == "NN" else ctx.entities_of(p, nominal=False))
            if ctx.entity_type(e) in ("organization", "place")
        ]
        if not parents:
            return
        subjects = _described(ctx, tok) if tok.dep_ in ("appos", "attr") else []
        if not subjects:
            eid = ctx.nominal(tok, "organization")
            subjects = [eid] if eid else []
        for s in subjects:
            for p in parents:
                ctx.emit("part_of", s, obj=p, anchor=tok, method=f"part_of:{tok.lemma_}-of", confidence=0.7)
        return
    if tok.pos_ == "NOUN" and tok.lemma_ in ("framework", "auspices", "umbrella", "aegis"):
        parents = [
            e
            for p in preps(tok, "of")
            for e in ctx.entities_of(p, nominal=False)
            if ctx.entity_type(e) in ("organization", "place", "policy")
        ]
        prep = tok.head
        if prep.dep_ != "prep":
            return
        verb = prep.head
        subjects: list[str] = []
        if verb.pos_ in ("VERB", "AUX"):
            subjects = passive_subject(ctx, verb) if is_passive(verb) else active_subject(ctx, verb)
        for s in subjects:
            for p in parents:
                ctx.emit("part_of", s, obj=p, anchor=tok, method="part_of:within-framework", confidence=0.6)
        return
    # "a Comecon-wide project": the project belongs to Comecon.
    if tok.lower_ == "wide" and tok.i >= 2 and ctx.doc[tok.i - 1].text == "-":
        owner = ctx.mention_at(ctx.doc[tok.i - 2])
        if owner is None:
            return
        noun = tok.head
        while noun.pos_ not in ("NOUN", "PROPN") and noun.head is not noun:
            noun = noun.head
        subjects = _described(ctx, noun)
        for s in subjects:
            ctx.emit("part_of", s, obj=owner.entity_id, anchor=tok, method="part_of:x-wide", confidence=0.55)


def partnership(ctx: DocContext, tok: Token) -> None:
    """ "in collaboration with Y", "X partnered with Y", "Belarusian-Russian cooperation",
    "attracting partners from the US and UK"."""
    if (
        tok.pos_ == "NOUN"
        and tok.lemma_ in ("collaboration", "cooperation", "partnership", "conjunction")
        and tok.dep_ == "pobj"
        and tok.head.lower_ in ("in", "through")
    ):
        verb = tok.head.head
        others = [e for p in preps(tok, "with") for e in ctx.entities_of(p)]
        if verb.pos_ != "VERB" or not others:
            return
        if is_passive(verb):
            subjects = [e for a in preps(verb, "by") for e in ctx.entities_of(a)]
        else:
            subjects = active_subject(ctx, verb)
        subjects = [s for s in subjects if ctx.entity_type(s) in ("organization", "group", "place")]
        for s in subjects:
            for o in others:
                ctx.emit(
                    "partnered_with",
                    s,
                    obj=o,
                    time=ctx.time_for(verb),
                    anchor=tok,
                    method="partnered_with:in-collaboration-with",
                    confidence=0.7,
                )
        # the thing made together is part of the partnership too
        if is_passive(verb):
            for made in passive_subject(ctx, verb):
                if ctx.entity_type(made) in ("product",) and subjects:
                    for o in others:
                        ctx.emit(
                            "partnered_with",
                            made,
                            obj=o,
                            anchor=tok,
                            method="partnered_with:made-with",
                            confidence=0.5,
                        )
        return
    if tok.pos_ == "VERB" and tok.lemma_ in PARTNER_VERBS and tok.lemma_ != "work":
        subjects = active_subject(ctx, tok)
        others = [e for p in preps(tok, "with") for e in ctx.entities_of(p)]
        for s in subjects:
            for o in others:
                if ctx.entity_type(s) in ("organization", "group", "place", "person"):
                    ctx.emit(
                        "partnered_with",
                        s,
                        obj=o,
                        time=ctx.time_for(tok),
                        anchor=tok,
                        method=f"partnered_with:{tok.lemma_}-with",
                        confidence=0.7,
                    )
        return
    if tok.pos_ == "NOUN" and tok.lemma_ in PARTNER_NOUNS:
        # "Belarusian-Russian technological cooperation": two demonyms joined by a hyphen.
        countries: list[str] = []
        for c in tok.lefts:
            for t in c.subtree:
                for found in ctx.table.registry.demonym_countries(t.text):
                    if found.id not in countries:
                        countries.append(found.id)
        if len(countries) >= 2 and _hyphen_pair(tok):
            for c in countries:
                ctx.table.get(c)
            ctx.emit(
                "partnered_with",
                countries[0],
                obj=countries[1],
                anchor=tok,
                method="partnered_with:x-y-cooperation",
                confidence=0.6,
            )
        return
    if tok.pos_ == "NOUN" and tok.lemma_ == "partner" and tok.tag_ == "NNS":
        places = [
            e
            for p in preps(tok, "from")
            for e in ctx.entities_of(p, nominal=False)
            if ctx.entity_type(e) == "place"
        ]
        if not places:
            return
        verb = tok.head
        subjects: list[str] = []
        # "X gave local firms an edge, attracting partners from P": the firms attract partners
        root = verb.head if verb.dep_ in ("advcl", "xcomp") else verb
        for c in root.children:
            if c.dep_ in ("dative", "dobj", "nsubj") and c.i != tok.i:
                found = [e for e in ctx.entities_of(c) if ctx.entity_type(e) in ("organization", "group")]
                if found and c.dep_ == "dative":
                    subjects = found
                    break
                subjects = subjects or found
        for s in subjects:
            for p in places:
                ctx.emit(
                    "partnered_with",
                    s,
                    obj=p,
                    anchor=tok,
                    method="partnered_with:partners-from",
                    confidence=0.55,
                )


def _hyphen_pair(tok: Token) -> bool:
    doc = tok.doc
    start = min(t.i for t in tok.subtree)
    return any(doc[i].text in ("-", "–") for i in range(start, tok.i))


def policy_signed(ctx: DocContext, tok: Token) -> None:
    """ "the president signed a decree legalizing X": the decree exists from then, by its signer,
    and what it legalises is established by it."""
    if tok.pos_ != "VERB" or tok.lemma_ not in POLICY_CREATION_VERBS or is_passive(tok):
        return
    objs = [
        o
        for o in children(tok, "dobj")
        if o.lemma_ in ("decree", "law", "act", "regulation", "resolution", "order", "bill", "edict")
    ]
    if not objs:
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
    if lemma in ("merger", "acquisition", "ipo"):
        return
    if tok.dep_ in ("compound", "amod"):
        return
    eid: str | None = None
    if lemma in ("collapse", "dissolution", "fall", "breakup"):
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


PATTERNS: tuple[Callable[[DocContext, Token], None], ...] = (
    founding,
    leadership,
    roles,
    election,
    located,
    place_based,
    demonym,
    demonym_list,
    relocation,
    operating,
    attraction,
    operates_under,
    offices,
    acquisition,
    emerged_in_sector,
    investment,
    production,
    succession,
    modeling,
    possessive_place,
    copula_place,
    copula_member,
    part_of,
    partnership,
    policy_signed,
    events,
    emergence,
)


def relate(ctx: DocContext, sent: Span) -> None:
    """Run every relation pattern over every token of a sentence."""
    for tok in sent:
        for pattern in PATTERNS:
            pattern(ctx, tok)
