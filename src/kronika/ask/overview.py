"""Answers that gather several claims: what happened in a period, what an entity is, how many
years lie between two events, and yes/no checks of one fact.
"""

from __future__ import annotations

import re
from typing import Any

from kronika.ask import render
from kronika.ask.answer import Answer, evidence_of, sentence_evidence
from kronika.ask.context import Context
from kronika.ask.lexicon import EVENT_PREDICATES, INVERSE_PHRASES
from kronika.ask.times import timed_candidates
from kronika.store import ask_queries

_DESCRIBE_ORDER = (
    "founded",
    "founded_by",
    "established_by",
    "headquartered_in",
    "located_in",
    "part_of",
    "led_by",
    "holds_position",
    "operates_in",
    "produced",
    "modeled_on",
    "succeeded_by",
    "invested_in",
    "partnered_with",
    "relocated_to",
    "occurred",
    "measure",
)


def _group_clauses(
    claims: list[dict[str, Any]], limit: int, period: tuple[str, str] | None = None
) -> tuple[list[str], list[dict[str, Any]]]:
    """Clauses for claims, merging objects of the same subject, predicate and time.

    A claim whose time is the asked ``period`` (same first and last year) is told without it.
    """
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for c in claims:
        time = c.get("time") or {}
        if c.get("predicate") == "measure":
            key: tuple[Any, ...] = (c["id"],)
        else:
            key = (
                (c.get("subject") or {}).get("id"),
                c.get("predicate"),
                time.get("start"),
                time.get("end"),
                (c.get("qualifiers") or {}).get("role"),
            )
        groups.setdefault(key, []).append(c)
    clauses: list[str] = []
    used: list[dict[str, Any]] = []
    for group in groups.values():
        if len(clauses) >= limit:
            break
        first = group[0]
        time = first.get("time") or {}
        same = period is not None and (str(time.get("start") or "")[:4], str(time.get("end") or "")[:4]) == (
            period[0][:4],
            period[1][:4],
        )
        objects = [render.entity_name(c.get("object")) for c in group if c.get("object")]
        if len(objects) > 1 and first.get("predicate") not in ("holds_position", "measure"):
            merged = dict(first)
            merged["object"] = dict(first["object"] or {}, name=render.names(objects))
            text = render.clause(merged, with_time=not same)
        else:
            text = render.clause(first, with_time=not same)
        if text not in clauses:  # two sources saying the same thing are told once
            clauses.append(text)
        used.extend(group)
    return clauses, used


def answer_events(ctx: Context) -> tuple[Answer, float] | None:
    """What happened in the period a question names, events first."""
    period = ctx.q.time
    if period is None or (period.start is None and period.end is None):
        return None
    start = period.start or "0000-01-01"
    end = period.end or "9999-12-31"
    scan = ask_queries.claims_in_period(ctx.conn, start, end, EVENT_PREDICATES[:5], limit=300)
    found = {c["id"]: c for c in scan}
    # Sentences that name a year of the period (all of them in a small base, some in a large one).
    first, last = int(start[:4]), int(end[:4])
    words = [str(y) for y in range(first, last + 1)] if last - first <= 12 else []
    if last - first == 9 and first % 10 == 0:
        words.append(f"{first}s")
    keys = ask_queries.sentences_with_terms(ctx.conn, words, limit=150)
    for c in ask_queries.claims_in_sentences(ctx.conn, keys, limit=600):
        found.setdefault(c["id"], c)
    ids = ctx.given_ids(0.5)
    if ids:
        for c in ask_queries.claims_about(ctx.conn, ids, limit=400):
            found.setdefault(c["id"], c)
    scored: list[tuple[float, dict[str, Any]]] = []
    for c in found.values():
        time = c.get("time") or {}
        cs, ce = time.get("start"), time.get("end")
        inside_start = cs is not None and start <= cs <= end
        inside_end = ce is not None and start <= ce <= end
        if not (inside_start or inside_end):
            continue
        predicate = str(c.get("predicate"))
        rank = EVENT_PREDICATES.index(predicate) if predicate in EVENT_PREDICATES else len(EVENT_PREDICATES)
        score = (
            1.0
            - 0.06 * rank
            + (0.5 if inside_start and inside_end else 0.0)
            + 0.8 * max(ctx.entity_weight(c.get("subject")), ctx.entity_weight(c.get("object")))
            + 0.2 * float(c.get("confidence") or 0.0)
        )
        scored.append((score, c))
    if not scored:
        return None
    named = [(s, c) for s, c in scored if _about_named(ctx, c)]
    if named:  # "What happened to Wargaming in 2022?": Wargaming's year, not everyone's
        scored = named
    scored.sort(key=lambda sc: (-sc[0], (sc[1].get("time") or {}).get("start") or ""))
    top = [c for _, c in scored[:24]]
    clauses, used = _group_clauses(top, 6, (start, end))
    label = period.text.strip()
    label = (
        label
        if label.lower().startswith(
            ("in ", "during ", "between ", "by ", "after ", "since ", "before ", "until ", "from ")
        )
        else f"in {label}"
    )
    text = render.sentence_case(f"{label}: " + "; ".join(clauses))
    confidence = round(min(0.85, 0.45 + 0.05 * len(clauses)), 3)
    return Answer(text, confidence, used, evidence_of(used), kind="events"), 2.0


