"""The explorer's views: what each page of the web app (and its JSON API) shows.

Each function takes a :class:`kronika.store.Store`, reads through
:mod:`kronika.store.explore`, reconciles with :mod:`kronika.reconcile` and returns plain,
JSON-ready data. :class:`ExplorerMixin` puts them on :class:`kronika.KnowledgeBase` as
``kb.facts()``, ``kb.conflicts()``, ``kb.series()``, ``kb.timeline()``, ``kb.search()``,
``kb.entity_page()``, ``kb.graph()``, ``kb.map()``, ``kb.overview()`` and
``kb.document_page()``.

World time ("as of 2016") filters by a claim's own time: a claim whose time starts after the
year is not yet true; one without a start is kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from kronika import reconcile
from kronika.errors import DocumentNotFoundError, KronikaError
from kronika.store import explore as q
from kronika.store import queries

if TYPE_CHECKING:
    from kronika.store import Store

#: Most claims an entity page reads about the entity as subject (the rest are not shown).
ENTITY_CLAIMS_LIMIT = 5000
#: Most claims an entity page reads that point at it (a country can be the object of millions).
ENTITY_INCOMING_LIMIT = 500
#: Most edges a graph view returns.
GRAPH_EDGES_LIMIT = 600
PLACE_PREDICATES = ("located_in", "headquartered_in", "operates_in", "relocated_to")


class EntityNotFoundError(KronikaError):
    """Raised when an entity id, name or alias names nothing in the knowledge base."""

    def __init__(self, ref: str) -> None:
        self.ref = ref
        super().__init__(f"no entity is called {ref!r}; search for it with `kronika entities --query`")


def _measure_aliases() -> dict[str, str]:
    from kronika.atlas import load_atlas

    return load_atlas().measures


def _synonyms(measure: str, aliases: Mapping[str, str]) -> list[str]:
    return sorted({measure, *(k for k, v in aliases.items() if v == measure)})


def _year(value: str | None) -> int | None:
    return int(value[:4]) if value else None


# --------------------------------------------------------------------------- evidence


def _highlight(claim: dict[str, Any]) -> dict[str, str]:
    """The claim's sentence cut around the words that carried it: before, hit, after."""
    evidence = claim.get("evidence") or {}
    text = evidence.get("text") or ""
    start = evidence.get("start") or 0
    a, b = evidence.get("span_start"), evidence.get("span_end")
    if a is None or b is None or not (start <= a <= b <= start + len(text)):
        return {"before": "", "hit": text, "after": ""}
    a, b = a - start, b - start
    return {"before": text[:a], "hit": text[a:b], "after": text[b:]}


def _slim_claim(claim: dict[str, Any], sources: Mapping[str, str | None]) -> dict[str, Any]:
    """A claim for a page: its statement, evidence cut for highlighting and its citation."""
    evidence = dict(claim.get("evidence") or {})
    evidence["highlight"] = _highlight(claim)
    cited = (claim.get("qualifiers") or {}).get("source")
    out = {**claim, "evidence": evidence}
    if isinstance(cited, Mapping):
        out["cites"] = {**cited, "document": sources.get(str(cited.get("title")))}
    return out


def _citations(store: Store, claims: Iterable[Mapping[str, Any]]) -> dict[str, str | None]:
    """Titles cited by atlas claims → the id of a stored document with that title, if any."""
    titles = {
        str(c["qualifiers"]["source"].get("title"))
        for c in claims
        if isinstance((c.get("qualifiers") or {}).get("source"), Mapping)
    }
    return {t: q.document_by_title(store.connection, t) for t in titles}


def _slim_fact(fact: dict[str, Any], sources: Mapping[str, str | None]) -> dict[str, Any]:
    return {**fact, "claims": [_slim_claim(c, sources) for c in fact["claims"]]}


# --------------------------------------------------------------------------- facts, conflicts, series


