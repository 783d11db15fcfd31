"""Relation patterns about people: leadership and positions."""

from __future__ import annotations

from spacy.tokens import Token

from kronika.models import TimeSpan
from kronika.pipeline.context import DocContext
from kronika.pipeline.derive import LESSER_ROLE
from kronika.pipeline.entities import ROLE_NOUNS
from kronika.pipeline.grammar import active_subject, children, is_passive, passive_subject, preps
from kronika.pipeline.rel_lives import title_name
from kronika.pipeline.vocabulary import BULLETS, LEAD_VERBS


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
            if not people and (a.like_num or a.lemma_ in ("both", "pair")):
                # "run by two of its founders, X and Y": the people the number stands for
                people += [
                    m.entity_id
                    for t in a.subtree
                    if t.dep_ not in ("relcl", "acl") and (m := ctx.mention_at(t)) is not None
                    if ctx.entity_type(m.entity_id) == "person" and t.i == m.end - 1
                ]
    else:
        people = active_subject(ctx, tok)
        orgs = [e for o in children(tok, "dobj") for e in ctx.entities_of(o, nominal=False)]
        if (
            not orgs
            and tok.dep_ == "relcl"
            and any(o.lower_ in ("which", "that") for o in children(tok, "dobj"))
        ):
            orgs = _relative_unit(ctx, tok.head)
    time = ctx.time_for(tok)
    if time is None and is_passive(tok):
        time = _held_since(ctx, tok)
    if time is None and tok.dep_ == "conj" and not is_passive(tok) and (head_time := ctx.time_for(tok.head)):
        # "In 1972 he founded the society and chaired it": from then on
        time = (
            TimeSpan(head_time.start, None, head_time.precision, head_time.text) if head_time.start else None
        )
    if is_passive(tok) and not any(ctx.entity_type(o) in ("organization", "group", "policy") for o in orgs):
        _board_chair(ctx, tok, people, time)
    later: list[str] = []
    if is_passive(tok):
        # "headed by X from 1982 to 1994 and then by Y": Y from when X's term ended
        for t in tok.subtree:
            if t.lower_ == "by" and t.dep_ == "conj":
                later += [e for o in children(t, "pobj") for e in ctx.entities_of(o, nominal=False)]
    after = (
        TimeSpan(f"{time.end[:4]}-01-01", None, "year", time.text)
        if later and time is not None and time.end and time.start
        else None
    )
    for o in orgs:
        if ctx.entity_type(o) not in ("organization", "group", "policy"):
            continue
        for p, when in [*((p, time) for p in people), *((p, after) for p in later)]:
            if ctx.entity_type(p) == "person":
                ctx.emit(
                    "led_by",
                    o,
                    obj=p,
                    time=when,
                    anchor=tok,
                    method="led_by:led-by",
                    confidence=0.8,
                )


#: Nouns of a unit a person heads ("its laboratory of pattern recognition").
HEADED_UNITS = frozenset(
    [
        "laboratory",
        "lab",
        "department",
        "division",
        "section",
        "sector",
        "bureau",
        "group",
        "centre",
        "center",
    ]
    + ["institute", "faculty", "chair", "society", "school", "branch", "team", "unit", "office", "journal"]
)
#: Governing bodies of an organisation: their chair holds a position at the organisation.
BOARD_NOUNS = frozenset(["board", "council", "committee", "presidium", "senate"])


