# ruff: noqa: E501 - findings and tables read best one a line
"""Every SQL statement is parameterised: no value ever becomes SQL text.

Two checks:

1. **Static**: every ``execute``/``executemany``/``executescript`` call in ``src/kronika`` is
   found with :mod:`ast`. A statement given as a literal string is fine. A statement built at run
   time (f-string, ``+``, ``%``, ``.format``, ``.join``, a variable) must be built only from
   *safe* pieces: string and number literals, module constants (which must themselves be safe),
   placeholder lists (``_marks(items)``, ``", ".join("?" for _ in items)``), ``int(...)`` and
   ``len(...)``, names bound by ``for`` loops over safe tuples (column names from a module's own
   constant list), and local variables and lists built only from those. A function parameter that
   reaches SQL text makes every call of that function in its module pass a safe argument. The
   few places the checker cannot follow are listed in :data:`REVIEWED`, each with the reason it is
   safe; a new one fails the test until someone reads it.
2. **Dynamic**: hostile strings (quotes, ``'; DROP TABLE``, ``%``, ``_``, NUL, FTS5 syntax) go
   through every public entry point that takes text and reaches SQL (ingest, lookups, search,
   review decisions and their reasons, tokens); they come back as data and the tables survive.
"""

from __future__ import annotations

import ast
import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import kronika
from kronika.auth import Tokens
from kronika.errors import KronikaError

SRC = Path(__file__).resolve().parents[2] / "src" / "kronika"
EXECUTE = {"execute", "executemany", "executescript"}
SAFE_CALLS = {"_marks", "int", "len"}
SAFE_METHODS = {"replace", "format", "strip", "upper", "lower"}
_CONSTANT_NAME = re.compile(r"^_?[A-Z][A-Z0-9_]*$")

#: (file, function) where SQL text is built from something the checker cannot follow, and why it
#: is safe. Keep this short; prefer code the checker can read.
REVIEWED: dict[tuple[str, str], str] = {
    ("store/schema.py", "migrate"): "runs the module's own migration scripts (MIGRATIONS, constants), "
    "split into statements by _statements()",
}


@dataclass
class Finding:
    path: str
    line: int
    function: str
    source: str
    names: set[str] = field(default_factory=set)


def _module_constants(tree: ast.Module) -> dict[str, ast.expr]:
    out: dict[str, ast.expr] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            out[node.targets[0].id] = node.value
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Tuple):
            for target, value in _pairs(node.targets[0], node.value):
                out[target] = value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            out[node.target.id] = node.value
    return out


class Checker:
    """Decides whether an expression can only produce SQL text from safe pieces."""

    def __init__(self, constants: dict[str, bool]) -> None:
        self.constants = constants  # module constant name -> safe

    def unsafe_names(self, node: ast.AST, safe: set[str]) -> set[str]:
        """Names (or descriptions) that make ``node`` unsafe; empty when it is safe."""
        if isinstance(node, ast.Constant):
            return set()
        if isinstance(node, ast.Name):
            if node.id in safe or self.constants.get(node.id):
                return set()
            return {node.id}
        if isinstance(node, ast.JoinedStr):
            return set().union(*(self.unsafe_names(v, safe) for v in node.values))
        if isinstance(node, ast.FormattedValue):
            return self.unsafe_names(node.value, safe)
        if isinstance(node, ast.BinOp):
            return self.unsafe_names(node.left, safe) | self.unsafe_names(node.right, safe)
        if isinstance(node, ast.BoolOp):
            return set().union(*(self.unsafe_names(v, safe) for v in node.values))
        if isinstance(node, ast.IfExp):
            return self.unsafe_names(node.body, safe) | self.unsafe_names(node.orelse, safe)
        if isinstance(node, ast.Subscript):
            return self.unsafe_names(node.value, safe)
        if isinstance(node, ast.Tuple | ast.List):
            return set().union(set(), *(self.unsafe_names(e, safe) for e in node.elts))
        if isinstance(node, ast.GeneratorExp | ast.ListComp):
            inner = set(safe)
            for comp in node.generators:
                if not self.unsafe_names(comp.iter, safe):
                    inner |= _targets(comp.target)
            return self.unsafe_names(node.elt, inner)
        if isinstance(node, ast.Call):
            func = node.func
            args = [*node.args, *(k.value for k in node.keywords)]
            if isinstance(func, ast.Name) and func.id in SAFE_CALLS:
                return set()
            if isinstance(func, ast.Attribute) and func.attr in SAFE_METHODS | {"join"}:
                found = self.unsafe_names(func.value, safe)
                for arg in args:
                    found |= self.unsafe_names(arg, safe)
                return found
            return {ast.unparse(node)[:60]}
        return {ast.unparse(node)[:60]}


