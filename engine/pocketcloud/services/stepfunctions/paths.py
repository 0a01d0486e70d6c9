"""JSONPath as Step Functions evaluates it: Jayway JsonPath semantics for the subset AWS documents.

AWS: "Step Functions uses the Jayway JsonPath implementation"; "Paths" are JSONPath expressions starting with
``$``; "Reference Paths" are the subset that "identifies a single node": only ``.name``, ``['name']`` and
``[index]`` steps, no wildcards, filters or slices (the ASL spec, https://states-language.net/#ref-paths).
https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-paths.html

Jayway distinguishes *definite* paths (one node; a missing property is an error, "No results for path: ...")
from *indefinite* paths (``*``, ``..``, ``[a,b]``, slices, filters: the result is always a list, possibly
empty, and items without the property are skipped). pocketcloud implements exactly that distinction rather than
taking jsonpath-ng, whose results are always lists and whose messages differ. Error messages name the path in
Jayway's normalised form (``$['a']['b'][0]``), as AWS's causes do:
"Invalid path '$.Payload' : No results for path: $['Payload']".

A path is compiled once (per definition version) into a tuple of steps; evaluating it walks the document without
copying anything.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

_MISSING = object()


class PathError(Exception):
    """A definite path that selects nothing (the Jayway message is the exception text)."""


class PathSyntaxError(ValueError):
    """Text that is not a JSONPath expression."""


# Step kinds
_PROP, _INDEX, _WILD, _DEEP, _MULTI_PROP, _MULTI_INDEX, _SLICE, _FILTER, _LENGTH = range(9)


class JsonPath:
    """A compiled JSONPath: ``find(document)`` returns a value (definite) or a list (indefinite)."""

    __slots__ = ("definite", "is_root", "steps", "text")

    def __init__(self, text: str, steps: tuple[tuple[Any, ...], ...]) -> None:
        self.text = text
        self.steps = steps
        self.definite = all(step[0] in (_PROP, _INDEX, _LENGTH) for step in steps)
        self.is_root = not steps

    def normalized(self, upto: int | None = None) -> str:
        """Jayway's normalised form of the path, e.g. ``$['a'][0]``."""
        parts = ["$"]
        for step in self.steps[:upto]:
            kind = step[0]
            if kind == _PROP:
                parts.append(f"['{step[1]}']")
            elif kind == _INDEX:
                parts.append(f"[{step[1]}]")
            elif kind == _WILD:
                parts.append("[*]")
            elif kind == _DEEP:
                parts.append("..")
                if step[1] is not None:
                    parts.append(f"['{step[1]}']")
            elif kind == _MULTI_PROP:
                parts.append("[" + ",".join(f"'{p}'" for p in step[1]) + "]")
            elif kind == _MULTI_INDEX:
                parts.append("[" + ",".join(str(i) for i in step[1]) + "]")
            elif kind == _SLICE:
                start, end = step[1], step[2]
                parts.append(f"[{'' if start is None else start}:{'' if end is None else end}]")
            elif kind == _FILTER:
                parts.append("[?]")
            elif kind == _LENGTH:
                parts.append(".length()")
        return "".join(parts)

    def find(self, document: Any) -> Any:
        """The selected value (definite path) or list of values (indefinite). Raises PathError when a definite
        path selects nothing."""
        if self.is_root:
            return document
        if self.definite:
            value = document
            for step in self.steps:
                kind = step[0]
                if kind == _PROP:
                    if isinstance(value, dict) and step[1] in value:
                        value = value[step[1]]
                        continue
                elif kind == _INDEX:
                    if isinstance(value, list):
                        index = step[1]
                        if -len(value) <= index < len(value):
                            value = value[index]
                            continue
                elif isinstance(value, (list, dict, str)):  # _LENGTH
                    value = len(value)
                    continue
                raise PathError(f"No results for path: {self.normalized()}")
            return value
        nodes = [document]
        for step in self.steps:
            nodes = _apply(step, nodes)
        return nodes

    def exists(self, document: Any) -> bool:
        try:
            value = self.find(document)
        except PathError:
            return False
        return self.definite or bool(value)

    def __repr__(self) -> str:
        return f"JsonPath({self.text!r})"


