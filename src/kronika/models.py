"""The small records that flow through kronika.

The pipeline emits these records; the store persists them; exports and the web layer
render them. Field names follow the claim format (``../shared/eval/CLAIMS.md``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, NewType

DocumentId = NewType("DocumentId", str)
EntityId = NewType("EntityId", str)
ClaimId = NewType("ClaimId", str)

EntityType = Literal["organization", "person", "place", "product", "policy", "event", "group"]
ENTITY_TYPES: tuple[str, ...] = (
    "organization",
    "person",
    "place",
    "product",
    "policy",
    "event",
    "group",
)

PREDICATES: tuple[str, ...] = (
    "founded",
    "founded_by",
    "established_by",
    "part_of",
    "located_in",
    "headquartered_in",
    "relocated_to",
    "operates_in",
    "invested_in",
    "led_by",
    "holds_position",
    "produced",
    "succeeded_by",
    "modeled_on",
    "partnered_with",
    "measure",
    "occurred",
)

Precision = Literal["day", "month", "year", "decade", "century", "approximate"]
Comparator = Literal["=", ">", ">=", "<", "<=", "~", "range"]


@dataclass(frozen=True)
class TimeSpan:
    """When a claim holds or happened.

    Attributes:
        start: ISO date of the first day, or None for an open start.
        end: ISO date of the last day (inclusive), or None for an open end.
        precision: ``day``, ``month``, ``year``, ``decade``, ``century`` or ``approximate``.
        text: the document's own words ("after 2020").
    """

    start: str | None
    end: str | None
    precision: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        """The claim-format ``time`` object."""
        return {"start": self.start, "end": self.end, "precision": self.precision, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TimeSpan:
        """Build from a claim-format ``time`` object."""
        return cls(
            data.get("start"), data.get("end"), data.get("precision") or "year", data.get("text") or ""
        )


@dataclass(frozen=True)
class Quantity:
    """A normalised number with its unit and comparator.

    Attributes:
        amount: the number itself; for a range, its lower end.
        unit: ``count``, ``percent`` or an ISO 4217 currency code.
        comparator: ``=``, ``>``, ``>=``, ``<``, ``<=``, ``~`` or ``range``.
        lower: the lower bound, when there is one.
        upper: the upper bound, when there is one.
        text: the document's own words ("more than 400").
    """

    amount: float | None
    unit: str
    comparator: str
    lower: float | None
    upper: float | None
    text: str

    def to_dict(self) -> dict[str, Any]:
        """The claim-format ``value`` object (without ``text``)."""
        return {
            "amount": _num(self.amount),
            "unit": self.unit,
            "comparator": self.comparator,
            "lower": _num(self.lower),
            "upper": _num(self.upper),
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quantity:
        """Build from a claim-format ``value`` object."""
        return cls(
            data.get("amount"),
            data.get("unit") or "count",
            data.get("comparator") or "=",
            data.get("lower"),
            data.get("upper"),
            data.get("text") or "",
        )


def _num(value: float | None) -> float | int | None:
    """Write whole numbers as ints so exports read 100, not 100.0."""
    if value is None:
        return None
    if float(value).is_integer():
        return int(value)
    return round(float(value), 6)


@dataclass
class Entity:
    """A thing in the world with its names.

    Attributes:
        id: stable id such as ``org/high-technologies-park``.
        name: canonical name.
        type: one of :data:`ENTITY_TYPES`.
        aliases: other names it is known by.
        description: one line, when known.
        lat: latitude for places, when known.
        lon: longitude for places, when known.
    """

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    description: str = ""
    lat: float | None = None
    lon: float | None = None

    def to_ref(self) -> dict[str, Any]:
        """The claim-format entity object."""
        return {"id": self.id, "name": self.name, "type": self.type, "aliases": list(self.aliases)}


@dataclass(frozen=True)
class Mention:
    """An entity's name at a span of a document (character offsets into the document text)."""

    entity_id: str
    start: int
    end: int
    text: str
    sentence: int


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document, the unit of evidence."""

    index: int
    start: int
    end: int
    text: str


@dataclass
class Claim:
    """One statement read from one span, in the claim format.

    The subject and object are entity ids; the store joins them to entities on output.
    ``sentence`` indexes the document's sentences; ``span_start``/``span_end`` are
    character offsets (into the document) of the words that carried the claim, for
    highlighting.
    """

    subject: str
    predicate: str
    object: str | None = None
    value: Quantity | None = None
    measure: str | None = None
    time: TimeSpan | None = None
    sentence: int = 0
    span_start: int | None = None
    span_end: int | None = None
    confidence: float = 0.5
    method: str = ""
    qualifiers: dict[str, Any] = field(default_factory=dict)
    status: str = "proposed"

    def key(self) -> tuple[Any, ...]:
        """What makes two claims of one sentence the same claim."""
        return (
            self.subject,
            self.predicate,
            self.object,
            None
            if self.value is None
            else (self.value.lower, self.value.upper, self.value.amount, self.value.unit),
            self.measure,
            None if self.time is None else (self.time.start, self.time.end),
            self.sentence,
        )


@dataclass
class DocumentAnalysis:
    """What reading one document yields: a pure function of its text and metadata.

    Attributes:
        text: the document's plain text (offsets refer to it).
        sentences: its sentences in order.
        entities: every entity mentioned or referred to, keyed by id.
        mentions: where entities are named.
        claims: what the document says.
        word_count: number of words read (for throughput figures).
    """

    text: str
    sentences: list[Sentence]
    entities: dict[str, Entity]
    mentions: list[Mention]
    claims: list[Claim]
    word_count: int = 0
