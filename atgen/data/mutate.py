"""AST-level mutants of a gold program: the buggy code of sources that ship none.

Operators: comparison swaps and boundary changes (`<` vs `<=`), arithmetic operator swaps, off-by-one in
integer constants and in `range` bounds, `and`/`or` swaps, `not` removal, `min`/`max` swaps and dropped
statements. `mutants_of` lists candidates only; whether a candidate is a useful bug (it runs, passes some
tests and fails at least one) is decided in the sandbox by `atgen.data.mutant_records`.

Deterministic given the seed: sites are enumerated in `ast.walk` order, each operator's sites are shuffled
with `random.Random(seed)`, and operators are interleaved so a small `limit` still mixes kinds of bugs.
(LLM-sampled buggy code, the paper's way, plugs in beside this with the generation backends.)
"""

from __future__ import annotations

import ast
import copy
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass

_COMPARE_SWAPS: dict[type[ast.cmpop], tuple[type[ast.cmpop], ...]] = {
    ast.Lt: (ast.LtE, ast.Gt),
    ast.LtE: (ast.Lt,),
    ast.Gt: (ast.GtE, ast.Lt),
    ast.GtE: (ast.Gt,),
    ast.Eq: (ast.NotEq,),
    ast.NotEq: (ast.Eq,),
}
_ARITH_SWAPS: dict[type[ast.operator], tuple[type[ast.operator], ...]] = {
    ast.Add: (ast.Sub,),
    ast.Sub: (ast.Add,),
    ast.Mult: (ast.Add,),
    ast.FloorDiv: (ast.Div,),
    ast.Mod: (ast.FloorDiv,),
}
_DROPPABLE = (ast.Assign, ast.AugAssign, ast.Expr, ast.Break, ast.Continue)


@dataclass(frozen=True)
class Mutant:
    """`name` is stable for a given gold program (operator, site, variant), usable in instance ids."""

    name: str
    code: str
    operator: str
    description: str


# An edit mutates node number `site` of a fresh copy of the tree in place; it returns a description.
Edit = Callable[[ast.AST, dict[ast.AST, ast.AST]], str]


