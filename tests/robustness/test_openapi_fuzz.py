# ruff: noqa: E501
"""schemathesis against the explorer's OpenAPI schema: no input makes the server answer 5xx.

The app is made with edits allowed, over a small base (two stub-read documents, a conflict, a
reviewed claim and a merge), so the schema holds every route, writes included. Each operation
gets up to :data:`EXAMPLES` generated requests (paths, query strings and JSON bodies that fit
the schema, and some that do not); writes carry a valid bearer token, so they reach the library
with whatever bodies hypothesis makes up. Every response must be below 500 and, for errors, in
the API's one error shape.
"""

from __future__ import annotations

import warnings
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

import kronika
from kronika.auth import Tokens

EXAMPLES = 40
TOKEN: dict[str, str] = {}


@pytest.fixture(scope="module")
def fuzz_schema(tmp_path_factory: pytest.TempPathFactory, stub_class: Any) -> Any:
    from kronika.web.app import make_app

    db = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    with kronika.open(db, reader=stub_class()) as kb:
        kb.ingest_text("Acme Soft was founded in 1999.\nAcme Soft employs more than 400 people.\n", origin="a")
        kb.ingest_text("Acme Soft was founded in 2001.\nAcme employs 40 people.\n", origin="b")
        kb.review.reject(kb.claims(predicate="founded")[0]["id"], why="fuzz")
        kb.review.merge("Acme", "Acme Soft")
        TOKEN["value"] = Tokens(kb.store).create("fuzzer")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return schemathesis.openapi.from_asgi("/openapi.json", make_app(db, allow_edits=True))


@pytest.mark.slow
def test_no_server_errors(fuzz_schema: Any) -> None:
    """Every operation of the schema, :data:`EXAMPLES` generated requests each."""
    token = {"Authorization": f"Bearer {TOKEN['value']}"}
    tried: dict[str, int] = {}
    statuses: dict[int, int] = {}
    for result in fuzz_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
        def run(case: Any) -> None:
            response = case.call(headers=token if case.method.upper() == "POST" else None)
            key = f"{case.method.upper()} {case.operation.path}"
            tried[key] = tried.get(key, 0) + 1
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            assert response.status_code < 500, (key, case.formatted_path, case.query, case.body, response.text[:300])
            if response.status_code >= 400 and case.formatted_path.startswith("/api"):
                body = response.json()
                assert body["ok"] is False and body["status"] == response.status_code and body["error"], body

        run()
    assert len(tried) >= 20, tried  # reads and writes
    print(f"{sum(tried.values())} requests over {len(tried)} operations, none 5xx; statuses {sorted(statuses.items())}")
