"""Relation patterns about places: location, headquarters, relocation, presence, markets."""

from __future__ import annotations

from spacy.tokens import Span, Token

from kronika.models import TimeSpan
from kronika.pipeline.context import DocContext, governing_verb
from kronika.pipeline.entities import ORG_NOUNS, is_sector
from kronika.pipeline.grammar import (
    _adjacent_mention,
    _described,
    active_subject,
    children,
    is_passive,
    market_place,
    passive_subject,
    places_in,
    preps,
    subject_entities,
)
from kronika.pipeline.vocabulary import INVEST_VERBS, MOVE_VERBS, OFFICE_NOUNS, OPERATE_VERBS


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
    # "the Minsk-based startup MSQRD"
    if tok.lower_ == "based" and tok.i >= 2 and ctx.doc[tok.i - 1].text == "-":
        _x_based(ctx, tok, "based")
        return
    subjects = passive_subject(ctx, tok)
    owner: list[str] = []
    if tok.dep_ in ("acl", "amod") and tok.head.pos_ in ("NOUN", "PROPN"):
        noun = tok.head
        # "a maker of chips and boards based in Minsk": the participle hung on the "of" object
        while noun.dep_ == "conj" and noun.head.i < noun.i:
            noun = noun.head
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_ in ORG_NOUNS:
            noun = noun.head.head
        # "Summit Partners, a growth-equity firm based in Boston": the named firm
        owner = _described_owners(ctx, noun)
        if owner:
            subjects = owner
        elif not subjects:
            subjects = ctx.entities_of(noun)
    if not subjects:
        subj = children(tok, "nsubj", "nsubjpass")
        if subj:
            subjects = subject_entities(ctx, subj[0])
    pred = "headquartered_in" if tok.lemma_.startswith("headquarter") else "located_in"
    site = children(tok, "nsubjpass", "nsubj")
    if (
        site
        and site[0].pos_ == "NOUN"
        and (site[0].lemma_ in SITE_NOUNS | {"business", "operation"} or site[0].lower_ in SITE_NOUNS)
    ):
        # "The company's operating business is headquartered in P", "its development centre is
        # located in P": the possessor is there (its head office is its seat)
        named = [e for p in children(site[0], "poss") for e in ctx.resolve(p, nominal=False)]
        named = [e for e in named if ctx.entity_type(e) == "organization" and e not in ctx.nominal_ids]
        if named:
            subjects, owner = named, named
            if is_head_office(site[0]) or (
                pred == "headquartered_in" and site[0].lemma_ in ("business", "operation")
            ):
                pred = "headquartered_in"
            elif site[0].lemma_ not in ("business", "operation"):
                pred = "operates_in"
    # "firms based in the capital", "a holding company registered in X": a common noun alone
    # names no particular organisation
    heads = children(tok, "nsubjpass", "nsubj") or ([tok.head] if tok.dep_ in ("acl", "amod") else [])
    if heads and heads[0].pos_ == "NOUN" and not owner:
        subjects = [s for s in subjects if s not in ctx.nominal_ids]
    targets: list[str] = []
    for p in preps(tok, "in", "at", "near", "on"):
        if p.head.lower_ != "on" or ctx.mention_at(p) is not None:
            targets.extend(e for e in ctx.entities_of(p, nominal=False) if ctx.entity_type(e) == "place")
        if not targets:
            # "in the north-east of Minsk", "on the outskirts of Minsk": the place itself
            targets.extend(_part_of_place(ctx, [p]))
        if not targets and p.pos_ == "NOUN" and p.head.lower_ != "on":
            eid = ctx.nominal(p, "place")
            if eid:
                targets.append(eid)
    for s in subjects:
        for t in targets:
            ctx.emit(pred, s, obj=t, anchor=tok, method=f"{pred}:based-in", confidence=0.75)


def place_founded(ctx: DocContext, tok: Token) -> None:
    """ "the Lviv-founded outsourcer SoftServe": the company is located in its founding city."""
    if tok.lower_ == "founded" and tok.i >= 2 and ctx.doc[tok.i - 1].text == "-":
        _x_based(ctx, tok, "founded")


def _x_based(ctx: DocContext, tok: Token, how: str) -> None:
    """ "the Minsk-based startup MSQRD", "Uzum, the Tashkent-based payments group"."""
    place = ctx.mention_at(ctx.doc[tok.i - 2])
    if place is not None and ctx.entity_type(place.entity_id) == "place":
        noun = tok.head
        for _ in range(3):
            if noun.pos_ in ("NOUN", "PROPN"):
                break
            noun = noun.head
        # "Uzum, the Tashkent-based e-commerce group; Payme, ...": the name before the comma
        adjacent = _adjacent_mention(ctx, noun) if ctx.mention_at(noun) is None else None
        if adjacent is not None and ctx.entity_type(adjacent) == "organization":
            ctx.emit(
                "located_in",
                adjacent,
                obj=place.entity_id,
                anchor=tok,
                method=f"located_in:x-{how}",
                confidence=0.65,
            )
            return
        named = ctx.mention_at(noun)
        if named is None and noun.dep_ != "appos":
            # "the Minsk-based startup MSQRD": the name right after the noun
            nxt = [t for t in noun.rights if ctx.mention_at(t) is not None][:1]
            named = ctx.mention_at(nxt[0]) if nxt else None
            if named is not None and named.start != noun.i + 1:
                named = None
        if named is None and noun.dep_ == "compound":
            named = ctx.mention_at(noun.head)
        if named is None:
            described = ctx.described_by(noun)
            if described:
                ctx.emit(
                    "headquartered_in"
                    if noun.lemma_ in ("maker", "developer", "company", "firm", "startup", "provider")
                    else "located_in",
                    described[0],
                    obj=place.entity_id,
                    anchor=tok,
                    method=f"located_in:x-{how}",
                    confidence=0.6,
                )
                return
        if named is not None and ctx.entity_type(named.entity_id) == "organization":
            ctx.emit(
                "located_in",
                named.entity_id,
                obj=place.entity_id,
                anchor=tok,
                method=f"located_in:x-{how}",
                confidence=0.65,
            )


