"""Explorer benchmark: response times of the JSON API on a large synthetic base.

Builds (once, then reuses) a base of 1,000,000 claims about 100,000 entities read from 50,000
documents, written straight into the tables by :func:`kronika.store.bulk.bulk_insert`, then
times the explorer's JSON endpoints through the ASGI app (FastAPI's test client: routing,
library work and JSON encoding, no network):

  - entity page ``/api/entities/{id}`` for random entities (target p95 <= 50 ms);
  - search ``/api/search?q=`` for entity names and common words (target p95 <= 100 ms);
  - overview ``/api/overview`` (target <= 300 ms);
  - graph neighbourhood ``/api/graph?entity={id}`` for random entities (target p95 <= 100 ms).

The base is shaped like the real one, only bigger: entity types in the proportions of the
registry, places as hubs (a few are the object of very many claims), founding years that
mostly agree (one entity in ten gets a second, different year: a conflict), yearly measures,
two claims per sentence, ten sentences per document, an alias per entity.

Usage::

    .venv/bin/python bench/explorer.py                     # build /tmp/kronika-bench.db if missing, measure
    .venv/bin/python bench/explorer.py --db X.db --rebuild
    .venv/bin/python bench/explorer.py --claims 100000     # a smaller base, for a quick look
    .venv/bin/python bench/explorer.py --write-docs        # also update docs/benchmarks.md ("Explorer")
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import platform
import random
import statistics
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

TYPES = (  # (type, share of entities)
    ("organization", 0.60),
    ("person", 0.20),
    ("product", 0.08),
    ("policy", 0.04),
    ("event", 0.03),
    ("group", 0.04),
    ("place", 0.01),
)
RELATIONS = (
    ("located_in", "place"),
    ("headquartered_in", "place"),
    ("operates_in", "place"),
    ("relocated_to", "place"),
    ("founded_by", "person"),
    ("led_by", "person"),
    ("partnered_with", "organization"),
    ("part_of", "organization"),
    ("invested_in", "organization"),
    ("produced", "product"),
    ("established_by", "policy"),
)
MEASURES = ("employees", "revenue", "residents", "exports", "users")
SYLLABLES = (
    "ka ri to ve lan sor mi ne tra bel ost gra pol vil min bre zan dor kel tur nav ser ion lex "
    "var qua rel tek sof net ber gom vit mog lit pra ham cor dal fen gar hel"
).split()
SUFFIXES = ("Systems", "Soft", "Labs", "Group", "Tech", "Digital", "Data", "Works", "Partners", "Cloud")


def word(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def make_entities(n: int, rng: random.Random) -> list[tuple[str, str, str, float | None, float | None]]:
    """(id, name, type, lat, lon) for n entities."""
    out = []
    bounds = []
    acc = 0.0
    for type_, share in TYPES:
        acc += share
        bounds.append((acc, type_))
    prefix = {
        "organization": "org",
        "person": "person",
        "product": "product",
        "policy": "policy",
        "event": "event",
        "group": "group",
        "place": "place",
    }
    for i in range(n):
        x = (i + 0.5) / n
        type_ = next(t for b, t in bounds if x <= b + 1e-12)
        if type_ == "person":
            name = f"{word(rng)} {word(rng, 3)}"
        elif type_ == "organization":
            name = f"{word(rng)} {rng.choice(SUFFIXES)} {i}"
        elif type_ == "place":
            name = f"{word(rng, 3)} {i}"
        else:
            name = f"{word(rng)} {type_} {i}"
        lat, lon = (rng.uniform(35, 65), rng.uniform(-10, 60)) if type_ == "place" else (None, None)
        out.append((f"{prefix[type_]}/e{i}", name, type_, lat, lon))
    return out


def build(db: Path, n_claims: int, n_entities: int, n_docs: int, seed: int = 7) -> dict[str, Any]:
    """Write the synthetic base; returns counts and seconds."""
    import kronika
    from kronika.ids import digest
    from kronika.store.bulk import bulk_insert, fast_writes

    started = time.perf_counter()
    rng = random.Random(seed)
    entities = make_entities(n_entities, rng)
    by_type: dict[str, list[int]] = {}
    for i, e in enumerate(entities):
        by_type.setdefault(e[2], []).append(i)
    places = by_type["place"]
    # Hubs: object choices follow a Zipf-like law over places (a few places get most claims).
    place_weights = [1 / (k + 1) ** 1.1 for k in range(len(places))]
    founded_year = [rng.randint(1950, 2024) for _ in entities]
    sentences_per_doc = 10
    claims_per_sentence = max(1, math.ceil(n_claims / (n_docs * sentences_per_doc)))
    now = dt.datetime(2026, 1, 1).isoformat()

    def claim_rows() -> Iterator[tuple[Any, ...]]:
        yield from ()

    doc_rows: list[tuple[Any, ...]] = []
    sent_rows: list[tuple[Any, ...]] = []
    mention_rows: list[tuple[Any, ...]] = []
    claim_rows_list: list[tuple[Any, ...]] = []
    made = 0
    for d in range(n_docs):
        doc_id = f"d-{d:08x}"
        text_parts: list[str] = []
        offset = 0
        for s in range(sentences_per_doc):
            parts: list[str] = []
            spans: list[tuple[int, int, int]] = []  # (entity index, start, end) relative to sentence
            claims_here: list[tuple[Any, ...]] = []
            for _ in range(claims_per_sentence):
                if made >= n_claims:
                    break
                made += 1
                subj = rng.randrange(n_entities)
                sname = entities[subj][1]
                roll = rng.random()
                obj = None
                amount = unit = comparator = lower = upper = measure = None
                t_start = t_end = precision = None
                if roll < 0.08:
                    predicate = "founded"
                    year = founded_year[subj] if rng.random() < 0.9 else rng.randint(1950, 2024)
                    t_start, t_end, precision = f"{year}-01-01", f"{year}-12-31", "year"
                    phrase = f"{sname} was founded in {year}."
                elif roll < 0.28:
                    predicate = "measure"
                    measure = rng.choice(MEASURES)
                    year = rng.randint(2000, 2025)
                    amount = float(rng.randint(10, 5000))
                    comparator = ">" if rng.random() < 0.2 else "="
                    lower = amount if comparator == ">" else None
                    unit = "count"
                    t_start, t_end, precision = f"{year}-01-01", f"{year}-12-31", "year"
                    phrase = f"In {year}, {sname} reported {measure} of {'more than ' if lower else ''}{int(amount)}."
                elif roll < 0.30:
                    predicate = "occurred"
                    year = founded_year[subj]
                    t_start, t_end, precision = f"{year}-01-01", f"{year}-12-31", "year"
                    phrase = f"{sname} took place in {year}."
                else:
                    predicate, otype = rng.choice(RELATIONS)
                    if otype == "place":
                        obj = places[rng.choices(range(len(places)), weights=place_weights)[0]]
                    else:
                        pool = by_type[otype]
                        obj = pool[rng.randrange(len(pool))]
                    if rng.random() < 0.3:
                        year = rng.randint(1990, 2025)
                        t_start, t_end, precision = f"{year}-01-01", f"{year}-12-31", "year"
                    phrase = f"{sname} {predicate.replace('_', ' ')} {entities[obj][1]}."
                start_in_sentence = len(" ".join(parts)) + (1 if parts else 0)
                spans.append((subj, start_in_sentence, start_in_sentence + len(sname)))
                if obj is not None:
                    at = phrase.rfind(entities[obj][1])
                    spans.append(
                        (obj, start_in_sentence + at, start_in_sentence + at + len(entities[obj][1]))
                    )
                parts.append(phrase)
                claims_here.append(
                    (
                        subj,
                        predicate,
                        obj,
                        amount,
                        unit,
                        comparator,
                        lower,
                        upper,
                        measure,
                        t_start,
                        t_end,
                        precision,
                        start_in_sentence,
                        start_in_sentence + len(phrase),
                    )
                )
            if not parts:
                break
            sentence = " ".join(parts)
            start = offset
            sent_rows.append((doc_id, s, start, start + len(sentence), sentence))
            for ent, a, b in spans:
                mention_rows.append((doc_id, s, entities[ent][0], start + a, start + b, sentence[a:b]))
            for k, c in enumerate(claims_here):
                (
                    subj,
                    predicate,
                    obj,
                    amount,
                    unit,
                    comparator,
                    lower,
                    upper,
                    measure,
                    t_start,
                    t_end,
                    precision,
                    a,
                    b,
                ) = c
                fp = digest(doc_id, s, k)
                claim_rows_list.append(
                    (
                        "c-" + fp,
                        doc_id,
                        s,
                        entities[subj][0],
                        predicate,
                        entities[obj][0] if obj is not None else None,
                        amount,
                        unit,
                        comparator,
                        lower,
                        upper,
                        None,
                        measure,
                        t_start,
                        t_end,
                        precision,
                        t_start[:4] if t_start else None,
                        start + a,
                        start + b,
                        0.7,
                        "bench:synthetic",
                        "{}",
                        "proposed",
                        fp,
                    )
                )
            text_parts.append(sentence)
            offset += len(sentence) + 1
        text = " ".join(text_parts)
        doc_rows.append(
            (
                doc_id,
                f"bench:{d}",
                f"Synthetic report {d}",
                None,
                "text",
                doc_id,
                text,
                len(text.split()),
                now,
            )
        )
    generated = time.perf_counter() - started
    if db.exists():
        db.unlink()
    with kronika.open(db) as kb:
        fast_writes(kb.store)
        counts = bulk_insert(
            kb.store,
            documents=doc_rows,
            entities=((e[0], e[1], e[2], "", e[3], e[4], "document") for e in entities),
            aliases=(
                (e[0], "".join(w[0] for w in e[1].split()).upper() + e[0].split("/e")[1]) for e in entities
            ),
            sentences=sent_rows,
            mentions=mention_rows,
            claims=claim_rows_list,
        )
        kb.store.connection.execute("ANALYZE")
    return {
        **counts,
        "generate_seconds": round(generated, 1),
        "seconds": round(time.perf_counter() - started, 1),
    }


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))
    return ordered[k]


def summary(name: str, times: list[float], target: float | None) -> dict[str, Any]:
    ms = [t * 1000 for t in times]
    data = {
        "name": name,
        "n": len(ms),
        "p50_ms": round(statistics.median(ms), 1),
        "p95_ms": round(percentile(ms, 95), 1),
        "max_ms": round(max(ms), 1),
        "target_ms": target,
    }
    data["ok"] = target is None or data["p95_ms"] <= target
    return data


def measure(db: Path, samples: int, seed: int = 11) -> list[dict[str, Any]]:
    """Time the endpoints; each list of timings excludes one warm-up call."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

        from kronika.web.app import make_app

        client = TestClient(make_app(db))
    import kronika

    with kronika.open(db, create=False) as kb:
        conn = kb.store.connection
        total = conn.execute("SELECT MAX(rowid) FROM entities").fetchone()[0]
        rng = random.Random(seed)
        ids = []
        while len(ids) < samples:
            row = conn.execute(
                "SELECT id, name FROM entities WHERE rowid = ?", (rng.randint(1, total),)
            ).fetchone()
            if row:
                ids.append((row[0], row[1]))
        hubs = [
            r[0]
            for r in conn.execute(
                "SELECT object_id FROM claims WHERE object_id IS NOT NULL GROUP BY object_id ORDER BY COUNT(*) DESC LIMIT 5"
            )
        ]

    def timed(url: str) -> float:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, (url, response.status_code, response.text[:200])
        response.json()
        return elapsed

    results = []
    timed(f"/api/entities/{ids[0][0]}")
    results.append(summary("entity page JSON", [timed(f"/api/entities/{i}") for i, _ in ids], 50))
    results.append(
        summary("entity page JSON, 5 busiest hubs", [timed(f"/api/entities/{h}") for h in hubs], None)
    )
    words = [n.split()[0] for _, n in ids[: samples // 2]] + [n for _, n in ids[samples // 2 :]]
    words += ["founded", "revenue", "located in", "Systems", "partnered with"]
    timed("/api/search?q=founded")
    results.append(summary("search", [timed(f"/api/search?q={w}") for w in words], 100))
    cold = timed("/api/overview")
    warm = [timed("/api/overview") for _ in range(10)]
    results.append({**summary("overview", [cold, *warm], 300), "first_ms": round(cold * 1000, 1)})
    timed(f"/api/graph?entity={ids[1][0]}")
    results.append(summary("graph neighbourhood", [timed(f"/api/graph?entity={i}") for i, _ in ids], 100))
    return results


def write_docs(report: dict[str, Any]) -> None:
    """Replace (or add) the "Explorer" section of docs/benchmarks.md, leaving the rest alone."""
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    base = report["base"]
    rows = "\n".join(
        f"| {r['name']} | {r['n']} | {r['p50_ms']} | {r['p95_ms']} | {r['max_ms']} | "
        f"{'≤ ' + str(r['target_ms']) if r['target_ms'] else '–'} | {'yes' if r['ok'] else 'NO'} |"
        for r in report["results"]
    )
    section = f"""## Explorer

```
.venv/bin/python bench/explorer.py --write-docs   # builds /tmp/kronika-bench.db once, then measures
```

`bench/explorer.py` builds a synthetic base with `kronika.store.bulk.bulk_insert` (rows straight
into the tables, one transaction) and times the explorer's JSON endpoints through the ASGI app
(FastAPI's test client: routing, the library's queries and reconciliation, JSON encoding; no
network). Entities are random (uniform); "busiest hubs" are the five places most claims point
at, shown for information. Search mixes entity names, first words of names and common words.

Base: {base["claims"]:,} claims, {base["entities"]:,} entities, {base["documents"]:,} documents,
{base["sentences"]:,} sentences, {base["mentions"]:,} mentions ({base["db_mb"]} MB; built in
{base["build_seconds"]} s). Measured on {report["machine"]} at commit `{report["commit"]}`,
{report["date"]}.

| endpoint | calls | p50 ms | p95 ms | max ms | target (p95) | met |
| --- | ---: | ---: | ---: | ---: | --- | --- |
{rows}

The overview's first call is {next(r for r in report["results"] if r["name"] == "overview")["first_ms"]} ms
(the figures above include it).
"""
    start = text.find("## Explorer")
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + 3)
        text = text[:start] + section + (text[end + 1 :] if end != -1 else "")
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, default=Path("/tmp/kronika-bench.db"))
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--documents", type=int, default=50_000)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    import sqlite3
    import subprocess

    build_info: dict[str, Any] = {}
    if args.rebuild or not args.db.exists():
        print(
            f"building {args.db}: {args.claims:,} claims, {args.entities:,} entities, {args.documents:,} documents"
        )
        build_info = build(args.db, args.claims, args.entities, args.documents)
        print(f"built in {build_info['seconds']} s: {build_info}")
    conn = sqlite3.connect(args.db)
    count = {
        t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
        for t in ("claims", "entities", "documents", "sentences", "mentions")
    }
    conn.close()
    results = measure(args.db, args.samples)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    report = {
        "date": dt.date.today().isoformat(),
        "commit": commit.strip(),
        "machine": f"{platform.machine()}, Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}",
        "base": {
            **count,
            "db_mb": round(args.db.stat().st_size / 2**20),
            "build_seconds": build_info.get("seconds", "–"),
        },
        "results": results,
    }
    for r in results:
        target = f"(target {r['target_ms']} ms)" if r["target_ms"] else ""
        print(
            f"{r['name']:34} p50 {r['p50_ms']:7.1f}  p95 {r['p95_ms']:7.1f}  max {r['max_ms']:7.1f} ms {target}"
            f" {'' if r['ok'] else 'MISSED'}"
        )
    out = HERE / "results" / f"explorer-{report['date']}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    if args.write_docs:
        write_docs(report)
        print("docs/benchmarks.md: section Explorer updated")


if __name__ == "__main__":
    main()
