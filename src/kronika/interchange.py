"""Interchange: the JSON Lines backup and its import, and exports as GraphML and RDF (Turtle, JSON-LD).

**JSON Lines** (``kronika export --format jsonl``) is one claim per line in the claim format
(``docs/claims.md``). When the base holds review decisions, lines follow the claims that are
*records*, not claims: each has a ``record`` key and no ``predicate``, so readers of claims skip
them. They carry what a restore needs: ``review`` (each audit-log entry), ``decision`` (what the
log adds up to per claim fingerprint), ``merge`` and ``split`` (entity decisions in force, with
their snapshots), and ``claim`` (a claim's fingerprint and original entities, when a review
changed what the claim line shows). ``kronika import FILE`` reads such a file into an empty base;
exporting that base again gives the same file, byte for byte.

**GraphML** has entities as nodes and claims with an object as edges (predicate, status, rank,
time, confidence, the document and the sentence). **RDF** (Turtle and JSON-LD, the same triples)
describes each claim with PROV-O: the claim is a ``prov:Entity`` and an ``rdf:Statement``
(subject, predicate, object), ``prov:wasDerivedFrom`` its document, ``prov:wasGeneratedBy`` the
reading of that document (a ``prov:Activity`` associated with kronika, a ``prov:SoftwareAgent``),
with the sentence as ``prov:value``; reviews are activities associated with their reviewer
(``prov:Person``) that the claim ``prov:wasInfluencedBy``. Claims that are neither rejected nor
deprecated also appear as direct triples (``subject kr:founded_by object``).

No library beyond the standard one writes these; the tests read them back with networkx and rdflib.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import urllib.parse
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, TYPE_CHECKING, Any
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from kronika.errors import ImportFormatError, KronikaError
from kronika.export import write_jsonl
from kronika.models import Claim, Quantity, TimeSpan
from kronika.store import claim_fingerprint
from kronika.store import interchange as sql
from kronika.store import review as review_sql

if TYPE_CHECKING:
    from kronika.store import Store

#: The vocabulary of kronika's RDF: classes, predicates and claim properties.
KR = "https://kronika.dev/ns#"
PROV = "http://www.w3.org/ns/prov#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PREFIXES = {"kr": KR, "prov": PROV, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "skos": SKOS, "dcterms": DCTERMS}
#: Where the base's own things live: entities, claims, documents, readings, reviews, reviewers.
DEFAULT_BASE = "urn:kronika:"


# --------------------------------------------------------------------------- JSON Lines backup


def export_jsonl(store: Store, out: IO[str]) -> int:
    """Write every claim, then the records a restore needs (see the module docstring).

    Returns:
        The number of claims written.
    """
    conn = store.connection
    count = write_jsonl(store.iter_claims(), out)
    for claim in store.iter_claims():
        fingerprint, orig_subject, orig_object = sql.claim_key(conn, claim["id"])
        if orig_subject or orig_object or fingerprint_of(claim) != fingerprint:
            # The line does not give its fingerprint back (a reviewer edited or moved it).
            record = {
                "record": "claim",
                "id": claim["id"],
                "fingerprint": fingerprint,
                "orig_subject": orig_subject,
                "orig_object": orig_object,
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    for record in sql.review_records(conn):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return count


def fingerprint_of(claim: Mapping[str, Any]) -> str:
    """The fingerprint a claim-format dict gives (as the store computes it for a new claim)."""
    value = claim.get("value") or None
    time = claim.get("time") or None
    model = Claim(
        subject=claim["subject"]["id"],
        predicate=claim["predicate"],
        object=(claim.get("object") or {}).get("id"),
        value=None
        if value is None
        else Quantity(
            _float(value.get("amount")),
            value.get("unit") or "count",
            value.get("comparator") or "=",
            _float(value.get("lower")),
            _float(value.get("upper")),
            "",
        ),
        measure=claim.get("measure"),
        time=None if time is None else TimeSpan(time.get("start"), time.get("end"), "", ""),
    )
    return claim_fingerprint(model, (claim.get("evidence") or {}).get("text") or "")


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def import_jsonl(store: Store, lines: Iterable[str], *, name: str = "<input>") -> dict[str, int]:
    """Read a JSON Lines export into an empty base, in one transaction.

    Documents are rebuilt from the claims' evidence (their sentences at their offsets; the
    rest of a text, its date and origin are not in the format), entities from the claims'
    subjects and objects with their aliases, and review decisions from the records.

    Args:
        store: the store; it must hold no document.
        lines: the file's lines.
        name: the file's name, for messages.

    Returns:
        Counts: ``claims``, ``documents``, ``entities``, ``reviews``.

    Raises:
        ImportFormatError: a line is not JSON, not a claim or not a known record (nothing is imported).
        KronikaError: the base is not empty.
    """
    if sql.has_documents(store.connection):
        raise KronikaError(
            f"{store.path}: the base already holds documents; import into an empty base (a new --db file)"
        )
    parsed = _parse(lines, name)
    with store.transaction() as conn:
        sql.write_import(conn, **parsed.rows())
    return {
        "claims": len(parsed.claims),
        "documents": len(parsed.documents),
        "entities": len(parsed.entities),
        "reviews": len(parsed.records["review"]),
    }


class _Parsed:
    """An import file, read and checked, shaped into rows."""

    def __init__(self) -> None:
        self.claims: list[dict[str, Any]] = []
        self.documents: dict[str, dict[str, Any]] = {}
        self.entities: dict[str, tuple[str, str, list[str]]] = {}
        self.records: dict[str, list[dict[str, Any]]] = {
            k: [] for k in ("review", "decision", "merge", "split")
        }
        self.claim_keys: dict[str, dict[str, Any]] = {}

    def rows(self) -> dict[str, Any]:
        now = review_sql.now()
        documents, sentences = [], []
        sentence_index: dict[tuple[str, int | None], int] = {}
        for doc_id, doc in self.documents.items():
            starts = sorted(doc["sentences"])
            text = _rebuild_text(doc["sentences"])
            documents.append(
                (
                    doc_id,
                    f"import:{doc_id}",
                    doc["title"],
                    "import",
                    hashlib.sha256(text.encode("utf-8")).hexdigest(),
                    text,
                    len(text.split()),
                    now,
                )
            )
            for idx, start in enumerate(starts):
                end, sentence = doc["sentences"][start]
                sentences.append((doc_id, idx, start, end, sentence))
                sentence_index[(doc_id, start)] = idx
        claims = []
        order: dict[tuple[str, int], int] = {}
        for claim in self.claims:
            evidence = claim["evidence"]
            doc_id = evidence["document"]
            idx = sentence_index.get((doc_id, evidence.get("start")), -1)
            # Claims of one sentence keep their order: the export sorts them by span start, which
            # the format does not carry, so the import numbers them (span end stays unknown).
            position = order.get((doc_id, idx), 0)
            order[(doc_id, idx)] = position + 1
            value = claim.get("value") or {}
            time = claim.get("time") or {}
            keys = self.claim_keys.get(claim["id"], {})
            claims.append(
                (
                    claim["id"],
                    doc_id,
                    idx,
                    claim["subject"]["id"],
                    claim["predicate"],
                    (claim.get("object") or {}).get("id"),
                    _float(value.get("amount")),
                    value.get("unit"),
                    value.get("comparator"),
                    _float(value.get("lower")),
                    _float(value.get("upper")),
                    claim.get("measure"),
                    time.get("start"),
                    time.get("end"),
                    time.get("precision"),
                    time.get("text"),
                    position,
                    float(claim["confidence"]),
                    claim["method"],
                    json.dumps(claim.get("qualifiers") or {}, sort_keys=True, ensure_ascii=False),
                    claim["status"],
                    keys.get("fingerprint") or fingerprint_of(claim),
                    claim.get("rank") or "normal",
                    keys.get("orig_subject"),
                    keys.get("orig_object"),
                )
            )
        return {
            "documents": documents,
            "sentences": sentences,
            "entities": [(eid, n, t) for eid, (n, t, _a) in self.entities.items()],
            "aliases": [
                (eid, alias) for eid, (n, _t, aliases) in self.entities.items() for alias in [n, *aliases]
            ],
            "claims": claims,
            "reviews": self.records["review"],
            "decisions": self.records["decision"],
            "merges": self.records["merge"],
            "splits": self.records["split"],
        }


def _rebuild_text(sentences: Mapping[int, tuple[int, str]]) -> str:
    """A document's text from its sentences at their offsets (gaps become spaces)."""
    chars: list[str] = []
    for start in sorted(sentences):
        end, text = sentences[start]
        if len(chars) < start:
            chars.extend(" " * (start - len(chars)))
        chars[start : start + len(text)] = list(text)
    return "".join(chars)


