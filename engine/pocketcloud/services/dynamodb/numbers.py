"""DynamoDB numbers: decimal, up to 38 significant digits, sent and returned as strings.

"Numbers can have up to 38 digits of precision ... Positive range: 1E-130 to
9.9999999999999999999999999999999999999E+125" and "Leading and trailing zeroes are trimmed"
(https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html). A number
is never a float here: it is a :class:`decimal.Decimal`, parsed from the request's string, checked against those
limits with AWS's messages, and returned as the canonical string DynamoDB gives back (``"1.50"`` -> ``"1.5"``,
``"1.5E2"`` -> ``"150"``, ``"-0"`` -> ``"0"``, ``"00042"`` -> ``"42"``; real-DynamoDB captures in the
nubo-db/dynamodb-conformance suite, tests/tier3/limits/numberPrecision.test.ts). Arithmetic in update expressions
uses an exact context and then the same checks, so ``SET n = :a + :b`` overflows exactly where DynamoDB says
"Number overflow".
"""

from __future__ import annotations

import decimal
import re
from decimal import Decimal

from ... import limits

#: Exact enough for any sum or difference of two valid numbers (their exponents are at most 256 apart).
EXACT = decimal.Context(prec=400, Emax=999_999, Emin=-999_999, traps=[decimal.InvalidOperation])

#: What Java's BigDecimal accepts (DynamoDB's parser): no "NaN", "Infinity", spaces or underscores, which Python's
#: Decimal would take.
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")

NOT_NUMERIC = "The parameter cannot be converted to a numeric value"
TOO_PRECISE = "Attempting to store more than 38 significant digits in a Number"
OVERFLOW = "Number overflow. Attempting to store a number with magnitude larger than supported range"
UNDERFLOW = "Number underflow. Attempting to store a number with magnitude smaller than supported range"


class NumberProblem(ValueError):
    """A number DynamoDB refuses; the message is AWS's (callers add the context, e.g. "for key :v")."""


def parse(text: str) -> Decimal:
    """The value of a number string, or :class:`NumberProblem` with DynamoDB's message (dynalite's captures of the
    real messages: "The parameter cannot be converted to a numeric value: b", "... 38 significant digits ...")."""
    if not _NUMBER.fullmatch(text):
        raise NumberProblem(f"{NOT_NUMERIC}: {text}" if text else NOT_NUMERIC)
    try:
        value = Decimal(text)
    except decimal.DecimalException:  # an exponent too large for Python's own limits
        raise NumberProblem(OVERFLOW) from None
    check(value)
    return value


def check(value: Decimal) -> None:
    """Raise :class:`NumberProblem` when ``value`` is outside DynamoDB's precision or range."""
    if not value:
        return
    digits = value.as_tuple().digits
    significant = len(digits)
    while significant and digits[significant - 1] == 0:
        significant -= 1
    if significant > limits.DYNAMODB_NUMBER_PRECISION:
        raise NumberProblem(TOO_PRECISE)
    exponent = value.adjusted()
    if exponent > limits.DYNAMODB_NUMBER_MAX_EXPONENT:
        raise NumberProblem(OVERFLOW)
    if exponent < limits.DYNAMODB_NUMBER_MIN_EXPONENT:
        raise NumberProblem(UNDERFLOW)


def canonical(value: Decimal) -> str:
    """The string DynamoDB returns for a number: no exponent, no leading or trailing zeros, no negative zero."""
    if not value:
        return "0"
    return format(value.normalize(EXACT), "f")


#: Integers that are already canonical (no sign but "-", no leading zero, at most 38 digits): the common case,
#: stored as given without going through Decimal.
_CANONICAL_INTEGER = re.compile(r"-?[1-9]\d{0,37}|0")


def normalize(text: str) -> str:
    """``canonical(parse(text))``: what a number string is stored and returned as."""
    if _CANONICAL_INTEGER.fullmatch(text):
        return text
    return canonical(parse(text))


def size(text: str) -> int:
    """Storage size of a canonical number: "1 byte per two significant digits" plus 1 byte.

    https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
    """
    digits = text.lstrip("-").replace(".", "").strip("0")
    return (len(digits) + 1) // 2 + 1


def add(a: str, b: str, subtract: bool = False) -> str:
    """``a + b`` (or ``a - b``) of two canonical numbers, checked as a stored number is."""
    left, right = Decimal(a), Decimal(b)
    result = EXACT.subtract(left, right) if subtract else EXACT.add(left, right)
    check(result)
    return canonical(result)
