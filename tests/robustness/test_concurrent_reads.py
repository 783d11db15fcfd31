# ruff: noqa: E501
"""The explorer serving readers while an ingest writes: no error, no half-written document.

uvicorn serves a base from a thread; another thread ingests 1,000 documents into the same file
(its own connection, one transaction per document: what ``kronika ingest`` does). Four reader
threads call the API (httpx) over and over until the writer is done: the documents list, each
listed document's page, its claims, search, the overview and an entity page. Every response
must be 200, and every document a reader sees must be whole: its two sentences, its two claims
and its title, never fewer. A review decision is posted meanwhile too, and must not fail.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

import kronika
from kronika.auth import Tokens

DOCUMENTS = 1000
READERS = 4


def _text(n: int) -> str:
    name = "Co" + "".join("abcdefghij"[int(d)] for d in f"{n:04d}")
    return f"{name} Soft was founded in {1900 + n % 120}.\n{name} Soft employs {n + 1} people.\n"


@pytest.mark.slow
def test_readers_never_see_an_error_or_half_a_document(tmp_path: Path, stub_class: Any, serve: Any) -> None:
    from kronika.web.app import make_app

    db = tmp_path / "busy.db"
    with kronika.open(db, reader=stub_class()) as kb:
        kb.ingest_text(_text(9999), origin="seed")
        token = Tokens(kb.store).create("ann")
    done = threading.Event()
    problems: list[str] = []
    requests = [0]
    lock = threading.Lock()

    def writer() -> None:
        try:
            with kronika.open(db, reader=stub_class()) as kb:
                for n in range(DOCUMENTS):
                    kb.ingest_text(_text(n), origin=f"doc:{n}", title=f"Doc {n}")
        except Exception as exc:  # noqa: BLE001 - reported below
            problems.append(f"writer: {exc!r}")
        finally:
            done.set()

    def check(response: httpx.Response, page: bool = False) -> Any:
        with lock:
            requests[0] += 1
        if response.status_code != 200:
            problems.append(f"{response.request.url}: {response.status_code} {response.text[:200]}")
            return None
        return response.text if page else response.json()

    def reader(url: str, seed: int) -> None:
        with httpx.Client(base_url=url, timeout=30) as client:
            turn = seed
            while not done.is_set() or turn < seed + 3:
                turn += 1
                docs = check(client.get("/api/documents")) or []
                for doc in docs:
                    if (doc["sentences"], doc["claims"]) != (2, 2):
                        problems.append(f"listed half-written: {doc}")
                if docs:
                    doc = docs[turn % len(docs)]
                    page = check(client.get(f"/api/documents/{doc['id']}"))
                    if page is not None and (len(page["claims"]) != 2 or "employs" not in str(page["segments"])):
                        problems.append(f"document page half-written: {doc['id']}")
                    claims = check(client.get("/api/claims", params={"document": doc["id"]}))
                    if claims is not None and len(claims) != 2:
                        problems.append(f"claims half-written: {doc['id']} has {len(claims)}")
                found = check(client.get("/api/search", params={"q": "Soft"}))
                if found is not None and not found.get("sentences"):
                    problems.append("search found nothing")
                if turn % 5 == 0:
                    check(client.get("/api/overview"))
                    check(client.get("/entities/org/coaaaa-soft"), page=True)
                if problems:
                    return

    with serve(make_app(db, allow_edits=True)) as url:
        threads = [threading.Thread(target=writer)]
        threads += [threading.Thread(target=reader, args=(url, i * 7)) for i in range(READERS)]
        started = time.monotonic()
        for t in threads:
            t.start()
        # A reviewer's decision while the writer holds the lock most of the time.
        with httpx.Client(base_url=url, timeout=30) as client:
            claim = client.get("/api/claims", params={"document": "seed"}).json()[0]["id"]
            r = client.post(f"/api/review/claims/{claim}/accept", headers={"Authorization": f"Bearer {token}"}, json={})
            if r.status_code != 200:
                problems.append(f"review during ingest: {r.status_code} {r.text[:200]}")
        for t in threads:
            t.join(timeout=300)
        elapsed = time.monotonic() - started
    assert problems == [], problems[:10]
    with kronika.open(db) as kb:
        assert len(kb.documents()) == DOCUMENTS + 1
    assert requests[0] > 100, f"only {requests[0]} requests in {elapsed:.1f} s"
    print(f"{requests[0]} requests by {READERS} readers during a {DOCUMENTS}-document ingest ({elapsed:.1f} s)")
