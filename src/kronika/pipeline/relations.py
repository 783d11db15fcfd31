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
from kronika.pipeline.entities import ORG_NOUNS
from kronika.pipeline.grammar import (
    active_subject,
    children,
    is_passive,
    passive_subject,
    preps,
    subject_entities,
)
from kronika.pipeline.rel_founding import (
    NEW_FORM_VERBS,
    ORIGIN_TRIGGERS,
    POLICY_EFFECT_VERBS,
    acquisition,
    became_new,
    began,
    dated_act,
    drafted_act,
    new_form,
    election,
    emergence,
    events,
    founded_note,
    founding,
    held_event,
    history_back,
    in_force,
    origins,
    policy_acts,
    policy_signed,
    present_name,
    product_arrived,
    ran_event,
    succession,
    successor_of,
)
from kronika.pipeline.rel_funding import FUNDING_WORDS, INVESTOR_NOUNS, funding, investors_are
from kronika.pipeline.rel_geo import SETTLEMENT_NOUNS, one_of_in_place, place_in_place
from kronika.pipeline.rel_geo import in_city_in_region, in_place_at_org, org_then_city, place_word_named
from kronika.pipeline.rel_links import (
    BEHIND_NOUNS,
    LISTING_NOUNS,
    LISTING_VERBS,
    MAKE_VERBS,
    MAKER_NOUNS,
    UNIT_NOUNS,
    advising,
    authored,
    copula_member,
    includes_units,
    investors,
    listing,
    maker_behind,
    maker_of,
    members_are,
    membership,
    modeling,
    org_of_org,
    owned_unit,
    part_of,
    partners_are,
    partnership,
    product_line,
    product_list,
    production,
    studied,
)
from kronika.pipeline.rel_lives import LIVES_TRIGGERS, award, birth, conferred, death, taught_at
from kronika.pipeline.rel_people import (
    leadership,
    role_list,
    role_is_person,
    roles,
    serves_as,
    stays_as,
    succeeded_in_office,
    took_over_as,
    whose_role,
)
from kronika.pipeline.rel_places import (
    CLOSE_VERBS,
    EXIT_NOUNS,
    EXIT_VERBS,
    MADE_VERBS,
    SEAT_NOUNS,
    USE_VERBS,
    attraction,
    birthplace,
    both_in,
    city_country,
    city_in_name,
    closure,
    copula_place,
    demonym,
    demonym_list,
    described_in_place,
    described_place,
    destination,
    emerged_in_sector,
    employs_in,
    exit_market,
    hosts_movers,
    investment,
    located,
    made_by_in,
    main_market,
    offices,
    opening_of,
    operates_under,
    operating,
    org_in_place,
    place_based,
    place_founded,
    possessive_place,
    relocation,
    relocation_noun,
    site_is_in,
    site_list,
    used_by,
    where_at,
    works_from,
)
from kronika.pipeline.rel_units import (
    ANSWER_WORDS,
    MEMBER_GLOSS,
    RUN_VERBS,
    answers_to,
    member_gloss,
    part_of_business,
    runs_unit,
    staff_in,
    unit_list,
)
from kronika.pipeline.rel_units import CLIENT_NOUNS, another_in, clients_in
from kronika.pipeline.rel_units import COMPRISE_VERBS, INTO_VERBS, comprises_named, folded_into, within_org
from kronika.pipeline.rel_units import HELP_VERBS, helps_in, joint_venture, org_under
from kronika.pipeline.rel_links import possessed_product
from kronika.pipeline.rel_funding import shares_sold_to
from kronika.pipeline.rel_places import NAMED_SITE_NOUNS, PREMISES_NOUNS, org_site_in, premises_in, runs_site_in
from kronika.pipeline.tokens import span_tokens
from kronika.pipeline.vocabulary import (
    BULLETS,
    FOUND_VERBS,
    INVEST_VERBS,
    LEAD_VERBS,
    MODEL_VERBS,
    MOVE_VERBS,
    OFFICE_NOUNS,
    OPERATE_VERBS,
    PART_NOUNS,
    PARTNER_NOUNS,
    PARTNER_VERBS,
    POLICY_CREATION_VERBS,
    PRODUCE_VERBS,
    REPLACE_VERBS,
)