def facts(
    store: Store, entity: str | None = None, predicate: str | None = None, limit: int = 5000
) -> list[dict[str, Any]]:
    """Facts (agreeing claims grouped, evidence kept), about one entity or of one predicate.

    Raises:
        EntityNotFoundError: ``entity`` names nothing.
    """
    conn = store.connection
    if entity is not None:
        eid = q.resolve_entity(conn, entity)
        if eid is None:
            raise EntityNotFoundError(entity)
        claims = q.claims_touching(conn, [eid], limit=limit)
        if predicate is not None:
            claims = [c for c in claims if c["predicate"] == predicate]
    else:
        claims = q.claims_where(conn, predicate=predicate, limit=limit)
    sources = _citations(store, claims)
    return [_slim_fact(f, sources) for f in reconcile.facts(claims, measure_aliases=_measure_aliases())]


def conflicts(store: Store, limit: int = 50) -> list[dict[str, Any]]:
    """Conflicts in the knowledge base: facts on one subject, predicate and time that clash."""
    conn = store.connection
    aliases = _measure_aliases()
    found: dict[str, dict[str, Any]] = {}
    for subject, predicate, measure in q.conflict_candidates(conn, limit=limit * 4):
        measures = (
            _synonyms(reconcile.canonical_measure(measure, aliases) or "", aliases) if measure else None
        )
        claims = q.claims_where(conn, subject=subject, predicate=predicate, measures=measures, limit=2000)
        for conflict in reconcile.conflicts(claims, measure_aliases=aliases):
            found.setdefault(conflict["id"], conflict)
        if len(found) >= limit:
            break
    out = list(found.values())[:limit]
    sources = _citations(store, (c for x in out for f in x["facts"] for c in f["claims"]))
    for conflict in out:
        conflict["facts"] = [_slim_fact(f, sources) for f in conflict["facts"]]
    out.sort(key=lambda c: (c["subject"]["name"].casefold(), c["predicate"], str(c["measure"])))
    return out


def series(store: Store, subject: str | None = None, measure: str | None = None) -> list[dict[str, Any]]:
    """Series of measure claims over time: one subject's (and one measure's), or the headline ones.

    Args:
        store: the store.
        subject: an entity id, name or alias.
        measure: a (canonical) measure name.

    Raises:
        EntityNotFoundError: ``subject`` names nothing.
    """
    conn = store.connection
    aliases = _measure_aliases()
    if subject is None:
        return [
            {**s, "title": spec.get("title")}
            for spec in headline_specs(store)
            for s in series(store, spec["subject"], spec["measure"])
        ]
    eid = q.resolve_entity(conn, subject)
    if eid is None:
        raise EntityNotFoundError(subject)
    measures = _synonyms(measure, aliases) if measure else None
    claims = q.claims_where(conn, subject=eid, predicate="measure", measures=measures, limit=5000)
    sources = _citations(store, claims)
    out = reconcile.series(claims, measure=measure, measure_aliases=aliases)
    for entry in out:
        for point in (*entry["points"], *entry["undated"]):
            point["claims"] = [_slim_claim(c, sources) for c in point["claims"]]
    return out


def headline_specs(store: Store) -> list[dict[str, str]]:
    """The overview's headline series that the base holds (else its longest series)."""
    from kronika.atlas import load_atlas

    conn = store.connection
    aliases = _measure_aliases()
    specs = []
    for spec in load_atlas().headline_series:
        names = q.measure_names(conn, spec["subject"])
        if any(reconcile.canonical_measure(n, aliases) == spec["measure"] for n in names):
            specs.append(dict(spec))
    if not specs:
        longest = q.longest_series(conn)
        refs = q.entity_refs(conn, [s for s, _m in longest])
        specs = [
            {"subject": s, "measure": m, "title": f"{refs[s]['name']}: {m.replace('_', ' ')}"}
            for s, m in longest
            if s in refs
        ]
    return specs


# --------------------------------------------------------------------------- entity page


