"""Relation patterns linking things: production, models, parts and partnerships."""

from __future__ import annotations

from spacy.tokens import Span, Token

from kronika.pipeline.context import DocContext
from kronika.pipeline.entities import ORG_NOUNS, is_sector
from kronika.pipeline.grammar import (
    _described,
    _hyphen_pair,
    _time_in_subtree,
    active_subject,
    children,
    is_passive,
    passive_subject,
    preps,
    subject_entities,
)
from kronika.pipeline.rel_founding import CORE_NOUNS, _news_time, core_of
from kronika.pipeline.vocabulary import (
    BULLETS,
    MODEL_VERBS,
    PART_NOUNS,
    PARTNER_NOUNS,
    PARTNER_VERBS,
    PRODUCE_VERBS,
    SITE_NOUNS,
)

#: Verbs of making beyond the shared list: journals are published, languages written.
MAKE_VERBS = PRODUCE_VERBS | frozenset(["publish", "write", "invent", "co-develop", "codevelop", "sell"])
#: Head nouns too general to be a product ("more than 2,000 types of products", "an economy").
GENERIC_OUTPUTS = frozenset(
    [
        "type",
        "kind",
        "range",
        "line",
        "economy",
        "industry",
        "sector",
        "component",
        "part",
        "solution",
        "thing",
        "item",
        "ecosystem",
        "business",
        "market",
        "future",
        "value",
        "way",
        "version",
        "team",
        "culture",
        "brand",
        "presence",
        "reputation",
        "base",
        "community",
        "infrastructure",
        "project",
        "work",
        "capacity",
        "family",
    ]
)
#: Head nouns that name a product only with a modifier ("custom software", not "software").
BARE_OUTPUTS = frozenset(
    [
        "product",
        "model",
        "framework",
        "tool",
        "system",
        "software",
        "service",
        "platform",
        "application",
        "network",
        "code",
    ]
)
#: Nouns that gloss a name as a made thing ("ArmCluster, the first computing cluster").
PRODUCT_NOUNS = frozenset(
    [
        "computer",
        "machine",
        "mainframe",
        "microcomputer",
        "supercomputer",
        "cluster",
        "app",
        "application",
        "game",
        "platform",
        "journal",
        "magazine",
        "language",
        "tool",
        "framework",
        "library",
        "proxy",
        "environment",
        "vehicle",
        "shuttle",
        "device",
        "chip",
        "processor",
        "microprocessor",
        "browser",
        "engine",
        "console",
        "smartphone",
        "phone",
        "satellite",
        "robot",
        "messenger",
        "suite",
        "system",
        "software",
        "product",
        "service",
        "database",
        "survey",
        "catalogue",
        "catalog",
        "calculator",
    ]
)


def _generic_output(ctx: DocContext, eid: str, *, bare: bool = True) -> bool:
    """A common-noun product too general to count ("types of products", "components"); with
    ``bare``, also a lone kind noun ("builds software", "develops tools")."""
    sector = is_sector(ctx.table.registry, eid)
    if eid not in ctx.nominal_ids and not sector:
        return False
    ent = ctx.table.get(eid)
    if ent is None or not ent.name:
        return True
    words = ent.name.lower().split()
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    if head in GENERIC_OUTPUTS or head.rstrip("s") in GENERIC_OUTPUTS:
        return True
    return bare and len(words) == 1 and (head in BARE_OUTPUTS or head.rstrip("s") in BARE_OUTPUTS)


def _product_gloss(tok: Token) -> bool:
    """A name glossed as a made thing: "ArmCluster, the first computing cluster", "the Fabby app"."""
    if tok.lemma_.lower() in PRODUCT_NOUNS and tok.pos_ in ("NOUN", "PROPN"):
        return True
    return any(
        (c.dep_ == "appos" or (c.dep_ == "compound" and c.pos_ == "NOUN"))
        and c.lemma_.lower() in PRODUCT_NOUNS
        for c in tok.children
    )


def _made_things(ctx: DocContext, tok: Token, *, bare: bool = True) -> list[str]:
    """The products an object phrase names: named products, names the text glosses as made
    things, and specific common-noun products ("wireless security alarms", not "products")."""
    heads: list[Token] = []
    for h in ctx.expand(tok):
        heads.extend(ctx.list_members(h) or [h])
    out: list[str] = []
    for h in heads:
        if any(c.dep_ == "poss" for c in h.children) and ctx.mention_at(h) is None:
            continue  # "its framework": not a product of its own
        if h.lemma_.lower() in PRODUCT_NOUNS and ctx.mention_at(h) is None:
            # "the journal Astrophysics", "the game Blitz": the name beside the kind noun;
            # "machines of the Unified System": the named family they belong to
            named = [m.entity_id for c in h.children if c.dep_ == "appos" and (m := ctx.mention_at(c))]
            if h.tag_ == "NNS" and not named:
                named = [
                    e
                    for p in preps(h, "of")
                    for e in ctx.resolve(p, nominal=False)
                    if ctx.entity_type(e) == "product" and _named(ctx, e)
                ]
            named = [e for e in named if ctx.entity_type(e) not in ("person", "group")]
            if named:
                out.extend(named)
                continue
        found = ctx.resolve(h)
        m = ctx.mention_at(h)
        if (
            m is not None
            and m.start == h.i == m.end - 1
            and h.lemma_.lower() in BARE_OUTPUTS
            and any(c.dep_ in ("compound", "amod") and c.i == h.i - 1 for c in h.children)
        ):
            # "GPS tracking software" read as "software": the whole phrase is the product
            whole = ctx.nominal(h, "product")
            found = [whole] if whole else found
        for e in found:
            etype = ctx.entity_type(e)
            named_gloss = etype in ("organization", "person", "place") and e not in ctx.nominal_ids
            generic = _generic_output(ctx, e, bare=bare)
            if (etype == "product" and not generic) or (named_gloss and _product_gloss(h)):
                out.append(e)
    return out


def authored(ctx: DocContext, tok: Token) -> None:
    """The making verbs beyond the shared list ("published the journal Y", "X sells Y")."""
    if tok.lemma_ in MAKE_VERBS and tok.lemma_ not in PRODUCE_VERBS:
        production(ctx, tok)