def _relative_unit(ctx: DocContext, noun: Token) -> list[str]:
    """ "its laboratory of optics, which he led until 1977": the unit the relative clause is on
    (the parser may hang the clause on the last noun of the unit's name)."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in HEADED_UNITS:
        noun = noun.head.head
    if noun.lemma_.lower() not in HEADED_UNITS and ctx.mention_at(noun) is None:
        return []
    if ctx.mention_at(noun) is None:
        # the unit's own name with its "of" phrase, which the clause on it would cut short
        made = ctx.table.add("organization", title_name(noun))
        ctx.nominal_ids.add(made.id)
        return [made.id] if made.type == "organization" else []
    return [e for e in ctx.resolve(noun) if ctx.entity_type(e) == "organization"]


def _held_since(ctx: DocContext, verb: Token) -> TimeSpan | None:
    """ "led by its director, X, who has held the post since 2017": the time of the relative
    clause on the person."""
    for a in preps(verb, "by"):
        for t in a.subtree:
            if t.dep_ == "relcl" and any(c.lower_ == "who" for c in t.children):
                when = ctx.time_for(t)
                if when is not None:
                    return when
    return None


def _board_chair(ctx: DocContext, verb: Token, people: list[str], time: TimeSpan | None) -> None:
    """ "Our supervisory board is chaired by X": X holds a position at the organisation whose
    board it is."""
    if verb.lemma_ not in ("chair", "head", "lead", "preside"):
        return
    for subj in children(verb, "nsubjpass"):
        if subj.lemma_.lower() not in BOARD_NOUNS:
            continue
        owners = [
            e
            for c in subj.children
            if c.dep_ == "poss"
            for e in ctx.resolve(c, nominal=False)
            if ctx.entity_type(e) == "organization"
        ]
        words = [t.text for t in subj.subtree if t.i <= subj.i and t.dep_ in ("amod", "compound")]
        role = " ".join(["chair of the", *words, subj.text])
        for owner in owners[:1]:
            for person in people:
                if ctx.entity_type(person) == "person":
                    ctx.emit(
                        "holds_position",
                        person,
                        obj=owner,
                        time=time,
                        anchor=verb,
                        method="holds_position:board-chair",
                        confidence=0.6,
                        qualifiers={"role": role, "governing_body": True},
                    )


def roles(ctx: DocContext, tok: Token) -> None:
    """ "Y, former diplomat and presidential advisor on X" and "Y, CEO of X": holds_position."""
    if (
        tok.lower_ == "who"
        and tok.dep_ == "nsubj"
        and tok.head.lemma_ in ("be", "become", "remain")
        and tok.head.dep_ == "relcl"
    ):
        # "Prokopenya, who is also a co-founder of Banuba"
        antecedent = ctx.mention_at(tok.head.head)
        if antecedent is not None and ctx.entity_type(antecedent.entity_id) == "person":
            for attr in children(tok.head, "attr"):
                if attr.lemma_.lower() in ROLE_NOUNS:
                    role_copula(ctx, antecedent.entity_id, attr)
        return
    if tok.lower_ in ("he", "she") and tok.dep_ == "nsubj" and tok.head.lemma_ in ("be", "become", "remain"):
        for person in ctx.resolve(tok):
            for attr in children(tok.head, "attr"):
                if attr.lemma_.lower() in ROLE_NOUNS:
                    role_copula(ctx, person, attr)
        return
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
    # "Sergei Levteev is the chairman of IBA Group"
    if tok.dep_ == "nsubj" and tok.head.lemma_ in ("be", "become", "remain"):
        for attr in children(tok.head, "attr"):
            if attr.lemma_.lower() in ROLE_NOUNS:
                role_copula(ctx, person, attr)
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
            doc = ctx.doc
            if (
                role.i >= 2
                and doc[role.i - 1].text == "-"
                and doc[role.i - 2].lower_ in ("vice", "deputy", "co", "ex")
            ):
                role_name = f"{doc[role.i - 2].text}-{role_name}"  # "vice-rector", parsed as three words
            ministry = ministry_of(ctx, role)
            orgs = (
                [ministry]
                if ministry
                else [
                    e
                    for p in preps(role, "of", "at")
                    for e in ctx.entities_of(p, nominal=False)
                    if ctx.entity_type(e) in ("organization", "place", "policy", "product")
                ]
            )
            if not orgs:
                # "director of the HTP administration": the organisation named inside
                for p in preps(role, "of", "at"):
                    inner = ctx.mention_in(p)
                    if inner is not None and ctx.entity_type(inner) == "organization":
                        orgs.append(inner)
            if not orgs:
                # "vice-rector for academic affairs at the X University", "vice-rector for
                # research of the X University": an "at" or "of" further down
                orgs = [
                    e
                    for t in role.subtree
                    if t.dep_ == "pobj" and t.head.lower_ in ("at", "of") and t.i > role.i
                    for e in ctx.entities_of(t, nominal=False)
                    if ctx.entity_type(e) == "organization"
                ]
            if not orgs:
                # "Farhod Ibragimov, IT Park's chief executive", "X, its chief technology officer"
                orgs = [
                    e
                    for c in role.children
                    if c.dep_ == "poss"
                    for e in ctx.resolve(c)
                    if ctx.entity_type(e) in ("organization", "policy")
                ]
            if not orgs:
                # "co-founder and chief executive officer of Svirsoft": one "of" for all roles
                for sib in roles_list:
                    if sib.i != role.i:
                        orgs += [
                            e
                            for p in preps(sib, "of", "at")
                            for e in ctx.entities_of(p, nominal=False)
                            if ctx.entity_type(e) == "organization"
                        ]
            qualifiers["role"] = role_name
            target = orgs[0] if orgs else ctx.table.add("organization", role_name).id
            when = time_within(ctx, c)  # "X, its director from 1956,"
            ctx.emit(
                "holds_position",
                person,
                obj=target,
                time=when,
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
                elif ctx.entity_type(orgs[0]) in (
                    "organization",
                    "policy",
                    "product",
                ) and not LESSER_ROLE.search(role_name):
                    ctx.emit(
                        "led_by",
                        orgs[0],
                        obj=person,
                        time=when,
                        anchor=role,
                        method="led_by:appos-role",
                        confidence=0.65,
                    )


def ministry_of(ctx: DocContext, role: Token) -> str | None:
    """ "minister of high-tech industry": the Ministry of High-Tech Industry (a named ministry if
    the text or the registry knows it by that name)."""
    if role.lemma_.lower() != "minister":
        return None
    for p in preps(role, "of", "for"):
        words = [t for t in p.subtree if not t.is_punct and t.dep_ not in ("det", "relcl", "acl")]
        if not words or any(
            ctx.mention_at(t) is not None
            and ctx.entity_type(ctx.mention_at(t).entity_id) in ("organization", "person")
            for t in words
        ):
            return None
        text = ctx.doc[words[0].i : words[-1].i + 1].text
        small = ("and", "of", "for", "the", "on", "in")
        phrase = " ".join(
            w if w in small or w.isupper() else "-".join(x[:1].upper() + x[1:] for x in w.split("-"))
            for w in text.split()
        )
        name = f"Ministry of {phrase}"
        known = ctx.table.lookup(name)
        return known.id if known is not None else ctx.table.add("organization", name).id
    return None


def time_within(ctx: DocContext, phrase: Token) -> TimeSpan | None:
    """A time expression inside a phrase's subtree ("its director from the autumn of 1956")."""
    view = ctx.sent
    if view is None:
        return None
    lo, hi = phrase.left_edge.i, phrase.right_edge.i
    for t in view.times:
        if lo <= t.start and t.end - 1 <= hi:
            return t.span
    return None


