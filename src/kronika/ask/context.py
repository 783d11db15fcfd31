"""What every answering strategy shares: the question, its entities, and scoring primitives.

Scores are sums of small, named parts so a reader can see why a claim won:

* **entity**: the claim's subject or object is an entity the question names (its match
  weight), an entity named after one ("HTP residents" for HTP, 0.75 of it), or shares words
  with the question (0.6 of the share when most of its name is there, else 0.3 of it).
* **predicate**: the question's cue weight for the claim's predicate.
* **time**: 1 for the same span, 0.9 for the same bound ("by 2016"), 0.8 inside the asked span,
  0.7 for an open span starting in the asked year, 0.5 (open: 0.4) overlapping, -1 disjoint,
  -0.2 for a claim without a time when the question names one; for "today", 0.9 for what the
  source says holds now, 0.6 for an undated claim, 0.3 for an open-ended one, and the latest
  dated claim is preferred (:meth:`Context.recency`).
* **words**: the share of the question's content words found in the claim's sentence and names;
  **locality**: how near those words sit to the answer's name in the sentence.
* **type**: +0.3 when the answer entity has a type the question asks for, -0.4 otherwise (-0.7
  for a policy, product or place answering "who", -0.2 for a group).
* **nationality**: +0.5 when the answer entity is of the country a demonym names
  (headquarters or location claim, description, or the demonym right before its name), -0.3
  otherwise.
* **direction**: +0.25 when the named entity sits on the side of the claim its role in the
  question puts it ("did X found" makes X the founder), -0.25 when not.
* **status**: +0.15 for an accepted claim, +0.3 / -0.4 for one a reviewer ranked preferred /
  deprecated; rejected claims are never read.

The strategies add their own parts (a claim about another entity than the one named, a
document that never names it, a question naming no relation) and document them.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from kronika.ask.lexicon import AGENT_SIDE, PREDICATE_CUES
from kronika.ask.match import EntityMatch, find_entities
from kronika.ask.periods import QTime
from kronika.ask.question import Question, recount_cues
from kronika.ask.text import STOP_WORDS, Token, content_stems, tokens, words_list
from kronika.store import ask_queries, normalize_name

# Nouns after a demonym that make it name the country itself ("the Belarusian market").
_PLACE_NOUNS = frozenset(
    words_list(
        "market markets government territory economy state side authorities capital soil border president "
        "gdp borders army regime parliament law laws"
    )
)
_NOT_EXPANDED = frozenset({"place", "group"})
_NAMED_THINGS = frozenset({"product", "policy", "event"})
_AUX_ACTIVE = frozenset(words_list("did does do has have had will would"))
_AUX_PASSIVE = frozenset(words_list("was is were are been being"))


def _is_verb_cue(word: Token) -> bool:
    """Whether a word is a verb-like predicate cue ("founded", "leads", "bought")."""
    cues = PREDICATE_CUES.get(word.lower) or PREDICATE_CUES.get(word.stem, {})
    return bool(cues) and max(cues.values()) >= 0.8 and word.lower not in ("under", "part", "office", "from")


_ID = re.compile(r"(?:org|person|place|product|policy|event|group)/[a-z0-9][a-z0-9-]*")


@dataclass
class Context:
    """A question being answered against one base.

    Attributes:
        conn: the store's connection.
        q: the parsed question.
        matches: entities found in the question.
        given: entity id -> weight, for every entity the question names (related ones included).
        nationalities: place ids named by demonyms used as adjectives ("Finnish company").
        nationality_words: those demonyms as written.
    """

    conn: sqlite3.Connection
    q: Question
    matches: list[EntityMatch] = field(default_factory=list)
    given: dict[str, float] = field(default_factory=dict)
    nationalities: list[str] = field(default_factory=list)
    nationality_words: list[str] = field(default_factory=list)
    _search: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    _entity_info: dict[str, dict[str, Any]] = field(default_factory=dict)
    _home: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, conn: sqlite3.Connection, q: Question) -> Context:
        """Find the question's entities and the ones named after them."""
        ctx = cls(conn, q)
        ctx.matches = find_entities(conn, q)
        # proper names only: "development center" as a name still says what the question asks
        names = [(m.start, m.end) for m in ctx.matches if m.weight >= 1.0 and m.how == "alias"]
        if names:
            recount_cues(q, names)
        lower = q.text.lower()
        for m in ctx.matches:
            if m.how == "demonym":
                after = lower[m.end :].split()
                if after and after[0].strip("?,.") in _PLACE_NOUNS:
                    m.weight = 0.8
                else:
                    ctx.nationalities.extend(m.ids)
                    ctx.nationality_words.append(m.text)
                    continue
            for eid in m.ids:
                ctx.given[eid] = max(ctx.given.get(eid, 0.0), m.weight)
        ctx._expand()
        ctx._roles()
        return ctx

    def _roles(self) -> None:
        """Which named entities do the question's verb ("did X found") and which undergo it
        ("who founded X", "was X founded"): see :data:`~kronika.ask.lexicon.AGENT_SIDE`."""
        words = self.q.words
        for m in self.matches:
            if m.how == "demonym" or m.weight < 0.7:
                continue
            before = [w for w in words if w.end <= m.start][-3:]
            after = [w for w in words if w.start >= m.end][:1]
            prev = [w for w in before if w.lower not in ("the", "a", "an")][-1:]
            role = None
            if after and _is_verb_cue(after[0]) and any(w.lower in _AUX_ACTIVE for w in before):
                role = "agent"
            elif (prev and _is_verb_cue(prev[0])) or (
                after and _is_verb_cue(after[0]) and any(w.lower in _AUX_PASSIVE for w in before)
            ):
                role = "patient"
            if role:
                for eid in m.ids:
                    self.roles[eid] = role

    def _expand(self) -> None:
        """Add entities named after the question's entities, and names nested in longer matches."""
        strong = [m for m in self.matches if m.weight >= 0.7 and m.how != "demonym"]
        if not strong:
            return
        info = self.entity_info([eid for m in strong for eid in m.ids])
        for m in strong:
            ids = [eid for eid in m.ids if info.get(eid, {}).get("type") not in _NOT_EXPANDED]
            place = any(info.get(e, {}).get("type") == "place" for e in m.ids)
            if not ids or place:
                # "Minsk" is a city first, even where a product is also called so: what is named
                # after the city is not named by the question
                continue
            # Names that start with what the question wrote, or with the canonical name.
            keys = [normalize_name(m.text)] + [
                normalize_name(info[eid]["name"]) for eid in ids if eid in info
            ]
            keys = [k for k in dict.fromkeys(keys) if len(k) >= 2]
            related = ask_queries.entities_named_after(self.conn, keys, limit=20)
            related_info = self.entity_info(related)
            for rid in related:
                if rid not in self.given and related_info.get(rid, {}).get("type") != "place":
                    m.related.append(rid)
                    self.given[rid] = 0.75 * m.weight
        # "HTP's resident companies" matched as one group: HTP itself counts too, more weakly.
        words = self.q.words
        for m in strong:
            inner = [w for w in words if m.start <= w.start and w.end <= m.end]
            if len(inner) < 2:
                continue
            inner_keys = [
                normalize_name(w.text) for w in inner if w.text[:1].isupper() and w.lower not in STOP_WORDS
            ]
            nested = ask_queries.names_matching(self.conn, inner_keys)
            nested_info = self.entity_info([eid for _, eid in nested])
            # A place inside a longer name ("Minsk" in "Minsk Plant of Mathematical Machines") says
            # where the thing is, not what is asked about: so does anything else of that name.
            places = {n for n, eid in nested if nested_info.get(eid, {}).get("type") == "place"}
            outer_place = any(info.get(eid, {}).get("type") == "place" for eid in m.ids)
            for norm, eid in nested:
                if eid not in self.given:
                    factor = 0.25 if norm in places and not outer_place else 0.6
                    self.given[eid] = factor * m.weight

    # ------------------------------------------------------------------ lookups

    def entity_info(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """Name, type and description of entities (cached)."""
        missing = [i for i in ids if i not in self._entity_info]
        if missing:
            self._entity_info.update(ask_queries.entities_by_id(self.conn, missing))
        return {i: self._entity_info[i] for i in ids if i in self._entity_info}

    def sentence_stems(self, claim: dict[str, Any]) -> frozenset[str]:
        """Stems of a claim's sentence plus its names, measure and role (cached by sentence)."""
        ev = claim.get("evidence") or {}
        stems = content_stems(ev.get("text") or "")
        extra = " ".join(
            str(x)
            for x in (
                (claim.get("subject") or {}).get("name"),
                (claim.get("object") or {}).get("name"),
                (claim.get("measure") or "").replace("_", " "),
                (claim.get("qualifiers") or {}).get("role"),
            )
            if x
        )
        return stems | content_stems(extra)

    # ------------------------------------------------------------------ scores

    def entity_weight(self, ref: dict[str, Any] | None) -> float:
        """How strongly the question names this claim entity (0 when it does not)."""
        if not ref:
            return 0.0
        key = str(ref.get("id") or "")
        cache: dict[str, float] = self.cache.setdefault("entity_weight", {})
        if key not in cache:
            cache[key] = self._entity_weight(ref)
        return cache[key]

    def _entity_weight(self, ref: dict[str, Any]) -> float:
        weight = self.given.get(ref.get("id", ""), 0.0)
        if weight:
            return weight
        # Not named outright: credit for sharing words with the question ("mass protests" for
        # "mass social protests"), more when most of the name is there.
        name_stems = content_stems(str(ref.get("name") or ""))
        if not name_stems:
            return 0.0
        asked = set(self.q.keywords) | {
            w.stem for m in self.matches if m.how != "demonym" for w in tokens(m.text)
        }
        share = len(name_stems & asked) / len(name_stems)
        return 0.6 * share if share >= 0.5 else 0.3 * share

    def word_overlap(self, claim: dict[str, Any]) -> float:
        """Share of the question's content words found in the claim's sentence and names."""
        if not self.q.keywords:
            return 0.0
        stems = self.sentence_stems(claim)
        return sum(1 for k in self.q.keywords if k in stems) / len(self.q.keywords)

    def locality(self, claim: dict[str, Any], name: str) -> float:
        """How close the question's words sit to a name in the claim's sentence, 0…1.

        Each keyword found in the sentence counts 1 / (1 + distance / 20 characters) from the
        name's nearest occurrence; the sum is divided by the number of keywords. It separates two
        answers read from one sentence ("a subsidiary of Sberbank Technologies and Yandex,
        Russia's equivalent of Google").
        """
        text = str((claim.get("evidence") or {}).get("text") or "")
        if not name or not text or not self.q.keywords:
            return 0.0
        lowered, needle = text.lower(), name.lower()
        spots: list[int] = []
        at = lowered.find(needle)
        while at != -1:
            spots.append(at)
            at = lowered.find(needle, at + 1)
        if not spots:
            return 0.0
        keys = set(self.q.keywords)
        total = 0.0
        for w in tokens(text):
            if w.stem in keys:
                d = min(min(abs(w.start - s), abs(w.start - (s + len(name)))) for s in spots)
                total += 1.0 / (1.0 + d / 20.0)
        return min(1.0, total / len(keys))

    def time_fit(
        self, claim_time: dict[str, Any] | None, qtime: QTime | None = None, *, point: bool = False
    ) -> float:
        """How well a claim's time fits the question's (see the module notes).

        Args:
            claim_time: the claim's time.
            qtime: the question's time (default its first).
            point: the claim is a figure: "more than 1,000 by 2021" holds at the end of 2021,
                not over every year before it.
        """
        qtime = qtime if qtime is not None else self.q.time
        if qtime is None:
            return 0.0
        start = (claim_time or {}).get("start")
        end = (claim_time or {}).get("end")
        if point and start is None and end is not None and qtime.kind not in ("by", "until", "before"):
            start = end[:4] + "-01-01"
        if qtime.kind == "now":
            # Untimed ("now") and open-ended claims fit; among timed ones the latest is preferred
            # (see :meth:`recency`).
            if not claim_time or (start is None and end is None):
                said = str((claim_time or {}).get("text") or "")
                return 0.9 if re.search(r"(?i)\b(now|today|current|currently|at present)\b", said) else 0.6
            return 0.3 if end is None else 0.0
        if not claim_time or (start is None and end is None):
            return -0.2
        if start == qtime.start and end == qtime.end:
            return 1.0
        qs, qe = qtime.start or "0000", qtime.end or "9999"
        cs, ce = start or "0000", end or "9999"
        if qtime.kind in ("by", "until", "before") and end is not None and end[:4] == (qtime.end or "")[:4]:
            return 0.9
        if qtime.kind in ("after", "since") and start is not None and start[:4] == (qtime.start or "")[:4]:
            return 0.9
        if qs <= cs and ce <= qe:
            return 0.8
        if cs <= qe and qs <= ce:
            if start is None or end is None:
                # "from 2025" answers "in 2025" better than "from 2021" does
                same_start = start is not None and start[:4] == qs[:4]
                same_end = end is not None and end[:4] == qe[:4]
                return 0.7 if same_start or same_end else 0.4
            return 0.5
        if (
            qtime.kind in ("after", "before")
            and qtime.points
            and qtime.points[0] in (_year(start), _year(end))
        ):
            return 0.3  # "after 2022" often means "after the events of 2022"
        return -1.0

    def recency(self, claims: list[dict[str, Any]]) -> dict[str, float]:
        """For "today"/"now" questions: 0…1 by how late each timed claim is (the latest is 1)."""
        years: dict[str, int] = {}
        for c in claims:
            time = c.get("time") or {}
            year = _year(time.get("end")) or _year(time.get("start"))
            if year is not None:
                years[c["id"]] = year
        if not years:
            return {}
        low, high = min(years.values()), max(years.values())
        return {cid: (y - low) / (high - low) if high > low else 1.0 for cid, y in years.items()}

    def direction_fit(self, claim: dict[str, Any], given_side: str) -> float:
        """+0.25 when the named entity sits on the side of the claim its role in the question
        puts it (doer or undergoer of the verb), -0.25 when on the other; a small preference for
        the named entity as the claim's subject otherwise."""
        ref = claim.get(given_side) or {}
        role = self.roles.get(str(ref.get("id") or ""))
        agent_side = AGENT_SIDE.get(str(claim.get("predicate")))
        if role is None or agent_side is None:
            return 0.1 if given_side == "subject" else 0.0
        expected = agent_side if role == "agent" else ("subject" if agent_side == "object" else "object")
        return 0.25 if expected == given_side else -0.25

    def readable(self, claim: dict[str, Any]) -> dict[str, Any]:
        """A copy of a claim for rendering, its qualifiers' entity ids ("org/dev-by") named."""
        qualifiers = claim.get("qualifiers") or {}
        ids = [v for v in qualifiers.values() if isinstance(v, str) and _ID.fullmatch(v)]
        if not ids:
            return claim
        info = self.entity_info(ids)
        named = {k: info[v]["name"] if isinstance(v, str) and v in info else v for k, v in qualifiers.items()}
        return dict(claim, qualifiers=named)

    def status_fit(self, claim: dict[str, Any]) -> float:
        """Review decisions: +0.15 for an accepted claim (or the curated atlas), +0.3 for one a
        reviewer ranked preferred among disagreeing claims, -0.4 for one ranked deprecated."""
        rank = {"preferred": 0.3, "deprecated": -0.4}.get(str(claim.get("rank") or ""), 0.0)
        return rank + (0.15 if claim.get("status") == "accepted" else 0.0)

    def type_fit(self, ref: dict[str, Any] | None) -> float:
        """+0.3 when an answer entity has a wanted type, -0.4 (groups -0.2) when not, 0 when any will do.

        "Who" wants a person or a body: a policy, product or place answering it is -0.7.
        """
        if not self.q.types or not ref:
            return 0.0
        kind = ref.get("type")
        if kind in self.q.types:
            return 0.3
        if kind == "group":
            return -0.2
        return -0.7 if self.q.wh in ("who", "whom") else -0.4

    def nationality_fit(self, ref: dict[str, Any] | None, claim: dict[str, Any] | None = None) -> float:
        """+0.5 when the entity is of a country named by a demonym, -0.3 when not, 0 without demonyms."""
        if not self.nationalities or not ref:
            return 0.0
        eid = str(ref.get("id") or "")
        homes = self._homes(eid)
        if homes & set(self.nationalities):
            return 0.5
        description = str(self.entity_info([eid]).get(eid, {}).get("description") or "")
        if any(re.search(rf"\b{re.escape(w)}\b", description, re.I) for w in self.nationality_words):
            return 0.5
        if claim is not None:
            text = str((claim.get("evidence") or {}).get("text") or "")
            name = str(ref.get("name") or "")
            for w in self.nationality_words:
                # "Finnish outsourcing company Tieto": the demonym, a few lower-case words, the name
                if re.search(rf"\b{re.escape(w)}\s+(?:[a-z][\w-]*\s+){{0,3}}{re.escape(name)}", text):
                    return 0.5
        return -0.3

    def _homes(self, eid: str) -> set[str]:
        """Places an entity is headquartered or located in (cached)."""
        if eid not in self._home:
            claims = ask_queries.claims_about(
                self.conn,
                [eid],
                predicates=["headquartered_in", "located_in", "founded"],
                side="subject",
                limit=20,
            )
            self._home[eid] = {str(c["object"]["id"]) for c in claims if c.get("object")}
        return self._home[eid]

    def given_documents(self) -> frozenset[str]:
        """Documents that mention an entity the question names outright, places aside (a country is
        named in too many documents to tell one context from another). Cached."""
        docs = self.cache.get("given_documents")
        if docs is None:
            ids = [eid for m in self.matches if m.weight >= 0.7 and m.how != "demonym" for eid in m.ids]
            info = self.entity_info(ids)
            ids = [eid for eid in ids if info.get(eid, {}).get("type") != "place"]
            docs = frozenset(ask_queries.documents_mentioning(self.conn, ids))
            self.cache["given_documents"] = docs
        return frozenset(docs)

    def named_subjects(self) -> bool:
        """Whether the question names, by a capitalised name, an organization or a person (places,
        populations and sectors, such as "ICT", are context more than the subject)."""
        cache = self.cache.get("named_subjects")
        if cache is None:
            strong = [m for m in self.matches if m.weight >= 0.9 and m.how == "alias"]
            ids = [eid for m in strong for eid in m.ids]
            info = self.entity_info(ids)
            cache = any(info.get(i, {}).get("type") in ("organization", "person") for i in ids)
            # A product, policy or event named by a capitalised name ("the Minsk-brand computers",
            # "Decree No. 8") is the subject as much as a company is.
            cache = cache or any(
                info.get(i, {}).get("type") in _NAMED_THINGS and m.text[:1].isupper()
                for m in strong
                for i in m.ids
            )
            # "Who founded EPAM?" on a base that has nothing on EPAM: the question still names
            # someone, so claims about others do not answer it
            cache = cache or self._unknown_registry_name() is not None
            self.cache["named_subjects"] = cache
        return bool(cache)

    def _unknown_registry_name(self) -> str | None:
        """A capitalised name in the question that is an organisation or person the registry
        knows but the question's matches do not cover (the base has nothing on it), or None."""
        from kronika.registry import load_registry

        registry = load_registry()
        words = self.q.words
        for i, w in enumerate(words):
            if i == 0 or not w.text[:1].isupper():
                continue
            if any(m.start <= w.start < m.end for m in self.matches):
                continue
            for j in range(min(len(words), i + 3), i, -1):
                surface = self.q.text[words[i].start : words[j - 1].end]
                ent = registry.lookup(surface)
                if ent is not None and ent.type in ("organization", "person"):
                    return surface
        return None

    def absent_name(self) -> str | None:
        """A name the question asks about that nothing in the base mentions: an organisation or
        person the registry knows, or a capitalised word (not the question's first) that no
        entity matches, the registry does not know, and no stored sentence contains."""
        cached = self.cache.get("absent_name")
        if cached is not None:
            return str(cached) or None
        name = self._unknown_registry_name()
        if name is None:
            from kronika.registry import load_registry

            registry = load_registry()
            for i, w in enumerate(self.q.words):
                if i == 0 or not w.text[:1].isupper() or len(w.text) < 3:
                    continue
                if any(m.start <= w.start < m.end for m in self.matches):
                    continue
                if registry.lookup(w.text) is None:
                    name = w.text
                    break
        if name is not None and ask_queries.sentences_with_terms(self.conn, [name], limit=1):
            name = None  # the base's text has it, even if no entity was made of it
        self.cache["absent_name"] = name or ""
        return name

    def is_given(self, ref: dict[str, Any] | None, threshold: float = 0.5) -> bool:
        """Whether the question itself names this entity."""
        return bool(ref) and self.given.get(str((ref or {}).get("id")), 0.0) >= threshold

    # ------------------------------------------------------------------ candidates

    def given_ids(self, threshold: float = 0.3) -> list[str]:
        """The ids of the entities the question names, strongest first."""
        return [eid for eid, w in sorted(self.given.items(), key=lambda kv: -kv[1]) if w >= threshold]

    def search(self, limit: int = 8) -> list[dict[str, Any]]:
        """The best evidence sentences (:func:`kronika.ask.search.search`), computed once per limit."""
        from kronika.ask.search import search

        if not self._search or max(self._search) < limit:
            self._search = {max(limit, 8): search(self, limit=max(limit, 8))}
        return next(iter(self._search.values()))[:limit]

    def sentence_claims(self, limit: int = 6) -> list[dict[str, Any]]:
        """Claims read from the sentences that best match the question's words."""
        sentences = self.search(limit=limit)
        return ask_queries.claims_in_sentences(self.conn, [(s["doc"], s["idx"]) for s in sentences])


def _year(iso: str | None) -> int | None:
    return int(iso[:4]) if iso and iso[:4].isdigit() else None