def _about_named(ctx: Context, claim: dict[str, Any]) -> bool:
    """Whether a claim is about an organization, person, product or event the question names."""
    ids = [eid for m in ctx.matches if m.weight >= 0.9 and m.how == "alias" for eid in m.ids]
    info = ctx.entity_info(ids)
    named = {eid for eid in ids if info.get(eid, {}).get("type") not in ("place", "group")}
    sides = {(claim.get("subject") or {}).get("id"), (claim.get("object") or {}).get("id")}
    return bool(named & sides)


def _main_entity(ctx: Context) -> str | None:
    """The entity a "what is X" question is about: the strongest match, then the one with most claims."""
    matches = [m for m in ctx.matches if m.how != "demonym"] or ctx.matches
    if not matches:
        return None
    best_weight = max(m.weight for m in matches)
    ids = [eid for m in matches if m.weight >= best_weight - 0.01 for eid in m.ids]
    longest = max((m for m in matches if m.weight >= best_weight - 0.01), key=lambda m: m.end - m.start)
    ids = [eid for eid in longest.ids] or ids
    counts = ask_queries.claim_counts(ctx.conn, ids)
    return max(ids, key=lambda i: counts.get(i, 0))


_KIND = re.compile(r"^\s*(?:what|which)\s+(?:kinds?|types?|sorts?)\s+of\s+([a-z][a-z-]+)", re.I)


def answer_kind(ctx: Context) -> tuple[Answer, float] | None:
    """ "What kind of company is Belhard?": the phrase a sentence about it ends on that noun ("a
    holding company"). None when the question is not of that form or no sentence has one."""
    form = _KIND.match(ctx.q.text)
    eid = _main_entity(ctx) if form else None
    if form is None or eid is None:
        return None
    info = ctx.entity_info([eid]).get(eid) or {}
    names = {m.text.lower() for m in ctx.matches if eid in m.ids} | {str(info.get("name") or "").lower()}
    names = {n for n in names if len(n) >= 2}
    head = form.group(1).lower()
    root = head[:-1] if head.endswith("s") and len(head) > 3 else head
    root = root[:-1] if root.endswith(("y", "e")) and len(root) > 3 else root
    phrase = re.compile(rf"\b(?:an?|the)\s+((?:[\w\u2019'-]+\s+){{0,3}}?{re.escape(root)}\w*)\b", re.I)
    for sentence in ctx.search(limit=6):
        text = str(sentence["text"])
        lowered = text.lower()
        spots = [lowered.find(n) for n in names if n in lowered]
        if not spots:
            continue
        found = [(abs(m.start() - min(spots)), m.group(0)) for m in phrase.finditer(text)]
        found = [f for f in found if not any(n in f[1].lower() for n in names)]
        if not found:
            continue
        what = min(found)[1]
        answer = render.sentence_case(f"{info.get('name') or form.group(1)}: {what}.")
        return Answer(answer, 0.5, [], [sentence_evidence(sentence)], kind="describe"), 1.6
    return None


def answer_describe(ctx: Context) -> tuple[Answer, float] | None:
    """What an entity is: its description and its main facts."""
    eid = _main_entity(ctx)
    if eid is None:
        return None
    info = ctx.entity_info([eid]).get(eid)
    if info is None:
        return None
    as_subject = ask_queries.claims_about(ctx.conn, [eid], side="subject", limit=300)
    order = {p: i for i, p in enumerate(_DESCRIBE_ORDER)}
    as_subject.sort(key=lambda c: (order.get(str(c.get("predicate")), 99), -float(c.get("confidence") or 0)))
    clauses, used = _group_clauses(as_subject, 4)
    if len(clauses) < 3:
        as_object = ask_queries.claims_about(ctx.conn, [eid], side="object", limit=100)
        for c in as_object[: 3 - len(clauses)]:
            phrase = INVERSE_PHRASES.get(str(c.get("predicate")))
            if not phrase:
                continue
            clauses.append(f"{info['name']} {phrase} {render.entity_name(c.get('subject'))}")
            used.append(c)
    description = str(info.get("description") or "").strip().rstrip(".")
    if not description and not clauses:
        return None
    parts = []
    if description:
        parts.append(f"{info['name']}: {description}.")
    else:
        parts.append(f"{info['name']} ({info['type']}).")
    parts.extend(render.sentence_case(c) for c in clauses)
    confidence = 0.8 if description and clauses else 0.6
    return Answer(" ".join(parts), confidence, used, evidence_of(used), kind="describe"), 2.0