def described_owner(ctx: DocContext, noun: Token) -> list[str]:
    """The named organisation a common noun describes: "X, a firm ...", "X is a maker ..."."""
    if noun.pos_ != "NOUN" or noun.lemma_ not in ORG_NOUNS or noun.dep_ not in ("appos", "attr"):
        return []
    m = ctx.mention_at(noun)
    if m is not None and m.entity_id not in ctx.nominal_ids:
        return []
    return [e for e in _described(ctx, noun) if ctx.entity_type(e) in ("organization", "group")]


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
        sent = ctx.sent_span(tok)
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
    # "Japan's Rakuten": a country as the possessor of an organisation's name
    for c in tok.children:
        pm = ctx.mention_at(c) if c.dep_ == "poss" else None
        if pm is not None and ctx.place_kind(pm.entity_id) == "country":
            ctx.emit(
                "headquartered_in",
                m.entity_id,
                obj=pm.entity_id,
                anchor=tok,
                method="headquartered_in:possessive-country",
                confidence=0.6,
            )
    countries: list[str] = []
    i = tok.i - 1
    sent_start = ctx.sent_span(tok).start
    steps = 0
    while i >= sent_start and steps < 4:
        left = ctx.doc[i]
        lm = ctx.mention_at(left)
        if (
            lm is not None
            and ctx.entity_type(lm.entity_id) == "product"
            and is_sector(ctx.table.registry, lm.entity_id)
        ):
            i, steps = lm.start - 1, steps + 1  # "Finnish outsourcing company Tieto"
            continue
        if lm is not None or left.text in (",", ";", "(", ")", ":") or left.pos_ in ("VERB", "ADP", "CCONJ"):
            break
        if left.pos_ == "NOUN" and (
            left.lemma_ in ("period", "era", "time", "year", "decade", "century", "rule", "days")
            or (
                not left.i < left.head.i < m.end
                and not any(t.head.i == left.i for t in ctx.doc[m.start : m.end])
            )
        ):
            break  # "Throughout the Soviet period MRTI ...": the noun is not the name's

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
    for country in countries:
        ctx.table.get(country)
        ctx.emit(
            "headquartered_in",
            m.entity_id,
            obj=country,
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


def is_head_office(tok: Token) -> bool:
    """ "headquarters", "head office", "main office", "registered office", "seat"."""
    if tok.lemma_ in ("headquarters", "headquarter", "hq", "seat", "registration"):
        return True
    return tok.lemma_ == "office" and any(
        c.lower_ in ("head", "main", "registered", "central") for c in children(tok, "compound", "amod")
    )


def site_is_in(ctx: DocContext, tok: Token) -> None:
    """ "Its head office is in Zug", "X, whose largest engineering centre is in Yerevan": the
    owner is headquartered or operates there."""
    if tok.lemma_ != "be":
        return
    sites = [s for s in children(tok, "nsubj") if s.lemma_ in SITE_NOUNS or s.lower_ in SITE_NOUNS]
    if not sites:
        return
    where = places_in(ctx, preps(tok, "in"))
    for p in preps(tok, "in"):
        where = place_run(ctx, where, p)
    if not where:
        return
    for site in sites:
        owners: list[str] = []
        for p in children(site, "poss"):
            if p.lower_ == "whose" and tok.dep_ == "relcl":
                owners.extend(ctx.resolve(tok.head, nominal=False))
            else:
                owners.extend(ctx.resolve(p, nominal=False))
        owners = [e for e in owners if ctx.entity_type(e) == "organization"]
        pred = "headquartered_in" if is_head_office(site) else "operates_in"
        ctx.emit_pairs(
            pred,
            owners,
            where,
            time=ctx.time_for(tok),
            anchor=site,
            method=f"{pred}:site-is-in",
            confidence=0.6,
        )


def relocation(ctx: DocContext, tok: Token) -> None:
    """ "X moved its headquarters to P", "companies decided to relocate to P or Q", "moved abroad"."""
    if tok.lemma_ not in MOVE_VERBS or tok.pos_ != "VERB":
        return
    subjects = [
        s for s in active_subject(ctx, tok) if ctx.entity_type(s) in ("organization", "group", "person")
    ]
    if not subjects:
        subjects = _team_owner(ctx, tok)
    if not subjects:
        return
    targets: list[str] = []
    if tok.lemma_ in ("settle", "arrive"):
        to_phrases = preps(tok, "in", "to")
    else:
        to_phrases = preps(tok, "to", "for", "into")
        # "moved staff from Kharkiv to Lviv": the parser may hang "to" on the object or on "from"
        for o in children(tok, "dobj"):
            to_phrases += preps(o, "to")
            for src in preps(o, "from") + preps(o, "out"):
                to_phrases += preps(src.head, "to") + preps(src, "to")
        for src_prep in tok.children:
            if src_prep.dep_ == "prep" and src_prep.lower_ in ("from", "out"):
                to_phrases += preps(src_prep, "to")
    # "relocated, most of them to A and B", "moved again, this time to A"
    for c in children(tok, "npadvmod", "advmod"):
        to_phrases += preps(c, "to")
    if tok.dep_ == "xcomp":
        # "companies decided to relocate - to A or B, but also to C": the parser may hang the
        # second "to" on "decided".
        to_phrases += [p for p in preps(tok.head, "to") if p.i > tok.i]
    for p in to_phrases:
        targets.extend(places_in(ctx, [p]))
        for m in ctx.list_members(p):
            targets.extend(e for e in ctx.resolve(m, nominal=False) if ctx.entity_type(e) == "place")
    if not targets:
        # "moved its head office to Zug" with "to Zug" misread as an infinitive clause
        for c in children(tok, "advcl", "xcomp"):
            m = ctx.mention_at(c)
            to_aux = any(a.lower_ == "to" for a in children(c, "aux"))
            if m is not None and ctx.entity_type(m.entity_id) == "place" and to_aux:
                targets.append(m.entity_id)
    hq = any(is_head_office(o) for o in children(tok, "dobj"))
    if hq and all(ctx.entity_type(s) in ("person", "group") for s in subjects):
        # "the founders moved the head office to P", "he moved the company's headquarters to
        # P": the organisation moves, not its people
        owners = _office_owner(ctx, tok)
        if owners:
            subjects = owners
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
    # "moved to Vilnius in 2020, and in 2022 to Warsaw": a second move with its own time
    if targets and tok.lemma_ not in ("settle", "arrive", "leave"):
        for c in tok.children:
            if c.dep_ != "prep" or c.lower_ not in ("in", "by") or c.i < tok.i:
                continue
            dates = [d for d in children(c, "pobj") if d.ent_type_ == "DATE"]
            later = [w for w in places_in(ctx, preps(c, "to")) if w not in seen]
            if not dates or not later:
                continue
            ctx.emit_pairs(
                "relocated_to",
                subjects,
                later,
                time=ctx.time_for(dates[0], "near"),
                anchor=tok,
                method="relocated_to:move-to-gapped",
                confidence=0.6,
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


def _office_owner(ctx: DocContext, verb: Token) -> list[str]:
    """The organisation whose head office a person or group moves: the possessor ("the
    company's headquarters"), else the organisation the text is about when it was just named."""
    for o in children(verb, "dobj"):
        if not is_head_office(o):
            continue
        poss = [c for c in o.children if c.dep_ == "poss"]
        if poss:
            return [e for c in poss for e in ctx.resolve(c) if ctx.entity_type(e) == "organization"]
    topic = ctx.topic_org()
    if topic is None:
        return []
    sent = ctx.sent_span(verb)
    named = topic in ctx.prev_subjects or any(
        m.entity_id == topic and sent.start <= m.start < sent.end for m in ctx.mentions
    )
    return [topic] if named or topic in ctx.recent[-3:] else []


#: A company's people as a body: "the Kyiv team moved again" is the company moving.
TEAM_NOUNS = frozenset(["team", "staff", "workforce", "personnel", "office", "studio"])


def _team_owner(ctx: DocContext, verb: Token) -> list[str]:
    """The organisation whose team is the subject of a move: "its Kyiv team" (the possessor),
    "the Kyiv team" (the organisation the text is about)."""
    subj = children(verb, "nsubj")
    if not subj or subj[0].lemma_ not in TEAM_NOUNS or subj[0].pos_ != "NOUN":
        return []
    owners = [e for p in children(subj[0], "poss") for e in ctx.resolve(p, nominal=False)]
    if not owners and any(d.lower_ == "the" for d in children(subj[0], "det")):
        topic = ctx.topic_org()
        owners = [topic] if topic is not None and topic in ctx.recent[-40:] else []
    return [e for e in owners if ctx.entity_type(e) == "organization"]


def operating(ctx: DocContext, tok: Token) -> None:
    """ "X operated in the local market until 2010", "they expanded to markets including A, B",
    "X entered the Belarusian market", "companies focusing on banking software", "active across S"."""
    if tok.lemma_ not in OPERATE_VERBS and not (tok.lemma_ == "active" and tok.pos_ == "ADJ"):
        return
    if tok.lemma_ == "work" and not preps(tok, "in"):
        return
    hosts = [tok]
    if tok.pos_ == "ADJ":
        subjects = ctx.entities_of(tok.head) if tok.dep_ == "amod" else active_subject(ctx, tok)
        if tok.dep_ == "amod" and tok.head.dep_ == "appos":
            subjects = ctx.entities_of(tok.head.head)
        if tok.dep_ == "acomp" and not subjects:
            # "X is active in A and B": the prepositions hang on the copula
            subjects = active_subject(ctx, tok.head)
            hosts.append(tok.head)
    elif tok.lemma_ in ("sell", "export") and is_passive(tok):
        # "its first product, sold online to developers in A": the goods are the subject; the
        # seller is the organisation the text is about
        topic = ctx.topic_org()
        subjects = [topic] if topic is not None and topic in ctx.recent[-40:] else []
        goods = children(tok, "nsubjpass")
        if any(children(r, "nsubj") for g in goods for r in g.subtree if r.dep_ == "relcl"):
            subjects = []  # "the lasers they build are sold abroad": the makers are named there
    elif tok.lemma_ == "enter" and is_passive(tok):
        return  # "we were entered in the register": listed, not a market entered
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
    phrases = [p for h in hosts for p in preps(h, *words)]
    # "sold to users in A": "to" parsed as a dative
    phrases += [p for d in children(tok, "dative") if d.lower_ == "to" for p in children(d, "pobj")]
    # "selling chips abroad, mainly in Asia"
    phrases += [
        p for a in children(tok, "advmod") if a.lower_ in ("abroad", "overseas") for p in preps(a, "in")
    ]
    for p in phrases:
        buyers = _buyer_places(ctx, p)
        if buyers is not None:
            targets.extend(buyers)  # "sells to banks in Chile", "exports to Chilean retailers"
            continue
        members = ctx.list_members(p)
        if members:
            for m in members:
                targets.extend(ctx.resolve(m))
            continue
        place = market_place(ctx, p)
        if place:
            targets.append(place)
            continue
        for conj in ctx.expand(p):
            targets.extend(ctx.resolve(conj))
    targets = [t for t in targets if ctx.entity_type(t) in ("place", "product", "group")]
    if tok.lemma_ in ("sell", "export") and is_passive(tok):
        # "others had been sold to foreign giants" is a sale of companies, not a market
        targets = [t for t in targets if ctx.entity_type(t) == "place"]
        goods = children(tok, "nsubjpass") or ([tok.head] if tok.dep_ in ("acl", "relcl") else [])
        if any(ctx.entity_type(e) in ("organization", "group") for g in goods for e in ctx.resolve(g)):
            targets = []
    if tok.lemma_ == "work":
        # "X works in Minsk", not "engineers worked in Minsk" or "works in computer science"
        subjects = [s for s in subjects if ctx.entity_type(s) == "organization" and s not in ctx.nominal_ids]
        targets = [t for t in targets if ctx.entity_type(t) == "place"]
    time = _presence_time(ctx, tok)
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


#: Nouns for the buyers of a product or service: "sells to banks in Chile" names a market.
BUYER_NOUNS = frozenset(
    [
        "customer",
        "client",
        "user",
        "buyer",
        "consumer",
        "bank",
        "retailer",
        "hospital",
        "developer",
        "business",
        "company",
        "firm",
        "enterprise",
        "agency",
        "government",
        "operator",
        "carrier",
        "manufacturer",
        "player",
        "subscriber",
        "shopper",
        "school",
        "university",
    ]
)


def _buyer_places(ctx: DocContext, tok: Token) -> list[str] | None:
    """The market a buyer phrase names: "customers in Chile and Peru" (the places), "Chilean
    banks and retailers" (the demonym's country), [] for buyers without a place; None when the
    phrase names no buyers."""
    if tok.pos_ != "NOUN" or tok.lemma_ not in BUYER_NOUNS:
        return None
    out: list[str] = []
    for head in ctx.expand(tok):
        for p in preps(head, "in", "across", "throughout"):
            for eid in places_in(ctx, [p]):
                if eid not in out:
                    out.append(eid)
            out = place_run(ctx, out, p)
    for a in children(tok, "amod", "compound", "nmod"):
        m = ctx.mention_at(a)
        if m is not None and ctx.place_kind(m.entity_id) is not None:
            found = [m.entity_id]
        elif m is None:
            found = [c.id for c in ctx.table.registry.demonym_countries(a.text)[:1]]
        else:
            found = []
        for eid in found:
            ctx.table.get(eid)
            if eid not in out:
                out.append(eid)
    return out


def _presence_time(ctx: DocContext, verb: Token) -> TimeSpan | None:
    """When a presence verb holds; "stopped serving customers in Russia in 2022": until then."""
    time = ctx.time_for(verb)
    if verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_ in ("stop", "cease", "quit", "halt"):
        return _ended(time)
    return time


def city_in_name(ctx: DocContext, tok: Token) -> None:
    """ "Minsk Tractor Works", "Kyiv Polytechnic Institute": an organisation named after its city
    is located there (said once per document)."""
    m = ctx.mention_at(tok)
    if m is None or tok.i != m.start or m.end - m.start < 2 or ctx.entity_type(m.entity_id) != "organization":
        return
    if m.entity_id in ctx.said_located:
        return
    ent = ctx.table.get(m.entity_id)
    if ent is None:
        return
    words = ent.name.split()
    for n in (2, 1):
        city = ctx.table.registry.lookup(" ".join(words[:n])) if len(words) > n else None
        if city is not None and ctx.table.registry.kind(city.id) == "city":
            ctx.table.get(city.id)
            ctx.said_located.add(m.entity_id)
            ctx.emit(
                "located_in",
                m.entity_id,
                obj=city.id,
                anchor=tok,
                method="located_in:city-in-name",
                confidence=0.5,
            )
            return


def org_in_place(ctx: DocContext, tok: Token) -> None:
    """ "the Institute of Electrical Engineering in Kyiv", "a bank in Minsk": an organisation
    written with the place it is in."""
    m = ctx.mention_at(tok)
    if m is None or ctx.entity_type(m.entity_id) != "organization" or tok.i != m.end - 1:
        return
    root = ctx.doc[m.start : m.end].root
    # "the Joint Institute for Nuclear Research (JINR) in Dubna": the place after the alias
    j = m.end
    if j < len(ctx.doc) and ctx.doc[j].text == "(":
        close = next((k for k in range(j + 1, min(j + 8, len(ctx.doc))) if ctx.doc[k].text == ")"), None)
        if close is not None and close + 2 < len(ctx.doc) and ctx.doc[close + 1].lower_ == "in":
            found = ctx.mention_at(ctx.doc[close + 2])
            if (
                found is not None
                and found.start == close + 2
                and ctx.place_kind(found.entity_id) in ("city", "country", "region")
            ):
                ctx.emit(
                    "located_in",
                    m.entity_id,
                    obj=found.entity_id,
                    anchor=tok,
                    method="located_in:org-in-place",
                    confidence=0.5,
                )
                return
    for p in preps(root, "in"):
        if p.i != m.end + 1 and not (p.i == m.end + 2 and ctx.doc[m.end + 1].lower_ == "the"):
            continue
        found = ctx.mention_at(p)
        if found is not None and ctx.place_kind(found.entity_id) in ("city", "country", "region"):
            ctx.emit(
                "located_in",
                m.entity_id,
                obj=found.entity_id,
                anchor=tok,
                method="located_in:org-in-place",
                confidence=0.5,
            )


def city_country(ctx: DocContext, tok: Token) -> None:
    """ "Poznań, Poland", "Newtown, Pennsylvania": a city written with its country or region."""
    m = ctx.mention_at(tok)
    if (
        m is None
        or tok.i != m.end - 1
        or ctx.place_kind(m.entity_id) != "city"
        or m.entity_id in ctx.said_located
    ):
        return
    if m.end + 1 >= len(ctx.doc) or ctx.doc[m.end].text != ",":
        return
    nxt = ctx.mention_at(ctx.doc[m.end + 1])
    if nxt is None or nxt.start != m.end + 1 or ctx.place_kind(nxt.entity_id) not in ("country", "region"):
        return
    ctx.said_located.add(m.entity_id)
    ctx.emit(
        "located_in",
        m.entity_id,
        obj=nxt.entity_id,
        anchor=tok,
        method="located_in:city-comma-country",
        confidence=0.6,
    )


def destination(ctx: DocContext, tok: Token) -> None:
    """ "Poland became the main destination for Belarusian IT specialists": they moved there."""
    if tok.pos_ != "NOUN" or tok.lemma_ not in ("destination", "haven", "hub", "magnet", "choice"):
        return
    if tok.dep_ not in ("attr", "appos"):
        return
    places = [e for e in ctx.described_by(tok) if ctx.entity_type(e) == "place"]
    if not places and tok.dep_ == "attr":
        places = [
            e
            for s in children(tok.head, "nsubj")
            for e in ctx.resolve(s, nominal=False)
            if ctx.entity_type(e) == "place"
        ]
    movers = [
        e
        for p in preps(tok, "for")
        for e in ctx.entities_of(p)
        if ctx.entity_type(e) in ("group", "organization")
    ]
    for p in places:
        for who in movers:
            ctx.emit(
                "relocated_to",
                who,
                obj=p,
                time=ctx.time_for(tok),
                anchor=tok,
                method=f"relocated_to:{tok.lemma_}-for",
                confidence=0.55,
            )


def hosts_movers(ctx: DocContext, tok: Token) -> None:
    """ "Lithuania welcomed thousands of Belarusian IT specialists": they moved there;
    "companies chose Vilnius as their new base": they moved there."""
    if tok.pos_ not in ("VERB", "NOUN") or is_passive(tok):
        return
    if tok.pos_ == "NOUN" and tok.lemma_ == "home" and tok.dep_ == "attr":
        # "Vilnius became home to dozens of relocated startups"
        hosts = [
            e
            for s in children(tok.head, "nsubj")
            for e in ctx.resolve(s, nominal=False)
            if ctx.entity_type(e) == "place"
        ]
        for p in preps(tok, "to"):
            for who in subject_entities(ctx, p):
                moved = any(t.lower_ in ("relocated", "moved", "emigrant", "emigrants") for t in p.subtree)
                pred = "relocated_to" if moved else "located_in"
                for h in hosts:
                    ctx.emit(
                        pred,
                        who,
                        obj=h,
                        time=ctx.time_for(tok),
                        anchor=tok,
                        method=f"{pred}:home-to",
                        confidence=0.5,
                    )
        return
    if tok.lemma_ in ("welcome", "receive", "host", "accept", "absorb", "take", "attract"):
        # only a place named as the subject itself ("Georgia attracted ..."), not policies
        hosts = [
            m.entity_id
            for c in children(tok, "nsubj")
            if (m := ctx.mention_at(c)) is not None and ctx.place_kind(m.entity_id) is not None
        ]
        movers: list[str] = []
        for o in children(tok, "dobj"):
            for who in subject_entities(ctx, o):
                if ctx.entity_type(who) in ("group", "organization"):
                    movers.append(who)
        pred_time = ctx.time_for(tok)
        for h in hosts:
            for who in movers:
                ctx.emit(
                    "relocated_to",
                    who,
                    obj=h,
                    time=pred_time,
                    anchor=tok,
                    method=f"relocated_to:{tok.lemma_}d-by-place",
                    confidence=0.55,
                )
        return
    if tok.lemma_ in ("choose", "pick", "select", "make"):
        places = [
            e
            for o in children(tok, "dobj")
            for e in ctx.resolve(o, nominal=False)
            if ctx.entity_type(e) == "place"
        ]
        roles = [
            p for p in preps(tok, "as") if p.lemma_ in ("base", "home", "headquarters", "destination", "hub")
        ]
        if not places or not roles:
            return
        movers_ = [
            e for e in active_subject(ctx, tok) if ctx.entity_type(e) in ("group", "organization", "person")
        ]
        for w in movers_:
            for place in places:
                ctx.emit(
                    "relocated_to",
                    w,
                    obj=place,
                    time=ctx.time_for(tok),
                    anchor=tok,
                    method="relocated_to:chose-as-base",
                    confidence=0.55,
                )


def relocation_noun(ctx: DocContext, tok: Token) -> None:
    """ "the relocation of large employers such as EPAM and Wargaming to Poland and Lithuania",
    "Wargaming's move to Vilnius": the named movers relocated there."""
    if tok.pos_ != "NOUN" or tok.lemma_ not in ("relocation", "move", "transfer", "exodus", "emigration"):
        return
    movers = [e for p in preps(tok, "of") for e in ctx.entities_of(p)]
    movers += [e for c in tok.children if c.dep_ == "poss" for e in ctx.resolve(c, nominal=False)]
    movers = [m for m in movers if ctx.entity_type(m) in ("organization", "group", "person")]
    if not movers:
        return
    to_phrases = preps(tok, "to", "into")
    for p in preps(tok, "of"):
        to_phrases += preps(p, "to")
        for member in [*ctx.list_members(p), *p.conjuncts]:
            to_phrases += preps(member, "to")
    where = places_in(ctx, to_phrases)
    for m in movers:
        for w in where:
            ctx.emit(
                "relocated_to",
                m,
                obj=w,
                time=ctx.time_for(tok, "context"),
                anchor=tok,
                method=f"relocated_to:{tok.lemma_}-of",
                confidence=0.55,
            )


def opening_of(ctx: DocContext, tok: Token) -> None:
    """ "X announced the opening of a development centre in Tbilisi": X operates there."""
    if tok.pos_ != "NOUN" or tok.lemma_ not in (
        "opening",
        "launch",
        "establishment",
        "creation",
        "inauguration",
    ):
        return
    offices_ = [p for p in preps(tok, "of") if p.lemma_ in OFFICE_NOUNS or p.lower_ in OFFICE_NOUNS]
    if not offices_:
        return
    where = places_in(ctx, [q for o in offices_ for q in preps(o, "in")] + preps(tok, "in"))
    verb = tok.head
    owners = [e for c in tok.children if c.dep_ == "poss" for e in ctx.resolve(c, nominal=False)]
    if not owners and verb.pos_ == "VERB":
        owners = active_subject(ctx, verb)
    owners = [x for x in owners if ctx.entity_type(x) == "organization"]
    ctx.emit_pairs(
        "operates_in",
        owners,
        where,
        time=ctx.time_for(tok),
        anchor=tok,
        method=f"operates_in:{tok.lemma_}-of-office",
        confidence=0.6,
    )


def employs_in(ctx: DocContext, tok: Token) -> None:
    """ "EPAM employs thousands of engineers in Poland": the employer operates there."""
    if tok.pos_ != "VERB" or tok.lemma_ not in ("employ", "hire", "recruit", "train", "serve", "have"):
        return
    if any(is_head_office(o) for o in children(tok, "dobj")):
        return  # "has its head office in P": ``offices``
    phrases = preps(tok, "in") + [p for o in children(tok, "dobj") for p in preps(o, "in")]
    for o in children(tok, "dobj"):
        for q in preps(o, "of"):
            phrases += preps(q, "in")
    where = places_in(ctx, phrases)
    if not where:
        return
    employers = [e for e in active_subject(ctx, tok) if ctx.entity_type(e) == "organization"]
    ctx.emit_pairs(
        "operates_in",
        employers,
        where,
        time=_presence_time(ctx, tok),
        anchor=tok,
        method=f"operates_in:{tok.lemma_}s-in",
        confidence=0.6,
    )


def operates_under(ctx: DocContext, tok: Token) -> None:
    """ "The technopark operates under the Ministry of X": part of that body."""
    if tok.pos_ != "VERB" or tok.lemma_ not in ("operate", "work", "function", "sit", "fall", "report"):
        return
    parents = [
        e
        for p in preps(tok, "under", "within")
        for e in ctx.entities_of(p, nominal=False)
        if ctx.entity_type(e) == "organization"
    ]
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
            ctx.emit(
                "operates_in",
                f,
                obj=w,
                time=ctx.time_for(tok),
                anchor=tok,
                method=f"operates_in:{tok.lemma_}ed",
                confidence=0.55,
            )


def offices(ctx: DocContext, tok: Token) -> None:
    """ "built its biggest engineering centers in Kharkiv and Lviv", "its technology hubs in A and B",
    "has a development center in Minsk", "operates online stores in A, B and C": the owner
    operates in each place."""
    if tok.pos_ != "NOUN" or (
        tok.lemma_ not in OFFICE_NOUNS
        and tok.lower_ not in OFFICE_NOUNS
        and tok.lemma_ not in ("store", "network", "shop", "business", "operation")
    ):
        return
    where = places_in(ctx, preps(tok, "in"))
    verb = tok.head if tok.dep_ == "dobj" else None
    if verb is not None and (verb.lemma_ in CLOSE_VERBS or verb.lemma_ in EXIT_VERBS):
        return  # "closed its offices in A": ``closure``; "suspended operations in A": ``exit_market``
    if (
        not where
        and children(tok, "poss")
        and tok.head.lemma_ not in CLOSE_VERBS | EXIT_VERBS
        and (tok.lemma_ in OFFICE_NOUNS or tok.lower_ in OFFICE_NOUNS)
    ):
        # "officers searched PandaDoc's Minsk office", "its Kyiv studio grew to 300 people"
        where = _site_places(ctx, tok)
    if verb is not None and not where:
        where = places_in(ctx, preps(verb, "in"))
    if not where and tok.dep_ == "nsubj" and tok.head.lemma_ in ("open", "follow", "appear", "start"):
        # "its first office opened in Warsaw in 2016"
        where = places_in(ctx, preps(tok.head, "in"))
    # "offices in A and B, as well as in C and D"
    for host in (tok, verb) if verb is not None else (tok,):
        where += [w for w in places_in(ctx, also_preps(host, "in")) if w not in where]
    for p in preps(tok, "in") + (preps(verb, "in") if verb is not None else []):
        where = place_run(ctx, where, p)
    if not where:
        return
    owners = [e for p in children(tok, "poss") for e in ctx.resolve(p, nominal=False)]
    if not owners and verb is not None and verb.pos_ == "VERB" and verb.lemma_ in OFFICE_VERBS:
        owners = active_subject(ctx, verb)
    if (
        not owners
        and tok.dep_ == "pobj"
        and tok.head.lower_ == "with"
        and tok.head.head.pos_ in ("VERB", "AUX")
    ):
        # "X is headquartered in Lyon, with a second studio in Porto"
        host = tok.head.head
        owners = passive_subject(ctx, host) if is_passive(host) else active_subject(ctx, host)
        owners = [e for e in owners if e not in ctx.nominal_ids]
    if (
        not owners
        and tok.dep_ == "pobj"
        and tok.head.lower_ == "with"
        and tok.head.head.pos_ in ("NOUN", "PROPN")
    ):
        # "X is a software company with offices in A and B", "X, with headquarters in P, ..."
        noun = tok.head.head
        owners = _described_owners(ctx, noun) if ctx.mention_at(noun) is None else ctx.resolve(noun)
        owners = [e for e in owners if e not in ctx.nominal_ids]
    owners = [e for e in owners if ctx.entity_type(e) in ("organization", "group")]
    if not owners and verb is not None and verb.pos_ == "VERB" and verb.lemma_ in OFFICE_VERBS:
        # "It also has sales offices in A and B" after a list that left "it" pointing at a place
        subj = children(verb, "nsubj")
        topic = ctx.topic_org()
        if subj and subj[0].lower_ == "it" and topic is not None and topic in ctx.recent[-60:]:
            owners = [topic]
    if (
        not owners
        and tok.dep_ == "nsubj"
        and tok.head.lemma_ in ("follow", "open", "appear")
        and not children(tok, "poss")
        and all(d.lower_ in ("a", "an", "another") for d in children(tok, "det"))
    ):
        # "Offices in Bucharest and Krakow followed in the late 2000s": the text's company
        topic = ctx.topic_org()
        if topic is not None and topic in ctx.recent[-40:]:
            owners, verb = [topic], tok.head
    anchor = verb if verb is not None else tok
    predicate = "headquartered_in" if is_head_office(tok) else "operates_in"
    # "Lesta Studio, its former studio in St Petersburg": the office is the named organisation
    if tok.dep_ == "appos" and ctx.mention_at(tok.head) is not None:
        named = ctx.mention_at(tok.head)
        assert named is not None
        if ctx.entity_type(named.entity_id) == "organization":
            for w in where:
                ctx.emit(
                    "located_in",
                    named.entity_id,
                    obj=w,
                    anchor=tok,
                    method="located_in:office-appos",
                    confidence=0.6,
                )
            return
    for x in owners:
        for w in where:
            ctx.emit(
                predicate,
                x,
                obj=w,
                time=ctx.time_for(anchor),
                anchor=anchor,
                method=f"{predicate}:office-in",
                confidence=0.65,
            )


OFFICE_VERBS = frozenset(
    [
        "build",
        "run",
        "have",
        "maintain",
        "keep",
        "operate",
        "expand",
        "add",
        "open",
        "launch",
        "establish",
        "set",
        "create",
        "own",
        "manage",
    ]
)


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
                and m.start >= ctx.sent_span(tok).start
                and ctx.entity_type(m.entity_id) == "organization"
            ):
                subjects = [m.entity_id]
                break
    subjects = [s for s in subjects if ctx.entity_type(s) in ("organization", "group", "person")]
    if subjects and ctx.entity_type(subjects[0]) == "person":
        for m in reversed(ctx.mentions):
            if (
                m.end <= tok.i
                and m.start >= ctx.sent_span(tok).start
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
    # "Georgia's TBC Bank Group": the possessed noun is itself the named organisation
    named = ctx.mention_at(noun)
    if (
        named is not None
        and named.entity_id != owner[0]
        and ctx.entity_type(named.entity_id) == "organization"
    ):
        ctx.emit(
            "located_in",
            named.entity_id,
            obj=owner[0],
            anchor=noun,
            method="located_in:possessive-place",
            confidence=0.6,
        )
        return
    subjects = _described(ctx, noun)
    if not subjects and noun.dep_ == "pobj":
        subjects = _described(ctx, noun.head)
    for s in subjects:
        if s == owner[0] or ctx.entity_type(s) == "person":
            continue
        pred = "located_in"
        ctx.emit(pred, s, obj=owner[0], anchor=noun, method="located_in:possessive-place", confidence=0.6)


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


#: Verbs that end an office's life: "closed its Minsk office", "the studio was shut down".
CLOSE_VERBS = frozenset(["close", "shut", "shutter", "liquidate", "dissolve"])
#: Sites an organisation runs, beyond the office nouns: "plant", "factory", "store".
SITE_NOUNS = OFFICE_NOUNS | frozenset(["plant", "factory", "store", "shop", "site", "representation"])


def also_preps(tok: Token, *words: str) -> list[Token]:
    """Prepositional objects added with "as well as" ("offices in A, as well as in B")."""
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ in ("cc", "prep") and c.lower_ == "as" and any(w.lower_ == "well" for w in c.children):
            out.extend(preps(c, *words))
    return out


def place_run(ctx: DocContext, places: list[str], after: Token) -> list[str]:
    """Places listed after a place name but hung elsewhere by the parser ("in Moscow, St
    Petersburg and Omsk" with "Petersburg" on the verb): follow ", X", "and X", "or X" while
    every X is a named place."""
    out = list(places)
    doc = ctx.doc
    m = ctx.mention_at(after)
    i = m.end if m is not None else after.i + 1
    end = ctx.sent_span(after).end
    while i < end:
        if doc[i].text not in (",", "and", "or"):
            break
        j = i + 1
        if j < end and doc[i].text == "," and doc[j].lower_ in ("and", "or"):
            j += 1
        nxt = ctx.mention_at(doc[j]) if j < end else None
        if nxt is None or nxt.start != j or ctx.entity_type(nxt.entity_id) != "place":
            break
        if nxt.entity_id not in out:
            out.append(nxt.entity_id)
        i = nxt.end
    return out


def _site_places(ctx: DocContext, site: Token) -> list[str]:
    """The places of an office phrase: "offices in A and B", "its Minsk office", "its Belarusian office"."""
    where = places_in(ctx, preps(site, "in"))
    for c in site.children:
        if c.dep_ not in ("compound", "amod", "nmod") or c.i > site.i:
            continue
        m = ctx.mention_at(c)
        if m is not None and ctx.place_kind(m.entity_id) is not None:
            where.append(m.entity_id)
            continue
        if m is None and c.pos_ in ("ADJ", "PROPN"):
            found = ctx.table.registry.demonym_countries(c.text)
            if found:
                ctx.table.get(found[0].id)
                where.append(found[0].id)
    return list(dict.fromkeys(where))


def _ended(span: TimeSpan | None) -> TimeSpan | None:
    """An open-start span ending where a time ends: a closed office held until then."""
    if span is None or span.end is None:
        return None
    return TimeSpan(None, span.end, span.precision, span.text)


def closure(ctx: DocContext, tok: Token) -> None:
    """ "X closed its Minsk office in 2020", "the Minsk studio was closed", "X shut its offices in
    A and B": X operated there until then."""
    if tok.pos_ != "VERB" or tok.lemma_ not in CLOSE_VERBS:
        return
    passive = is_passive(tok)
    sites = children(tok, "nsubjpass") if passive else children(tok, "dobj")
    sites += [c for s in sites for c in s.conjuncts if c.i > s.i]
    sites = [s for s in sites if s.lemma_ in SITE_NOUNS or s.lower_ in SITE_NOUNS]
    if not sites:
        return
    time = _ended(ctx.time_for(tok, "context"))
    for site in sites:
        where = _site_places(ctx, site)
        if not where and not passive:
            where = places_in(ctx, preps(tok, "in"))  # "closed its offices in A and B"
        for p in preps(site, "in") + preps(tok, "in"):
            where = place_run(ctx, where, p)
        if not where:
            continue
        owners = [e for p in children(site, "poss") for e in ctx.resolve(p, nominal=False)]
        if not owners and not passive:
            owners = active_subject(ctx, tok)
        if not owners and passive and any(d.lower_ == "the" for d in children(site, "det")):
            topic = ctx.topic_org()
            owners = [topic] if topic is not None and topic in ctx.recent[-40:] else []
        owners = [e for e in owners if ctx.entity_type(e) == "organization"]
        ctx.emit_pairs(
            "operates_in",
            owners,
            where,
            time=time,
            anchor=tok,
            method="operates_in:closed-office",
            confidence=0.6,
        )


def _place_items(ctx: DocContext, toks: list[Token]) -> list[str] | None:
    """The places of a list of names ("Kraków and Wrocław"); None when it holds a verb."""
    items: list[str] = []
    for t in toks:
        if t.pos_ in ("VERB", "AUX"):
            return None
        m = ctx.mention_at(t)
        if m is not None and ctx.entity_type(m.entity_id) == "place" and m.entity_id not in items:
            items.append(m.entity_id)
    return items


def _bullet_places(ctx: DocContext, sent: Span) -> tuple[str, list[str]] | None:
    """ "- Poland: Kraków and Wrocław": the heading place and the places listed after the colon
    (the list may spill into the next segment when the parser splits it off)."""
    toks = [t for t in sent if not t.is_space and t.text not in ("-", "•", "*", "–", "—")]
    colon = next((k for k, t in enumerate(toks) if t.text == ":"), None)
    if colon is None or colon == 0:
        return None
    head = ctx.mention_at(toks[0])
    if head is None or ctx.place_kind(head.entity_id) is None or toks[colon - 1].i != head.end - 1:
        return None
    items = _place_items(ctx, toks[colon + 1 :])
    if items == [] and colon == len(toks) - 1 and sent.end < len(ctx.doc):
        items = _place_items(ctx, [t for t in ctx.doc[sent.end].sent if not t.is_space])
    return (head.entity_id, items) if items else None


def _list_part(ctx: DocContext, sent: Span) -> bool:
    """A list item, or a run of place names split off one."""
    if _bullet_places(ctx, sent) is not None:
        return True
    toks = [t for t in sent if not t.is_space and not t.is_punct and t.pos_ != "CCONJ"]
    return bool(toks) and all(ctx.mention_at(t) is not None for t in toks) and bool(_place_items(ctx, toks))


def site_list(ctx: DocContext, tok: Token) -> None:
    """ "X has development centres in 20 countries. The main ones are: / - Poland: Kraków and
    Wrocław / - Romania: Bucharest": the owner operates in every listed city."""
    if tok.text != ":":
        return
    sent = ctx.sent_span(tok)
    found = _bullet_places(ctx, sent)
    if found is None:
        return
    _, places = found
    # walk back over the other items of the list to the sentences that introduce it
    doc = ctx.doc
    prev = sent
    intro: list[Span] = []
    for _ in range(40):
        if prev.start == 0:
            break
        prev = doc[prev.start - 1].sent
        if _list_part(ctx, prev):
            continue
        intro.append(prev)
        if len(intro) == 2:
            break
    owners: list[str] = []
    for s in intro:
        for t in s:
            if t.pos_ != "NOUN" or (t.lemma_ not in SITE_NOUNS and t.lower_ not in SITE_NOUNS):
                continue
            named = [e for p in children(t, "poss") for e in ctx.resolve(p, nominal=False)]
            if not named and t.dep_ == "dobj":
                subj = children(t.head, "nsubj")
                named = [e for n in subj for e in ctx.resolve(n, nominal=False)]
                topic = ctx.topic_org()
                if not subj and topic is not None:
                    named = [topic]  # a subject split off by the sentence splitter
            owners += [e for e in named if ctx.entity_type(e) == "organization"]
        if owners:
            break
    ctx.emit_pairs(
        "operates_in",
        list(dict.fromkeys(owners)),
        places,
        anchor=tok,
        method="operates_in:site-list",
        confidence=0.55,
    )


#: Verbs of leaving a market: "left the Russian market", "withdrew from", "pulled out of".
EXIT_VERBS = frozenset(
    ["leave", "exit", "quit", "withdraw", "pull", "suspend", "halt", "cease", "stop", "wind"]
)
#: Nouns of the same: "its exit from Russia", "the company's withdrawal from Belarus".
EXIT_NOUNS = frozenset(["exit", "withdrawal", "departure", "pullout", "retreat"])
#: What an organisation suspends or stops somewhere: "suspended operations in Russia".
ACTIVITY_NOUNS = frozenset(["operation", "business", "activity", "sale", "service", "work", "presence"])


def _exit_places(ctx: DocContext, toks: list[Token]) -> list[str]:
    """The places or markets left: "Russia and Belarus", "the Russian market"."""
    out: list[str] = []
    for t in toks:
        for head in ctx.expand(t):
            place = market_place(ctx, head)
            found = [place] if place else places_in(ctx, [head])
            out += [e for e in found if e not in out]
    return out


def exit_market(ctx: DocContext, tok: Token) -> None:
    """ "X left the Russian market in 2022", "X withdrew from Belarus", "X pulled out of Russia",
    "X suspended operations in Russia", "X announced its exit from Russia": X operated there
    until then (an open-start span ending in that year). "IT workers left the country": they
    moved abroad."""
    lemma = tok.lemma_
    if tok.pos_ == "NOUN" and lemma in EXIT_NOUNS:
        where = _exit_places(ctx, preps(tok, "from"))
        owners = [e for c in children(tok, "poss") for e in ctx.resolve(c, nominal=False)]
        if not owners and tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
            owners = active_subject(ctx, tok.head)
        anchor = tok.head if tok.dep_ == "dobj" else tok
    elif tok.pos_ == "VERB" and lemma in EXIT_VERBS and not is_passive(tok):
        if lemma in ("leave", "exit", "quit"):
            objs = children(tok, "dobj")
            where = _exit_places(ctx, objs)
            if lemma == "leave" and preps(tok, "for", "to"):
                where = []  # "left Minsk for Warsaw": a move, ``relocation``
        elif lemma in ("withdraw", "retreat"):
            where = _exit_places(ctx, preps(tok, "from"))
        elif lemma == "pull":
            outs = [c for c in tok.children if c.lower_ == "out" and c.dep_ in ("prt", "prep", "advmod")]
            where = _exit_places(ctx, [p for o in outs for p in preps(o, "of")] + preps(tok, "of"))
        else:
            # "suspended (its) operations in Russia", "wound down its business in Belarus"
            acts = [o for o in children(tok, "dobj") if o.lemma_ in ACTIVITY_NOUNS]
            where = _exit_places(ctx, [p for o in acts for p in preps(o, "in")]) if acts else []
            if acts and not where:
                where = _exit_places(ctx, preps(tok, "in"))
        owners = active_subject(ctx, tok)
        anchor = tok
        if lemma == "leave" and not where:
            # "100,000 IT workers left the country": a group moving abroad
            objs = children(tok, "dobj")
            leavers = [e for e in owners if ctx.entity_type(e) == "group"]
            if leavers and any(o.lemma_ == "country" for o in objs):
                ctx.emit_pairs(
                    "relocated_to",
                    leavers,
                    [ctx.table.add("place", "abroad").id],
                    time=ctx.time_for(tok, "context"),
                    anchor=tok,
                    method="relocated_to:left-the-country",
                    confidence=0.55,
                )
            return
    else:
        return
    owners = [e for e in owners if ctx.entity_type(e) == "organization"]
    if not owners or not where:
        return
    span = ctx.time_for(anchor, "context") or _reported_time(ctx, anchor)
    ctx.emit_pairs(
        "operates_in",
        owners,
        where,
        time=_ended(span) if span is not None else None,
        anchor=anchor,
        method=f"operates_in:{lemma}-market",
        confidence=0.6,
    )


def _reported_time(ctx: DocContext, anchor: Token) -> TimeSpan | None:
    """The time of the verb that reports a clause: "In April 2022 it announced that it was
    exiting Russia" (the parser may hang the report on a later clause)."""
    sent = ctx.sent
    if sent is None:
        return None
    cur = anchor
    for _ in range(3):
        if cur.dep_ not in ("ccomp", "xcomp") or cur.head.i == cur.i:
            return None
        cur = cur.head
        own = [t for t in sent.times if governing_verb(ctx.doc[t.start]) == cur]
        if own:
            return min(own, key=lambda t: abs(t.start - anchor.i)).span
    return None


def main_market(ctx: DocContext, tok: Token) -> None:
    """ "The United States is its biggest market", "its main markets are A and B", "Russia, one
    of its largest markets", "the plant's main market, the Soviet Union": the owner operates there."""
    if tok.pos_ != "NOUN" or tok.lemma_ != "market":
        return
    owners = [e for c in children(tok, "poss") for e in ctx.resolve(c, nominal=False)]
    owners = [e for e in owners if ctx.entity_type(e) == "organization"]
    if not owners:
        return
    places: list[str] = []
    time = ctx.time_for(tok)
    if tok.dep_ == "attr":
        subj = children(tok.head, "nsubj")
        places = places_in(ctx, subj)
    elif tok.dep_ == "nsubj" and tok.head.lemma_ == "be":
        places = places_in(ctx, children(tok.head, "attr"))
    elif tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ == "appos":
        # "Russia, one of its largest markets"
        places = [e for e in ctx.resolve(tok.head.head.head, nominal=False) if ctx.entity_type(e) == "place"]
        time = None  # an aside: the clause's time is about something else
    for c in children(tok, "appos"):
        places += places_in(ctx, [c])
    ctx.emit_pairs(
        "operates_in",
        owners,
        list(dict.fromkeys(places)),
        time=time,
        anchor=tok,
        method="operates_in:main-market",
        confidence=0.6,
    )


#: Organisation nouns whose place modifier is the seat: "a London consultancy", "the US engineering
#: company" (headquartered there); other nouns ("the Kyiv institute") are located there.
SEAT_NOUNS = frozenset(
    [
        "company",
        "firm",
        "startup",
        "start-up",
        "corporation",
        "group",
        "maker",
        "developer",
        "manufacturer",
        "producer",
        "provider",
        "vendor",
        "consultancy",
        "outsourcer",
        "integrator",
        "publisher",
        "operator",
        "bank",
        "investor",
        "conglomerate",
        "giant",
        "holding",
        "retailer",
        "carrier",
        "studio",
    ]
)


def _described_owners(ctx: DocContext, noun: Token) -> list[str]:
    """The named organisation an appositive or predicate noun describes ("X, a London
    consultancy"; "X is a Swedish firm"), also when the name was not recognised as a mention."""
    owners = described_owner(ctx, noun)
    if not owners and noun.dep_ == "appos" and noun.head.pos_ == "PROPN":
        # a name the recogniser missed ("Summit Partners" reads as a plural group)
        owners = ctx.resolve(noun.head, allow_types=("organization", "group"))
    # "X, a holding company registered in L, has been listed ...": the parser may make the
    # appositive a second subject of the verb
    second_subject = noun.dep_ in ("nsubj", "nsubjpass") and any(
        d.lower_ in ("a", "an") for d in children(noun, "det")
    )
    if not owners and (noun.dep_ == "appos" or second_subject):
        near = _adjacent_mention(ctx, noun)
        owners = [near] if near is not None and ctx.entity_type(near) == "organization" else []
    return owners


def described_place(ctx: DocContext, tok: Token) -> None:
    """ "ArtOfTest, an American maker of testing tools", "Excelian, a London consultancy",
    "IBS Group, the Russian IT group", "X, the Glendale, California, software company",
    "X is a Swedish investment firm": the named organisation's seat is the place or the
    demonym's country."""
    if tok.pos_ != "NOUN" or tok.dep_ not in ("appos", "attr") or tok.lemma_ not in ORG_NOUNS | SEAT_NOUNS:
        return
    if tok.dep_ == "attr" and tok.head.lemma_ not in ("be", "become", "remain"):
        return
    mods = [t for t in tok.subtree if t.i < tok.i and t.dep_ in ("amod", "compound", "nmod", "npadvmod")]
    cities: list[str] = []
    countries: list[str] = []
    for t in mods:
        # "a Russian-owned company", "the Minsk-based firm": not a seat (``located``)
        hyphen = t.i + 1 < tok.i and ctx.doc[t.i + 1].text == "-"
        if hyphen and not ctx.table.registry.demonym_countries(ctx.doc[t.i + 2].text):
            continue
        m = ctx.mention_at(t)
        if m is not None:
            kind = ctx.place_kind(m.entity_id)
            if kind in ("city", "region") and m.end - 1 == t.i:
                cities.append(m.entity_id)
            elif kind == "country" and m.end - 1 == t.i:
                countries.append(m.entity_id)
            continue
        if t.pos_ in ("ADJ", "PROPN"):
            for c in ctx.table.registry.demonym_countries(t.text)[:1]:
                ctx.table.get(c.id)
                countries.append(c.id)
    places = cities[:1] or list(dict.fromkeys(countries))
    if not places:
        return
    owners = _described_owners(ctx, tok)
    if not owners:
        return
    pred = "headquartered_in" if tok.lemma_ in SEAT_NOUNS or not cities else "located_in"
    ctx.emit_pairs(pred, owners, places, anchor=tok, method=f"{pred}:described-as", confidence=0.6)


def both_in(ctx: DocContext, tok: Token) -> None:
    """ "the Institute of Optics and the Institute of Acoustics, both in Grenoble": each named
    organisation of the list before the comma is located there."""
    if tok.lower_ not in ("both", "all") or tok.i < 2 or tok.i + 2 >= len(ctx.doc):
        return
    doc = ctx.doc
    if doc[tok.i - 1].text != "," or doc[tok.i + 1].lower_ not in ("in", "near"):
        return
    place = ctx.mention_at(doc[tok.i + 2])
    if place is None or place.start != tok.i + 2 or ctx.entity_type(place.entity_id) != "place":
        return
    last = ctx.mention_at(doc[tok.i - 2])
    if last is None or ctx.entity_type(last.entity_id) != "organization":
        return
    root = doc[last.start : last.end].root
    heads = [root, *root.conjuncts]
    named: list[str] = []
    for h in heads:
        hm = ctx.mention_at(h) or next(
            (ctx.mention_at(t) for t in h.subtree if ctx.mention_at(t) is not None and t.i < tok.i), None
        )
        if hm is not None and ctx.entity_type(hm.entity_id) == "organization" and hm.entity_id not in named:
            named.append(hm.entity_id)
    if last.entity_id not in named:
        named.append(last.entity_id)
    ctx.emit_pairs(
        "located_in", named, [place.entity_id], anchor=tok, method="located_in:both-in", confidence=0.55
    )


#: Nouns naming a part of a place: "in the south-west of Belarus", "on the outskirts of Minsk".
REGION_PART_NOUNS = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "north-east",
        "north-west",
        "south-east",
        "south-west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "centre",
        "center",
        "heart",
        "part",
        "outskirts",
        "edge",
        "suburb",
        "suburbs",
    ]
)