_RECORD_KEYS = {
    "review": ("id", "at", "who", "action"),
    "decision": ("fingerprint", "log_id"),
    "merge": ("from", "into", "log_id", "snapshot"),
    "split": ("entity", "alias", "into", "log_id"),
    "claim": ("id", "fingerprint"),
}


def _parse(lines: Iterable[str], name: str) -> _Parsed:
    """Read and check every line; the first problem raises with its line number."""
    parsed = _Parsed()
    seen: set[str] = set()
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line:
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ImportFormatError(name, number, f"not JSON ({exc.msg})") from None
        if not isinstance(data, dict):
            raise ImportFormatError(name, number, "not a JSON object")
        kind = data.get("record")
        if kind is not None:
            if kind not in _RECORD_KEYS:
                raise ImportFormatError(name, number, f"unknown record {kind!r}")
            missing = [k for k in _RECORD_KEYS[kind] if k not in data]
            if missing:
                raise ImportFormatError(name, number, f"a {kind} record without {', '.join(missing)}")
            if kind == "claim":
                parsed.claim_keys[str(data["id"])] = data
            else:
                parsed.records[kind].append(data)
            continue
        problem = _claim_problem(data)
        if problem:
            raise ImportFormatError(name, number, f"not a claim: {problem}")
        if data["id"] in seen:
            raise ImportFormatError(name, number, f"claim {data['id']} appears twice")
        seen.add(data["id"])
        parsed.claims.append(data)
        evidence = data["evidence"]
        doc = parsed.documents.setdefault(
            evidence["document"], {"title": evidence.get("title") or evidence["document"], "sentences": {}}
        )
        if evidence.get("start") is not None and evidence.get("text") is not None:
            end = evidence.get("end")
            doc["sentences"].setdefault(
                int(evidence["start"]), (int(end) if end is not None else 0, str(evidence["text"]))
            )
        for ref in (data["subject"], data.get("object")):
            if ref:
                parsed.entities.setdefault(
                    ref["id"], (ref["name"], ref["type"], [str(a) for a in ref.get("aliases") or []])
                )
    return parsed


