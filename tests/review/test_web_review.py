# ruff: noqa: E501 - request tables read best one case a line
"""Review over HTTP: read-only by default, bearer tokens for the JSON writes, signed sessions and
CSRF fields for the HTML forms, the audit log in the API and on the entity page."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import kronika
from kronika.auth import Tokens

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TEXTS = {
    "memo:acme": "Acme Soft was founded in 1999.\nAcme Soft employs more than 400 people.\n",
    "memo:later": "Acme Soft was founded in 2001.\nAcme employs 40 people.\n",
}


@pytest.fixture
def base(tmp_path: Path, stub_reader: Any) -> Path:
    path = tmp_path / "web.db"
    with kronika.open(path, reader=stub_reader) as kb:
        for origin, text in TEXTS.items():
            kb.ingest_text(text, origin=origin, title=origin)
    return path


@pytest.fixture
def token(base: Path) -> str:
    with kronika.open(base) as kb:
        return Tokens(kb.store).create("ann")


def client_for(base: Path, *, allow_edits: bool) -> Any:
    from kronika.web.app import make_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return TestClient(make_app(base, allow_edits=allow_edits))


@pytest.fixture
def client(base: Path) -> Iterator[Any]:
    with client_for(base, allow_edits=True) as c:
        yield c


def founded(client: Any, year: str) -> str:
    claims = client.get("/api/claims", params={"predicate": "founded"}).json()
    [found] = [c["id"] for c in claims if c["time"]["start"].startswith(year)]
    return str(found)


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# --------------------------------------------------------------------------- read-only by default


def test_read_only_server_has_no_write_routes_but_shows_the_log(base: Path, token: str) -> None:
    with client_for(base, allow_edits=False) as client:
        claim = founded(client, "2001")
        response = client.post(f"/api/review/claims/{claim}/reject", headers=auth(token), json={})
        assert response.status_code in (404, 405)
        assert client.post("/review/claims/" + claim, data={"action": "reject"}).status_code in (404, 405)
        assert client.get("/api/review/log").json() == []
        paths = client.get("/openapi.json").json()["paths"]
        assert [p for p in paths if p.startswith("/api/review")] == ["/api/review/log"]
        page = client.get("/entities/org/acme-soft").text
        assert "Sign in" not in page and "review-claim" not in page
        assert "No decisions yet." in page


# --------------------------------------------------------------------------- JSON writes need a token


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer nonsense"}, {"Authorization": "Basic YW5uOng="}, "wrong-secret"],
)
def test_writes_without_a_valid_token_are_401(client: Any, token: str, headers: Any) -> None:
    if headers == "wrong-secret":
        headers = auth(token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB"))
    claim = founded(client, "2001")
    response = client.post(f"/api/review/claims/{claim}/reject", headers=headers, json={"why": "x"})
    assert response.status_code == 401
    body = response.json()
    assert body["ok"] is False and body["status"] == 401 and "token" in body["error"]
    assert client.get("/api/review/log").json() == []


def test_token_writes_and_the_log_records_the_tokens_name(client: Any, token: str, base: Path) -> None:
    late, early = founded(client, "2001"), founded(client, "1999")
    response = client.post(f"/api/review/claims/{late}/reject", headers=auth(token), json={"why": "typo"})
    assert response.status_code == 200, response.text
    assert (response.json()["who"], response.json()["action"]) == ("ann", "reject")
    assert client.post(f"/api/review/claims/{early}/rank", headers=auth(token), json={"rank": "preferred"}).status_code == 200
    claims = {c["id"]: c for c in client.get("/api/claims").json()}
    assert claims[late]["status"] == "rejected" and claims[early]["rank"] == "preferred"
    facts = client.get("/api/facts", params={"entity": "Acme Soft", "predicate": "founded"}).json()
    assert [f["time"]["start"][:4] for f in facts] == ["1999"]
    log = client.get("/api/review/log", params={"claim": late}).json()
    assert [(e["who"], e["why"]) for e in log] == [("ann", "typo")]
    with kronika.open(base) as kb:
        assert Tokens(kb.store).list()[0]["last_used_at"] is not None


def test_edit_add_merge_split_unmerge_through_the_api(client: Any, token: str) -> None:
    h = auth(token)
    late = founded(client, "2001")
    r = client.post(f"/api/review/claims/{late}/edit", headers=h, json={"time": "2000", "why": "registry"})
    assert r.status_code == 200 and r.json()["detail"]["edit"]["time_start"] == "2000-01-01"
    r = client.post(
        "/api/review/claims",
        headers=h,
        json={"subject": "Acme Soft", "predicate": "located_in", "object": "Minsk", "object_type": "place",
              "quote": "Acme Soft is in Minsk.", "title": "Acme site"},
    )  # fmt: skip
    assert r.status_code == 200 and r.json()["method"] == "review:added"
    r = client.post("/api/review/entities/merge", headers=h, json={"entity": "Acme", "into": "Acme Soft"})
    assert r.status_code == 200 and r.json()["claims"] == 1
    assert client.get("/api/entities/Acme").json()["entity"]["id"] == "org/acme-soft"
    r = client.post("/api/review/entities/unmerge", headers=h, json={"entity": "org/acme"})
    assert r.status_code == 200
    assert client.get("/api/entities/Acme").json()["entity"]["id"] == "org/acme"
    # Errors keep the one shape, with the library's status.
    r = client.post("/api/review/claims/c-missing/accept", headers=h, json={})
    assert (r.status_code, r.json()["error"]) == (404, "no claim 'c-missing'; find claim ids with `kronika claims --json`")
    r = client.post(f"/api/review/claims/{late}/rank", headers=h, json={"rank": "best"})
    assert r.status_code == 400 and "unknown rank" in r.json()["error"]
    r = client.post("/api/review/entities/split", headers=h, json={"entity": "Acme Soft", "alias": "Nope"})
    assert r.status_code == 400
    r = client.post(f"/api/review/claims/{late}/edit", headers=h, json={"value": {"amount": "lots"}})
    assert r.status_code == 400 and "not a number" in r.json()["error"]


def test_a_revoked_token_stops_working_at_once(client: Any, token: str, base: Path) -> None:
    claim = founded(client, "2001")
    assert client.post(f"/api/review/claims/{claim}/accept", headers=auth(token), json={}).status_code == 200
    with kronika.open(base) as kb:
        Tokens(kb.store).revoke("ann")
    response = client.post(f"/api/review/claims/{claim}/reject", headers=auth(token), json={})
    assert response.status_code == 401 and "revoked" in response.json()["error"]


def test_tokens_are_stored_hashed(base: Path, token: str) -> None:
    data = base.read_bytes() + (base.parent / "web.db-wal").read_bytes() if (base.parent / "web.db-wal").exists() else base.read_bytes()
    secret = token.split("_", 2)[2]
    assert secret.encode() not in data
    with kronika.open(base) as kb:
        [row] = Tokens(kb.store).list()
        assert set(row) == {"name", "key_id", "created_at", "last_used_at", "revoked_at"}
        assert Tokens(kb.store).verify(token) == "ann"


# --------------------------------------------------------------------------- HTML forms: session and CSRF


def sign_in(client: Any, token: str) -> None:
    page = client.get("/review/sign-in", params={"next": "/entities/org/acme-soft"})
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    response = client.post(
        "/review/sign-in", data={"token": token, "csrf": csrf, "next": "/entities/org/acme-soft"}, follow_redirects=False
    )
    assert response.status_code == 303 and response.headers["location"] == "/entities/org/acme-soft"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")


def form_csrf(page: str) -> str:
    return re.search(r'class="review-claim"[^>]*>\s*<input type="hidden" name="csrf" value="([^"]+)"', page).group(1)


def test_forms_need_a_session_and_a_matching_csrf_field(client: Any, token: str) -> None:
    page = client.get("/entities/org/acme-soft").text
    assert "Sign in with a token" in page and "review-claim" not in page
    claim = founded(client, "2001")
    # A forged cross-site post: no session.
    r = client.post(f"/review/claims/{claim}", data={"action": "reject"}, follow_redirects=False)
    assert r.status_code == 401
    sign_in(client, token)
    page = client.get("/entities/org/acme-soft").text
    assert "Reviewing as <strong>ann</strong>" in page
    csrf = form_csrf(page)
    # With the session cookie but without (or with a wrong) CSRF field: refused.
    for bad in ("", "0" * 64, csrf[:-1] + ("0" if csrf[-1] != "0" else "1")):
        r = client.post(f"/review/claims/{claim}", data={"action": "reject", "csrf": bad}, follow_redirects=False)
        assert r.status_code == 403, bad
    assert client.get("/api/review/log").json() == []
    r = client.post(
        f"/review/claims/{claim}",
        data={"action": "reject", "csrf": csrf, "why": "from the page", "next": "/entities/org/acme-soft"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/entities/org/acme-soft"
    page = client.get("/entities/org/acme-soft").text
    assert "from the page" in page  # the history on the entity page
    [entry] = client.get("/api/review/log").json()
    assert (entry["who"], entry["action"], entry["why"]) == ("ann", "reject", "from the page")


def test_sign_in_needs_its_own_csrf_and_a_good_token(client: Any, token: str) -> None:
    r = client.post("/review/sign-in", data={"token": token, "csrf": "x"}, follow_redirects=False)
    assert r.status_code == 403
    page = client.get("/review/sign-in")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    r = client.post("/review/sign-in", data={"token": "kr_000000000000_" + "A" * 43, "csrf": csrf})
    assert r.status_code == 401


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "/\t/evil.example", "javascript:alert(1)"]
)
def test_redirects_stay_on_the_site(client: Any, token: str, target: str) -> None:
    sign_in(client, token)
    csrf = form_csrf(client.get("/entities/org/acme-soft").text)
    claim = founded(client, "2001")
    r = client.post(f"/review/claims/{claim}", data={"action": "accept", "csrf": csrf, "next": target}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"


def test_merge_from_the_entity_page_goes_to_the_entity_that_stays(client: Any, token: str) -> None:
    sign_in(client, token)
    csrf = form_csrf(client.get("/entities/org/acme-soft").text)
    r = client.post(
        "/review/entities", data={"action": "merge", "entity": "org/acme", "into": "Acme Soft", "csrf": csrf},
        follow_redirects=False,
    )  # fmt: skip
    assert r.status_code == 303 and r.headers["location"] == "/entities/org/acme-soft"
    page = client.get("/entities/org/acme-soft").text
    assert "Merged from Acme (org/acme)" in page and "Undo merge" in page


def test_serve_binds_to_loopback_unless_told(monkeypatch: pytest.MonkeyPatch, base: Path) -> None:
    import uvicorn
    from typer.testing import CliRunner

    from kronika.cli import app

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: seen.update(kw, app=application))
    result = CliRunner().invoke(app, ["serve", "--db", str(base)])
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1" and seen["app"].state.allow_edits is False
    result = CliRunner().invoke(app, ["serve", "--db", str(base), "--allow-edits", "--host", "0.0.0.0"])
    assert seen["host"] == "0.0.0.0" and seen["app"].state.allow_edits is True
    assert "warning: edits are open to the network" in result.stderr


def test_conflicts_page_marks_a_settled_conflict(client: Any, token: str) -> None:
    assert "settled by review" not in client.get("/conflicts").text
    early = founded(client, "1999")
    r = client.post(f"/api/review/claims/{early}/rank", headers=auth(token), json={"rank": "preferred"})
    assert r.status_code == 200
    page = client.get("/conflicts").text
    assert "settled by review" in page and "rank-preferred" in page
    [conflict] = client.get("/api/conflicts").json()
    assert conflict["resolved"] is True and conflict["preferred"]
