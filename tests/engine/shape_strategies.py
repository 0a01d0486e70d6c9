"""Hypothesis strategies that build request parameters from a service model's shapes.

Used by the differential test (pocketcloud's request checks against botocore's own) and by the fuzz test (every
operation of every service, where only ParamValidationError or ClientError may ever come out). Values are
mostly well-typed and near the constraints (empty, at the minimum, at and past the maximum, matching or not
matching the pattern, inside and outside the enum), with a share of wrong types, unknown members and missing
required members, which is where hand-written code used to break.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from hypothesis import strategies as st

from pocketcloud.models import ServiceModel

#: Anything at all, for a wrong-type value.
ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**40), 2**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.binary(max_size=8),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)

MAX_DEPTH = 4


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


class ShapeStrategies:
    """Strategies for one model, cached per (shape, depth)."""

    def __init__(self, model: ServiceModel, wrong_types: bool = True, known: tuple[str, ...] = ()) -> None:
        self.model = model
        self.wrong_types = wrong_types
        #: Names of resources that exist (a function, a secret …), drawn often so that calls reach deep code.
        self.known = known
        self._cache: dict[tuple[str, int], st.SearchStrategy[Any]] = {}

    def for_operation(self, operation: str) -> st.SearchStrategy[dict[str, Any]]:
        name = self.model.input_shape(operation)
        if name is None:
            return st.just({})
        return self.structure(name, 0, top=True)

    def shape(self, name: str, depth: int) -> st.SearchStrategy[Any]:
        key = (name, depth)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = st.deferred(lambda: self._build(name, depth))
        return found

    def _build(self, name: str, depth: int) -> st.SearchStrategy[Any]:
        shape = self.model.shape(name)
        kind = shape["type"]
        if kind == "structure":
            good: st.SearchStrategy[Any] = (
                st.dictionaries(st.text(max_size=4), ANYTHING, max_size=2)
                if shape.get("document")
                else self.structure(name, depth)
            )
        elif kind == "list":
            item = self.shape(shape["member"]["shape"], depth + 1)
            high = min(shape.get("max", 4), 4) if depth < MAX_DEPTH else 0
            good = st.lists(item, max_size=high + 1)
        elif kind == "map":
            # Map keys must be hashable for a dictionary: a wrong-typed key is a string, number or bytes here.
            keys = self.shape(shape["key"]["shape"], depth + 1).filter(_hashable)
            values = self.shape(shape["value"]["shape"], depth + 1)
            good = st.dictionaries(keys, values, max_size=3 if depth < MAX_DEPTH else 0)
        elif kind == "string":
            good = self.string(name, shape)
        elif kind in ("integer", "long"):
            good = self.number(shape, st.integers)
        elif kind in ("float", "double"):
            good = st.one_of(
                self.number(shape, st.integers), st.floats(allow_nan=False, allow_infinity=False, width=32)
            )
        elif kind == "boolean":
            good = st.booleans()
        elif kind == "blob":
            good = st.one_of(st.binary(max_size=64), st.text(max_size=8))
        elif kind == "timestamp":
            good = st.one_of(
                st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1)),
                st.integers(0, 4_000_000_000),
                st.just("2026-01-01T00:00:00Z"),
            )
        else:
            raise ValueError(kind)
        if self.wrong_types:
            return st.one_of(good, good, good, good, good, good, ANYTHING)
        return good

    def structure(self, name: str, depth: int, top: bool = False) -> st.SearchStrategy[dict[str, Any]]:
        shape = self.model.shape(name)
        members = shape.get("members", {})
        required = set(shape.get("required", ()))
        if depth >= MAX_DEPTH:
            return st.just({})
        fields = {member: self.shape(spec["shape"], depth + 1) for member, spec in members.items()}

        @st.composite
        def build(draw: Any) -> dict[str, Any]:
            out: dict[str, Any] = {}
            for member, strategy in fields.items():
                wanted = draw(st.integers(0, 9))
                if (member in required and wanted < 9) or (member not in required and wanted < 3):
                    out[member] = draw(strategy)
            if self.wrong_types and draw(st.integers(0, 19)) == 0:
                out[draw(st.sampled_from(["Bogus", "bogus", "X-Unknown"]))] = draw(ANYTHING)
            return out

        return build()

    def string(self, name: str, shape: dict[str, Any]) -> st.SearchStrategy[str]:
        low = shape.get("min", 0)
        high = shape.get("max")
        options: list[st.SearchStrategy[str]] = [st.text(min_size=0, max_size=min(high or 24, 24))]
        if self.known:
            options += [st.sampled_from(self.known)] * 3
        if "enum" in shape:
            options += [st.sampled_from(shape["enum"])] * 3
        if "pattern" in shape:
            try:
                pattern = self.model.pattern(name)
                options += [st.from_regex(pattern, fullmatch=True).filter(lambda s: len(s) < 200)] * 2
            except (re.error, ValueError):  # a pattern hypothesis cannot generate from
                pass
        if high is not None and high < 5000:
            options.append(st.just("a" * (high + 1)))
            options.append(st.just("a" * max(high, low)))
        if low:
            options.append(st.just("a" * (low - 1)))
        return st.one_of(options)

    @staticmethod
    def number(shape: dict[str, Any], integers: Any) -> st.SearchStrategy[int]:
        low, high = shape.get("min"), shape.get("max")
        edges = [v for v in (low, high) if v is not None]
        picks = [integers(-5, 20)]
        for edge in edges:
            picks.append(st.sampled_from([int(edge) - 1, int(edge), int(edge) + 1]))
        if low is not None and high is not None:
            picks.append(integers(int(low), int(high)))
        return st.one_of(picks)
