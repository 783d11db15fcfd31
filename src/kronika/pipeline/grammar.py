"""Grammar helpers shared by the relation patterns: arcs, voice, subjects and objects."""

from __future__ import annotations

from spacy.tokens import Token

from kronika.models import TimeSpan
from kronika.pipeline.context import DocContext


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
        found = passive_subject(ctx, verb.head)
        if found:
            return found
        # "The Minsk-32 was the last model and was replaced by ...": the first clause's subject
        subj = children(verb.head, "nsubj")
        return subject_entities(ctx, subj[0]) if subj else []
    if verb.dep_ == "advcl":
        # "Elected in 1994, X ..." — the participle's subject is the main clause's subject.
        subj = children(verb.head, "nsubj", "nsubjpass")
        if subj:
            return subject_entities(ctx, subj[0])
    if children(verb, "auxpass") or children(verb.head, "auxpass"):
        # a broken parse ("was co-founded by"): the nearest named subject before the verb
        for tok in reversed(list(ctx.sent_span(verb))):
            if tok.i < verb.i and tok.dep_ in ("nsubj", "nsubjpass") and ctx.mention_at(tok) is not None:
                return ctx.entities_of(tok)
    return []


def subject_entities(ctx: DocContext, tok: Token) -> list[str]:
    """Entities named by a subject phrase, looking through "the organization Infopark" and
    partitives ("several of the companies", "the first phase of the SKIF project")."""
    for c in tok.children:
        if c.dep_ == "appos" and ctx.mention_at(c) is not None:
            return ctx.entities_of(c)
    if ctx.mention_at(tok) is None and tok.pos_ in ("NOUN", "PRON", "ADJ", "NUM"):
        of = preps(tok, "of")
        if (
            of
            and tok.lemma_
            in (
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
                "hundreds",
                "thousands",
                "dozens",
                "millions",
                "tens",
                "hundred",
                "thousand",
                "number",
            )
            or (of and tok.like_num)
        ):
            return subject_entities(ctx, of[0])
        # "Among the companies founded in the 1990s, several stand out ..."
        if not of and tok.lower_ in QUANTIFIERS:
            for prep in tok.head.children:
                if prep.dep_ == "prep" and prep.lower_ in ("among", "of"):
                    for pobj in children(prep, "pobj"):
                        return ctx.entities_of(pobj)
    return ctx.entities_of(tok)


QUANTIFIERS = frozenset(
    ["several", "some", "many", "most", "few", "all", "one", "two", "three", "both", "half"]
)


def active_subject(ctx: DocContext, verb: Token) -> list[str]:
    """The subject of an active verb, following conjunctions and open clauses upwards."""
    cur = verb
    for _ in range(4):
        subj = children(cur, "nsubj")
        if not subj and cur.i != verb.i and cur.dep_ != "prep":
            # "Luxoft was set up in 2000 and soon opened offices": the first verb's subject
            subj = children(cur, "nsubjpass")
        if subj:
            return subject_entities(ctx, subj[0])
        if cur.dep_ in ("conj", "xcomp", "advcl", "pcomp") and cur.head.i != cur.i:
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


def is_passive_agent(prep: Token) -> bool:
    """True for an ``agent`` arc (already handled as an agent)."""
    return prep.dep_ == "agent"


def _time_in_subtree(ctx: DocContext, tok: Token) -> TimeSpan | None:
    sent = ctx.sent
    assert sent is not None
    sub = {t.i for t in tok.subtree}
    for t in sent.times:
        if t.start in sub:
            return t.span
    return None


def _described(ctx: DocContext, tok: Token) -> list[str]:
    """The entity a descriptive phrase is about: through acl/appos/attr/"intended as" links."""
    cur = tok
    for _ in range(5):
        if cur.dep_ == "appos":
            near = _adjacent_mention(ctx, cur)
            if near is not None:
                return [near]
        if cur.dep_ in ("acl", "appos", "amod") and cur.head.i != cur.i:
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


def _adjacent_mention(ctx: DocContext, appos: Token) -> str | None:
    """The name an appositive follows directly: in "... in favour of the ES EVM (...), a
    Comecon-wide project", the project is the ES EVM even when the parser hangs it on the
    sentence's subject."""
    start = min(t.i for t in appos.subtree)
    i = start - 1
    if i < 0 or ctx.doc[i].text != ",":
        return None
    i -= 1
    if i >= 0 and ctx.doc[i].text == ")":
        depth = 0
        while i >= 0:
            if ctx.doc[i].text == ")":
                depth += 1
            elif ctx.doc[i].text == "(":
                depth -= 1
                if depth == 0:
                    break
            i -= 1
        i -= 1
    if i < 0:
        return None
    m = ctx.mention_at(ctx.doc[i])
    if m is None or m.end - 1 != i or appos.head.i == i:
        return None
    if ctx.entity_type(m.entity_id) in ("place", "person"):
        return None
    return m.entity_id


def _hyphen_pair(tok: Token) -> bool:
    doc = tok.doc
    start = min(t.i for t in tok.subtree)
    return any(doc[i].text in ("-", "–") for i in range(start, tok.i))
