"""Reading a Logs Insights query: commands joined by pipes, expressions, function calls and aggregations.

Commands (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax.html): ``fields``,
``display``, ``filter``, ``stats ... by ...``, ``sort ... asc|desc``, ``limit``, ``parse`` (a glob with ``*`` or a
regular expression with named groups) and ``dedup``. Expressions have the documented operators — arithmetic
``+ - * / % ^``, comparisons ``= != < > <= >=``, ``like`` / ``not like`` (a string to contain or a ``/regex/``),
``=~`` (regex), ``in [...]`` / ``not in``, Boolean ``and``, ``or``, ``not`` — function calls, ``"strings"`` or
``'strings'``, numbers, time periods (``5m``, ``1h``, ``1d``) and fields: ``@message``, ``userIdentity.type``,
```a-field-with-dashes```. ``#`` starts a comment that runs to the end of the line.
https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-operations-functions.html

A query that cannot be read fails with MalformedQueryException and AWS's form of message, "unexpected symbol
found ( at line 1 and position 115" (as AWS CLI users quote it). A column is named by the text of its expression
unless ``as`` names it (``count(*)``, ``avg(@duration)``, ``bin(5m)``), as in the console.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ....errors import ServiceError

#: An expression tree: ("field", name), ("literal", value), ("regex", pattern), ("period", ms), ("star",),
#: ("list", [items]), ("call", name, [args]), ("unary", op, operand), ("binary", op, left, right).
Expr = tuple[Any, ...]

_PERIODS_MS = {"ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000, "d": 86_400_000, "w": 604_800_000}
_NUMBER = re.compile(r"(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?")
_PERIOD = re.compile(r"(\d+)(ms|s|m|h|d|w)(?![A-Za-z0-9_])")
_NAME = re.compile(r"@?@?[A-Za-z_][A-Za-z0-9_.@$]*")
_KEYWORDS = {"and", "or", "not", "like", "in", "as", "by", "asc", "desc"}
COMMANDS = ("fields", "display", "filter", "stats", "sort", "limit", "parse", "dedup")


def malformed(text: str, offset: int, problem: str) -> ServiceError:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return ServiceError("MalformedQueryException", f"{problem} at line {line} and position {column}")


@dataclass
class Item:
    """An expression with its column name (the ``as`` alias, or the expression's own text)."""

    expr: Expr
    name: str


@dataclass
class Command:
    kind: str
    items: list[Item] = field(default_factory=list)  # fields, display, stats, dedup
    by: list[Item] = field(default_factory=list)  # stats ... by
    keys: list[tuple[Expr, bool]] = field(default_factory=list)  # sort: (expression, descending)
    condition: Expr | None = None  # filter
    count: int = 0  # limit
    source: Expr | None = None  # parse: the field to read
    pattern: re.Pattern[str] | None = None  # parse: compiled glob or regex
    names: list[str] = field(default_factory=list)  # parse: the fields it sets


class Scanner:
    """A cursor over the query text; every method skips blanks and ``#`` comments first."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0

    def skip(self) -> None:
        text = self.text
        while self.i < len(text):
            char = text[self.i]
            if char.isspace():
                self.i += 1
            elif char == "#":
                end = text.find("\n", self.i)
                self.i = len(text) if end == -1 else end
            else:
                break

    def at_end(self) -> bool:
        self.skip()
        return self.i >= len(self.text)

    def peek_char(self) -> str:
        self.skip()
        return self.text[self.i] if self.i < len(self.text) else ""

    def error(self, problem: str | None = None) -> ServiceError:
        self.skip()
        if problem is None:
            found = self.text[self.i] if self.i < len(self.text) else "end of query"
            problem = f"unexpected symbol found {found}"
        return malformed(self.text, self.i, problem)

    def symbol(self, *options: str) -> str | None:
        """Consume and return the first of ``options`` found here (longest options should come first)."""
        self.skip()
        for option in options:
            if self.text.startswith(option, self.i):
                self.i += len(option)
                return option
        return None

    def word(self, *words: str) -> str | None:
        """Consume a keyword (case-insensitive, whole word) if it is next."""
        self.skip()
        match = _NAME.match(self.text, self.i)
        if match is not None and match.group(0).lower() in words:
            self.i = match.end()
            return match.group(0).lower()
        return None

    def expect(self, symbol: str) -> None:
        if self.symbol(symbol) is None:
            raise self.error()


def parse(text: str) -> list[Command]:
    scanner = Scanner(text)
    if scanner.at_end():
        raise scanner.error("unexpected end of query")
    commands = [_command(scanner)]
    while not scanner.at_end():
        scanner.expect("|")
        commands.append(_command(scanner))
    return commands


def _command(s: Scanner) -> Command:
    s.skip()
    name = s.word(*COMMANDS)
    if name is None:
        raise s.error()
    if name in ("fields", "display", "dedup"):
        return Command(name, items=_items(s, aliases=name == "fields"))
    if name == "filter":
        return Command(name, condition=_expr(s))
    if name == "stats":
        items = _items(s, aliases=True)
        by = _items(s, aliases=True) if s.word("by") else []
        return Command(name, items=items, by=by)
    if name == "sort":
        s.word("by")  # "sort by x desc" appears in AWS-authored examples; the "by" adds nothing
        keys = []
        while True:
            expr = _expr(s)
            descending = s.word("asc", "desc") == "desc"
            keys.append((expr, descending))
            if s.symbol(",") is None:
                return Command(name, keys=keys)
    if name == "limit":
        s.skip()
        match = re.compile(r"\d+").match(s.text, s.i)
        if match is None:
            raise s.error()
        s.i = match.end()
        return Command(name, count=int(match.group(0)))
    return _parse_command(s)


def _items(s: Scanner, *, aliases: bool) -> list[Item]:
    items = []
    while True:
        s.skip()
        start = s.i
        expr = _expr(s)
        name = s.text[start : s.i].strip()
        if aliases and s.word("as"):
            name = _name(s)
        items.append(Item(expr, name))
        if s.symbol(",") is None:
            return items


def _name(s: Scanner) -> str:
    s.skip()
    if s.peek_char() == "`":
        end = s.text.find("`", s.i + 1)
        if end == -1:
            raise s.error()
        name, s.i = s.text[s.i + 1 : end], end + 1
        return name
    match = _NAME.match(s.text, s.i)
    if match is None or match.group(0).lower() in _KEYWORDS:
        raise s.error()
    s.i = match.end()
    return match.group(0)


def _parse_command(s: Scanner) -> Command:
    """``parse @message "glob * with * stars" as a, b`` or ``parse @message /(?<a>...) (?<b>...)/``."""
    source = _primary(s)
    s.skip()
    if s.peek_char() in "\"'":
        glob = _string(s)
        parts = [re.escape(part) for part in glob.split("*")]
        if len(parts) < 2:
            raise s.error("a parse glob needs at least one *")
        body = "(.*?)".join(parts[:-1]) + "(.*)" + parts[-1]
        pattern = re.compile(body, re.DOTALL)
        if s.word("as") is None:
            raise s.error()
        names = [_name(s)]
        while s.symbol(","):
            names.append(_name(s))
        if len(names) != len(parts) - 1:
            raise s.error(f"the glob has {len(parts) - 1} * but {len(names)} field names")
        return Command("parse", source=source, pattern=pattern, names=names)
    if s.peek_char() != "/":
        raise s.error()
    compiled = _regex(s)
    names = list(compiled.groupindex)
    if not names:
        raise s.error("a parse regular expression needs named groups such as (?<name>...)")
    return Command("parse", source=source, pattern=compiled, names=names)


# -- expressions, lowest precedence first -------------------------------------------------------------------------


def _expr(s: Scanner) -> Expr:
    left = _and(s)
    while s.word("or"):
        left = ("binary", "or", left, _and(s))
    return left


def _and(s: Scanner) -> Expr:
    left = _not(s)
    while s.word("and"):
        left = ("binary", "and", left, _not(s))
    return left


def _not(s: Scanner) -> Expr:
    if s.word("not"):
        return ("unary", "not", _not(s))
    return _comparison(s)


def _comparison(s: Scanner) -> Expr:
    left = _additive(s)
    while True:
        op = s.symbol("=~", "!=", "<=", ">=", "==", "=", "<", ">")
        if op is not None:
            right = _additive(s)
            left = ("binary", {"==": "="}.get(op, op), left, right)
            continue
        save = s.i
        negated = s.word("not") is not None
        keyword = s.word("like", "in")
        if keyword is None:
            s.i = save
            return left
        right = _additive(s)
        left = ("binary", ("not " if negated else "") + keyword, left, right)


def _additive(s: Scanner) -> Expr:
    left = _multiplicative(s)
    while True:
        op = s.symbol("+", "-")
        if op is None:
            return left
        left = ("binary", op, left, _multiplicative(s))


def _multiplicative(s: Scanner) -> Expr:
    left = _power(s)
    while True:
        op = s.symbol("*", "/", "%")
        if op is None:
            return left
        left = ("binary", op, left, _power(s))


def _power(s: Scanner) -> Expr:
    base = _unary(s)
    if s.symbol("^"):
        return ("binary", "^", base, _power(s))
    return base


def _unary(s: Scanner) -> Expr:
    if s.symbol("-"):
        return ("unary", "-", _unary(s))
    return _primary(s)


def _string(s: Scanner) -> str:
    s.skip()
    quote = s.text[s.i]
    out = []
    i = s.i + 1
    while i < len(s.text):
        char = s.text[i]
        if char == "\\" and i + 1 < len(s.text):
            out.append(s.text[i + 1])
            i += 2
            continue
        if char == quote:
            s.i = i + 1
            return "".join(out)
        out.append(char)
        i += 1
    raise malformed(s.text, s.i, "unterminated string")


def _regex(s: Scanner) -> re.Pattern[str]:
    """``/.../`` with optional ``(?i)``; Java's named groups ``(?<name>`` are read as Python's ``(?P<name>``."""
    s.skip()
    start = s.i
    i = s.i + 1
    while i < len(s.text) and s.text[i] != "/":
        i += 2 if s.text[i] == "\\" else 1
    if i >= len(s.text):
        raise malformed(s.text, start, "unterminated regular expression")
    source = s.text[start + 1 : i]
    s.i = i + 1
    python = re.sub(r"\(\?<(?![=!])([A-Za-z_][A-Za-z0-9_]*)>", r"(?P<\1>", source)
    try:
        return re.compile(python)
    except re.error as exc:
        raise malformed(s.text, start, f"invalid regular expression /{source}/ ({exc})") from None


def _primary(s: Scanner) -> Expr:
    s.skip()
    char = s.peek_char()
    if not char:
        raise s.error("unexpected end of query")
    if char == "(":
        s.i += 1
        inner = _expr(s)
        s.expect(")")
        return inner
    if char == "[":
        s.i += 1
        items: list[Expr] = []
        if s.symbol("]") is None:
            items.append(_expr(s))
            while s.symbol(","):
                items.append(_expr(s))
            s.expect("]")
        return ("list", items)
    if char in "\"'":
        return ("literal", _string(s))
    if char == "/":
        return ("regex", _regex(s))
    if char == "*":
        s.i += 1
        return ("star",)
    if char == "`":
        return ("field", _name(s))
    period = _PERIOD.match(s.text, s.i)
    if period is not None:
        s.i = period.end()
        return ("period", int(period.group(1)) * _PERIODS_MS[period.group(2)])
    number = _NUMBER.match(s.text, s.i)
    if number is not None:
        s.i = number.end()
        text = number.group(0)
        return ("literal", float(text) if any(c in text for c in ".eE") else int(text))
    match = _NAME.match(s.text, s.i)
    if match is None or match.group(0).lower() in _KEYWORDS:
        raise s.error()
    name = match.group(0)
    s.i = match.end()
    if s.symbol("("):
        args: list[Expr] = []
        if s.symbol(")") is None:
            args.append(_expr(s))
            while s.symbol(","):
                args.append(_expr(s))
            s.expect(")")
        return ("call", name.lower(), args)
    if name.lower() in ("true", "false"):
        return ("literal", name.lower() == "true")
    return ("field", name)