def mutants_of(code: str, *, seed: int = 0, limit: int | None = None) -> list[Mutant]:
    """Distinct mutants of `code` (empty when it does not parse), at most `limit`."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    original = ast.unparse(tree)
    by_operator: dict[str, list[tuple[int, int, Edit]]] = {}
    for site, node in enumerate(ast.walk(tree)):
        for operator, variant, edit in _edits_for(node):
            by_operator.setdefault(operator, []).append((site, variant, edit))
    rng = random.Random(seed)
    queues = []
    for operator in sorted(by_operator):
        sites = by_operator[operator]
        rng.shuffle(sites)
        queues.append([(operator, *item) for item in sites])
    mutants: list[Mutant] = []
    seen = {original}
    for operator, site, variant, edit in _interleave(queues):
        mutant = _apply(tree, site, edit)
        if mutant is None or mutant[0] in seen:
            continue
        seen.add(mutant[0])
        mutants.append(Mutant(f"mut_{operator}_{site}_{variant}", mutant[0], operator, mutant[1]))
        if limit is not None and len(mutants) >= limit:
            break
    return mutants


def _interleave(queues: list[list[tuple[str, int, int, Edit]]]) -> Iterator[tuple[str, int, int, Edit]]:
    depth = max((len(queue) for queue in queues), default=0)
    for index in range(depth):
        for queue in queues:
            if index < len(queue):
                yield queue[index]


def _apply(tree: ast.Module, site: int, edit: Edit) -> tuple[str, str] | None:
    copy_tree = copy.deepcopy(tree)
    nodes = list(ast.walk(copy_tree))
    parents = {child: parent for parent in nodes for child in ast.iter_child_nodes(parent)}
    description = edit(nodes[site], parents)
    try:
        code = ast.unparse(ast.fix_missing_locations(copy_tree))
        compile(code, "<mutant>", "exec")
    except (SyntaxError, ValueError):
        return None
    return code + "\n", description


def _edits_for(node: ast.AST) -> Iterator[tuple[str, int, Edit]]:
    if isinstance(node, ast.Compare):
        yield from _compare_edits(node)
    elif isinstance(node, (ast.BinOp, ast.AugAssign)) and type(node.op) in _ARITH_SWAPS:
        for variant, new in enumerate(_ARITH_SWAPS[type(node.op)]):
            yield "arith", variant, _set_attr("op", new, f"{type(node.op).__name__} -> {new.__name__}")
    elif isinstance(node, ast.Constant) and type(node.value) is int:
        yield "constant", 0, _shift_constant(1)
        yield "constant", 1, _shift_constant(-1)
    elif isinstance(node, ast.BoolOp):
        new_bool: type[ast.boolop] = ast.Or if isinstance(node.op, ast.And) else ast.And
        yield "boolean", 0, _set_attr("op", new_bool, f"{type(node.op).__name__} -> {new_bool.__name__}")
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        yield from _call_edits(node)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield "negation", 0, _drop_not
    if isinstance(node, _DROPPABLE):
        yield "drop_statement", 0, _drop_statement


def _compare_edits(node: ast.Compare) -> Iterator[tuple[str, int, Edit]]:
    for position, op in enumerate(node.ops):
        for variant, new in enumerate(_COMPARE_SWAPS.get(type(op), ())):
            name = "boundary" if {type(op), new} in ({ast.Lt, ast.LtE}, {ast.Gt, ast.GtE}) else "compare"
            yield name, position * 4 + variant, _swap_compare(position, new)


def _call_edits(node: ast.Call) -> Iterator[tuple[str, int, Edit]]:
    assert isinstance(node.func, ast.Name)
    if node.func.id == "range" and 1 <= len(node.args) <= 3:
        stop_index = 0 if len(node.args) == 1 else 1
        yield "range", 0, _shift_range_arg(stop_index, ast.Add())
        yield "range", 1, _shift_range_arg(stop_index, ast.Sub())
        if len(node.args) >= 2:
            yield "range", 2, _shift_range_arg(0, ast.Add())
    elif node.func.id in ("min", "max"):
        yield "min_max", 0, _swap_min_max


def _set_attr(name: str, new: type[ast.AST], description: str) -> Edit:
    def edit(node: ast.AST, _: dict[ast.AST, ast.AST]) -> str:
        setattr(node, name, new())
        return f"{description} at line {getattr(node, 'lineno', '?')}"

    return edit


def _swap_compare(position: int, new: type[ast.cmpop]) -> Edit:
    def edit(node: ast.AST, _: dict[ast.AST, ast.AST]) -> str:
        assert isinstance(node, ast.Compare)
        old = type(node.ops[position]).__name__
        node.ops[position] = new()
        return f"comparison {old} -> {new.__name__} at line {node.lineno}"

    return edit


def _shift_constant(delta: int) -> Edit:
    def edit(node: ast.AST, _: dict[ast.AST, ast.AST]) -> str:
        assert isinstance(node, ast.Constant) and type(node.value) is int
        old: int = node.value
        node.value = old + delta
        return f"constant {old} -> {node.value} at line {node.lineno}"

    return edit


def _shift_range_arg(index: int, op: ast.operator) -> Edit:
    def edit(node: ast.AST, _: dict[ast.AST, ast.AST]) -> str:
        assert isinstance(node, ast.Call)
        node.args[index] = ast.BinOp(left=node.args[index], op=op, right=ast.Constant(1))
        sign = "+" if isinstance(op, ast.Add) else "-"
        return f"range argument {index} {sign} 1 at line {node.lineno}"

    return edit


def _swap_min_max(node: ast.AST, _: dict[ast.AST, ast.AST]) -> str:
    assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    old = node.func.id
    node.func.id = "max" if old == "min" else "min"
    return f"{old} -> {node.func.id} at line {node.lineno}"


def _drop_not(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> str:
    assert isinstance(node, ast.UnaryOp)
    parent = parents[node]
    for name, value in ast.iter_fields(parent):
        if value is node:
            setattr(parent, name, node.operand)
        elif isinstance(value, list) and node in value:
            value[value.index(node)] = node.operand
    return f"removed `not` at line {node.lineno}"


def _drop_statement(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> str:
    assert isinstance(node, ast.stmt)
    parent = parents[node]
    for _, value in ast.iter_fields(parent):
        if isinstance(value, list) and node in value:
            value.remove(node)
            if not value:
                value.append(ast.Pass())
    return f"dropped the statement at line {node.lineno}"
