"""The words that tell what a question asks: predicate cues, measure synonyms, answer types.

All tables are keyed by :func:`kronika.ask.text.stem` forms so "founded", "founding" and
"founders" hit the same row. Weights are how strongly a word points at a predicate (1 = it
names it; 0.5 = it often goes with it). Kept as data, apart from the code that reads them.
"""

from __future__ import annotations

from kronika.ask.text import stem

# word -> {predicate: weight}. Multi-word cues are matched on the question's lower-cased text.
_PREDICATE_WORDS: dict[str, dict[str, float]] = {
    # founding: the time goes on `founded`, the founder on `founded_by` / `established_by`
    "found": {"founded": 1.0, "founded_by": 0.9, "established_by": 0.6},
    "founder": {"founded_by": 1.0, "founded": 0.5},
    "establish": {"founded": 1.0, "established_by": 0.9, "founded_by": 0.8, "operates_in": 0.3},
    "launch": {"founded": 1.0, "established_by": 0.9, "founded_by": 0.7},
    "create": {"founded": 1.0, "established_by": 0.9, "founded_by": 0.8},
    "creat": {"founded": 1.0, "established_by": 0.9, "founded_by": 0.8},
    "start": {"founded": 0.8, "founded_by": 0.6, "occurred": 0.4},
    "set": {"founded": 0.5, "founded_by": 0.4},
    "form": {"founded": 0.7, "founded_by": 0.5},
    "incorp": {"founded": 0.8},
    "inaugu": {"founded": 0.9},
    "introd": {"founded": 0.7, "established_by": 0.6},
    "open": {"founded": 0.6, "operates_in": 0.8, "located_in": 0.5},
    "born": {"founded": 0.8},
    "origin": {"founded": 0.5, "headquartered_in": 0.3},
    "decree": {"established_by": 0.9, "founded": 0.5},
    "sign": {"established_by": 0.8, "founded": 0.6},
    "signed": {"established_by": 0.8, "founded": 0.6},
    "adopt": {"established_by": 0.7, "founded": 0.6},
    "legali": {"established_by": 0.5, "founded": 0.4},
    # belonging
    "under": {"part_of": 1.0},
    "part": {"part_of": 1.0},
    "belong": {"part_of": 1.0},
    "subsid": {"part_of": 1.0},
    "parent": {"part_of": 1.0},
    "own": {"part_of": 0.9},
    "owner": {"part_of": 1.0},
    "acquir": {"part_of": 1.0},
    "acquis": {"part_of": 1.0},
    "bought": {"part_of": 1.0},
    "buy": {"part_of": 1.0},
    "purcha": {"part_of": 1.0},
    "took": {"part_of": 0.4},
    "affili": {"part_of": 0.8},
    "unit": {"part_of": 0.3},
    "within": {"part_of": 0.6, "located_in": 0.4},
    # places
    "locat": {"located_in": 1.0, "headquartered_in": 0.8},
    "situat": {"located_in": 1.0},
    "based": {"headquartered_in": 1.0, "located_in": 0.9},
    "base": {"headquartered_in": 0.9, "located_in": 0.8},
    "headqu": {"headquartered_in": 1.0, "relocated_to": 0.4},
    "hq": {"headquartered_in": 1.0},
    "seat": {"headquartered_in": 0.8, "located_in": 0.6},
    "institu": {"located_in": 0.3},
    "campus": {"located_in": 0.6},
    "from": {"headquartered_in": 0.3},
    # moving
    "reloca": {"relocated_to": 1.0},
    "move": {"relocated_to": 1.0},
    "moved": {"relocated_to": 1.0},
    "mov": {"relocated_to": 1.0},
    "left": {"relocated_to": 0.9},
    "leave": {"relocated_to": 0.9},
    "emigra": {"relocated_to": 1.0},
    "migrat": {"relocated_to": 0.9},
    "flee": {"relocated_to": 0.9},
    "fled": {"relocated_to": 0.9},
    "destin": {"relocated_to": 1.0},
    "transf": {"relocated_to": 0.6},
    "exodus": {"relocated_to": 0.8},
    # presence and markets
    "operat": {"operates_in": 1.0},
    "office": {"operates_in": 1.0},
    "market": {"operates_in": 0.9},
    "expand": {"operates_in": 1.0},
    "active": {"operates_in": 0.8},
    "presen": {"operates_in": 0.8},
    "enter": {"operates_in": 0.9},
    "serve": {"operates_in": 0.6, "holds_position": 0.6},
    "servic": {"operates_in": 0.5},
    "work": {"operates_in": 0.6, "holds_position": 0.4},
    "center": {"operates_in": 0.6, "located_in": 0.5},
    "centre": {"operates_in": 0.6, "located_in": 0.5},
    "sector": {"operates_in": 0.5},
    "attrac": {"operates_in": 0.7, "invested_in": 0.4},
    "specia": {"operates_in": 0.4},
    "focus": {"operates_in": 0.6},
    # money
    "invest": {"invested_in": 1.0},
    "fund": {"invested_in": 0.7},
    "financ": {"invested_in": 0.6},
    # leadership
    "led": {"led_by": 1.0},
    "lead": {"led_by": 1.0},
    "leader": {"led_by": 1.0},
    "head": {"led_by": 1.0, "holds_position": 0.4},
    "headed": {"led_by": 1.0},
    "run": {"led_by": 0.9},
    "ran": {"led_by": 0.9},
    "manag": {"led_by": 0.9},
    "direct": {"led_by": 0.9, "holds_position": 0.6},
    "chief": {"led_by": 0.8, "holds_position": 0.6},
    "ceo": {"led_by": 1.0, "holds_position": 0.7},
    "chair": {"led_by": 0.8, "holds_position": 0.6},
    "boss": {"led_by": 0.9},
    "presid": {"holds_position": 0.6, "led_by": 0.5},
    # positions
    "post": {"holds_position": 1.0},
    "positi": {"holds_position": 1.0},
    "role": {"holds_position": 1.0},
    "title": {"holds_position": 0.8},
    "job": {"holds_position": 0.9},
    "advisor": {"holds_position": 1.0},
    "adviser": {"holds_position": 1.0},
    "adviso": {"holds_position": 1.0},
    "minist": {"holds_position": 0.7},
    "diplom": {"holds_position": 0.8},
    "elect": {"holds_position": 1.0},
    "power": {"holds_position": 0.8},
    "appoin": {"holds_position": 1.0},
    "hold": {"holds_position": 0.9},
    "held": {"holds_position": 0.9},
    # products
    "produc": {"produced": 1.0},
    "make": {"produced": 0.9},
    "made": {"produced": 0.9},
    "manufa": {"produced": 1.0},
    "build": {"produced": 0.8},
    "built": {"produced": 0.8},
    "develo": {"produced": 0.7, "founded": 0.3},
    "design": {"produced": 0.7},
    "releas": {"produced": 0.6, "founded": 0.5},
    "home": {"produced": 0.4, "located_in": 0.4, "headquartered_in": 0.4},
    # succession and copying
    "replac": {"succeeded_by": 1.0},
    "succes": {"succeeded_by": 1.0},
    "succee": {"succeeded_by": 1.0},
    "phase": {"succeeded_by": 1.0},
    "phased": {"succeeded_by": 1.0},
    "favor": {"succeeded_by": 0.8},
    "favour": {"succeeded_by": 0.8},
    "supers": {"succeeded_by": 1.0},
    "preced": {"succeeded_by": 1.0},
    "predecessor": {"succeeded_by": 1.0},
    "successor": {"succeeded_by": 1.0},
    "follow": {"succeeded_by": 0.5},
    "model": {"modeled_on": 1.0},
    "modele": {"modeled_on": 1.0},
    "modell": {"modeled_on": 1.0},
    "copy": {"modeled_on": 0.9},
    "copied": {"modeled_on": 0.9},
    "clone": {"modeled_on": 0.9},
    "inspir": {"modeled_on": 0.9},
    "answer": {"modeled_on": 0.8},
    "equiva": {"modeled_on": 0.6},
    "patter": {"modeled_on": 0.7},
    # partners
    "partne": {"partnered_with": 1.0},
    "cooper": {"partnered_with": 1.0},
    "collab": {"partnered_with": 1.0},
    "allian": {"partnered_with": 0.9},
    "joint": {"partnered_with": 0.8},
    "togeth": {"partnered_with": 0.7},
    "client": {"partnered_with": 0.5},
    # events
    "happen": {"occurred": 1.0},
    "occur": {"occurred": 1.0},
    "event": {"occurred": 0.8},
    "place": {"occurred": 0.3, "located_in": 0.3},
    "shock": {"occurred": 0.6},
    "protes": {"occurred": 0.6},
    "war": {"occurred": 0.5},
    "crisis": {"occurred": 0.6},
}