def _claim_problem(data: Mapping[str, Any]) -> str | None:
    """What keeps a dict from being a claim in the claim format, or None."""
    if not isinstance(data.get("id"), str) or not data["id"]:
        return "no id"
    if not isinstance(data.get("predicate"), str):
        return "no predicate"
    for key in ("subject", "object"):
        ref = data.get(key)
        if key == "subject" and not isinstance(ref, dict):
            return "no subject"
        if ref is not None and not (
            isinstance(ref, dict) and all(isinstance(ref.get(k), str) for k in ("id", "name", "type"))
        ):
            return f"the {key} needs an id, a name and a type"
    evidence = data.get("evidence")
    if not isinstance(evidence, dict) or not isinstance(evidence.get("document"), str):
        return "no evidence document"
    for key in ("start", "end"):
        if evidence.get(key) is not None and not isinstance(evidence[key], int):
            return f"evidence {key} is not a number"
    if not isinstance(data.get("confidence"), int | float) or isinstance(data.get("confidence"), bool):
        return "no confidence"
    if data.get("status") not in ("proposed", "accepted", "rejected"):
        return f"unknown status {data.get('status')!r}"
    if data.get("rank", "normal") not in review_sql.RANKS:
        return f"unknown rank {data.get('rank')!r}"
    if not isinstance(data.get("method"), str):
        return "no method"
    for key in ("value", "time", "qualifiers"):
        if data.get(key) is not None and not isinstance(data[key], dict):
            return f"{key} is not an object"
    value = data.get("value") or {}
    for key in ("amount", "lower", "upper"):
        number = value.get(key)
        if number is not None and (
            isinstance(number, bool) or not isinstance(number, int | float) or not math.isfinite(number)
        ):
            return f"value {key} is not a number"
    return None


