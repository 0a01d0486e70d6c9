"""JSONata states: ``{% expression %}`` strings, ``$states``, variables and the functions Step Functions adds.

"In JSONata states, you write JSONata expressions enclosed in {% %} in string values"; every other string is a
literal. ``$states`` holds ``input`` (the state's input), ``result`` (a task's, Parallel's or Map's result, in
Output and Assign), ``errorOutput`` (in a Catcher's Output and Assign) and ``context`` (the context object);
workflow variables are bound by name (``$myVar``).
https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html

The functions AWS adds to JSONata's library (same page, "JSONata functions provided by Step Functions"):
``$partition(array, size)``, ``$range(start, end, step)``, ``$hash(value, algorithm)``, ``$random([seed])``,
``$uuid()`` and ``$parse(jsonString)``. ``$now()`` and ``$millis()`` read the execution's *virtual* clock, so a
run is the same every time (jsonata-python would read the wall clock).

Expressions are compiled once per definition version with jsonata-python (pure Python, runs in Pyodide).
An expression that fails, or whose value is undefined where a value is required, raises
``States.QueryEvaluationError`` with AWS's cause text, e.g. "The JSONata expression '$states.input.x'
specified for the field 'Arguments/Input/x' returned nothing (undefined)." (as recorded from AWS in a public
project's test fixture).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jsonata import utils as jsonata_utils  # type: ignore[import-untyped]
from jsonata.jsonata import Jsonata  # type: ignore[import-untyped]

from . import intrinsics
from .errors import QUERY_EVALUATION_ERROR, StatesError

_NULL = jsonata_utils.Utils.NULL_VALUE


class Undefined:
    """JSONata's *undefined* (no value), distinct from JSON null."""

    _instance: Undefined | None = None

    def __new__(cls) -> Undefined:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "undefined"


UNDEFINED = Undefined()


def is_expression(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("{%") and value.endswith("%}") and len(value) >= 4


@dataclass
class Expression:
    """One compiled ``{% ... %}`` expression and its text (for error messages)."""

    text: str
    compiled: Jsonata | None
    syntax_error: str | None = None


_cache: dict[str, Expression] = {}


def compile_expression(value: str) -> Expression:
    """Compile the body of ``{% ... %}`` (cached across definitions: expressions are pure)."""
    body = value[2:-2].strip()
    found = _cache.get(body)
    if found is None:
        try:
            found = Expression(body, Jsonata(body))
            found.compiled.set_output_convert_nulls(False)  # type: ignore[union-attr]
        except Exception as exc:  # jsonata's own JException, or a Python error from its parser
            found = Expression(body, None, str(exc))
        if len(_cache) < 8192:
            _cache[body] = found
    return found


class Bindings:
    """What an expression can see: ``$states`` and the variables in scope, plus the AWS-added functions."""

    def __init__(
        self,
        states: dict[str, Any],
        variables: dict[str, Any],
        rng: random.Random,
        uuid: Callable[[], str],
        now_millis: int,
    ) -> None:
        self.values: dict[str, Any] = dict(variables)
        self.values["states"] = states
        self.values.update(_functions(rng, uuid, now_millis))


def _functions(rng: random.Random, uuid: Callable[[], str], now_millis: int) -> dict[str, Any]:
    def partition(array: Any, size: Any) -> Any:
        return intrinsics.FUNCTIONS["States.ArrayPartition"]([_plain(array), _plain(size)])

    def range_(start: Any, end: Any, step: Any) -> Any:
        return intrinsics.FUNCTIONS["States.ArrayRange"]([_plain(start), _plain(end), _plain(step)])

    def hash_(value: Any, algorithm: Any) -> Any:
        return intrinsics.FUNCTIONS["States.Hash"]([_plain(value), _plain(algorithm)])

    def random_(seed: Any = None) -> float:
        source = rng if seed is None else random.Random(int(seed))
        return source.random()

    def parse(text: Any) -> Any:
        try:
            return json.loads(text)
        except (TypeError, ValueError):
            raise intrinsics.IntrinsicError(f"$parse could not parse the string as JSON: {text}") from None

    from datetime import UTC, datetime

    def now(picture: Any = None, timezone: Any = None) -> str:
        stamp = datetime.fromtimestamp(now_millis / 1000, UTC)
        return stamp.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now_millis % 1000:03d}Z"

    return {
        "partition": Jsonata.JLambda(partition),
        "range": Jsonata.JLambda(range_),
        "hash": Jsonata.JLambda(hash_),
        "random": Jsonata.JLambda(random_),
        "uuid": Jsonata.JLambda(lambda: uuid()),
        "parse": Jsonata.JLambda(parse),
        "now": Jsonata.JLambda(now),
        "millis": Jsonata.JLambda(lambda: now_millis),
    }