def _part_of_place(ctx: DocContext, phrases: list[Token]) -> list[str]:
    """ "in the south-west of the Republic of Belarus": the place the part belongs to."""
    out: list[str] = []
    for p in phrases:
        if p.lemma_ in REGION_PART_NOUNS or p.lower_ in REGION_PART_NOUNS:
            out += [e for e in places_in(ctx, preps(p, "of")) if e not in out]
    return out


def described_in_place(ctx: DocContext, tok: Token) -> None:
    """ "X is a public university in Brest, in the south-west of Belarus", "X, a small studio in
    Porto": the named organisation is located in the place (and the wider place)."""
    one = None
    if tok.lower_ == "one" and tok.dep_ in ("appos", "attr"):
        # "X is one of the largest state-owned banks in Belarus"
        kinds = [p for p in preps(tok, "of") if p.lemma_ in ORG_NOUNS | SEAT_NOUNS]
        if not kinds:
            return
        one, tok = tok, kinds[0]
    elif tok.pos_ != "NOUN" or tok.dep_ not in ("appos", "attr") or tok.lemma_ not in ORG_NOUNS | SEAT_NOUNS:
        return
    if (one or tok).dep_ == "attr" and (one or tok).head.lemma_ not in ("be", "become", "remain"):
        return
    here = preps(tok, "in")
    where = places_in(ctx, here)
    for p in here:
        where = place_run(ctx, where, p)
    where += [e for e in _part_of_place(ctx, here) if e not in where]
    if not where:
        return
    # "in Brest, in the south-west of Belarus": a second phrase hung on the copula
    host = tok.head if tok.dep_ == "attr" else tok
    wider = [p for p in preps(host, "in") if p.i > tok.i]
    where += [e for e in _part_of_place(ctx, wider) + places_in(ctx, wider) if e not in where]
    if one is None:
        owners = _described_owners(ctx, tok)
    elif one.dep_ == "attr":
        owners = [e for n in children(one.head, "nsubj") for e in subject_entities(ctx, n)]
    else:
        owners = ctx.resolve(one.head, nominal=False)
    owners = [e for e in owners if ctx.entity_type(e) == "organization" and e not in ctx.nominal_ids]
    ctx.emit_pairs(
        "located_in", owners, where, anchor=tok, method="located_in:described-in-place", confidence=0.6
    )


