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
from kronika.ask.periods import QTime, find_times
from kronika.ask.text import QUESTION_FILLER, STOP_WORDS, Token, is_content, stem, tokens, words_list


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
        described: predicates cued only inside a relative clause ("the firm *that invested*"):
            they say which thing is meant, not what is asked.
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
    described: frozenset[str] = frozenset()
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
_NUMBER_OF = re.compile(
    r"\b(?:what|which)\s+(?:is|was|were|are)\s+the\s+(?:current\s+|latest\s+|total\s+)?"
    r"(?:number|amount|total|count|size|value|level|figure|sum)\s+of\b"
)
# "the growth in ...", "the difference between ...", "the decline of ...": a change between two values.
_CHANGE_NOUN = re.compile(r"\b(?:growth|increase|rise|decline|decrease|drop|fall|change|difference|gap)\b")
_CHANGE_VERB = re.compile(
    r"\b(?:fall|fell|drop|dropped|rise|rose|grow|grew|increase|increased|decrease|decreased|decline|"
    r"declined|shrink|shrank|slip|slipped|climb|climbed|jump|jumped)\b"
)
# "combined", "in total", "together": the sum of two values.
_SUM = re.compile(r"\b(?:combined|in\s+total|altogether|together|summed|sum\s+of|total\s+of)\b")
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
    relative = _relative_start(q)
    inner: dict[str, float] = {}
    for word in q.words:
        if any(s <= word.start < e for s, e in skip):
            continue
        cues = lexicon.PREDICATE_CUES.get(word.lower) or lexicon.PREDICATE_CUES.get(word.stem, {})
        into = inner if relative is not None and word.start > relative else votes
        for pred, weight in cues.items():
            into[pred] = max(into.get(pred, 0.0), weight)
    # "Who ran the firm *that invested in* computers?": the relative clause says which firm; the
    # main verb says what is asked. Its cues count half when the main clause has its own.
    factor = 0.5 if votes else 1.0
    q.described = frozenset(p for p in inner if p not in votes) if votes else frozenset()
    for pred, weight in inner.items():
        votes[pred] = max(votes.get(pred, 0.0), factor * weight)
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


_RELATIVES = frozenset({"that", "which", "who", "whose", "whom"})


def _relative_start(q: Question) -> int | None:
    """Where a relative clause after a noun begins ("the Polish firm *that* invested"), or None.
    The question's own wh-word and a "that" after a verb ("say that") are not one."""
    words = q.words
    for i, w in enumerate(words[2:], start=2):
        if w.lower not in _RELATIVES:
            continue
        prev = words[i - 1].lower
        if prev in STOP_WORDS or prev.endswith("ed") or prev in ("say", "said", "says", "think", "know"):
            continue
        return w.start
    return None


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
    if _NUMBER_OF.search(lower):  # "what is the number of ...", "what was the total ..."
        q.target, q.wh = "quantity", "the number of"
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
    changes = [lexicon.CHANGE_WORDS[s] for s in stems if s in lexicon.CHANGE_WORDS]
    two_points = len(q.times) >= 2 or any(len(t.points) >= 2 for t in q.times)
    if (
        q.target in ("entity", "describe")
        and two_points
        and (_CHANGE_NOUN.search(lower) or _SUM.search(lower))
    ):
        # "What was the growth in HTP residents from 2011 to 2016?": an amount after all
        q.target = "quantity"
    if q.target == "quantity" and two_points and _SUM.search(lower):
        q.change = "sum"
    elif q.target == "quantity":
        percent_word = re.search(r"\b(?:percent|percentage|per\s+cent)\b|%", lower)
        if (
            re.search(
                r"\bby\s+how\s+much\b|\bhow\s+much\s+(?:did|has|have|had|was|were)\b.*\b(?:fall|fell|drop|"
                r"rise|rose|grow|grew|increase|decrease|decline|change|shrink|slip|climb|jump)",
                lower,
            )
            or (changes and two_points)
            or (percent_word and any(c != 0 for c in changes) and _CHANGE_VERB.search(lower))
            or re.search(r"\bhow\s+many\s+(?:more|fewer|less)\b|\bdifference\b", lower)
            or (two_points and _CHANGE_NOUN.search(lower))
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
        if not is_content(w) or w.lower in QUESTION_FILLER:
            continue
        if any(s <= w.start < e for s, e in time_spans) and w.lower.isdigit():
            continue
        seen[w.stem] = None
    q.keywords = list(seen)