def production(ctx: DocContext, tok: Token) -> None:
    """ "X produced computers", "Y was manufactured in P", "N developed by X", "P was home to the
    production of Y", "equipment was designed and built there", "the journal Y, published by X"."""
    if tok.pos_ == "NOUN" and tok.lemma_ == "production":
        _production_noun(ctx, tok)
        return
    if tok.pos_ != "VERB" or tok.lemma_ not in MAKE_VERBS:
        return
    if tok.lemma_ == "sell" and (tok.tag_ not in ("VBZ", "VBP") or is_passive(tok)):
        return  # "X sells Y" is its product line; "X sold Y" is a sale
    if is_passive(tok):
        products = [p for p in passive_subject(ctx, tok) if ctx.entity_type(p) in ("product", "group")]
        if tok.dep_ == "acl" and tok.head.dep_ in ("appos", "attr", "pobj", "oprd"):
            # "K-82, the first computer made in Norway": the named machine, not "computer"
            named = [e for e in _described(ctx, tok.head) if _named(ctx, e)]
            if tok.head.dep_ == "oprd":  # "was renamed K-82, the first computer made in P"
                named = [
                    e
                    for c in children(tok.head.head, "oprd")
                    if c.i < tok.head.i
                    for e in ctx.resolve(c, nominal=False)
                ]
            if named:
                products = named
        if tok.dep_ == "acl":
            # "the ES EVM computers built in Minsk": the named series before the common noun
            series = [
                m.entity_id
                for c in tok.head.children
                if c.dep_ == "compound" and c.i < tok.head.i
                if (m := ctx.mention_at(c)) is not None
                and m.end == tok.head.i
                and ctx.entity_type(m.entity_id) == "product"
                and _named(ctx, m.entity_id)
            ]
            if series:
                products = series[:1]
        if not products and tok.dep_ == "conj":
            products = [
                p for p in passive_subject(ctx, tok.head) if ctx.entity_type(p) in ("product", "group")
            ]
        makers = [
            e
            for a in preps(tok, "by", "at")
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
        products = [
            p for p in products if ctx.entity_type(p) == "product" and not _generic_output(ctx, p, bare=False)
        ]
    else:
        makers = [
            m for m in active_subject(ctx, tok) if ctx.entity_type(m) in ("organization", "group", "place")
        ]
        staff = _staff_of(ctx, tok)
        if staff:
            makers = staff  # "its engineers designed X": the organisation made X
        products = [e for o in children(tok, "dobj") for e in _made_things(ctx, o)]
        if any(ctx.entity_type(m) == "place" for m in makers) or tok.lemma_ not in PRODUCE_VERBS:
            # "Ukraine built an export industry": a country makes named things only; and what is
            # sold, written or published counts when it is named ("sells electronics" does not)
            products = [p for p in products if _named(ctx, p)]
    times = _object_times(ctx, tok)
    for m in makers:
        for p in products:
            ctx.emit(
                "produced",
                m,
                obj=p,
                time=times.get(p) or ctx.time_for(tok),
                anchor=tok,
                method=f"produced:{tok.lemma_}",
                confidence=0.65,
            )


#: An organisation's people as the makers of its work ("its scientists designed X").
MAKER_STAFF = frozenset(
    [
        "engineer",
        "scientist",
        "researcher",
        "developer",
        "designer",
        "specialist",
        "staff",
        "team",
        "programmer",
    ]
)


def _staff_of(ctx: DocContext, verb: Token) -> list[str]:
    """The organisation whose people are a making verb's subject: "its scientists", "the
    institute's engineers"."""
    subj = children(verb, "nsubj")
    if not subj or subj[0].lemma_.lower() not in MAKER_STAFF or ctx.mention_at(subj[0]) is not None:
        return []
    owners = [e for c in subj[0].children if c.dep_ == "poss" for e in ctx.resolve(c, nominal=False)]
    return [e for e in owners if ctx.entity_type(e) == "organization"]


def _object_times(ctx: DocContext, tok: Token) -> dict:
    """ "built A in the 1960s and, from the 1970s, B": a later object takes the time written
    between it and the object before it."""
    objs = children(tok, "dobj")
    out: dict = {}
    if len(objs) < 2 or ctx.sent is None:
        return out
    for before, o in zip(objs, objs[1:], strict=False):
        between = [t for t in ctx.sent.times if before.i < t.start < o.i]
        if between:
            for e in _made_things(ctx, o):
                out.setdefault(e, between[-1].span)
    return out


#: Headings over a list of made things ("Products", "Main models", "Notable games").
PRODUCT_HEADINGS = frozenset(
    ["product", "model", "machine", "computer", "game", "brand", "title", "app", "application", "device"]
)


def _item_names(ctx: DocContext, start: int, stop: int) -> list[tuple[int, int]]:
    """The names of a list item before its gloss: runs of capitalised words, numbers and
    hyphens, split at "and", commas and brackets ("K-2 (1962) and K-22 (1965)")."""
    out: list[tuple[int, int]] = []
    i = start
    run = start
    depth = 0
    while i <= stop:
        t = ctx.doc[i] if i < stop else None
        if t is not None and t.text == "(":
            depth += 1
        if t is None or depth or t.lower_ in ("and", "&") or t.text in (",", ";", "/"):
            if i > run:
                words = ctx.doc[run:i]
                if words[0].text[:1].isupper() and all(
                    w.text[:1].isupper()
                    or w.like_num
                    or w.text in ("-", ".")
                    or any(ch.isdigit() for ch in w.text)
                    for w in words
                ):
                    out.append((run, i))
            run = i + 1
        if t is not None and t.text == ")":
            depth = max(depth - 1, 0)
            run = i + 1
        i += 1
    return out


def _products_heading(heading: Span) -> bool:
    """A short heading without a verb naming products in the plural ("Products", "Our models")."""
    words = [t for t in heading if not t.is_punct]
    return bool(
        words
        and heading[0].text not in BULLETS
        and len(words) <= 4
        and not any(t.pos_ in ("VERB", "AUX") for t in words)
        and any(t.tag_ in ("NNS", "NNPS") and t.lemma_.lower() in PRODUCT_HEADINGS for t in words)
    )


def product_list(ctx: DocContext, tok: Token) -> None:
    """A "Products" heading over a bullet list: "- K-1 (1960): a vacuum-tube machine", "- K-2
    (1962) and K-22 (1965): transistor machines": each named item was made by the organisation
    the text is about, in the year beside its name (else the item's own time)."""
    if tok.text not in BULLETS:
        return
    sent = ctx.sent_span(tok)
    if tok.i != sent.start or sent.start == 0:
        return
    heading = ctx.doc[sent.start - 1].sent
    while heading.start > 0 and heading[0].text in BULLETS:
        heading = ctx.doc[heading.start - 1].sent
    if not _products_heading(heading):
        # "Products\n\nSince 1998 the plant has concentrated on metering equipment:" over the
        # list: an introducing sentence ending in a colon under the heading, or one naming products
        if heading[-1].text != ":" and not (len(heading) > 1 and heading[-2].text == ":"):
            return
        above = ctx.doc[heading.start - 1].sent if heading.start > 0 else None
        if not (
            (above is not None and _products_heading(above))
            or any(t.tag_ in ("NNS", "NNPS") and t.lemma_.lower() in PRODUCT_HEADINGS for t in heading)
        ):
            return
    maker = ctx.topic_org()
    if maker is None:
        return
    # the item's names come before its gloss (":" or a dash)
    stop = next((t.i for t in sent if t.i > tok.i and t.text in (":", "–", "—")), sent.end)
    items: list[tuple[str, int]] = []
    names = _item_names(ctx, tok.i + 1, stop)
    coded = False
    if not names and tok.i + 1 < stop:
        # "- KE-100 single-phase meters (from 1998)": a known product named first in the item
        # or an unknown model code before lower-case words ("- Orsha-P payment terminals")
        m = ctx.mention_at(ctx.doc[tok.i + 1])
        if m is not None and m.start == tok.i + 1 and ctx.entity_type(m.entity_id) == "product":
            names = [(m.start, m.end)]
        elif m is None or ctx.entity_type(m.entity_id) == "place":
            end = tok.i + 1
            while end < stop and (
                ctx.doc[end].text[:1].isupper() or ctx.doc[end].text == "-" or ctx.doc[end].like_num
            ):
                end += 1
            code = ctx.doc[tok.i + 1 : end]
            if (
                len(code) > 1
                and any(w.text == "-" or any(ch.isdigit() for ch in w.text) for w in code)
                and end < stop
                and ctx.doc[end].is_lower
                and ctx.mention_at(ctx.doc[end - 1]) is None
            ):
                names = [(tok.i + 1, end)]
                coded = True
    for start, end in names:
        m = ctx.mention_at(ctx.doc[start])
        if coded:
            m = None  # a model code spelt with a place's name ("Orsha-P")
        if m is not None and (m.start != start or m.end != end):
            continue
        if m is not None:
            eid = m.entity_id
        else:
            # an unknown model name ("VS-1020"): a product of this list
            eid = ctx.table.add("product", ctx.doc[start:end].text).id
            ctx.note_mention(start, end, eid, "ner")
        if eid in ctx.nominal_ids or eid == maker or ctx.entity_type(eid) not in ("product", "organization"):
            continue
        items.append((eid, end))
    if not items:
        return
    times = ctx.sent.times if ctx.sent is not None else []
    own = {}
    for eid, end in items:
        # "K-2 (1962)": the year in brackets right after the name
        for t in times:
            if t.start == end + 1 and ctx.doc[end].text == "(":
                own[eid] = t.span
    later = [t.span for t in times if t.start > stop]
    if not own and not later and len(items) == 1:
        # "- KE-300 smart meters (from 2019)": the one item's time inside its own line
        later = [t.span for t in times if items[0][1] <= t.start < sent.end]
    for eid, _end in items:
        time = own.get(eid) if own else (later[0] if later else None)
        ctx.emit(
            "produced",
            maker,
            obj=eid,
            time=time,
            anchor=tok,
            method="produced:product-list",
            confidence=0.55,
        )


#: Subjects naming an organisation's made things ("its products include A and B").
LINE_NOUNS = PRODUCT_HEADINGS | frozenset(["portfolio", "offering", "lineup", "line-up", "franchise"])


def product_line(ctx: DocContext, tok: Token) -> None:
    """ "Its products include A, B and C", "Other products include A, for X, and B", "The
    company's main games are A and B", "X is best known for Y, a fleet-management system": the
    organisation made the named things."""
    if tok.pos_ not in ("VERB", "AUX"):
        return
    if tok.lemma_ == "know":
        # "X is best known for Y, a fleet-management system"
        if not is_passive(tok):
            return
        makers = [e for e in passive_subject(ctx, tok) if ctx.entity_type(e) == "organization"]
        made = [
            e
            for p in preps(tok, "for")
            for h in ctx.expand(p)
            if (m := ctx.mention_at(h)) is not None
            and m.entity_id not in ctx.nominal_ids
            and (ctx.entity_type(e := m.entity_id) == "product" or _product_gloss(h))
            and ctx.entity_type(e) in ("product", "organization")
        ]
    elif tok.lemma_ in ("include", "comprise", "be"):
        subj = children(tok, "nsubj")
        if not subj or subj[0].tag_ not in ("NNS", "NNPS") or subj[0].lemma_.lower() not in LINE_NOUNS:
            return
        if ctx.mention_at(subj[0]) is not None:
            return
        owners = [c for c in subj[0].children if c.dep_ == "poss"]
        if owners:
            makers = [e for c in owners for e in ctx.resolve(c, nominal=False)]
        elif any(c.lower_ in ("other", "main", "key", "its", "flagship") for c in subj[0].children) or (
            subj[0].i == ctx.sent_span(tok).start
        ):
            topic = ctx.topic_org()
            makers = [topic] if topic else []
        else:
            return
        makers = [e for e in makers if ctx.entity_type(e) == "organization"]
        made = []
        for t in tok.subtree:
            if t.i <= tok.i or t.text == ";":
                continue
            m = ctx.mention_at(t)
            if m is None or m.start != t.i or m.entity_id in ctx.nominal_ids or m.entity_id in made:
                continue
            if (
                ctx.entity_type(m.entity_id) in ("product", "organization", "person")
                and m.entity_id not in makers
            ):
                made.append(m.entity_id)
    else:
        return
    ctx.emit_pairs(
        "produced",
        makers,
        [e for e in made if e not in makers],
        time=ctx.time_for(tok) if tok.lemma_ != "know" else None,
        anchor=tok,
        method=f"produced:{tok.lemma_}-line",
        confidence=0.55,
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
    if not makers and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ == "VERB":
        # "Production of the Minsk-22 started in 1965 at the Ordzhonikidze plant"
        makers = [
            e
            for p in preps(tok.head, "at", "in")
            for e in ctx.entities_of(p)
            if ctx.entity_type(e) in ("organization", "place")
        ]
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


MAKER_NOUNS = frozenset(
    [
        "developer",
        "maker",
        "creator",
        "producer",
        "manufacturer",
        "publisher",
        "author",
        "designer",
        "builder",
        "operator",
        "owner",
        "provider",
    ]
)


#: Organisation nouns that make what stands "behind" them ("the company behind the app Flo").
BEHIND_NOUNS = frozenset(["company", "firm", "studio", "startup", "start-up", "team", "group", "developer"])


def maker_behind(ctx: DocContext, tok: Token) -> None:
    """ "the company behind the app Flo": the organisation nouns outside ``MAKER_NOUNS``."""
    if tok.lemma_ not in MAKER_NOUNS:
        maker_of(ctx, tok)


def maker_of(ctx: DocContext, tok: Token) -> None:
    """ "Wargaming, the video game developer behind World of Tanks", "X is the maker of Y",
    "Flo Health, the company behind the app Flo"."""
    if tok.pos_ != "NOUN":
        return
    lemma = tok.lemma_
    if lemma in MAKER_NOUNS:
        phrases = preps(tok, "of", "behind")
    elif lemma in BEHIND_NOUNS:
        phrases = preps(tok, "behind")
    else:
        return
    if not phrases:
        return
    makers: list[str] = []
    if tok.dep_ in ("appos", "attr"):
        makers = ctx.described_by(tok)
    elif tok.dep_ == "conj" and any(c.dep_ == "det" for c in tok.children):
        # "Google acquired AIMatter, the developer of the Fabby app": an apposition the
        # parser took for a conjunct (no "and" before it)
        start = min(t.i for t in tok.subtree)
        m = ctx.mention_at(tok.head)
        if m is not None and ctx.doc[start - 1].text == "," and not children(tok.head, "cc"):
            makers = [m.entity_id]
    makers = [e for e in makers if ctx.entity_type(e) == "organization"]
    if not makers:
        return
    made: list[str] = []
    for p in phrases:
        made += _made_things(ctx, p, bare=False)
        if lemma in ("developer", "maker", "creator", "publisher", "designer", "author"):
            # "the developer of CleanMyMac": a name the recogniser took for a company
            made += [
                e
                for e in ctx.entities_of(p, nominal=False)
                if ctx.entity_type(e) == "organization" and e not in made and p.tag_ in ("NNP", "NN")
            ]
    made = [e for e in made if ctx.entity_type(e) != "product" or not _generic_output(ctx, e, bare=False)]
    for m in makers:
        for p in made:
            ctx.emit("produced", m, obj=p, anchor=tok, method=f"produced:{lemma}-of", confidence=0.6)


def modeling(ctx: DocContext, tok: Token) -> None:
    """ "a project modeled on IBM systems", "X's answer to Y", "inspired by Y"."""
    if tok.pos_ == "VERB" and tok.lemma_ in MODEL_VERBS and tok.tag_ == "VBN":
        targets = [
            e
            for p in preps(tok, "on", "after", "by", "upon", "from")
            for e in ctx.entities_of(p, nominal=False)
        ]
        subjects = _described(ctx, tok)
        if not subjects and is_passive(tok) and tok.dep_ in ("ROOT", "conj"):
            # "It was closely modeled on the Apple II"
            subjects = [e for e in passive_subject(ctx, tok) if _named(ctx, e)]
        for s in subjects:
            for t in targets:
                ctx.emit(
                    "modeled_on", s, obj=t, anchor=tok, method=f"modeled_on:{tok.lemma_}-on", confidence=0.7
                )
        return
    if tok.pos_ == "VERB" and tok.lemma_ in ("copy", "clone") and not is_passive(tok):
        # "the K-286, which copied the IBM PC/AT": a machine copying another
        copied = [
            e
            for o in children(tok, "dobj")
            for e in ctx.entities_of(o, nominal=False)
            if ctx.entity_type(e) in ("product", "organization", "event", "policy")
        ]
        copiers = [e for e in active_subject(ctx, tok) if ctx.entity_type(e) == "product" and _named(ctx, e)]
        ctx.emit_pairs(
            "modeled_on",
            copiers,
            copied,
            anchor=tok,
            method=f"modeled_on:{tok.lemma_}-active",
            confidence=0.6,
        )
        return
    if tok.pos_ == "NOUN" and tok.lemma_ in ("answer", "clone", "copy", "version", "counterpart"):
        targets = [
            e for p in preps(tok, "to", "of") for e in ctx.entities_of(p, nominal=False) if _named(ctx, e)
        ]
        subjects = _described(ctx, tok) or _sibling_appos(ctx, tok)
        for s in subjects:
            for t in targets:
                ctx.emit(
                    "modeled_on", s, obj=t, anchor=tok, method=f"modeled_on:{tok.lemma_}-to", confidence=0.6
                )


def _sibling_appos(ctx: DocContext, tok: Token) -> list[str]:
    """ "Its successor, the K-2, a clone of the Z-80 Plus": the clone is the name its head noun
    carries in another apposition."""
    if tok.dep_ != "appos":
        return []
    for c in tok.head.children:
        if c.dep_ == "appos" and c.i < tok.i:
            m = ctx.mention_at(c)
            if m is not None and _named(ctx, m.entity_id):
                return [m.entity_id]
    return []


def _named(ctx: DocContext, eid: str) -> bool:
    """A name rather than a common-noun phrase ("the K-2", not "the first machines"): the
    recogniser's names, and phrases the patterns made from a capitalised word."""
    if eid not in ctx.nominal_ids and not is_sector(ctx.table.registry, eid):
        return True
    ent = ctx.table.get(eid)
    return ent is not None and ent.name[:1].isupper()


def _self_org(ctx: DocContext) -> list[str]:
    """The organisation writing about itself ("we", "our"): the one the page names most, when
    it is named more than once."""
    if sum(1 for t in ctx.doc if t.lower_ in ("we", "our", "us")) < 2:
        return []
    topic = ctx.topic_org()
    if topic is None or sum(1 for m in ctx.mentions if m.entity_id == topic) < 2:
        return []
    return [topic]


def partners_are(ctx: DocContext, tok: Token) -> None:
    """ "Among its partners are A and B", "Its partners include A and B": partnered with them."""
    if tok.pos_ != "NOUN" or tok.lemma_ != "partner" or tok.tag_ != "NNS":
        return
    owners = [e for c in tok.children if c.dep_ == "poss" for e in ctx.resolve(c, nominal=False)]
    owners = [e for e in owners if ctx.entity_type(e) in ("organization", "place")]
    members = ctx.list_members(tok)
    if members and tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        # "the labs were furnished by partners such as A, B and C": on an organisation's own
        # page ("we", "our"), its partners
        owners = owners or _self_org(ctx)
        named = [
            e
            for m in members
            for e in ctx.resolve(m, nominal=False)
            if ctx.entity_type(e) == "organization" and e not in ctx.nominal_ids
        ]
        ctx.emit_pairs(
            "partnered_with",
            owners,
            named,
            anchor=tok,
            method="partnered_with:partners-such-as",
            confidence=0.55,
        )
        return
    if not owners:
        return
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    named: list[str] = []
    if verb.pos_ in ("AUX", "VERB"):
        for c in verb.children:
            if c.dep_ in ("nsubj", "attr", "dobj") and c.i != tok.i:
                named += [
                    e for e in ctx.entities_of(c, nominal=False) if ctx.entity_type(e) == "organization"
                ]
    for o in owners:
        for n in named:
            ctx.emit(
                "partnered_with", o, obj=n, anchor=tok, method="partnered_with:partners-are", confidence=0.6
            )


def includes_units(ctx: DocContext, tok: Token) -> None:
    """ "The Academy comprises more than 100 institutes, including the Institute of Physics":
    the named units are part of the subject."""
    if tok.pos_ != "VERB" or tok.lemma_ not in (
        "comprise",
        "include",
        "unite",
        "encompass",
        "incorporate",
        "have",
        "make",
        "consist",
        "compose",
    ):
        return
    if tok.lemma_ in ("make", "compose") and not is_passive(tok):
        return
    if is_passive(tok):
        owners = [e for e in passive_subject(ctx, tok) if ctx.entity_type(e) == "organization"]
    else:
        owners = [e for e in active_subject(ctx, tok) if ctx.entity_type(e) == "organization"]
    # "the university is made up of nine faculties, including A, B and C": a parse that hangs B
    # and C on the subject gives them as owners; names after the verb are members
    late = [e for e in owners if all(m.start > tok.i for m in ctx.mentions if m.entity_id == e)]
    owners = [e for e in owners if e not in late]
    if not owners and late:
        owners = _named_before(ctx, children(tok, "nsubjpass", "nsubj"), late)
    if not owners:
        return
    # "is made up of / consists of more than 15 faculties, such as ..."
    units = children(tok, "dobj") + preps(tok, "of")
    for prt in children(tok, "prt"):
        units += preps(prt, "of")
    for o in units:
        if o.lemma_ not in ORG_NOUNS and o.lemma_ not in (
            "unit",
            "department",
            "faculty",
            "subsidiary",
            "division",
        ):
            continue
        listed = [e for member in ctx.list_members(o) for e in ctx.resolve(member, nominal=False)]
        if listed:
            listed += late
        for e in listed:
            if ctx.entity_type(e) == "organization" and e not in owners:
                ctx.emit(
                    "part_of",
                    e,
                    obj=owners[0],
                    anchor=tok,
                    method=f"part_of:{tok.lemma_}s-units",
                    confidence=0.6,
                )


def _named_before(ctx: DocContext, subjects: list[Token], skip: list[str]) -> list[str]:
    """ "the university" as the organisation last named with that word ("Nordhavn University of
    Technology"), for a subject the parser glued to a later name."""
    for subj in subjects:
        if subj.pos_ != "NOUN":
            continue
        word = subj.lemma_.lower()
        for eid in reversed(ctx.recent):
            ent = ctx.table.get(eid)
            if (
                eid not in skip
                and ent is not None
                and ent.type == "organization"
                and word in ent.name.lower()
            ):
                return [eid]
    return []


def org_of_org(ctx: DocContext, tok: Token) -> None:
    """ "the Institute of Mathematics of the National Academy of Sciences": a unit named with its
    parent organisation."""
    m = ctx.mention_at(tok)
    if m is None or tok.i != m.end - 1 or ctx.entity_type(m.entity_id) != "organization":
        return
    i = m.end
    if i + 1 >= len(ctx.doc) or ctx.doc[i].lower_ != "of":
        return
    j = i + 1
    if ctx.doc[j].lower_ == "the":
        j += 1
    if j >= len(ctx.doc):
        return
    parent = ctx.mention_at(ctx.doc[j])
    if parent is None or parent.start != j or parent.entity_id == m.entity_id:
        return
    if ctx.entity_type(parent.entity_id) != "organization":
        return
    ctx.emit(
        "part_of",
        m.entity_id,
        obj=parent.entity_id,
        anchor=tok,
        method="part_of:unit-of-organisation",
        confidence=0.6,
    )


def owned_unit(ctx: DocContext, tok: Token) -> None:
    """ "Wargaming's St Petersburg studio Lesta", "its subsidiary Currency Com Bel": the named
    unit belongs to the possessor."""
    if tok.pos_ != "NOUN" or tok.lemma_ not in UNIT_NOUNS:
        return
    owners = [e for c in tok.children if c.dep_ == "poss" for e in ctx.resolve(c, nominal=False)]
    owners = [o for o in owners if ctx.entity_type(o) == "organization"]
    if not owners:
        return
    units: list[str] = []
    for c in [*tok.children, tok.head]:
        if c.dep_ in ("appos",) or c.i == tok.head.i and tok.dep_ == "compound":
            m = ctx.mention_at(c)
            if m is not None and ctx.entity_type(m.entity_id) == "organization":
                units.append(m.entity_id)
    if tok.i + 1 < len(ctx.doc):
        m = ctx.mention_at(ctx.doc[tok.i + 1])
        if m is not None and ctx.entity_type(m.entity_id) == "organization" and m.entity_id not in units:
            units.append(m.entity_id)
    for u in units:
        if u not in owners:
            ctx.emit(
                "part_of", u, obj=owners[0], anchor=tok, method=f"part_of:owners-{tok.lemma_}", confidence=0.6
            )


UNIT_NOUNS = frozenset(
    ["studio", "subsidiary", "unit", "division", "branch", "arm", "affiliate", "label", "brand", "daughter"]
)


#: Plural nouns for the members of a park, association or group ("its residents", "newcomers").
MEMBER_NOUNS = frozenset(["newcomer", "resident", "member", "participant", "tenant", "entrant", "newcomers"])
#: Plural nouns for the companies in a park or group, which need the whole named ("in the Park").
FIRM_NOUNS = frozenset(["employer", "company", "firm", "startup", "start-up", "employers", "companies"])


def _in_gloss(t: Token, top: Token) -> bool:
    """A token inside a prepositional phrase below ``top`` other than a list's "such as",
    "including", "like" ("the developer of B", "part of C")."""
    a = t.head
    while a.i != top.i and a.head.i != a.i:
        if a.dep_ == "prep" and a.lower_ not in ("as", "including", "like", "among"):
            return True
        a = a.head
    return False


def _just_named(ctx: DocContext, eid: str, tok: Token) -> bool:
    """An entity the text is at: named in this sentence, or the subject of the sentence before
    ("During 2019 it registered 312 new residents.")."""
    if eid in ctx.prev_subjects:
        return True
    sent = ctx.sent_span(tok)
    return any(m.entity_id == eid and sent.start <= m.start < sent.end for m in ctx.mentions)


def members_are(ctx: DocContext, tok: Token) -> None:
    """ "Among the newcomers were A, a maker of robots, and B", "New residents include A and B",
    "The largest employers in the Park are A, B and C": the named companies are part of the
    park or association (named with "in"/"of", possessed, else the one the text is about)."""
    if tok.pos_ not in ("VERB", "AUX") or tok.lemma_ not in ("be", "include", "comprise"):
        return
    group = next((p for p in preps(tok, "among") if p.tag_ == "NNS"), None)
    if group is None:
        subj = children(tok, "nsubj")
        if not subj or subj[0].tag_ != "NNS" or tok.lemma_ == "be" and not children(tok, "attr"):
            return
        group = subj[0]
    lemma = group.lemma_.lower()
    if lemma not in MEMBER_NOUNS and lemma not in FIRM_NOUNS:
        return
    if ctx.mention_at(group) is not None:
        return
    wholes = [
        e
        for p in preps(group, "in", "of", "at")
        for e in ctx.resolve(p, nominal=False)
        if ctx.entity_type(e) == "organization"
    ]
    if not wholes and lemma in MEMBER_NOUNS:
        owners = [c for c in group.children if c.dep_ == "poss"]
        if owners:
            wholes = [e for c in owners for e in ctx.resolve(c, nominal=False)]
        elif tok.lemma_ != "be" or group.dep_ == "pobj":
            topic = ctx.topic_org()
            wholes = [topic] if topic and _just_named(ctx, topic, tok) else []
        wholes = [e for e in wholes if ctx.entity_type(e) == "organization"]
    if not wholes:
        return
    skip = {t.i for t in group.subtree}
    for t in tok.subtree:
        if t.dep_ in ("relcl", "acl", "advcl") and t.i != tok.i:
            skip.update(x.i for x in t.subtree)
    members: list[str] = []
    for t in tok.subtree:
        if t.i in skip or t.i == tok.i:
            continue
        m = ctx.mention_at(t)
        if m is None or m.start != t.i or m.entity_id in ctx.nominal_ids or m.entity_id in members:
            continue
        if ctx.doc[m.end - 1].dep_ == "npadvmod":
            continue  # "a Bergen-based maker": a place word, not a member
        if _in_gloss(t, tok):
            continue  # "A, the developer of B": B is A's product, not a member
        if ctx.entity_type(m.entity_id) == "organization" and m.entity_id not in wholes:
            members.append(m.entity_id)
    ctx.emit_pairs(
        "part_of",
        members,
        wholes,
        time=ctx.time_for(tok, "context"),
        anchor=tok,
        method=f"part_of:{lemma}-are",
        confidence=0.55,
    )


def membership(ctx: DocContext, tok: Token) -> None:
    """ "X joined Y", "X belongs to Y", "X is owned by Y", "X is controlled by Y": part of Y."""
    if tok.pos_ != "VERB":
        return
    if tok.lemma_ == "join" and not is_passive(tok):
        members = active_subject(ctx, tok)
        groups = [e for o in children(tok, "dobj") for e in ctx.entities_of(o, nominal=False)]
    elif tok.lemma_ == "belong":
        members = active_subject(ctx, tok)
        groups = [e for p in preps(tok, "to") for e in ctx.entities_of(p, nominal=False)]
    elif tok.lemma_ in ("own", "control", "operate", "run", "manage") and is_passive(tok):
        members = passive_subject(ctx, tok)
        groups = [e for a in preps(tok, "by") for e in ctx.entities_of(a, nominal=False)]
    else:
        return
    members = [m for m in members if ctx.entity_type(m) in ("organization", "product", "policy")]
    groups = [g for g in groups if ctx.entity_type(g) == "organization"]
    for m in members:
        for g in groups:
            ctx.emit(
                "part_of",
                m,
                obj=g,
                time=ctx.time_for(tok),
                anchor=tok,
                method=f"part_of:{tok.lemma_}",
                confidence=0.6,
            )


def copula_member(ctx: DocContext, tok: Token) -> None:
    """ "X is a research institute of the Academy", "X became a member of Y": part of Y."""
    if tok.lemma_ not in ("be", "become", "remain") or tok.pos_ not in ("AUX", "VERB"):
        return
    subj = children(tok, "nsubj")
    attr = children(tok, "attr")
    if not subj or not attr:
        return
    noun = attr[0]
    if noun.lemma_ in CORE_NOUNS and tok.lemma_ == "become":
        core_of(ctx, tok, noun)
        return
    if noun.lemma_ not in ORG_NOUNS and noun.lemma_ not in (
        "member",
        "resident",
        "participant",
        "part",
        "unit",
    ):
        return
    if noun.lemma_ in PART_NOUNS:
        return  # handled by part_of
    named = subject_entities(ctx, subj[0])
    parents = [
        e
        for p in preps(noun, "of")
        for e in ctx.resolve(p, nominal=False)
        if ctx.entity_type(e) == "organization"
    ]
    for x in named:
        if ctx.entity_type(x) not in ("organization", "product", "policy"):
            continue
        for y in parents:
            ctx.emit(
                "part_of",
                x,
                obj=y,
                time=ctx.time_for(tok),
                anchor=noun,
                method=f"part_of:is-{noun.lemma_}-of",
                confidence=0.6,
            )


def part_of(ctx: DocContext, tok: Token) -> None:
    """ "X, a subsidiary of Y", "a subsidiary of Y", "within the framework of Y", "a Comecon-wide project"."""
    if tok.pos_ == "NOUN" and tok.lemma_ in PART_NOUNS:
        # "a subsidiary of A and B": one subsidiary belongs to A; B is a sibling in a list.
        parents = [
            e
            for p in preps(tok, "of")
            for e in (
                ctx.resolve(p, nominal=False) if tok.tag_ == "NN" else ctx.entities_of(p, nominal=False)
            )
            if ctx.entity_type(e) in ("organization", "place")
        ]
        if not parents:
            return
        subjects: list[str] = _described(ctx, tok) if tok.dep_ in ("appos", "attr") else []
        if not subjects and tok.dep_ == "attr" and tok.head.pos_ in ("AUX", "VERB"):
            # "..., it is headquartered in P and has been a subsidiary of Y": the first verb's subject
            subjects = [
                e
                for e in active_subject(ctx, tok.head)
                if ctx.entity_type(e) in ("organization", "product") and e not in ctx.nominal_ids
            ]
            if not subjects:
                return
        if not subjects and tok.dep_ == "pobj" and tok.head.lower_ == "as":
            # "X was set up in 2000 as the outsourcing arm of Y"
            verb = tok.head.head
            if verb.pos_ == "VERB":
                subjects = passive_subject(ctx, verb) if is_passive(verb) else active_subject(ctx, verb)
                subjects = [e for e in subjects if ctx.entity_type(e) in ("organization", "product")]
            if not subjects:
                return
        if not subjects:
            eid = ctx.nominal(tok, "organization")
            subjects = [eid] if eid else []
        time = ctx.time_for(tok)
        for s in subjects:
            for p in parents:
                ctx.emit(
                    "part_of",
                    s,
                    obj=p,
                    time=time,
                    anchor=tok,
                    method=f"part_of:{tok.lemma_}-of",
                    confidence=0.7,
                )
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
        subjects = []
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
        while noun.pos_ not in ("NOUN", "PROPN") and noun.head.i != noun.i:
            noun = noun.head
        subjects = _described(ctx, noun)
        for s in subjects:
            ctx.emit("part_of", s, obj=owner.entity_id, anchor=tok, method="part_of:x-wide", confidence=0.55)


def _with_objects(tok: Token) -> list[Token]:
    """The objects of a verb's "with", and of a "with" repeated after "and" ("cooperates with A
    and with B")."""
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "with":
            out.extend(children(c, "pobj"))
            out.extend(o for k in c.conjuncts if k.lower_ == "with" for o in children(k, "pobj"))
    return out


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
    if (
        tok.pos_ == "NOUN"
        and tok.lemma_ in ("partnership", "agreement", "tie", "relation", "contract", "alliance")
        and tok.dep_ in ("dobj", "attr")
        and preps(tok, "with")
    ):
        # "The university has partnerships with Huawei and EPAM"
        holders = [
            e
            for e in active_subject(ctx, tok.head)
            if ctx.entity_type(e) in ("organization", "place", "group")
        ]
        others = [e for p in preps(tok, "with") for e in ctx.entities_of(p, nominal=False)]
        for h in holders:
            for o in others:
                ctx.emit(
                    "partnered_with",
                    h,
                    obj=o,
                    time=ctx.time_for(tok),
                    anchor=tok,
                    method="partnered_with:has-partnership-with",
                    confidence=0.6,
                )
        return
    if tok.pos_ == "VERB" and tok.lemma_ in ("sign", "conclude", "announce", "form") and not is_passive(tok):
        # "X and Y signed a partnership agreement", "X signed an agreement with Y"
        deals = [
            o
            for o in children(tok, "dobj")
            if o.lemma_
            in ("agreement", "partnership", "memorandum", "deal", "alliance", "contract", "venture")
        ]
        if not deals:
            return
        parties = active_subject(ctx, tok)
        parties += [e for d in deals for p in preps(d, "with") for e in ctx.entities_of(p, nominal=False)]
        parties = [p for p in parties if ctx.entity_type(p) in ("organization", "place", "person")]
        for a, b in zip(parties, parties[1:], strict=False):
            ctx.emit(
                "partnered_with",
                a,
                obj=b,
                time=ctx.time_for(tok),
                anchor=tok,
                method="partnered_with:signed-agreement",
                confidence=0.6,
            )
        return
    if tok.pos_ == "VERB" and tok.lemma_ in PARTNER_VERBS:
        subjects = active_subject(ctx, tok)
        for subj in children(tok, "nsubj"):
            if subj.tag_ == "NNS" and any(c.dep_ == "poss" and c.lower_ == "our" for c in subj.children):
                # "Our institutes work closely with Y": the organisation writing
                subjects = _self_org(ctx) or subjects
        others = [e for p in _with_objects(tok) for e in ctx.entities_of(p)]
        if tok.lemma_ == "work":
            # "we work with partners such as A and B": only named organisations count
            others = [o for o in others if ctx.entity_type(o) == "organization" and o not in ctx.nominal_ids]
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
        for left in tok.lefts:
            for t in left.subtree:
                for country_ent in ctx.table.registry.demonym_countries(t.text):
                    if country_ent.id not in countries:
                        countries.append(country_ent.id)
        if len(countries) >= 2 and _hyphen_pair(tok):
            for country in countries:
                ctx.table.get(country)
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
        subjects = []
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


#: Words naming a market a company's shares are listed on, or an index they are counted in.
MARKET_WORDS = frozenset(["exchange", "index", "nasdaq", "bourse", "nyse", "lse", "moex"])
LISTING_VERBS = frozenset(["list", "float", "trade", "debut", "add", "include", "admit"])
LISTING_NOUNS = frozenset(["ipo", "offering", "listing", "flotation", "debut"])


def _market(ctx: DocContext, phrase: Token) -> list[str]:
    """A stock exchange or index a phrase names ("the New York Stock Exchange", "the S&P 500
    index", "Nasdaq"), by the words of its name or its head noun."""
    out: list[str] = []
    if ctx.mention_at(phrase) is None and phrase.lemma_ in ("index", "exchange"):
        # "the S&P 500 index": the whole name, numbers included
        words = [t for t in phrase.subtree if t.i <= phrase.i and t.dep_ not in ("det", "poss")]
        if len(words) > 1 and words[0].text[:1].isupper():
            name = "".join(t.text_with_ws for t in words).strip()
            ent = ctx.table.add("organization", name)
            ctx.note_mention(words[0].i, phrase.i + 1, ent.id, "nominal")
            return [ent.id]
    for e in ctx.entities_of(phrase, nominal=False):
        ent = ctx.table.get(e)
        if ent is None or ent.type in ("place", "person", "group"):
            continue
        words = {w.lower() for n in [ent.name, *ent.aliases] for w in n.replace("-", " ").split()}
        if words & MARKET_WORDS or phrase.lemma_ in ("index", "exchange"):
            out.append(e)
    return out


def listing(ctx: DocContext, tok: Token) -> None:
    """ "X has been listed on the Warsaw Stock Exchange since 2020", "X floated on Nasdaq",
    "X completed an IPO on the NYSE", "X was added to the S&P 500 index": X is part of the
    market or index from then."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB" and lemma in LISTING_VERBS:
        words = ("to", "in", "into") if lemma in ("add", "include", "admit") else ("on",)
        markets = [e for p in preps(tok, *words) for e in _market(ctx, p)]
        if lemma in ("add", "include", "admit") and not is_passive(tok):
            return
        subjects = passive_subject(ctx, tok) if is_passive(tok) else active_subject(ctx, tok)
        if not subjects and tok.dep_ == "ROOT":
            # a broken parse ("In 2013 Luxoft Holding, Inc. floated on ..."): the name before the verb
            for i in range(tok.i - 1, ctx.sent_span(tok).start - 1, -1):
                m = ctx.mention_at(ctx.doc[i])
                if m is not None and ctx.entity_type(m.entity_id) == "organization":
                    subjects = [m.entity_id]
                    break
    elif tok.pos_ in ("NOUN", "PROPN") and lemma in LISTING_NOUNS:
        markets = [e for p in preps(tok, "on") for e in _market(ctx, p)]
        verb = tok.head
        if tok.dep_ == "dobj" and verb.pos_ == "VERB":
            subjects = active_subject(ctx, verb)
        else:
            subjects = [e for c in tok.children if c.dep_ == "poss" for e in ctx.resolve(c, nominal=False)]
    else:
        return
    subjects = [s for s in subjects if ctx.entity_type(s) == "organization" and s not in markets]
    if not markets or not subjects:
        return
    ctx.emit_pairs(
        "part_of",
        subjects,
        markets,
        time=ctx.time_for(tok),
        anchor=tok,
        method=f"part_of:listed-{lemma}",
        confidence=0.6,
    )


#: Nouns for an adviser to a party in a deal.
ADVISER_NOUNS = frozenset(["adviser", "advisor", "counsel"])


def advising(ctx: DocContext, tok: Token) -> None:
    """ "A advised B on the deal", "B was advised by A", "A, adviser to B", "A acted as adviser
    to B": the adviser is partnered with the party it advised."""
    advisers: list[str] = []
    parties: list[str] = []
    if tok.pos_ == "VERB" and tok.lemma_ == "advise":
        if is_passive(tok):
            parties = passive_subject(ctx, tok)
            advisers = [e for a in preps(tok, "by") for e in (_sibling_names(ctx, a) or ctx.entities_of(a))]
        else:
            advisers = active_subject(ctx, tok)
            parties = [e for o in children(tok, "dobj") for e in ctx.entities_of(o)]
    elif tok.pos_ == "NOUN" and tok.lemma_ in ADVISER_NOUNS:
        parties = [e for p in preps(tok, "to") for e in ctx.entities_of(p)]
        if tok.dep_ in ("appos", "attr"):
            advisers = ctx.described_by(tok) or _described(ctx, tok)
        elif tok.dep_ == "pobj" and tok.head.lower_ == "as" and tok.head.head.pos_ == "VERB":
            advisers = active_subject(ctx, tok.head.head)
    else:
        return
    # named organisations only: "the academy advises the government" is no deal
    advisers = [e for e in advisers if ctx.entity_type(e) == "organization" and e not in ctx.nominal_ids]
    parties = [
        e
        for e in parties
        if ctx.entity_type(e) == "organization" and e not in ctx.nominal_ids and e not in advisers
    ]
    if not advisers or not parties:
        return
    ctx.emit_pairs(
        "partnered_with",
        advisers,
        parties,
        time=ctx.time_for(tok) or _news_time(ctx, tok),
        anchor=tok,
        method="partnered_with:advised",
        confidence=0.6,
    )


def _sibling_names(ctx: DocContext, noun: Token) -> list[str]:
    """ "by the investment bank Y": the name in apposition to a descriptive noun."""
    m = ctx.mention_at(noun)
    if m is not None and m.entity_id not in ctx.nominal_ids:
        return []
    return [m.entity_id for c in noun.children if c.dep_ == "appos" and (m := ctx.mention_at(c))]


#: Nouns for a funding round ("a $20 million Series B round led by X").
ROUND_NOUNS = frozenset(["round", "funding", "financing", "investment", "raise"])
#: Verbs of raising money: the raiser is their subject.
RAISE_VERBS = frozenset(["raise", "secure", "close", "complete", "receive", "attract", "land", "get"])
#: Verbs of taking a stake ("bought a 15% stake in Y").
STAKE_VERBS = frozenset(["buy", "take", "acquire", "purchase", "hold", "own", "get", "gain", "obtain"])


def _is_round(tok: Token) -> bool:
    """ "a Series C round", "a $50 million Series B", "seed funding"."""
    if tok.lemma_.lower() in ROUND_NOUNS and tok.pos_ == "NOUN":
        return True
    return tok.pos_ == "PROPN" and any(c.dep_ == "compound" and c.lower_ == "series" for c in tok.children)


def _raiser(ctx: DocContext, noun: Token) -> list[str]:
    """Who raised a round: the subject of the raising verb above it, else the organisation
    the text is about."""
    cur = noun
    for _ in range(4):
        if cur.dep_ in ("dobj", "pobj", "prep", "npadvmod") or cur.dep_ == "nummod":
            cur = cur.head
            if cur.pos_ == "VERB":
                if cur.lemma_ in RAISE_VERBS:
                    return [e for e in active_subject(ctx, cur) if ctx.entity_type(e) == "organization"]
                break
            continue
        break
    topic = ctx.topic_org()
    return [topic] if topic else []


def investors(ctx: DocContext, tok: Token) -> None:
    """ "a $50 million round led by X": X invested in the raiser; "X took a 20% stake in Y",
    "X, which bought a stake in 2019" beside "the only investor in Y"; "A and B became
    investors in Y", "X, an early investor in Y": invested in Y."""
    if tok.pos_ == "VERB" and tok.lemma_ == "lead" and tok.dep_ == "acl" and _is_round(tok.head):
        leaders = [
            e
            for a in preps(tok, "by")
            for e in (_sibling_names(ctx, a) or ctx.entities_of(a, nominal=False))
            if ctx.entity_type(e) in ("organization", "person") and _named(ctx, e)
        ]
        raisers = [e for e in _raiser(ctx, tok.head) if e not in leaders]
        time = None
        for p in preps(tok, "by"):
            for r in p.children:
                if r.dep_ == "relcl":  # "led by X, which in 2021 valued it at ..."
                    time = time or ctx.time_for(r)
        raise_verb = tok.head
        while raise_verb.pos_ != "VERB" and raise_verb.head.i != raise_verb.i:
            raise_verb = raise_verb.head
        time = time or ctx.time_for(tok)  # "a round led by X in 2019"
        if time is None and raise_verb.pos_ == "VERB" and raise_verb.lemma_ in RAISE_VERBS:
            time = ctx.time_for(raise_verb) or _news_time(ctx, raise_verb)
        ctx.emit_pairs(
            "invested_in",
            leaders,
            raisers,
            time=time or ctx.time_for(tok.head),
            anchor=tok,
            method="invested_in:round-led-by",
            confidence=0.6,
        )
        return
    if tok.pos_ == "NOUN" and tok.lemma_ == "stake" and tok.dep_ == "dobj" and tok.head.lemma_ in STAKE_VERBS:
        verb = tok.head
        holders = [e for e in active_subject(ctx, verb) if ctx.entity_type(e) in ("organization", "person")]
        targets = [
            e
            for p in preps(tok, "in")
            for e in ctx.entities_of(p, nominal=False)
            if ctx.entity_type(e) == "organization"
        ]
        if verb.lemma_ in ("hold", "own"):
            time = ctx.time_for(verb)
        else:
            time = ctx.time_for(verb) or _time_in_subtree(ctx, tok)
        ctx.emit_pairs(
            "invested_in",
            [h for h in holders if h not in targets],
            targets,
            time=time,
            anchor=tok,
            method="invested_in:stake-in",
            confidence=0.6,
        )
        return
    if tok.pos_ == "NOUN" and tok.lemma_ in ("investor", "backer", "shareholder"):
        phrases = preps(tok, "in", "of")
        if not phrases and tok.dep_ == "attr":
            phrases = preps(tok.head, "in")  # "became investors | in Y"
        targets = [
            e for p in phrases for e in ctx.resolve(p, nominal=False) if ctx.entity_type(e) == "organization"
        ]
        if not targets:
            return
        holders: list[str] = []
        if tok.dep_ == "attr" and tok.head.lemma_ in ("be", "become", "remain"):
            holders = [e for n in children(tok.head, "nsubj") for e in subject_entities(ctx, n)]
        elif tok.dep_ == "appos":
            holders = ctx.described_by(tok)
        if not holders:
            holders = [m.entity_id for c in tok.children if c.dep_ == "appos" and (m := ctx.mention_at(c))]
        if not holders:
            # "the only investor in Y, the fund X": the parser hangs X on Y
            holders = [
                e
                for o in preps(tok, "in", "of")
                for c in o.children
                if c.dep_ == "appos"
                for e in (_sibling_names(ctx, c) or ctx.resolve(c, nominal=False))
            ]
        holders = [
            e for e in holders if ctx.entity_type(e) in ("organization", "person") and e not in targets
        ]
        # "X, which bought a 15% stake in 2019": the time of the holder's own stake
        time = None
        for t in ctx.sent_span(tok):
            if t.lemma_ == "stake" and t.head.lemma_ in STAKE_VERBS and t.head.dep_ == "relcl":
                time = _time_in_subtree(ctx, t.head)
        if time is None and tok.dep_ == "attr":
            time = ctx.time_for(tok.head)
        ctx.emit_pairs(
            "invested_in",
            holders,
            targets,
            time=time,
            anchor=tok,
            method=f"invested_in:{tok.lemma_}-in",
            confidence=0.6,
        )


#: Degrees completed at a school ("completed an MBA at Y", "earned a doctorate from Y").
DEGREE_NOUNS = frozenset(
    ["mba", "degree", "diploma", "doctorate", "phd", "master", "bachelor", "course", "programme", "program"]
)
STUDY_VERBS = frozenset(["study", "enrol", "enroll", "graduate", "train"])
DEGREE_VERBS = frozenset(["complete", "earn", "receive", "obtain", "take", "gain", "get", "finish"])
ALUMNI_NOUNS = frozenset(["graduate", "alumnus", "alumni", "alumna", "student"])


def _schools(ctx: DocContext, phrases: list[Token]) -> list[str]:
    return [
        e
        for p in phrases
        for e in ctx.entities_of(p, nominal=False)
        if ctx.entity_type(e) == "organization" and _named(ctx, e)
    ]


def studied(ctx: DocContext, tok: Token) -> None:
    """ "X studied at Y from 1991 to 1996", "X graduated from Y", "X completed an MBA at Y",
    "the brothers A and B, both graduates of Y": the person was part of the school (a
    student), in the years the sentence gives."""
    people: list[str] = []
    schools: list[str] = []
    if tok.pos_ == "VERB" and tok.lemma_ in STUDY_VERBS | DEGREE_VERBS:
        if is_passive(tok):
            return
        if tok.lemma_ in STUDY_VERBS:
            words = ("at", "from") if tok.lemma_ == "graduate" else ("at",)
            schools = _schools(ctx, preps(tok, *words))
        elif any(o.lemma_.lower() in DEGREE_NOUNS for o in children(tok, "dobj")):
            objs = [o for o in children(tok, "dobj") if o.lemma_.lower() in DEGREE_NOUNS]
            phrases = preps(tok, "at", "from") + [p for o in objs for p in preps(o, "at", "from")]
            schools = _schools(ctx, phrases)
        people = [e for e in active_subject(ctx, tok) if ctx.entity_type(e) == "person"]
        time = ctx.time_for(tok)
    elif tok.pos_ == "NOUN" and tok.lemma_.lower() in ALUMNI_NOUNS:
        schools = _schools(ctx, preps(tok, "of", "from", "at"))
        if not schools:
            return
        if tok.dep_ == "appos":
            head = tok.head
            m = ctx.mention_at(head)
            people = [m.entity_id] if m is not None else ctx.described_by(head)
            if m is not None:
                people += [c for h in ctx.expand(head)[1:] for c in ctx.resolve(h, nominal=False)]
        elif tok.dep_ == "attr" and tok.head.lemma_ in ("be", "become"):
            people = [e for n in children(tok.head, "nsubj") for e in subject_entities(ctx, n)]
        people = [e for e in people if ctx.entity_type(e) == "person"]
        time = None
    else:
        return
    ctx.emit_pairs(
        "part_of",
        people,
        [s for s in schools if s not in people],
        time=time,
        anchor=tok,
        method=f"part_of:{tok.lemma_.lower()}-at",
        confidence=0.6,
    )


#: Verbs of bringing a product out, whose time is the product's ("introduced in 1984").
LAUNCH_VERBS = frozenset(["introduce", "launch", "release", "unveil", "present", "announce", "debut"])
#: Device nouns a model name stands before ("the company's KR-12 printer").
DEVICE_NOUNS = PRODUCT_NOUNS | frozenset(
    ["printer", "meter", "terminal", "phone", "television", "scanner", "reader"]
)


def possessed_product(ctx: DocContext, tok: Token) -> None:
    """ "The association's dot-matrix printer DPM-80, introduced in 1984", "Kestrel's KR-12
    printer": a model an organisation is said to have is its product."""
    if tok.dep_ == "case" and tok.head.dep_ == "poss":
        tok = tok.head  # "the company 's": the possessor
    elif tok.dep_ != "poss":
        return
    head = tok.head
    found: list[str] = []
    m = ctx.mention_at(head)
    if m is not None and ctx.entity_type(m.entity_id) == "product":
        found = [m.entity_id]
    elif head.lemma_.lower() in DEVICE_NOUNS:
        found = [
            n.entity_id
            for c in head.children
            if c.dep_ in ("compound", "nummod", "appos")
            if (n := ctx.mention_at(c)) is not None and ctx.entity_type(n.entity_id) == "product"
        ]
    found = [
        e
        for e in found
        if (ent := ctx.table.get(e)) is not None and _named(ctx, e) and any(ch.isdigit() for ch in ent.name)
    ]
    if not found:
        return
    # the possessor is resolved only now: resolving has effects on what later pronouns name
    owners = [e for e in ctx.resolve(tok, nominal=True) if ctx.entity_type(e) == "organization"]
    if len(owners) != 1:
        return
    launch = [a for a in children(head, "acl") if a.lemma_ in LAUNCH_VERBS]
    ctx.emit_pairs(
        "produced",
        owners,
        found[:1],
        time=ctx.time_for(launch[0]) if launch else None,
        anchor=head,
        method="produced:possessed-model",
        confidence=0.55,
    )
