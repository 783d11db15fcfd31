"""Word classes the relation patterns trigger on: English vocabulary, never names."""

from __future__ import annotations

#: Characters that open a list item ("- Acme, 1991", "• Riga").
BULLETS = frozenset(["-", "–", "—", "•", "*", "·"])

FOUND_VERBS = frozenset(
    [
        "found",
        "establish",
        "create",
        "launch",
        "start",
        "form",
        "set",
        "incorporate",
        "inaugurate",
        "register",
        "open",
        "co-found",
        "cofound",
        "organize",
        "organise",
        "release",
        "unveil",
        "debut",
    ]
)
OFFICE_NOUNS = frozenset(
    [
        "office",
        "offices",
        "center",
        "centers",
        "centre",
        "centres",
        "branch",
        "branches",
        "hub",
        "hubs",
        "operations",
        "presence",
        "subsidiary",
        "headquarters",
        "campus",
        "lab",
        "labs",
        "laboratory",
        "facility",
        "facilities",
        "unit",
        "division",
        "studio",
    ]
)
PRODUCE_VERBS = frozenset(
    [
        "produce",
        "manufacture",
        "build",
        "make",
        "develop",
        "design",
        "assemble",
        "release",
        "create",
        "ship",
        "launch",
    ]
)
LEAD_VERBS = frozenset(["lead", "head", "run", "chair", "manage", "direct"])
MOVE_VERBS = frozenset(
    [
        "move",
        "relocate",
        "transfer",
        "shift",
        "emigrate",
        "flee",
        "leave",
        "migrate",
        "settle",
        "arrive",
        "return",
    ]
)
OPERATE_VERBS = frozenset(
    ["operate", "work", "expand", "enter", "serve", "service", "sell", "export", "focus"]
)
INVEST_VERBS = frozenset(["invest"])
REPLACE_VERBS = frozenset(["replace", "supersede", "succeed"])
MODEL_VERBS = frozenset(["model", "pattern", "base", "inspire", "copy", "clone"])
PARTNER_VERBS = frozenset(["partner", "cooperate", "collaborate", "team", "ally", "work"])
PARTNER_NOUNS = frozenset(
    [
        "cooperation",
        "collaboration",
        "partnership",
        "agreement",
        "alliance",
        "venture",
        "strategy",
        "project",
        "program",
        "programme",
        "initiative",
        "ties",
    ]
)
PART_NOUNS = frozenset(
    [
        "subsidiary",
        "division",
        "branch",
        "unit",
        "part",
        "member",
        "arm",
        "affiliate",
        "department",
        "spin-off",
        "spinoff",
        "daughter",
    ]
)
SITE_NOUNS = frozenset(["site", "hub", "centre", "center", "home", "capital", "heart", "base"])
ESTABLISHING_AGENTS = frozenset(
    [
        "decree",
        "law",
        "government",
        "president",
        "ministry",
        "parliament",
        "council",
        "cabinet",
        "state",
        "resolution",
        "order",
        "act",
        "edict",
    ]
)
POLICY_CREATION_VERBS = frozenset(["sign", "issue", "adopt", "enact", "pass", "approve", "introduce"])
EMERGE_VERBS = frozenset(
    [
        "emerge",
        "appear",
        "begin",
        "break",
        "erupt",
        "start",
        "occur",
        "happen",
        "take",
        "come",
        "follow",
        "unfold",
    ]
)
