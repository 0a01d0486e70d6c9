"""Metric math expressions parsed into a small tree (:data:`Node` tuples) that :mod:`.mathexpr` evaluates.

The grammar is the metric math page's (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html):
numbers, query Ids, strings (METRICS' filter), ``+ - * / ^``, unary minus, comparisons, ``AND``/``&&``,
``OR``/``||``, arrays ``[m1, m2]`` and upper-case function calls. Functions pocketcloud does not simulate (SEARCH,
ANOMALY_DETECTION_BAND, INSIGHT_RULE_METRIC, SERVICE_QUOTA, LAMBDA, Metrics Insights' SELECT) are refused here,
with their name in the message.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any


class ExpressionError(Exception):
    """A malformed or unsupported expression; the message says what and where."""


# -- tokens and parsing -----------------------------------------------------------------------------------------
_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)"
    r"|(?P<str>\"[^\"]*\"|'[^']*'|“[^”]*”)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op>==|!=|<=|>=|&&|\|\||[-+*/^<>(),\[\]]))"
)
_UNSUPPORTED = {"SEARCH", "ANOMALY_DETECTION_BAND", "INSIGHT_RULE_METRIC", "SERVICE_QUOTA", "LAMBDA", "SELECT"}
_KEYWORDS = {"REPEAT", "LINEAR", "ASC", "DESC"}


def _tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise ExpressionError(f"Unexpected character {text[position:].lstrip()[:1]!r} at position {position}")
        kind = match.lastgroup or ""
        out.append((kind, match.group(kind)))
        position = match.end()
    return out


Node = tuple[Any, ...]


class _Parser:
    def __init__(self, text: str, functions: Collection[str]) -> None:
        self.functions = functions
        self.tokens = _tokens(text)
        self.index = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise ExpressionError("Unexpected end of expression")
        if value is not None and token[1] != value:
            raise ExpressionError(f"Expected {value!r} but found {token[1]!r}")
        self.index += 1
        return token

    def accept(self, *values: str) -> str | None:
        token = self.peek()
        if token is not None and token[1] in values and token[0] in ("op", "name"):
            self.index += 1
            return token[1]
        return None

    def parse(self) -> Node:
        node = self.logical_or()
        if self.peek() is not None:
            raise ExpressionError(f"Unexpected {self.peek()[1]!r}")  # type: ignore[index]
        return node

    def logical_or(self) -> Node:
        node = self.logical_and()
        while self.accept("OR", "||"):
            node = ("bin", "OR", node, self.logical_and())
        return node

    def logical_and(self) -> Node:
        node = self.comparison()
        while self.accept("AND", "&&"):
            node = ("bin", "AND", node, self.comparison())
        return node

    def comparison(self) -> Node:
        node = self.additive()
        op = self.accept("==", "!=", "<=", ">=", "<", ">")
        if op:
            node = ("bin", op, node, self.additive())
        return node

    def additive(self) -> Node:
        node = self.term()
        while True:
            op = self.accept("+", "-")
            if not op:
                return node
            node = ("bin", op, node, self.term())

    def term(self) -> Node:
        node = self.unary()
        while True:
            op = self.accept("*", "/")
            if not op:
                return node
            node = ("bin", op, node, self.unary())

    def unary(self) -> Node:
        if self.accept("-"):
            return ("neg", self.unary())
        return self.power()

    def power(self) -> Node:
        node = self.atom()
        if self.accept("^"):
            node = ("bin", "^", node, self.unary())
        return node

    def atom(self) -> Node:
        kind, text = self.take()
        if kind == "num":
            return ("num", float(text))
        if kind == "str":
            return ("str", text[1:-1])
        if text == "(":
            node = self.logical_or()
            self.take(")")
            return node
        if text == "[":
            items = [self.logical_or()]
            while self.accept(","):
                items.append(self.logical_or())
            self.take("]")
            return ("array", items)
        if kind == "name":
            upper = text.upper() == text and not text[:1].islower()
            if self.accept("("):
                args: list[Node] = []
                if not self.accept(")"):
                    args.append(self.logical_or())
                    while self.accept(","):
                        args.append(self.logical_or())
                    self.take(")")
                if text in _UNSUPPORTED:
                    raise ExpressionError(f"{text} is not simulated by pocketcloud")
                if text not in self.functions:
                    raise ExpressionError(f"Unrecognized function {text}")
                return ("call", text, args)
            if upper and text in _KEYWORDS | {"AVG", "SUM", "MIN", "MAX"}:
                return ("keyword", text)
            return ("id", text)
        raise ExpressionError(f"Unexpected {text!r}")


def parse(text: str, functions: Collection[str]) -> Node:
    """The tree of ``text``; ``functions`` are the function names the evaluator knows."""
    return _Parser(text, functions).parse()


def references(node: Node) -> set[str]:
    """The Ids an expression reads (``METRICS()`` reads every MetricStat query: returned as ``"*"``)."""
    kind = node[0]
    if kind == "id":
        return {node[1]}
    if kind == "call":
        found = {"*"} if node[1] == "METRICS" else set()
        for arg in node[2]:
            found |= references(arg)
        return found
    if kind == "array":
        out: set[str] = set()
        for item in node[1]:
            out |= references(item)
        return out
    if kind == "bin":
        return references(node[2]) | references(node[3])
    if kind == "neg":
        return references(node[1])
    return set()
