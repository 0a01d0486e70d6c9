"""Tokens of DynamoDB's expression language, and its syntax-error message.

The token rules are DynamoDB's own, as published in the grammar Amazon ships with its DAX client
(``Tokens.g4``/``DynamoDbGrammar.g4``, Apache-2.0): whitespace ``[ \\t\\n\\r]`` is skipped; keywords ``IN BETWEEN
NOT AND OR SET ADD DELETE REMOVE`` are case-insensitive; an identifier is ``[a-zA-Z][a-zA-Z_0-9]*``; a list index
is ``0`` or ``[1-9][0-9]*``; ``#name`` and ``:value`` substitutions are ``#``/``:`` followed by ``[a-zA-Z_0-9]+``;
the operators are ``= <> < <= > >= + -`` and the punctuation ``( ) [ ] , .``. Any other character is a token of
its own that no rule accepts, so ``_abc`` fails at ``_`` exactly as DynamoDB does.

A syntax error reads ``Syntax error; token: "<t>", near: "<text>"``, where ``<t>`` is the offending token
(``<EOF>`` at the end) and ``<text>`` runs, in the original spelling, from the token before it to the token after
it. Real DynamoDB answers collected in issues and tests agree with that rule: ``ADD hits : incr`` -> token ``":"``
near ``"hits : incr"`` (aws/aws-cdk#7591); ``INVALID SYNTAX HERE`` -> ``"INVALID"`` near ``"INVALID SYNTAX"``
and ``!!! INVALID !!!`` -> ``"!"`` near ``"!!"`` (nubo-db/dynamodb-conformance, tier3 error messages);
``foo`` as a condition -> ``"<EOF>"`` near ``"foo"`` (DynamoDB's answer quoted in LowVoltage's exploration tests).
"""

from __future__ import annotations

from dataclasses import dataclass

KEYWORDS = frozenset({"IN", "BETWEEN", "NOT", "AND", "OR", "SET", "ADD", "DELETE", "REMOVE"})
_ID_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_ID_CHAR = _ID_START | frozenset("0123456789_")
_DIGITS = frozenset("0123456789")
_SPACE = frozenset(" \t\n\r")
_SINGLE = frozenset("()[],.=+-")

# Token kinds. Keywords use their upper-case spelling as their kind.
ID = "ID"
NAME = "NAME"  # #name
VALUE = "VALUE"  # :value
INDEX = "INDEX"
OP = "OP"  # operators and punctuation: the text is the operator
UNKNOWN = "UNKNOWN"
EOF = "EOF"


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    text: str
    start: int
    end: int


class ExpressionSyntaxError(ValueError):
    """A message without the "Invalid <Kind>Expression: " prefix, which the caller adds."""


def tokenize(source: str) -> list[Token]:
    """All tokens of ``source``, ending with an EOF token (never raises: bad characters become UNKNOWN)."""
    tokens: list[Token] = []
    append = tokens.append
    i = 0
    n = len(source)
    while i < n:
        char = source[i]
        if char in _SPACE:
            i += 1
            continue
        start = i
        if char in _ID_START:
            i += 1
            while i < n and source[i] in _ID_CHAR:
                i += 1
            text = source[start:i]
            upper = text.upper()
            append(Token(upper if upper in KEYWORDS else ID, text, start, i))
            continue
        if char in ("#", ":") and i + 1 < n and source[i + 1] in _ID_CHAR:
            i += 2
            while i < n and source[i] in _ID_CHAR:
                i += 1
            append(Token(NAME if char == "#" else VALUE, source[start:i], start, i))
            continue
        if char in _DIGITS:
            i += 1
            if char != "0":
                while i < n and source[i] in _DIGITS:
                    i += 1
            append(Token(INDEX, source[start:i], start, i))
            continue
        if char in "<>":
            pair = source[i : i + 2]
            if pair in ("<>", "<=", ">="):
                append(Token(OP, pair, start, i + 2))
                i += 2
            else:
                append(Token(OP, char, start, i + 1))
                i += 1
            continue
        if char in _SINGLE:
            append(Token(OP, char, start, i + 1))
            i += 1
            continue
        append(Token(UNKNOWN, char, start, i + 1))
        i += 1
    append(Token(EOF, "<EOF>", n, n))
    return tokens


def syntax_error(source: str, tokens: list[Token], index: int) -> ExpressionSyntaxError:
    """DynamoDB's message for a syntax error at ``tokens[index]``."""
    token = tokens[index]
    start = tokens[index - 1].start if index > 0 else token.start
    if token.kind == EOF:
        end = len(source)
    elif index + 1 < len(tokens) and tokens[index + 1].kind != EOF:
        end = tokens[index + 1].end
    else:
        end = token.end
    return ExpressionSyntaxError(f'Syntax error; token: "{token.text}", near: "{source[start:end]}"')