# --------------------------------------------------------------------------- GraphML


_GRAPHML_KEYS = (
    ("node", "name", "string"),
    ("node", "type", "string"),
    ("node", "aliases", "string"),
    ("edge", "claim", "string"),
    ("edge", "predicate", "string"),
    ("edge", "status", "string"),
    ("edge", "rank", "string"),
    ("edge", "time_start", "string"),
    ("edge", "time_end", "string"),
    ("edge", "confidence", "double"),
    ("edge", "method", "string"),
    ("edge", "document", "string"),
    ("edge", "sentence", "string"),
)


def write_graphml(claims: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """Entities as nodes, claims with an object as edges (GraphML, a directed multigraph).

    Returns:
        The number of edges written.
    """
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    for domain, key, kind in _GRAPHML_KEYS:
        out.write(f'  <key id="{key}" for="{domain}" attr.name="{key}" attr.type="{kind}"/>\n')
    out.write('  <graph id="kronika" edgedefault="directed">\n')
    seen: set[str] = set()
    edges = 0
    for claim in claims:
        for ref in (claim["subject"], claim.get("object")):
            if ref and ref["id"] not in seen:
                seen.add(ref["id"])
                data = {
                    "name": ref["name"],
                    "type": ref["type"],
                    "aliases": " | ".join(ref.get("aliases") or []),
                }
                out.write(f"    <node id={quoteattr(ref['id'])}>{_graphml_data(data)}</node>\n")
        if not claim.get("object"):
            continue
        time = claim.get("time") or {}
        evidence = claim.get("evidence") or {}
        data = {
            "claim": claim["id"],
            "predicate": claim["predicate"],
            "status": claim["status"],
            "rank": claim.get("rank", "normal"),
            "time_start": time.get("start"),
            "time_end": time.get("end"),
            "confidence": claim["confidence"],
            "method": claim["method"],
            "document": evidence.get("document"),
            "sentence": evidence.get("text"),
        }
        out.write(
            f"    <edge id={quoteattr(claim['id'])} source={quoteattr(claim['subject']['id'])}"
            f" target={quoteattr(claim['object']['id'])}>{_graphml_data(data)}</edge>\n"
        )
        edges += 1
    out.write("  </graph>\n</graphml>\n")
    return edges


def _graphml_data(data: Mapping[str, Any]) -> str:
    return "".join(
        f'<data key="{key}">{xml_escape(_xml_text(str(value)))}</data>'
        for key, value in data.items()
        if value is not None and value != ""
    )


def _xml_text(text: str) -> str:
    """Text XML 1.0 can hold: control characters other than tab and line ends dropped."""
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20 and ch not in "\ufffe\uffff")


# --------------------------------------------------------------------------- RDF: the triples


Term = tuple[str, ...]  # ("iri", iri) | ("lit", text, datatype or "", language or "")


def _iri(value: str) -> Term:
    return ("iri", value)


def _lit(value: Any, datatype: str = "") -> Term:
    return ("lit", str(value), datatype, "")


def _safe(path: str) -> str:
    """An id as an IRI path segment: unreserved characters and ``/:`` kept, the rest escaped."""
    return urllib.parse.quote(path, safe="/:-._~")


