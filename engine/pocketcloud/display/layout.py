"""A small layered (Sugiyama-style) layout for directed graphs drawn top to bottom.

The steps are the classic ones, kept small enough to read in one sitting: edges closing a cycle are set aside
(a depth-first search in the given node order finds them), every other node gets the layer of its longest path
from a source, edges spanning several layers pass through dummy nodes, a few barycentre sweeps order each layer
(the ordering with the fewest crossings wins), and x positions relax towards the mean of each node's neighbours
while keeping the order and a minimum gap. Forward edges are routed orthogonally through their dummies, with
ports spread along the node's edge; back edges (loops) run up a lane of their own on the right.

Everything is deterministic: the same nodes and edges in the same order give the same layout, on CPython and in
Pyodide, because only insertion-ordered containers and stable sorts are used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

Point = tuple[float, float]


@dataclass(frozen=True)
class Node:
    """A box to place: ``id`` unique within the graph, size in pixels."""

    id: str
    width: float
    height: float


@dataclass
class Layout:
    """Top-left corners of the nodes, one route per edge (in the order given) and the drawing's size."""

    positions: dict[str, Point]
    routes: list[list[Point]]
    back_edges: list[bool]
    width: float
    height: float
    layers: dict[str, int] = field(default_factory=dict)


@dataclass
class _Slot:
    id: str
    width: float
    height: float
    dummy: bool = False
    x: float = 0.0


def _back_edges(ids: list[str], edges: Sequence[tuple[str, str]]) -> set[int]:
    outgoing: dict[str, list[int]] = {i: [] for i in ids}
    for index, (source, _target) in enumerate(edges):
        outgoing[source].append(index)
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    back: set[int] = set()
    for root in ids:
        if root in state:
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        state[root] = 1
        while stack:
            node, position = stack[-1]
            if position < len(outgoing[node]):
                stack[-1] = (node, position + 1)
                index = outgoing[node][position]
                target = edges[index][1]
                if state.get(target) == 1:
                    back.add(index)
                elif target not in state:
                    state[target] = 1
                    stack.append((target, 0))
            else:
                state[node] = 2
                stack.pop()
    return back


def _layers(ids: list[str], forward: list[tuple[str, str]]) -> dict[str, int]:
    incoming: dict[str, list[str]] = {i: [] for i in ids}
    indegree = dict.fromkeys(ids, 0)
    for source, target in forward:
        incoming[target].append(source)
        indegree[target] += 1
    layer: dict[str, int] = {}
    ready = [i for i in ids if indegree[i] == 0]
    successors: dict[str, list[str]] = {i: [] for i in ids}
    for source, target in forward:
        successors[source].append(target)
    while ready:
        node = ready.pop(0)
        layer[node] = max((layer[p] + 1 for p in incoming[node]), default=0)
        for target in successors[node]:
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
    return layer


def _crossings(rows: list[list[_Slot]], links: list[tuple[str, str]]) -> int:
    position = {slot.id: (r, i) for r, row in enumerate(rows) for i, slot in enumerate(row)}
    by_row: dict[int, list[tuple[int, int]]] = {}
    for source, target in links:
        (row, a), (_row, b) = position[source], position[target]
        by_row.setdefault(row, []).append((a, b))
    total = 0
    for pairs in by_row.values():
        for i, (a1, b1) in enumerate(pairs):
            for a2, b2 in pairs[i + 1 :]:
                if (a1 - a2) * (b1 - b2) < 0:
                    total += 1
    return total


def _order(rows: list[list[_Slot]], links: list[tuple[str, str]], sweeps: int = 8) -> list[list[_Slot]]:
    up: dict[str, list[str]] = {}
    down: dict[str, list[str]] = {}
    for source, target in links:
        down.setdefault(source, []).append(target)
        up.setdefault(target, []).append(source)
    best = [list(row) for row in rows]
    best_count = _crossings(best, links)
    current = [list(row) for row in rows]
    for sweep in range(sweeps):
        downward = sweep % 2 == 0
        indices = range(1, len(current)) if downward else range(len(current) - 2, -1, -1)
        for r in indices:
            reference = current[r - 1] if downward else current[r + 1]
            index = {slot.id: i for i, slot in enumerate(reference)}
            neighbours = up if downward else down
            keyed = []
            for i, slot in enumerate(current[r]):
                linked = [index[n] for n in neighbours.get(slot.id, []) if n in index]
                keyed.append((sum(linked) / len(linked) if linked else float(i), i, slot))
            keyed.sort(key=lambda item: (item[0], item[1]))
            current[r] = [slot for _key, _i, slot in keyed]
        count = _crossings(current, links)
        if count < best_count:
            best, best_count = [list(row) for row in current], count
    return best