def entity_page(store: Store, ref: str, as_of: int | None = None) -> dict[str, Any]:
    """Everything the entity page shows.

    Args:
        store: the store.
        ref: an entity id, name or alias.
        as_of: a year: hide facts that only start later.

    Returns:
        ``entity``, ``as_of``, ``founded`` (earliest start of its founding), ``exists`` (False
        when it was founded after ``as_of``), ``groups`` (facts by predicate and direction),
        ``hidden`` (facts left out by ``as_of``), ``conflicts``, ``series``, ``related``,
        ``documents``, ``claims`` (how many were read) and ``truncated``.

    Raises:
        EntityNotFoundError: ``ref`` names nothing.
    """
    conn = store.connection
    eid = q.resolve_entity(conn, ref)
    if eid is None:
        raise EntityNotFoundError(ref)
    entity = queries.entity(conn, eid)
    assert entity is not None
    claims = q.claims_touching(conn, [eid], limit=ENTITY_CLAIMS_LIMIT, incoming=ENTITY_INCOMING_LIMIT)
    aliases = _measure_aliases()
    grouped = reconcile.group_facts(claims, measure_aliases=aliases)
    found_conflicts = reconcile.find_conflicts([f for f in grouped if f.key[0] == eid])
    in_conflict = {f["id"]: c["id"] for c in found_conflicts for f in c["facts"]}
    sources = _citations(store, claims)
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    hidden = 0
    founded: str | None = None
    for fact in grouped:
        data = fact.to_dict()
        data["conflict"] = in_conflict.get(data["id"])
        outgoing = data["subject"]["id"] == eid
        if (
            outgoing
            and data["predicate"] in reconcile.TIME_VALUED
            and data["time"]
            and data["time"].get("start")
        ):
            founded = min(founded or data["time"]["start"], data["time"]["start"])
        if not reconcile.holds_as_of(data, as_of):
            hidden += 1
            continue
        groups.setdefault((data["predicate"], "out" if outgoing else "in"), []).append(
            _slim_fact(data, sources)
        )
    order = {p: i for i, p in enumerate(reconcile.TIME_VALUED | {"measure"})}
    group_list = [
        {"predicate": p, "direction": d, "label": _group_label(p, d), "facts": fs}
        for (p, d), fs in sorted(
            groups.items(), key=lambda kv: (kv[0][1] != "out", order.get(kv[0][0], 9), kv[0][0])
        )
    ]
    measure_claims = [c for c in claims if c["predicate"] == "measure" and c["subject"]["id"] == eid]
    entity_series = reconcile.series(measure_claims, measure_aliases=aliases)
    for entry in entity_series:
        entry["points"] = [p for p in entry["points"] if reconcile.holds_as_of(p, as_of)]
        for point in (*entry["points"], *entry["undated"]):
            point["claims"] = [_slim_claim(c, sources) for c in point["claims"]]
    conflicts_out = [{**c, "facts": [_slim_fact(f, sources) for f in c["facts"]]} for c in found_conflicts]
    return {
        "entity": entity,
        "as_of": as_of,
        "founded": founded,
        "exists": as_of is None or founded is None or _year(founded) <= as_of,  # type: ignore[operator]
        "groups": group_list,
        "hidden": hidden,
        "conflicts": conflicts_out,
        "series": entity_series,
        "related": q.related_counts(conn, eid),
        "documents": q.mention_documents(conn, eid),
        "review": {
            **_review_of(conn, eid),
            # Rejected claims leave the facts; the review panel still lists them, to undo.
            "rejected": [_slim_claim(c, sources) for c in claims if c.get("status") == "rejected"],
        },
        "claims": len(claims),
        "truncated": sum(1 for c in claims if c["subject"]["id"] == eid) >= ENTITY_CLAIMS_LIMIT
        or sum(1 for c in claims if (c.get("object") or {}).get("id") == eid) >= ENTITY_INCOMING_LIMIT,
    }


#: Most audit-log entries an entity page shows (the latest).
ENTITY_LOG_LIMIT = 50


def _review_of(conn: Any, eid: str) -> dict[str, Any]:
    """An entity's review history: the latest log entries about it (and about the entities
    merged into it, and their claims), and the entities merged into it."""
    from kronika.store import review as review_sql

    merged = review_sql.merged_from(conn, eid)
    ids = [eid]
    frontier = [m["id"] for m in merged]
    while frontier:
        current = frontier.pop()
        if current not in ids:
            ids.append(current)
            frontier.extend(m["id"] for m in review_sql.merged_from(conn, current))
    return {
        "log": review_sql.log_entries(conn, entity_ids=ids, limit=ENTITY_LOG_LIMIT),
        "merged_from": merged,
    }