PATTERNS: tuple[Callable[[DocContext, Token], None], ...] = (
    founding,
    history_back,
    present_name,
    held_event,
    ran_event,
    dated_act,
    product_arrived,
    founded_note,
    leadership,
    role_list,
    roles,
    serves_as,
    whose_role,
    succeeded_in_office,
    took_over_as,
    role_is_person,
    election,
    located,
    place_based,
    demonym,
    demonym_list,
    described_place,
    place_founded,
    relocation,
    operating,
    attraction,
    operates_under,
    employs_in,
    opening_of,
    relocation_noun,
    hosts_movers,
    offices,
    closure,
    exit_market,
    main_market,
    site_is_in,
    site_list,
    city_in_name,
    city_country,
    org_in_place,
    both_in,
    described_in_place,
    made_by_in,
    birthplace,
    where_at,
    works_from,
    used_by,
    destination,
    acquisition,
    emerged_in_sector,
    investment,
    production,
    product_list,
    product_line,
    authored,
    maker_of,
    maker_behind,
    succession,
    successor_of,
    origins,
    modeling,
    possessive_place,
    copula_place,
    copula_member,
    membership,
    members_are,
    owned_unit,
    org_of_org,
    includes_units,
    listing,
    partners_are,
    part_of,
    partnership,
    unit_list,
    runs_unit,
    answers_to,
    member_gloss,
    part_of_business,
    staff_in,
    clients_in,
    another_in,
    folded_into,
    comprises_named,
    within_org,
    org_under,
    helps_in,
    joint_venture,
    possessed_product,
    shares_sold_to,
    runs_site_in,
    premises_in,
    org_site_in,
    funding,
    investors_are,
    place_in_place,
    one_of_in_place,
    place_word_named,
    in_place_at_org,
    org_then_city,
    in_city_in_region,
    advising,
    investors,
    studied,
    policy_signed,
    policy_acts,
    in_force,
    became_new,
    began,
    events,
    emergence,
    death,
    birth,
    award,
    conferred,
    taught_at,
    drafted_act,
    stays_as,
    new_form,
)