def _place(rows: list[list[_Slot]], links: list[tuple[str, str]], gap: float, iterations: int = 6) -> None:
    neighbours: dict[str, list[str]] = {}
    for source, target in links:
        neighbours.setdefault(source, []).append(target)
        neighbours.setdefault(target, []).append(source)
    for row in rows:
        x = 0.0
        for slot in row:
            slot.x = x + slot.width / 2
            x += slot.width + gap
    widest = max((row[-1].x + row[-1].width / 2 for row in rows if row), default=0.0)
    for row in rows:
        if row:
            shift = (widest - (row[-1].x + row[-1].width / 2)) / 2
            for slot in row:
                slot.x += shift
    centre = {slot.id: slot for row in rows for slot in row}
    for _ in range(iterations):
        for row in rows:
            wanted = []
            for slot in row:
                linked = [centre[n].x for n in neighbours.get(slot.id, [])]
                wanted.append(sum(linked) / len(linked) if linked else slot.x)
            forward = list(wanted)
            for i in range(1, len(row)):
                least = forward[i - 1] + (row[i - 1].width + row[i].width) / 2 + gap
                forward[i] = max(forward[i], least)
            backward = list(wanted)
            for i in range(len(row) - 2, -1, -1):
                most = backward[i + 1] - (row[i + 1].width + row[i].width) / 2 - gap
                backward[i] = min(backward[i], most)
            for i, slot in enumerate(row):
                slot.x = (forward[i] + backward[i]) / 2
            for i in range(1, len(row)):  # averaging can break the gap again; enforce it left to right
                least = row[i - 1].x + (row[i - 1].width + row[i].width) / 2 + gap
                row[i].x = max(row[i].x, least)