def _targets(node: ast.AST) -> set[str]:
    if isinstance(node, ast.Name):
        return {node.id}
    if isinstance(node, ast.Tuple | ast.List):
        return set().union(*(_targets(e) for e in node.elts))
    return set()


def _pairs(target: ast.AST, value: ast.AST) -> list[tuple[str, ast.AST]]:
    """``a, b = x, y`` (or ``for a, b in ((x, y), ...)`` items) as name → value pairs."""
    if isinstance(target, ast.Name):
        return [(target.id, value)]
    if isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple) and len(target.elts) == len(value.elts):
        return [pair for t, v in zip(target.elts, value.elts, strict=True) for pair in _pairs(t, v)]
    return [(name, value) for name in _targets(target)]


def _own_nodes(func: ast.AST) -> Iterator[ast.AST]:
    """The nodes of a function, not those of functions defined inside it."""
    stack = list(ast.iter_child_nodes(func))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            stack.extend(ast.iter_child_nodes(node))


def _safe_locals(func: ast.FunctionDef | ast.AsyncFunctionDef, checker: Checker) -> set[str]:
    """Local names built only from safe pieces (a fixpoint over the function's statements)."""
    params = {a.arg for a in [*func.args.posonlyargs, *func.args.args, *func.args.kwonlyargs]}
    assigned: dict[str, list[ast.AST]] = {}
    loops: dict[str, list[ast.AST]] = {}
    for node in _own_nodes(func):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                for name, value in _pairs(target, node.value):
                    assigned.setdefault(name, []).append(value)
        elif isinstance(node, ast.AugAssign | ast.AnnAssign) and node.value is not None:
            for name in _targets(node.target):
                assigned.setdefault(name, []).append(node.value)
        elif isinstance(node, ast.For):
            if isinstance(node.iter, ast.Tuple | ast.List) and all(isinstance(e, ast.Tuple) for e in node.iter.elts):
                # for column, cap in (("subject_id", limit), ...): each name gets its own column.
                for item in node.iter.elts:
                    for name, value in _pairs(node.target, item):
                        loops.setdefault(name, []).append(value)
            else:
                for name in _targets(node.target):
                    loops.setdefault(name, []).append(node.iter)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("append", "extend")
            and isinstance(node.func.value, ast.Name)
        ):
            assigned.setdefault(node.func.value.id, []).extend(node.args)
    safe: set[str] = set()
    for _ in range(6):
        before = set(safe)
        for name in set(assigned) | set(loops):
            if name in params:
                continue
            values = assigned.get(name, []) + loops.get(name, [])
            if all(not checker.unsafe_names(v, safe) for v in values):
                safe.add(name)
        if safe == before:
            break
    return safe


def scan() -> Iterator[Finding]:
    """Every execute call whose SQL text is not provably safe (before :data:`REVIEWED`)."""
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in SRC.rglob("*.py")}
    raw_constants: dict[str, ast.expr] = {}
    for tree in trees.values():
        raw_constants.update({k: v for k, v in _module_constants(tree).items() if _CONSTANT_NAME.match(k)})
    constants: dict[str, bool] = {}
    checker = Checker(constants)
    for _ in range(6):  # constants built from other constants
        for name, value in raw_constants.items():
            constants[name] = not checker.unsafe_names(value, set())
    for path, tree in trees.items():
        rel = str(path.relative_to(SRC))
        functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
        param_sinks: dict[str, set[int]] = {}
        for func in functions:
            safe = _safe_locals(func, checker)
            params = [a.arg for a in [*func.args.posonlyargs, *func.args.args]]
            for node in _own_nodes(func):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                    continue
                if node.func.attr not in EXECUTE or not node.args:
                    continue
                bad = checker.unsafe_names(node.args[0], safe)
                # A parameter reaching SQL: its callers in this module must pass safe values.
                via_params = {p for p in bad if p in params}
                if via_params and via_params == bad:
                    param_sinks.setdefault(func.name, set()).update(params.index(p) for p in via_params)
                    continue
                if bad:
                    yield Finding(rel, node.lineno, func.name, ast.unparse(node.args[0])[:120], bad)
        for func in functions:
            safe = _safe_locals(func, checker)
            for node in _own_nodes(func):
                if not isinstance(node, ast.Call):
                    continue
                name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
                for index in param_sinks.get(str(name), ()):
                    # Methods are called without self: shift when the sink is a method.
                    args = node.args
                    shift = 1 if isinstance(node.func, ast.Attribute) and _is_method(tree, str(name)) else 0
                    if index - shift < len(args) and checker.unsafe_names(args[index - shift], safe):
                        yield Finding(rel, node.lineno, func.name, ast.unparse(node)[:120], {f"arg {index}"})