def whose_role(ctx: DocContext, tok: Token) -> None:
    """ "a bureau, whose first chief engineer was X", "the institute, with X as its first
    director": the person holds the role in (and, for a leading role, leads) the noun the
    clause describes."""
    if tok.lower_ == "whose" and tok.dep_ == "poss":
        role = tok.head
        verb = role.head
        if role.dep_ != "nsubj" or verb.lemma_ not in ("be", "become", "remain") or verb.dep_ != "relcl":
            return
        described = verb.head
        people = [e for a in children(verb, "attr") for e in ctx.resolve(a) if ctx.entity_type(e) == "person"]
    elif tok.lower_ == "as" and tok.dep_ == "prep":
        # "with Tamm as its first director"
        role = next((c for c in tok.children if c.dep_ == "pobj"), None)
        holder = tok.head
        if holder.dep_ != "pobj" and tok.i > 0:
            holder = ctx.doc[tok.i - 1]  # the parser hung "as" on the verb
        if role is None or holder.dep_ != "pobj" or holder.head.lower_ != "with":
            return
        if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in role.children):
            return
        people = [e for e in ctx.resolve(holder) if ctx.entity_type(e) == "person"]
        described = holder.head.head
        if described.pos_ in ("VERB", "AUX"):
            subj = next((c for c in described.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            attr = next((c for c in described.children if c.dep_ in ("attr", "dobj")), None)
            described = attr or subj or described
    else:
        return
    if (
        described.dep_ == "pobj"
        and described.head.head.dep_ == "acl"
        and described.head.head.tag_ == "VBN"
        and described.head.head.head.pos_ == "NOUN"
    ):
        # "a bureau attached to the plant, whose first chief engineer was X": the bureau
        described = described.head.head.head
    chief = any(c.lower_ in ("chief", "general") for c in role.lefts)  # "chief engineer"
    if not people or role.lemma_.lower() not in ROLE_NOUNS and not chief:
        return
    if (
        tok.lower_ == "whose"
        and ctx.mention_at(described) is None
        and described.pos_ == "NOUN"
        and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in described.children)
    ):
        # "a special design bureau attached to the plant, whose first chief engineer was X":
        # the bureau itself, not a body named nearby
        made = ctx.nominal(described, "organization")
        orgs = [made] if made else []
    else:
        orgs = [e for e in ctx.resolve(described) if ctx.entity_type(e) in ("organization", "policy")]
    if not orgs:
        return
    words = [t for c in role.lefts if c.dep_ in ("amod", "compound") for t in c.subtree] + [role]
    role_name = " ".join(t.text for t in sorted(words, key=lambda t: t.i))
    when = ctx.time_for(role)
    for person in people:
        ctx.emit(
            "holds_position",
            person,
            obj=orgs[0],
            time=when,
            anchor=role,
            method="holds_position:whose-role",
            confidence=0.6,
            qualifiers={"role": role_name},
        )
        if (role.lemma_.lower() in LEADER_ROLES or chief) and not LESSER_ROLE.search(role_name):
            ctx.emit(
                "led_by",
                orgs[0],
                obj=person,
                time=when,
                anchor=role,
                method="led_by:whose-role",
                confidence=0.6,
            )


def succeeded_in_office(ctx: DocContext, tok: Token) -> None:
    """ "X was rector until October 2020, when he was succeeded by Y": Y holds (and leads) what X
    held, from when X's term ended."""
    if tok.lemma_ not in ("succeed", "replace") or tok.pos_ != "VERB":
        return
    if not is_passive(tok):
        _succeeded_active(ctx, tok)
        return
    before = [e for s in children(tok, "nsubjpass") for e in ctx.resolve(s) if ctx.entity_type(e) == "person"]
    after = [
        e
        for a in preps(tok, "by")
        for e in ctx.entities_of(a, nominal=False)
        if ctx.entity_type(e) == "person"
    ]
    view = ctx.sent
    if not before or not after or view is None:
        return
    for c in list(ctx.claims):
        if c.sentence != view.index or c.object is None or c.predicate not in ("holds_position", "led_by"):
            continue
        if (c.predicate == "holds_position" and c.subject != before[0]) or (
            c.predicate == "led_by" and c.object != before[0]
        ):
            continue
        ended = c.time.end if c.time is not None else None
        when = TimeSpan(f"{ended[:4]}-01-01", None, "year", c.time.text) if ended and c.time else None
        for person in after:
            if c.predicate == "holds_position":
                ctx.emit(
                    "holds_position",
                    person,
                    obj=c.object,
                    time=when,
                    anchor=tok,
                    method="holds_position:succeeded-by",
                    confidence=0.6,
                    qualifiers=dict(c.qualifiers),
                )
            else:
                ctx.emit(
                    "led_by",
                    c.subject,
                    obj=person,
                    time=when,
                    anchor=tok,
                    method="led_by:succeeded-by",
                    confidence=0.6,
                )


def _succeeded_active(ctx: DocContext, tok: Token) -> None:
    """ "Ivan Petrov headed the institute until 2008. Anna Sidorova, his deputy, succeeded him
    in 2008": she holds (and leads) what he held last, from then."""
    after = [e for e in active_subject(ctx, tok) if ctx.entity_type(e) == "person"]
    before = [
        e
        for o in children(tok, "dobj")
        for e in ctx.resolve(o, nominal=False)
        if ctx.entity_type(e) == "person"
    ]
    objs = children(tok, "dobj")
    if after and before and before[0] in after and objs and objs[0].lower_ in ("him", "her"):
        # "X succeeded him": an object pronoun is not its own clause's subject; the person
        # met before
        before = [e for e in reversed(ctx.recent[-40:]) if ctx.entity_type(e) == "person" and e not in after][
            :1
        ]
    if not after or not before or before[0] in after:
        return
    held = None
    for c in reversed(ctx.claims):
        if c.object is None:
            continue
        if c.predicate == "led_by" and c.object == before[0] and ctx.entity_type(c.subject) == "organization":
            held = c
            break
        if (
            c.predicate == "holds_position"
            and c.subject == before[0]
            and ctx.entity_type(c.object) == "organization"
            and not LESSER_ROLE.search(str(c.qualifiers.get("role") or ""))
        ):
            held = c
            break
    if held is None:
        return
    org = held.subject if held.predicate == "led_by" else held.object
    time = ctx.time_for(tok)
    if time is None and held.time is not None and held.time.end:
        time = TimeSpan(f"{held.time.end[:4]}-01-01", None, "year", held.time.text)
    elif time is not None and time.start:
        time = TimeSpan(time.start, None, time.precision, time.text)
    role = held.qualifiers.get("role") if held.predicate == "holds_position" else None
    for person in after:
        ctx.emit(
            "led_by",
            org,
            obj=person,
            time=time,
            anchor=tok,
            method="led_by:succeeded-active",
            confidence=0.6,
        )
        ctx.emit(
            "holds_position",
            person,
            obj=org,
            time=time,
            anchor=tok,
            method="holds_position:succeeded-active",
            confidence=0.6,
            qualifiers={"role": role} if role else {},
        )


def role_is_person(ctx: DocContext, tok: Token) -> None:
    """ "From 1967 to 1971 the vice-rector for research was X", "Its first director was X", "the
    first rector of the university was X": the person held that office."""
    if tok.lemma_ != "be" or tok.pos_ != "AUX":
        return
    # "the vice-rector ... was X" is often parsed with the name as a second subject
    subj = [c for c in children(tok, "nsubj") if c.i < tok.i]
    if not subj or subj[-1].lemma_.lower() not in ROLE_NOUNS or ctx.mention_at(subj[-1]) is not None:
        return
    people = [
        m.entity_id
        for a in tok.children
        if (a.dep_ == "attr" or (a.dep_ == "nsubj" and a.i > tok.i))
        and (m := ctx.mention_at(a)) is not None
        and ctx.entity_type(m.entity_id) == "person"
    ]
    for person in people:
        role_copula(ctx, person, subj[-1])


def took_over_as(ctx: DocContext, tok: Token) -> None:
    """ "Anna Sidorova took over as director in 2008", "X stepped in as chief executive": the
    office held from then (in the organisation named, else the one the text is about)."""
    if tok.pos_ != "VERB" or tok.lemma_ not in ("take", "step", "come"):
        return
    if not any(c.dep_ in ("prt", "advmod") and c.lower_ in ("over", "in", "on") for c in tok.children):
        return
    people = [e for e in active_subject(ctx, tok) if ctx.entity_type(e) == "person"]
    if not people:
        return
    for role in preps(tok, "as"):
        if role.lemma_.lower() in ROLE_NOUNS:
            for person in people:
                role_copula(ctx, person, role, since=True)


def serves_as(ctx: DocContext, tok: Token) -> None:
    """ "Olga Marchenko serves as the company's chief operating officer": a role held."""
    if tok.pos_ != "VERB" or tok.lemma_ not in ("serve", "work", "act", "join"):
        return
    people = [e for e in active_subject(ctx, tok) if ctx.entity_type(e) == "person"]
    for p in preps(tok, "as"):
        if p.lemma_.lower() in ROLE_NOUNS:
            for person in people:
                role_copula(ctx, person, p)


STAY_VERBS = frozenset(["stay", "remain", "continue"])


def stays_as(ctx: DocContext, tok: Token) -> None:
    """ "Y will stay on as managing director of the business": Y holds the role from the news
    item's date on."""
    if tok.pos_ != "VERB" or tok.lemma_ not in STAY_VERBS:
        return
    people = [e for e in active_subject(ctx, tok) if ctx.entity_type(e) == "person"]
    default = None
    if ctx.doc_date is not None and any(c.lower_ in ("will", "'ll", "is", "are") for c in tok.children):
        start = ctx.doc_date.isoformat()
        default = TimeSpan(start, None, "day", "from publication")
    for role in preps(tok, "as"):
        if role.lemma_.lower() in ROLE_NOUNS:
            for person in people:
                role_copula(ctx, person, role, since=True, default=default)


def role_copula(
    ctx: DocContext, person: str, role: Token, *, since: bool = False, default: TimeSpan | None = None
) -> None:
    """The person holds the role in the organisation of its "of" phrase (or possessor).

    Coordinated roles ("the co-founder and chief executive of PandaDoc") share one "of" phrase;
    a founder role also says who founded the organisation, a leading role who leads it.
    """
    siblings = [role, *[c for c in role.conjuncts if c.i > role.i]]

    def owners_of(tok: Token) -> list[str]:
        ministry = ministry_of(ctx, tok)
        if ministry:
            return [ministry]
        found = [
            e
            for p in preps(tok, "of", "at")
            for e in ctx.entities_of(p, nominal=False)
            if ctx.entity_type(e) in ("organization", "place", "policy", "product")
        ]
        found += [
            e
            for c in tok.children
            if c.dep_ == "poss"
            for e in ctx.resolve(c, nominal=c.pos_ == "PRON" or c.lower_ in ("company", "firm"))
            if ctx.entity_type(e) in ("organization", "place", "policy", "product")
        ]
        if not found:
            # "a professor in the department of physics of the X University": the named body
            # the unit belongs to
            found = [
                e
                for p in preps(tok, "in")
                if p.lemma_.lower() in HEADED_UNITS
                for t in p.subtree
                if t.dep_ == "pobj" and t.head.lower_ in ("of", "at") and t.i > p.i
                for e in ctx.entities_of(t, nominal=False)
                if ctx.entity_type(e) == "organization" and e not in ctx.resolve(p, nominal=False)
            ][:1]
        return found

    shared = [e for sib in siblings for e in owners_of(sib)]
    if not shared and (role.lemma_.lower() in OWNERLESS_ROLES or _chief_executive(role)):
        # the organisation the text has already tied the person to ("founded by X ... said X,
        # who will remain chief executive"), else the one the text is about
        shared = _tied_org(ctx, person)
    if not shared and (role.lemma_.lower() in OWNERLESS_ROLES or _chief_executive(role)):
        # "Alexander Dragan was rector until 2020" on a university's page: that university
        topic = ctx.topic_org()
        if topic is not None and topic in ctx.recent[-40:]:
            shared = [topic]
    for sib in siblings:
        if sib.lemma_.lower() not in ROLE_NOUNS:
            continue
        owners = owners_of(sib) or shared
        words = [t for c in sib.lefts if c.dep_ in ("amod", "compound") for t in c.subtree] + [sib]
        role_name = " ".join(t.text for t in sorted(words, key=lambda t: t.i))
        role_name = _hyphen_prefix(ctx, sib, role_name)  # "vice-rector", parsed as three words
        lemma = sib.lemma_.lower()
        when = ctx.time_for(sib) or default
        if since and when is not None and when.start:
            when = TimeSpan(when.start, None, when.precision, when.text)  # "took over in 2008"
        for owner in owners[:1]:
            ctx.emit(
                "holds_position",
                person,
                obj=owner,
                time=when,
                anchor=sib,
                method="holds_position:is-role-of",
                confidence=0.65,
                qualifiers={"role": role_name},
            )
            if ctx.entity_type(owner) not in ("organization", "policy", "product"):
                continue
            if lemma in ("founder", "co-founder", "cofounder") or any(t.lower_ == "founding" for t in words):
                ctx.emit(
                    "founded_by",
                    owner,
                    obj=person,
                    anchor=sib,
                    method="founded_by:is-founder-of",
                    confidence=0.6,
                )
            elif (lemma in LEADER_ROLES or _chief_executive(sib)) and not LESSER_ROLE.search(role_name):
                ctx.emit(
                    "led_by",
                    owner,
                    obj=person,
                    time=when,
                    anchor=sib,
                    method="led_by:is-role-of",
                    confidence=0.6,
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
            owners.extend(
                e
                for e in ctx.resolve(c, nominal=False)
                if ctx.entity_type(e) in ("organization", "place", "policy", "product")
            )
    owners += [
        e
        for p in preps(role, "of", "at")
        for e in ctx.entities_of(p, nominal=False)
        if ctx.entity_type(e) in ("organization", "place", "policy", "product")
    ]
    if not owners and role.lemma_.lower() in STATE_TITLES:
        owners = _state_of(ctx, role)
    words = [t for c in role.lefts if c.dep_ in ("amod", "compound") for t in c.subtree] + [role]
    role_name = " ".join(t.text for t in sorted(words, key=lambda t: t.i))
    office = False  # the owner is the office itself, which nobody "leads"
    if not owners and role.lemma_.lower() == "minister" and role.is_title:
        if any(t.lower_ in ("prime", "premier") for t in words):
            # "Prime Minister X": the office itself
            owners = [ctx.table.add("organization", role_name).id]
            office = True
        else:
            # "Deputy Minister X" in a text about a ministry: the ministry named last
            owners = [
                e
                for e in reversed(ctx.recent)
                if (ent := ctx.table.get(e)) and ent.name.startswith("Ministry")
            ][:1]
    for person in people:
        for owner in owners[:1]:
            ctx.emit(
                "holds_position",
                person,
                obj=owner,
                anchor=role,
                method="holds_position:role-appos-person",
                confidence=0.65,
                qualifiers={"role": role_name, **({"office": True} if office else {})},
            )
            if ctx.entity_type(owner) == "organization" and any(
                t.lower_ in ("founding", "founder", "co-founder", "cofounder") for t in words
            ):
                ctx.emit(
                    "founded_by",
                    owner,
                    obj=person,
                    anchor=role,
                    method="founded_by:founding-role",
                    confidence=0.6,
                )
            leads = [
                r for r in (role, *role.conjuncts) if r.lemma_.lower() in LEADER_ROLES
            ]  # "founder and CEO"
            if ctx.entity_type(owner) in ("organization", "policy", "product") and leads and not office:
                ctx.emit(
                    "led_by",
                    owner,
                    obj=person,
                    time=ctx.time_for(role),
                    anchor=role,
                    method="led_by:role-appos-person",
                    confidence=0.6,
                )


def _hyphen_prefix(ctx: DocContext, role: Token, name: str) -> str:
    """ "vice-rector", "deputy-director" split by the parser into three words: the whole office."""
    doc = ctx.doc
    if (
        role.i >= 2
        and doc[role.i - 1].text == "-"
        and doc[role.i - 2].lower_ in ("vice", "deputy", "co", "ex")
    ):
        return f"{doc[role.i - 2].text}-{name}"
    return name


def _tied_org(ctx: DocContext, person: str) -> list[str]:
    """The organisation the text last tied a person to (founded by, led by, a position in)."""
    for c in reversed(ctx.claims):
        if c.object is None or c.qualifiers.get("former"):
            continue
        if c.predicate in ("founded_by", "led_by") and c.object == person:
            org = c.subject
        elif c.predicate == "holds_position" and c.subject == person:
            org = c.object
        else:
            continue
        if ctx.entity_type(org) == "organization" and org not in ctx.nominal_ids:
            return [org]
    return []


def _chief_executive(role: Token) -> bool:
    """ "chief executive", "general director", "managing director": a top office by its words."""
    return role.lemma_.lower() == "executive" and any(c.lower_ == "chief" for c in role.lefts)


#: Titles of a state's heads: "President X" with no owner named is the president of the country
#: the text is about (or the one its adjective names: "Latvian President X").
STATE_TITLES = frozenset(["president", "premier"])


def _state_of(ctx: DocContext, role: Token) -> list[str]:
    """The country of a state title: its demonym ("the Latvian president"), else the text's."""
    for c in role.lefts:
        if c.dep_ in ("amod", "compound", "nmod"):
            countries = ctx.table.registry.demonym_countries(c.text)
            if countries:
                ctx.table.get(countries[0].id)
                return [countries[0].id]
            m = ctx.mention_at(c)
            if m is not None and ctx.entity_type(m.entity_id) == "place":
                return [m.entity_id]
    if role.i > 0 and ctx.doc[role.i - 1].dep_ == "poss":
        return []
    return [ctx.focus] if ctx.focus and ctx.entity_type(ctx.focus) == "place" else []


#: Offices that, named without an organisation, are the offices of the one the text is about.
OWNERLESS_ROLES = frozenset(["rector", "director", "dean", "ceo", "chairman", "chairwoman"])
LEADER_ROLES = frozenset(
    [
        "ceo",
        "head",
        "chief",
        "director",
        "chairman",
        "chairwoman",
        "chair",
        "president",
        "leader",
        "rector",
        "officer",
        "boss",
        "manager",
        "minister",
    ]
)


def role_words(role: Token, siblings: list[Token]) -> list[Token]:
    """The words of one role in "former diplomat and presidential advisor on science and technology".

    Left modifiers belong to their own noun; a prepositional phrase after the last coordinated
    role belongs to that last role even when the parser hangs it on the first.
    """
    left = sorted(
        (t for c in role.lefts if c.dep_ in ("amod", "compound", "nmod") for t in c.subtree),
        key=lambda t: t.i,
    )
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


def role_list(ctx: DocContext, tok: Token) -> None:
    """A list of office holders under a heading: "Presidents since independence:" then
    "- Fadey Sargsyan, 1993–2006". Each item's person held the office (in the organisation the
    heading names, else the one the document is about) over the item's years."""
    if tok.text not in BULLETS:
        return
    sent = ctx.sent_span(tok)
    if tok.i != sent.start or sent.start == 0:
        return
    heading = ctx.doc[sent.start - 1].sent
    while heading.start > 0 and heading[0].text in BULLETS:
        heading = ctx.doc[heading.start - 1].sent
    if heading[0].text in BULLETS or len(heading) > 12:
        return
    role = next(
        (t for t in heading if t.tag_ in ("NNS", "NNPS") and t.lemma_.lower() in LEADER_ROLES | {"rector"}),
        None,
    )
    if role is None:
        return
    org = (
        next(
            (
                e
                for p in preps(role, "of", "at")
                for e in ctx.entities_of(p, nominal=False)
                if ctx.entity_type(e) == "organization"
            ),
            None,
        )
        or ctx.topic_org()
    )
    if org is None:
        return
    start = tok.i + 1
    end = start
    while end < sent.end and ctx.doc[end].is_title and ctx.doc[end].pos_ in ("PROPN", "NOUN", "ADJ"):
        end += 1
    if end - start < 2 or end >= sent.end or ctx.doc[end].text not in (",", "(", ":", "–", "—"):
        return
    m = ctx.mention_at(ctx.doc[start])
    if m is not None and m.start == start and m.end == end:
        if ctx.entity_type(m.entity_id) != "person":
            return
        person = m.entity_id
    elif all(
        (inner := ctx.mention_at(ctx.doc[i])) is None or ctx.entity_type(inner.entity_id) == "person"
        for i in range(start, end)
    ):
        name = ctx.doc[start:end].text
        ent = ctx.table.lookup(name) or ctx.table.add("person", name)
        if ent.type != "person":
            return
        person = ent.id
        ctx.note_mention(start, end, person, "ner")
    else:
        return
    times = [t.span for t in (ctx.sent.times if ctx.sent is not None else []) if t.start >= end]
    time = times[0] if times else None
    office = role.lemma_.lower()
    ctx.emit(
        "holds_position",
        person,
        obj=org,
        time=time,
        anchor=ctx.doc[start],
        method="holds_position:role-list",
        confidence=0.6,
        qualifiers={"role": office},
    )
    ctx.emit(
        "led_by", org, obj=person, time=time, anchor=ctx.doc[start], method="led_by:role-list", confidence=0.6
    )
