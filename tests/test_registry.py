"""The alias registry: its data (schema, uniqueness, originality) and its loader."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kronika.ids import TYPE_PREFIX
from kronika.models import ENTITY_TYPES, Entity
from kronika.registry import (
    RECORD_FIELDS,
    Registry,
    RegistryError,
    compiled_is_current,
    data_files,
    load_registry,
    normalise_name,
    read_records,
    validate_records,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ARTICLE = SHARED / "corpus" / "belarus-it-history.txt"


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return [record for file in data_files() for record in read_records(file)]


@pytest.fixture(scope="module")
def by_id(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in records}


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


# -- the data ------------------------------------------------------------------------------


def test_data_files_are_the_three_yaml_files() -> None:
    assert {f.name for f in data_files()} >= {"places.yaml", "sector.yaml", "sectors.yaml"}


def test_validator_finds_no_problem(records: list[dict[str, Any]]) -> None:
    problems = validate_records(records)
    assert problems == [], "\n".join(problems)


def test_every_record_has_the_required_fields(records: list[dict[str, Any]]) -> None:
    for r in records:
        assert isinstance(r.get("id"), str) and r["id"], r
        assert isinstance(r.get("name"), str) and r["name"].strip(), r
        assert r.get("type") in ENTITY_TYPES, r
        prefix, _, slug = r["id"].partition("/")
        assert prefix == TYPE_PREFIX[r["type"]], r["id"]
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), r["id"]
        assert set(r) <= RECORD_FIELDS, (r["id"], set(r) - RECORD_FIELDS)
        description = r.get("description", "")
        assert isinstance(description, str) and "\n" not in description.strip(), r["id"]


def test_ids_are_unique(records: list[dict[str, Any]]) -> None:
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_coordinates_are_in_range(records: list[dict[str, Any]]) -> None:
    for r in records:
        assert ("lat" in r) == ("lon" in r), r["id"]
        if "lat" in r:
            assert -90 <= r["lat"] <= 90, r["id"]
            assert -180 <= r["lon"] <= 180, r["id"]


def test_references_exist(by_id: dict[str, dict[str, Any]]) -> None:
    for r in by_id.values():
        for key in ("country", "capital", "headquarters"):
            if key in r:
                assert r[key] in by_id, (r["id"], key, r[key])
                assert by_id[r[key]]["type"] == "place", (r["id"], key)
        if "successor" in r:
            assert r["successor"] in by_id, r["id"]


def test_every_place_has_a_kind_and_coordinates(records: list[dict[str, Any]]) -> None:
    for r in records:
        if r["type"] == "place":
            assert r.get("kind") in ("country", "city", "region"), r["id"]
            assert "lat" in r, r["id"]


def test_no_name_belongs_to_two_entities(records: list[dict[str, Any]]) -> None:
    """Case- and punctuation-insensitive: "U.S." and "US" are one name."""
    owner: dict[str, str] = {}
    clashes: list[str] = []
    for r in records:
        ambiguous = {normalise_name(a) for a in r.get("ambiguous", [])}
        for name in [r["name"], *r.get("aliases", [])]:
            key = normalise_name(name)
            assert key, (r["id"], name)
            if key in ambiguous:
                continue
            if owner.setdefault(key, r["id"]) != r["id"]:
                clashes.append(f"{name!r}: {owner[key]} and {r['id']}")
    assert clashes == []


def test_no_demonym_belongs_to_two_places(records: list[dict[str, Any]]) -> None:
    owner: dict[str, str] = {}
    for r in records:
        for demonym in r.get("demonyms", []):
            assert owner.setdefault(normalise_name(demonym), r["id"]) == r["id"], demonym


def test_ambiguous_and_case_sensitive_names_are_names_of_their_record(records: list[dict[str, Any]]) -> None:
    for r in records:
        names = {normalise_name(n) for n in [r["name"], *r.get("aliases", [])]}
        for key in ("ambiguous", "case_sensitive"):
            for name in r.get(key, []):
                assert normalise_name(name) in names, (r["id"], key, name)


def test_validator_reports_a_collision_and_a_bad_record() -> None:
    bad = [
        {"id": "org/a", "name": "Alpha", "type": "organization", "aliases": ["A.B.C."]},
        {"id": "org/b", "name": "Beta", "type": "organization", "aliases": ["abc"]},
        {"id": "place/c", "name": "Gamma", "type": "organization", "lat": 95, "lon": 0},
        {"id": "place/d", "name": "Delta", "type": "place", "kind": "country", "country": "place/nowhere"},
    ]
    problems = "\n".join(validate_records(bad))
    assert "'abc' is also a name of org/a" in problems
    assert "does not match type" in problems
    assert "lat 95" in problems
    assert "place/nowhere" in problems


def test_every_sovereign_country_is_there(records: list[dict[str, Any]]) -> None:
    countries = [r for r in records if r.get("kind") == "country" and not r.get("historical")]
    assert len(countries) >= 197  # 193 UN members, the Vatican, Palestine, Kosovo, Taiwan
    codes = [r["iso2"] for r in countries]
    assert len(codes) == len(set(codes))
    for r in countries:
        assert r.get("demonyms") or r["id"] in (
            "place/dominica",
            "place/vatican-city",
            "place/congo",
            "place/dr-congo",
        )


def test_capitals_are_cities_of_their_country(by_id: dict[str, dict[str, Any]]) -> None:
    for r in by_id.values():
        if "capital" in r:
            capital = by_id[r["capital"]]
            assert capital["kind"] == "city", r["id"]
            assert capital.get("country", r["id"]) == r["id"], (r["id"], capital["id"])


def test_compiled_copy_matches_the_yaml() -> None:
    assert compiled_is_current(), "registry YAML changed: run `.venv/bin/python -m kronika.registry`"


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", normalise_name(text))


@pytest.mark.shared
@pytest.mark.skipif(not ARTICLE.exists(), reason=f"the article is not here ({ARTICLE}); ../shared is absent")
def test_no_text_copies_the_article(records: list[dict[str, Any]]) -> None:
    """No run of 8 words of the article appears in any record (descriptions are our own words)."""
    n = 8
    words = _words(ARTICLE.read_text(encoding="utf-8"))
    article = {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}
    copied = []
    for r in records:
        for text in _strings(r):
            w = _words(text)
            copied += [
                (r["id"], " ".join(w[i : i + n]))
                for i in range(len(w) - n + 1)
                if tuple(w[i : i + n]) in article
            ]
    assert copied == []


# -- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("The U.S.'s", "us"),
        ("the US", "us"),
        ("U.S.S.R.", "ussr"),
        ("Hi-Tech Park", "hi tech park"),
        ("Hi‑Tech  Park", "hi tech park"),  # non-breaking hyphen, two spaces
        ("HTP’s", "htp"),
        ("Łódź", "lodz"),
        ("Côte d'Ivoire", "cote divoire"),
        ("Мінск", "мінск"),
        ("Могилёв", "могилев"),
        ("Maps.me", "mapsme"),
        ("Bosnia & Herzegovina", "bosnia and herzegovina"),
        ("Minsk (computer)", "minsk computer"),
        ("Theodor", "theodor"),
        ("  ", ""),
    ],
)
def test_normalise_name(text: str, normal: str) -> None:
    assert normalise_name(text) == normal


@pytest.mark.parametrize(
    ("surface", "entity_id"),
    [
        ("HTP", "org/high-technologies-park"),
        ("Hi-Tech Park", "org/high-technologies-park"),
        ("the High Technologies Park", "org/high-technologies-park"),
        ("HTP's", "org/high-technologies-park"),
        ("ПВТ", "org/high-technologies-park"),
        ("Парк высоких технологий", "org/high-technologies-park"),
        ("Kiev", "place/kyiv"),
        ("Київ", "place/kyiv"),
        ("the Belarusian SSR", "place/belarusian-ssr"),
        ("Byelorussian SSR", "place/belarusian-ssr"),
        ("U.S.S.R.", "place/soviet-union"),
        ("Minsk", "place/minsk"),
        ("Мінск", "place/minsk"),
        ("Minsk-brand computers", "product/minsk-computers"),
        ("ES EVM", "product/es-evm"),
        ("CMEA", "org/comecon"),
        ("Union State", "org/union-state"),
        ("USBR", "org/union-state"),
        ("Belhard", "org/belhard"),
        ("Tieto", "org/tieto"),
        ("Ciklum", "org/ciklum"),
        ("Sberbank Technologies", "org/sberbank-technologies"),
        ("Yandex", "org/yandex"),
        ("SAP", "org/sap"),
        ("NTT System", "org/ntt-system"),
        ("dev.by", "org/dev-by"),
        ("BSUIR", "org/bsuir"),
        ("Lukashenka", "person/alexander-lukashenko"),
        ("Valery Tsapkala", "person/valery-tsepkalo"),
        ("crypto decree", "policy/decree-no-8"),
        ("Poland Business Harbor", "policy/poland-business-harbour"),
        ("USSR collapse", "event/collapse-of-the-soviet-union"),
        ("Russo-Ukrainian War", "event/russian-invasion-of-ukraine"),
        ("IT professionals", "group/it-specialists"),
        ("banking software", "product/banking"),
        ("AI", "product/artificial-intelligence"),
        ("US", "place/united-states"),
        ("the U.S.", "place/united-states"),
        ("UK", "place/united-kingdom"),
        ("Great Britain", "place/united-kingdom"),
        ("Czechia", "place/czechia"),
        ("Georgia", "place/georgia"),
        ("Łódź", "place/lodz"),
        ("Lodz", "place/lodz"),
        ("Tiflis", "place/tbilisi"),
        ("Vilna", "place/vilnius"),
        ("Caucasus", "place/caucasus"),
        ("Transcaucasia", "place/caucasus"),
        ("Silicon Valley", "place/silicon-valley"),
        ("CIS", "org/commonwealth-of-independent-states"),
        ("EU", "org/european-union"),
        ("Viktar Prakapenya", "person/viktor-prokopenya"),
        ("MPOVT", "org/minsk-computer-plant"),
        ("Minsk Ordzhonikidze plant", "org/minsk-computer-plant"),
        ("Minsk-32", "product/minsk-32"),
        ("ES-1020", "product/es-1020"),
        ("Currency.com", "org/currency-com"),
        ("OJSC Integral", "org/integral"),
        ("Decree 8", "policy/decree-no-8"),
        ("GrSU", "org/grodno-state-university"),
    ],
)
def test_lookup(registry: Registry, surface: str, entity_id: str) -> None:
    found = registry.lookup(surface)
    assert found is not None and found.id == entity_id


@pytest.mark.parametrize(
    "surface",
    [
        "Park",
        "the Park",
        "us",
        "sap",
        "ai",
        "it",
        "NTT",
        "Korea",
        "Congo",
        "developers",
        "Flo",
        "IT Park",  # Uzbekistan, Kazan and others have one too
        "Integral",
        "Institute of Mathematics",
        "nowhere at all",
        "",
    ],
)
def test_ambiguous_and_unknown_names_are_not_found(registry: Registry, surface: str) -> None:
    assert registry.lookup(surface) is None


@pytest.mark.parametrize(
    ("word", "entity_id"),
    [
        ("Polish", "place/poland"),
        ("polish", "place/poland"),
        ("Poles", "place/poland"),
        ("Belarusian", "place/belarus"),
        ("Belarussian", "place/belarus"),
        ("Byelorussian", "place/belarus"),
        ("Belarusians", "place/belarus"),
        ("American", "place/united-states"),
        ("British", "place/united-kingdom"),
        ("Finnish", "place/finland"),
        ("Danish", "place/denmark"),
        ("German", "place/germany"),
        ("Chinese", "place/china"),
        ("Soviet", "place/soviet-union"),
        ("Swiss", "place/switzerland"),
    ],
)
def test_country_for_demonym(registry: Registry, word: str, entity_id: str) -> None:
    found = registry.country_for_demonym(word)
    assert found is not None and found.id == entity_id


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("Danish-Ukrainian", ["place/denmark", "place/ukraine"]),
        ("Danish–Ukrainian", ["place/denmark", "place/ukraine"]),
        ("Belarusian-Russian", ["place/belarus", "place/russia"]),
        ("Russian-Ukrainian", ["place/russia", "place/ukraine"]),
        ("Sino-Soviet", ["place/china", "place/soviet-union"]),
        ("Polish", ["place/poland"]),
        ("Soviet", ["place/soviet-union"]),
        ("Bissau-Guinean", ["place/guinea-bissau"]),
        ("post-Soviet", ["place/post-soviet-space"]),
        ("Soviet-era", []),
        ("Minsk-based", []),
        ("company", []),
    ],
)
def test_demonym_countries(registry: Registry, text: str, ids: list[str]) -> None:
    assert [e.id for e in registry.demonym_countries(text)] == ids


# -- the loader ----------------------------------------------------------------------------


def test_entities_carry_names_description_and_coordinates(registry: Registry) -> None:
    minsk = registry.get("place/minsk")
    assert minsk is not None and minsk.type == "place"
    assert minsk.lat is not None and 53 < minsk.lat < 55 and minsk.lon is not None and 27 < minsk.lon < 28
    assert "Мінск" in minsk.aliases and minsk.name not in minsk.aliases
    computers = registry.get("product/minsk-computers")
    assert computers is not None and "Minsk" in computers.aliases  # ambiguous names stay on the entity
    park = registry.get("org/high-technologies-park")
    assert park is not None and park.description and park.lat is None
    assert registry.get("org/nothing") is None


def test_kind_info_and_types(registry: Registry) -> None:
    assert registry.kind("place/poland") == "country"
    assert registry.kind("place/warsaw") == "city"
    assert registry.kind("place/central-asia") == "region"
    assert registry.kind("place/soviet-union") == "country"
    assert registry.kind("org/european-union") is None  # organisations are not places
    assert registry.kind("org/nothing") is None
    info = registry.info("org/high-technologies-park")
    assert info["founded"] == 2005 and info["country"] == "place/belarus"
    assert registry.info("place/poland")["demonyms"][0] == "Polish"
    assert registry.info("org/nothing") == {}
    types = {e.type for e in registry.entities.values()}
    assert types == set(ENTITY_TYPES)


def test_surface_forms_leave_out_ambiguous_names(registry: Registry) -> None:
    forms = set(registry.surface_forms())
    assert ("HTP", "org/high-technologies-park") in forms
    assert ("ПВТ", "org/high-technologies-park") in forms
    assert ("Minsk", "place/minsk") in forms
    assert ("Minsk", "product/minsk-computers") not in forms
    assert ("Park", "org/high-technologies-park") not in forms
    assert ("NTT", "org/ntt-system") not in forms
    exact = set(registry.surface_forms(case_sensitive=True))
    assert ("US", "place/united-states") in exact and ("HTP", "org/high-technologies-park") not in exact
    assert exact | set(registry.surface_forms(case_sensitive=False)) == forms


def test_add_learns_entities_without_taking_curated_names(registry: Registry) -> None:
    local = registry.copy()
    local.add(Entity("org/minsk-startup-x", "Minsk Startup X", "organization", ["MSX", "HTP"]))
    learnt = local.lookup("MSX")
    assert learnt is not None and learnt.id == "org/minsk-startup-x"
    assert local.info("org/minsk-startup-x")["learnt"] is True
    assert local.lookup("HTP").id == "org/high-technologies-park"  # type: ignore[union-attr]
    local.add(Entity("org/belhard", "Belhard", "organization", ["Belhard IT Academy"]))
    assert local.lookup("Belhard IT Academy").id == "org/belhard"  # type: ignore[union-attr]
    # The shared registry did not change.
    assert registry.lookup("MSX") is None and registry.lookup("Belhard IT Academy") is None
    assert "Belhard IT Academy" not in registry.get("org/belhard").aliases  # type: ignore[union-attr]


def test_load_registry_from_paths(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "- {id: org/acme, name: Acme, type: organization, aliases: [ACME Corp]}\n"
        "- {id: place/acmeland, name: Acmeland, type: place, kind: country,"
        " demonyms: [Acmish], lat: 1, lon: 2}\n",
        encoding="utf-8",
    )
    (tmp_path / "b.yaml").write_text("- {id: org/other, name: Other, type: organization, aliases: [acme]}\n")
    reg = load_registry([tmp_path])
    assert reg.lookup("acme corp").id == "org/acme"  # type: ignore[union-attr]
    assert reg.lookup("ACME").id == "org/acme"  # type: ignore[union-attr]  # the first file wins
    assert reg.collisions == [("acme", "org/acme", "org/other")]
    assert [e.id for e in reg.demonym_countries("Acmish")] == ["place/acmeland"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- {id: org/x, name: X}\n", "type None"),
        ("- {id: org/x, name: X, type: organization}\n- {id: org/x, name: Y, type: organization}\n", "twice"),
        ("id: org/x\n", "list of records"),
        ("- [unclosed\n", "not valid YAML"),
    ],
)
def test_bad_files_raise(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError, match=re.escape(message)):
        load_registry([path])


def test_default_registry_is_shared_and_fast() -> None:
    assert load_registry() is load_registry()
    from kronika import registry as module

    best = min(_timed(lambda: module.Registry(module._default_records())) for _ in range(3))
    assert best < 0.2, f"building the default registry took {best:.3f}s"


def _timed(build: Any) -> float:
    start = time.perf_counter()
    build()
    return time.perf_counter() - start
