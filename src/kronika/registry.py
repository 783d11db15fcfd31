"""The alias registry: what kronika knows about named entities before it reads a word.

Named entities belong in data, never in extraction code. The registry is a set of YAML files
(``kronika/data/registry/*.yaml``), each a list of records such as::

    - id: org/high-technologies-park
      name: High Technologies Park
      type: organization
      aliases: [HTP, Hi-Tech Park, PVT, ПВТ, Park]
      ambiguous: [Park]
      case_sensitive: [PVT]
      description: Belarusian special legal and tax regime for software firms, launched in 2005.
      country: place/belarus
      founded: 2005

The extraction pipeline uses it to recognise and type names the statistical NER misses or
mislabels, to merge short, long and other-language forms into one entity, and to map
demonyms ("Polish", "Danish-Ukrainian") to countries. The same records are the entity half
of the curated atlas (descriptions, coordinates, founding years).

Record fields:
    Required: ``id`` (``<prefix>/<slug>``, the prefix given by the type, see
    :data:`kronika.ids.TYPE_PREFIX`), ``name``, ``type`` (one of
    :data:`kronika.models.ENTITY_TYPES`).
    Optional: ``aliases``, ``ambiguous`` (names of this record that are never matched
    automatically: ordinary words, or names another entity owns), ``case_sensitive`` (names
    matched only as written, such as "US" and "SAP"), ``description`` (one line), ``kind``
    (for places ``country``, ``city`` or ``region``; free for other types), ``country``,
    ``capital``, ``headquarters`` (place ids), ``successor`` (any id), ``founded``,
    ``dissolved`` (years), ``start``, ``end`` (years, for events), ``historical`` (true for
    states that no longer exist), ``lat``, ``lon``,
    ``iso2``, ``demonyms`` (adjective and people forms; plurals in "-s" are derived),
    ``sources`` (free text).

Every name that is not ambiguous maps to exactly one entity, compared with
:func:`normalise_name` (the data tests enforce this); at load time the first record wins
and the clash is kept in :attr:`Registry.collisions`.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from kronika.ids import TYPE_PREFIX
from kronika.models import ENTITY_TYPES, Entity

__all__ = [
    "COMPILED_NAME",
    "PLACE_KINDS",
    "RECORD_FIELDS",
    "Registry",
    "RegistryError",
    "compile_registry",
    "compiled_is_current",
    "data_files",
    "load_registry",
    "normalise_name",
    "read_records",
    "validate_records",
]

#: The kinds of place that :meth:`Registry.kind` reports.
PLACE_KINDS: tuple[str, ...] = ("country", "city", "region")

#: Every field a registry record may carry.
RECORD_FIELDS: frozenset[str] = frozenset(
    {
        "id",
        "name",
        "type",
        "aliases",
        "ambiguous",
        "case_sensitive",
        "description",
        "kind",
        "country",
        "capital",
        "headquarters",
        "successor",
        "founded",
        "dissolved",
        "start",
        "end",
        "historical",
        "lat",
        "lon",
        "iso2",
        "demonyms",
        "sources",
    }
)

# Fields that hold the id of another registry record, and whether it must be a place.
_REFERENCE_FIELDS: dict[str, bool] = {
    "country": True,
    "capital": True,
    "headquarters": True,
    "successor": False,
}

_DATA_PACKAGE = "kronika"
_DATA_DIR = ("data", "registry")
#: The fast-loading JSON copy of the shipped YAML files, beside them.
COMPILED_NAME = "compiled.json"

# Quotes and apostrophes that should all read as "'"; dashes and minus that read as "-".
_QUOTES = re.compile("[\u2018\u2019\u201a\u201b\u02bb\u02bc\u0060\u00b4\u2032]")
_DASHES = re.compile("[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
# Letters that Unicode does not decompose into a base letter plus an accent.
_FOLD = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
        "ı": "i",
        "ß": "ss",
    }
)
_POSSESSIVE = re.compile(r"'s?\W*$")
_JOINERS = re.compile(r"[.'\u00ad]")  # abbreviation dots, apostrophes, soft hyphens: "U.S." -> "US"
_SEPARATORS = re.compile(r"[\W_]+")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_COMPOUND = re.compile(r"\s*[-/]\s*")


class RegistryError(ValueError):
    """Raised when a registry file cannot be read or a record lacks what every record needs."""


def normalise_name(text: str) -> str:
    """The form under which names are compared: "The U.S.'s" and "the US" both give "us".

    The steps, in order: curly quotes become "'" and every dash becomes "-"; letters lose
    their accents (NFKD, combining marks dropped, and ł ø đ æ œ ß folded by hand, so "Łódź"
    is "lodz" and "Мінск" keeps its Cyrillic letters); case is folded; "&" reads "and"; a
    trailing possessive ("'s" or a bare "'") goes; dots and apostrophes are deleted, so
    abbreviations join ("U.S.S.R." is "ussr", "Maps.me" is "mapsme"); every other run of
    punctuation or space, hyphens included, becomes one space ("Hi-Tech" is "hi tech");
    finally a leading "the" goes.

    Args:
        text: a name as written.

    Returns:
        The normalised name; empty when nothing is left.
    """
    return _normalise(text, fold_case=True)


def _normalise(text: str, *, fold_case: bool) -> str:
    s = text.replace("`", "'")
    if not s.isascii():  # most names are ASCII: skip the Unicode work for them
        s = _QUOTES.sub("'", s)
        s = _DASHES.sub("-", s)
        s = s.translate(_FOLD)
        s = unicodedata.normalize("NFKD", s)
        s = "".join(c for c in s if not unicodedata.combining(c))
    if fold_case:
        s = s.casefold()
    s = s.replace("&", " and ").strip()
    s = _POSSESSIVE.sub("", s)
    s = _JOINERS.sub("", s)
    s = _SEPARATORS.sub(" ", s).strip()
    return _LEADING_THE.sub("", s)


class Registry:
    """Entities known in advance, with their names, demonyms and atlas details.

    Attributes:
        entities: every entity by id (curated records first, then learnt ones).
        collisions: ``(name, kept id, dropped id)`` for names two records both claim; the
            first record read keeps the name. Empty for the shipped data.
    """

    def __init__(self, records: Iterable[Mapping[str, Any]] = ()) -> None:
        """Build a registry from records (see the module docstring for their fields).

        Args:
            records: registry records, in priority order.

        Raises:
            RegistryError: a record lacks an id, name or valid type, or an id repeats.
        """
        self.entities: dict[str, Entity] = {}
        self.collisions: list[tuple[str, str, str]] = []
        self._records: dict[str, dict[str, Any]] = {}
        self._owners: dict[str, str] = {}  # normalise_name(name) -> id, every matchable name
        self._names: dict[str, str] = {}  # the same, minus case-sensitive names
        self._exact: dict[str, str] = {}  # case-kept normal form of a case-sensitive name -> id
        self._surfaces: dict[str, list[str]] = {}  # id -> names matched automatically, as written
        self._surface_table: list[tuple[str, str, bool]] | None = None  # made from _surfaces
        self._demonyms: dict[str, str] = {}  # normalise_name(demonym) -> id
        for record in records:
            self._add_record(record)

    # -- building -------------------------------------------------------------------------

    def _add_record(self, record: Mapping[str, Any]) -> None:
        eid, name, type_ = record.get("id"), record.get("name"), record.get("type")
        if not isinstance(eid, str) or not isinstance(name, str) or not name.strip():
            raise RegistryError(f"Registry record {dict(record)!r} needs a string id and name.")
        if type_ not in ENTITY_TYPES:
            raise RegistryError(
                f"Registry record {eid}: type {type_!r} is not one of {', '.join(ENTITY_TYPES)}."
            )
        if eid in self._records:
            raise RegistryError(f"Registry id {eid} appears twice; ids must be unique across registry files.")
        aliases = _strings(record.get("aliases"))
        ambiguous = {normalise_name(a) for a in _strings(record.get("ambiguous"))}
        case_sensitive = {normalise_name(a) for a in _strings(record.get("case_sensitive"))}
        names = _unique([name, *aliases])
        lat, lon = record.get("lat"), record.get("lon")
        entity = Entity(
            id=eid,
            name=name,
            type=type_,
            aliases=[a for a in names if a != name],
            description=str(record.get("description") or ""),
            lat=float(lat) if isinstance(lat, int | float) else None,
            lon=float(lon) if isinstance(lon, int | float) else None,
        )
        self._records[eid] = dict(record)
        self.entities[eid] = entity
        surfaces: list[str] = []
        for text in names:
            key = normalise_name(text)
            if not key or key in ambiguous:
                continue
            owner = self._owners.setdefault(key, eid)
            if owner != eid:
                self.collisions.append((text, owner, eid))
                continue
            if key in case_sensitive:
                self._exact.setdefault(_normalise(text, fold_case=False), eid)
            else:
                self._names[key] = eid
            surfaces.append(text)
        self._surfaces[eid] = surfaces
        self._surface_table = None
        for demonym in _strings(record.get("demonyms")):
            key = normalise_name(demonym)
            owner = self._demonyms.setdefault(key, eid)
            if owner != eid:
                self.collisions.append((demonym, owner, eid))

    def add(self, entity: Entity) -> None:
        """Add an entity learnt from a document, or more names for a known one.

        Curated names keep their owners: a learnt name that another entity already holds is
        kept on the entity but not indexed. Entities are replaced, never changed in place, so
        a :meth:`copy` taken before is not affected.

        Args:
            entity: the entity; when its id is known, its name and aliases are added to it.
        """
        known = self.entities.get(entity.id)
        if known is None:
            known = replace(entity, aliases=[])
            self._records[entity.id] = {
                "id": entity.id,
                "name": entity.name,
                "type": entity.type,
                "learnt": True,
            }
            self._surfaces[entity.id] = []
        have = {known.name, *known.aliases}
        new = [n for n in _unique([entity.name, *entity.aliases]) if n not in have]
        updated = replace(
            known,
            aliases=[*known.aliases, *new],
            description=known.description or entity.description,
            lat=known.lat if known.lat is not None else entity.lat,
            lon=known.lon if known.lon is not None else entity.lon,
        )
        self.entities[entity.id] = updated
        surfaces = list(self._surfaces[entity.id])
        for text in [updated.name, *new]:
            key = normalise_name(text)
            if key and self._owners.setdefault(key, entity.id) == entity.id and text not in surfaces:
                self._names.setdefault(key, entity.id)
                surfaces.append(text)
        self._surfaces[entity.id] = surfaces
        self._surface_table = None

    def copy(self) -> Registry:
        """A registry that can learn entities without changing this one (cheap: shares entities)."""
        other = Registry()
        other.entities = dict(self.entities)
        other.collisions = list(self.collisions)
        other._records = dict(self._records)
        other._owners = dict(self._owners)
        other._names = dict(self._names)
        other._exact = dict(self._exact)
        other._surfaces = dict(self._surfaces)
        other._demonyms = dict(self._demonyms)
        return other

    # -- lookups --------------------------------------------------------------------------

    def get(self, entity_id: str) -> Entity | None:
        """The entity with this id.

        Args:
            entity_id: an id such as ``place/poland``.

        Returns:
            The entity, or None when the id is unknown.
        """
        return self.entities.get(entity_id)

    def lookup(self, surface: str) -> Entity | None:
        """The entity a name refers to, compared with :func:`normalise_name`.

        Names marked ambiguous are never found; case-sensitive names ("US", "SAP") are found
        only as written, give or take dots, a leading "the" and a possessive ("the U.S.'s").

        Args:
            surface: a name as written in a document ("the Hi-Tech Park", "Kiev", "ПВТ").

        Returns:
            The entity, or None when no entity owns the name.
        """
        eid = self._names.get(normalise_name(surface))
        if eid is None:
            eid = self._exact.get(_normalise(surface, fold_case=False))
        return self.entities.get(eid) if eid is not None else None

    def country_for_demonym(self, word: str) -> Entity | None:
        """The place a demonym names: "Polish" and "Poles" give Poland, "Soviet" the Soviet Union.

        Case-insensitive. A plural in "-s" is tried as its singular ("Belarusians").

        Args:
            word: an adjective or people noun.

        Returns:
            The country (or region, for "European", "Baltic" ...), or None.
        """
        key = normalise_name(word)
        eid = self._demonyms.get(key)
        if eid is None and key.endswith("s"):
            eid = self._demonyms.get(key[:-1])
        return self.entities.get(eid) if eid is not None else None

    def demonym_countries(self, text: str) -> list[Entity]:
        """The places a demonym or hyphenated compound names, in order.

        "Danish-Ukrainian" gives [Denmark, Ukraine]; "Belarusian-Russian" [Belarus, Russia];
        "Bissau-Guinean" and "post-Soviet", themselves demonyms, give one place. A compound
        counts only when every part is a demonym, so "Soviet-era" and "Russian-speaking"
        give [].

        Args:
            text: one word or hyphenated compound, as written.

        Returns:
            The places, without repeats; empty when the text is not a demonym.
        """
        whole = self.country_for_demonym(text)
        if whole is not None:
            return [whole]
        parts = [p for p in _COMPOUND.split(_DASHES.sub("-", text.strip())) if p]
        if len(parts) < 2:
            return []
        found: list[Entity] = []
        for part in parts:
            place = self.country_for_demonym(part)
            if place is None:
                return []
            if place not in found:
                found.append(place)
        return found

    def surface_forms(self, *, case_sensitive: bool | None = None) -> Iterator[tuple[str, str]]:
        """Every automatically matchable name, as written, with its entity id.

        For building a spaCy ``PhraseMatcher``. Ambiguous names and names that another entity
        owns are left out.

        Args:
            case_sensitive: None for every name; True for only the names to match as written
                ("US", "SAP"); False for only the others.

        Yields:
            ``(name, entity id)`` pairs, curated entities first, in file order.
        """
        for text, eid, exact in self.surface_table():
            if case_sensitive is None or case_sensitive == exact:
                yield text, eid

    def surface_table(self) -> list[tuple[str, str, bool]]:
        """Every automatically matchable name with its entity id and whether it matches only as
        written (the data :meth:`surface_forms` filters), computed once."""
        if self._surface_table is None:
            self._surface_table = [
                (text, eid, normalise_name(text) not in self._names)
                for eid, surfaces in self._surfaces.items()
                for text in surfaces
            ]
        return self._surface_table

    def info(self, entity_id: str) -> dict[str, Any]:
        """The raw record of an entity (kind, country, founded, demonyms, sources ...).

        Args:
            entity_id: an entity id.

        Returns:
            A copy of the record; for a learnt entity its id, name, type and ``learnt: True``;
            an empty dict for an unknown id.
        """
        return copy.deepcopy(self._records.get(entity_id, {}))

    def field(self, entity_id: str, key: str) -> Any:
        """One field of an entity's record (a copy when it is a list or a mapping), or None."""
        value = self._records.get(entity_id, {}).get(key)
        return copy.deepcopy(value) if isinstance(value, list | dict) else value

    def kind(self, entity_id: str) -> str | None:
        """What sort of place an entity is.

        Args:
            entity_id: an entity id.

        Returns:
            ``country``, ``city`` or ``region`` for registry places; None for everything else
            (other types, learnt entities, unknown ids).
        """
        record = self._records.get(entity_id)
        if record is None or record.get("type") != "place":
            return None
        kind = record.get("kind")
        return kind if kind in PLACE_KINDS else None

    def __len__(self) -> int:
        return len(self.entities)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self.entities


