"""The curated atlas: reviewed facts about the Belarusian IT sector, shipped as data.

The atlas lives in ``kronika/data/atlas/``:

- ``sources.yaml``: the sources facts cite (id, title, kind, note);
- ``entities.yaml``: entities the alias registry does not hold, in the registry's record
  format (eras of the sector among them);
- ``measures.yaml``: measure synonyms (``resident_companies`` → ``residents``);
- ``overview.yaml``: the headline series of the explorer's overview;
- every other ``*.yaml``: facts, as ``{source: <id>, facts: [...]}``.

A fact is a mapping in the claim format's terms, with registry ids for entities::

    {subject: org/high-technologies-park, predicate: measure, measure: residents,
     value: ">100", time: "2011", para: 12}

Fields: ``subject`` and ``object`` (entity ids), ``predicate``, ``measure``, ``value`` (a
number with an optional comparator ``>``, ``>=``, ``<``, ``<=``, ``~`` before it and a unit
after it: ``%``, a currency code or a word; or a range ``16000..22000``), ``time`` (``1991``,
``1960s``, ``2020..2024``, ``2021..``, ``..2016``), ``para`` (the paragraph, or a list of
them), ``source`` (defaults to the file's), ``qualifiers`` (free, as in the claim format).

:func:`install_atlas` writes the atlas into a store as one document, ``Kronika atlas``, whose
lines state the facts in plain words with their citations; every fact becomes an accepted
claim on its line. When a source itself is ingested, its claims about the same subject,
predicate and object join the atlas facts as further evidence (see :mod:`kronika.reconcile`).
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from kronika.ids import document_id
from kronika.models import PREDICATES, Claim, DocumentAnalysis, Entity, Mention, Quantity, Sentence, TimeSpan
from kronika.registry import Registry, load_registry, read_records, validate_records
from kronika.registry import data_files as registry_files
from kronika.sources import SourceText

__all__ = [
    "ATLAS_ORIGIN",
    "ATLAS_TITLE",
    "Atlas",
    "AtlasError",
    "AtlasFact",
    "atlas_document",
    "install_atlas",
    "load_atlas",
    "parse_time",
    "parse_value",
    "validate_atlas",
]

#: The origin recorded for the atlas document (a later atlas replaces an older one).
ATLAS_ORIGIN = "kronika:atlas"
#: The atlas document's title.
ATLAS_TITLE = "Kronika atlas: the Belarusian IT sector"
#: The method recorded on atlas claims.
ATLAS_METHOD = "atlas:curated"

FACT_FIELDS = frozenset(
    {"subject", "predicate", "object", "measure", "value", "time", "para", "source", "qualifiers"}
)
#: Predicates that need no object: the time or the value is what they say.
_NO_OBJECT = frozenset({"founded", "occurred", "measure"})
_SPECIAL_FILES = frozenset({"sources.yaml", "entities.yaml", "measures.yaml", "overview.yaml"})
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_VALUE = re.compile(
    r"^\s*(?P<cmp>>=|<=|>|<|~)?\s*(?P<a>\d[\d_,]*(?:\.\d+)?(?:e\d+)?)"
    r"(?:\s*\.\.\s*(?P<b>\d[\d_,]*(?:\.\d+)?(?:e\d+)?))?\s*(?P<unit>%|[A-Za-z_]+)?\s*$"
)
_TIME = re.compile(r"^(?P<a>\d{4})?(?P<decade>s)?(?P<dots>\.\.)?(?P<b>\d{4})?$")


class AtlasError(ValueError):
    """Raised when an atlas file cannot be read or a fact cannot be parsed."""


@dataclass(frozen=True)
class AtlasFact:
    """One reviewed fact, as read from an atlas file."""

    subject: str
    predicate: str
    object: str | None
    measure: str | None
    value: Quantity | None
    time: TimeSpan | None
    source: str
    paras: tuple[int, ...]
    qualifiers: Mapping[str, Any]
    file: str


@dataclass
class Atlas:
    """The whole atlas.

    Attributes:
        sources: cited sources by id (``title``, ``kind``, ``note``).
        entities: atlas-only entity records (the registry's record format).
        facts: every fact, in file order.
        measures: measure synonym → canonical measure.
        headline_series: the overview's headline series (``subject``, ``measure``, ``title``).
        problems: what :func:`validate_atlas` found (empty when all is well).
    """

    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    entities: list[dict[str, Any]] = field(default_factory=list)
    facts: list[AtlasFact] = field(default_factory=list)
    measures: dict[str, str] = field(default_factory=dict)
    headline_series: list[dict[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- parsing


def _number(text: str) -> float:
    return float(text.replace(",", "").replace("_", ""))


def parse_value(raw: object) -> Quantity:
    """An atlas value as a :class:`Quantity`.

    Examples: ``100``, ``">100"``, ``">=1000"``, ``"~66.7%"``, ``"16000..22000"``,
    ``"1.8e9 USD"``, ``"9%"``.

    Raises:
        AtlasError: the text is not a value.
    """
    if isinstance(raw, bool) or raw is None:
        raise AtlasError(f"{raw!r} is not a value")
    if isinstance(raw, int | float):
        return Quantity(float(raw), "count", "=", None, None, str(raw))
    match = _VALUE.match(str(raw))
    if match is None:
        raise AtlasError(f"{raw!r} is not a value: write a number with an optional comparator and unit")
    amount = _number(match["a"])
    unit = match["unit"] or "count"
    unit = "percent" if unit == "%" else unit
    if not _CURRENCY.match(unit) and unit != unit.lower():
        raise AtlasError(f"{raw!r}: a unit is %, a currency code such as USD, or a lower-case word")
    comparator = match["cmp"] or "="
    if match["b"] is not None:
        if match["cmp"]:
            raise AtlasError(f"{raw!r}: a range takes no comparator")
        upper = _number(match["b"])
        return Quantity(amount, unit, "range", amount, upper, str(raw))
    bound_low = amount if comparator in (">", ">=") else None
    bound_high = amount if comparator in ("<", "<=") else None
    return Quantity(amount, unit, comparator, bound_low, bound_high, str(raw))


def parse_time(raw: object) -> TimeSpan:
    """An atlas time as a :class:`TimeSpan`.

    Examples: ``1991``, ``"1960s"``, ``"2020..2024"``, ``"2021.."`` (from 2021 on),
    ``"..2016"`` (by 2016).

    Raises:
        AtlasError: the text is not a time.
    """
    text = str(raw).strip()
    match = _TIME.match(text)
    if match is None or not (match["a"] or match["b"]):
        raise AtlasError(f"{raw!r} is not a time: write 1991, 1960s, 2020..2024, 2021.. or ..2016")
    a, b = match["a"], match["b"]
    if match["decade"]:
        if match["dots"] or b or not a or not a.endswith("0"):
            raise AtlasError(f"{raw!r}: a decade is written like 1960s")
        return TimeSpan(f"{a}-01-01", f"{int(a) + 9}-12-31", "decade", f"the {a}s")
    if not match["dots"]:
        return TimeSpan(f"{a}-01-01", f"{a}-12-31", "year", a)
    if a and b and int(a) > int(b):
        raise AtlasError(f"{raw!r}: the span ends before it starts")
    start = f"{a}-01-01" if a else None
    end = f"{b}-12-31" if b else None
    words = f"{a}–{b}" if a and b else (f"from {a}" if a else f"by {b}")
    return TimeSpan(start, end, "year", words)


def _paras(raw: object) -> tuple[int, ...]:
    items = raw if isinstance(raw, list) else [raw]
    if not items or not all(isinstance(p, int) and not isinstance(p, bool) and p > 0 for p in items):
        raise AtlasError(f"para {raw!r}: give a paragraph number (from 1) or a list of them")
    return tuple(items)


def _parse_fact(raw: Mapping[str, Any], default_source: str | None, file: str) -> AtlasFact:
    unknown = set(raw) - FACT_FIELDS
    if unknown:
        raise AtlasError(f"unknown field(s) {', '.join(sorted(unknown))}")
    for name in ("subject", "predicate", "para"):
        if raw.get(name) is None:
            raise AtlasError(f"{name} is required")
    source = raw.get("source") or default_source
    if not source:
        raise AtlasError("no source: give one on the fact or the file")
    qualifiers = raw.get("qualifiers") or {}
    if not isinstance(qualifiers, Mapping):
        raise AtlasError("qualifiers must be a mapping")
    return AtlasFact(
        subject=str(raw["subject"]),
        predicate=str(raw["predicate"]),
        object=str(raw["object"]) if raw.get("object") is not None else None,
        measure=str(raw["measure"]) if raw.get("measure") is not None else None,
        value=parse_value(raw["value"]) if raw.get("value") is not None else None,
        time=parse_time(raw["time"]) if raw.get("time") is not None else None,
        source=str(source),
        paras=_paras(raw["para"]),
        qualifiers=dict(qualifiers),
        file=file,
    )


def _data_dir() -> Traversable:
    return resources.files("kronika").joinpath("data", "atlas")


def _yaml(source: Path | Traversable) -> Any:
    try:
        return yaml.safe_load(source.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise AtlasError(f"{source.name}: not valid YAML ({exc})") from exc


def load_atlas(directory: Path | None = None) -> Atlas:
    """Read the atlas (the shipped one by default) and check it.

    Facts that cannot be parsed are left out and reported in :attr:`Atlas.problems`, with
    every other problem :func:`validate_atlas` finds.

    Args:
        directory: a folder of atlas files; None for the shipped atlas.

    Returns:
        The atlas.

    Raises:
        AtlasError: a file is not valid YAML or not of the expected shape.
    """
    if directory is None:
        return _shipped_atlas()
    return _read_atlas(directory)


@functools.lru_cache(maxsize=1)
def _shipped_atlas() -> Atlas:
    return _read_atlas(_data_dir())


def _read_atlas(directory: Path | Traversable) -> Atlas:
    atlas = Atlas()
    files = sorted((f for f in directory.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)
    by_name = {f.name: f for f in files}
    if "sources.yaml" in by_name:
        for record in _yaml(by_name["sources.yaml"]) or []:
            atlas.sources[str(record["id"])] = dict(record)
    if "entities.yaml" in by_name:
        atlas.entities = [dict(r) for r in _yaml(by_name["entities.yaml"]) or []]
    if "measures.yaml" in by_name:
        for canonical, synonyms in (_yaml(by_name["measures.yaml"]) or {}).items():
            for synonym in synonyms or []:
                atlas.measures[str(synonym)] = str(canonical)
    if "overview.yaml" in by_name:
        overview = _yaml(by_name["overview.yaml"]) or {}
        atlas.headline_series = [dict(s) for s in overview.get("headline_series") or []]
    for file in files:
        if file.name in _SPECIAL_FILES:
            continue
        data = _yaml(file)
        if not isinstance(data, Mapping) or not isinstance(data.get("facts"), list):
            raise AtlasError(f"{file.name}: a fact file is a mapping with a `facts` list")
        for n, raw in enumerate(data["facts"], start=1):
            try:
                if not isinstance(raw, Mapping):
                    raise AtlasError("a fact is a mapping")
                atlas.facts.append(_parse_fact(raw, data.get("source"), file.name))
            except AtlasError as exc:
                atlas.problems.append(f"{file.name} fact {n}: {exc}")
    atlas.problems.extend(validate_atlas(atlas))
    return atlas


# --------------------------------------------------------------------------- checking


def validate_atlas(atlas: Atlas, registry: Registry | None = None) -> list[str]:
    """Check the atlas: entities exist and are well formed, facts are complete and typed.

    Args:
        atlas: the atlas read by :func:`load_atlas`.
        registry: the alias registry; the shipped one by default.

    Returns:
        One message per problem; empty when all is well.
    """
    registry = registry if registry is not None else load_registry()
    problems: list[str] = []
    registry_records = [r for f in registry_files() for r in read_records(f)]
    for problem in validate_records(registry_records + atlas.entities):
        if any(str(e.get("id")) in problem for e in atlas.entities):
            problems.append(f"entities.yaml: {problem}")
    known = {str(e["id"]) for e in atlas.entities if "id" in e} | set(registry.entities)
    seen: set[tuple[Any, ...]] = set()
    for fact in atlas.facts:
        where = f"{fact.file} {fact.subject} {fact.predicate}"
        if fact.predicate not in PREDICATES:
            problems.append(f"{where}: unknown predicate (one of {', '.join(PREDICATES)})")
        if fact.source not in atlas.sources:
            problems.append(f"{where}: unknown source {fact.source!r}")
        for ref in (fact.subject, fact.object, *_qualifier_refs(fact.qualifiers)):
            if ref is not None and ref not in known:
                problems.append(f"{where}: unknown entity {ref!r} (not in the registry or entities.yaml)")
        if fact.predicate in _NO_OBJECT and fact.object is not None and fact.predicate != "founded":
            problems.append(f"{where}: {fact.predicate} takes no object")
        if fact.predicate not in _NO_OBJECT and fact.object is None:
            problems.append(f"{where}: {fact.predicate} needs an object")
        if (fact.predicate == "measure") != (fact.measure is not None):
            problems.append(f"{where}: a measure (and only a measure) has a `measure` name")
        if (fact.predicate == "measure") != (fact.value is not None):
            problems.append(f"{where}: a measure (and only a measure) has a value")
        if fact.measure is not None and not re.fullmatch(r"[a-z][a-z0-9_]*", fact.measure):
            problems.append(f"{where}: measure names are snake_case")
        key = (fact.subject, fact.predicate, fact.object, fact.measure, fact.time, fact.value)
        if key in seen:
            problems.append(f"{where}: the same fact appears twice")
        seen.add(key)
    for series in atlas.headline_series:
        if series.get("subject") not in known or not series.get("measure"):
            problems.append(f"overview.yaml: headline series {series!r} needs a known subject and a measure")
    return problems


def _qualifier_refs(qualifiers: Mapping[str, Any]) -> list[str]:
    """Qualifier values that are entity ids (``from: place/belarus``)."""
    return [v for v in qualifiers.values() if isinstance(v, str) and re.fullmatch(r"[a-z]+/[a-z0-9-]+", v)]


# --------------------------------------------------------------------------- the atlas document

_PHRASES: dict[str, str] = {
    "founded": "was founded",
    "founded_by": "was founded by",
    "established_by": "was established by",
    "part_of": "is part of",
    "located_in": "is located in",
    "headquartered_in": "has its headquarters in",
    "relocated_to": "relocated to",
    "operates_in": "operates in",
    "invested_in": "invested in",
    "led_by": "is led by",
    "holds_position": "holds a position with",
    "produced": "produced",
    "succeeded_by": "was succeeded by",
    "modeled_on": "was modelled on",
    "partnered_with": "partnered with",
    "occurred": "took place",
}


def _amount_words(amount: float, unit: str) -> str:
    if unit == "percent":
        return f"{amount:g}%"
    if amount >= 1e9:
        text = f"{amount / 1e9:g} billion"
    elif amount >= 1e6:
        text = f"{amount / 1e6:g} million"
    else:
        text = f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:g}"
    return text if unit == "count" else f"{text} {unit}"


def _value_words(value: Quantity) -> str:
    if value.comparator == "range":
        low, high = _amount_words(value.lower or 0, value.unit), _amount_words(value.upper or 0, value.unit)
        return f"between {low} and {high}"
    words = {
        ">": "more than ",
        ">=": "at least ",
        "<": "less than ",
        "<=": "at most ",
        "~": "about ",
        "=": "",
    }
    return words.get(value.comparator, "") + _amount_words(value.amount or 0, value.unit)


def _line(fact: AtlasFact, names: Mapping[str, str]) -> tuple[str, list[tuple[str, int, int]]]:
    """A fact in plain words, with the entity spans (id, start, end) inside the line."""
    spans: list[tuple[str, int, int]] = []
    text = names[fact.subject]
    spans.append((fact.subject, 0, len(text)))
    if fact.predicate == "measure":
        text += f" {(fact.measure or '').replace('_', ' ')}: {_value_words(fact.value)}" if fact.value else ""
    else:
        text += " " + _PHRASES.get(fact.predicate, fact.predicate.replace("_", " "))
        if fact.object is not None:
            text += " "
            spans.append((fact.object, len(text), len(text) + len(names[fact.object])))
            text += names[fact.object]
    role = fact.qualifiers.get("role")
    if isinstance(role, str):
        text += f" (as {role})"
    if fact.time is not None:
        words = fact.time.text
        text += f" ({words})" if not words[:1].isdigit() or "–" in words else f" in {words}"
    return text + ".", spans


def _citation(fact: AtlasFact) -> str:
    paras = ", ".join(str(p) for p in fact.paras)
    mark = "paragraphs" if len(fact.paras) > 1 else "paragraph"
    return f" [{fact.source}, {mark} {paras}]"


def atlas_document(
    atlas: Atlas | None = None, registry: Registry | None = None
) -> tuple[SourceText, DocumentAnalysis, list[Entity]]:
    """The atlas as a document: its text, the analysis the store writes, and its entities.

    Each fact is one line (one sentence) of the text, in plain words, ending with its
    citation; its claim is ``accepted`` with confidence 1, the citation in the qualifier
    ``source`` (``id``, ``title``, ``paragraphs``).

    Args:
        atlas: the atlas; the shipped one by default.
        registry: the alias registry; the shipped one by default.

    Returns:
        ``(meta, analysis, entities)`` for :meth:`kronika.store.Store.write_document` and
        :meth:`kronika.store.Store.upsert_entities`.

    Raises:
        AtlasError: the atlas has problems (see :func:`validate_atlas`).
    """
    atlas = atlas if atlas is not None else load_atlas()
    registry = registry if registry is not None else load_registry()
    if atlas.problems:
        raise AtlasError("the atlas has problems: " + "; ".join(atlas.problems[:5]))
    local = {str(r["id"]): _entity(r) for r in atlas.entities}
    entities: dict[str, Entity] = {}

    def entity(eid: str) -> Entity:
        if eid not in entities:
            found = local.get(eid) or registry.get(eid)
            assert found is not None, eid  # validate_atlas checked it
            entities[eid] = found
        return entities[eid]

    for fact in atlas.facts:
        for ref in (fact.subject, fact.object, *_qualifier_refs(fact.qualifiers)):
            if ref is not None:
                entity(ref)
    names = {eid: e.name for eid, e in entities.items()}
    header = [
        ATLAS_TITLE,
        "Curated facts about the Belarusian IT sector, each reviewed and citing its source.",
        *(f"Source [{sid}]: {s.get('title', '')}" for sid, s in atlas.sources.items()),
    ]
    text = ""
    sentences: list[Sentence] = []
    mentions: list[Mention] = []
    claims: list[Claim] = []
    for line in header:
        sentences.append(Sentence(len(sentences), len(text), len(text) + len(line), line))
        text += line + "\n"
    text += "\n"
    for fact in atlas.facts:
        body, spans = _line(fact, names)
        line = body + _citation(fact)
        start = len(text)
        index = len(sentences)
        sentences.append(Sentence(index, start, start + len(line), line))
        for eid, a, b in spans:
            mentions.append(Mention(eid, start + a, start + b, line[a:b], index))
        source = atlas.sources[fact.source]
        claims.append(
            Claim(
                subject=fact.subject,
                predicate=fact.predicate,
                object=fact.object,
                value=fact.value,
                measure=fact.measure,
                time=fact.time,
                sentence=index,
                span_start=start,
                span_end=start + len(body),
                confidence=1.0,
                method=ATLAS_METHOD,
                qualifiers={
                    **fact.qualifiers,
                    "source": {
                        "id": fact.source,
                        "title": source.get("title", ""),
                        "paragraphs": list(fact.paras),
                    },
                },
                status="accepted",
            )
        )
        text += line + "\n"
    data = text.encode("utf-8")
    meta = SourceText(
        text=text,
        title=ATLAS_TITLE,
        date=None,
        origin=ATLAS_ORIGIN,
        content_hash=hashlib.sha256(data).hexdigest(),
        kind="atlas",
        doc_id=document_id(data),
    )
    analysis = DocumentAnalysis(text, sentences, dict(entities), mentions, claims, len(text.split()))
    return meta, analysis, list(entities.values())


def _entity(record: Mapping[str, Any]) -> Entity:
    lat, lon = record.get("lat"), record.get("lon")
    return Entity(
        id=str(record["id"]),
        name=str(record["name"]),
        type=str(record["type"]),
        aliases=[str(a) for a in record.get("aliases") or []],
        description=str(record.get("description") or ""),
        lat=float(lat) if lat is not None else None,
        lon=float(lon) if lon is not None else None,
    )


def install_atlas(store: Any, atlas: Atlas | None = None) -> dict[str, Any]:
    """Write the atlas into a store: its entities (as curated) and its document and claims.

    Writing it again with the same content changes nothing; a changed atlas replaces the old
    one (same origin).

    Args:
        store: a :class:`kronika.store.Store`.
        atlas: the atlas; the shipped one by default.

    Returns:
        ``{"document": id, "facts": n, "entities": n, "unchanged": bool}``.
    """
    meta, analysis, entities = atlas_document(atlas)
    store.upsert_entities(entities, origin="registry")
    unchanged = bool(store.has_document(meta.doc_id))
    if not unchanged:
        store.write_document(meta, analysis)
    return {
        "document": meta.doc_id,
        "facts": len(analysis.claims),
        "entities": len(entities),
        "unchanged": unchanged,
    }


def measure_aliases() -> dict[str, str]:
    """The shipped measure synonyms (synonym → canonical name)."""
    return dict(load_atlas().measures)


def headline_series() -> list[dict[str, str]]:
    """The shipped overview's headline series."""
    return [dict(s) for s in load_atlas().headline_series]


def fact_files() -> Sequence[str]:
    """Names of the shipped fact files."""
    return sorted({f.file for f in load_atlas().facts})


def iter_fact_claims(atlas: Atlas | None = None) -> Iterable[Claim]:
    """The atlas facts as claims (as :func:`atlas_document` makes them)."""
    return atlas_document(atlas)[1].claims