def _anchor_year(ctx: Context, eid: str) -> tuple[int, dict[str, Any]] | None:
    """The year of an entity's main event (its founding, occurrence, or what the question names)."""
    saved = dict(ctx.given)
    ctx.given = {eid: 1.0}
    try:
        ranked = timed_candidates(ctx)
    finally:
        ctx.given = saved
    for t in ranked:
        time = t.claim.get("time") or {}
        year = render.year_of(time.get("start")) or render.year_of(time.get("end"))
        ids = {(t.claim.get("subject") or {}).get("id"), (t.claim.get("object") or {}).get("id")}
        if ctx.q.predicates and t.parts.get("predicate", 0.0) <= 0:
            continue  # "founded" was asked: an office opening is not the founding
        if year is not None and eid in ids:
            return year, t.claim
    return None


def _anchors(ctx: Context) -> list[tuple[int, int, dict[str, Any] | None, str]]:
    """``(offset in the question, year, claim, words)`` of each entity (or year) the question names."""
    anchors: list[tuple[int, int, dict[str, Any] | None, str]] = []
    used_ids: set[str] = set()
    for m in ctx.matches:
        if m.how == "demonym" or m.weight < 0.5:
            continue
        for eid in m.ids:
            if eid in used_ids:
                continue
            found = _anchor_year(ctx, eid)
            if found is not None:
                anchors.append((m.start, found[0], found[1], m.text))
                used_ids.add(eid)
                break
    for t in ctx.q.times:
        for p in t.points:
            anchors.append((t.span[0], p, None, str(p)))
    if len(anchors) == 1:
        anchors.extend(_value_anchors(ctx))
    anchors.sort(key=lambda a: a[0])
    return anchors


def _value_anchors(ctx: Context) -> list[tuple[int, int, dict[str, Any] | None, str]]:
    """The year a named thing reached a number the question gives ("How many years after its
    launch did the Park pass 100 residents?"): a dated measure claim of that value."""
    numbers = [
        (w.start, float(w.lower.replace(",", "")))
        for w in ctx.q.words
        if re.fullmatch(r"\d[\d,]*(?:\.\d+)?", w.lower)
        and not any(w.start >= t.span[0] and w.start < t.span[1] for t in ctx.q.times)
    ]
    ids = ctx.given_ids(0.5)
    if not numbers or not ids:
        return []
    claims = ask_queries.claims_about(ctx.conn, ids, predicates=["measure"], side="subject", limit=200)
    found: list[tuple[int, int, dict[str, Any] | None, str]] = []
    for start, number in numbers:
        for claim in claims:
            time = claim.get("time") or {}
            year = render.year_of(time.get("start")) or render.year_of(time.get("end"))
            value = claim.get("value") or {}
            amounts = [value.get(k) for k in ("amount", "lower", "upper")]
            if year is not None and any(a is not None and abs(float(a) - number) < 1e-9 for a in amounts):
                found.append((start, year, claim, str(number)))
                break
    return found[:1]


def answer_compare(ctx: Context) -> tuple[Answer, float] | None:
    """Which of two named things came first (or later): "Which was founded first, Dainova or Belhard?"."""
    anchors = [a for a in _anchors(ctx) if a[2] is not None]
    if len(anchors) < 2:
        return None
    (_, y1, c1, _), (_, y2, c2, _) = anchors[0], anchors[1]
    assert c1 is not None and c2 is not None
    later = bool(re.search(r"\b(later|last|newer|newest|younger|after|more\s+recent)", ctx.q.text, re.I))
    first, second = ((c1, y1), (c2, y2)) if y1 <= y2 else ((c2, y2), (c1, y1))
    if y1 == y2:
        lead = "Both in the same year"
    else:
        pick = second if later else first
        lead = f"{render.entity_name(pick[0].get('subject'))} ({'later' if later else 'earlier'})"
        if ctx.q.target == "yesno":
            # "Was X founded before Y?": yes when the first named is the earlier (or later) one.
            named_first_is_pick = pick[0] is c1
            lead = "Yes" if named_first_is_pick else "No"
    text = (
        f"{lead}: {render.clause(first[0], with_time=False)} in {first[1]}, "
        f"and {render.clause(second[0], with_time=False)} in {second[1]}."
    )
    claims = [c1, c2]
    confidence = round(min(float(c.get("confidence") or 0.5) for c in claims) * 0.9, 3)
    return Answer(render.sentence_case(text), confidence, claims, evidence_of(claims), kind="compare"), 2.0