def _children(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return list(value.values())
    if isinstance(value, list):
        return value
    return []


def _apply(step: tuple[Any, ...], nodes: list[Any]) -> list[Any]:
    kind = step[0]
    out: list[Any] = []
    if kind == _PROP:
        name = step[1]
        for node in nodes:
            if isinstance(node, dict) and name in node:
                out.append(node[name])
    elif kind == _INDEX:
        index = step[1]
        for node in nodes:
            if isinstance(node, list) and -len(node) <= index < len(node):
                out.append(node[index])
    elif kind == _WILD:
        for node in nodes:
            out.extend(_children(node))
    elif kind == _DEEP:
        name = step[1]
        stack = list(reversed(nodes))
        order: list[Any] = []
        while stack:
            node = stack.pop()
            order.append(node)
            stack.extend(reversed(_children(node)))
        for node in order:
            if name is None:
                out.extend(_children(node))
            elif isinstance(node, dict) and name in node:
                out.append(node[name])
    elif kind == _MULTI_PROP:
        for node in nodes:
            if isinstance(node, dict):
                out.extend(node[p] for p in step[1] if p in node)
    elif kind == _MULTI_INDEX:
        for node in nodes:
            if isinstance(node, list):
                out.extend(node[i] for i in step[1] if -len(node) <= i < len(node))
    elif kind == _SLICE:
        for node in nodes:
            if isinstance(node, list):
                out.extend(node[step[1] : step[2]])
    elif kind == _FILTER:
        predicate = step[1]
        for node in nodes:
            candidates = node if isinstance(node, list) else list(node.values()) if isinstance(node, dict) else []
            out.extend(item for item in candidates if predicate(item))
    elif kind == _LENGTH:
        out = [len(node) for node in nodes if isinstance(node, (list, dict, str))]
    return out


# -- parsing --------------------------------------------------------------------------------------------------
_NAME = re.compile(r"[^.\[\]()\s=!<>&|,]+")
_INT = re.compile(r"-?\d+")


def _parse_bracket(text: str, i: int) -> tuple[tuple[Any, ...], int]:
    """Parse ``[...]`` starting at ``text[i] == '['``; return the step and the index after ``]``."""
    j = i + 1
    if text.startswith("?(", j) or text.startswith("?", j):
        depth = 0
        k = j + 1
        quote = ""
        while k < len(text):
            ch = text[k]
            if quote:
                if ch == "\\":
                    k += 1
                elif ch == quote:
                    quote = ""
            elif ch in "'\"":
                quote = ch
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
            elif ch == "]" and depth == 0:
                break
            k += 1
        if k >= len(text):
            raise PathSyntaxError(f"unterminated filter in {text!r}")
        expr = text[j + 1 : k].strip()
        if expr.startswith("(") and expr.endswith(")"):
            expr = expr[1:-1]
        return (_FILTER, compile_filter(expr)), k + 1
    end = text.find("]", j)
    if text[j : j + 1] in ("'", '"'):
        names: list[str] = []
        k = j
        while True:
            quote = text[k]
            close = k + 1
            buf = []
            while close < len(text) and text[close] != quote:
                if text[close] == "\\" and close + 1 < len(text):
                    close += 1
                buf.append(text[close])
                close += 1
            if close >= len(text):
                raise PathSyntaxError(f"unterminated quote in {text!r}")
            names.append("".join(buf))
            k = close + 1
            while k < len(text) and text[k] == " ":
                k += 1
            if k < len(text) and text[k] == ",":
                k += 1
                while k < len(text) and text[k] == " ":
                    k += 1
                continue
            if k < len(text) and text[k] == "]":
                break
            raise PathSyntaxError(f"bad bracket in {text!r}")
        step = (_PROP, names[0]) if len(names) == 1 else (_MULTI_PROP, tuple(names))
        return step, k + 1
    if end < 0:
        raise PathSyntaxError(f"unterminated bracket in {text!r}")
    body = text[j:end].strip()
    if body == "*":
        return (_WILD,), end + 1
    if ":" in body:
        start_text, _, end_text = body.partition(":")
        end_text = end_text.split(":")[0]
        try:
            start = int(start_text) if start_text.strip() else None
            stop = int(end_text) if end_text.strip() else None
        except ValueError:
            raise PathSyntaxError(f"bad slice in {text!r}") from None
        return (_SLICE, start, stop), end + 1
    if "," in body:
        try:
            return (_MULTI_INDEX, tuple(int(p) for p in body.split(","))), end + 1
        except ValueError:
            raise PathSyntaxError(f"bad index list in {text!r}") from None
    if _INT.fullmatch(body):
        return (_INDEX, int(body)), end + 1
    raise PathSyntaxError(f"bad bracket in {text!r}")


def _parse_steps(text: str, start: int) -> tuple[tuple[Any, ...], ...]:
    steps: list[tuple[Any, ...]] = []
    i = start
    n = len(text)
    while i < n:
        ch = text[i]
        if text.startswith("..", i):
            i += 2
            if i < n and text[i] == "*":
                steps.append((_DEEP, None))
                i += 1
            elif i < n and text[i] == "[":
                steps.append((_DEEP, None))
                step, i = _parse_bracket(text, i)
                steps.append(step)
            else:
                match = _NAME.match(text, i)
                if match is None:
                    raise PathSyntaxError(f"bad deep scan in {text!r}")
                steps.append((_DEEP, match.group(0)))
                i = match.end()
        elif ch == ".":
            i += 1
            if i < n and text[i] == "*":
                steps.append((_WILD,))
                i += 1
                continue
            if text.startswith("length()", i) and i + 8 == n:
                steps.append((_LENGTH,))
                i += 8
                continue
            match = _NAME.match(text, i)
            if match is None:
                raise PathSyntaxError(f"bad property in {text!r}")
            steps.append((_PROP, match.group(0)))
            i = match.end()
        elif ch == "[":
            step, i = _parse_bracket(text, i)
            steps.append(step)
        else:
            raise PathSyntaxError(f"unexpected {ch!r} in {text!r}")
    return tuple(steps)


@lru_cache(maxsize=4096)
def compile_path(text: str) -> JsonPath:
    """Compile ``$``, ``$.a.b``, ``$['a'][0]``, ``$..x``, ``$.a[?(@.b > 1)]`` ... (cached)."""
    if not isinstance(text, str) or not text.startswith("$"):
        raise PathSyntaxError(f"a path must start with '$': {text!r}")
    return JsonPath(text, _parse_steps(text, 1))


def is_reference_path(path: JsonPath) -> bool:
    return all(step[0] in (_PROP, _INDEX) for step in path.steps)


class ResultPathError(Exception):
    """ResultPath cannot be applied to the input (the input is not an object where a field must go)."""


def apply_result_path(path: JsonPath, document: Any, value: Any) -> Any:
    """Place ``value`` in (a shallow-copied spine of) ``document`` at reference path ``path``.

    "If the ResultPath ... doesn't exist in the input, it is created" (missing objects along the way are added);
    only the objects on the path are copied, everything else is shared with the input (copy-on-write).
    https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html
    """
    if path.is_root:
        return value
    root = _copy_node(document, path.steps[0])
    node = root
    steps = path.steps
    for depth, step in enumerate(steps):
        last = depth == len(steps) - 1
        kind, key = step[0], step[1]
        if kind == _INDEX and (not isinstance(node, list) or not -len(node) <= key < len(node)):
            raise ResultPathError(path.normalized(depth + 1))
        if last:
            node[key] = value
            break
        child = node[key] if (kind == _PROP and key in node) or kind == _INDEX else _MISSING
        if child is _MISSING or child is None:
            child = {} if steps[depth + 1][0] == _PROP else _MISSING
            if child is _MISSING:
                raise ResultPathError(path.normalized(depth + 2))
        else:
            child = _copy_node(child, steps[depth + 1])
        node[key] = child
        node = child
    return root


def _copy_node(node: Any, step: tuple[Any, ...]) -> Any:
    if step[0] == _PROP:
        if isinstance(node, dict):
            return dict(node)
        if node is None:
            return {}
        raise ResultPathError(json.dumps(node))
    if isinstance(node, list):
        return list(node)
    raise ResultPathError(json.dumps(node))


# -- filter expressions ---------------------------------------------------------------------------------------
_TOKEN = re.compile(
    r"\s*(?:(?P<num>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(?P<str>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")"
    r"|(?P<regex>/(?:[^/\\]|\\.)*/[a-z]*)|(?P<op>==|!=|<=|>=|=~|&&|\|\||[<>!()])"
    r"|(?P<word>\bnin\b|\bin\b|\btrue\b|\bfalse\b|\bnull\b)|(?P<path>[@$](?:\.\.?[^\s=!<>&|()\[\]]+|\[[^\]]*\])*)"
    r"|(?P<list>\[[^\]]*\]))"
)


