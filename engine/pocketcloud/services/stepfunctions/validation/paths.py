"""The JSONPath forms ASL fields accept: Paths, Reference Paths, the context object and workflow variables.

"A Path is a string, beginning with "$", used to identify components with a JSON text" (JSONPath syntax, as
Step Functions' Jayway-based evaluator reads it: dot and bracket members, indexes, ``*``, ``..``, slices, unions
and ``?()`` filters). A Reference Path "is a Path with syntax limited in such a way that it can only identify a
single node": "The operators "@", ",", ":", and "?" are not supported" and no wildcard may appear
(https://states-language.net/spec.html#ref-paths). ResultPath and ItemsPath take Reference Paths
(https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html). Paths may also start at the
context object (``$$``) or at a workflow variable (``$name``), which JSONPath states read like ``$``
(https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html).

Only the syntax is checked: whether a path finds anything is a question for the execution.
"""

from __future__ import annotations

import re

_VARIABLE = re.compile(r"\$[A-Za-z_][A-Za-z0-9_]*")
_DOT_NAME = re.compile(r"[^.\[\]()\s'\"]+")
_INDEX = re.compile(r"-?\d+")
_SLICE = re.compile(r"-?\d*:-?\d*(:-?\d+)?")
_FUNCTIONS = ("length()", "size()", "min()", "max()", "avg()", "stddev()", "sum()", "keys()", "first()", "last()")


def _root_length(path: str, *, context: bool, variables: bool) -> int | None:
    """How many characters the path's root takes (``$``, ``$$`` or ``$var``), or None if it has none."""
    if path.startswith("$$"):
        return 2 if context else None
    match = _VARIABLE.match(path)
    if match is not None:
        return match.end() if variables else None
    return 1 if path.startswith("$") else None


def _quoted(path: str, i: int) -> int | None:
    """The index just past a quoted bracket member starting at ``path[i]``, or None if it never closes."""
    quote = path[i]
    j = i + 1
    while j < len(path):
        if path[j] == "\\":
            j += 2
            continue
        if path[j] == quote:
            return j + 1
        j += 1
    return None


def _filter_end(path: str, i: int) -> int | None:
    """The index of the ``]`` closing a ``[?( ... )]`` filter that starts at ``path[i]`` (the ``?``)."""
    depth = 0
    j = i + 1
    while j < len(path):
        char = path[j]
        if char in "'\"":
            end = _quoted(path, j)
            if end is None:
                return None
            j = end
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                k = j + 1
                return k if k < len(path) and path[k] == "]" else None
        j += 1
    return None


def problem(path: str, *, reference: bool = False, context: bool = True, variables: bool = True) -> str | None:
    """Why ``path`` is not a valid Path (or Reference Path), or None when it is.

    The reasons are pocketcloud's words for the message AWS prints as "Value is not a Reference Path: <reason>";
    the first, "Reference path didn't start with '$'", is AWS's (cdk_preflight measurements, 2026-09-05).
    """
    if not path.startswith("$"):
        return "Reference path didn't start with '$'"
    root = _root_length(path, context=context, variables=variables)
    if root is None:
        return "the context object ($$) cannot be used here" if path.startswith("$$") else "unknown root"
    i = root
    while i < len(path):
        char = path[i]
        if char == ".":
            if path.startswith("..", i):
                if reference:
                    return "deep scan (..) is not supported"
                i += 2
                if i < len(path) and path[i] == "[":
                    continue
            else:
                i += 1
            if i < len(path) and path[i] == "*":
                if reference:
                    return "wildcard (*) is not supported"
                i += 1
                continue
            function = next((f for f in _FUNCTIONS if path.startswith(f, i) and i + len(f) == len(path)), None)
            if function is not None and not reference:
                return None
            match = _DOT_NAME.match(path, i)
            if match is None:
                return f"a member name is expected at position {i}"
            i = match.end()
        elif char == "[":
            close = path.find("]", i)
            if close < 0:
                return "unterminated bracket"
            inner = path[i + 1 : close]
            if inner.startswith(("'", '"')):
                end = _quoted(path, i + 1)
                if end is None:
                    return "unterminated quoted member name"
                members = path[i + 1 : path.find("]", end)]
                if reference and "," in members:
                    return "unions (,) are not supported"
                close = path.find("]", end)
                if close < 0:
                    return "unterminated bracket"
            elif inner.startswith("?"):
                if reference:
                    return "filters (?) are not supported"
                end_filter = _filter_end(path, i + 1)
                if end_filter is None:
                    return "unterminated filter expression"
                close = end_filter
            elif inner == "*":
                if reference:
                    return "wildcard (*) is not supported"
            elif _INDEX.fullmatch(inner):
                pass
            elif _SLICE.fullmatch(inner) or all(_INDEX.fullmatch(part.strip()) for part in inner.split(",")):
                if reference:
                    return "slices (:) and unions (,) are not supported"
            else:
                return f"'[{inner}]' is not a valid member, index, slice or filter"
            i = close + 1
        else:
            return f"unexpected character '{char}' at position {i}"
    return None


def is_path(value: object) -> bool:
    return isinstance(value, str) and problem(value) is None


def looks_like_path(value: object) -> bool:
    """A string a learner most likely meant as a path: ``$``, ``$.x``, ``$[0]``, ``$$.Execution.Id``."""
    return isinstance(value, str) and (value in ("$", "$$") or value.startswith(("$.", "$[", "$$.")))