def claim_triples(
    claims: Iterable[dict[str, Any]],
    *,
    base: str = DEFAULT_BASE,
    reviews: Mapping[str, list[dict[str, Any]]] | None = None,
) -> Iterator[tuple[Term, Term, Term]]:
    """The RDF of claims with their provenance (see the module docstring), triple by triple."""
    reviews = reviews or {}
    a = _iri(RDF + "type")
    agent = _iri(base + "agent/kronika")
    yield agent, a, _iri(PROV + "SoftwareAgent")
    yield agent, _iri(RDFS + "label"), _lit("kronika")
    entities: set[str] = set()
    documents: set[str] = set()
    people: set[str] = set()
    for claim in claims:
        for ref in (claim["subject"], claim.get("object")):
            if ref and ref["id"] not in entities:
                entities.add(ref["id"])
                node = _iri(base + "entity/" + _safe(ref["id"]))
                yield node, a, _iri(KR + ref["type"].capitalize())
                yield node, a, _iri(PROV + "Entity")
                yield node, _iri(RDFS + "label"), _lit(ref["name"])
                for alias in ref.get("aliases") or []:
                    yield node, _iri(SKOS + "altLabel"), _lit(alias)
        evidence = claim.get("evidence") or {}
        doc_id = str(evidence.get("document"))
        doc = _iri(base + "document/" + _safe(doc_id))
        reading = _iri(base + "reading/" + _safe(doc_id))
        if doc_id not in documents:
            documents.add(doc_id)
            yield doc, a, _iri(PROV + "Entity")
            yield doc, a, _iri(KR + "Document")
            yield doc, _iri(DCTERMS + "title"), _lit(evidence.get("title") or "")
            yield reading, a, _iri(PROV + "Activity")
            yield reading, _iri(PROV + "used"), doc
            yield reading, _iri(PROV + "wasAssociatedWith"), agent
        node = _iri(base + "claim/" + _safe(claim["id"]))
        subject = _iri(base + "entity/" + _safe(claim["subject"]["id"]))
        predicate = _iri(KR + claim["predicate"])
        yield node, a, _iri(KR + "Claim")
        yield node, a, _iri(PROV + "Entity")
        yield node, a, _iri(RDF + "Statement")
        yield node, _iri(RDF + "subject"), subject
        yield node, _iri(RDF + "predicate"), predicate
        obj = claim.get("object")
        if obj:
            target = _iri(base + "entity/" + _safe(obj["id"]))
            yield node, _iri(RDF + "object"), target
            if claim["status"] != "rejected" and claim.get("rank") != "deprecated":
                yield subject, predicate, target
        yield node, _iri(PROV + "wasDerivedFrom"), doc
        yield node, _iri(PROV + "wasGeneratedBy"), reading
        if evidence.get("text") is not None:
            yield node, _iri(PROV + "value"), _lit(evidence["text"])
        for key, prop in (("start", "evidenceStart"), ("end", "evidenceEnd")):
            if evidence.get(key) is not None:
                yield node, _iri(KR + prop), _lit(evidence[key], XSD + "integer")
        yield node, _iri(KR + "status"), _lit(claim["status"])
        yield node, _iri(KR + "rank"), _lit(claim.get("rank", "normal"))
        yield node, _iri(KR + "confidence"), _lit(repr(float(claim["confidence"])), XSD + "double")
        yield node, _iri(KR + "method"), _lit(claim["method"])
        if claim.get("measure"):
            yield node, _iri(KR + "measure"), _lit(claim["measure"])
        value = claim.get("value") or {}
        for key in ("amount", "lower", "upper"):
            if value.get(key) is not None:
                yield node, _iri(KR + key), _lit(repr(float(value[key])), XSD + "double")
        for key in ("unit", "comparator"):
            if value.get(key):
                yield node, _iri(KR + key), _lit(value[key])
        time = claim.get("time") or {}
        for key, prop in (("start", "timeStart"), ("end", "timeEnd")):
            if time.get(key):
                yield node, _iri(KR + prop), _lit(time[key], XSD + "date")
        if time.get("precision"):
            yield node, _iri(KR + "timePrecision"), _lit(time["precision"])
        if claim.get("qualifiers"):
            yield (
                node,
                _iri(KR + "qualifiers"),
                _lit(json.dumps(claim["qualifiers"], sort_keys=True, ensure_ascii=False)),
            )
        for entry in reviews.get(claim["id"], []):
            review = _iri(base + "review/" + str(entry["id"]))
            person = _iri(base + "reviewer/" + _safe(entry["who"]))
            yield node, _iri(PROV + "wasInfluencedBy"), review
            yield review, a, _iri(PROV + "Activity")
            yield review, _iri(KR + "action"), _lit(entry["action"])
            yield review, _iri(PROV + "endedAtTime"), _lit(_datetime(entry["at"]), XSD + "dateTime")
            yield review, _iri(PROV + "wasAssociatedWith"), person
            if entry.get("why"):
                yield review, _iri(RDFS + "comment"), _lit(entry["why"])
            if entry["who"] not in people:
                people.add(entry["who"])
                yield person, a, _iri(PROV + "Person")
                yield person, _iri(RDFS + "label"), _lit(entry["who"])


def _datetime(value: str) -> str:
    try:
        return dt.datetime.fromisoformat(value).isoformat()
    except ValueError:
        return value