def compile_filter(expr: str) -> Callable[[Any], bool]:
    """A predicate for a Jayway filter expression (``@.price < 10 && @.category == 'fiction'``)."""
    tokens: list[tuple[str, str]] = []
    pos = 0
    while pos < len(expr):
        if expr[pos:].strip() == "":
            break
        match = _TOKEN.match(expr, pos)
        if match is None or match.end() == pos:
            raise PathSyntaxError(f"bad filter expression {expr!r}")
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        pos = match.end()
    parser = _FilterParser(tokens)
    node = parser.parse_or()
    if parser.i != len(tokens):
        raise PathSyntaxError(f"bad filter expression {expr!r}")
    return lambda item: bool(node(item))


class _FilterParser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.i = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def parse_or(self) -> Callable[[Any], Any]:
        left = self.parse_and()
        while self.peek() == ("op", "||"):
            self.take()
            right = self.parse_and()
            left = (lambda a, b: lambda item: a(item) or b(item))(left, right)
        return left

    def parse_and(self) -> Callable[[Any], Any]:
        left = self.parse_cmp()
        while self.peek() == ("op", "&&"):
            self.take()
            right = self.parse_cmp()
            left = (lambda a, b: lambda item: a(item) and b(item))(left, right)
        return left

    def parse_cmp(self) -> Callable[[Any], Any]:
        token = self.peek()
        if token == ("op", "!"):
            self.take()
            inner = self.parse_cmp()
            return lambda item: not _truthy(inner(item))
        if token == ("op", "("):
            self.take()
            inner = self.parse_or()
            self.take()
            return inner
        left = self.parse_value()
        token = self.peek()
        if token is not None and ((token[0] == "op" and token[1] in ("==", "!=", "<", "<=", ">", ">=", "=~"))
                                  or (token[0] == "word" and token[1] in ("in", "nin"))):  # fmt: skip
            op = self.take()[1]
            right = self.parse_value()
            return lambda item: _compare(op, left(item), right(item))
        return lambda item: left(item) is not _MISSING and _truthy(left(item))

    def parse_value(self) -> Callable[[Any], Any]:
        kind, text = self.take()
        if kind == "num":
            number: Any = float(text) if any(c in text for c in ".eE") else int(text)
            return lambda item: number
        if kind == "str":
            literal = text[1:-1].replace("\\'", "'").replace('\\"', '"')
            return lambda item: literal
        if kind == "regex":
            body, _, flags = text[1:].rpartition("/")
            pattern = re.compile(body, re.IGNORECASE if "i" in flags else 0)
            return lambda item: pattern
        if kind == "word":
            constant = {"true": True, "false": False, "null": None}[text]
            return lambda item: constant
        if kind == "list":
            values = json.loads(text.replace("'", '"'))
            return lambda item: values
        if kind == "path":
            path = compile_path("$" + text[1:])

            def read(item: Any) -> Any:
                try:
                    return path.find(item)
                except PathError:
                    return _MISSING

            return read
        raise PathSyntaxError(f"unexpected {text!r} in filter")


def _truthy(value: Any) -> bool:
    return value is not _MISSING and value is not None and value is not False


def _compare(op: str, left: Any, right: Any) -> bool:
    if left is _MISSING or right is _MISSING:
        return op == "!=" and not (left is _MISSING and right is _MISSING)
    if op == "=~":
        return isinstance(left, str) and isinstance(right, re.Pattern) and right.fullmatch(left) is not None
    if op == "in":
        return isinstance(right, list) and left in right
    if op == "nin":
        return isinstance(right, list) and left not in right
    if isinstance(left, bool) != isinstance(right, bool):
        return op == "!="
    if op == "==":
        return bool(left == right)
    if op == "!=":
        return bool(left != right)
    numeric = isinstance(left, (int, float)) and isinstance(right, (int, float))
    if not numeric and not (isinstance(left, str) and isinstance(right, str)):
        return False
    if op == "<":
        return bool(left < right)
    if op == "<=":
        return bool(left <= right)
    if op == ">":
        return bool(left > right)
    return bool(left >= right)
