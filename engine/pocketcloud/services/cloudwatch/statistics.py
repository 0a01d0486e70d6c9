"""CloudWatch's statistics, computed exactly over the data points of one period.

The definitions are AWS's (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html):

* ``SampleCount`` "is the number of data points during the period"; ``Sum`` "the sum of the values"; ``Average``
  "the value of Sum/SampleCount"; ``Minimum`` and ``Maximum`` the lowest and highest values observed;
* ``p95`` "means that 95 percent of the data within the period is lower than this value"; pocketcloud computes it
  on the exact values with the *nearest-rank* rule (the smallest value with at least 95% of the values at or below
  it), where CloudWatch estimates from its own internal sketches: the two agree on every small example and differ
  by at most one rank on large ones (a pocketcloud model, documented here);
* trimmed mean ``tm90`` / ``TM(10%:90%)`` / ``TM(150:1000)``, interquartile mean ``IQM`` (= ``TM(25%:75%)``),
  winsorized mean ``wm98`` / ``WM(...)``, trimmed count ``tc90`` / ``TC(...)``, trimmed sum ``ts90`` / ``TS(...)``
  and percentile rank ``PR(:300)`` / ``PR(100:2000)`` ("Percentile rank is exclusive on the lower bound and
  inclusive on the upper bound"). Percentage bounds cut the sorted values by position (the lowest ``a%`` and the
  values above ``b%`` are removed); absolute bounds keep ``low < value <= high``.

Percentile-family statistics need the raw values: with statistic sets "you can only retrieve percentile statistics
for this data if ... The SampleCount value of the statistic set is 1 [or] The Min and the Max values of the
statistic set are equal", and they "are not available for metrics when any of the metric values are negative
numbers" (API_GetMetricStatistics). Where they are not available the statistic has no value for that period.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ...metrics import StatisticSet

STANDARD = ("SampleCount", "Average", "Sum", "Minimum", "Maximum")

_NUMBER = r"\d+(?:\.\d{1,10})?"
_PERCENTILE = re.compile(rf"p({_NUMBER})")
_SHORT = re.compile(rf"(tm|wm|tc|ts)({_NUMBER})")
_RANGE = re.compile(rf"(TM|WM|TC|TS|PR)\(({_NUMBER}%?)?:({_NUMBER}%?)?\)")


@dataclass(frozen=True)
class Statistic:
    """A parsed statistic: ``kind`` is a standard name, ``p``, or one of TM/WM/TC/TS/PR."""

    text: str
    kind: str
    low: float | None = None
    high: float | None = None
    #: True when the bounds are percentages (positions in the sorted values), False for absolute values.
    percent: bool = True

    @property
    def extended(self) -> bool:
        return self.kind not in STANDARD

    def compute(self, values: Sequence[float], sets: Sequence[StatisticSet] = ()) -> float | None:
        """The statistic over one period's values and statistic sets (None where it has no value)."""
        kind = self.kind
        if kind in STANDARD:
            return _standard(kind, values, sets)
        if kind == "p" and not sets:
            return _percentile_of_values(values, self.low or 0.0)
        runs = _runs(values, sets)
        if runs is None or not runs:
            return None
        if kind == "p":
            return _percentile(runs, self.low or 0.0)
        if kind == "PR":
            return _percentile_rank(runs, self.low, self.high)
        return _trimmed(kind, runs, self.low, self.high, self.percent)


def parse(text: str) -> Statistic | None:
    """The statistic ``text`` names, or None if CloudWatch has no such statistic."""
    if text in STANDARD:
        return Statistic(text, text)
    if text == "IQM":
        return Statistic(text, "TM", 25.0, 75.0)
    match = _PERCENTILE.fullmatch(text)
    if match:
        value = float(match.group(1))
        return Statistic(text, "p", value) if 0 <= value <= 100 else None
    match = _SHORT.fullmatch(text)
    if match:
        value = float(match.group(2))
        return Statistic(text, match.group(1).upper(), 0.0, value) if 0 <= value <= 100 else None
    match = _RANGE.fullmatch(text)
    if match:
        kind, low, high = match.groups()
        if low is None and high is None:
            return None
        marks = {bound.endswith("%") for bound in (low, high) if bound is not None}
        if len(marks) != 1:
            return None  # a percentage and an absolute bound together
        percent = marks.pop()
        if kind == "PR" and percent:
            return None  # "PR(:300)": percentile rank bounds are values
        lo = float(low.rstrip("%")) if low is not None else None
        hi = float(high.rstrip("%")) if high is not None else None
        if percent:
            lo = 0.0 if lo is None else lo
            hi = 100.0 if hi is None else hi
            if not 0 <= lo <= hi <= 100:
                return None
        elif lo is not None and hi is not None and lo > hi:
            return None
        return Statistic(text, kind, lo, hi, percent)
    return None