#: Verbs of making a product: "built by Elwro in Wrocław" places the maker there.
MADE_VERBS = frozenset(["make", "build", "produce", "manufacture", "assemble", "develop", "design"])


def made_by_in(ctx: DocContext, tok: Token) -> None:
    """ "ES-1032: built by Elwro in Wrocław, Poland", "the model was made by Robotron in East
    Germany": the named maker is located in the place."""
    if tok.pos_ != "VERB" or tok.lemma_ not in MADE_VERBS:
        return
    agents = [p for a in children(tok, "agent") for p in children(a, "pobj")]
    if not agents:
        return
    makers = [
        e for a in agents for e in ctx.resolve(a, nominal=False) if ctx.entity_type(e) == "organization"
    ]
    if len(makers) != 1:
        return
    phrases = preps(tok, "in") + [p for a in agents for p in preps(a, "in")]
    where: list[str] = []
    for p in phrases:
        m = ctx.mention_at(p)
        if m is None or ctx.place_kind(m.entity_id) not in ("city", "country", "region"):
            continue
        where = place_run(ctx, where + [m.entity_id], p)
        # "in Wrocław, Poland": the city is enough; its country is the city's
        where = where[:1]
    ctx.emit_pairs("located_in", makers, where, anchor=tok, method="located_in:made-by-in", confidence=0.5)