#: The words (lemma or lower-case form) a pattern can start from; patterns not listed look at
#: every token. A cheap set test before each call keeps reading fast.
TRIGGERS: dict[Callable[[DocContext, Token], None], frozenset[str]] = {
    founding: FOUND_VERBS,
    history_back: frozenset(["trace", "date", "go", "stretch", "reach"]),
    present_name: frozenset(["name"]),
    held_event: frozenset(["hold", "held"]),
    ran_event: frozenset(["run", "last", "continue"]),
    dated_act: frozenset(["of"]),
    product_arrived: frozenset(["appear", "debut", "follow", "come", "arrive"]),
    founded_note: frozenset(["found", "establish", "founded", "established"]),
    leadership: LEAD_VERBS,
    role_list: BULLETS,
    serves_as: frozenset(["serve", "work", "act", "join"]),
    whose_role: frozenset(["whose", "as"]),
    succeeded_in_office: frozenset(["succeed", "replace"]),
    took_over_as: frozenset(["take", "step", "come"]),
    role_is_person: frozenset(["be"]),
    election: frozenset(["elect", "appoint", "name", "inaugurate", "re-elect"]),
    located: frozenset(
        ["base", "locate", "headquarter", "situate", "register", "headquartered", "located", "based"]
    ),
    demonym_list: ORG_NOUNS,
    described_place: ORG_NOUNS | SEAT_NOUNS,
    place_founded: frozenset(["founded"]),
    relocation: MOVE_VERBS,
    operating: OPERATE_VERBS | {"active"},
    attraction: frozenset(["attract", "lure", "draw", "bring", "welcome"]),
    operates_under: frozenset(["operate", "work", "function", "sit", "fall", "report"]),
    employs_in: frozenset(["employ", "hire", "recruit", "train", "serve", "have"]),
    offices: OFFICE_NOUNS | {"store", "network", "shop", "business", "operation", "headquarters"},
    closure: CLOSE_VERBS,
    both_in: frozenset(["both", "all"]),
    described_in_place: ORG_NOUNS | SEAT_NOUNS,
    made_by_in: MADE_VERBS,
    birthplace: frozenset(["born", "bear"]),
    where_at: frozenset(["where"]),
    works_from: frozenset(["work", "operate", "run", "set"]),
    used_by: USE_VERBS,
    exit_market: EXIT_VERBS | EXIT_NOUNS,
    main_market: frozenset(["market"]),
    site_is_in: frozenset(["be"]),
    site_list: frozenset([":"]),
    hosts_movers: frozenset(["attract", "home"])
    | frozenset(
        ["welcome", "receive", "host", "accept", "absorb", "take", "choose", "pick", "select", "make"]
    ),
    relocation_noun: frozenset(["relocation", "move", "transfer", "exodus", "emigration"]),
    opening_of: frozenset(["opening", "launch", "establishment", "creation", "inauguration"]),
    destination: frozenset(["destination", "haven", "hub", "magnet", "choice"]),
    acquisition: frozenset(
        [
            "acquire",
            "buy",
            "purchase",
            "take",
            "absorb",
            "complete",
            "finalize",
            "finalise",
            "close",
            "announce",
            "agree",
        ]
    ),
    investment: INVEST_VERBS,
    production: PRODUCE_VERBS | {"production"},
    product_list: BULLETS,
    product_line: frozenset(["include", "comprise", "be", "know"]),
    authored: MAKE_VERBS - PRODUCE_VERBS,
    maker_of: MAKER_NOUNS,
    maker_behind: BEHIND_NOUNS - MAKER_NOUNS,
    succession: REPLACE_VERBS
    | frozenset(
        [
            "phase",
            "discontinue",
            "abandon",
            "retire",
            "drop",
            "reorganise",
            "reorganize",
            "rename",
            "transform",
            "convert",
            "restructure",
            "merge",
            "rebrand",
            "give",
        ]
    ),
    successor_of: frozenset(["successor", "predecessor"]),
    origins: ORIGIN_TRIGGERS,
    modeling: MODEL_VERBS | {"answer", "clone", "copy", "version", "counterpart"},
    copula_place: frozenset(["be"]),
    copula_member: frozenset(["be", "become", "remain"]),
    membership: frozenset(["join", "belong", "own", "control", "operate", "run", "manage"]),
    members_are: frozenset(["be", "include", "comprise"]),
    includes_units: frozenset(
        ["comprise", "include", "unite", "encompass", "incorporate", "have", "make", "consist", "compose"]
    ),
    partners_are: frozenset(["partner", "partners"]),
    owned_unit: UNIT_NOUNS,
    listing: LISTING_VERBS | LISTING_NOUNS,
    part_of: PART_NOUNS | {"framework", "auspices", "umbrella", "aegis", "wide"},
    unit_list: BULLETS,
    runs_unit: RUN_VERBS,
    answers_to: ANSWER_WORDS,
    member_gloss: MEMBER_GLOSS,
    part_of_business: frozenset(["part"]),
    staff_in: frozenset(["be", "split", "divide", "spread", "distribute", "scatter", "work", "sit"]),
    funding: FUNDING_WORDS,
    investors_are: INVESTOR_NOUNS,
    clients_in: CLIENT_NOUNS | {"customers", "clients", "users"},
    another_in: frozenset(["another", "one"]),
    folded_into: INTO_VERBS,
    comprises_named: COMPRISE_VERBS,
    org_under: frozenset(["under"]),
    helps_in: HELP_VERBS,
    joint_venture: frozenset(["venture"]),
    possessed_product: frozenset(["'s", "its", "their", "'"]),
    shares_sold_to: frozenset(["sell", "transfer"]),
    runs_site_in: frozenset(["run", "operate", "maintain"]),
    premises_in: PREMISES_NOUNS,
    org_site_in: NAMED_SITE_NOUNS,
    within_org: ORG_NOUNS | frozenset(["centre", "center", "unit", "laboratory", "lab", "department"]),
    place_in_place: SETTLEMENT_NOUNS,
    one_of_in_place: frozenset(["one"]),
    place_word_named: ORG_NOUNS,
    in_place_at_org: frozenset(["at"]),
    org_then_city: frozenset(["in"]),
    in_city_in_region: frozenset(["in"]),
    partnership: PARTNER_VERBS
    | PARTNER_NOUNS
    | {
        "collaboration",
        "tie",
        "relation",
        "contract",
        "cooperation",
        "partnership",
        "conjunction",
        "partner",
        "sign",
        "conclude",
        "announce",
        "form",
    },
    advising: frozenset(["advise", "adviser", "advisor", "counsel"]),
    investors: frozenset(["lead", "stake", "investor", "backer", "shareholder"]),
    studied: frozenset(
        ["study", "enrol", "enroll", "graduate", "train", "complete", "earn", "receive", "obtain"]
        + ["take", "gain", "get", "finish", "alumnus", "alumni", "alumna", "student", "graduates"]
    ),
    policy_signed: POLICY_CREATION_VERBS,
    policy_acts: POLICY_EFFECT_VERBS,
    began: frozenset(["begin", "start"]),
    in_force: frozenset(["come", "take", "enter", "go"]),
    became_new: frozenset(["become", "turn", "transform", "convert", "reorganise", "reorganize"]),
    emergence: frozenset(["take"]),
    **LIVES_TRIGGERS,
    drafted_act: frozenset(["draft", "prepare", "author", "write", "develop"]),
    stays_as: frozenset(["stay", "remain", "continue"]),
    new_form: NEW_FORM_VERBS | {"merge", "know", "change"},
}


#: The patterns to try for a (lemma, lower-case form) pair, in ``PATTERNS`` order: filled as
#: words are met, so each distinct word pays for the trigger tests once.
_PLAN: dict[tuple[str, str], tuple[Callable[[DocContext, Token], None], ...]] = {}


def _plan(lemma: str, lower: str) -> tuple[Callable[[DocContext, Token], None], ...]:
    key = (lemma, lower)
    found = _PLAN.get(key)
    if found is None:
        found = tuple(
            p for p in PATTERNS if (words := TRIGGERS.get(p)) is None or lemma in words or lower in words
        )
        _PLAN[key] = found
    return found


def relate(ctx: DocContext, sent: Span) -> None:
    """Run the relation patterns over every token of a sentence."""
    for tok in span_tokens(sent):
        for pattern in _plan(tok.lemma_, tok.lower_):
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