# -- loading ------------------------------------------------------------------------------


def load_registry(paths: Sequence[Path] | None = None) -> Registry:
    """The registry built from YAML files.

    The default registry (every ``*.yaml`` file in ``kronika/data/registry``, read through
    :mod:`importlib.resources` so it works from an installed wheel) is built once per process
    and shared: take :meth:`Registry.copy` before :meth:`Registry.add` when a caller must not
    see another's learnt entities. It is read from ``compiled.json`` beside the YAML files
    when that file was compiled from exactly the current YAML bytes (parsing YAML in Python
    is slow); otherwise from the YAML itself. Refresh it with
    ``python -m kronika.registry`` after editing the data.

    Args:
        paths: YAML files or directories of them, read in order (files of a directory by
            name); None for the shipped data.

    Returns:
        The registry.

    Raises:
        RegistryError: a file is not a YAML list of records, or a record is malformed.
    """
    if paths is None:
        return _default_registry()
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    return Registry(record for file in files for record in _read(file))


@functools.lru_cache(maxsize=1)
def _default_registry() -> Registry:
    return Registry(_default_records())


def _default_records() -> list[dict[str, Any]]:
    """The shipped records: from the compiled JSON when it is current, else from the YAML."""
    files = _data_files()
    compiled = _data_dir() / COMPILED_NAME
    if compiled.is_file():
        try:
            data = json.loads(compiled.read_text(encoding="utf-8"))
        except ValueError:
            data = None
        if isinstance(data, dict) and data.get("sources") == _source_digests(files):
            records = data.get("records")
            if isinstance(records, list):
                return records
    return [record for file in files for record in _read(file)]