#: Predicate -> the stems of the words that name it outright (weight 0.9 or more), for
#: widening a search ("move" also finds "relocate").
CUE_WORDS: dict[str, list[str]] = {}
for _word, _weights in _PREDICATE_WORDS.items():
    for _pred, _weight in _weights.items():
        if _weight >= 0.9 and stem(_word) not in CUE_WORDS.setdefault(_pred, []):
            CUE_WORDS[_pred].append(stem(_word))

#: Multi-word cues, matched in the lower-cased question.
PHRASE_CUES: dict[str, dict[str, float]] = {
    "set up": {"founded": 1.0, "founded_by": 0.8},
    "came into being": {"founded": 1.0},
    "come into being": {"founded": 1.0},
    "came to power": {"holds_position": 1.0},
    "come to power": {"holds_position": 1.0},
    "took office": {"holds_position": 1.0},
    "take office": {"holds_position": 1.0},
    "in charge": {"led_by": 1.0},
    "at the helm": {"led_by": 1.0},
    "in favor of": {"succeeded_by": 1.0},
    "in favour of": {"succeeded_by": 1.0},
    "phased out": {"succeeded_by": 1.0},
    "based on": {"modeled_on": 0.9, "headquartered_in": 0.2},
    "modeled on": {"modeled_on": 1.0},
    "modelled on": {"modeled_on": 1.0},
    "answer to": {"modeled_on": 0.9},
    "part of": {"part_of": 1.0},
    "took over": {"part_of": 1.0},
    "take over": {"part_of": 1.0},
    "take place": {"occurred": 1.0},
    "took place": {"occurred": 1.0},
    "work with": {"partnered_with": 0.9},
    "with whom": {"partnered_with": 0.8},
    "at which": {"located_in": 0.7, "part_of": 0.6},
    "at what": {"located_in": 0.7, "part_of": 0.6},
    "with which": {"partnered_with": 0.6},
    "together with": {"partnered_with": 0.8},
    "worked with": {"partnered_with": 0.9},
    "team up": {"partnered_with": 0.9},
    "teamed up": {"partnered_with": 0.9},
    "moved to": {"relocated_to": 1.0},
    "went to": {"relocated_to": 0.8},
    "go to": {"relocated_to": 0.7},
    "move to": {"relocated_to": 1.0},
    "opened an office": {"operates_in": 1.0},
    "opened offices": {"operates_in": 1.0},
    "open an office": {"operates_in": 1.0},
    "development center": {"operates_in": 0.8},
    "development centre": {"operates_in": 0.8},
}