_INVERSE = {
    "founded_by": "founded",
    "established_by": "established",
    "part_of": "has part",
    "located_in": "location of",
    "headquartered_in": "headquarters of",
    "relocated_to": "destination of",
    "operates_in": "where operates",
    "invested_in": "investment from",
    "led_by": "leads",
    "holds_position": "positions held here",
    "produced": "produced by",
    "succeeded_by": "successor of",
    "modeled_on": "model for",
    "partnered_with": "partner of",
}


def _group_label(predicate: str, direction: str) -> str:
    if direction == "in":
        return _INVERSE.get(predicate, predicate.replace("_", " ") + " (of)")
    return predicate.replace("_", " ")


# --------------------------------------------------------------------------- timeline


def timeline(
    store: Store,
    entity: str | None = None,
    types: Sequence[str] | None = None,
    predicates: Sequence[str] | None = None,
    limit: int = 800,
) -> dict[str, Any]:
    """Dated facts and events for a timeline, with the sector's eras as bands.

    Args:
        store: the store.
        entity: only facts touching this entity (id, name or alias).
        types: only facts whose subject is of these types.
        predicates: only these predicates.
        limit: at most this many claims read.

    Returns:
        ``items`` (``id``, ``start``, ``end`` (None for a point), ``label``, ``predicate``,
        ``subject``, ``object``, ``fact``, ``status``, ``conflict``), ``eras`` (``name``,
        ``start``, ``end``, ``entity``), ``types`` and ``predicates`` present.

    Raises:
        EntityNotFoundError: ``entity`` names nothing.
    """
    conn = store.connection
    if entity is not None:
        eid = q.resolve_entity(conn, entity)
        if eid is None:
            raise EntityNotFoundError(entity)
        claims = [c for c in q.claims_touching(conn, [eid], limit=limit * 2) if _dated(c)]
    else:
        claims = q.claims_where(conn, predicate=predicates, dated=True, limit=limit)
    claims = [c for c in claims if not (c.get("qualifiers") or {}).get("era")]
    if predicates:
        claims = [c for c in claims if c["predicate"] in predicates]
    if types:
        claims = [c for c in claims if c["subject"]["type"] in types]
    items = []
    for fact in reconcile.facts(claims, measure_aliases=_measure_aliases()):
        time = fact.get("time") or {}
        start, end = time.get("start"), time.get("end")
        if not start and not end:
            continue
        items.append(
            {
                "id": fact["id"],
                "start": start or end,
                "end": end if start and end and (end[:4] != start[:4]) else None,
                "open": start is None or end is None,
                "label": _fact_label(fact),
                "predicate": fact["predicate"],
                "subject": fact["subject"],
                "object": fact.get("object"),
                "type": fact["subject"]["type"],
                "status": fact["status"],
                "conflict": fact["conflict"],
                "claims": len(fact["claims"]),
                "text": (fact["claims"][0].get("evidence") or {}).get("text"),
            }
        )
    items.sort(key=lambda i: (i["start"], i["label"]))
    return {
        "items": items,
        "eras": eras(store),
        "types": sorted({i["type"] for i in items}),
        "predicates": sorted({i["predicate"] for i in items}),
    }


def _dated(claim: Mapping[str, Any]) -> bool:
    time = claim.get("time") or {}
    return bool(time.get("start") or time.get("end"))


def eras(store: Store) -> list[dict[str, Any]]:
    """The eras the base records (``occurred`` claims marked ``era``), in order."""
    out = []
    for claim in q.era_claims(store.connection):
        time = claim.get("time") or {}
        entity = claim["subject"]
        out.append(
            {
                "entity": entity["id"],
                "name": entity["name"],
                "start": time.get("start"),
                "end": time.get("end"),
                "description": (q.entity_refs(store.connection, [entity["id"]]).get(entity["id"]) or {}).get(
                    "description", ""
                ),
            }
        )
    return out


