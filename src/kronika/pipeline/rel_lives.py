"""Relation patterns about a person's life: birth, death, honours, academy membership, teaching.

The shapes are those of encyclopedia biographies: "X (14 March 1931 – 2 November 2012) was ...",
"was born in A", "died in B on 2 November 2012, aged 81", "received the State Prize in 1976",
"was elected a corresponding member of the Academy of Sciences in 1972 and a full member in
1980", "was made an honorary doctor of Y", "taught at Y from 1970 to 1990". A death is
``occurred`` with its place, the age at death a measure (``age``); a birth ``located_in`` the
birthplace with the year; an award or an honorary title ``holds_position`` with the award or the
body as object; teaching at a university ``holds_position`` there.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from kronika.models import Quantity, TimeSpan
from kronika.pipeline.context import DocContext
from kronika.pipeline.grammar import active_subject, children, is_passive, passive_subject, preps

#: Head nouns of an award's name ("the State Prize", "the Order of Lenin", "a gold medal").
AWARD_NOUNS = frozenset(["prize", "award", "medal", "order", "decoration", "premium", "laureateship"])
#: Verbs a person receives an award with.
AWARD_VERBS = frozenset(["receive", "win", "award", "earn", "get", "present", "bestow", "grant", "gain"])
#: Nouns of membership and honorary titles a body confers.
MEMBER_NOUNS = frozenset(["member", "academician", "fellow", "doctor", "professor", "citizen"])
#: Verbs a body confers membership or a title with.
CONFER_VERBS = frozenset(["elect", "make", "become", "name", "admit", "appoint", "award", "confer"])
#: Verbs of teaching at a school.
TEACH_VERBS = frozenset(["teach", "lecture"])

_YEAR = re.compile(r"^(1[0-9]{3}|20[0-9]{2})$")
_DASHES = ("–", "—", "-", "−", "to")


def life_years(ctx: DocContext, person: str) -> tuple[int | None, int | None]:
    """The years of birth and death written after a person's name: "X (14 March 1931 – 2
    November 2012)", "X (1931–2012)", "X (born 1975)"."""
    cache: dict[str, tuple[int | None, int | None]] = ctx.__dict__.setdefault("_life_years", {})
    if person in cache:
        return cache[person]
    found: tuple[int | None, int | None] = (None, None)
    doc = ctx.doc
    for m in ctx.mentions:
        if m.entity_id != person or m.end >= len(doc) or doc[m.end].text != "(":
            continue
        years: list[int] = []
        dash = born = False
        for t in doc[m.end + 1 : min(m.end + 40, len(doc))]:
            if t.text == ")":
                break
            if t.lower_ in ("born", "b.", "b"):
                born = True
            if any(t.text == d or (len(t.text) > 1 and d in t.text and d != "to") for d in _DASHES):
                dash = bool(years)
            for part in re.split(r"[–—−-]", t.text):
                if _YEAR.match(part):
                    years.append(int(part))
            if re.fullmatch(r"\d{4}[–—−-]\d{4}", t.text):
                dash = True
        if len(years) >= 2 and dash:
            found = (years[0], years[-1])
            break
        if len(years) == 1 and born:
            found = (years[0], None)
            break
    cache[person] = found
    return found


def _year_span(year: int | None, text: str) -> TimeSpan | None:
    return TimeSpan(f"{year}-01-01", f"{year}-12-31", "year", text) if year else None


def _people(ctx: DocContext, verb: Token) -> list[str]:
    """The people a verb is about: its (passive) subject, or the subject of the verb it is
    conjoined to ("was born in A and died in B")."""
    found = passive_subject(ctx, verb) if is_passive(verb) else active_subject(ctx, verb)
    if not found and verb.dep_ == "conj":
        head = verb.head
        found = passive_subject(ctx, head) if is_passive(head) else active_subject(ctx, head)
    return [p for p in found if ctx.entity_type(p) == "person"]


def _own_time(ctx: DocContext, tok: Token) -> TimeSpan | None:
    """A time inside a phrase, leaving out the phrases conjoined to it ("the Lenin Prize in
    1979 and the Order of Friendship in 1985")."""
    sent = ctx.sent
    if sent is None:
        return None
    skip = {t.i for c in tok.children if c.dep_ == "conj" for t in c.subtree}
    inside = {t.i for t in tok.subtree} - skip
    for hit in sent.times:
        if hit.start in inside:
            return hit.span
    return None


