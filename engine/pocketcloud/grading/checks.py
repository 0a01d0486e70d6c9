"""What an exercise's tests call to say why they failed, in the learner's language.

A test file (``tests_visible.py``/``tests_hidden.py`` in an exercise folder) defines ``test_*`` functions that
take the learner's module (read-only) and call these checks::

    from pocketcloud.grading.checks import expect, expect_equal

    def test_greets_by_name(learner):
        \"\"\"ko: 핸들러가 이름으로 인사합니다
        en: the handler greets by name\"\"\"
        got = learner.handler({"name": "Ada"}, None)
        expect_equal(got, {"greeting": "hello, Ada"}, ko="핸들러가 돌려준 값", en="what the handler returned")

A failing check raises :class:`CheckFailed` carrying both languages, the expected value and the value the
learner's code produced; the harness turns it into structured data and the page shows the learner's language.
A plain ``assert`` works too (its message is shown in both languages as written).
"""

from __future__ import annotations

import math
from typing import Any

#: How much of a value's repr a result carries; a learner's huge value must not flood the page or the report.
REPR_LIMIT = 600


def short_repr(value: Any) -> str:
    """``repr(value)``, cut to :data:`REPR_LIMIT` characters; never raises (a learner's ``__repr__`` may)."""
    try:
        text = repr(value)
    except Exception as exc:  # a learner's object whose repr is broken
        text = f"<{type(value).__name__} whose repr raised {type(exc).__name__}>"
    if len(text) > REPR_LIMIT:
        text = text[: REPR_LIMIT - 1] + "…"
    return text


class CheckFailed(Exception):
    """A check that did not hold: what was checked (ko/en), and optionally expected vs got."""

    def __init__(self, ko: str, en: str, *, expected: str | None = None, got: str | None = None) -> None:
        super().__init__(en)
        self.ko = ko
        self.en = en
        self.expected = expected
        self.got = got


_MISSING = object()


def expect(condition: object, *, ko: str, en: str, expected: Any = _MISSING, got: Any = _MISSING) -> None:
    """Fail with the bilingual message unless ``condition`` is true."""
    if condition is True or (condition is not False and bool(condition)):
        return
    raise CheckFailed(
        ko,
        en,
        expected=None if expected is _MISSING else short_repr(expected),
        got=None if got is _MISSING else short_repr(got),
    )


def expect_equal(got: Any, expected: Any, *, ko: str, en: str) -> None:
    """Fail unless ``got == expected``. ``ko``/``en`` name what was compared ("the handler's return value").

    The comparison is done as ``expected == got`` with the test's own value on the left, so a learner's object
    with an ``__eq__`` that always says yes does not pass: the types must match first.
    """
    if type(got) is not type(expected) and not (_number(got) and _number(expected)):
        raise CheckFailed(ko, en, expected=short_repr(expected), got=short_repr(got))
    if not bool(expected == got):
        raise CheckFailed(ko, en, expected=short_repr(expected), got=short_repr(got))


def expect_close(got: Any, expected: float, *, tolerance: float, ko: str, en: str) -> None:
    """Fail unless ``got`` is a number within ``tolerance`` (absolute) of ``expected``."""
    if not _number(got) or not math.isfinite(float(got)) or abs(float(got) - float(expected)) > tolerance:
        raise CheckFailed(ko, en, expected=f"{expected} ± {tolerance}", got=short_repr(got))


def deploy_learner(cloud: Any, learner: Any, name: str = "exercise", handler: str = "handler", **options: Any) -> Any:
    """Deploy the learner's whole file as a Lambda function's ``app.py`` (handler ``app.<handler>``).

    The file's demo code sits under ``if __name__ == "__main__":`` and so does not run in the function's Init
    phase, exactly as on AWS, where the module is imported as ``app``.
    """
    from pocketcloud import deploy

    return deploy(cloud, source=learner.source_code, handler_name=handler, name=name, **options)


def _number(value: Any) -> bool:
    from decimal import Decimal

    return type(value) in (int, float, Decimal)