def _value_text(value: Mapping[str, Any] | None) -> str:
    if not value:
        return ""
    unit = value.get("unit") or "count"

    def fmt(n: float | None) -> str:
        if n is None:
            return "?"
        if unit == "percent":
            return f"{n:g}%"
        if abs(n) >= 1e9:
            text = f"{n / 1e9:g} bn"
        elif abs(n) >= 1e6:
            text = f"{n / 1e6:g} m"
        else:
            text = f"{n:,.0f}" if float(n).is_integer() else f"{n:g}"
        return text if unit == "count" else f"{text} {unit}"

    comparator = value.get("comparator") or "="
    if comparator == "range":
        return f"{fmt(value.get('lower'))}–{fmt(value.get('upper'))}"
    signs = {">": "> ", ">=": "≥ ", "<": "< ", "<=": "≤ ", "~": "≈ ", "=": ""}
    return signs.get(comparator, "") + fmt(value.get("amount"))


def _fact_label(fact: Mapping[str, Any]) -> str:
    subject = fact["subject"]["name"]
    predicate = fact["predicate"]
    if predicate == "measure":
        return f"{subject}: {(fact.get('measure') or '').replace('_', ' ')} {_value_text(fact.get('value'))}"
    if fact.get("object"):
        return f"{subject} {predicate.replace('_', ' ')} {fact['object']['name']}"
    return f"{subject} {predicate.replace('_', ' ')}"


# --------------------------------------------------------------------------- graph and map


def graph(
    store: Store,
    entity: str | None = None,
    depth: int = 1,
    predicates: Sequence[str] | None = None,
    types: Sequence[str] | None = None,
    as_of: int | None = None,
    limit: int = GRAPH_EDGES_LIMIT,
) -> dict[str, Any]:
    """A network of entities and relations: the whole base, or one entity's neighbourhood.

    Args:
        store: the store.
        entity: centre on this entity (id, name or alias); None for the whole base.
        depth: 1 for its direct relations, 2 for their relations too.
        predicates: only these relations.
        types: only nodes of these types (the centre always stays).
        as_of: a year: leave out relations that start later and entities founded later.
        limit: at most this many edges.

    Returns:
        ``nodes`` (``id``, ``name``, ``type``, ``degree``, ``centre``), ``edges`` (``id``,
        ``source``, ``target``, ``predicate``, ``claims``, ``accepted``, ``start``),
        ``centre``, ``as_of`` and ``truncated``.

    Raises:
        EntityNotFoundError: ``entity`` names nothing.
    """
    conn = store.connection
    centre = None
    if entity is not None:
        centre = q.resolve_entity(conn, entity)
        if centre is None:
            raise EntityNotFoundError(entity)
        edges = q.relation_edges(conn, around=[centre], predicates=predicates, limit=limit)
        if depth > 1:
            ring = {e["source"] for e in edges} | {e["target"] for e in edges}
            ring.discard(centre)
            more = q.relation_edges(conn, around=sorted(ring)[:200], predicates=predicates, limit=limit)
            seen = {(e["source"], e["predicate"], e["target"]) for e in edges}
            edges += [e for e in more if (e["source"], e["predicate"], e["target"]) not in seen]
    else:
        edges = q.relation_edges(conn, predicates=predicates, limit=limit)
    truncated = len(edges) >= limit
    edges = edges[:limit]
    if as_of is not None:
        edges = [e for e in edges if not e["start"] or int(e["start"][:4]) <= as_of]
    ids = {e["source"] for e in edges} | {e["target"] for e in edges} | ({centre} if centre else set())
    refs = q.entity_refs(conn, ids)
    if as_of is not None:
        founded = q.entity_founding(conn, sorted(ids))
        late = {i for i, start in founded.items() if int(start[:4]) > as_of and i != centre}
        edges = [e for e in edges if e["source"] not in late and e["target"] not in late]
    if types:
        keep = set(types)
        edges = [
            e
            for e in edges
            if (refs.get(e["source"], {}).get("type") in keep or e["source"] == centre)
            and (refs.get(e["target"], {}).get("type") in keep or e["target"] == centre)
        ]
    degree: dict[str, int] = {}
    for e in edges:
        degree[e["source"]] = degree.get(e["source"], 0) + 1
        degree[e["target"]] = degree.get(e["target"], 0) + 1
    node_ids = set(degree) | ({centre} if centre else set())
    nodes = [
        {
            "id": i,
            "name": refs[i]["name"],
            "type": refs[i]["type"],
            "degree": degree.get(i, 0),
            "centre": i == centre,
        }
        for i in sorted(node_ids)
        if i in refs
    ]
    for n, e in enumerate(edges):
        e["id"] = f"e{n}"
    return {"nodes": nodes, "edges": edges, "centre": centre, "as_of": as_of, "truncated": truncated}