def birthplace(ctx: DocContext, tok: Token) -> None:
    """ "Anna Kowal was born in Gdańsk in 1981", "Kowal, who was born in Gdańsk": the person is
    located in the birthplace, at the birth year."""
    if tok.lemma_ not in ("bear", "born") or tok.lower_ != "born":
        return
    people = [e for e in passive_subject(ctx, tok) if ctx.entity_type(e) == "person"]
    if not people:
        subj = children(tok, "nsubj", "nsubjpass")
        people = [e for s in subj for e in subject_entities(ctx, s) if ctx.entity_type(e) == "person"]
    where: list[str] = []
    for p in preps(tok, "in"):
        m = ctx.mention_at(p)
        if m is not None and ctx.place_kind(m.entity_id) in ("city", "region", "country"):
            where.append(m.entity_id)
            break
    ctx.emit_pairs(
        "located_in",
        people,
        where,
        time=ctx.time_for(tok),
        anchor=tok,
        method="located_in:born-in",
        confidence=0.55,
    )


def where_at(ctx: DocContext, tok: Token) -> None:
    """ "... to Warsaw, where he has since been a partner at Narew Ventures", "Lyon, where the
    company is based": the organisation of the "where" clause is located in the place."""
    if tok.lower_ != "where" or tok.dep_ != "advmod":
        return
    verb = tok.head
    if verb.dep_ != "relcl":
        return
    m = ctx.mention_at(verb.head)
    if m is None or ctx.place_kind(m.entity_id) not in ("city", "region", "country"):
        return
    orgs: list[str] = []
    if verb.lemma_ in ("base", "headquarter", "locate", "register"):
        orgs = [e for e in passive_subject(ctx, verb) if ctx.entity_type(e) == "organization"]
    if verb.lemma_ in MOVE_VERBS and not is_passive(verb):
        # "Poland, where X moved its head office in 2021": X moved its seat there
        seats = [
            o for o in children(verb, "dobj") if o.lemma_ in ("office", "headquarters", "headquarter", "seat")
        ]
        if seats and (
            seats[0].lemma_ != "office" or any(c.lower_ in ("head", "main") for c in seats[0].children)
        ):
            movers = [e for e in active_subject(ctx, verb) if ctx.entity_type(e) == "organization"]
            time = ctx.time_for(verb)
            for pred in ("relocated_to", "headquartered_in"):
                ctx.emit_pairs(
                    pred,
                    movers,
                    [m.entity_id],
                    time=time if pred == "relocated_to" else None,
                    anchor=verb,
                    method=f"{pred}:where-moved-seat",
                    confidence=0.55,
                )
    for host in [verb, *[a for a in children(verb, "attr", "acomp", "dobj")]]:
        for p in preps(host, "at"):
            orgs += [e for e in ctx.resolve(p, nominal=False) if ctx.entity_type(e) == "organization"]
    ctx.emit_pairs(
        "located_in",
        list(dict.fromkeys(orgs)),
        [m.entity_id],
        anchor=verb,
        method="located_in:where-at",
        confidence=0.5,
    )


