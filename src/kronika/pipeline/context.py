"""The reading context of one document: mentions, back-references, times and claim output.

Relation patterns (``relations.py``, ``measures.py``) ask this context three things: which
entities a noun phrase names (resolving "it", "they", "the Park", "these companies" and
lists such as "companies such as A, B and C"), which time a claim holds at, and where to put
the claim. Keeping those answers here lets every pattern stay a few lines of grammar.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kronika.models import Claim, Entity, Quantity, TimeSpan
from kronika.pipeline.entities import (
    DETERMINERS,
    GROUP_NOUNS,
    PRONOUNS_PERSON,
    PRONOUNS_PLURAL,
    PRONOUNS_SINGULAR,
    ROLE_NOUNS,
    EntityTable,
    MentionSpan,
    is_sector,
    noun_class,
)
from kronika.pipeline.tokens import span_tokens

ORG_HEADS = frozenset(
    [
        "company",
        "firm",
        "startup",
        "corporation",
        "business",
        "group",
        "developer",
        "enterprise",
        "organization",
        "organisation",
        "vendor",
        "studio",
        "maker",
        "manufacturer",
        "bank",
        "technopark",
        "institution",
        "institute",
        "university",
        "academy",
        "agency",
        "ministry",
        "park",
        "hub",
        "fund",
        "operator",
        "platform",
        "exchange",
        "marketplace",
        "plant",
        "factory",
        "works",
        "laboratory",
        "lab",
        "college",
        "school",
        "observatory",
        "bureau",
        "centre",
        "center",
        "association",
        "foundation",
        "zone",
        "council",
        "committee",
    ]
)
#: How many sentences a time stays "the time the text is at" for claims without one.
CONTEXT_REACH = 6

PEOPLE_NOUNS = frozenset(
    [
        "brother",
        "sister",
        "couple",
        "founder",
        "entrepreneur",
        "engineer",
        "friend",
        "partner",
        "duo",
        "pair",
        "team",
        "graduate",
        "student",
        "programmer",
        "developer",
    ]
)
KIND_NOUNS = frozenset(
    [
        "machine",
        "computer",
        "model",
        "mainframe",
        "programme",
        "program",
        "project",
        "initiative",
        "scheme",
        "platform",
        "regime",
        "law",
        "decree",
        "park",
        "hub",
        "app",
        "service",
        "fund",
        "system",
        "series",
        "network",
        "portal",
        "campaign",
        "strategy",
        "reform",
        "zone",
        "visa",
    ]
)
LIST_INTRODUCERS = frozenset(["such", "including", "like", "namely", "among"])
NOMINAL_SKIP_DEPS = frozenset(
    [
        "det",
        "predet",
        "poss",
        "nummod",
        "quantmod",
        "punct",
        "case",
        "cc",
        "prep",
        "relcl",
        "acl",
        "appos",
        "advmod",
    ]
)
QUANT_WORDS = frozenset(
    [
        "more",
        "than",
        "over",
        "about",
        "around",
        "some",
        "most",
        "few",
        "many",
        "numerous",
        "several",
        "key",
        "both",
        "other",
    ]
)


@dataclass(frozen=True)
class TimeHit:
    """A time expression found in a sentence (token offsets into the document)."""

    start: int
    end: int
    span: TimeSpan


@dataclass(frozen=True)
class QuantityHit:
    """A quantity found in a sentence (token offsets into the document)."""

    start: int
    end: int
    quantity: Quantity


@dataclass
class SentenceView:
    """One sentence with what the normalisers found in it."""

    span: Span
    index: int
    times: list[TimeHit]
    quantities: list[QuantityHit]
    segments: list[int] = field(default_factory=list)  # per token (sentence-relative): clause segment id

    def segment(self, tok: Token) -> int:
        """The clause segment of a token: ';' and parentheses split a sentence into segments."""
        return self.segments[tok.i - self.span.start]


def make_segments(span: Span) -> list[int]:
    """Number clause segments: a new one after ';', and parentheses as their own segment."""
    seg = 0
    depth_seg: list[int] = []
    out: list[int] = []
    next_id = 1
    for tok in span_tokens(span):
        if tok.text == "(":
            depth_seg.append(seg)
            seg = next_id
            next_id += 1
            out.append(seg)
            continue
        if tok.text == ")" and depth_seg:
            out.append(seg)
            seg = depth_seg.pop()
            continue
        out.append(seg)
        if tok.text == ";" and not depth_seg:
            seg = next_id
            next_id += 1
    return out


#: Prepositions whose object stands beside the subject, never for it ("with Midea it runs ...",
#: "unlike Minsk, it ...").
_BESIDE = frozenset(["with", "alongside", "unlike", "like", "against", "besides", "than"])


def _beside(tok: Token) -> bool:
    """Whether a name is the object of a preposition like "with" or "unlike"."""
    while tok.dep_ in ("compound", "amod", "appos", "conj") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in _BESIDE


def _in_participle_clause(tok: Token) -> bool:
    """True inside a fronted participle clause ("Founded in 1957 as X, it ...")."""
    cur = tok
    for _ in range(10):
        if cur.dep_ == "advcl" and cur.tag_ == "VBN":
            return True
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def governing_verb(tok: Token) -> Token:
    """The nearest verb above a token (itself when it is a verb), or the sentence root."""
    cur = tok
    for _ in range(12):
        if cur.pos_ in ("VERB", "AUX") or cur.dep_ == "ROOT" or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


class DocContext:
    """State while reading one document."""

    def __init__(
        self,
        doc: Doc,
        table: EntityTable,
        mentions: list[MentionSpan],
        focus: str | None,
    ) -> None:
        self.doc = doc
        self.text = doc.text  # ``Doc.text`` joins every token again on each call
        self.table = table
        self.mentions = mentions
        self.focus = focus
        self.tok_mention: list[MentionSpan | None] = [None] * len(doc)
        for m in mentions:
            for i in range(m.start, m.end):
                self.tok_mention[i] = m
        self.claims: list[Claim] = []
        self.extra_mentions: list[MentionSpan] = []
        self.nominal_ids: set[str] = set()
        self.said_located: set[str] = set()
        self._topic: str | None = None
        self.doc_date: dt.date | None = None  # the document's publication date, when known
        self.recent: list[str] = []
        self.subjects: list[str] = []
        self.prev_subjects: list[str] = []
        self.context_time: TimeSpan | None = None
        self.prev_context_time: TimeSpan | None = None
        self.prev_context_index = -(10**6)
        self.sent: SentenceView | None = None
        self.last_measure: tuple[list[str], str, int] | None = None
        self._head_cache: dict[tuple[str, str, int], tuple[str, ...]] = {}
        self._topic_person: str | None = None
        self.kinds = self._described_kinds()

    # -- entities -------------------------------------------------------------------------

    def sent_span(self, tok: Token) -> Span:
        """The sentence of a token: the one being read (``Token.sent`` walks the whole doc)."""
        if self.sent is not None and self.sent.span.start <= tok.i < self.sent.span.end:
            return self.sent.span
        return tok.sent

    def mention_at(self, tok: Token) -> MentionSpan | None:
        """The mention covering a token."""
        return self.tok_mention[tok.i]

    def entity_type(self, eid: str) -> str:
        """An entity's type."""
        ent = self.table.get(eid)
        return ent.type if ent else "organization"

    def place_kind(self, eid: str) -> str | None:
        """country, city or region for registry places."""
        return self.table.registry.kind(eid)

    def mention_in(self, tok: Token) -> str | None:
        """An entity named inside the phrase headed by tok (head first, then its compounds)."""
        m = self.mention_at(tok)
        if m is not None:
            return m.entity_id
        for child in tok.children:
            if child.dep_ in ("compound", "nmod", "amod", "poss") and self.mention_at(child) is not None:
                mention = self.mention_at(child)
                assert mention is not None
                ent = self.table.get(mention.entity_id)
                if ent is not None and ent.type != "place":
                    return mention.entity_id
        return None

    def resolve(self, tok: Token, *, nominal: bool = True, allow_types: tuple[str, ...] = ()) -> list[str]:
        """The entities a noun phrase headed by tok names (without list expansion)."""
        low = tok.lower_
        m = self.mention_at(tok)
        if m is not None:
            return [m.entity_id]
        if low in PRONOUNS_SINGULAR:
            return self._resolve_it(tok)
        if low in PRONOUNS_PLURAL:
            return list(self.prev_subjects_plural())
        if low in ("we", "our", "us", "ours"):
            # first person on an organisation's own page: the organisation the text is about
            topic = self.topic_org()
            return [topic] if topic else []
        if low in PRONOUNS_PERSON:
            return self._resolve_person(tok)
        if low in ("which", "that", "who") and tok.dep_ in ("nsubj", "nsubjpass"):
            return self._resolve_relative(tok)
        if tok.pos_ not in ("NOUN", "PROPN"):
            return []
        inner = self.mention_in(tok)
        if inner is not None and (tok.pos_ == "PROPN" or self._names_kind(tok, inner)):
            # "the e-Residency programme", "the SKIF project" name e-Residency and SKIF
            return [inner]
        capital = self._capital(tok) or self._government(tok)
        if capital:
            return [capital]
        described = self.described_by(tok)
        if described:
            return described
        back = self._definite(tok)
        if back:
            return back
        if tok.dep_ == "appos" and tok.pos_ == "NOUN":
            # "IBS Group, the Russian IT group founded in 1992 by ...": the group is IBS Group
            named = self.mention_at(tok.head)
            if (
                named is not None
                and named.entity_id not in self.nominal_ids
                and self.entity_type(named.entity_id) in ("organization", "product", "policy")
            ):
                return [named.entity_id]
        if nominal:
            made = self.nominal(tok)
            if made and (not allow_types or self.entity_type(made) in allow_types):
                return [made]
        return []

    def _described_kinds(self) -> dict[str, set[str]]:
        """What the text calls each named entity: "Rabina Games, a Minsk games studio" and
        "Kestrel is a bank" make "the studio" and "the bank" back-references to them."""
        kinds: dict[str, set[str]] = {}
        for m in self.mentions:
            head = self.doc[m.end - 1]
            nouns = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
            if head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_ == "be":
                nouns += [c for c in head.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
            for noun in nouns:
                kinds.setdefault(m.entity_id, set()).add(noun.lemma_.lower())
        return kinds

    def _resolve_person(self, tok: Token) -> list[str]:
        """ "he", "she", "his": a person who is the subject before it in the same sentence, else
        the previous sentence's person subject, else the person the text is about (named in its
        opening and most often), else the last person named."""
        sent = self.sent_span(tok)
        for t in sent:
            if t.i >= tok.i:
                break
            if t.dep_ in ("nsubj", "nsubjpass"):
                m = self.mention_at(t)
                if m is not None and self.entity_type(m.entity_id) == "person":
                    return [m.entity_id]
        for eid in self.prev_subjects:
            if self.entity_type(eid) == "person":
                return [eid]
        main = self.topic_person()
        if main is not None:
            return [main]
        for eid in reversed(self.recent):
            if self.entity_type(eid) == "person":
                return [eid]
        return []

    def topic_person(self) -> str | None:
        """The person a text is about: a person named in its opening (title or first sentence)
        who is also the most named person."""
        if self._topic_person is None:
            counts: dict[str, int] = {}
            first: dict[str, int] = {}
            for m in self.mentions:
                if self.entity_type(m.entity_id) == "person":
                    counts[m.entity_id] = counts.get(m.entity_id, 0) + 1
                    first.setdefault(m.entity_id, m.start)
            lead_end = 0
            for k, s in enumerate(self.doc.sents):
                lead_end = s.end
                if k == 1:
                    break
            best = max(counts, key=lambda e: (counts[e], -first[e]), default=None)
            self._topic_person = best if best is not None and first[best] < lead_end else ""
        return self._topic_person or None

    def topic_org(self) -> str | None:
        """The organisation a document is mostly about (the most named one)."""
        if self._topic is not None:
            return self._topic or None
        self._topic = self._count_topic() or ""
        return self._topic or None

    def _count_topic(self) -> str | None:
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        for m in self.mentions:
            if self.entity_type(m.entity_id) == "organization":
                counts[m.entity_id] = counts.get(m.entity_id, 0) + 1
                first.setdefault(m.entity_id, m.start)
        if not counts:
            return None
        # a text names its subject early (a title, a first sentence): the first organisation named
        # counts twice over, and a tie goes to the name met first
        opening = min(first, key=lambda e: first[e])
        lead_end = 0
        for k, sent in enumerate(self.doc.sents):
            lead_end = sent.end
            if k == 2:  # a title, a dateline or "Published" line, a first sentence
                break
        if first[opening] < lead_end:
            counts[opening] += 2
        return max(counts, key=lambda e: (counts[e], -first[e]))

    def described_by(self, tok: Token) -> list[str]:
        """A descriptive noun stands for the entity it describes.

        "PandaDoc, a document-automation company founded in 2011" (apposition) and "EPAM is an
        American company headquartered in Newtown" (copula) make the common noun a second name
        of the proper one, so patterns anchored on the noun's modifiers reach the entity.
        """
        if tok.pos_ not in ("NOUN", "PROPN") or self.mention_at(tok) is not None:
            return []
        if tok.dep_ == "appos":
            head = tok.head
            found = self.mention_at(head)
            if found is not None:
                return [found.entity_id]
            inner = self.mention_in(head) if head.pos_ == "PROPN" else None
            if (
                inner is None
                and self.mention_in(head)
                and self._names_kind(head, self.mention_in(head) or "")
            ):
                inner = self.mention_in(head)
            if inner is not None:
                return [inner]
        if tok.dep_ == "attr" and tok.head.lemma_ in ("be", "become", "remain"):
            for subj in tok.head.children:
                if subj.dep_ == "nsubj":
                    m = self.mention_at(subj)
                    if m is not None:
                        return [m.entity_id]
                    if subj.lower_ in PRONOUNS_SINGULAR:
                        return self._resolve_it(subj)
        # "the developer Wargaming": an appositive hung the other way round; "the country's
        # first president, X": a role noun stands for the person named beside it
        role = tok.lemma_.lower() in ROLE_NOUNS or tok.lemma_.lower() in PEOPLE_NOUNS
        for c in tok.children:
            if c.dep_ == "appos":
                m = self.mention_at(c)
                if m is None:
                    continue
                etype = self.entity_type(m.entity_id)
                if role and etype == "person":
                    # "the brothers Dmitry and Yuri Gurski": every person named
                    out = [m.entity_id]
                    for conj in c.conjuncts:
                        cm = self.mention_at(conj)
                        if (
                            cm is not None
                            and cm.entity_id not in out
                            and self.entity_type(cm.entity_id) == "person"
                        ):
                            out.append(cm.entity_id)
                    return out
                if etype not in ("place", "person"):
                    return [m.entity_id]
        return []

    def _names_kind(self, tok: Token, inner: str) -> bool:
        """ "the SKIF project": a name right before a kind noun names the thing itself."""
        if tok.tag_ not in ("NN", "NNS") or tok.lemma_ not in KIND_NOUNS or tok.i == 0:
            return False
        m = self.mention_at(self.doc[tok.i - 1])
        if m is None or m.entity_id != inner:
            return False
        return not is_sector(self.table.registry, inner)

    def _capital(self, tok: Token) -> str | None:
        """ "the Estonian capital", "Estonia's capital" -> the capital city in the registry."""
        if tok.lemma_ != "capital":
            return None
        for c in tok.children:
            countries = []
            if c.dep_ in ("amod", "compound"):
                countries = [e.id for e in self.table.registry.demonym_countries(c.text)]
            elif c.dep_ == "poss" and self.mention_at(c) is not None:
                countries = [self.mention_at(c).entity_id]  # type: ignore[union-attr]
            for country in countries:
                city = self.table.registry.field(country, "capital")
                if city and self.table.get(str(city)) is not None:
                    return str(city)
        return None

    def _government(self, tok: Token) -> str | None:
        """ "Belarus's government", "the Polish government" -> the country's government in the
        registry."""
        if tok.lemma_.lower() not in ("government", "cabinet"):
            return None
        for c in tok.children:
            countries = []
            if c.dep_ in ("amod", "compound"):
                countries = list(self.table.registry.demonym_countries(c.text))
            elif c.dep_ == "poss" and self.mention_at(c) is not None:
                found = self.table.get(self.mention_at(c).entity_id)  # type: ignore[union-attr]
                countries = [found] if found is not None else []
            for country in countries:
                known = self.table.registry.lookup(f"Government of {country.name}")
                if known is not None and self.table.get(known.id) is not None:
                    return known.id
        return None

    def _resolve_it(self, tok: Token) -> list[str]:
        # An organisation named earlier in the same sentence ("According to data from the HTP,
        # it now hosts ..."), else the previous sentence's subject, else the last non-person.
        sent = self.sent_span(tok)
        # "Wargaming ... has completed its exit from Belarus, the country where it was founded":
        # the main clause's subject before anything named in passing
        root = sent.root
        for subj in root.children:
            if subj.dep_ in ("nsubj", "nsubjpass") and subj.i < tok.i and subj.i != tok.i:
                found = self.mention_at(subj)
                if found is not None and self.entity_type(found.entity_id) in (
                    "organization",
                    "product",
                    "policy",
                ):
                    return [found.entity_id]
        for m in reversed(self.mentions):
            if sent.start <= m.start < tok.i and self.entity_type(m.entity_id) in (
                "organization",
                "product",
                "policy",
            ):
                if _in_participle_clause(self.doc[m.start]):
                    continue  # "Founded in 1957 as the Computing Center, it ...": not the referent
                if _beside(self.doc[m.end - 1]):
                    continue  # "With Midea it runs a joint venture": a partner, not the referent
                return [m.entity_id]
        for eid in self.prev_subjects:
            if self.entity_type(eid) not in ("person", "group"):
                return [eid]
        for eid in reversed(self.recent):
            if self.entity_type(eid) not in ("person", "group", "place"):
                return [eid]
        return []

    def prev_subjects_plural(self) -> list[str]:
        """The previous sentence's subjects when they were several, or a group."""
        if len(self.prev_subjects) > 1:
            return self.prev_subjects
        for eid in self.prev_subjects:
            if self.entity_type(eid) == "group":
                return [eid]
        for eid in reversed(self.recent):
            if self.entity_type(eid) == "group":
                return [eid]
        return list(self.prev_subjects)

    def _resolve_relative(self, tok: Token) -> list[str]:
        # "which" refers to the noun the relative clause hangs on; a "which" clause hung on a
        # person by the parser refers to the nearest non-person before it.
        clause = tok.head
        antecedent = clause.head if clause.dep_ == "relcl" else None
        if antecedent is None:
            return []
        found = self.resolve(antecedent, nominal=False)
        if tok.lower_ == "which" and found and self.entity_type(found[0]) == "person":
            for m in reversed(self.mentions):
                if (
                    m.end <= antecedent.i
                    and self.entity_type(m.entity_id) != "person"
                    and m.start >= self.sent_span(tok).start
                ):
                    return [m.entity_id]
            return []
        return found or self.resolve(antecedent)

    def _heads(self, ent: Entity) -> tuple[str, ...]:
        """The last words of an entity's names, lower-cased ("university" for "Tartu University")."""
        key = (ent.id, ent.name, len(ent.aliases))
        found = self._head_cache.get(key)
        if found is None:
            heads: list[str] = []
            for n in [ent.name, *ent.aliases]:
                words = n.split()
                if not words:
                    continue
                heads.append(words[-1].lower())
                lowered = [w.lower().rstrip(".") for w in words]
                if "no" in lowered[1:]:
                    heads.append(lowered[lowered.index("no", 1) - 1])  # "Decree No. 102": "the decree"
                if " of " in f" {n} ":
                    # "Institute of Cybernetics", "National Academy of Sciences of Belarus"
                    before = words[: [w.lower() for w in words].index("of")]
                    if before:
                        heads.append(before[-1].lower())
            found = tuple(heads)
            self._head_cache[key] = found
        return found

    def _definite(self, tok: Token) -> list[str]:
        """Resolve "the Park", "the company", "this new line", "these companies"."""
        dets = [c.lower_ for c in tok.children if c.dep_ == "det"]
        if not dets or dets[0] not in ("the", "this", "these", "that", "those"):
            return []
        if any(c.dep_ in ("compound", "amod") and c.pos_ == "PROPN" for c in tok.children):
            return []
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            return []
        lemma = tok.lemma_.lower()
        plural = tok.tag_ in ("NNS", "NNPS")
        demonstrative = dets[0] in ("this", "these", "that", "those")
        cls = noun_class(lemma, tok.text)
        topic = self.topic_org()
        topic_ent = self.table.get(topic) if topic is not None else None
        # "the studio" after "Rabina Games, a Minsk games studio": the latest entity so described
        if not plural:
            for eid in reversed(self.recent[-40:]):
                if lemma in self.kinds.get(eid, ()):
                    return [eid]
        # "the university" on a university's page is that university
        if (
            topic_ent is not None
            and topic in self.recent[-40:]
            and not plural
            and lemma in self._heads(topic_ent)
        ):
            return [topic_ent.id]
        for eid in reversed(self.recent[-40:]):
            ent = self.table.get(eid)
            if ent is None:
                continue
            stem = lemma.rstrip("s")
            same_head = any(h.rstrip("s") == stem for h in self._heads(ent))
            if same_head and (not plural or ent.type == "group"):
                return [eid]
            if demonstrative and plural and cls == "group" and ent.type == "group":
                head = ent.name.split()[-1].lower() if ent.name.split() else ""
                if head == tok.lower_:
                    return [eid]
        if not plural and lemma in ORG_HEADS:
            for m in reversed(self.mentions):
                if (
                    self.sent_span(tok).start <= m.start < tok.i
                    and self.entity_type(m.entity_id) == "organization"
                ):
                    return [m.entity_id]
            # the organisation the document is about when it was named lately, else the latest
            topic = self.topic_org()
            if topic is not None and topic in self.recent[-40:]:
                return [topic]
            for eid in reversed(self.recent[-40:]):
                if self.entity_type(eid) == "organization" and eid not in self.nominal_ids:
                    return [eid]
        if dets[0] in ("this", "that") and lemma in (
            "line",
            "series",
            "system",
            "product",
            "machine",
            "computer",
        ):
            for eid in reversed(self.recent[-40:]):
                if self.entity_type(eid) == "product" and eid not in self.nominal_ids:
                    return [eid]
        if lemma in ("country", "republic") and not plural:
            for eid in reversed(self.recent[-40:]):
                kind = self.place_kind(eid)
                if kind == "country" or (
                    self.entity_type(eid) == "place"
                    and "republic"
                    in " ".join(
                        [self.table.get(eid).name, *self.table.get(eid).aliases]  # type: ignore[union-attr]
                    ).lower()
                ):
                    if (
                        lemma == "republic"
                        and "republic"
                        not in " ".join(
                            [self.table.get(eid).name, *self.table.get(eid).aliases]  # type: ignore[union-attr]
                        ).lower()
                    ):
                        continue
                    return [eid]
            if self.focus:
                return [self.focus]
        return []

    def expand(self, tok: Token) -> list[Token]:
        """A head and its conjuncts ("A, B and C")."""
        out = [tok]
        for c in tok.conjuncts:
            if c.i > tok.i:
                out.append(c)
        return out

    def list_members(self, tok: Token) -> list[Token]:
        """Members of "N such as A, B and C" / "N, including A and B" under a head noun."""
        members: list[Token] = []
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in ("as", "including", "like"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        members.extend(self.expand(pobj))
            if child.dep_ == "amod" and child.lower_ == "such":
                for gc in child.children:
                    if gc.lower_ == "as":
                        for pobj in gc.children:
                            if pobj.dep_ == "pobj":
                                members.extend(self.expand(pobj))
        return self._with_of_siblings(members)

    def _with_of_siblings(self, members: list[Token]) -> list[Token]:
        """ "including a subsidiary of A and B": B is a member too, not a second parent."""
        out = list(members)
        for m in members:
            if m.pos_ != "NOUN" or m.tag_ != "NN":
                continue
            for prep in m.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            out.extend(
                                c for c in pobj.conjuncts if c.i > pobj.i and self.mention_at(c) is not None
                            )
        return out

    def entities_of(
        self, tok: Token, *, nominal: bool = True, allow_types: tuple[str, ...] = ()
    ) -> list[str]:
        """All entities a (possibly coordinated, possibly listing) noun phrase names."""
        out: list[str] = []
        for head in self.expand(tok):
            members = self.list_members(head)
            if members:
                for mtok in members:
                    for eid in self.resolve(mtok, nominal=nominal, allow_types=allow_types):
                        if eid not in out:
                            out.append(eid)
                continue
            for eid in self.resolve(head, nominal=nominal, allow_types=allow_types):
                if eid not in out:
                    out.append(eid)
        return out

    def nominal(self, tok: Token, type_: str | None = None, *, with_of: bool = True) -> str | None:
        """An entity for a common-noun phrase ("local firms", "Belarusian research institutes").

        The name keeps adjectives and compounds and a following "of"/"from" phrase, and drops
        determiners, numbers and possessives. Its type comes from the head noun.
        """
        if tok.pos_ not in ("NOUN", "PROPN") or tok.is_stop or tok.like_num:
            return None
        if self.sent is not None and any(t.start <= tok.i < t.end for t in self.sent.times):
            return None
        tokens = self._nominal_tokens(tok, with_of=with_of)
        if not tokens:
            return None
        name = "".join(t.text_with_ws for t in tokens).strip().strip(",;:—-").strip()
        name = name.replace("’", "'")
        if not name or len(name) > 80 or not any(ch.isalpha() for ch in name):
            return None
        if type_ is None:
            type_ = noun_class(tok.lemma_.lower(), tok.text) or "product"
            if type_ == "person":
                type_ = "person" if tok.tag_ == "NN" else "group"
            if type_ == "organization" and tok.tag_ in ("NNS", "NNPS"):
                type_ = "group"
        core = [t for t in tokens if t.i <= tok.i]
        aliases: list[str] = []
        core_name = "".join(t.text_with_ws for t in core).strip()
        if core_name and core_name != name:
            aliases.append(core_name)
        ent = self.table.add(type_, name, aliases)
        self.note_mention(tokens[0].i, tokens[-1].i + 1, ent.id, "nominal")
        self.nominal_ids.add(ent.id)
        return ent.id

    def _nominal_tokens(self, tok: Token, *, with_of: bool) -> list[Token]:
        left: list[Token] = []
        for child in tok.lefts:
            if child.dep_ in (
                "det",
                "predet",
                "poss",
                "nummod",
                "quantmod",
                "punct",
                "case",
                "cc",
                "preconj",
            ):
                continue
            if child.lower_ in DETERMINERS or child.lower_ in QUANT_WORDS:
                continue
            if child.like_num:
                continue
            sub = [t for t in child.subtree if t.dep_ not in ("det", "punct") or t.text == "-"]
            sub = [
                t
                for t in sub
                if t.lower_ not in DETERMINERS and not t.like_num and t.lower_ not in QUANT_WORDS
            ]
            left.extend(sub)
        left.sort(key=lambda t: t.i)
        # keep only a contiguous run ending at the head
        run: list[Token] = []
        for t in reversed(left):
            expected = (run[0].i if run else tok.i) - 1
            if t.i == expected:
                run.insert(0, t)
            else:
                break
        tokens = [*run, tok]
        if with_of:
            for child in tok.rights:
                if child.dep_ == "prep" and child.lower_ in ("of", "from") and child.i == tok.i + 1:
                    pobjs = [c for c in child.children if c.dep_ == "pobj"]
                    if pobjs:
                        tail = [t for t in pobjs[0].subtree if t.dep_ not in ("relcl", "acl")]
                        tail = [
                            t for t in tail if t.i <= pobjs[0].i or t.dep_ in ("prep", "pobj", "compound")
                        ]
                        of_phrase = [child, *sorted(tail, key=lambda t: t.i)]
                        if len(of_phrase) <= 6 and all(
                            b.i - a.i == 1 for a, b in zip(of_phrase, of_phrase[1:], strict=False)
                        ):
                            tokens.extend(of_phrase)
                    break
        return tokens

    def note_mention(self, start: int, end: int, eid: str, source: str) -> None:
        """Record a mention found by a pattern (nominal phrases, back-references)."""
        if all(self.tok_mention[i] is None for i in range(start, end)):
            m = MentionSpan(start, end, eid, source)
            self.extra_mentions.append(m)

    def is_group_word(self, tok: Token) -> bool:
        """A plural common noun naming a population ("firms", "specialists")."""
        return tok.lower_ in GROUP_NOUNS

    # -- time ----------------------------------------------------------------------------

    def time_for(self, anchor: Token, mode: str = "clause") -> TimeSpan | None:
        """The time a claim anchored at a token holds at.

        Modes: ``clause`` takes a time governed by the same verb, or a sentence-level time
        when the anchor's clause has none of its own; ``near`` takes the nearest time in the
        same clause segment (for measures in lists: "in 2011 ... 100; by 2016 ... 180");
        ``context`` is ``clause`` falling back to the last time of the preceding text;
        ``none`` gives no time.
        """
        sent = self.sent
        if sent is None or mode == "none":
            return None
        if mode == "near":
            return self._nearest_time(anchor)
        found = self._clause_time(anchor)
        if found is None and mode == "context":
            # the time the text was at, but only when this sentence has no times of its own
            # (they belong to other clauses) and the text was there a few sentences ago
            if sent.times or self.prev_context_time is None:
                return None
            if sent.index - self.prev_context_index > CONTEXT_REACH:
                return None
            return self.prev_context_time
        return found

    def _clause_time(self, anchor: Token) -> TimeSpan | None:
        sent = self.sent
        assert sent is not None
        if not sent.times:
            return None
        gv = governing_verb(anchor)
        same = [t for t in sent.times if governing_verb(self.doc[t.start]) == gv]
        if same:
            return min(same, key=lambda t: abs(t.start - anchor.i)).span
        if gv.dep_ in ("acl", "relcl") and gv.tag_ == "VBN":
            return None  # "a company founded in Minsk" has no time of its own here
        root = sent.span.root
        # Times in the same parenthesis/semicolon segment come first.
        seg = sent.segment(anchor)
        for t in sorted(sent.times, key=lambda t: abs(t.start - anchor.i)):
            tgv = governing_verb(self.doc[t.start])
            if sent.segment(self.doc[t.start]) != seg:
                continue
            if tgv == root or tgv.dep_ in ("conj", "advcl") and tgv.head == root:
                # A sentence-level time does not reach into a clause that has its own time.
                own = [x for x in sent.times if governing_verb(self.doc[x.start]) == gv]
                if not own and gv.dep_ not in ("acl", "relcl") or gv == root:
                    return t.span
                if gv.dep_ in ("acl", "relcl", "advcl", "xcomp", "conj", "ccomp", "pcomp"):
                    return t.span
        return None

    def _nearest_time(self, anchor: Token) -> TimeSpan | None:
        sent = self.sent
        assert sent is not None
        seg = sent.segment(anchor)
        best: TimeHit | None = None
        best_d = 10**9
        for t in sent.times:
            if sent.segment(self.doc[t.start]) != seg:
                continue
            # a time before the quantity reads naturally ("In 2011, ... 100"); after it only close by
            d = anchor.i - t.end if t.end <= anchor.i else (t.start - anchor.i) + 1
            if d < best_d:
                best, best_d = t, d
        if best is None:
            # the main segment's time covers a segment without one ("after 2020, more than 400")
            return None
        return best.span

    # -- output --------------------------------------------------------------------------

    def emit_pairs(
        self,
        predicate: str,
        subjects: list[str],
        objects: list[str],
        *,
        anchor: Token,
        method: str,
        confidence: float,
        time: TimeSpan | None = None,
    ) -> None:
        """Emit one claim for every subject and object pair."""
        for subject in subjects:
            for obj in objects:
                self.emit(
                    predicate,
                    subject,
                    obj=obj,
                    time=time,
                    anchor=anchor,
                    method=method,
                    confidence=confidence,
                )

    def emit(
        self,
        predicate: str,
        subject: str,
        *,
        obj: str | None = None,
        value: Quantity | None = None,
        measure: str | None = None,
        time: TimeSpan | None = None,
        anchor: Token | None = None,
        method: str,
        confidence: float = 0.7,
        qualifiers: dict[str, object] | None = None,
    ) -> None:
        """Record a claim of the current sentence."""
        sent = self.sent
        assert sent is not None
        if obj is not None and obj == subject:
            return
        if predicate not in ("measure", "occurred", "founded") and obj is None:
            return
        span_start = span_end = None
        if anchor is not None:
            span_start, span_end = anchor.idx, anchor.idx + len(anchor.text)
        self.claims.append(
            Claim(
                subject=subject,
                predicate=predicate,
                object=obj,
                value=value,
                measure=measure,
                time=time,
                sentence=sent.index,
                span_start=span_start,
                span_end=span_end,
                confidence=confidence,
                method=method,
                qualifiers=dict(qualifiers or {}),
            )
        )
