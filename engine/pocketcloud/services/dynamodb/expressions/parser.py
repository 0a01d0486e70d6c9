"""A recursive-descent parser for DynamoDB's condition, update and projection expressions.

The grammar is DynamoDB's (``DynamoDbGrammar.g4`` in Amazon's DAX client, Apache-2.0)::

    condition  : operand comparator operand | operand IN '(' operand (',' operand)* ')'
               | operand BETWEEN operand AND operand | function | '(' condition ')'
               | NOT condition | condition AND condition | condition OR condition
    update     : (SET set_action (',' set_action)* | REMOVE path (',' path)*
               | ADD path literal (',' ...)* | DELETE path literal (',' ...)*)+
    set_action : path '=' (operand | arithmetic)
    arithmetic : operand ('+'|'-') operand | '(' arithmetic ')'
    operand    : path | literal | function | '(' operand ')'
    function   : ID '(' operand (',' operand)* ')'
    path       : (ID | #name) ('.' (ID | #name) | '[' INDEX ']')*
    projection : path (',' path)*

with the usual precedence (comparisons, then NOT, then AND, then OR;
https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html#Expressions.OperatorsAndFunctions.Precedence).
Where two alternatives start alike (``(a) = :v`` against ``(a = :v)``, ``size(a) > :v`` against
``begins_with(a, :v)``) the parser tries one and backtracks; a syntax error is reported at the furthest token any
alternative reached, which is where DynamoDB's ANTLR parser stops too. A pair of parentheses directly around
another pair ("``((a = :v))``") is DynamoDB's "The expression has redundant parentheses;".

Parsing depends on the text only, so parsed expressions are cached (:func:`parse`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import cast

from . import nodes as n
from .lexer import EOF, ID, INDEX, NAME, OP, VALUE, ExpressionSyntaxError, Token, syntax_error, tokenize

COMPARATORS = frozenset({"=", "<>", "<", "<=", ">", ">="})
SECTIONS = frozenset({"SET", "REMOVE", "ADD", "DELETE"})


class _Fail(Exception):
    """Backtracking signal: the alternative failed at token ``index``."""

    def __init__(self, index: int) -> None:
        self.index = index


class Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = tokenize(source)
        self.pos = 0
        self.furthest = 0
        self.redundant = False

    # -- helpers ------------------------------------------------------------------------------------------------
    def peek(self, offset: int = 0) -> Token:
        return self.tokens[min(self.pos + offset, len(self.tokens) - 1)]

    def fail(self) -> _Fail:
        if self.pos > self.furthest:
            self.furthest = self.pos
        return _Fail(self.pos)

    def expect_op(self, text: str) -> None:
        token = self.peek()
        if token.kind != OP or token.text != text:
            raise self.fail()
        self.pos += 1

    def is_op(self, text: str, offset: int = 0) -> bool:
        token = self.peek(offset)
        return token.kind == OP and token.text == text

    def attempt(self, *alternatives: object) -> object:
        """The first alternative that parses (each a zero-argument method); restore the position between tries."""
        start = self.pos
        saved_redundant = self.redundant
        last: _Fail | None = None
        for alternative in alternatives:
            try:
                return alternative()  # type: ignore[operator]
            except _Fail as fail:
                last = fail
                self.pos = start
                self.redundant = saved_redundant
        assert last is not None
        raise last

    def finish(self) -> None:
        if self.peek().kind != EOF:
            raise self.fail()

    def error(self) -> ExpressionSyntaxError:
        index = max(self.furthest, self.pos)
        return syntax_error(self.source, self.tokens, min(index, len(self.tokens) - 1))

    # -- paths and operands ------------------------------------------------------------------------------------
    def path(self) -> n.Path:
        token = self.peek()
        if token.kind not in (ID, NAME):
            raise self.fail()
        self.pos += 1
        parts: list[n.Part] = [(token.kind, token.text)]
        while True:
            if self.is_op("."):
                self.pos += 1
                token = self.peek()
                if token.kind not in (ID, NAME):
                    raise self.fail()
                self.pos += 1
                parts.append((token.kind, token.text))
            elif self.is_op("["):
                self.pos += 1
                token = self.peek()
                if token.kind != INDEX:
                    raise self.fail()
                self.pos += 1
                self.expect_op("]")
                parts.append((INDEX, token.text))
            else:
                return n.Path(tuple(parts))

    def operand(self) -> tuple[n.Operand, bool]:
        """An operand, and whether it was wrapped in its own parentheses."""
        token = self.peek()
        if token.kind == VALUE:
            self.pos += 1
            return n.Value(token.text), False
        if token.kind == ID and self.is_op("(", 1):
            return self.function(), False
        if token.kind in (ID, NAME):
            return self.path(), False
        if self.is_op("("):
            self.pos += 1
            inner, wrapped = self.operand()
            self.expect_op(")")
            if wrapped:
                self.redundant = True
            return inner, True
        raise self.fail()

    def function(self) -> n.Call:
        name = self.peek().text
        self.pos += 2  # the name and "("
        args = [self.operand()[0]]
        while self.is_op(","):
            self.pos += 1
            args.append(self.operand()[0])
        self.expect_op(")")
        return n.Call(name, tuple(args))

    # -- conditions --------------------------------------------------------------------------------------------
    def condition(self) -> tuple[n.Condition, bool]:
        left, wrapped = self.conjunction()
        while self.peek().kind == "OR":
            self.pos += 1
            right, _ = self.conjunction()
            left, wrapped = n.Or(left, right), False
        return left, wrapped

    def conjunction(self) -> tuple[n.Condition, bool]:
        left, wrapped = self.negation()
        while self.peek().kind == "AND":
            self.pos += 1
            right, _ = self.negation()
            left, wrapped = n.And(left, right), False
        return left, wrapped

    def negation(self) -> tuple[n.Condition, bool]:
        if self.peek().kind == "NOT":
            self.pos += 1
            inner, _ = self.negation()
            return n.Not(inner), False
        return self.primary()

    def primary(self) -> tuple[n.Condition, bool]:
        if self.is_op("("):
            return cast(tuple[n.Condition, bool], self.attempt(self.grouping, lambda: (self.comparison(), False)))
        return self.comparison(), False

    def grouping(self) -> tuple[n.Condition, bool]:
        self.expect_op("(")
        inner, wrapped = self.condition()
        self.expect_op(")")
        if wrapped:
            self.redundant = True
        return inner, True

    def comparison(self) -> n.Condition:
        left, _ = self.operand()
        token = self.peek()
        if token.kind == OP and token.text in COMPARATORS:
            self.pos += 1
            right, _ = self.operand()
            return n.Compare(token.text, left, right)
        if token.kind == "BETWEEN":
            self.pos += 1
            low, _ = self.operand()
            if self.peek().kind != "AND":
                raise self.fail()
            self.pos += 1
            high, _ = self.operand()
            return n.Between(left, low, high)
        if token.kind == "IN":
            self.pos += 1
            self.expect_op("(")
            options = [self.operand()[0]]
            while self.is_op(","):
                self.pos += 1
                options.append(self.operand()[0])
            self.expect_op(")")
            return n.In(left, tuple(options))
        if isinstance(left, n.Call):
            return left
        raise self.fail()

    # -- updates -----------------------------------------------------------------------------------------------
    def update(self) -> n.Update:
        actions: list[n.Action] = []
        sections: list[str] = []
        while True:
            keyword = self.peek().kind
            if keyword not in SECTIONS:
                if not sections:
                    raise self.fail()
                return n.Update(tuple(actions), tuple(sections))
            self.pos += 1
            sections.append(keyword)
            actions.append(self.action(keyword))
            while self.is_op(","):
                self.pos += 1
                actions.append(self.action(keyword))

    def action(self, keyword: str) -> n.Action:
        path = self.path()
        if keyword == "SET":
            self.expect_op("=")
            return n.SetAction(path, self.set_value())
        if keyword == "REMOVE":
            return n.RemoveAction(path)
        token = self.peek()
        if token.kind != VALUE:
            raise self.fail()
        self.pos += 1
        value = n.Value(token.text)
        return n.AddAction(path, value) if keyword == "ADD" else n.DeleteAction(path, value)

    def set_value(self) -> n.SetValue:
        return cast(n.SetValue, self.attempt(lambda: self.arithmetic()[0], lambda: self.operand()[0]))

    def arithmetic(self) -> tuple[n.Arith, bool]:
        if self.is_op("("):
            grouped = cast(tuple[n.Arith, bool] | None, self.attempt(self.grouped_arithmetic, lambda: None))
            if grouped is not None:
                return grouped
        left, _ = self.operand()
        token = self.peek()
        if token.kind != OP or token.text not in ("+", "-"):
            raise self.fail()
        self.pos += 1
        right, _ = self.operand()
        return n.Arith(token.text, left, right), False

    def grouped_arithmetic(self) -> tuple[n.Arith, bool]:
        self.expect_op("(")
        inner, wrapped = self.arithmetic()
        self.expect_op(")")
        if wrapped:
            self.redundant = True
        return inner, True

    # -- projections -------------------------------------------------------------------------------------------
    def projection(self) -> n.Projection:
        paths = [self.path()]
        while self.is_op(","):
            self.pos += 1
            paths.append(self.path())
        return n.Projection(tuple(paths))


def _run(source: str, kind: str) -> n.Parsed:
    parser = Parser(source)
    try:
        if kind == "update":
            tree: n.Condition | n.Update | n.Projection = parser.update()
        elif kind == "projection":
            tree = parser.projection()
        else:
            tree, _ = parser.condition()
        parser.finish()
    except _Fail:
        raise parser.error() from None
    return n.Parsed(tree, parser.redundant)


@lru_cache(maxsize=1024)
def parse(source: str, kind: str) -> n.Parsed:
    """The tree of ``source`` as a ``"condition"``, ``"update"`` or ``"projection"`` expression, or
    :class:`~.lexer.ExpressionSyntaxError` (cached: the same text is parsed once per process)."""
    return _run(source, kind)
