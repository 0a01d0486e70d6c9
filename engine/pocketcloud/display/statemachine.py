"""A state machine drawn as a graph, optionally coloured by an execution's history.

Nodes are the states plus Start and End; edges are ``Next`` transitions, Choice rules (labelled with their test,
and ``Default``), catchers (dashed, labelled with the errors they catch) and the way out of terminal states. A
Parallel state is a box holding its branches side by side, a Map state a box holding its item processor; each nested
state machine is laid out on its own and its size becomes its box's size. The drawing follows the Step Functions
console's Graph view (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-view-execution-details.html):
top to bottom, one colour and one symbol per state status.

Only the definition's shape is read: an invalid definition (a dangling ``Next``, a missing field) still draws,
without the transitions that lead nowhere.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import labels, svg
from .execution import NOT_REACHED, StateRun, summarize
from .layout import Layout, Node, layered_layout
from .svg import esc, num
from .theme import SVG_CSS

NODE_HEIGHT = 44
START_SIZE = (64, 26)
PAD = 10
HEADER = 38
BRANCH_GAP = 16
NAME_MIN, NAME_MAX = 112, 220
TOOLTIP_CHARS = 600

_OPERATORS = {
    "Equals": "==",
    "LessThan": "<",
    "GreaterThan": ">",
    "LessThanEquals": "<=",
    "GreaterThanEquals": ">=",
}


@dataclass
class _Edge:
    source: str
    target: str
    label: str = ""
    catch: bool = False


@dataclass
class _Box:
    id: str
    name: str
    kind: str  # start, end, state, compound
    type: str = ""
    width: float = 0.0
    height: float = float(NODE_HEIGHT)
    subs: list[_Graph] = field(default_factory=list)


@dataclass
class _Graph:
    boxes: list[_Box]
    edges: list[_Edge]
    layout: Layout


def _rule_label(rule: Mapping[str, Any]) -> str:
    """A short reading of a Choice rule: ``$.n > 1``, ``not($.a is null)``, or a JSONata condition."""
    if "Condition" in rule:
        condition = str(rule["Condition"])
        return condition[2:-2].strip() if condition.startswith("{%") and condition.endswith("%}") else condition
    for combinator in ("And", "Or"):
        if isinstance(rule.get(combinator), list):
            parts = [_rule_label(r) for r in rule[combinator] if isinstance(r, Mapping)]
            return f" {combinator.lower()} ".join(f"({p})" for p in parts)
    if isinstance(rule.get("Not"), Mapping):
        return f"not({_rule_label(rule['Not'])})"
    variable = str(rule.get("Variable", ""))
    for key, value in rule.items():
        if key in ("Variable", "Next", "Comment", "Assign", "Output"):
            continue
        shown = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
        if key.endswith("Path"):
            shown = str(value)
            key = key[:-4]
        if key.startswith("Is"):
            return f"{variable} {key[2:].lower()}" + ("" if value is True else " = false")
        if key == "StringMatches":
            return f"{variable} matches {shown}"
        for suffix, symbol in _OPERATORS.items():
            family = key[: -len(suffix)]
            if key.endswith(suffix) and family in ("String", "Numeric", "Boolean", "Timestamp"):
                if suffix == "Equals" and key.endswith(("LessThanEquals", "GreaterThanEquals")):
                    continue
                return f"{variable} {symbol} {shown}"
    return variable or "rule"


def _terminal(state: Mapping[str, Any]) -> bool:
    return state.get("End") is True or state.get("Type") in ("Succeed", "Fail")


def _build(container: Mapping[str, Any], words: dict[str, str], *, top: bool) -> _Graph:
    raw_states = container.get("States")
    state_map: Mapping[str, Any] = raw_states if isinstance(raw_states, Mapping) else {}
    boxes: list[_Box] = []
    edges: list[_Edge] = []
    if top:
        boxes.append(_Box("start", words["start"], "start", width=START_SIZE[0], height=START_SIZE[1]))
        start_at = container.get("StartAt")
        if isinstance(start_at, str) and start_at in state_map:
            edges.append(_Edge("start", f"s:{start_at}"))
    for name, state in state_map.items():
        if not isinstance(state, Mapping):
            state = {}
        kind = str(state.get("Type", "?"))
        box = _Box(f"s:{name}", str(name), "state", kind)
        processors: list[Any] = []
        if kind == "Parallel" and isinstance(state.get("Branches"), list):
            processors = [b for b in state["Branches"] if isinstance(b, Mapping)]
        elif kind == "Map":
            processor = state.get("ItemProcessor", state.get("Iterator"))
            processors = [processor] if isinstance(processor, Mapping) else []
        if processors:
            box.kind = "compound"
            box.subs = [_build(p, words, top=False) for p in processors]
            inner = sum(s.layout.width for s in box.subs) + BRANCH_GAP * (len(box.subs) - 1)
            box.width = max(inner + 2 * PAD, _name_width(box))
            box.height = HEADER + max(s.layout.height for s in box.subs) + PAD
        else:
            box.width = _name_width(box)
        boxes.append(box)

        def link(target: object, label: str = "", catch: bool = False, source: str = box.id) -> None:
            if isinstance(target, str) and target in state_map:
                edges.append(_Edge(source, f"s:{target}", label, catch))

        link(state.get("Next"))
        for rule in state.get("Choices", []) if isinstance(state.get("Choices"), list) else []:
            if isinstance(rule, Mapping):
                link(rule.get("Next"), _rule_label(rule))
        if "Default" in state:
            link(state.get("Default"), words["default"])
        for catcher in state.get("Catch", []) if isinstance(state.get("Catch"), list) else []:
            if isinstance(catcher, Mapping):
                errors = catcher.get("ErrorEquals")
                link(catcher.get("Next"), ", ".join(map(str, errors)) if isinstance(errors, list) else "", True)
        if top and _terminal(state):
            edges.append(_Edge(box.id, "end"))
    if top:
        boxes.append(_Box("end", words["end"], "end", width=START_SIZE[0], height=START_SIZE[1]))
    layout = layered_layout([Node(b.id, b.width, b.height) for b in boxes], [(e.source, e.target) for e in edges])
    return _Graph(boxes, edges, layout)


def _name_width(box: _Box) -> float:
    wanted = max(svg.text_width(box.name), svg.text_width(box.type + " · " + "Succeeded after retry", 10)) + 34
    return min(max(wanted, NAME_MIN), NAME_MAX)


def _tooltip(box: _Box, run: StateRun | None, words: dict[str, str], history: bool) -> str:
    lines = [box.name, box.type]
    if history and run is not None:
        lines[1] += " · " + words[run.status]
        if run.visits > 1:
            lines.append(f"{words['visits']}: {run.visits}")
        if run.retries:
            lines.append(f"{words['retries']}: {run.retries}")
        if run.iterations:
            counts = ", ".join(f"{k} {v}" for k, v in sorted(run.iterations.items()))
            lines.append(f"{words['iterations']}: {counts}")
        if run.error:
            lines.append(f"{words['error']}: {run.error}" + (f" ({run.cause})" if run.cause else ""))
        for key, value in (("input", run.input), ("output", run.output)):
            if value is not None:
                shown = value if len(value) <= TOOLTIP_CHARS else value[:TOOLTIP_CHARS] + "…"
                lines.append(f"{words[key]}: {shown}")
    elif history:
        lines[1] += " · " + words[NOT_REACHED]
    return "\n".join(lines)


class _Painter:
    def __init__(self, runs: dict[str, StateRun] | None, words: dict[str, str], marker: str) -> None:
        self.runs = runs
        self.words = words
        self.marker = marker
        self.out: list[str] = []

    def graph(self, graph: _Graph, dx: float, dy: float) -> None:
        boxes = {b.id: b for b in graph.boxes}
        for edge, route, back in zip(graph.edges, graph.layout.routes, graph.layout.back_edges, strict=True):
            points = [(x + dx, y + dy) for x, y in route]
            css = "e k" if edge.catch else "e"
            self.out.append(f'<path class="{css}" d="{svg.path_data(points)}" marker-end="url(#{self.marker})"/>')
            if edge.label:
                self._edge_label(edge, points, boxes[edge.target], back)
        for box in graph.boxes:
            x, y = graph.layout.positions[box.id]
            self.box(box, x + dx, y + dy)

    def _edge_label(self, edge: _Edge, points: list[tuple[float, float]], target: _Box, back: bool) -> None:
        if back:
            x, y = points[1][0] + 4, (points[1][1] + points[2][1]) / 2
        else:
            x, y = points[-1][0] + 4, points[-1][1] - 7
        shown = svg.clip(edge.label, max(target.width - 8, 60), svg.SMALL_PX)
        title = f"<title>{esc(edge.label)}</title>" if shown != edge.label else ""
        self.out.append(f'<text class="lb" x="{num(x)}" y="{num(y)}">{title}{esc(shown)}</text>')

    def box(self, box: _Box, x: float, y: float) -> None:
        words = self.words
        if box.kind in ("start", "end"):
            self.out.append(
                f'<g class="n se"><rect x="{num(x)}" y="{num(y)}" width="{num(box.width)}" height="{num(box.height)}" '
                f'rx="{num(box.height / 2)}"/><text x="{num(x + box.width / 2)}" y="{num(y + box.height / 2 + 4)}" '
                f'text-anchor="middle">{esc(box.name)}</text></g>'
            )
            return
        run = self.runs.get(box.name) if self.runs is not None else None
        status = run.status if run is not None else NOT_REACHED
        css = "n" + (" c" if box.kind == "compound" else "")
        if self.runs is not None:
            css += " " + labels.CLASSES[status]
        tooltip = _tooltip(box, run, words, self.runs is not None)
        self.out.append(f'<g class="{css}"><title>{esc(tooltip)}</title>')
        self.out.append(f'<rect x="{num(x)}" y="{num(y)}" width="{num(box.width)}" height="{num(box.height)}" rx="6"/>')
        text_room = box.width - (30 if self.runs is not None else 16)
        name = svg.clip(box.name, text_room)
        subtitle = box.type + (" · " + words[status] if self.runs is not None else "")
        self.out.append(f'<text x="{num(x + 8)}" y="{num(y + 18)}">{esc(name)}</text>')
        subtitle = svg.clip(subtitle, text_room, svg.SMALL_PX)
        self.out.append(f'<text class="ty" x="{num(x + 8)}" y="{num(y + 33)}">{esc(subtitle)}</text>')
        if self.runs is not None:
            self.out.append(
                f'<text class="ic" x="{num(x + box.width - 8)}" y="{num(y + 18)}" text-anchor="end" '
                f'aria-hidden="true">{labels.ICONS[status]}</text>'
            )
        if box.subs:
            inner_x = x + (box.width - sum(s.layout.width for s in box.subs) - BRANCH_GAP * (len(box.subs) - 1)) / 2
            for sub in box.subs:
                if box.type == "Parallel":
                    self.out.append(
                        f'<rect class="br" x="{num(inner_x)}" y="{num(y + HEADER)}" width="{num(sub.layout.width)}" '
                        f'height="{num(sub.layout.height)}" rx="4"/>'
                    )
                self.graph(sub, inner_x, y + HEADER)
                inner_x += sub.layout.width + BRANCH_GAP
        self.out.append("</g>")

    def legend(self, x: float, y: float, width: float) -> float:
        """Draw the status legend from ``(x, y)``; returns the height it took."""
        cx, cy = x, y
        items = [(s, self.words[s]) for s in labels.ICONS]
        for status, text in items:
            item_width = 22 + svg.text_width(text) + 14
            if cx + item_width > x + width and cx > x:
                cx, cy = x, cy + 20
            self.out.append(
                f'<g class="n {labels.CLASSES[status]}"><rect x="{num(cx)}" y="{num(cy)}" width="16" height="16" '
                f'rx="3"/><text class="ic" x="{num(cx + 8)}" y="{num(cy + 12.5)}" text-anchor="middle" '
                f'aria-hidden="true">{labels.ICONS[status]}</text><text x="{num(cx + 22)}" y="{num(cy + 12.5)}">'
                f"{esc(text)}</text></g>"
            )
            cx += item_width
        return cy - y + 20


def _marker_id(definition: object) -> str:
    """An arrowhead id stable for a definition: graphs of one definition share identical markers."""
    digest = hashlib.sha1(json.dumps(definition, sort_keys=True, default=str).encode(), usedforsecurity=False)
    return "pc-a-" + digest.hexdigest()[:8]


def state_machine_svg(
    definition: Mapping[str, Any], history: list[dict[str, Any]] | None = None, *, lang: str = "en"
) -> str:
    """The definition as an SVG graph; with ``history`` (GetExecutionHistory ``events``), each state's status.

    The SVG scales to its container (``width="100%"`` with its natural width as the maximum) and carries its own
    scoped stylesheet, so it reads the same on the site, in JupyterLite and in a notebook, light or dark.
    """
    if isinstance(definition, str):
        definition = json.loads(definition)
    words = labels.words(lang)
    graph = _build(definition if isinstance(definition, Mapping) else {}, words, top=True)
    runs = summarize(history).states if history is not None else None
    painter = _Painter(runs, words, _marker_id(definition))
    painter.graph(graph, 0, 0)
    width, height = graph.layout.width, graph.layout.height
    if runs is not None:
        legend_width = max(width - 24, 200)
        width = max(width, legend_width + 24)
        height += painter.legend(12, height, legend_width) + 8
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pc-sfn" viewBox="0 0 {num(width)} {num(height)}" '
        f'width="100%" style="max-width:{num(width)}px" role="img" aria-label="{esc(words["graph"])}">'
        f'<style>{SVG_CSS}</style><defs><marker id="{painter.marker}" viewBox="0 0 8 8" refX="8" refY="4" '
        'markerWidth="7" markerHeight="7" orient="auto"><path class="ah" d="M0 0L8 4L0 8z"/></marker></defs>'
    )
    return head + "".join(painter.out) + "</svg>"