def world_map(store: Store, as_of: int | None = None) -> dict[str, Any]:
    """Places with what is located there, and movements between places as flows.

    A movement (``relocated_to``) starts at the claim's ``from`` qualifier, else where its
    subject is located or headquartered, else the base's home place (where most things are).

    Returns:
        ``places`` (``id``, ``name``, ``lat``, ``lon``, ``items``: ``entity``, ``predicate``),
        ``flows`` (``from``, ``to`` place refs, ``subjects``, ``claims``, ``start``, ``end``)
        and ``as_of``.
    """
    conn = store.connection
    edges = q.relation_edges(conn, predicates=PLACE_PREDICATES, limit=5000)
    if as_of is not None:
        edges = [e for e in edges if not e["start"] or int(e["start"][:4]) <= as_of]
    ids = {e["source"] for e in edges} | {e["target"] for e in edges}
    movements = q.claims_where(conn, predicate="relocated_to", limit=2000)
    if as_of is not None:
        movements = [c for c in movements if reconcile.holds_as_of(c, as_of)]
    origins: dict[str, str] = {}
    for e in edges:
        if e["predicate"] in ("located_in", "headquartered_in"):
            origins.setdefault(e["source"], e["target"])
    home = q.home_place(conn)
    for c in movements:
        src = (c.get("qualifiers") or {}).get("from")
        if isinstance(src, str):
            ids.add(src)
    if home:
        ids.add(home)
    refs = q.entity_refs(conn, ids)
    if as_of is not None:
        founded = q.entity_founding(conn, sorted(ids))
        late = {i for i, start in founded.items() if int(start[:4]) > as_of}
        edges = [e for e in edges if e["source"] not in late]
    places: dict[str, dict[str, Any]] = {}

    def place(pid: str) -> dict[str, Any] | None:
        ref = refs.get(pid)
        if not ref or ref["type"] != "place" or ref["lat"] is None:
            return None
        return places.setdefault(
            pid, {"id": pid, "name": ref["name"], "lat": ref["lat"], "lon": ref["lon"], "items": []}
        )

    for e in edges:
        target = place(e["target"])
        source_ref = refs.get(e["source"])
        if target is not None and source_ref is not None and e["predicate"] != "relocated_to":
            target["items"].append(
                {
                    "entity": {
                        "id": source_ref["id"],
                        "name": source_ref["name"],
                        "type": source_ref["type"],
                    },
                    "predicate": e["predicate"],
                }
            )
        if source_ref and source_ref["type"] == "place":
            place(e["source"])
    flows: dict[tuple[str, str], dict[str, Any]] = {}
    for c in movements:
        to = place(c["object"]["id"]) if c.get("object") else None
        src = (c.get("qualifiers") or {}).get("from")
        origin_id = src if isinstance(src, str) else origins.get(c["subject"]["id"], home)
        origin = place(origin_id) if origin_id else None
        if to is None or origin is None or origin is to:
            continue
        flow = flows.setdefault(
            (origin["id"], to["id"]),
            {
                "from": {k: origin[k] for k in ("id", "name", "lat", "lon")},
                "to": {k: to[k] for k in ("id", "name", "lat", "lon")},
                "subjects": [],
                "claims": 0,
                "start": None,
                "end": None,
            },
        )
        flow["claims"] += 1
        if c["subject"]["name"] not in flow["subjects"]:
            flow["subjects"].append(c["subject"]["name"])
        time = c.get("time") or {}
        if time.get("start") and (flow["start"] is None or time["start"] < flow["start"]):
            flow["start"] = time["start"]
        if time.get("end") and (flow["end"] is None or time["end"] > flow["end"]):
            flow["end"] = time["end"]
    return {
        "places": sorted(places.values(), key=lambda p: (-len(p["items"]), p["name"])),
        "flows": sorted(flows.values(), key=lambda f: (-f["claims"], f["to"]["name"])),
        "as_of": as_of,
    }


