# ruff: noqa: E501
"""Review in a real Chromium: sign in with a token, reject and prefer claims from the entity page,
see the marks and the history; a form posted from another site changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import kronika
from kronika.auth import Tokens

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        yield instance
        instance.close()


def test_review_from_the_entity_page(tmp_path: Path, stub_reader: Any, browser: Any) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("robust_conftest", Path(__file__).parents[1] / "robustness" / "conftest.py")
    assert spec is not None and spec.loader is not None
    helpers = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(helpers)
    from kronika.web.app import make_app

    db = tmp_path / "b.db"
    with kronika.open(db, reader=stub_reader) as kb:
        kb.ingest_text("Acme Soft was founded in 1999.\n", origin="a", title="Note A")
        kb.ingest_text("Acme Soft was founded in 2001.\n", origin="b", title="Note B")
        token = Tokens(kb.store).create("ann")
    with helpers.running_server(make_app(db, allow_edits=True)) as url:
        context = browser.new_context()
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(url + "/entities/org/acme-soft")
        assert page.locator(".conflict-box").count() == 1
        page.click("a.review-sign-in-link")
        page.fill("#token", token)
        page.click("form.review-sign-in button")
        page.wait_for_url("**/entities/org/acme-soft")
        assert "Reviewing as ann" in page.inner_text("section.review")
        rows = page.locator("table.review-claims tbody tr")
        assert rows.count() == 2
        late = page.locator("table.review-claims tr", has_text="2001")
        claim = late.get_attribute("data-claim")
        late.locator("input[name=why]").fill("a typo in note B")
        late.locator("button[value=reject]").click()
        page.wait_for_url("**/entities/org/acme-soft")
        early = page.locator("table.review-claims tr", has_text="1999")
        early.locator("button[value=preferred]").click()
        page.wait_for_url("**/entities/org/acme-soft")
        assert page.locator(".conflict-box").count() == 0  # the rejected claim left the conflict
        assert page.locator("details.fact > summary .badge.rank-preferred").count() == 1
        history = page.inner_text("table.review-log")
        assert "reject" in history and "a typo in note B" in history and "ann" in history
        # A form on another site posts to the server: no session cookie goes (SameSite=Strict),
        # and it has no CSRF field: nothing changes.
        assert "rejected" in page.inner_text(f"tr[data-claim='{claim}']")  # listed, to undo
        other = context.new_page()
        other.set_content(
            f'<form id="f" method="post" action="{url}/review/claims/{claim}">'
            '<input name="action" value="accept"></form><script>document.getElementById("f").submit()</script>'
        )
        other.wait_for_load_state("networkidle")
        assert "401" in other.title() or "sign in" in other.content().lower()
        context.close()
    with kronika.open(db) as kb:
        assert [e["action"] for e in kb.review.log()] == ["reject", "rank"]
    assert errors == []