#: Word or stem -> predicate weights, built from :data:`_PREDICATE_WORDS`. A word is looked up
#: as written first, then by its stem; where two words share a stem ("found", "founder") the
#: first listed owns the stem, so "founded" reads as "found", not as "founder".
PREDICATE_CUES: dict[str, dict[str, float]] = {}
for _word, _weights in _PREDICATE_WORDS.items():
    PREDICATE_CUES[_word] = dict(_weights)
for _word, _weights in _PREDICATE_WORDS.items():
    PREDICATE_CUES.setdefault(stem(_word), dict(_weights))

# Words that mean the same in measure names (stems). A question word in a group matches a
# measure-name word in the same group.
_MEASURE_GROUPS: tuple[tuple[str, ...], ...] = (
    ("export", "exports", "revenue", "revenues", "earnings", "sales", "turnover", "income"),
    ("share", "proportion", "percentage", "percent", "fraction", "portion", "part"),
    ("resident", "residents", "residency", "member", "members", "participant", "participants"),
    ("company", "companies", "firm", "firms", "business", "businesses", "enterprise", "enterprises"),
    (
        "employee",
        "employees",
        "staff",
        "worker",
        "workers",
        "people",
        "personnel",
        "headcount",
        "employ",
        "employed",
        "employs",
        "jobs",
    ),
    (
        "specialist",
        "specialists",
        "professional",
        "professionals",
        "expert",
        "experts",
        "developer",
        "developers",
        "engineer",
        "engineers",
        "programmer",
        "programmers",
    ),
    ("left", "leave", "leaving", "emigrated", "emigrants", "emigration", "departed", "exodus", "fled"),
    ("gdp", "economy"),
    ("tax", "taxes", "taxation"),
    ("rate", "rates"),
    ("unit", "units", "machines", "computers", "produced", "output"),
    ("invest", "investment", "investments", "invested", "funding", "raised", "capital"),
    ("valuation", "valued", "value", "worth"),
    ("population", "inhabitants"),
    ("user", "users", "customer", "customers", "client", "clients", "buyers"),
    ("visa", "visas"),
    ("startup", "startups", "start-ups"),
    ("grant", "grants"),
    ("salary", "salaries", "wage", "wages", "pay"),
)

