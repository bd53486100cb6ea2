"""Loops in relationships that describe a hierarchy or a succession."""

from __future__ import annotations

from generator.validate.files import Checker

# Relations that describe a hierarchy or a succession, so a loop is a mistake.
ACYCLIC_RELATIONS = ("part-of", "replaced-by", "merged-into", "member-of")


def check_cycles(checker: Checker) -> None:
    for relation in ACYCLIC_RELATIONS:
        edges: dict[str, list[tuple[str, int]]] = {}
        for index, rel in checker.items("relationships"):
            if rel.relation == relation:
                edges.setdefault(rel.subject, []).append((rel.object, index))
        reported: set[str] = set()
        on_loops = _nodes_on_loops(edges)
        for start in sorted(edges):
            # A body on no loop needs no search (so a long chain costs one pass, not one per body).
            if start not in on_loops or start in reported:
                continue
            cycle = _find_cycle(edges, start)
            if cycle and not reported.intersection(node for node, _ in cycle):
                reported.update(node for node, _ in cycle)
                chain = " -> ".join([start, *(node for node, _ in cycle)])
                checker.report(
                    checker.parsed["relationships"].at("relationships", cycle[-1][1], "object"),
                    f"'{relation}' relationships form a loop: {chain}",
                    "a body cannot be (even indirectly) part of or replaced by itself; remove one link",
                )


def _nodes_on_loops(edges: dict[str, list[tuple[str, int]]]) -> set[str]:
    """Nodes that lie on some loop: members of a strongly connected component with an internal edge.

    Tarjan's algorithm, written without recursion so a long chain cannot exhaust the stack.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: set[str] = set()
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(edges.get(root, [])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, targets = work[-1]
            advanced = False
            for target, _ in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(edges.get(target, []))))
                    advanced = True
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or any(target == node for target, _ in edges.get(node, [])):
                    found.update(component)
    return found


def _find_cycle(edges: dict[str, list[tuple[str, int]]], start: str) -> list[tuple[str, int]]:
    stack: list[tuple[str, list[tuple[str, int]]]] = [(start, [])]
    visited: set[str] = set()
    while stack:
        node, trail = stack.pop()
        for target, index in edges.get(node, []):
            if target == start:
                return [*trail, (target, index)]
            if target not in visited:
                visited.add(target)
                stack.append((target, [*trail, (target, index)]))
    return []