def _verb_time(ctx: DocContext, verb: Token, objects: list[Token]) -> TimeSpan | None:
    """The time of a verb outside the conjoined objects that carry times of their own."""
    sent = ctx.sent
    if sent is None:
        return None
    skip = {t.i for o in objects for c in o.children if c.dep_ == "conj" for t in c.subtree}
    inside = {t.i for t in verb.subtree} - skip
    for hit in sent.times:
        if hit.start in inside:
            return hit.span
    return ctx.time_for(verb)


def _places(ctx: DocContext, verb: Token) -> list[str]:
    return [
        e
        for p in preps(verb, "in", "at", "near")
        for e in ctx.entities_of(p, nominal=False)
        if ctx.entity_type(e) == "place"
    ]


def death(ctx: DocContext, tok: Token) -> None:
    """ "X died in Haifa on 2 November 2012, aged 81": the death occurred there and then, and X
    was 81 that year."""
    if tok.lemma_ != "die" or tok.pos_ != "VERB":
        return
    people = _people(ctx, tok)
    if not people:
        return
    places = _places(ctx, tok)
    time = ctx.time_for(tok)
    age: Token | None = None
    for t in tok.subtree:
        if t.lower_ == "aged" or (t.lower_ == "age" and t.head.lower_ == "at"):
            age = next((n for n in t.subtree if n.like_num and n.i > t.i), None)
            break
    for person in people:
        when = time or _year_span(life_years(ctx, person)[1], "")
        if places:
            for place in places:
                ctx.emit(
                    "occurred",
                    person,
                    obj=place,
                    time=when,
                    anchor=tok,
                    method="occurred:died-in",
                    confidence=0.7,
                    qualifiers={"event": "death"},
                )
        if age is not None and age.text.isdigit() and 0 < int(age.text) < 130:
            n = int(age.text)
            ctx.emit(
                "measure",
                person,
                value=Quantity(n, "count", "=", None, None, f"aged {n}"),
                measure="age",
                time=when,
                anchor=age,
                method="measure:age-at-death",
                confidence=0.7,
            )


def birth(ctx: DocContext, tok: Token) -> None:
    """ "X (1931–2012) ... X was born in Slutsk": the birthplace with the year from the life
    dates, when the sentence gives none."""
    if tok.lower_ != "born" or tok.pos_ != "VERB" or ctx.time_for(tok) is not None:
        return
    for person in _people(ctx, tok):
        year = life_years(ctx, person)[0]
        if year is None:
            continue
        for place in _places(ctx, tok):
            ctx.emit(
                "located_in",
                person,
                obj=place,
                time=_year_span(year, str(year)),
                anchor=tok,
                method="located_in:born-in-life-dates",
                confidence=0.6,
            )


def title_name(tok: Token) -> str:
    """An award's or a title's name: its compounds and modifiers, the head and its "of"
    phrases ("State Prize of the BSSR", "Order of the Red Banner of Labour")."""
    idx = {tok.i}
    for c in tok.children:
        if c.i < tok.i and c.dep_ in ("compound", "amod", "nmod"):
            idx |= {g.i for g in c.subtree}
    cur = tok
    for _ in range(4):
        p = next((c for c in cur.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in p.children if c.dep_ == "pobj"), None) if p is not None else None
        if p is None or obj is None:
            break
        idx.add(p.i)
        idx |= {g.i for g in obj.subtree if g.i <= obj.i}
        cur = obj
    doc = tok.doc
    return " ".join(doc[i].text for i in sorted(idx) if not (doc[i].dep_ == "det" and doc[i].head.i == tok.i))


