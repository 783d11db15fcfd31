"""The model's attribute rules as a lookup table: the same annotations as spaCy's
``attribute_ruler``, in a fraction of its time.

The ``attribute_ruler`` of ``en_core_web_sm`` runs some 180 token patterns through spaCy's
``Matcher`` on every document (a tenth of the whole pipeline's time). Nearly all of them look at
one token only, and only at its tag, lower-case form, dependency label and whether it is a space.
Tokens repeat those four values a great deal, so here the patterns are evaluated once per distinct
combination, and the rules that match are merged in the ruler's order (a later rule overrides an
earlier one, as in spaCy). The few patterns over two tokens still go through a ``Matcher``. A rule
set this table cannot express (another attribute or operator) leaves the model's ruler in place.

:func:`compile_attribute_ruler` swaps the component in a loaded pipeline; the result is checked
to be identical to spaCy's own on the test texts (``tests/pipeline/test_attrules.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

#: The token attributes a one-token pattern may test, as read from a token.
_FIELDS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_ARRAY = [TAG, LOWER, DEP, IS_SPACE]

Key = tuple[str, str, str, bool]
Test = Callable[[Key], bool]


def _value_test(position: int, spec: Any) -> Test | None:
    """A test of one field against a pattern value (a constant, IN, NOT_IN or REGEX)."""
    if isinstance(spec, str | bool):
        return lambda key: key[position] == spec
    if isinstance(spec, dict) and len(spec) == 1:
        ((op, arg),) = spec.items()
        if op == "IN":
            allowed = frozenset(arg)
            return lambda key: key[position] in allowed
        if op == "NOT_IN":
            banned = frozenset(arg)
            return lambda key: key[position] not in banned
        if op == "REGEX":
            rx = re.compile(arg)
            return lambda key: bool(rx.search(key[position]))
    return None


def _token_test(spec: dict[str, Any]) -> Test | None:
    tests: list[Test] = []
    for name, value in spec.items():
        if name not in _FIELDS:
            return None
        test = _value_test(_FIELDS.index(name), value)
        if test is None:
            return None
        tests.append(test)
    return lambda key: all(t(key) for t in tests)


class CompiledAttributeRuler:
    """A drop-in replacement for a loaded ``AttributeRuler`` (see the module's notes)."""

    def __init__(self, ruler: Any) -> None:
        self.attrs: list[dict[Any, Any]] = list(ruler.attrs)
        # The one-token rules by what they ask of the word: most name it (LOWER equal to a
        # word or IN a list) and are looked up by it; those that do not look at the word at all
        # are evaluated once per (TAG, DEP, IS_SPACE); the rest (a REGEX on the word) always.
        self.by_lower: dict[str, list[tuple[int, Test]]] = {}
        self.wordless: list[tuple[int, Test]] = []
        self.any_word: list[tuple[int, Test]] = []
        self.multi = Matcher(ruler.vocab)
        self.multi_index: dict[int, int] = {}
        for rule_id, rule in enumerate(ruler.patterns):
            for pattern in rule["patterns"]:
                if len(pattern) == 1:
                    test = _token_test(pattern[0])
                    if test is None:
                        raise ValueError(f"pattern not supported: {pattern}")
                    lower = pattern[0].get("LOWER")
                    if lower is None:
                        self.wordless.append((rule_id, test))
                    elif isinstance(lower, str):
                        self.by_lower.setdefault(lower, []).append((rule_id, test))
                    elif isinstance(lower, dict) and list(lower) == ["IN"]:
                        for word in lower["IN"]:
                            self.by_lower.setdefault(word, []).append((rule_id, test))
                    else:
                        self.any_word.append((rule_id, test))
                else:
                    self.multi.add(str(rule_id), [pattern])
            self.multi_index[rule_id] = rule["index"]
        self.vocab = ruler.vocab
        self._plans: dict[tuple[int, ...], tuple[int, ...]] = {}
        self._wordless_plans: dict[tuple[str, str, bool], frozenset[int]] = {}
        self._merged: dict[tuple[int, ...], dict[Any, Any]] = {}

    def _plan_of(self, row: list[int]) -> tuple[int, ...]:
        """The single-token rules that match a token's (TAG, LOWER, DEP, IS_SPACE) row of
        ``Doc.to_array``, in the ruler's order; each distinct row is evaluated once."""
        found = self._plans.get(tuple(row))
        if found is None:
            strings = self.vocab.strings
            tag, lower, dep, space = row
            key = (strings[tag] if tag else "", strings[lower], strings[dep] if dep else "", bool(space))
            shape = (key[0], key[2], key[3])
            wordless = self._wordless_plans.get(shape)
            if wordless is None:
                wordless = frozenset(rule_id for rule_id, test in self.wordless if test(key))
                self._wordless_plans[shape] = wordless
            worded = {rule_id for rule_id, test in self.by_lower.get(key[1], ()) if test(key)}
            worded.update(rule_id for rule_id, test in self.any_word if test(key))
            found = tuple(sorted(wordless | worded))
            self._plans[tuple(row)] = found
        return found

    def _merge(self, rule_ids: tuple[int, ...]) -> dict[Any, Any]:
        found = self._merged.get(rule_ids)
        if found is None:
            found = {}
            for rule_id in rule_ids:
                found.update(self.attrs[rule_id])
            self._merged[rule_ids] = found
        return found

    def __call__(self, doc: Doc) -> Doc:
        # every pattern reads the tokens as they were before any rule applied
        plans = [self._plan_of(row) for row in doc.to_array(_ARRAY).tolist()]
        extra: dict[int, list[int]] = {}
        for match_id, start, end in self.multi(doc, allow_missing=True):
            rule_id = int(self.vocab.strings[match_id])
            index = self.multi_index[rule_id]
            target = (start if index >= 0 else end) + index
            if not start <= target < end:
                raise ValueError(f"attribute rule {rule_id}: index {index} outside its match")
            extra.setdefault(target, []).append(rule_id)
        for i, rule_ids in enumerate(plans):
            if i in extra:
                rule_ids = tuple(sorted([*rule_ids, *extra[i]]))
            if rule_ids:
                set_token_attrs(doc[i], self._merge(rule_ids))
        return doc


FACTORY = "kronika_attribute_rules"


@Language.factory(FACTORY)
def _make_compiled(nlp: Language, name: str) -> CompiledAttributeRuler:
    return CompiledAttributeRuler(nlp.get_pipe("attribute_ruler"))


def compile_attribute_ruler(nlp: Language) -> bool:
    """Replace the pipeline's ``attribute_ruler`` by its lookup-table form; False if left as it was."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    try:
        nlp.add_pipe(FACTORY, after="attribute_ruler")
    except ValueError:
        return False  # a rule the table cannot express: keep the model's ruler
    nlp.remove_pipe("attribute_ruler")
    return True