def works_from(ctx: DocContext, tok: Token) -> None:
    """ "X operates from Dubai", "smaller teams work from Tbilisi and Belgrade", "its engineers
    work out of Porto": the organisation operates in the places."""
    if tok.pos_ != "VERB" or tok.lemma_ not in ("work", "operate", "run", "set"):
        return
    if tok.lemma_ == "set":
        _set_up_in(ctx, tok)
        return
    phrases = preps(tok, "from")
    for c in tok.children:
        if c.lower_ == "out" and c.dep_ in ("prt", "prep", "advmod"):
            phrases += preps(c, "of")
    phrases += preps(tok, "of") if any(c.lower_ == "out" for c in tok.children) else []
    where = places_in(ctx, phrases)
    for p in phrases:
        where = place_run(ctx, where, p)
    if not where:
        return
    owners = [e for e in active_subject(ctx, tok) if ctx.entity_type(e) == "organization"]
    owners = [e for e in owners if e not in ctx.nominal_ids]
    if not owners:
        subj = children(tok, "nsubj")
        if subj and subj[0].pos_ == "NOUN" and subj[0].lemma_ in TEAM_NOUNS | {"engineer", "developer"}:
            owners = [e for p in children(subj[0], "poss") for e in ctx.resolve(p, nominal=False)]
            if not owners and not children(subj[0], "det"):
                topic = ctx.topic_org()
                owners = [topic] if topic is not None and topic in ctx.recent[-60:] else []
            owners = [e for e in owners if ctx.entity_type(e) == "organization"]
    ctx.emit_pairs(
        "operates_in",
        owners,
        where,
        time=ctx.time_for(tok),
        anchor=tok,
        method="operates_in:works-from",
        confidence=0.55,
    )