def _is_method(tree: ast.Module, name: str) -> bool:
    for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
        if any(isinstance(f, ast.FunctionDef) and f.name == name for f in cls.body):
            return True
    return False


def test_every_sql_statement_is_built_from_safe_pieces() -> None:
    findings = [f for f in scan() if (f.path, f.function) not in REVIEWED]
    assert findings == [], "\n".join(f"{f.path}:{f.line} in {f.function}(): {f.names} in {f.source}" for f in findings)


def test_the_checker_catches_values_in_sql() -> None:
    """The checker itself: values in SQL text are found, placeholders and constants are not."""
    code = '''
COLUMNS = ("a", "b")
def good(conn, ids, name):
    marks = ", ".join("?" for _ in ids)
    for column in COLUMNS:
        conn.execute(f"SELECT {column} FROM t WHERE id IN ({marks}) AND name = ?", [*ids, name])
def bad(conn, name):
    conn.execute(f"SELECT * FROM t WHERE name = '{name}'")
def bad_format(conn, request):
    sql = "SELECT * FROM t WHERE name = '%s'" % request.name
    conn.execute(sql)
'''
    tree = ast.parse(code)
    constants = {"COLUMNS": True}
    checker = Checker(constants)
    results = {}
    for func in (n for n in tree.body if isinstance(n, ast.FunctionDef)):
        safe = _safe_locals(func, checker)
        calls = [n for n in ast.walk(func) if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "execute"]
        results[func.name] = [checker.unsafe_names(c.args[0], safe) for c in calls]
    assert results["good"] == [set()]
    assert results["bad"] == [{"name"}]
    assert results["bad_format"] == [{"sql"}]


def test_every_reviewed_exception_still_exists() -> None:
    found = {(f.path, f.function) for f in scan()}
    assert set(REVIEWED) <= found, f"no longer needed: {set(REVIEWED) - found}"


# --------------------------------------------------------------------------- dynamic


HOSTILE = [
    "Robert'); DROP TABLE claims;--",
    'Quote " Inc',
    "100% Labs",
    "under_score Co",
    "NUL\x00Corp",
    'FTS "near" OR NOT * ^ :',
    "\\'; DELETE FROM documents; --",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_strings_are_data(db_path: Path, stub_reader: Any, text: str) -> None:
    with kronika.open(db_path, reader=stub_reader) as kb:
        kb.ingest_text("Acme Soft was founded in 1999.\nAcme Soft employs 40 people.\n", title=text, origin=text)
        claim = kb.claims()[0]
        kb.review.reject(claim["id"], why=text, who=text)
        for call in (
            lambda: kb.entities(q=text),
            lambda: kb.entity(text),
            lambda: kb.claims(entity=text),
            lambda: kb.search(text),
            lambda: kb.review.log(entity="Acme Soft"),
            lambda: kb.facts(entity="Acme Soft"),
            lambda: kb.review.accept(text),
            lambda: kb.review.merge(text, "Acme Soft"),
            lambda: kb.claims(doc=text),
            lambda: kb.ask(text),
        ):
            with contextlib.suppress(KronikaError):  # "no such ..." is fine; an SQL error is not
                call()
        added = kb.review.add(
            "Acme Soft", "located_in", object=text, object_type="place", quote=f"Acme Soft is in {text}.", title=text
        )
        assert added["object"]["name"] == " ".join(text.split())
        assert kb.review.log()[0]["why"] == text and kb.review.log()[0]["who"] == text.strip()[:200]
        assert kb.documents()[0]["title"] in (text, f"{text} (quoted by {text.strip()})") or any(
            d["title"] == text for d in kb.documents()
        )
        with contextlib.suppress(KronikaError):
            Tokens(kb.store).verify(text)
        counts = kb.stats()
        assert counts["claims"] == 3 and counts["documents"] == 2
        assert kb.store.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