#: Stem -> group number, for measure words.
MEASURE_SYNONYMS: dict[str, int] = {}
for _i, _group in enumerate(_MEASURE_GROUPS):
    for _w in _group:
        MEASURE_SYNONYMS.setdefault(stem(_w), _i)

#: Head nouns after "which"/"what" and the entity types they ask for.
TYPE_NOUNS: dict[str, tuple[str, ...]] = {
    "company": ("organization",),
    "compani": ("organization",),
    "firm": ("organization",),
    "organiz": ("organization",),
    "organis": ("organization",),
    "institu": ("organization",),
    "univer": ("organization",),
    "agency": ("organization",),
    "agenc": ("organization",),
    "bank": ("organization",),
    "startup": ("organization",),
    "corpor": ("organization",),
    "busine": ("organization",),
    "enterp": ("organization",),
    "group": ("organization", "group"),
    "body": ("organization",),
    "partne": ("organization", "place"),
    "govern": ("organization", "place"),
    "ministr": ("organization",),
    "academ": ("organization",),
    "outsou": ("organization",),
    "country": ("place",),
    "countr": ("place",),
    "nation": ("place",),
    "city": ("place",),
    "citi": ("place",),
    "town": ("place",),
    "capital": ("place",),
    "capita": ("place",),
    "region": ("place",),
    "state": ("place", "organization"),
    "place": ("place",),
    "market": ("place", "product"),
    "destin": ("place",),
    "locati": ("place",),
    "person": ("person",),
    "people": ("person", "group"),
    "founder": ("person", "organization"),
    "entrep": ("person",),
    "leader": ("person",),
    "presid": ("person",),
    "directo": ("person",),
    "ceo": ("person",),
    "product": ("product",),
    "produc": ("product",),
    "comput": ("product",),
    "line": ("product",),
    "series": ("product",),
    "seri": ("product",),
    "system": ("product", "organization"),
    "machin": ("product",),
    "softwa": ("product",),
    "app": ("product",),
    "project": ("product", "policy"),
    "program": ("policy", "product"),
    "progra": ("policy", "product"),
    "initia": ("policy", "organization"),
    "decree": ("policy",),
    "law": ("policy",),
    "policy": ("policy",),
    "polic": ("policy",),
    "regime": ("policy",),
    "event": ("event",),
}

for _noun, _types in list(TYPE_NOUNS.items()):
    TYPE_NOUNS.setdefault(stem(_noun), _types)