def answer_years_between(ctx: Context) -> tuple[Answer, float] | None:
    """How many years separate two events named by their entities (or a year)."""
    anchors = _anchors(ctx)
    if len(anchors) < 2:
        return None
    (_, y1, c1, _), (_, y2, c2, _) = anchors[0], anchors[1]
    gap = abs(y2 - y1)
    unit = "year" if gap == 1 else "years"
    left = render.clause(c1, with_time=False) + f" in {y1}" if c1 else str(y1)
    right = render.clause(c2, with_time=False) + f" in {y2}" if c2 else str(y2)
    text = render.sentence_case(f"{gap} {unit}: {left}, and {right}")
    claims = [c for c in (c1, c2) if c]
    confidence = round(min(float(c.get("confidence") or 0.5) for c in claims) * 0.9, 3) if claims else 0.3
    return Answer(text, confidence, claims, evidence_of(claims), kind="years_between"), 2.0


def answer_yesno(ctx: Context) -> tuple[Answer, float] | None:
    """Check one fact: a time ("Was X founded in 1991?"), a link between two named entities, or a
    nationality ("Is Tieto a Finnish company?")."""
    ids = ctx.given_ids(0.5)
    if ctx.nationalities and ids:
        named = [m for m in ctx.matches if m.how == "alias" and m.weight >= 0.9]
        info = ctx.entity_info([eid for m in named for eid in m.ids])
        for eid, row in info.items():
            if row.get("type") == "place":
                continue
            ref = {"id": eid, "name": row["name"], "type": row["type"]}
            fit = ctx.nationality_fit(ref)
            word = " or ".join(ctx.nationality_words)
            homes = ask_queries.claims_about(ctx.conn, [eid], predicates=["headquartered_in"], side="subject")
            if fit > 0:
                why = str(row.get("description") or "").strip().rstrip(".")
                text = f"Yes: {row['name']} is {word}" + (f" ({why})." if why else ".")
                return Answer(text, 0.6, homes, evidence_of(homes), kind="yesno"), 2.0
            if homes:
                text = f"No: {render.clause(homes[0])}."
                return Answer(text, 0.5, homes[:1], evidence_of(homes[:1]), kind="yesno"), 2.0
    if ctx.q.time is not None and ctx.q.time.kind != "now":
        ranked = timed_candidates(ctx)
        if ranked and ranked[0].parts.get("entity", 0) > 0 and ranked[0].parts.get("predicate", 0) > 0:
            best = ranked[0]
            fit = ctx.time_fit(best.claim.get("time"))
            clause = render.clause(best.claim)
            word = "Yes" if fit >= 0.5 else "No"
            text = f"{word}: {render.sentence_case(clause)}"
            return Answer(text, 0.6, [best.claim], evidence_of([best.claim]), kind="yesno"), best.score
    # Two named things ("Was Belhard active in media?"): a claim linking them. The second may be
    # named weakly (a common noun such as "media"), as long as one is named outright.
    weak = ctx.given_ids(0.3)
    if len(weak) >= 2 and ctx.given.get(weak[0], 0.0) >= 0.9:
        links = [
            c
            for c in ask_queries.claims_about(ctx.conn, weak[:6], side="subject", limit=300)
            if (c.get("object") or {}).get("id") in weak
            and (c.get("subject") or {}).get("id") != (c.get("object") or {}).get("id")
        ]
        weights = {p: w for p, w in ctx.q.predicates.items() if p != "measure"}
        links.sort(key=lambda c: -weights.get(str(c.get("predicate")), 0.0))
        # No word names a relation ("Was the ES EVM a Comecon project?"): any link between two
        # things named outright says yes.
        unnamed = (
            not weights
            and all(
                ctx.given.get(str((links[0].get(side) or {}).get("id")), 0.0) >= 0.9
                for side in ("subject", "object")
            )
            if links
            else False
        )
        if links and (weights.get(str(links[0].get("predicate")), 0.0) > 0 or unnamed):
            c = links[0]
            return Answer(
                f"Yes: {render.sentence_case(render.clause(c))}", 0.6, [c], evidence_of([c]), kind="yesno"
            ), 2.0
    return None