# --------------------------------------------------------------------------- search, documents, overview


def split_marked(marked: str) -> list[dict[str, Any]]:
    """FTS5-marked text as segments ``{"text", "hit"}`` (so templates can escape each)."""
    segments: list[dict[str, Any]] = []
    hit = False
    buffer = ""
    for ch in marked:
        if ch in (q.HIT_START, q.HIT_END):
            if buffer:
                segments.append({"text": buffer, "hit": hit})
            buffer = ""
            hit = ch == q.HIT_START
        else:
            buffer += ch
    if buffer:
        segments.append({"text": buffer, "hit": hit})
    return segments


def search(store: Store, text: str, limit: int = 20) -> dict[str, Any]:
    """Full-text search over sentences (FTS5) and over entity names and aliases.

    Returns:
        ``query``, ``entities`` (best first) and ``sentences`` (each with ``segments``:
        ``text`` and ``hit``).
    """
    conn = store.connection
    sentences = q.search_sentences(conn, text, limit=limit)
    for s in sentences:
        s["segments"] = split_marked(s.pop("marked"))
    return {"query": text, "entities": q.search_entities(conn, text, limit=limit), "sentences": sentences}


def document_page(store: Store, ref: str, claim: str | None = None) -> dict[str, Any]:
    """A document's text cut into segments with its mentions and claim spans marked.

    Args:
        store: the store.
        ref: the document's id, origin or title.
        claim: a claim id whose span is brought forward (``focus``).

    Returns:
        The document (``id``, ``title``, ``origin``, ``date``, ``kind``, ``words``),
        ``segments`` (``text``, ``entity`` id or None, ``name``, ``claim`` (inside some claim's
        span), ``focus``, ``sentence`` (index of a sentence starting here, else None), ``paragraph``
        (number of a paragraph starting here: the first non-empty line is 0)),
        ``claims`` (the document's claims) and ``focus`` (the focused claim or None).

    Raises:
        DocumentNotFoundError: nothing matches ``ref``.
    """
    conn = store.connection
    doc_id = store.resolve_document(ref)
    doc = q.document_full(conn, doc_id)
    if doc is None:
        raise DocumentNotFoundError(ref)
    claims = q.claims_where(conn, doc_id=doc_id, limit=20000)
    text: str = doc.pop("text")
    spans = []
    focus = None
    for c in claims:
        ev = c["evidence"]
        a, b = ev.get("span_start"), ev.get("span_end")
        if a is None or b is None:
            a, b = ev.get("start"), ev.get("end")
        if a is None or b is None:
            continue
        spans.append((a, b, c["id"]))
        if c["id"] == claim:
            focus = c
    cuts = {0, len(text)}
    for s in doc["sentences"]:
        cuts.add(s["start"])
    for m in doc["mentions"]:
        cuts.update((m["start"], m["end"]))
    for a, b, _ in spans:
        cuts.update((a, b))
    # Paragraphs are numbered as the atlas cites them: the first non-empty line (the title) is 0.
    paragraph_at: dict[int, int] = {}
    position = 0
    for line in text.split("\n"):
        if line.strip():
            paragraph_at[position] = len(paragraph_at)
        position += len(line) + 1
    cuts.update(paragraph_at)
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    sentence_at = {s["start"]: s["index"] for s in doc["sentences"]}
    mention_at = [(m["start"], m["end"], m) for m in doc["mentions"]]
    segments = []
    mi = 0
    for a, b in zip(bounds, bounds[1:], strict=False):
        if a == b:
            continue
        while mi < len(mention_at) and mention_at[mi][1] <= a:
            mi += 1
        mention = (
            mention_at[mi][2] if mi < len(mention_at) and mention_at[mi][0] <= a < mention_at[mi][1] else None
        )
        inside = [cid for (x, y, cid) in spans if x <= a and b <= y]
        segments.append(
            {
                "text": text[a:b],
                "entity": mention["entity"] if mention else None,
                "name": mention["name"] if mention else None,
                "claim": bool(inside),
                "claims": inside[:5],
                "focus": claim is not None and claim in inside,
                "sentence": sentence_at.get(a),
                "paragraph": paragraph_at.get(a),
            }
        )
    doc.pop("mentions")
    doc.pop("sentences")
    return {"document": doc, "segments": segments, "claims": claims, "focus": focus}


