"""Relation patterns over the dependency parse: sentences into claims.

Each pattern is a small function named for the grammatical shape it handles. Patterns look
at lemmas, dependency labels and entity types, never at the words of one document: the
trigger words are English vocabulary ("found", "establish", "led by", "based in"), and the
entities come from the alias registry and NER.

Notes:
    The approach follows rule-based open information extraction over dependency trees
    (e.g. Fader et al., 2011, "Identifying Relations for Open Information Extraction";
    textacy's ``subject_verb_object_triples``), specialised to a fixed predicate vocabulary."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from kronika.pipeline.context import DocContext
from kronika.pipeline.grammar import (
    active_subject,
    children,
    is_passive,
    passive_subject,
    preps,
    subject_entities,
)
from kronika.pipeline.rel_founding import (
    acquisition,
    election,
    emergence,
    events,
    founding,
    policy_signed,
    succession,
)
from kronika.pipeline.rel_links import (
    copula_member,
    maker_of,
    membership,
    modeling,
    part_of,
    partnership,
    production,
)
from kronika.pipeline.rel_people import leadership, roles
from kronika.pipeline.rel_places import (
    attraction,
    city_in_name,
    copula_place,
    demonym,
    demonym_list,
    destination,
    emerged_in_sector,
    employs_in,
    investment,
    located,
    offices,
    operates_under,
    operating,
    place_based,
    possessive_place,
    relocation,
)

PATTERNS: tuple[Callable[[DocContext, Token], None], ...] = (
    founding,
    leadership,
    roles,
    election,
    located,
    place_based,
    demonym,
    demonym_list,
    relocation,
    operating,
    attraction,
    operates_under,
    employs_in,
    offices,
    city_in_name,
    destination,
    acquisition,
    emerged_in_sector,
    investment,
    production,
    maker_of,
    succession,
    modeling,
    possessive_place,
    copula_place,
    copula_member,
    membership,
    part_of,
    partnership,
    policy_signed,
    events,
    emergence,
)


def relate(ctx: DocContext, sent: Span) -> None:
    """Run every relation pattern over every token of a sentence."""
    for tok in sent:
        for pattern in PATTERNS:
            pattern(ctx, tok)


__all__ = [
    "PATTERNS",
    "active_subject",
    "children",
    "is_passive",
    "passive_subject",
    "preps",
    "relate",
    "subject_entities",
]