def _set_up_in(ctx: DocContext, tok: Token) -> None:
    """ "firms that have set up in Lithuania since 2020", "X set up shop in Porto": the
    organisations operate there from then on."""
    if not any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children) or is_passive(tok):
        return
    objs = children(tok, "dobj")
    if objs and not all(o.lemma_ in ("shop", "base", "operation", "camp") for o in objs):
        return  # "set up a company in P": a founding, not a presence
    where = places_in(ctx, preps(tok, "in"))
    owners = [e for e in active_subject(ctx, tok) if ctx.entity_type(e) in ("organization", "group")]
    ctx.emit_pairs(
        "operates_in",
        owners,
        where,
        time=ctx.time_for(tok),
        anchor=tok,
        method="operates_in:set-up-in",
        confidence=0.55,
    )


#: Verbs of taking up a product: "its software is used by retailers in Germany".
USE_VERBS = frozenset(["use", "buy", "deploy", "adopt", "license", "install"])


def used_by(ctx: DocContext, tok: Token) -> None:
    """ "Its software is used by banks in Chile", "its tools are used by 300 retailers, among them
    chains in Germany": the maker operates in the buyers' places."""
    if tok.pos_ != "VERB" or tok.lemma_ not in USE_VERBS or not is_passive(tok):
        return
    goods = children(tok, "nsubjpass")
    owners = [e for g in goods for p in children(g, "poss") for e in ctx.resolve(p, nominal=False)]
    owners = [e for e in owners if ctx.entity_type(e) == "organization"]
    if not owners:
        return
    where: list[str] = []
    buyers = [p for a in children(tok, "agent") for p in children(a, "pobj")]
    buyers += [p for a in preps(tok, "among", "including") for p in [a, *a.conjuncts]]
    for b in buyers:
        for h in ctx.expand(b):
            found = _buyer_places(ctx, h) or places_in(ctx, preps(h, "in"))
            where += [e for e in found if e not in where]
    ctx.emit_pairs(
        "operates_in",
        owners,
        where,
        time=ctx.time_for(tok),
        anchor=tok,
        method="operates_in:used-by-buyers-in",
        confidence=0.5,
    )


