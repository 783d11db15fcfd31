"""Claims a claim entails, from the same sentence: "X has led Y" also says that X holds a
position at Y; "X, chief executive of Y" also says that Y is led by X.

Only the top offices of an organisation lead it (a chief executive, president, rector, director or
chair, not a deputy or a vice-president), and only an organisation is "led" this way (a country's
president is recorded as the office he holds, not as a leader of the country).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from kronika.models import Claim

#: Offices that lead an organisation.
TOP_ROLE = re.compile(
    r"\b(ceo|chief executive|president|rector|director|chair|chairman|chairwoman|chairperson|head"
    r"|managing director|director general|general director|chief|minister)\b",
    re.IGNORECASE,
)
#: Words that make an office a lesser one ("vice-president", "deputy director").
LESSER_ROLE = re.compile(
    r"\b(vice|deputy|assistant|associate|acting|regional|technology|operating|financial)\b|vice-", re.I
)


def derive(claims: list[Claim], entity_type: Callable[[str], str | None]) -> list[Claim]:
    """The claims ``claims`` entail that are not among them (see the module's notes)."""
    # a claim with a time is worth adding beside one of the same sentence without it
    have = {(c.subject, c.predicate, c.object, c.sentence, c.time is not None) for c in claims}
    have |= {(c.subject, c.predicate, c.object, c.sentence, False) for c in claims}
    out: list[Claim] = []

    def flip(c: Claim, predicate: str) -> None:
        """Add the claim read the other way round as ``predicate``, unless the sentence has it."""
        key = (c.object, predicate, c.subject, c.sentence, c.time is not None)
        if key in have:
            return
        have.add(key)
        out.append(
            replace(
                c,
                subject=c.object,
                predicate=predicate,
                object=c.subject,
                method=f"{c.method}>{predicate}",
                confidence=round(c.confidence * 0.9, 3),
                qualifiers=dict(c.qualifiers),
            )
        )

    for c in claims:
        if c.object is None:
            continue
        if c.predicate == "led_by" and entity_type(c.subject) == "organization":
            if entity_type(c.object) == "person":
                flip(c, "holds_position")
        elif c.predicate == "holds_position" and entity_type(c.object) == "organization":
            role = str(c.qualifiers.get("role") or "")
            if (
                role
                # a board's chair does not run the body, nor a prime minister the office itself
                and not c.qualifiers.get("governing_body")
                and not c.qualifiers.get("office")
                and TOP_ROLE.search(role)
                and not LESSER_ROLE.search(role)
                and entity_type(c.subject) == "person"
            ):
                flip(c, "led_by")
    return out