#: Verbs of change, for "how much did X fall/rise": +1 for a rise, -1 for a fall.
CHANGE_WORDS: dict[str, int] = {
    stem(w): sign
    for words, sign in (
        (
            (
                "rise",
                "rose",
                "risen",
                "grow",
                "grew",
                "grown",
                "growth",
                "increase",
                "increased",
                "gain",
                "gained",
                "climb",
                "climbed",
                "jump",
                "jumped",
                "more",
                "higher",
                "up",
            ),
            1,
        ),
        (
            (
                "fall",
                "fell",
                "fallen",
                "drop",
                "dropped",
                "decline",
                "declined",
                "decrease",
                "decreased",
                "shrink",
                "shrank",
                "slip",
                "slipped",
                "lose",
                "lost",
                "loss",
                "less",
                "fewer",
                "lower",
                "down",
                "slump",
                "slumped",
            ),
            -1,
        ),
        (("change", "changed", "differ", "difference", "gap"), 0),
    )
    for w in words
}

#: Words asking for a maximum or a minimum.
MAX_WORDS: frozenset[str] = frozenset(
    stem(w)
    for w in ("record", "highest", "largest", "biggest", "most", "maximum", "peak", "top", "best", "greatest")
)
MIN_WORDS: frozenset[str] = frozenset(
    stem(w) for w in ("lowest", "smallest", "least", "minimum", "fewest", "worst", "bottom")
)

#: Currency words in questions.
MONEY_WORDS: frozenset[str] = frozenset(
    stem(w)
    for w in (
        "money",
        "dollars",
        "dollar",
        "euros",
        "euro",
        "usd",
        "eur",
        "revenue",
        "revenues",
        "worth",
        "valued",
        "valuation",
        "cost",
        "paid",
        "pay",
        "price",
        "raised",
        "invested",
        "investment",
        "exports",
        "export",
        "turnover",
        "income",
        "earnings",
        "sales",
        "budget",
        "funding",
        "spent",
        "spend",
        "spending",
        "costs",
        "salary",
        "salaries",
        "wage",
        "wages",
        "earn",
        "earned",
        "fee",
        "fees",
    )
)
PERCENT_WORDS: frozenset[str] = frozenset(
    stem(w) for w in ("share", "proportion", "percentage", "percent", "fraction", "portion", "rate", "%")
)

#: Clause verbs for answers, by predicate: (active form, passive form).
PREDICATE_PHRASES: dict[str, str] = {
    "founded": "was founded",
    "founded_by": "was founded by",
    "established_by": "was established by",
    "part_of": "is part of",
    "located_in": "is located in",
    "headquartered_in": "is headquartered in",
    "relocated_to": "relocated to",
    "operates_in": "operates in",
    "invested_in": "invested in",
    "led_by": "is led by",
    "holds_position": "holds the position of",
    "produced": "produced",
    "succeeded_by": "was succeeded by",
    "modeled_on": "was modeled on",
    "partnered_with": "partnered with",
    "occurred": "took place",
}

#: The same relations read from the object's side ("X is where Y is located").
INVERSE_PHRASES: dict[str, str] = {
    "founded_by": "founded",
    "established_by": "established",
    "part_of": "includes",
    "located_in": "is home to",
    "headquartered_in": "is home to the headquarters of",
    "relocated_to": "received relocations from",
    "operates_in": "is a market of",
    "invested_in": "received investment from",
    "led_by": "leads",
    "holds_position": "is held by",
    "produced": "was produced by",
    "succeeded_by": "succeeded",
    "modeled_on": "was the model for",
    "partnered_with": "partnered with",
}

#: Which side of a claim the doer of the question's verb sits on: "X founded Y" is
#: ``Y founded_by X`` (the doer is the object), "X produced Y" is ``X produced Y`` (the subject).
AGENT_SIDE: dict[str, str] = {
    "founded_by": "object",
    "established_by": "object",
    "led_by": "object",
    "part_of": "object",
    "succeeded_by": "object",
    "produced": "subject",
    "invested_in": "subject",
    "relocated_to": "subject",
    "operates_in": "subject",
    "modeled_on": "subject",
    "holds_position": "subject",
}
# (States such as located_in and headquartered_in have no doer: "Where is X headquartered?"
# leaves X the subject, which the default preference already gives.)

#: Predicates that describe events in time, for "what happened in 2017?", best first.
EVENT_PREDICATES: tuple[str, ...] = (
    "occurred",
    "founded",
    "established_by",
    "relocated_to",
    "part_of",
    "holds_position",
    "founded_by",
    "operates_in",
    "invested_in",
    "partnered_with",
    "produced",
    "measure",
)