#: Sites beyond the office words an organisation can run somewhere ("a coworking space in P").
RUN_SITE_NOUNS = frozenset(
    [
        "space",
        "incubator",
        "accelerator",
        "studio",
        "school",
        "plant",
        "factory",
        "workshop",
        "warehouse",
        "store",
    ]
)


def runs_site_in(ctx: DocContext, tok: Token) -> None:
    """ "since 2022 we have also run a small coworking space in Minsk", "X operates a plant in P":
    the organisation works in that place."""
    if tok.pos_ != "VERB" or tok.lemma_ not in ("run", "operate", "maintain") or is_passive(tok):
        return
    sites = [o for o in children(tok, "dobj") if o.lemma_.lower() in RUN_SITE_NOUNS]
    if not sites:
        return
    where = places_in(ctx, [p for s in sites for p in preps(s, "in")] or preps(tok, "in"))
    where = [w for w in where if ctx.place_kind(w) is not None]
    if not where:
        return
    owners = [e for e in active_subject(ctx, tok) if ctx.entity_type(e) == "organization"]
    ctx.emit_pairs(
        "operates_in",
        owners,
        where,
        time=_presence_time(ctx, tok),
        anchor=tok,
        method="operates_in:runs-site-in",
        confidence=0.55,
    )


#: An organisation's own premises ("our main building", "its campus").
PREMISES_NOUNS = frozenset(["building", "premises", "campus", "headquarters"])


def premises_in(ctx: DocContext, tok: Token) -> None:
    """ "Our main building, a former workshop at 43 Mira Avenue in Mogilev, has been rebuilt", "its
    campus in Tartu": the organisation is located in the city its premises stand in."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in PREMISES_NOUNS:
        return
    poss = children(tok, "poss")
    if not poss:
        return
    # the city named in the phrase (through an apposition and "at ... in"), not in a clause
    cities: list[str] = []
    stack = [tok]
    while stack and not cities:
        cur = stack.pop(0)
        for c in cur.children:
            if c.dep_ in ("relcl", "acl", "advcl", "ccomp", "conj", "cc"):
                continue
            m = ctx.mention_at(c)
            if m is not None and c.dep_ == "pobj" and ctx.place_kind(m.entity_id) == "city":
                cities.append(m.entity_id)
            stack.append(c)
    if not cities:
        return
    owners = [e for p in poss for e in ctx.resolve(p) if ctx.entity_type(e) == "organization"]
    ctx.emit_pairs(
        "located_in",
        owners[:1],
        cities[:1],
        anchor=tok,
        method="located_in:premises-in",
        confidence=0.55,
    )


#: Sites named after the organisation that runs them ("the Ericsson factory in Tallinn").
NAMED_SITE_NOUNS = frozenset(
    ["factory", "plant", "office", "centre", "center", "studio", "lab", "laboratory"]
)


def org_site_in(ctx: DocContext, tok: Token) -> None:
    """ "one plant: the Ericsson factory in Tallinn, which makes radio base stations": the named
    organisation works in the place, and makes what the site makes."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in NAMED_SITE_NOUNS or ctx.mention_at(tok) is not None:
        return
    owners = [
        m.entity_id
        for c in tok.children
        if c.dep_ == "compound"
        if (m := ctx.mention_at(c)) is not None
        and m.end == tok.i
        and ctx.entity_type(m.entity_id) == "organization"
    ]
    phrases = preps(tok, "in")
    where = [w for w in places_in(ctx, phrases) if ctx.place_kind(w) is not None]
    if len(owners) != 1 or not where:
        return
    ctx.emit_pairs(
        "operates_in", owners, where[:1], anchor=tok, method="operates_in:named-site-in", confidence=0.55
    )
    # "..., which makes X" on the site (or hung by the parser on the place after it)
    clauses = [
        c for h in [tok, *phrases] for c in children(h, "relcl") if c.lemma_ in ("make", "produce", "build")
    ]
    made = [
        e
        for c in clauses
        if any(s.lower_ in ("which", "that") for s in children(c, "nsubj"))
        for o in children(c, "dobj")
        for e in ctx.entities_of(o, nominal=True)
        if ctx.entity_type(e) == "product"
    ]
    ctx.emit_pairs("produced", owners, made, anchor=tok, method="produced:named-site-makes", confidence=0.5)