def _plain(value: Any) -> Any:
    """jsonata-python values back to plain JSON values (its null sentinel to None, its list subclass to list)."""
    if value is _NULL:
        return None
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def evaluate(expression: Expression, bindings: Bindings, field: str, fail: Callable[[str], StatesError]) -> Any:
    """The value of ``expression``; :data:`UNDEFINED` when it has none. ``fail(text)`` makes the error to raise,
    with the state's prefix; ``field`` names the field for the message (``Arguments/Input/x``)."""
    if expression.compiled is None:
        raise fail(
            f"The JSONata expression '{expression.text}' specified for the field '{field}' could not be parsed: "
            f"{expression.syntax_error}"
        )
    try:
        result = expression.compiled.evaluate(None, bindings.values)
    except intrinsics.IntrinsicError as exc:
        raise fail(
            f"The JSONata expression '{expression.text}' specified for the field '{field}' threw an error during "
            f"evaluation. {exc}"
        ) from None
    except RecursionError:
        raise fail(
            f"The JSONata expression '{expression.text}' specified for the field '{field}' threw an error during "
            "evaluation. Stack overflow error: Check for non-terminating recursive function."
        ) from None
    except Exception as exc:  # JException and the Python errors jsonata-python lets through
        code = getattr(exc, "error", None)
        text = f"{code}: {exc}" if code else str(exc)
        raise fail(
            f"The JSONata expression '{expression.text}' specified for the field '{field}' threw an error during "
            f"evaluation. {text}"
        ) from None
    if result is None:
        return UNDEFINED
    return _plain(result)


def query_error(prefix: Callable[[str], str]) -> Callable[[str], StatesError]:
    return lambda text: StatesError(QUERY_EVALUATION_ERROR, prefix(text))


# -- templates: Arguments, Output, Assign, ItemSelector, ... -----------------------------------------------------
@dataclass
class Template:
    """A JSON value whose strings may hold ``{% %}`` expressions, compiled. ``kind`` is ``expr`` / ``dict`` /
    ``list`` / ``const``."""

    kind: str
    value: Any


def compile_template(value: Any) -> Template:
    if is_expression(value):
        return Template("expr", compile_expression(value))
    if isinstance(value, dict):
        return Template("dict", [(k, compile_template(v)) for k, v in value.items()])
    if isinstance(value, list):
        return Template("list", [compile_template(v) for v in value])
    return Template("const", value)


def has_expressions(template: Template) -> bool:
    if template.kind == "expr":
        return True
    if template.kind == "dict":
        return any(has_expressions(t) for _, t in template.value)
    if template.kind == "list":
        return any(has_expressions(t) for t in template.value)
    return False


def render(template: Template, bindings: Bindings, field: str, fail: Callable[[str], StatesError]) -> Any:
    """Evaluate a template. An expression whose value is undefined fails the state, wherever it is."""
    kind = template.kind
    if kind == "const":
        return template.value
    if kind == "expr":
        value = evaluate(template.value, bindings, field, fail)
        if value is UNDEFINED:
            raise fail(
                f"The JSONata expression '{template.value.text}' specified for the field '{field}' returned nothing "
                "(undefined)."
            )
        return value
    if kind == "dict":
        return {k: render(t, bindings, f"{field}/{k}", fail) for k, t in template.value}
    return [render(t, bindings, f"{field}[{i}]", fail) for i, t in enumerate(template.value)]