def _standard(kind: str, values: Sequence[float], sets: Sequence[StatisticSet]) -> float | None:
    count = len(values) + sum(s[0] for s in sets)
    if not count:
        return None
    if kind == "SampleCount":
        return float(count)
    if kind in ("Sum", "Average"):
        total = math.fsum(values) + math.fsum(s[1] for s in sets)
        return total if kind == "Sum" else total / count
    pool = list(values)
    if kind == "Minimum":
        pool.extend(s[2] for s in sets)
        return min(pool)
    pool.extend(s[3] for s in sets)
    return max(pool)


def _runs(values: Sequence[float], sets: Sequence[StatisticSet]) -> list[tuple[float, float]] | None:
    """Sorted (value, count) runs, or None when percentiles are unavailable (see the module docstring)."""
    runs = [(v, 1.0) for v in values]
    for count, total, minimum, maximum in sets:
        if minimum != maximum and count != 1:
            return None
        runs.append((minimum if count != 1 else total, count))
    if any(v < 0 for v, _ in runs):
        return None
    runs.sort()
    return runs


def _percentile_of_values(values: Sequence[float], p: float) -> float | None:
    """The nearest-rank percentile of plain values (the common case, no statistic sets): one sort."""
    if not values:
        return None
    ordered = sorted(values)
    if ordered[0] < 0:
        return None
    rank = max(1, math.ceil(p / 100 * len(ordered) - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def _percentile(runs: list[tuple[float, float]], p: float) -> float:
    total = sum(c for _, c in runs)
    rank = max(1.0, math.ceil(p / 100 * total - 1e-9))
    seen = 0.0
    for value, count in runs:
        seen += count
        if seen >= rank:
            return value
    return runs[-1][0]


def _percentile_rank(runs: list[tuple[float, float]], low: float | None, high: float | None) -> float:
    total = sum(c for _, c in runs)
    inside = sum(c for v, c in runs if (low is None or v > low) and (high is None or v <= high))
    return 100.0 * inside / total


def _trimmed(
    kind: str, runs: list[tuple[float, float]], low: float | None, high: float | None, percent: bool
) -> float | None:
    if percent:
        total = sum(c for _, c in runs)
        start, stop = (
            math.floor((low or 0.0) / 100 * total),
            math.floor((100.0 if high is None else high) / 100 * total),
        )
        kept: list[tuple[float, float]] = []
        position = 0.0
        for value, count in runs:
            lo, hi = max(position, start), min(position + count, stop)
            if hi > lo:
                kept.append((value, hi - lo))
            position += count
        if kind == "WM":
            if not kept:
                return None
            floor_value, ceiling_value = kept[0][0], kept[-1][0]
            clamped = [(min(max(v, floor_value), ceiling_value), c) for v, c in runs]
            return sum(v * c for v, c in clamped) / total
    else:
        kept = [(v, c) for v, c in runs if (low is None or v > low) and (high is None or v <= high)]
        if kind == "WM":
            clamped = [
                (min(max(v, low if low is not None else v), high if high is not None else v), c) for v, c in runs
            ]
            total = sum(c for _, c in runs)
            return sum(v * c for v, c in clamped) / total
    count = sum(c for _, c in kept)
    if kind == "TC":
        return float(count)
    if kind == "TS":
        return math.fsum(v * c for v, c in kept)
    return math.fsum(v * c for v, c in kept) / count if count else None
