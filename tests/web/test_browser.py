"""The explorer in a real Chromium (Debian's, driven by Playwright) against a real uvicorn server.

Screenshots of every page go to ``test-artifacts/``. Skipped with a reason when Chromium or
Playwright is missing; the graph, timeline and map checks need the vendor files
(``python -m kronika.web.assets``), which the ``server`` fixture installs when npm is there.
"""

from __future__ import annotations

import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(sample_db: Path) -> Iterator[str]:
    """A uvicorn server for the sample base on a free port, in a thread; its URL."""
    import uvicorn

    from kronika.web import assets
    from kronika.web.app import make_app

    if not assets.installed():
        try:
            assets.install()
        except RuntimeError as exc:
            pytest.skip(f"the explorer's vendor files are missing and could not be installed: {exc}")
    port = free_port()
    config = uvicorn.Config(make_app(sample_db), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            srv.run()
        except BaseException as exc:  # noqa: BLE001 - reported by the readiness wait
            errors.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        if errors or not thread.is_alive():
            raise RuntimeError(f"the server died while starting: {errors!r}")
        try:
            with urllib.request.urlopen(url + "/api/documents", timeout=1) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("the server did not answer within 20 s")
        time.sleep(0.1)
    yield url
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page; JavaScript errors fail the test."""
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert errors == [], errors


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_overview_has_charts_with_points(server: str, page: Any) -> None:
    page.goto(server + "/")
    assert page.locator("h1").first.inner_text() == "What this knowledge base holds"
    assert page.locator("svg.series-chart").count() == 3
    assert page.locator("svg.series-chart circle.pt").count() >= 6
    assert page.locator(".era").count() == 4
    shot(page, "overview")


def test_search_open_entity_and_expand_a_fact(server: str, page: Any) -> None:
    page.goto(server + "/")
    page.fill("header input[name=q]", "Hi-Tech Park")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=*")
    first = page.locator(".search-entities a.entity").first
    assert first.inner_text() == "High Technologies Park"
    shot(page, "search")
    first.click()
    page.wait_for_url("**/entities/org/high-technologies-park")
    assert page.locator("h1").inner_text() == "High Technologies Park"
    fact = page.locator(".fact-group[data-predicate=founded] details.fact").first
    assert not fact.locator("mark.span").first.is_visible()
    fact.locator("summary").click()
    span = fact.locator("mark.span").first
    span.wait_for(state="visible")
    assert "founded" in span.inner_text()
    assert page.locator("svg.series-chart circle.pt").count() >= 4
    shot(page, "entity")


def test_entity_as_of_hides_later_facts(server: str, page: Any) -> None:
    page.goto(server + "/entities/org/high-technologies-park")
    before = page.locator("details.fact").count()
    page.fill("#as-of", "2010")
    page.click("form.as-of button")
    page.wait_for_url("**as_of=2010")
    assert page.locator("details.fact").count() < before
    assert "hidden" in page.locator(".notice").first.inner_text()


def test_conflict_is_marked(server: str, page: Any) -> None:
    page.goto(server + "/entities/org/dainova")
    assert page.locator(".conflict-box details.fact").count() == 2
    shot(page, "entity-conflict")


def test_graph_has_nodes_and_opens_an_entity(server: str, page: Any) -> None:
    page.goto(server + "/graph")
    page.wait_for_selector("#graph[data-nodes]")
    assert int(page.get_attribute("#graph", "data-nodes")) > 40
    assert page.locator("#graph canvas").count() > 0
    assert not page.locator("#graph-table").is_visible()
    shot(page, "graph")
    page.goto(server + "/graph?entity=HTP")
    page.wait_for_selector("#graph[data-nodes]")
    node = page.evaluate(
        "() => { const n = window.kronikaGraph.nodes('[centre = 1]')[0]; const p = n.renderedPosition();"
        " const r = document.getElementById('graph').getBoundingClientRect();"
        " return {x: r.left + p.x, y: r.top + p.y, id: n.id()}; }"
    )
    page.mouse.click(node["x"], node["y"])
    page.wait_for_url("**/entities/" + node["id"])
    assert page.locator("h1").inner_text() == "High Technologies Park"


def test_timeline_has_items(server: str, page: Any) -> None:
    page.goto(server + "/timeline")
    page.wait_for_selector("#timeline .vis-item")
    assert page.locator("#timeline .vis-item").count() > 10
    assert page.locator("#timeline .vis-background").count() >= 4  # the eras
    shot(page, "timeline")


def test_map_has_markers_and_flows(server: str, page: Any) -> None:
    page.goto(server + "/map")
    page.wait_for_selector("#map[data-markers]")
    page.wait_for_selector("#map path.place-marker")
    assert page.locator("#map path.place-marker").count() >= 8
    assert page.locator("#map path.flow").count() >= 5
    page.wait_for_timeout(500)  # the country outlines arrive by fetch
    shot(page, "map")


def test_series_and_document_pages(server: str, page: Any) -> None:
    page.goto(server + "/series")
    assert page.locator("svg.series-chart a.mark").count() >= 6
    shot(page, "series")
    page.locator("svg.series-chart a.mark").first.click()
    page.wait_for_url("**/documents/**")
    assert page.locator(".doc-text .focus").count() > 0
    shot(page, "document")