def _source_digests(files: Sequence[Traversable]) -> dict[str, str]:
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in files}


def compile_registry() -> Path:
    """Write ``compiled.json``, the fast-loading copy of the shipped YAML files.

    Only for a source checkout (the data directory must be writable).

    Returns:
        The path written.

    Raises:
        RegistryError: the YAML is malformed, or the data directory is not on disk.
    """
    files = _data_files()
    records = [record for file in files for record in _read(file)]
    Registry(records)  # fail here, not at load time, on malformed records
    target = _data_dir() / COMPILED_NAME
    if not isinstance(target, Path):
        raise RegistryError(f"The registry data directory {_data_dir()} is not a writable directory.")
    body = {"format": 1, "sources": _source_digests(files), "records": records}
    target.write_text(json.dumps(body, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return target


def compiled_is_current() -> bool:
    """True when ``compiled.json`` matches the shipped YAML files byte for byte."""
    compiled = _data_dir() / COMPILED_NAME
    if not compiled.is_file():
        return False
    try:
        data = json.loads(compiled.read_text(encoding="utf-8"))
    except ValueError:
        return False
    return isinstance(data, dict) and data.get("sources") == _source_digests(_data_files())


def _data_dir() -> Traversable:
    root = resources.files(_DATA_PACKAGE)
    for part in _DATA_DIR:
        root = root / part
    return root


def _data_files() -> list[Traversable]:
    return sorted((f for f in _data_dir().iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)


def data_files() -> list[Traversable]:
    """The shipped registry files, in load order.

    Returns:
        Every ``*.yaml`` file of ``kronika/data/registry``, by name.
    """
    return _data_files()


def read_records(source: Path | Traversable) -> list[dict[str, Any]]:
    """The records of one registry file.

    Args:
        source: a YAML file holding a list of records.

    Returns:
        The records, in file order.

    Raises:
        RegistryError: the file is not YAML or not a list of mappings.
    """
    return _read(source)


def _read(source: Path | Traversable) -> list[dict[str, Any]]:
    try:
        data = yaml.load(source.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        raise RegistryError(f"Registry file {source} is not valid YAML: {exc}") from exc
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise RegistryError(f"Registry file {source} must hold a YAML list of records (mappings).")
    return data


# The C loader when PyYAML was built with libyaml; it parses several times faster.
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# -- validation ---------------------------------------------------------------------------


def validate_records(records: Iterable[Mapping[str, Any]]) -> list[str]:
    """Check registry records against the schema; the data tests require no problems.

    Checks: required fields and their types; the type is known and the id's prefix matches
    it; the slug is lower-case ASCII words joined by hyphens; no id repeats; list fields are
    lists of strings; ambiguous and case-sensitive names are names of the record; the
    description is one line; lat and lon come together and lie in -90..90 and -180..180;
    references (country, capital, headquarters: places; successor: any record) exist;
    places have a known kind; no unknown fields; no name or demonym belongs to two records.

    Args:
        records: every record of the registry.

    Returns:
        One message per problem, naming the record; empty when all is well.
    """
    records = list(records)
    problems: list[str] = []
    ids: dict[str, Mapping[str, Any]] = {}
    for record in records:
        eid = record.get("id")
        if not isinstance(eid, str):
            problems.append(f"record without a string id: {dict(record)!r}")
            continue
        if eid in ids:
            problems.append(f"{eid}: id appears twice")
        ids[eid] = record
    owners: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    for eid, record in ids.items():
        problems.extend(f"{eid}: {p}" for p in _record_problems(record, ids))
        ambiguous = {normalise_name(a) for a in _strings(record.get("ambiguous"))}
        for text in _unique([str(record.get("name", "")), *_strings(record.get("aliases"))]):
            key = normalise_name(text)
            if not key:
                problems.append(f"{eid}: name {text!r} normalises to nothing")
            elif key not in ambiguous and owners.setdefault(key, eid) != eid:
                problems.append(f"{eid}: name {text!r} is also a name of {owners[key]}")
        for demonym in _strings(record.get("demonyms")):
            key = normalise_name(demonym)
            if demonyms.setdefault(key, eid) != eid:
                problems.append(f"{eid}: demonym {demonym!r} is also a demonym of {demonyms[key]}")
    return problems


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LIST_FIELDS = ("aliases", "ambiguous", "case_sensitive", "demonyms")


def _record_problems(record: Mapping[str, Any], ids: Mapping[str, Mapping[str, Any]]) -> Iterator[str]:
    eid = str(record["id"])
    unknown = sorted(set(record) - RECORD_FIELDS)
    if unknown:
        yield f"unknown fields {unknown}"
    name, type_ = record.get("name"), record.get("type")
    if not isinstance(name, str) or not name.strip():
        yield "needs a name"
    if type_ not in ENTITY_TYPES:
        yield f"type {type_!r} is not one of {ENTITY_TYPES}"
    else:
        prefix, _, slug = eid.partition("/")
        if prefix != TYPE_PREFIX[str(type_)]:
            yield f"id prefix {prefix!r} does not match type {type_!r} (want {TYPE_PREFIX[str(type_)]!r})"
        if not _SLUG.match(slug):
            yield f"id slug {slug!r} is not lower-case words joined by hyphens"
    for key in _LIST_FIELDS:
        value = record.get(key)
        if value is not None and not (
            isinstance(value, list) and all(v and isinstance(v, str) for v in value)
        ):
            yield f"{key} must be a list of non-empty strings"
    names = {normalise_name(n) for n in [str(name), *_strings(record.get("aliases"))]}
    for key in ("ambiguous", "case_sensitive"):
        for text in _strings(record.get(key)):
            if normalise_name(text) not in names:
                yield f"{key} entry {text!r} is not the name or an alias"
    description = record.get("description")
    if description is not None and (not isinstance(description, str) or "\n" in description.strip()):
        yield "description must be one line of text"
    lat, lon = record.get("lat"), record.get("lon")
    if (lat is None) != (lon is None):
        yield "lat and lon come together"
    if lat is not None and not _number_in(lat, 90):
        yield f"lat {lat!r} is not in -90..90"
    if lon is not None and not _number_in(lon, 180):
        yield f"lon {lon!r} is not in -180..180"
    for key in ("founded", "dissolved", "start", "end"):
        year = record.get(key)
        if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 0 < year < 2100):
            yield f"{key} {year!r} is not a year"
    for key, place_only in _REFERENCE_FIELDS.items():
        ref = record.get(key)
        if ref is None:
            continue
        target = ids.get(str(ref))
        if target is None:
            yield f"{key} {ref!r} is not a registry id"
        elif place_only and target.get("type") != "place":
            yield f"{key} {ref!r} is not a place"
    if type_ == "place" and record.get("kind") not in PLACE_KINDS:
        yield f"place kind {record.get('kind')!r} is not one of {PLACE_KINDS}"
    if record.get("demonyms") and type_ != "place":
        yield "only places have demonyms"
    iso2 = record.get("iso2")
    if iso2 is not None and (not isinstance(iso2, str) or not re.fullmatch(r"[A-Z]{2}", iso2)):
        yield f"iso2 {iso2!r} is not two capital letters"
    if record.get("historical") is not None and not isinstance(record.get("historical"), bool):
        yield "historical must be true or false"


# -- helpers ------------------------------------------------------------------------------


def _number_in(value: object, bound: float) -> bool:
    """True for a number (not a bool) in -bound..bound."""
    return isinstance(value, int | float) and not isinstance(value, bool) and -bound <= value <= bound


def _strings(value: object) -> list[str]:
    """A list field's strings (a lone string counts as a one-item list)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value if v is not None and str(v).strip()]
    return []


def _unique(names: Iterable[str]) -> list[str]:
    """The names without exact repeats, in order."""
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        name = name.strip()
        if name and name not in seen:
            seen.add(name)
            out.append(name)
    return out


def main() -> None:
    """Compile the shipped registry (``python -m kronika.registry``) after checking it."""
    records = [record for file in _data_files() for record in _read(file)]
    problems = validate_records(records)
    for problem in problems:
        print(f"registry: {problem}")
    if problems:
        raise SystemExit(1)
    print(f"registry: wrote {compile_registry()} ({len(records)} records)")


if __name__ == "__main__":
    main()
