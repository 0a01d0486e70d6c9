"""Intrinsic functions (``States.Format('{}', $.x)``): their syntax, names and argument counts.

Intrinsics are only available to JSONPath states, in a ``.$`` field of Parameters, ResultSelector, ItemSelector,
Credentials and Assign (and in a Fail state's ErrorPath/CausePath); they nest "up to 10" deep. Arguments are
single-quoted strings (``\\'``, ``\\{``, ``\\}`` and ``\\\\`` escaped), numbers, paths and nested intrinsics.
https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html

The argument counts are the ones each function's section documents. That Step Functions refuses a wrong count at
CreateStateMachine rather than failing the execution with States.IntrinsicFailure is a pocketcloud model: the
definition can never run, so it is reported as early as AWS reports a misspelt function.
"""

from __future__ import annotations

import re

from . import paths

#: Nesting limit: "You can nest up to 10 intrinsic functions within a field in your workflows."
MAX_NESTING = 10

#: name -> (minimum, maximum) argument count; ``None`` is unbounded.
ARITY: dict[str, tuple[int, int | None]] = {
    "States.Format": (1, None),
    "States.StringToJson": (1, 1),
    "States.JsonToString": (1, 1),
    "States.Array": (0, None),
    "States.ArrayPartition": (2, 2),
    "States.ArrayContains": (2, 2),
    "States.ArrayRange": (3, 3),
    "States.ArrayGetItem": (2, 2),
    "States.ArrayLength": (1, 1),
    "States.ArrayUnique": (1, 1),
    "States.Base64Encode": (1, 1),
    "States.Base64Decode": (1, 1),
    "States.Hash": (2, 2),
    "States.JsonMerge": (3, 3),
    "States.MathRandom": (2, 3),
    "States.MathAdd": (2, 2),
    "States.StringSplit": (2, 2),
    "States.UUID": (0, 0),
}

_NAME = re.compile(r"States\.[A-Za-z0-9]+")
_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][+-]?\d+)?")


def is_call(value: str) -> bool:
    """Whether a ``.$`` value is meant as an intrinsic call rather than a path."""
    return value.lstrip().startswith("States.")


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0

    def _skip(self) -> None:
        while self.i < len(self.text) and self.text[self.i] in " \t\r\n":
            self.i += 1

    def call(self, depth: int) -> str | None:
        if depth > MAX_NESTING:
            return f"intrinsic functions nest at most {MAX_NESTING} deep"
        match = _NAME.match(self.text, self.i)
        if match is None:
            return "an intrinsic function name (States.<Name>) is expected"
        name = match.group()
        if name not in ARITY:
            return f"'{name}' is not an intrinsic function"
        self.i = match.end()
        self._skip()
        if self.i >= len(self.text) or self.text[self.i] != "(":
            return f"'(' is expected after {name}"
        self.i += 1
        count = 0
        self._skip()
        if self.i < len(self.text) and self.text[self.i] == ")":
            self.i += 1
        else:
            while True:
                self._skip()
                problem = self.argument(depth)
                if problem is not None:
                    return problem
                count += 1
                self._skip()
                if self.i >= len(self.text):
                    return f"')' is expected to close {name}"
                if self.text[self.i] == ",":
                    self.i += 1
                    continue
                if self.text[self.i] == ")":
                    self.i += 1
                    break
                return f"',' or ')' is expected in the arguments of {name}"
        low, high = ARITY[name]
        if count < low or (high is not None and count > high):
            wanted = f"{low}" if low == high else (f"at least {low}" if high is None else f"{low} to {high}")
            return f"{name} takes {wanted} argument{'s' if wanted != '1' else ''}, not {count}"
        return None

    def argument(self, depth: int) -> str | None:
        text = self.text
        if self.i >= len(text):
            return "an argument is expected"
        char = text[self.i]
        if char == "'":
            j = self.i + 1
            while j < len(text):
                if text[j] == "\\":
                    j += 2
                    continue
                if text[j] == "'":
                    self.i = j + 1
                    return None
                j += 1
            return "unterminated string literal"
        if text.startswith("States.", self.i):
            return self.call(depth + 1)
        if char == "$":
            end = self._path_end()
            problem = paths.problem(text[self.i : end].rstrip())
            self.i = end
            return None if problem is None else f"invalid path argument: {problem}"
        number = _NUMBER.match(text, self.i)
        if number is not None:
            self.i = number.end()
            return None
        for literal in ("true", "false", "null"):
            if text.startswith(literal, self.i):
                self.i += len(literal)
                return None
        return f"unexpected '{char}' in the arguments"

    def _path_end(self) -> int:
        """A path argument runs to the first ``,`` or ``)`` outside brackets, parentheses and quotes."""
        text = self.text
        depth = 0
        j = self.i
        while j < len(text):
            char = text[j]
            if char in "'\"":
                close = text.find(char, j + 1)
                j = len(text) if close < 0 else close + 1
                continue
            if char in "[(":
                depth += 1
            elif char in "])":
                if depth == 0:
                    return j
                depth -= 1
            elif char == "," and depth == 0:
                return j
            j += 1
        return j


def problem(value: str) -> str | None:
    """Why ``value`` is not one well-formed intrinsic call, or None when it is."""
    parser = _Parser(value.strip())
    found = parser.call(1)
    if found is None and parser.i != len(parser.text):
        return "unexpected text after the intrinsic function call"
    return found