# --------------------------------------------------------------------------- RDF: Turtle and JSON-LD


def write_turtle(
    claims: Iterable[dict[str, Any]],
    out: IO[str],
    *,
    base: str = DEFAULT_BASE,
    reviews: Mapping[str, list[dict[str, Any]]] | None = None,
) -> int:
    """The claims as RDF Turtle with PROV-O provenance.

    Returns:
        The number of claims written.
    """
    for prefix, iri in PREFIXES.items():
        out.write(f"@prefix {prefix}: <{iri}> .\n")
    out.write("\n")
    counter = _Counter(claims)
    for s, p, o in claim_triples(counter, base=base, reviews=reviews):
        out.write(f"{_ttl(s)} {_ttl(p)} {_ttl(o)} .\n")
    return counter.count


def _ttl(term: Term) -> str:
    if term[0] == "iri":
        for prefix, iri in PREFIXES.items():
            local = term[1][len(iri) :]
            if term[1].startswith(iri) and local and all(ch.isalnum() or ch == "_" for ch in local):
                return f"{prefix}:{local}"
        return "<" + _iri_text(term[1]) + ">"
    text = '"' + _ttl_escape(term[1]) + '"'
    if term[2]:
        return text + "^^" + _ttl(_iri(term[2]))
    return text


def _iri_text(iri: str) -> str:
    """An IRI for ``<...>``: characters Turtle forbids there escaped as ``\\uXXXX``."""
    return "".join(f"\\u{ord(ch):04X}" if ch in '<>"{}|^`\\' or ord(ch) <= 0x20 else ch for ch in iri)


def _ttl_escape(text: str) -> str:
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ch in "\ufffe\uffff" or 0xD800 <= ord(ch) <= 0xDFFF:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return "".join(out)


def write_jsonld(
    claims: Iterable[dict[str, Any]],
    out: IO[str],
    *,
    base: str = DEFAULT_BASE,
    reviews: Mapping[str, list[dict[str, Any]]] | None = None,
) -> int:
    """The claims as JSON-LD (the same triples as :func:`write_turtle`), one node per subject.

    Returns:
        The number of claims written.
    """
    counter = _Counter(claims)
    nodes: dict[str, dict[str, Any]] = {}
    for s, p, o in claim_triples(counter, base=base, reviews=reviews):
        node = nodes.setdefault(s[1], {"@id": s[1]})
        if p[1] == RDF + "type":
            node.setdefault("@type", []).append(o[1])
            continue
        if o[0] == "iri":
            item: dict[str, Any] = {"@id": o[1]}
        else:
            item = {"@value": o[1]}
            if o[2]:
                item["@type"] = o[2]
        node.setdefault(p[1], []).append(item)
    out.write('{"@context": ' + json.dumps(PREFIXES) + ', "@graph": [\n')
    for n, node in enumerate(nodes.values()):
        out.write(("," if n else "") + json.dumps(node, ensure_ascii=False) + "\n")
    out.write("]}\n")
    return counter.count


class _Counter:
    """An iterable of claims that counts them as they pass."""

    def __init__(self, claims: Iterable[dict[str, Any]]) -> None:
        self._claims = claims
        self.count = 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for claim in self._claims:
            self.count += 1
            yield claim


# --------------------------------------------------------------------------- dispatch


def export(store: Store, format: str, out: IO[str]) -> int:  # noqa: A002 - the CLI's word
    """Write the base in one of :data:`kronika.export.FORMATS`.

    Returns:
        The number of claims written (for GraphML, of edges).

    Raises:
        UnsupportedFormatError: an unknown format.
    """
    from kronika.errors import UnsupportedFormatError
    from kronika.export import FORMATS, write_csv

    if format == "jsonl":
        return export_jsonl(store, out)
    if format == "csv":
        return write_csv(store.iter_claims(), out)
    if format == "graphml":
        return write_graphml(store.iter_claims(), out)
    if format in ("ttl", "jsonld"):
        reviews = sql.reviews_by_claim(store.connection)
        writer = write_turtle if format == "ttl" else write_jsonld
        return writer(store.iter_claims(), out, reviews=reviews)
    raise UnsupportedFormatError(format, FORMATS)
