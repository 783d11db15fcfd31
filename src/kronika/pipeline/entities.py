"""Recognise and resolve entities: NER plus the alias registry, acronyms and back-references.

The statistical model finds generic names; the alias registry (data, not code) knows the
ecosystem's names, fixes the model's types and merges short and long forms. Per document,
this stage also learns acronyms defined in the text ("the High Technologies Park (HTP)"),
short forms of names already seen ("EPAM" after "EPAM Systems", "Dobkin" after "Arkadiy
Dobkin"), and resolves cheap back-references ("it", "they", "the Park", "these companies").

Notes:
    Back-reference resolution follows the salience idea of Lappin and Leass (1994), cut down
    to recency plus grammatical role: the subject of the previous sentence first, then the
    most recent compatible entity.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from kronika.ids import entity_id
from kronika.models import Entity
from kronika.pipeline import names
from kronika.pipeline.tokens import tokens
from kronika.registry import Registry, normalise_name

# spaCy label -> kronika type; NORP (demonyms) and numeric labels are not entities here.
NER_TYPES: dict[str, str] = {
    "ORG": "organization",
    "PERSON": "person",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "PRODUCT": "product",
    "EVENT": "event",
    "LAW": "policy",
}

# Nouns that call something a maker: a name described so is an organisation.
MAKER_WORDS = frozenset(
    ["manufacturer", "maker", "producer", "developer", "publisher", "operator", "supplier"]
)

# Titles written before a person's name.
TITLES = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "professor", "sir", "academician", "rector", "minister", "general"]
)

# Nouns for what an organisation is to another ("its operator", "a subsidiary").
ORG_ROLE_NOUNS = frozenset(
    ["operator", "subsidiary", "owner", "parent", "unit", "affiliate", "branch", "division"]
)

# Acronyms of common nouns: words, not names.
COMMON_ACRONYMS = frozenset(
    [
        "IPO",
        "VAT",
        "GDP",
        "CEO",
        "CTO",
        "CFO",
        "COO",
        "IT",
        "AI",
        "R&D",
        "HQ",
        "PHD",
        "SME",
        "SMES",
        "B2B",
        "SAAS",
        "ICT",
        "FDI",
        "IIT",
        "CIT",
        "PIT",
        "ML",
        "API",
    ]
)

# Head nouns that say what kind of thing a common-noun phrase names.
ORG_NOUNS = frozenset(
    [
        "company",
        "firm",
        "startup",
        "start-up",
        "corporation",
        "holding",
        "group",
        "plant",
        "factory",
        "works",
        "enterprise",
        "business",
        "vendor",
        "provider",
        "developer",
        "manufacturer",
        "maker",
        "producer",
        "bank",
        "operator",
        "agency",
        "ministry",
        "university",
        "institute",
        "academy",
        "organization",
        "organisation",
        "association",
        "incubator",
        "accelerator",
        "park",
        "hub",
        "fund",
        "subsidiary",
        "division",
        "branch",
        "venture",
        "studio",
        "lab",
        "laboratory",
        "centre",
        "center",
        "portal",
        "publisher",
        "outsourcer",
        "integrator",
        "giant",
        "heavyweight",
        "consultancy",
        "school",
        "college",
        "government",
        "parliament",
        "council",
    ]
)
GROUP_NOUNS = frozenset(
    [
        "companies",
        "firms",
        "startups",
        "start-ups",
        "corporations",
        "enterprises",
        "businesses",
        "vendors",
        "providers",
        "developers",
        "manufacturers",
        "specialists",
        "professionals",
        "workers",
        "engineers",
        "programmers",
        "people",
        "employees",
        "staff",
        "residents",
        "members",
        "graduates",
        "students",
        "founders",
        "entrepreneurs",
        "investors",
        "clients",
        "customers",
        "partners",
        "institutes",
        "institutions",
        "universities",
        "banks",
        "entities",
        "organizations",
        "organisations",
        "citizens",
        "emigrants",
        "migrants",
        "refugees",
        "users",
    ]
)
POLICY_NOUNS = frozenset(
    [
        "decree",
        "law",
        "act",
        "regulation",
        "regime",
        "policy",
        "initiative",
        "program",
        "programme",
        "strategy",
        "scheme",
        "reform",
        "visa",
        "treaty",
        "agreement",
        "directive",
        "ordinance",
        "resolution",
        "bill",
        "plan",
    ]
)
EVENT_NOUNS = frozenset(
    [
        "offering",
        "independence",
        "raid",
        "expo",
        "exhibition",
        "transaction",
        "listing",
        "election",
        "elections",
        "protest",
        "protests",
        "war",
        "conflict",
        "invasion",
        "collapse",
        "dissolution",
        "fall",
        "breakup",
        "crisis",
        "pandemic",
        "sanctions",
        "revolution",
        "coup",
        "outbreak",
        "referendum",
        "blockade",
        "strike",
        "merger",
        "acquisition",
        "ipo",
        "uprising",
        "unrest",
        "crackdown",
        "recession",
        "devaluation",
        "exodus",
        "shock",
    ]
)
ROLE_NOUNS = frozenset(
    [
        "president",
        "advisor",
        "adviser",
        "diplomat",
        "minister",
        "ceo",
        "cto",
        "cfo",
        "coo",
        "founder",
        "co-founder",
        "cofounder",
        "director",
        "chairman",
        "chairwoman",
        "chair",
        "head",
        "chief",
        "manager",
        "leader",
        "ambassador",
        "governor",
        "mayor",
        "officer",
        "executive",
        "partner",
        "owner",
        "professor",
        "rector",
        "dean",
        "secretary",
        "deputy",
        "premier",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "representative",
        "envoy",
    ]
)
PRODUCT_NOUNS = frozenset(
    [
        "computer",
        "computers",
        "machine",
        "machines",
        "mainframe",
        "mainframes",
        "system",
        "systems",
        "series",
        "line",
        "product",
        "products",
        "app",
        "application",
        "platform",
        "software",
        "hardware",
        "device",
        "devices",
        "game",
        "games",
        "supercomputer",
        "supercomputers",
        "equipment",
        "network",
        "service",
        "services",
        "engine",
        "model",
    ]
)
ORG_SUFFIXES = frozenset(
    [
        "limited",
        "jsc",
        "ojsc",
        "oao",
        "ooo",
        "ltd",
        "inc",
        "inc.",
        "ltd",
        "ltd.",
        "llc",
        "gmbh",
        "s.a.",
        "sa",
        "ag",
        "plc",
        "corp",
        "corp.",
        "co",
        "co.",
        "group",
        "holding",
        "holdings",
        "systems",
        "technologies",
        "technology",
        "software",
        "labs",
        "lab",
        "solutions",
        "robotics",
        "games",
        "studios",
        "studio",
        "networks",
        "digital",
        "analytics",
        "capital",
        "ventures",
        "partners",
        "bank",
        "media",
        "consulting",
        "health",
        "tech",
        "soft",
        "services",
        "interactive",
        "electronics",
        "industries",
        "international",
        "global",
        "dynamics",
        "semiconductor",
        "motors",
        "airlines",
        "telecom",
        "innovation",
        "innovations",
        "communications",
        "research",
        "engineering",
        "logic",
        "security",
        "robotics",
        "foundry",
        "ventures",
    ]
)
#: Labels of another name in a parenthesis ("Russian: ...", "also: ...", "formerly: ...").
_NAME_LABELS = frozenset(["russian", "belarusian", "ukrainian", "polish", "lithuanian", "also", "formerly"])
DETERMINERS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "such",
        "numerous",
        "several",
        "many",
        "some",
        "both",
        "all",
        "each",
        "every",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "my",
        "other",
        "another",
        "various",
        "certain",
        "most",
        "few",
    ]
)
PRONOUNS_SINGULAR = frozenset(["it", "its"])
PRONOUNS_PLURAL = frozenset(["they", "their", "them"])
PRONOUNS_PERSON = frozenset(["he", "his", "him", "she", "her"])


@functools.cache
def given_names() -> frozenset[str]:
    """Given names (``data/names/given_names.txt``): "Vadim Goldberg" is a person's name even when
    the model calls it a company."""
    text = resources.files("kronika").joinpath("data/names/given_names.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def looks_like_person(span: Span) -> bool:
    """Two or three capitalised words starting with a given name and ending in no company word."""
    words = [t for t in span if not t.is_punct]
    if not 2 <= len(words) <= 3 or not all(t.is_title and t.is_alpha for t in words):
        return False
    last = words[-1].lower_
    if last in ORG_SUFFIXES or last in names.UNIT_HEADS or last in ORG_NOUNS:
        return False
    return words[0].text in given_names()


def noun_class(lemma: str, text: str) -> str | None:
    """The entity type a common head noun suggests, or None."""
    low = text.lower()
    if low in GROUP_NOUNS:
        return "group"
    if lemma in EVENT_NOUNS or low in EVENT_NOUNS:
        return "event"
    if lemma in POLICY_NOUNS:
        return "policy"
    if lemma in ORG_NOUNS:
        return "organization"
    if lemma in ROLE_NOUNS:
        return "person"
    return None


@dataclass
class MentionSpan:
    """A mention found in a parsed document (token offsets)."""

    start: int
    end: int
    entity_id: str
    source: str


#: Verbs whose passive subject is an organisation that was set up; verbs whose subject buys one.
_FOUND_LEMMAS = frozenset(["found", "establish", "incorporate", "co-found", "cofound"])
_BUY_LEMMAS = frozenset(["acquire", "buy", "purchase"])
#: Suffixes that add nothing to a company's name but its legal form or group ("X Group", "X Ltd"),
#: unlike "X Capital" or "X Labs", which may name another company.
_LEGAL_SUFFIXES = frozenset(
    ["group", "inc", "ltd", "llc", "plc", "gmbh", "corp", "corporation", "holding", "limited", "jsc", "ojsc"]
)
#: Lower-case heads of bodies named after a city ("the Harbin high-tech zone").
_PLACE_UNIT_HEADS = frozenset(["zone", "park", "technopark", "hub", "cluster"])
#: First words of state bodies a text may name without their country.
_STATE_BODY_WORDS = frozenset(
    ["ministry", "council", "cabinet", "government", "parliament", "national", "state"]
)
#: Prepositions the parser may take for a name's first word before a place ("Outside Tallinn, ...").
_PLACE_PREPOSITIONS = frozenset(
    ["outside", "inside", "across", "beyond", "near", "around", "throughout", "within", "beside", "despite"]
)
#: Words that open a title before a name with it ("Prime Minister", "Vice Rector").
_TITLE_MODIFIERS = frozenset(["prime", "vice", "deputy", "first", "general", "chief", "acting", "former"])
_MAKE_LEMMAS = frozenset(["build", "make", "produce", "manufacture", "assemble"])
#: Last words of company names that are not followed by "of" in the name itself: in "Nordhaven
#: Ventures of Stockholm" the place after "of" is where the company is.
_COMPANY_FINAL = frozenset(
    [
        "ventures",
        "capital",
        "partners",
        "labs",
        "technologies",
        "software",
        "systems",
        "solutions",
        "games",
        "studios",
        "holdings",
        "investments",
        "electronics",
        "robotics",
        "interactive",
        "digital",
    ]
)
#: What only an organisation has ("X's founders", "X's headquarters").
_ORG_POSSESSIONS = frozenset(
    ["founder", "co-founder", "cofounder", "ceo", "employee", "staff", "headquarters", "shareholder"]
    + ["subsidiary"]
)


@dataclass
class EntityTable:
    """The entities of one document, with the registry behind them."""

    registry: Registry
    entities: dict[str, Entity] = field(default_factory=dict)
    learnt: dict[str, str] = field(default_factory=dict)  # normalised alias -> entity id

    def get(self, eid: str) -> Entity | None:
        """An entity by id, taken from the registry on first use."""
        ent = self.entities.get(eid)
        if ent is None:
            reg = self.registry.get(eid)
            if reg is not None:
                ent = Entity(reg.id, reg.name, reg.type, list(reg.aliases), reg.description, reg.lat, reg.lon)
                self.entities[eid] = ent
        return ent

    def lookup(self, surface: str) -> Entity | None:
        """An entity by any name: learnt in this document first, then the registry."""
        norm = normalise_name(surface)
        if not norm:
            return None
        eid = self.learnt.get(norm)
        if eid:
            return self.get(eid)
        reg = self.registry.lookup(surface)
        if reg is not None:
            return self.get(reg.id)
        return None

    def add(self, type_: str, name: str, aliases: Iterable[str] = ()) -> Entity:
        """The entity of this type and name, created when new; aliases are added."""
        known = self.lookup(name)
        if known is not None and known.type == "place" and type_ in ("group", "product"):
            known = None  # "Belarusians" the people are not Belarus the place
        if known is not None and (
            known.type == type_ or type_ in ("group", "product") or known.type != "group"
        ):
            ent = known
        else:
            eid = entity_id(type_, name)
            ent = self.entities.get(eid) or Entity(eid, name, type_)
            self.entities[eid] = ent
            self.learnt.setdefault(normalise_name(name), eid)
        for alias in aliases:
            self.alias(ent, alias)
        return ent

    def alias(self, ent: Entity, alias: str, *, defined: bool = False) -> None:
        """Record another name for an entity.

        Args:
            ent: the entity.
            alias: the other name.
            defined: the text defines the name ('X ("Y")', "X (XYZ)"), so it wins over a
                guess made earlier from the same words.
        """
        alias = alias.strip()
        if not alias or alias == ent.name:
            return
        if alias not in ent.aliases:
            ent.aliases.append(alias)
        key = normalise_name(alias)
        if defined:
            self.learnt[key] = ent.id
        else:
            self.learnt.setdefault(key, ent.id)


class EntityRecognizer:
    """Finds mentions in a parsed document using NER and the alias registry."""

    def __init__(self, registry: Registry, vocab: object, tokenizer: Any = None) -> None:
        self.registry = registry
        self._tokenizer = tokenizer  # the model's, to tokenise aliases as documents are
        self.exact = PhraseMatcher(vocab)  # type: ignore[arg-type]
        self.folded = PhraseMatcher(vocab, attr="LOWER")  # type: ignore[arg-type]
        self._shouted: dict[str, str] = {}
        self._ids: dict[str, str] = {}
        self._ambiguous: dict[str, str] = {}
        self._built = False

    def prepare(self) -> None:
        """Build the matchers now rather than on the first document (before forking workers)."""
        if not self._built:
            self._build()

    def _build(self) -> None:
        # Tokenise every alias once with a blank English tokenizer; multi-word aliases match
        # case-insensitively, one-word aliases and names marked case-sensitive only as written
        # (so "sap" is not SAP).
        tok = self._tokenizer
        if tok is None:
            from spacy.lang.en import English

            tok = English().tokenizer
        exact: dict[str, list[Doc]] = {}
        folded: dict[str, list[Doc]] = {}
        table = self.registry.surface_table()
        for (_surface, eid, as_written), pattern in zip(table, tok.pipe(t[0] for t in table), strict=True):
            if len(pattern) > 1 and not as_written:
                folded.setdefault(eid, []).append(pattern)
            else:
                exact.setdefault(eid, []).append(pattern)
        for key, pats in exact.items():
            self.exact.add(key, pats)
        for key, pats in folded.items():
            self.folded.add(key, pats)
        # A one-word place or organisation name written in capitals, as in a news dateline
        # ("MINSK –") or a headline, is that name; unless the capitals are a name of their own.
        singles = {surface for surface, _, _ in table}
        for surface, eid in ((t, e) for t, e, written in table if not written):
            shouted = surface.upper()
            if (
                " " not in surface
                and len(surface) >= 4
                and surface.isalpha()
                and not surface.isupper()
                and shouted not in singles
                and eid.split("/", 1)[0] in ("place", "org")
            ):
                self._shouted.setdefault(shouted, eid)
        # Names the registry marks ambiguous ("Wise", "Bolt", "Park") are ordinary words too:
        # they name the entity only when written as a proper noun.
        for eid in self.registry.entities:
            for name in self.registry.field(eid, "ambiguous") or []:
                if " " not in name and name[:1].isupper():
                    self._ambiguous.setdefault(name, eid)
        self._built = True

    def mentions(self, doc: Doc, table: EntityTable) -> list[MentionSpan]:
        """All mentions in the document, non-overlapping, in order.

        Registry matches win over NER spans they overlap; among registry matches the longest
        wins. NER spans are typed with context (an NER "person" that is introduced as a company
        is an organization) and split where the model merged two names joined by "and".
        """
        if not self._built:
            self._build()
        found: list[tuple[int, int, str, str]] = []
        for matcher in (self.exact, self.folded):
            for match_id, start, end in matcher(doc):
                eid = doc.vocab.strings[match_id]
                found.append((start, end, eid, "registry"))
        found.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
        taken = [False] * len(doc)
        result: list[MentionSpan] = []
        ents = doc.ents  # ``Doc.ents`` builds new spans on every call
        for start, end, eid, source in found:
            if any(taken[start:end]):
                continue
            # A one-word registry name inside a longer capitalised name is part of that name
            # ("Minsk" in "Minsk Tractor Works"), not a mention of its own.
            if end - start == 1 and self._inside_longer_name(doc, start, end):
                continue
            # "Startup Estonia", "Enterprise Estonia": a capitalised word before a place
            # names an organisation after that place
            if self._named_after_place(doc, start, end, eid, table, result, taken):
                continue
            if self._place_unit(doc, start, end, eid, table, result, taken):
                continue
            # A place inside a longer organisation name ("the Government of Kazakhstan",
            # "Bank of Georgia") belongs to that name when the registry does not know it.
            if self._inside_ner_org(doc, start, end, eid, ents):
                continue
            glued = self._hyphen_compound(doc, start, end, eid, table, taken)
            if glued is not None:
                start, end, eid, source = *glued, "ner"
            for i in range(start, end):
                taken[i] = True
            table.get(eid)
            result.append(MentionSpan(start, end, eid, source))
        for tok in tokens(doc):
            amb = self._ambiguous.get(tok.text)
            if amb is None or taken[tok.i] or not tok.is_title:
                continue
            if tok.pos_ != "PROPN" and tok.dep_ not in (
                "nsubj",
                "nsubjpass",
                "dobj",
                "pobj",
                "appos",
                "conj",
            ):
                continue
            first = tok.is_sent_start or tok.i > 0 and not doc[tok.i - 1].is_alpha
            nxt = doc[tok.i + 1].text if tok.i + 1 < len(doc) else ""
            # "Progress was slow": a capital that only opens the sentence, unless the text writes
            # the name with its capital elsewhere too ("Wise, previously ...")
            if (
                first
                and tok.pos_ != "PROPN"
                and not tok.ent_type_
                and nxt not in (",", "(", "'s", "’s")
                and not any(t.text == tok.text and not t.is_sent_start and t.i != tok.i for t in tokens(doc))
            ):
                continue
            if tok.ent_type_ == "PERSON" and amb.startswith("place/"):
                continue  # "Orlando joined EPAM": a first name, not the city
            if (
                tok.ent_type_
                and tok.ent_iob_ != "B"
                or (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN")
                or (tok.i > 0 and doc[tok.i - 1].pos_ == "PROPN" and not doc[tok.i - 1].is_lower)
            ):
                continue  # part of a longer name ("Tartu Science Park")
            taken[tok.i] = True
            table.get(amb)
            result.append(MentionSpan(tok.i, tok.i + 1, amb, "registry"))
        for tok in tokens(doc):
            shouted = self._shouted.get(tok.text) if tok.is_upper else None
            if shouted is not None and not taken[tok.i]:
                taken[tok.i] = True
                table.get(shouted)
                result.append(MentionSpan(tok.i, tok.i + 1, shouted, "registry"))
        self._numbered_acts(doc, result, table, taken)
        self._shaped_names(doc, result, table, taken, ents)
        for ent in ents:
            etype = NER_TYPES.get(ent.label_)
            if etype is None:
                continue
            for part in self._split(ent):
                start, end = part.start, part.end
                if any(taken[start:end]):
                    # "the Institute of Mathematics of the National Academy of Sciences": the
                    # registry knows the parent; the unit before it is a name of its own
                    prefix = self._untaken_prefix(doc, start, end, taken)
                    if prefix is None:
                        continue
                    part = prefix
                    start, end = part.start, part.end
                if (
                    etype == "place"
                    and len(part) == 1
                    and self._place_unit(doc, start, end, "", table, result, taken)
                ):
                    continue
                entity = self._ner_entity(part, etype, table)
                if entity is None:
                    continue
                for i in range(start, end):
                    taken[i] = True
                result.append(MentionSpan(start, end, entity.id, "ner"))
        self._described_names(doc, result, table, taken)
        result.sort(key=lambda m: m.start)
        self._shared_surnames(doc, result, table)
        self._learn_acronyms(doc, result, table)
        result = self._add_learnt_mentions(doc, result, table, taken)
        self._model_designations(doc, result, table, taken)
        self._retype_by_role(doc, result, table)
        self._other_language_names(doc, result, table)
        return result

    def _retype_by_role(self, doc: Doc, result: list[MentionSpan], table: EntityTable) -> None:
        """A name the model typed as a person, product or event but that the text treats as an
        organisation ("X was founded in 2002 by ...", "X bought Y", "X's founders") becomes one,
        in every mention; a registry entity keeps its type."""
        votes: set[str] = set()
        for m in result:
            ent = table.get(m.entity_id)
            if ent is None or ent.type not in ("person", "product", "event", "place"):
                continue
            if m.entity_id in self.registry:
                continue
            head = doc[m.end - 1]
            verb = head.head
            by_agent = any(c.dep_ == "agent" for c in verb.children)
            not_place = ent.type != "place"
            founded = head.dep_ == "nsubjpass" and verb.lemma_ in _FOUND_LEMMAS and (not_place or by_agent)
            buyer = head.dep_ == "nsubj" and verb.lemma_ in _BUY_LEMMAS and verb.pos_ == "VERB"
            owner = head.dep_ == "poss" and verb.lemma_.lower() in _ORG_POSSESSIONS
            # "built by Videoton in Hungary": a place does not build things
            maker = (
                ent.type == "place"
                and head.dep_ == "pobj"
                and verb.dep_ == "agent"
                and verb.head.lemma_ in _MAKE_LEMMAS
            )
            if founded or maker or (buyer or owner) and not_place:
                votes.add(m.entity_id)
        for old_id in sorted(votes):
            old = table.get(old_id)
            if old is None:
                continue
            new = Entity(entity_id("organization", old.name), old.name, "organization", list(old.aliases))
            table.entities.setdefault(new.id, new)
            for key, eid in list(table.learnt.items()):
                if eid == old_id:
                    table.learnt[key] = new.id
            for m in result:
                if m.entity_id == old_id:
                    m.entity_id = new.id

    def _shaped_names(
        self,
        doc: Doc,
        result: list[MentionSpan],
        table: EntityTable,
        taken: list[bool],
        ents: tuple[Span, ...],
    ) -> None:
        """Names the model misses or cuts, found from their shape (see :mod:`names`)."""
        # a sector word inside a capitalised name ("Centre for ... Cyber Security") gives way
        soft = [False] * len(doc)
        for m in result:
            if is_sector(self.registry, m.entity_id):
                for i in range(m.start, m.end):
                    soft[i] = True
        hard = [t and not s for t, s in zip(taken, soft, strict=True)]
        found: list[tuple[int, int, str]] = names.list_labels(doc, hard, ORG_NOUNS)
        found += [(s, e, "organization") for s, e in names.unit_names(doc, hard)]
        found += [(s, e, "person") for s, e in names.titled_people(doc, hard)]
        found += [(s, e, "product") for s, e in names.described_products(doc, hard)]
        found += [(s, e, "product") for s, e in names.model_codes(doc, hard)]
        found += [(s, e, "person") for s, e in names.given_name_people(doc, hard, given_names())]
        inside = [
            (e.start + (e[0].lower_ in ("the", "a", "an")), e.end)  # "the" is not part of a name
            for e in ents
            if e.label_ in ("ORG", "FAC", "PRODUCT")
        ]
        for start, end, etype in found:
            if any(hard[start:end]):
                continue
            if any(s <= start and end <= e and e - s > end - start for s, e in inside):
                continue  # the model's longer name ("... of the Republic of Armenia") stands
            if any(soft[start:end]):
                result[:] = [m for m in result if m.end <= start or m.start >= end]
            text = doc[start:end].text
            ent = (
                table.lookup(text)
                or (self._state_body(text, table) if etype == "organization" else None)
                or self._short_form(text, etype, table)
                or table.add(etype, text)
            )
            for i in range(start, end):
                taken[i] = True
                hard[i] = True
            result.append(MentionSpan(start, end, ent.id, "ner"))

    @staticmethod
    def _numbered_acts(doc: Doc, result: list[MentionSpan], table: EntityTable, taken: list[bool]) -> None:
        """ "Decree No. 102 "On the Development of the Hi-Tech Park"": a policy named by its
        number, its quoted title another name of it (and not an organisation of its own)."""
        for start, end, name, title in names.numbered_acts(doc, taken):
            ent = table.lookup(name) or table.add("policy", name)
            written = doc[start:end].text
            if written != name:
                table.alias(ent, written)
            if title is not None:
                # the title is part of the act's name: a known name inside it ("the Hi-Tech
                # Park") is not a mention of its own, and a clause hanging on its words hangs
                # on the act (the title right after the number is part of the mention; after
                # "of the Council of Ministers," the issuer between stays a name of its own)
                table.alias(ent, doc[title[0] : title[1]].text)
                quoted = (title[0] - 1, title[1] + 1)
                if quoted[0] == end:
                    end = quoted[1]
                result[:] = [m for m in result if m.end <= quoted[0] or m.start >= quoted[1]]
                for i in range(*quoted):
                    taken[i] = True
            for i in range(start, end):
                taken[i] = True
            result.append(MentionSpan(start, end, ent.id, "ner"))

    def _model_designations(
        self, doc: Doc, result: list[MentionSpan], table: EntityTable, taken: list[bool]
    ) -> None:
        """ "the Pravetz 16": a product or maker's name and a model number name a model
        ("Horizont Ts-355": a model code read on its own joins the name before it; "Telerik
        Platform": so does a capitalised product noun)."""
        by_start = {m.start: m for m in result}
        codes: list[MentionSpan] = []
        for m in result:
            ent = table.get(m.entity_id)
            if ent is None or ent.type not in ("product", "organization") or m in codes:
                continue
            end = names.model_designation(doc, m.end, taken)
            if end is None and m.end < len(doc) and not taken[m.end]:
                head = doc[m.end]
                if head.is_title and head.pos_ == "PROPN" and head.lower_ in names.PRODUCT_HEADS:
                    end = m.end + 1  # "Telerik Platform", "Orbis Suite": a product of the maker
            code = by_start.get(m.end)
            if (
                end is None
                and code is not None
                and code.end == m.end + 1
                and doc[m.end - 1].whitespace_
                and names.is_model_code(doc[m.end])
            ):
                end = code.end
                codes.append(code)
            if end is None:
                continue
            start = m.start
            while start < m.end and not doc[start].is_alpha:
                start += 1  # "- Pravetz 8D" in a list: the dash is not part of the name
            text = doc[start:end].text
            model = table.lookup(text) or table.add("product", text)
            for i in range(m.end, end):
                taken[i] = True
            m.start, m.end = start, end
            m.entity_id = model.id
        if codes:
            result[:] = [m for m in result if all(m is not c for c in codes)]

    def _named_after_place(
        self,
        doc: Doc,
        start: int,
        end: int,
        eid: str,
        table: EntityTable,
        result: list[MentionSpan],
        taken: list[bool],
    ) -> bool:
        if start == 0 or self.registry.kind(eid) not in ("country", "city"):
            return False
        left = doc[start - 1]
        if (
            not left.is_title
            or left.dep_ != "compound"
            or left.head.i not in range(start, end)
            or taken[left.i]
            or left.is_stop
            or left.lower_ in _PLACE_PREPOSITIONS
            or self.registry.lookup(left.text) is not None
            or self.registry.demonym_countries(left.text)
        ):
            return False
        name = doc[start - 1 : end].text
        ent = table.lookup(name) or table.add("organization", name)
        for i in range(start - 1, end):
            taken[i] = True
        result.append(MentionSpan(start - 1, end, ent.id, "ner"))
        return True

    def _hyphen_compound(
        self, doc: Doc, start: int, end: int, eid: str, table: EntityTable, taken: list[bool]
    ) -> tuple[int, int, str] | None:
        """ "SKIF-GRID", "Midea-Horizont": a registry product or organisation joined by a hyphen
        (no spaces) to another capitalised word or a number is part of a longer name, of the
        same type. A place so joined ("China-Belarus") stays apart."""
        ent = table.get(eid)
        if ent is None or ent.type not in ("product", "organization") or self.registry.kind(eid):
            return None
        s, e = start, end

        def glue(hyphen: int, other: int) -> bool:
            if not (0 <= other < len(doc)) or taken[other] or doc[hyphen].text != "-":
                return False
            left = doc[min(hyphen, other)]
            if left.whitespace_ or doc[hyphen].whitespace_:
                return False
            word = doc[other]
            if not (word.is_title or word.is_upper or word.like_num) or not word.text[:1].isalnum():
                return False
            other = self.registry.lookup(word.text)
            # "Midea-Horizont" (two companies: a joint venture) is one name; "China-Belarus" is not
            return other is None or other.type == "organization"

        if e + 1 < len(doc) and glue(e, e + 1):
            e += 2
        if s >= 2 and glue(s - 1, s - 2):
            s -= 2
        if (s, e) == (start, end):
            return None
        name = doc[s:e].text
        whole = table.lookup(name) or table.add(ent.type, name)
        return s, e, whole.id

    def _place_unit(
        self,
        doc: Doc,
        start: int,
        end: int,
        eid: str,
        table: EntityTable,
        result: list[MentionSpan],
        taken: list[bool],
    ) -> bool:
        """ "the Harbin high-tech zone", "the Tartu science park": a city and a lower-case zone or
        park after it name a body of their own (``eid`` empty: a place the model found)."""
        if eid and self.registry.kind(eid) != "city":
            return False
        k = end
        while k < len(doc) and k - end < 4 and (doc[k].is_lower and doc[k].is_alpha or doc[k].text == "-"):
            if doc[k].lower_ in _PLACE_UNIT_HEADS and doc[k].tag_ == "NN":
                if k == end or any(taken[end : k + 1]):
                    return False  # "the Minsk park" alone is a description, not a name
                name = doc[start : k + 1].text
                ent = table.lookup(name) or table.add("organization", name)
                for i in range(start, k + 1):
                    taken[i] = True
                result.append(MentionSpan(start, k + 1, ent.id, "ner"))
                return True
            k += 1
        return False

    def _inside_ner_org(self, doc: Doc, start: int, end: int, eid: str, ents: tuple[Span, ...]) -> bool:
        if self.registry.kind(eid) is None and not is_sector(self.registry, eid):
            return False
        if doc[start].ent_type_ not in ("ORG", "FAC"):
            return False  # cheap: the span's first token is not inside an ORG or FAC name
        if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in _COMPANY_FINAL:
            return False  # "Nordhaven Ventures of Stockholm": a company and its city
        for ent in ents:
            if (
                ent.label_ in ("ORG", "FAC")
                and ent.start <= start
                and end <= ent.end
                and (ent.end - ent.start) > (end - start)
            ):
                if ent[0].pos_ in ("ADP", "ADV", "SCONJ") and ent[0].i < start:
                    return False  # "Outside Tallinn": a preposition the model took into a name
                inner = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
                others = [t for t in ent if not (start <= t.i < end) and t.lower_ != "the"]
                if self.registry.lookup(inner) is None and (
                    " of " in f" {inner} " or (others and all(t.is_title for t in others))
                ):
                    return True
        return False

    @staticmethod
    def _inside_longer_name(doc: Doc, start: int, end: int) -> bool:
        left = doc[start - 1] if start > 0 else None
        right = doc[end] if end < len(doc) else None
        for tok in (left, right):
            if tok is not None and tok.is_title and tok.pos_ == "PROPN" and tok.ent_type_ == "ORG":
                return True
        # "Minsk IT Hub", "Tartu Science Park": capitalised words up to a unit noun go on the name
        for k in range(end, min(len(doc), end + 3)):
            tok = doc[k]
            if not (tok.is_title or tok.is_upper) or tok.pos_ not in ("PROPN", "NOUN"):
                return False
            if tok.lower_ in names.UNIT_HEADS and tok.is_title and tok.tag_ not in ("NNS", "NNPS"):
                return k > end or tok.pos_ == "PROPN"
        return False

    @staticmethod
    def _shared_surnames(doc: Doc, mentions: list[MentionSpan], table: EntityTable) -> None:
        """ "Dmitry and Yuri Gurski": a lone first name before "and" + full name shares the surname."""
        by_start = {m.start: m for m in mentions}
        for m in mentions:
            ent = table.get(m.entity_id)
            if ent is None or m.end - m.start != 1 or m.end + 1 >= len(doc) or doc[m.end].lower_ != "and":
                continue
            nxt = by_start.get(m.end + 1)
            other = table.get(nxt.entity_id) if nxt is not None else None
            if other is None or other.type != "person" or nxt is None or nxt.end - nxt.start != 2:
                continue
            if not doc[m.start].is_title or ent.type not in ("person", "organization", "place", "product"):
                continue
            full = f"{doc[m.start].text} {doc[nxt.end - 1].text}"
            person = table.lookup(full) or table.add("person", full)
            m.entity_id = person.id

    @staticmethod
    def _untaken_prefix(doc: Doc, start: int, end: int, taken: list[bool]) -> Span | None:
        k = start
        while k < end and not taken[k]:
            k += 1
        while k > start and doc[k - 1].lower_ in ("of", "the", ",", "and", "at", "in"):
            k -= 1
        if k - start < 2 or not doc[start].is_title or k == end:
            return None
        if all(t.lower_.rstrip(".") in ROLE_NOUNS | TITLES | names.PERSON_TITLES for t in doc[start:k]):
            return None  # "Director General" before a person's name is an office
        return doc[start:k]

    @staticmethod
    def _split(ent: Span) -> list[Span]:
        """Split "Sberbank Technologies and Yandex" into its two names (and take back a
        capitalised word the model left out at the front: "Currency" of "Currency Com Bel")."""
        doc = ent.doc
        parts: list[Span] = []
        start = ent.start
        while (
            start > 0
            and doc[start - 1].is_title
            and doc[start - 1].dep_ == "compound"
            and ent.start <= doc[start - 1].head.i < ent.end
            and not doc[start - 1].ent_type_
        ):
            start -= 1
        if start != ent.start:
            ent = doc[start : ent.end]
        for tok in ent:
            if tok.tag_ == "POS" and start < tok.i < ent.end - 1:
                # "the Academy's Institute of Mathematics": the owner, then its unit
                parts.append(doc[start : tok.i])
                start = tok.i + 1
                continue
            if tok.lower_ == "of":
                break  # "University of Informatics and Radioelectronics" is one name
            if tok.lower_ == "and" and tok.i > start and tok.i + 1 < ent.end:  # "A & B" is one name
                nxt = doc[tok.i + 1]
                # "Lublin Science and Technology Park": one unit's name, its head after "and"
                if doc[ent.end - 1].lower_ in names.UNIT_HEADS and not any(
                    t.lower_ in names.UNIT_HEADS or t.lower_ in ORG_SUFFIXES for t in doc[start : tok.i]
                ):
                    continue
                if nxt.is_title or nxt.is_upper:
                    parts.append(doc[start : tok.i])
                    start = tok.i + 1
        parts.append(doc[start : ent.end])
        # Strip a leading determiner: "the ES EVM" names "ES EVM".
        cleaned = []
        for p in parts:
            s = p.start
            while s < p.end and doc[s].lower_ in ("the", "a", "an"):
                s += 1
            e = p.end
            while e > s + 1 and (doc[e - 1].tag_ == "POS" or doc[e - 1].is_space):
                e -= 1  # "Orbis Soft's revenue": the possessive ending is not part of the name
            if s < e:
                cleaned.append(doc[s:e])
        return cleaned

    def _ner_entity(self, span: Span, etype: str, table: EntityTable) -> Entity | None:
        text = " ".join(span.text.split()).strip(" ,.;:’'\"")
        if not text or not any(c.isalpha() for c in text):
            return None
        if text.upper() in COMMON_ACRONYMS:
            return None  # "IPO", "VAT", "GDP" are words, not names
        known = table.lookup(text)
        if known is not None:
            return known
        first = text.split()[0].lower() if text.split() else ""
        if etype == "organization" and (
            first in POLICY_NOUNS
            or (first == "the" and len(text.split()) > 1 and text.split()[1].lower() in POLICY_NOUNS)
        ):
            etype = "policy"  # "the Law on Information Technology Zones"
        if etype in ("person", "place", "product") and text.split()[0].lower().rstrip(".") in ORG_SUFFIXES:
            etype = "organization"  # "OJSC Kalina": a legal form before the name
        if etype in ("person", "place"):
            etype = self._retype(span, etype)
        elif etype == "product" and self._described_as_org(span):
            etype = "organization"
        if etype in ("organization", "person") and self._listed_with_places(span):
            etype = "place"  # "colleges in Narva and Kuressaare": a town the registry lacks
        if etype in ("organization", "place", "product", "event") and looks_like_person(span):
            etype = "person"  # "Vadim Goldberg", "Volodymyr Mykhalevych": the model's ORG
        if etype == "person":
            words = text.split()
            while len(words) > 2 and (
                words[0].lower() in ROLE_NOUNS or words[0].lower().rstrip(".") in TITLES | _TITLE_MODIFIERS
            ):
                words = words[1:]  # "Rector Andrei Korol", "President Alexander Lukashenko"
            if len(words) != len(text.split()):
                text = " ".join(words)
                known = table.lookup(text)
                if known is not None:
                    return known
        if etype == "organization":
            body = self._state_body(text, table)
            if body is not None:
                return body
        # A bare surname or short form of a name seen earlier in the document.
        short = self._short_form(text, etype, table)
        if short is not None:
            return short
        return table.add(etype, text)

    def _described_names(
        self, doc: Doc, result: list[MentionSpan], table: EntityTable, taken: list[bool]
    ) -> None:
        """Capitalised names the model missed that the text calls an organisation:
        "Integral, officially the open joint-stock company Integral, is a manufacturer"."""
        ends = {m.end: m for m in result}
        for tok in tokens(doc):
            if self._after_org_noun(doc, tok, taken):
                end = tok.i + 1
                while end < len(doc) and end - tok.i < 3 and doc[end].pos_ == "PROPN" and doc[end].is_title:
                    end += 1
                if any(taken[tok.i : end]):
                    continue
                name = doc[tok.i : end].text
                ent = table.lookup(name) or table.add("organization", name)
                for i in range(tok.i, end):
                    taken[i] = True
                result.append(MentionSpan(tok.i, end, ent.id, "ner"))
                continue
            if (
                not taken[tok.i]
                and tok.lower_.rstrip(".") in ORG_SUFFIXES
                and tok.i in ends
                and (tok.is_title or tok.is_upper or not is_sector(self.registry, ends[tok.i].entity_id))
            ):
                # "Wargaming Group Limited": a legal suffix belongs to the name before it (but
                # "the Russian IT group" is a group in IT, not the IT sector)
                ends[tok.i].end = tok.i + 1
                taken[tok.i] = True
                continue
            if (
                taken[tok.i]
                or not tok.is_title
                or tok.is_stop
                or tok.dep_ not in ("nsubj", "nsubjpass", "appos", "nmod")
            ):
                continue
            if tok.pos_ not in ("PROPN", "NOUN", "ADJ"):
                continue
            if tok.pos_ != "PROPN" and not tok.is_sent_start:
                continue
            if not self._described_as_org(doc[tok.i : tok.i + 1]):
                continue
            start = tok.i
            while (
                start > 0
                and doc[start - 1].is_title
                and doc[start - 1].dep_ == "compound"
                and not taken[start - 1]
            ):
                start -= 1
            name = doc[start : tok.i + 1].text
            if not name[:1].isupper() or len(name) < 3:
                continue
            ent = table.lookup(name) or table.add("organization", name)
            for i in range(start, tok.i + 1):
                taken[i] = True
            result.append(MentionSpan(start, tok.i + 1, ent.id, "ner"))
        # later uses of the same names are found by _add_learnt_mentions

    def _state_body(self, text: str, table: EntityTable) -> Entity | None:
        """ "the Council of Ministers", "the Ministry of Education": a state body named without its
        country is the one of a country the text has named, when the registry knows it."""
        name = text[4:] if text.lower().startswith("the ") else text
        first = name.split()[0].lower() if name.split() else ""
        if first not in _STATE_BODY_WORDS:
            return None
        countries = [
            e for e in reversed(list(table.entities.values())) if self.registry.kind(e.id) == "country"
        ]
        for country in countries[:3]:
            for form in (f"{name} of {country.name}", f"{country.name} {name}"):
                known = self.registry.lookup(form)
                if known is not None and known.type == "organization":
                    found = table.get(known.id)
                    if found is not None:
                        table.alias(found, name)
                        return found
        return None

    def _listed_with_places(self, span: Span) -> bool:
        """One name joined by "and" or a comma to a town or country the registry knows, after "in"
        ("offices in Narva and Kuressaare"): a place too."""
        if len(span) != 1:
            return False
        tok = span[0]
        others = [c for c in tok.children if c.dep_ == "conj"]
        if tok.dep_ == "conj":
            others.append(tok.head)
        first = tok.head if tok.dep_ == "conj" else tok
        if first.dep_ != "pobj" or first.head.lower_ not in ("in", "to", "from", "near"):
            return False
        for other in others:
            known = self.registry.lookup(other.text)
            if known is not None and self.registry.kind(known.id) in ("city", "country", "region"):
                return True
        return False

    @staticmethod
    def _after_org_noun(doc: Doc, tok: Token, taken: list[bool]) -> bool:
        """ "the Leningrad company Leninets": a capitalised word the model missed, right after
        an organisation noun, names that organisation."""
        if taken[tok.i] or tok.i == 0 or tok.is_sent_start or not tok.is_title or tok.is_stop:
            return False
        if (
            tok.ent_type_
            or tok.pos_ not in ("PROPN", "NOUN", "VERB")
            or len(tok.text) < 3
            or not tok.is_alpha
        ):
            return False  # (a rare name is parsed as a verb: "the group Belinvestholding")
        before = doc[tok.i - 1]
        if before.pos_ != "NOUN" or before.lemma_.lower() not in ORG_NOUNS | MAKER_WORDS:
            return False
        if tok.dep_ == "compound":
            # "the Chinese company Hengtai Electronics": the name goes on to its head
            head = tok.head
            return (
                tok.i < head.i <= tok.i + 2 and head.is_title and head.pos_ == "PROPN" and not head.ent_type_
            )
        return tok.dep_ in ("appos", "pobj", "dobj", "nsubj", "nsubjpass", "attr", "conj", "acl")

    @staticmethod
    def _described_as_org(span: Span) -> bool:
        """ "Integral, officially the open joint-stock company Integral, ... is a manufacturer":
        a name the text itself calls a company."""
        root = span.root
        nouns = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "nsubj":
            nouns += [c for c in root.head.children if c.dep_ == "attr"]
        if span.end + 2 < len(span.doc) and span.doc[span.end].text == "(":
            nouns.append(span.doc[span.end + 1])  # "Integral (company)"
        return any(n.lemma_.lower() in ORG_NOUNS or n.lemma_.lower() in MAKER_WORDS for n in nouns)

    @staticmethod
    def _retype(span: Span, etype: str) -> str:
        """Context that overrides the model's type: "Finnish company Tieto", "firms such as X"."""
        doc = span.doc
        # "the Finnish outsourcing company Tieto": an organisation noun right before the name
        if span.start > 0:
            before = doc[span.start - 1]
            if (
                before.lemma_.lower() in ORG_NOUNS
                and before.pos_ == "NOUN"
                and before.head.i in range(span.start, span.end)
            ):
                return "organization"
        last = span[-1]
        if last.lower_ in ORG_SUFFIXES:
            return "organization"
        # "Vityaz, a Vitebsk maker": the text calls it a company or a maker
        if EntityRecognizer._described_as_org(span):
            return "organization"
        # "Its operator, Currency Com Bel": a name in apposition to an organisation noun
        root = span.root
        if root.dep_ == "appos" and (root.head.lemma_ in ORG_NOUNS or root.head.lemma_ in ORG_ROLE_NOUNS):
            return "organization"
        # "X, led by Y", "X, founded by Y": only organisations are led or founded
        for child in span.root.children:
            if (
                child.dep_ in ("acl", "relcl")
                and child.tag_ == "VBN"
                and not any(g.dep_ == "nsubj" for g in child.children)
                and child.lemma_
                in (
                    "lead",
                    "head",
                    "found",
                    "own",
                    "base",
                    "headquarter",
                    "run",
                )
            ):
                return "organization"
        # In a list introduced by "companies such as" / "firms including".
        head = span.root
        for _ in range(4):
            if head.dep_ in ("conj", "pobj", "appos") and head.head.i != head.i:
                head = head.head
                if head.lower_ in ("as", "including") and head.head.lemma_.lower() in ORG_NOUNS | {
                    "company",
                    "firm",
                }:
                    return "organization"
                if head.lemma_.lower() in ("company", "firm", "startup", "bank"):
                    return "organization"
            else:
                break
        if etype == "person" and len(span) == 1:
            # One capitalised word tagged as a person but acting as an organisation.
            verb = span.root.head
            if span.root.dep_ == "nsubjpass" and verb.lemma_ in ("establish", "found", "register", "create"):
                return "organization"
        return etype

    @staticmethod
    def _short_form(text: str, etype: str, table: EntityTable) -> Entity | None:
        words = text.split()
        for ent in reversed(list(table.entities.values())):
            if ent.type != etype or ent.name == text:
                continue
            names = ent.name.split()
            if len(names) < 2:
                continue
            if etype == "person" and len(words) == 1 and names[-1] == text:
                table.alias(ent, text)
                return ent
            if etype == "organization" and len(words) < len(names) and names[: len(words)] == words:
                table.alias(ent, text)
                return ent
            if (
                etype == "organization"
                and len(words) >= 3
                and "of" in words
                and len(words) < len(names)
                and names[-len(words) :] == words
            ):
                # "Institute of Cybernetics" after "V. M. Glushkov Institute of Cybernetics"
                table.alias(ent, text)
                return ent
        if etype == "organization" and len(words) >= 2 and words[-1].lower().rstrip(".,") in _LEGAL_SUFFIXES:
            # "Yasna Software" in a headline, then "Yasna Software Group": the same company, the
            # longer name only adds a legal or group suffix
            for ent in reversed(list(table.entities.values())):
                if (
                    ent.type == "organization"
                    and ent.name.split() == words[:-1]
                    and ent.id not in table.registry
                ):
                    table.alias(ent, text)
                    return ent
        if etype in ("place", "product", "organization") and len(words) == 1:
            # "Mialeshka was born in Mogilev" after "Yauhen Mialeshka": the surname of a person
            # named before, whatever type the model gave it
            for ent in reversed(list(table.entities.values())):
                if ent.type == "person" and len(ent.name.split()) >= 2 and ent.name.split()[-1] == text:
                    table.alias(ent, text)
                    return ent
        if etype in ("person", "place", "product") and len(words) == 1:
            # "Svirsoft Group ... Svirsoft builds": the first word of an organisation's name is
            # that organisation, whatever type the model gave the short form
            for ent in reversed(list(table.entities.values())):
                names = ent.name.split()
                if (
                    ent.type == "organization"
                    and len(names) >= 2
                    and names[0] == text
                    and (names[1].lower() in ORG_SUFFIXES or names[1].lower() in _COMPANY_FINAL)
                ):
                    table.alias(ent, text)
                    return ent
        return None

    @staticmethod
    def _other_language_names(doc: Doc, mentions: list[MentionSpan], table: EntityTable) -> None:
        """ "Yauhen Mialeshka (Russian: Yevgeny Meleshko; born 1974)", "Minsk (Belarusian: Miensk)":
        a name in another language or spelling in the parenthesis is the same entity."""
        by_end = {m.end: m for m in mentions}
        by_start = {m.start: m for m in mentions}
        for tok in tokens(doc):
            if tok.text != "(" or tok.i + 3 >= len(doc):
                continue
            before = by_end.get(tok.i)
            label, colon = doc[tok.i + 1], doc[tok.i + 2]
            if before is None or colon.text != ":" or not label.is_title:
                continue
            if label.ent_type_ != "NORP" and label.lower_ not in _NAME_LABELS:
                continue
            other = by_start.get(tok.i + 3)
            main = table.get(before.entity_id)
            if other is None or main is None or other.entity_id == before.entity_id:
                continue
            second = table.get(other.entity_id)
            if second is None or second.type != main.type or other.entity_id in table.registry:
                continue
            old = other.entity_id
            table.alias(main, doc[other.start : other.end].text, defined=True)
            for alias in second.aliases:
                table.alias(main, alias)
            for m in mentions:
                if m.entity_id == old:
                    m.entity_id = main.id
            for key, eid in list(table.learnt.items()):
                if eid == old:
                    table.learnt[key] = main.id

    def _learn_acronyms(self, doc: Doc, mentions: list[MentionSpan], table: EntityTable) -> None:
        """Learn "Long Name (ACR)" as one entity with two names.

        The long name is the mention just before the parenthesis, or, when the model did not
        tag it, the run of capitalised words there whose initials spell the acronym.
        """
        by_end = {m.end: m for m in mentions}
        by_start = {m.start: m for m in mentions}
        for tok in tokens(doc):
            if tok.text == "(" and self._short_name_in_parentheses(
                doc, tok, mentions, by_start, by_end, table
            ):
                continue
            # 'Allegro.eu S.A. ("Allegro")': a quoted short name in parentheses
            if (
                tok.text == "("
                and tok.i + 4 < len(doc)
                and doc[tok.i + 1].text in ('"', "“")
                and doc[tok.i + 3].text in ('"', "”")
                and doc[tok.i + 4].text == ")"
            ):
                before_q = by_end.get(tok.i)
                if before_q is not None:
                    named = table.get(before_q.entity_id)
                    short_tok = doc[tok.i + 2]
                    if (
                        named is not None
                        and short_tok.is_title
                        and short_tok.text.lower() in named.name.lower()
                    ):
                        self._short_name(named, short_tok, mentions, by_start, table)
                continue
            if tok.text != "(" or tok.i + 2 >= len(doc) or doc[tok.i + 2].text != ")":
                continue
            inner = doc[tok.i + 1]
            if not re.fullmatch(r"[A-Z][A-Za-z0-9&.\-]{1,9}", inner.text):
                continue
            inside = by_start.get(inner.i)
            before = by_end.get(tok.i)
            long_ent = table.get(before.entity_id) if before is not None else None
            if long_ent is None or not _is_acronym_of(inner.text, long_ent):
                run = _capitalised_run(doc, tok.i)
                if run is None:
                    continue
                name = doc[run : tok.i].text
                probe = Entity("", name, "organization")
                if not _is_acronym_of(inner.text, probe):
                    continue
                if any(m.start < tok.i and m.end > run and m.source == "registry" for m in mentions):
                    continue
                etype = "organization"
                if inside is not None and inside.source == "ner":
                    found = table.get(inside.entity_id)
                    etype = found.type if found is not None and found.type != "place" else etype
                long_ent = table.lookup(name) or table.add(etype, name)
                mentions[:] = [m for m in mentions if not (m.start < tok.i and m.end > run)]
                mentions.append(MentionSpan(run, tok.i, long_ent.id, "acronym"))
            elif inside is not None and inside.entity_id != long_ent.id and inside.source == "registry":
                continue  # "ES EVM (Unified System ...)": both known already
            # an acronym defined twice ("the High Technologies Park (HTP)" ... "the Belarusian
            # High Technology Park (HTP)") names one entity: the later long form is an alias
            earlier = table.learnt.get(normalise_name(inner.text))
            if earlier is not None and earlier != long_ent.id and table.get(earlier) is not None:
                first = table.get(earlier)
                assert first is not None
                if first.name != inner.text:
                    table.alias(first, long_ent.name)
                    for m in mentions:
                        if m.entity_id == long_ent.id:
                            m.entity_id = first.id
                    long_ent = first
            table.alias(long_ent, inner.text, defined=True)
            if inside is not None:
                mentions.remove(inside)
            mentions.append(MentionSpan(inner.i, inner.i + 1, long_ent.id, "acronym"))
        mentions.sort(key=lambda m: m.start)
        # NER mentions made before the acronym was learnt ("HTP" elsewhere) join the long form
        for m in mentions:
            ent = table.get(m.entity_id)
            if ent is None or m.source != "ner":
                continue
            target = table.learnt.get(normalise_name(ent.name))
            if target is not None and target != ent.id:
                m.entity_id = target

    def _short_name_in_parentheses(
        self,
        doc: Doc,
        tok: Token,
        mentions: list[MentionSpan],
        by_start: dict[int, MentionSpan],
        by_end: dict[int, MentionSpan],
        table: EntityTable,
    ) -> bool:
        """ "Dniapro Science and Technology Park (Dniapro Technopark)": a shorter name in
        parentheses that opens with the same word is another name of the same thing."""
        before, inner = by_end.get(tok.i), by_start.get(tok.i + 1)
        if before is None or inner is None or inner.end >= len(doc) or doc[inner.end].text != ")":
            return False
        long_ent, short_ent = table.get(before.entity_id), table.get(inner.entity_id)
        if long_ent is None or short_ent is None or long_ent.id == short_ent.id:
            return False
        if short_ent.id in self.registry or short_ent.type not in ("organization", "product"):
            return False
        long_words, short_words = long_ent.name.lower().split(), short_ent.name.lower().split()
        if len(short_words) < 2 or len(short_words) >= len(long_words) or short_words[0] != long_words[0]:
            return False
        table.alias(long_ent, short_ent.name, defined=True)
        table.entities.pop(short_ent.id, None)
        for key, eid in list(table.learnt.items()):
            if eid == short_ent.id:
                table.learnt[key] = long_ent.id
        for m in mentions:
            if m.entity_id == short_ent.id:
                m.entity_id = long_ent.id
        return True

    @staticmethod
    def _short_name(
        named: Entity,
        short_tok: Token,
        mentions: list[MentionSpan],
        by_start: dict[int, MentionSpan],
        table: EntityTable,
    ) -> None:
        """Join a long name and its quoted short name; the registry's entity wins."""
        known = by_start.get(short_tok.i)
        target = table.get(known.entity_id) if known is not None and known.source == "registry" else None
        if target is not None:
            table.alias(target, named.name)
            for m in mentions:
                if m.entity_id == named.id:
                    m.entity_id = target.id
            return
        table.alias(named, short_tok.text, defined=True)
        mentions.append(MentionSpan(short_tok.i, short_tok.i + 1, named.id, "acronym"))

    def _add_learnt_mentions(
        self, doc: Doc, mentions: list[MentionSpan], table: EntityTable, taken: list[bool]
    ) -> list[MentionSpan]:
        """Find later uses of names learnt in this document that NER did not tag."""
        taken = [False] * len(doc)
        for m in mentions:
            for i in range(m.start, m.end):
                taken[i] = True
        learnt = {k: v for k, v in table.learnt.items() if k}
        if not learnt:
            return mentions
        extra: list[MentionSpan] = []
        for tok in tokens(doc):
            if taken[tok.i] or not (tok.is_upper or tok.is_title) or tok.is_stop:
                continue
            eid = learnt.get(normalise_name(tok.text))
            if eid is not None and tok.pos_ in ("PROPN", "NOUN"):
                extra.append(MentionSpan(tok.i, tok.i + 1, eid, "learnt"))
                taken[tok.i] = True
        if extra:
            mentions = sorted(mentions + extra, key=lambda m: m.start)
        return mentions


def _is_acronym_of(acr: str, ent: Entity) -> bool:
    """True when the capitals of an acronym follow the initials of the entity's name."""
    letters = [c for c in acr.upper() if c.isalpha()]
    for name in [ent.name, *ent.aliases]:
        initials = [w[0].upper() for w in re.findall(r"[A-Za-z][A-Za-z\-]*", name) if w[0].isupper()]
        if initials[: len(letters)] == letters or "".join(initials).startswith("".join(letters)):
            return True
        if len(letters) >= 2 and all(c in "".join(initials) for c in letters) and letters[0] == initials[0]:
            return True
    return False


_SECTOR_CACHE: dict[tuple[int, str], bool] = {}


def is_sector(registry: Registry, eid: str) -> bool:
    """True for the registry's markets and sectors ("outsourcing", "banking"); cached."""
    key = (id(registry), eid)
    found = _SECTOR_CACHE.get(key)
    if found is None:
        found = registry.field(eid, "kind") == "sector"
        _SECTOR_CACHE[key] = found
    return found


def _capitalised_run(doc: Doc, end: int) -> int | None:
    """Start of the run of capitalised words (with inner "of", "and", "for") ending before ``end``."""
    i = end - 1
    start = None
    while i >= 0 and end - i <= 10:
        t = doc[i]
        if t.is_title or t.is_upper:
            start = i
        elif t.lower_ not in ("of", "and", "for", "the", "-", "&") or start is None:
            break
        i -= 1
    if start is not None and doc[start].lower_ == "the":
        start += 1
    return start


def focus_place(doc: Doc, mentions: list[MentionSpan], table: EntityTable) -> str | None:
    """The country a document is mostly about: the most named country, demonyms included."""
    counts: Counter[str] = Counter()
    for m in mentions:
        if table.registry.kind(m.entity_id) == "country":
            counts[m.entity_id] += 2
    for tok in tokens(doc):
        if tok.ent_type_ == "NORP" or (tok.pos_ == "ADJ" and tok.is_title):
            for country in table.registry.demonym_countries(tok.text):
                if table.registry.kind(country.id) == "country":
                    counts[country.id] += 1
    if not counts:
        return None
    return counts.most_common(1)[0][0]