def layered_layout(
    nodes: Sequence[Node],
    edges: Sequence[tuple[str, str]],
    *,
    rank_gap: float = 44.0,
    node_gap: float = 28.0,
    margin: float = 12.0,
    lane_gap: float = 14.0,
) -> Layout:
    """Lay ``nodes`` out in layers, top to bottom, and route ``edges`` (source id, target id) between them."""
    ids = [node.id for node in nodes]
    size = {node.id: node for node in nodes}
    back = _back_edges(ids, edges)
    forward = [edge for index, edge in enumerate(edges) if index not in back and edge[0] != edge[1]]
    layer = _layers(ids, forward)
    depth = max(layer.values(), default=-1) + 1
    rows: list[list[_Slot]] = [[] for _ in range(depth)]
    for node_id in ids:
        rows[layer[node_id]].append(_Slot(node_id, size[node_id].width, size[node_id].height))
    chains: dict[int, list[str]] = {}
    links: list[tuple[str, str]] = []
    for index, (source, target) in enumerate(edges):
        if index in back or source == target:
            continue
        chain = [source]
        for r in range(layer[source] + 1, layer[target]):
            dummy = f"\x00{index}:{r}"
            rows[r].append(_Slot(dummy, 8.0, 0.0, dummy=True))
            chain.append(dummy)
        chain.append(target)
        chains[index] = chain
        links.extend(pairwise(chain))
    rows = _order(rows, links)
    _place(rows, links, node_gap)
    heights = [max((slot.height for slot in row), default=0.0) for row in rows]
    tops: list[float] = []
    y = margin
    for height in heights:
        tops.append(y)
        y += height + rank_gap
    slots = {slot.id: (slot, r) for r, row in enumerate(rows) for slot in row}
    left = min((slot.x - slot.width / 2 for row in rows for slot in row), default=0.0)
    offset = margin - left

    def box(node_id: str) -> tuple[float, float, float, float]:
        slot, r = slots[node_id]
        return slot.x + offset - slot.width / 2, tops[r], slot.width, slot.height

    positions = {node_id: box(node_id)[:2] for node_id in ids}
    right = max((x + w for x, _y, w, _h in (box(i) for i in ids)), default=margin)
    routes: list[list[Point]] = []
    out_ports: dict[str, list[int]] = {}
    in_ports: dict[str, list[int]] = {}
    for index, chain in chains.items():
        out_ports.setdefault(chain[0], []).append(index)
        in_ports.setdefault(chain[-1], []).append(index)

    def spread(node_id: str, index: int, ports: dict[str, list[int]], far: dict[int, str]) -> float:
        x, _y, w, _h = box(node_id)
        mine = sorted(ports[node_id], key=lambda i: (slots[far[i]][0].x, i))
        return x + w * (mine.index(index) + 1) / (len(mine) + 1)

    first_hop = {i: chain[1] for i, chain in chains.items()}
    last_hop = {i: chain[-2] for i, chain in chains.items()}
    lanes = 0
    for index, (source, target) in enumerate(edges):
        if index in chains:
            chain = chains[index]
            sx = spread(source, index, out_ports, first_hop)
            tx = spread(target, index, in_ports, last_hop)
            if len(chain) == 2 and len(out_ports[source]) == 1 and len(in_ports[target]) == 1:
                sx, tx = _aligned(box(source), box(target), sx, tx)
            points: list[Point] = [(sx, box(source)[1] + box(source)[3])]
            bends: list[float] = []
            row = slots[source][1]
            for dummy in chain[1:-1]:
                slot, r = slots[dummy]
                bends.append(tops[row] + heights[row] + rank_gap / 2)
                points.append((slot.x + offset, tops[r] - rank_gap / 2))
                points.append((slot.x + offset, tops[r] + heights[r] + rank_gap / 2))
                row = r
            bends.append(tops[row] + heights[row] + rank_gap / 2)
            points.append((tx, box(target)[1]))
            routes.append(_orthogonal(points, bends))
        else:
            sx, sy, sw, sh = box(source)
            tx, ty, tw, _th = box(target)
            low, high = sorted((slots[source][1], slots[target][1]))
            reach = max(
                (slot.x + offset + slot.width / 2 for r in range(low, high + 1) for slot in rows[r]), default=right
            )
            lane = reach + lane_gap * (lanes + 1)
            lanes += 1
            # Back edges bend off the middle of the gaps, where forward edges bend, so the two stay apart.
            below = sy + sh + rank_gap * 0.72
            above = ty - rank_gap * 0.28
            leave, enter = sx + sw * 0.75, tx + tw * 0.75
            routes.append([(leave, sy + sh), (leave, below), (lane, below), (lane, above), (enter, above), (enter, ty)])
            right = max(right, lane)
    width = right + margin
    lowest = max((y for route in routes for _x, y in route), default=0.0)
    height = max((tops[-1] + heights[-1] + margin) if rows else 2 * margin, lowest + margin)
    return Layout(positions, routes, [i in back for i in range(len(edges))], width, height, dict(layer))


def _aligned(
    source: tuple[float, float, float, float], target: tuple[float, float, float, float], sx: float, tx: float
) -> tuple[float, float]:
    """One straight vertical line instead of a small jog, when the two boxes overlap horizontally."""
    low = max(source[0], target[0]) + 8
    high = min(source[0] + source[2], target[0] + target[2]) - 8
    if low > high:
        return sx, tx
    common = min(max((sx + tx) / 2, low), high)
    return common, common


def _orthogonal(points: list[Point], bends: list[float]) -> list[Point]:
    """Join the points with vertical and horizontal segments, each horizontal one in the gap between two layers.

    ``points`` alternate: the source port, then the top and bottom of each dummy's layer, then the target port;
    ``bends`` holds the y of the gap below each layer the route leaves.
    """
    result = [points[0]]
    hops = [(points[i], points[i + 1]) for i in range(0, len(points) - 1, 2)]
    for ((x1, _y1), (x2, y2)), bend in zip(hops, bends, strict=True):
        if abs(x1 - x2) > 0.5:
            result.extend([(x1, bend), (x2, bend)])
        result.append((x2, y2))
    cleaned = [result[0]]
    for point in result[1:]:
        if abs(point[0] - cleaned[-1][0]) > 0.01 or abs(point[1] - cleaned[-1][1]) > 0.01:
            cleaned.append(point)
    return cleaned