def _award_objects(ctx: DocContext, verb: Token) -> list[Token]:
    objs = children(verb, "dobj")
    if verb.lemma_ in ("present", "award") and not objs:
        objs = [o for p in preps(verb, "with") for o in [p]]
    out: list[Token] = []
    for o in objs:
        out += [o, *[c for c in o.conjuncts if c.i > o.i]]
    if objs:
        # "received the Lenin Prize in 1979 and the Order of Lenin in 1985": the parser hangs
        # the second award on the verb
        out += [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")]
    return [o for o in out if o.lemma_.lower() in AWARD_NOUNS and (o.lemma_.lower() != "order" or o.is_title)]


def award(ctx: DocContext, tok: Token) -> None:
    """ "X received the State Prize in 1976 and the Order of Lenin in 1981", "X was awarded the
    Lenin Prize": X holds the award (role laureate) from that year."""
    if tok.lemma_ not in AWARD_VERBS or tok.pos_ != "VERB":
        return
    if tok.lemma_ in ("award", "present", "grant", "bestow") and not is_passive(tok):
        return  # "the Academy awarded him the prize": the person is an indirect object
    people = _people(ctx, tok)
    if not people:
        return
    objs = _award_objects(ctx, tok)
    for o in objs:
        m = ctx.mention_at(o)
        if m is not None and ctx.entity_type(m.entity_id) in ("person", "place"):
            if not o.is_title or ctx.entity_type(m.entity_id) == "place":
                continue
            m = None  # "the Order of the Red Banner" taken for a person's name
        name = title_name(o)
        if len(name.split()) < 2 and not o.is_title:
            continue  # "received an award": no award named
        target = m.entity_id if m is not None else ctx.table.add("organization", name).id
        time = _own_time(ctx, o) or _verb_time(ctx, tok, objs)
        for person in people:
            ctx.emit(
                "holds_position",
                person,
                obj=target,
                time=time,
                anchor=o,
                method="holds_position:award",
                confidence=0.65,
                qualifiers={"role": "laureate"},
            )


def conferred(ctx: DocContext, tok: Token) -> None:
    """ "X was elected a corresponding member of the Academy in 1972 and a full member in 1980",
    "X was made an honorary doctor of Y", "X became an academician of Y": X holds the title at
    the body from that year."""
    if tok.lemma_.lower() not in MEMBER_NOUNS or tok.pos_ != "NOUN":
        return
    first = tok
    while first.dep_ == "conj" and first.head.pos_ == "NOUN":
        first = first.head
    if first.dep_ == "conj" and first.head.pos_ == "VERB":
        # "elected a corresponding member of X in 1972 and a full member in 1980": the parser
        # hangs the second title on the verb
        first = next(
            (
                c
                for c in first.head.children
                if c.dep_ in ("oprd", "attr", "dobj") and c.lemma_ in MEMBER_NOUNS
            ),
            first,
        )
    verb = first.head
    if first.dep_ not in ("oprd", "attr", "dobj", "xcomp") or verb.lemma_ not in CONFER_VERBS:
        return
    if verb.lemma_ in ("make", "name", "appoint", "elect", "award", "confer", "admit") and not is_passive(
        verb
    ):
        return
    if tok.lemma_.lower() in ("doctor", "professor", "citizen") and not any(
        c.lower_ in ("honorary", "honourary", "honoris") for c in tok.children
    ):
        return  # "became a professor of physics" is an ordinary post (the roles patterns')
    bodies = [
        e
        for t in (tok, first)
        for p in preps(t, "of", "at")
        for e in ctx.entities_of(p, nominal=False)
        if ctx.entity_type(e) == "organization"
    ]
    if not bodies:
        return
    role = " ".join(c.text for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i)
    role = f"{role} {tok.text}".strip()
    people = _people(ctx, verb)
    time = _own_time(ctx, tok)
    if time is None:
        objs = [first]
        time = _verb_time(ctx, verb, objs) if tok is first else None
    for person in people:
        ctx.emit(
            "holds_position",
            person,
            obj=bodies[0],
            time=time,
            anchor=tok,
            method="holds_position:conferred",
            confidence=0.65,
            qualifiers={"role": role},
        )


def taught_at(ctx: DocContext, tok: Token) -> None:
    """ "From 1970 to 1990 X taught at the Radio Engineering Institute": X held a teaching post
    there."""
    if tok.lemma_ not in TEACH_VERBS or tok.pos_ != "VERB":
        return
    people = _people(ctx, tok)
    bodies = [
        e
        for p in preps(tok, "at")
        for e in ctx.entities_of(p, nominal=False)
        if ctx.entity_type(e) == "organization"
    ]
    time = ctx.time_for(tok)
    for person in people:
        for body in bodies:
            ctx.emit(
                "holds_position",
                person,
                obj=body,
                time=time,
                anchor=tok,
                method="holds_position:taught-at",
                confidence=0.6,
                qualifiers={"role": "lecturer"},
            )


LIVES_TRIGGERS = {
    death: frozenset(["die", "died"]),
    birth: frozenset(["born"]),
    award: AWARD_VERBS,
    conferred: MEMBER_NOUNS | frozenset(["members", "fellows", "doctors"]),
    taught_at: TEACH_VERBS,
}
