"""The JSON API through the app's test client, over the sample base (atlas + two memos)."""

from __future__ import annotations

from typing import Any

import pytest


def get(client: Any, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.text
    return response.json()


def test_overview_counts_eras_series_and_conflicts(client: Any) -> None:
    data = get(client, "/api/overview")
    assert data["counts"]["documents"] == 3
    assert data["counts"]["claims_by_status"]["accepted"] >= 97
    assert [e["name"] for e in data["eras"]][0] == "Soviet electronics era"
    assert len(data["eras"]) == 4
    titles = [s["title"] for s in data["series"]]
    assert titles == ["HTP residents", "HTP export revenue", "Emigration of IT specialists"]
    residents = data["series"][0]
    assert [p["year"] for p in residents["points"]] == [2011, 2016, 2021, 2025]
    assert all(p["value"]["comparator"] == ">" for p in residents["points"])  # bounds stay bounds
    assert [c["subject"]["id"] for c in data["conflicts"]] == ["org/dainova"]
    assert {d["kind"] for d in data["documents"]} == {"atlas", "text"}


def test_entity_page_groups_facts_with_evidence(client: Any) -> None:
    data = get(client, "/api/entities/HTP")
    assert data["entity"]["id"] == "org/high-technologies-park"
    assert "Hi-Tech Park" in data["entity"]["aliases"]
    labels = {(g["predicate"], g["direction"]) for g in data["groups"]}
    assert ("founded", "out") in labels and ("measure", "out") in labels
    founded = next(g for g in data["groups"] if g["predicate"] == "founded")["facts"][0]
    assert founded["time"]["start"] == "2005-01-01" and founded["status"] == "accepted"
    claim = founded["claims"][0]
    highlight = claim["evidence"]["highlight"]
    assert "founded" in highlight["hit"]
    assert claim["evidence"]["text"] == highlight["before"] + highlight["hit"] + highlight["after"]
    assert claim["cites"]["paragraphs"] == [12]
    assert {s["measure"] for s in data["series"]} >= {"residents", "export_revenue"}
    assert any(r["entity"]["id"] == "person/valery-tsepkalo" for r in data["related"])


def test_entity_page_by_id_with_slash_and_as_of(client: Any) -> None:
    everything = get(client, "/api/entities/org/high-technologies-park")
    early = get(client, "/api/entities/org/high-technologies-park?as_of=2004")
    assert early["as_of"] == 2004 and early["exists"] is False
    assert early["hidden"] > 0
    assert sum(len(g["facts"]) for g in early["groups"]) < sum(len(g["facts"]) for g in everything["groups"])
    mid = get(client, "/api/entities/org/high-technologies-park?as_of=2016")
    residents = next(s for s in mid["series"] if s["measure"] == "residents")
    assert [p["year"] for p in residents["points"]] == [2011, 2016]


def test_conflict_shows_every_source(client: Any) -> None:
    [conflict] = get(client, "/api/conflicts")
    assert conflict["kind"] == "time" and conflict["predicate"] == "founded"
    years = sorted(f["time"]["start"][:4] for f in conflict["facts"])
    assert years == ["1991", "1993"]
    statuses = {f["status"] for f in conflict["facts"]}
    assert statuses == {"accepted", "proposed"}
    page = get(client, "/api/entities/Dainova")
    assert page["conflicts"] and all(
        f["conflict"] for g in page["groups"] if g["predicate"] == "founded" for f in g["facts"]
    )


def test_machine_claims_attach_to_atlas_facts(client: Any) -> None:
    """The memo's "Belhard was founded in 1994" is further evidence for the atlas fact."""
    [fact] = [f for f in get(client, "/api/facts?entity=Belhard&predicate=founded")]
    assert fact["status"] == "accepted" and fact["sources"] == 2
    assert [c["status"] for c in fact["claims"]] == ["accepted", "proposed"]


def test_series_bounds_and_ranges(client: Any) -> None:
    [emigration] = get(client, "/api/series?subject=group/it-specialists&measure=emigrants")
    [point] = emigration["points"]
    assert (point["low"], point["high"], point["year"]) == (16000, 22000, 2022)
    exports = get(client, "/api/series?subject=HTP&measure=export_revenue")[0]
    assert [(p["year"], p["low"]) for p in exports["points"]] == [(2023, 3.2e9), (2024, 1.8e9)]
    assert exports["points"][0]["qualifiers"]["record"] is True


def test_timeline_items_and_eras(client: Any) -> None:
    data = get(client, "/api/timeline")
    assert len(data["items"]) > 30 and len(data["eras"]) == 4
    starts = [i["start"] for i in data["items"]]
    assert starts == sorted(starts)
    events = get(client, "/api/timeline?type=event")
    assert events["items"] and {i["type"] for i in events["items"]} == {"event"}
    one = get(client, "/api/timeline?entity=HTP")
    assert all("High Technologies Park" in (i["label"]) or i["object"] for i in one["items"])


def test_graph_whole_neighbourhood_filters_and_as_of(client: Any) -> None:
    whole = get(client, "/api/graph")
    assert len(whole["nodes"]) > 40 and len(whole["edges"]) > 40
    ids = {n["id"] for n in whole["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in whole["edges"])
    around = get(client, "/api/graph?entity=HTP")
    assert around["centre"] == "org/high-technologies-park"
    assert all("org/high-technologies-park" in (e["source"], e["target"]) for e in around["edges"])
    wider = get(client, "/api/graph?entity=HTP&depth=2")
    assert len(wider["nodes"]) > len(around["nodes"])
    places = get(client, "/api/graph?type=place")
    assert {n["type"] for n in places["nodes"]} == {"place"}
    located = get(client, "/api/graph?predicate=located_in,headquartered_in")
    assert {e["predicate"] for e in located["edges"]} == {"located_in", "headquartered_in"}
    early = get(client, "/api/graph?as_of=2000")
    names = {n["name"] for n in early["nodes"]}
    assert "High Technologies Park" not in names and "Dainova" in names


def test_map_places_and_flows(client: Any) -> None:
    data = get(client, "/api/map")
    places = {p["id"]: p for p in data["places"]}
    assert "place/minsk" in places and places["place/minsk"]["lat"] == pytest.approx(53.9)
    flows = {(f["from"]["id"], f["to"]["id"]) for f in data["flows"]}
    assert {
        ("place/belarus", f"place/{c}") for c in ("poland", "lithuania", "georgia", "armenia", "uzbekistan")
    } <= flows
    assert get(client, "/api/map?as_of=2010")["flows"] == []


def test_search_entities_and_sentences(client: Any) -> None:
    data = get(client, "/api/search?q=hi-tech park")
    assert data["entities"][0]["id"] == "org/high-technologies-park"
    data = get(client, "/api/search?q=founded")
    assert data["sentences"]
    hits = [seg for s in data["sentences"] for seg in s["segments"] if seg["hit"]]
    assert hits and all(seg["text"].lower().startswith("found") for seg in hits)
    assert get(client, "/api/search?q=%22%29%28*")["sentences"] == []  # FTS syntax is not an error


def test_document_page_segments(client: Any) -> None:
    docs = get(client, "/api/documents")
    memo = next(d for d in docs if d["title"] == "Markup memo")
    claim_id = get(client, f"/api/claims?document={memo['id']}")[0]["id"]
    data = get(client, f"/api/documents/{memo['id']}?claim={claim_id}")
    text = "".join(s["text"] for s in data["segments"])
    assert text.startswith("<script>")
    assert any(s["focus"] for s in data["segments"])
    assert any(s["entity"] for s in data["segments"])
    assert data["focus"]["id"] == claim_id
    assert [s["paragraph"] for s in data["segments"] if s["paragraph"] is not None] == [0, 1]


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/entities/no-such-thing", 404),
        ("/api/documents/d-0000", 404),
        ("/api/graph?depth=9", 422),
        ("/api/entities/HTP?as_of=soon", 422),
        ("/api/search", 422),
        ("/api/nothing-here", 404),
    ],
)
def test_errors_have_one_shape(client: Any, url: str, status: int) -> None:
    data = get(client, url, status)
    assert data["ok"] is False and data["status"] == status and data["error"]


def test_openapi_lists_every_route(client: Any) -> None:
    schema = get(client, "/openapi.json")
    for path in (
        "/api/overview",
        "/api/entities/{ref}",
        "/api/facts",
        "/api/conflicts",
        "/api/series",
        "/api/timeline",
        "/api/graph",
        "/api/map",
        "/api/search",
        "/api/documents/{ref}",
        "/api/claims",
    ):
        assert path in schema["paths"], path
    assert not any(p for p in schema["paths"] if not p.startswith("/api"))