_OVERVIEWS: dict[str, tuple[tuple[Any, ...], dict[str, Any]]] = {}


def overview(store: Store) -> dict[str, Any]:
    """What the base holds: counts, documents, eras, headline series, conflicts, top entities.

    The result is kept per database file until its content changes (see
    :func:`kronika.store.explore.data_stamp`): on a large base it reads a lot.
    """
    conn = store.connection
    stamp = q.data_stamp(conn)
    cached = _OVERVIEWS.get(store.path)
    if cached is not None and cached[0] == stamp and store.path != ":memory:":
        return cached[1]
    result = _overview(store)
    _OVERVIEWS[store.path] = (stamp, result)
    return result


def _overview(store: Store) -> dict[str, Any]:
    conn = store.connection
    heads = []
    for spec in headline_specs(store):
        for entry in series(store, spec["subject"], spec["measure"]):
            heads.append({**entry, "title": spec.get("title") or entry["measure"]})
    return {
        "counts": q.counts(conn),
        "documents": q.documents_list(conn, limit=20),
        "eras": eras(store),
        "series": heads,
        "conflicts": conflicts(store, limit=10),
        "top_entities": q.top_entities(conn, limit=12),
        "window": q.RECENT_WINDOW,
    }


class ExplorerMixin:
    """The explorer's views as :class:`kronika.KnowledgeBase` methods (thin calls)."""

    store: Store

    def facts(self, entity: str | None = None, predicate: str | None = None) -> list[dict[str, Any]]:
        """Facts: agreeing claims grouped with all their evidence (see :func:`facts`)."""
        return facts(self.store, entity=entity, predicate=predicate)

    def conflicts(self, limit: int = 50) -> list[dict[str, Any]]:
        """Conflicts: facts on one subject, predicate and time that cannot all be true."""
        return conflicts(self.store, limit=limit)

    def series(self, subject: str | None = None, measure: str | None = None) -> list[dict[str, Any]]:
        """Measure series over time, bounds kept (see :func:`series`)."""
        return series(self.store, subject=subject, measure=measure)

    def timeline(
        self,
        entity: str | None = None,
        types: Sequence[str] | None = None,
        predicates: Sequence[str] | None = None,
    ) -> dict[str, Any]:
        """Dated facts and eras (see :func:`timeline`)."""
        return timeline(self.store, entity=entity, types=types, predicates=predicates)

    def search(self, text: str, limit: int = 20) -> dict[str, Any]:
        """Full-text search over sentences and entity names (see :func:`search`)."""
        return search(self.store, text, limit=limit)

    def entity_page(self, ref: str, as_of: int | None = None) -> dict[str, Any]:
        """An entity with its facts, conflicts, series and relations (see :func:`entity_page`)."""
        return entity_page(self.store, ref, as_of=as_of)

    def graph(
        self,
        entity: str | None = None,
        depth: int = 1,
        predicates: Sequence[str] | None = None,
        types: Sequence[str] | None = None,
        as_of: int | None = None,
    ) -> dict[str, Any]:
        """Entities and relations as a network (see :func:`graph`)."""
        return graph(self.store, entity=entity, depth=depth, predicates=predicates, types=types, as_of=as_of)

    def map(self, as_of: int | None = None) -> dict[str, Any]:
        """Places and movements (see :func:`world_map`)."""
        return world_map(self.store, as_of=as_of)

    def overview(self) -> dict[str, Any]:
        """What the base holds (see :func:`overview`)."""
        return overview(self.store)

    def document_page(self, ref: str, claim: str | None = None) -> dict[str, Any]:
        """A document with mentions and claim spans marked (see :func:`document_page`)."""
        return document_page(self.store, ref, claim=claim)

    def load_atlas(self) -> dict[str, Any]:
        """Write the curated atlas into the base (see :func:`kronika.atlas.install_atlas`)."""
        from kronika.atlas import install_atlas

        return install_atlas(self.store)
