"""Parse a question in plain English into what it asks: :class:`Question`.

A pure function of the text (no database): the wh-phrase and the answer type it wants, the
times it names, the predicates its words point at, the words that may name a measure, and the
modifiers that change the query (a record or maximum, a difference between two times, "until",
"according to"). Entities are found separately (:mod:`kronika.ask.match`), against the base.

Rules, in the order :func:`parse` applies them:

* **Wh-phrase.** The first of "how many years after/before", "how many", "how much", "what
  share/proportion/percentage", "when"/"what year"/"which decade", "who"/"whom"/"whose",
  "where", "what happened", "which/what NOUN", "what is X" decides the target. A question
  starting with an auxiliary ("Was ...", "Did ...") is a yes/no question.
* **Head noun.** After "which"/"what" the first word in :data:`~kronika.ask.lexicon.TYPE_NOUNS`
  within four words gives the entity types wanted ("which *university*" is an organization);
  a plural head noun ("which countries") asks for a list.
* **Times.** Years, decades, "between X and Y", "from X to Y", "by", "after", "since", "until",
  "before", "early/mid/late YEAR", month names and "today"/"now".
* **Cues.** Each word's stem, and a few fixed phrases, vote for predicates
  (:data:`~kronika.ask.lexicon.PREDICATE_CUES`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kronika.ask import lexicon
from kronika.ask.text import QUESTION_FILLER, STOP_WORDS, Token, stem, tokens, words_list

_YEAR = r"(1[5-9]\d\d|20\d\d)"
_MONTHS = words_list("january february march april may june july august september october november december")
_MONTH_RE = "|".join(_MONTHS)
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}


@dataclass(frozen=True)
class QTime:
    """A time named in a question.

    Attributes:
        start: first day (ISO), or None for an open start.
        end: last day (ISO), or None for an open end.
        kind: ``in`` (within), ``by``, ``before``, ``after``, ``since``, ``until``, ``range``,
            ``now``.
        text: the words.
        span: character offsets in the question.
        points: the years named, for "from 2023 to 2024" (two points of a difference).
    """

    start: str | None
    end: str | None
    kind: str
    text: str
    span: tuple[int, int]
    points: tuple[int, ...] = ()


@dataclass
class Question:
    """What a question asks.

    Attributes:
        text: the question as given.
        words: its tokens.
        target: ``time``, ``entity``, ``quantity``, ``events``, ``describe``, ``years_between``,
            ``compare``,
            ``yesno`` or ``why`` (answered from evidence sentences only).
        wh: the wh-phrase found (for rendering and tests).
        types: entity types the answer should have (empty: any).
        role: the answer is a role or post ("what post did X hold").
        plural: a list is wanted.
        head: the head noun's stem after "which"/"what".
        predicates: predicate -> weight, from cue words.
        measure_words: stems that may name a measure.
        unit: ``count``, ``percent``, ``money`` or None.
        times: the times named, in order.
        extreme: ``max``, ``min`` or None.
        change: ``difference`` when a change between two values is asked; ``percent_change``
            for a relative one.
        direction: +1 rise, -1 fall, 0 either, for changes.
        edge: ``end`` for "until when", ``start`` for "since when".
        according_to: the source named ("according to dev.by").
        keywords: stems of the content words (for ranking evidence).
        demonyms: capitalised words that may be demonyms ("Finnish"), with offsets.
        anchor_order: for "how many years after X was Y", X comes first.
        compare: two things are compared in time ("which came first", "was X before Y").
        describe_form: worded like "what is X" / "tell me about X" (the planner decides whether
            X is the whole question).
    """

    text: str
    words: list[Token]
    target: str = "entity"
    wh: str = ""
    types: tuple[str, ...] = ()
    role: bool = False
    plural: bool = False
    head: str | None = None
    predicates: dict[str, float] = field(default_factory=dict)
    measure_words: list[str] = field(default_factory=list)
    unit: str | None = None
    times: list[QTime] = field(default_factory=list)
    extreme: str | None = None
    change: str | None = None
    direction: int = 0
    edge: str | None = None
    according_to: str | None = None
    keywords: list[str] = field(default_factory=list)
    demonyms: list[Token] = field(default_factory=list)
    anchor_order: str = "after"
    describe_form: bool = False
    compare: bool = False

    @property
    def time(self) -> QTime | None:
        """The first time named, if any."""
        return self.times[0] if self.times else None


# --------------------------------------------------------------------------- times


def _y(year: int, end: bool = False) -> str:
    return f"{year:04d}-12-31" if end else f"{year:04d}-01-01"


def _month_end(year: int, month: int) -> str:
    days = [
        31,
        29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][month - 1]
    return f"{year:04d}-{month:02d}-{days:02d}"


_TIME_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\bbetween\s+{_YEAR}\s+and\s+{_YEAR}\b", re.I), "between"),
    (re.compile(rf"\bfrom\s+{_YEAR}\s+(?:to|until|till|through|and)\s+{_YEAR}\b", re.I), "between"),
    (re.compile(rf"\b{_YEAR}\s*(?:-|–|—|to)\s*{_YEAR}\b", re.I), "between"),
    (
        re.compile(r"\b(?:in\s+|during\s+)?(?:the\s+)?(early|mid|late)[- ]?(1[5-9]\d0|20\d0)'?s\b", re.I),
        "decade_part",
    ),
    (
        re.compile(
            r"\b(?:in\s+|during\s+)?the\s+(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
            r"tenth)\s+decade\s+of\s+the\s+(\d{1,2})(?:st|nd|rd|th)\s+century\b",
            re.I,
        ),
        "decade_of",
    ),
    (re.compile(r"\b(?:in\s+|during\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\s+century\b", re.I), "century"),
    (re.compile(r"\b(?:in\s+|during\s+)?the\s+(1[5-9]\d0|20\d0)\s?'?s\b", re.I), "decade"),
    (re.compile(r"\b(?:in\s+|during\s+)?the\s+'?(\d0)s\b", re.I), "decade2"),
    (
        re.compile(
            rf"\b(?:in\s+)?(early|mid|late|the\s+(?:start|beginning|end|middle|first\s+half|second\s+half)"
            rf"\s+of)[- ]?{_YEAR}\b",
            re.I,
        ),
        "part",
    ),
    (re.compile(rf"\b(?:in\s+)?({_MONTH_RE})\s+(?:of\s+)?{_YEAR}\b", re.I), "month"),
    (
        re.compile(
            rf"\b(by|before|until|till|up\s+to|through|prior\s+to)\s+(?:the\s+end\s+of\s+)?{_YEAR}\b", re.I
        ),
        "upto",
    ),
    (re.compile(rf"\b(after|since|from|starting\s+in|beginning\s+in)\s+{_YEAR}\b", re.I), "from"),
    (
        re.compile(
            rf"\b(?:in|during|of|for|as\s+of|around|circa|about)?\s*(?:the\s+year\s+)?{_YEAR}\b", re.I
        ),
        "year",
    ),
    (
        re.compile(
            r"\b(today|now|nowadays|currently|presently|at\s+present|these\s+days|at\s+the\s+moment|"
            r"as\s+of\s+now|current|latest|most\s+recent)\b",
            re.I,
        ),
        "now",
    ),
]


def find_times(text: str) -> list[QTime]:
    """The times a question names, in text order, longest match first where they overlap."""
    found: list[QTime] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind in _TIME_RULES:
        for m in pattern.finditer(text):
            span = (m.start(), m.end())
            if any(span[0] < e and s < span[1] for s, e in taken):
                continue
            qtime = _time_of(m, kind)
            if qtime is None:
                continue
            found.append(qtime)
            taken.append(span)
    return sorted(found, key=lambda t: t.span)


def _time_of(m: re.Match[str], kind: str) -> QTime | None:
    text = m.group(0).strip()
    span = (m.start() + (len(m.group(0)) - len(m.group(0).lstrip())), m.end())
    if kind == "between":
        a, b = int(m.group(1)), int(m.group(2))
        lo, hi = min(a, b), max(a, b)
        return QTime(_y(lo), _y(hi, True), "range", text, span, (a, b))
    if kind == "decade_part":
        decade = int(m.group(2)[:3] + "0")
        part = m.group(1).lower()
        lo, hi = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}[part]
        return QTime(_y(decade + lo), _y(decade + hi, True), "in", text, span)
    if kind == "decade_of":
        n = _ORDINALS[m.group(1).lower()]
        century = int(m.group(2))
        first = (century - 1) * 100 + (n - 1) * 10 + 1
        return QTime(_y(first), _y(first + 9, True), "in", text, span)
    if kind == "century":
        century = int(m.group(1))
        if not 1 <= century <= 21:
            return None
        first = (century - 1) * 100 + 1
        return QTime(_y(first), _y(first + 99, True), "in", text, span)
    if kind == "decade":
        decade = int(m.group(1))
        return QTime(_y(decade), _y(decade + 9, True), "in", text, span)
    if kind == "decade2":
        two = int(m.group(1))
        decade = 1900 + two if two >= 30 else 2000 + two
        return QTime(_y(decade), _y(decade + 9, True), "in", text, span)
    if kind == "part":
        part = m.group(1).lower()
        year = int(m.group(2))
        if part.startswith("early") or "start" in part or "beginning" in part:
            return QTime(_y(year), f"{year:04d}-04-30", "in", text, span, (year,))
        if part.startswith("late") or "end" in part:
            return QTime(f"{year:04d}-09-01", _y(year, True), "in", text, span, (year,))
        if "first half" in part:
            return QTime(_y(year), f"{year:04d}-06-30", "in", text, span, (year,))
        if "second half" in part:
            return QTime(f"{year:04d}-07-01", _y(year, True), "in", text, span, (year,))
        return QTime(f"{year:04d}-04-01", f"{year:04d}-09-30", "in", text, span, (year,))
    if kind == "month":
        month = _MONTHS.index(m.group(1).lower()) + 1
        year = int(m.group(2))
        return QTime(f"{year:04d}-{month:02d}-01", _month_end(year, month), "in", text, span, (year,))
    if kind == "upto":
        word = m.group(1).lower()
        year = int(m.group(2))
        if word in ("before", "prior to") or word.startswith("prior"):
            return QTime(None, _y(year - 1, True), "before", text, span, (year,))
        if word in ("until", "till", "through", "up to") or word.startswith("up"):
            return QTime(None, _y(year, True), "until", text, span, (year,))
        return QTime(None, _y(year, True), "by", text, span, (year,))
    if kind == "from":
        word = m.group(1).lower()
        year = int(m.group(2))
        if word == "after":
            return QTime(_y(year + 1), None, "after", text, span, (year,))
        return QTime(_y(year), None, "since", text, span, (year,))
    if kind == "year":
        year = int(m.group(1))
        return QTime(_y(year), _y(year, True), "in", text, span, (year,))
    if kind == "now":
        return QTime(None, None, "now", text, span)
    return None


# --------------------------------------------------------------------------- wh-phrases

_AUXILIARIES = frozenset(
    words_list("is are was were do does did has have had can could will would should shall")
)
_WHEN = re.compile(
    r"\b(when|what\s+(?:year|date|month|day|decade|time|period)|which\s+(?:year|date|month|decade|period)|"
    r"in\s+(?:what|which)\s+(?:year|decade|month)|since\s+when|until\s+when|how\s+long\s+ago|"
    r"by\s+when|till\s+when|what\s+was\s+the\s+year)\b",
    re.I,
)
_YEARS_BETWEEN = re.compile(
    r"\bhow\s+(?:many|much)\s+(?:years|decades|time)\b|\bhow\s+long\s+(?:after|before|did|was|had|between|"
    r"passed|elapsed)\b|\bhow\s+long\b|\bhow\s+much\s+later\b|\bhow\s+much\s+earlier\b",
    re.I,
)
_HOW_MANY = re.compile(r"\bhow\s+(many|much|large|big|high|low|far|long)\b", re.I)
_SHARE = re.compile(
    r"\b(?:what|which)\s+(share|proportion|percentage|percent|fraction|part|portion|rate)\b|"
    r"\bby\s+(?:what|how\s+much)\s+(?:percentage|percent)\b|\bwhat\s+per\s?cent\b|\bwhat\s+%",
    re.I,
)
_EVENTS = re.compile(
    r"\bwhat\s+(?:happened|occurred|took\s+place|events?|changed|went\s+on)\b|"
    r"\bwhich\s+events?\b|\bwhat\s+(?:were\s+the\s+)?(?:main\s+|major\s+|key\s+)?events\b|"
    r"\bwhat\s+(?:did|do)\s+\w+(?:\s+\w+)?\s+happen\b",
    re.I,
)
_DESCRIBE = re.compile(
    r"^\s*(?:(?:what|who)\s+(?:is|was|are|were)\b|tell\s+me\s+(?:about|more\s+about)\b|describe\b|"
    r"what\s+(?:do|does)\s+(?:you|we|the\s+\w+)\s+(?:know|say)\s+about\b|what\s+about\b|"
    r"(?:give|show)\s+me\s+.*\babout\b|who\s+(?:is|was)\b|information\s+(?:on|about)\b|what's\b|who's\b)",
    re.I,
)
_WHO = re.compile(r"\b(who|whom|whose|by\s+whom)\b", re.I)
_WHERE = re.compile(r"\b(where|whither|whence)\b", re.I)
_WHICH = re.compile(r"\b(which|what)\b", re.I)
_ACCORDING = re.compile(
    r"\b(?:according\s+to|as\s+(?:reported|estimated|counted)\s+by|per|says?|said|reported\s+by|"
    r"estimates?\s+(?:by|of|from))\s+(?:the\s+)?([A-Za-z0-9][\w.&'-]*(?:\s+[A-Z0-9][\w.&'-]*)*)",
    re.I,
)
# "How many of them are foreign?" asks for a part of a whole, fairly answered by a share: any unit.
_SUBSET = re.compile(r"\bhow\s+many\s+(?:of\s+)?.+\b(?:are|were)\s+(?!there\b)\w+")
# "Which was founded first, X or Y?", "Was X founded before Y?", "Which is older, X or Y?"
_COMPARE = re.compile(
    r"\bwhich\b.*\b(?:first|earlier|older|oldest|sooner|later|last|newer|newest|younger)\b.*\bor\b|"
    r"^\s*(?:was|were|did|is|are)\b.*\b(?:before|after|earlier\s+than|later\s+than|older\s+than|newer\s+than)"
    r"\s+(?:the\s+)?[A-Z]",
    re.I,
)
# "How did exports change between 2023 and 2024?": a difference.
_HOW_CHANGE = re.compile(
    r"\bhow\s+(?:did|has|have|had)\b.*\b(?:change|changed|develop|evolve|grow|fall|rise|move|shift)\b"
)
# "relative to GDP", "as a share of exports": a percentage is wanted.
_RELATIVE = re.compile(r"\b(?:relative\s+to|as\s+a\s+(?:share|percentage|proportion)\s+of|proportion\s+of)\b")
_LIST_START = re.compile(r"^\s*(?:list|name|enumerate|give|show)\b", re.I)
_POSSESSIVE_WHOSE = re.compile(r"\bwhose\s+(\w+)", re.I)


def parse(text: str) -> Question:
    """Parse a question (no database needed).

    Args:
        text: the question, as typed.

    Returns:
        The parsed :class:`Question`.
    """
    clean = " ".join(text.replace("\u2019", "'").split())
    words = tokens(clean)
    q = Question(text=clean, words=words)
    q.times = find_times(clean)
    lower = clean.lower()
    _cues(q, lower)
    _wh(q, lower)
    _modifiers(q, lower)
    _keywords(q)
    return q


def _cues(q: Question, lower: str, skip: list[tuple[int, int]] | None = None) -> None:
    """Predicate votes from words and phrases, leaving out words inside the ``skip`` spans."""
    votes: dict[str, float] = {}
    skip = skip or []
    for word in q.words:
        if any(s <= word.start < e for s, e in skip):
            continue
        cues = lexicon.PREDICATE_CUES.get(word.lower) or lexicon.PREDICATE_CUES.get(word.stem, {})
        for pred, weight in cues.items():
            votes[pred] = max(votes.get(pred, 0.0), weight)
    for phrase, weights in lexicon.PHRASE_CUES.items():
        for m in re.finditer(rf"\b{re.escape(phrase)}\b", lower):
            if any(s <= m.start() < e for s, e in skip):
                continue
            for pred, weight in weights.items():
                votes[pred] = max(votes.get(pred, 0.0), weight)
    if q.wh in ("who", "whom", "by whom") and "founded" in votes:
        # "who founded X" asks for the founder
        votes["founded_by"] = max(votes.get("founded_by", 0.0), votes["founded"])
    q.predicates = votes


def recount_cues(q: Question, names: list[tuple[int, int]]) -> None:
    """Vote again without the words of names found in the question ("Helmin *product* 87574")."""
    _cues(q, q.text.lower(), names)


def _head_after(q: Question, offset: int) -> tuple[str | None, bool, tuple[str, ...]]:
    """The head noun after a "which"/"what" at ``offset``: its stem, plural, and the types it asks."""
    following = [w for w in q.words if w.start >= offset][1:6]
    for w in following:
        if w.lower in ("of", "did", "does", "do", "was", "were", "is", "are", "has", "have", "had"):
            break
        if w.stem in lexicon.TYPE_NOUNS or w.lower in lexicon.TYPE_NOUNS:
            types = lexicon.TYPE_NOUNS.get(w.stem) or lexicon.TYPE_NOUNS[w.lower]
            plural = (
                w.lower.endswith("s")
                and not w.lower.endswith(("ss", "us", "is"))
                and w.lower not in ("series",)
            )
            return w.stem, plural, types
        if w.lower in ("post", "position", "role", "title", "job", "office"):
            return w.stem, w.lower.endswith("s"), ("role",)
    for w in following[:3]:
        if w.lower in STOP_WORDS:
            continue
        plural = w.lower.endswith("s") and not w.lower.endswith(("ss", "us", "is"))
        return w.stem, plural, ()
    return None, False, ()


def _wh(q: Question, lower: str) -> None:
    """The target: what kind of answer the question wants."""
    first = q.words[0].lower if q.words else ""
    if re.match(r"\s*(why|how\s+come|for\s+what\s+reason)\b", lower):
        # Reasons are not claims: the answer is the evidence itself.
        q.target, q.wh = "why", "why"
        return
    if _COMPARE.search(lower):
        q.target, q.wh = ("yesno" if first in _AUXILIARIES else "compare"), "compare"
        q.compare = True
        return
    if _YEARS_BETWEEN.search(lower) and (
        re.search(r"\b(after|before|later|earlier|between|passed|elapsed|separat|apart|since)", lower)
    ):
        q.target, q.wh = "years_between", "how many years"
        q.anchor_order = "before" if re.search(r"\b(before|earlier)\b", lower) else "after"
        return
    if _EVENTS.search(lower):
        q.target, q.wh = "events", "what happened"
        return
    share = _SHARE.search(lower)
    if share:
        q.target, q.wh, q.unit = "quantity", share.group(0).lower(), "percent"
        if share.group(1) and share.group(1).lower() == "rate":
            q.unit = None
        return
    if _HOW_CHANGE.search(lower):
        q.target, q.wh = "quantity", "how did it change"
        return
    when = _WHEN.search(lower)
    how = _HOW_MANY.search(lower)
    if how and (not when or how.start() < when.start()):
        word = how.group(1).lower()
        if word in ("many", "much", "large", "big", "high", "low"):
            q.target, q.wh = "quantity", how.group(0).lower()
            if word == "many" and not _SUBSET.search(lower):
                q.unit = "count"
            return
        if word == "long":
            q.target, q.wh = "time", "how long"
            return
    if when:
        q.target, q.wh = "time", when.group(0).lower()
        if re.search(r"\b(until|till)\s+(when|what|which)\b", lower) or re.search(
            r"\buntil\s+(?:what|which)\s+year\b", lower
        ):
            q.edge = "end"
        elif re.search(r"\bsince\s+(when|what|which)\b", lower):
            q.edge = "start"
        return
    if first in _AUXILIARIES:
        q.target, q.wh = "yesno", first
        return
    q.describe_form = bool(_DESCRIBE.search(lower))
    if q.describe_form and not _has_relation_cue(q):
        q.target, q.wh = "describe", "what is"
        if lower.startswith(("who", "who's")):
            q.types = ("person",)
        return
    who = _WHO.search(lower)
    where = _WHERE.search(lower)
    which = _WHICH.search(lower)
    candidates = [m for m in (who, where, which) if m is not None]
    if not candidates:
        if _LIST_START.search(lower):
            q.plural = True
            head, _, types = _head_after(q, 0)
            q.head, q.types = head, types
        q.target, q.wh = "entity", ""
        if re.search(r"\b(?:year|date|decade|month)\b", lower):  # "Belhard founding year"
            q.target = "time"
        elif q.times and all(w.lower in STOP_WORDS or w.lower.isdigit() for w in q.words):
            q.target = "events"  # a bare "2005"
        return
    m = min(candidates, key=lambda x: x.start())
    word = m.group(1).lower()
    if m is who:
        q.wh = word
        q.target = "entity"
        _cues(q, lower)
        if word == "whose":
            q.types = ("organization", "person", "place")
            possessed = _POSSESSIVE_WHOSE.search(lower)
            q.head = stem(possessed.group(1)) if possessed else None
        else:
            q.types = ("person", "organization", "group")
        return
    if m is where:
        q.wh, q.target, q.types = "where", "entity", ("place", "organization")
        return
    # which / what + noun
    q.wh = word
    head, plural, types = _head_after(q, m.start())
    q.head, q.plural = head, plural
    if types == ("role",):
        q.role, q.types = True, ()
    else:
        q.types = types
    q.target = "entity"


def _has_relation_cue(q: Question) -> bool:
    """Whether a "what is ..." question carries a relation or measure word ("what is X's revenue")."""
    return any(w >= 0.8 for w in q.predicates.values()) or any(
        w.stem in lexicon.MEASURE_SYNONYMS for w in q.words[2:]
    )


def _modifiers(q: Question, lower: str) -> None:
    """Extremes, changes, units, measure words, demonyms and the named source."""
    stems = [w.stem for w in q.words]
    if any(s in lexicon.MAX_WORDS for s in stems) and not re.search(r"\bmost\s+often\b", lower):
        q.extreme = "max"
    elif any(s in lexicon.MIN_WORDS for s in stems):
        q.extreme = "min"
    if q.target == "quantity":
        changes = [lexicon.CHANGE_WORDS[s] for s in stems if s in lexicon.CHANGE_WORDS]
        two_points = len(q.times) >= 2 or any(len(t.points) >= 2 for t in q.times)
        if (
            re.search(
                r"\bby\s+how\s+much\b|\bhow\s+much\s+(?:did|has|have|had|was|were)\b.*\b(?:fall|fell|drop|"
                r"rise|rose|grow|grew|increase|decrease|decline|change|shrink|slip|climb|jump)",
                lower,
            )
            or (changes and two_points)
            or re.search(r"\bhow\s+many\s+(?:more|fewer|less)\b|\bdifference\b", lower)
        ):
            q.change = "difference"
            q.direction = changes[0] if changes else 0
            if re.search(r"\b(?:percent|percentage|per\s+cent|%)", lower):
                q.change = "percent_change"
                q.unit = None  # the series is in any unit; the answer is its relative change
        if q.change and q.extreme == "max" and re.search(r"\bmore\b", lower):
            q.extreme = None
    if _RELATIVE.search(lower):
        q.unit = q.unit or "percent"
    if q.unit is None and q.target in ("quantity", "entity", "time") and q.change != "percent_change":
        if any(s in lexicon.PERCENT_WORDS for s in stems) or "%" in lower:
            q.unit = "percent"
        elif any(s in lexicon.MONEY_WORDS for s in stems) or re.search(r"[$€£]", lower):
            q.unit = "money"
    according = _ACCORDING.search(q.text)
    if according:
        source = according.group(1).strip()
        if source.lower() not in STOP_WORDS:
            q.according_to = source
    if re.search(r"\bofficial\s+(?:data|figures|statistics|numbers)\b", lower) and not q.according_to:
        q.according_to = "official"
    time_spans = [t.span for t in q.times]
    q.measure_words = [
        w.stem
        for w in q.words
        if w.lower not in STOP_WORDS
        and w.lower not in QUESTION_FILLER
        and not w.lower.isdigit()
        and not any(s <= w.start < e for s, e in time_spans)
    ]
    q.demonyms = [
        w
        for i, w in enumerate(q.words)
        if w.text[:1].isupper() and (i > 0 or w.lower not in STOP_WORDS) and len(w.lower) > 3
    ]


def _keywords(q: Question) -> None:
    """Stems of the content words, for ranking evidence."""
    time_spans = [t.span for t in q.times]
    seen: dict[str, None] = {}
    for w in q.words:
        if w.lower in STOP_WORDS or w.lower in QUESTION_FILLER or len(w.lower) < 2:
            continue
        if any(s <= w.start < e for s, e in time_spans) and w.lower.isdigit():
            continue
        seen[w.stem] = None
    q.keywords = list(seen)
