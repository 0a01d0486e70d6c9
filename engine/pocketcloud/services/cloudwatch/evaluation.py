"""How an alarm decides its state, and the StateReason texts AWS writes.

The model (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-evaluation.html and the missing-data
section of https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html, checked
2026-12-01):

* *When*: "For any period of one minute or longer, an alarm is evaluated every minute and the evaluation is based on
  the window of time defined by the Period and Evaluation Periods" (a 5-minute period is a sliding 5-minute window,
  evaluated each minute). High-resolution alarms (periods of 10, 20 or 30 s) are evaluated every 10 seconds
  (pocketcloud's reading of "10-second interval" high-resolution alarms). Evaluations happen on the virtual clock at
  each minute (or 10 s) boundary, plus the backend's ``evaluation_delay`` (0 by default; AWS's own notifications show
  the evaluation 5 to 45 seconds after the minute, while metrics arrive), and read the periods that ended at that
  boundary: at 00:05:00 a 60-second alarm judges [00:04:00, 00:05:00).
* *What*: "CloudWatch attempts to retrieve a higher number of data points than specified by Evaluation Periods" (the
  *evaluation range*; the documented example retrieves 5 for 3): pocketcloud retrieves Evaluation Periods + 2.
  If at least N (Evaluation Periods) of them exist, the N most recent existing ones are evaluated and missing data
  is not considered. Otherwise the treatment of missing data applies, reproducing the two documented tables:
  ``breaching``/``notBreaching`` fill the missing points as breaching/not breaching ("CloudWatch uses missing data
  points only as few times as possible"); ``missing`` with no data at all goes to INSUFFICIENT_DATA, with some data
  it goes to ALARM when at least M existing points breach, to OK when any existing point does not breach, and when
  every existing point breaches but fewer than M do, to ALARM only if the oldest point of the range is one of them
  (the table's sixth row) and to INSUFFICIENT_DATA otherwise; ``ignore`` behaves like ``missing`` except that every
  INSUFFICIENT_DATA and "ALARM because of the oldest point" outcome keeps the current state instead.
  Then "If fewer than the value of Datapoints to Alarm are breaching, the alarm state is set to OK. Otherwise, the
  state is set to ALARM."
* "Alarms that evaluate metrics in the AWS/DynamoDB namespace always ignore missing data even if you choose a
  different option for TreatMissingData" (API_PutMetricAlarm).
* A percentile alarm with ``EvaluateLowSampleCountPercentile=ignore`` keeps its state while a period has fewer than
  10/(1-p) samples (10/p for p below 0.5), as documented for low data samples.

StateReason texts follow AWS's, as real alarms write them (aws/aws-lambda-go's SNS test events, LocalStack's recorded
AWS snapshots, alarm histories users published): "Threshold Crossed: 1 datapoint [5.0 (01/01/26 00:01:00)] was
greater than the threshold (1.0)." when DatapointsToAlarm was not given; "Threshold Crossed: 1 out of the last 1
datapoints [...] was greater than the threshold (0.0) (minimum 1 datapoint for OK -> ALARM transition)." when it
was; "Threshold Crossed: no datapoints were received for 2 periods and 2 missing datapoints were treated as
[Breaching]."; "Insufficient Data: 1 datapoint was unknown.". Datapoints are listed newest first with their period's
start as dd/MM/yy HH:mm:ss. Numbers print as Java prints doubles (5.0, 99.83333333333333, 1.0E-5).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ...timeutil import last_modified, to_datetime
from .alarms import Alarm

OK, ALARM, INSUFFICIENT = "OK", "ALARM", "INSUFFICIENT_DATA"
_WORDS = {
    "GreaterThanOrEqualToThreshold": "greater than or equal to",
    "GreaterThanThreshold": "greater than",
    "LessThanThreshold": "less than",
    "LessThanOrEqualToThreshold": "less than or equal to",
}


@dataclass(frozen=True)
class Datapoint:
    start: float
    value: float | None
    samples: float = 0.0


class Outcome:
    """A new state and its StateReason text and data. The reason is built when it is first read: most evaluations
    keep the alarm's state, and then it is never read (the text lists every datapoint with its date)."""

    __slots__ = ("_build", "_reason", "state")

    def __init__(self, state: str, build: Callable[[], tuple[str, dict[str, Any]]]) -> None:
        self.state = state
        self._build = build
        self._reason: tuple[str, dict[str, Any]] | None = None

    def _built(self) -> tuple[str, dict[str, Any]]:
        if self._reason is None:
            self._reason = self._build()
        return self._reason

    @property
    def reason(self) -> str:
        return self._built()[0]

    @property
    def reason_data(self) -> dict[str, Any]:
        return self._built()[1]


def java_double(value: float) -> str:
    """A double as Java's ``Double.toString`` prints it (CloudWatch's reasons are written by Java): the shortest
    digits that round-trip, plain between 10^-3 and 10^7 (``5.0``, ``99.83333333333333``), else ``1.0E-5``."""
    if value == 0:
        return "0.0"
    if not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if 1e-3 <= abs(value) < 1e7:
        text = repr(float(value))
        return text if "." in text else text + ".0"
    sign, digits, exponent = Decimal(repr(float(value))).as_tuple()
    text = "".join(map(str, digits)).rstrip("0") or "0"
    power = len(digits) - 1 + int(exponent)
    mantissa = text[0] + "." + (text[1:] or "0")
    return f"{'-' if sign else ''}{mantissa}E{power}"


def breaches(operator: str, value: float, threshold: float) -> bool:
    if operator == "GreaterThanOrEqualToThreshold":
        return value >= threshold
    if operator == "GreaterThanThreshold":
        return value > threshold
    if operator == "LessThanThreshold":
        return value < threshold
    return value <= threshold


def low_sample_limit(statistic: str) -> float | None:
    """The sample count under which a percentile alarm may ignore a period (None for other statistics)."""
    if not statistic.startswith("p"):
        return None
    try:
        fraction = float(statistic[1:]) / 100
    except ValueError:
        return None
    if fraction >= 0.5:
        return math.inf if fraction >= 1 else 10 / (1 - fraction)
    return math.inf if fraction <= 0 else 10 / fraction


def decide(alarm: Alarm, points: list[Datapoint], now: float) -> Outcome | None:
    """The new state for ``points`` (the evaluation range, oldest first), or None to keep the current one."""
    n, m = alarm.evaluation_periods, alarm.datapoints_to_alarm
    operator = alarm.params["ComparisonOperator"]
    threshold = float(alarm.params["Threshold"])
    treat = alarm.treat_missing
    if alarm.namespace == "AWS/DynamoDB":
        treat = "ignore"
    statistic = alarm.params.get("ExtendedStatistic", "")
    limit = low_sample_limit(statistic)
    low_ignored = limit is not None and alarm.params.get("EvaluateLowSampleCountPercentile") == "ignore"
    if low_ignored and any(p.value is not None and p.samples < (limit or 0) for p in points[-n:]):
        return None
    existing = [p for p in points if p.value is not None]
    report = _Report(alarm, threshold, operator, points, now)
    if len(existing) >= n:
        evaluated = existing[-n:]
        flags = [breaches(operator, p.value, threshold) for p in evaluated]  # type: ignore[arg-type]
        return report.crossed(evaluated, flags, 0, False)
    missing_needed = n - len(existing)
    if treat in ("breaching", "notBreaching"):
        filled = treat == "breaching"
        flags = [breaches(operator, p.value, threshold) for p in existing]  # type: ignore[arg-type]
        return report.crossed(existing, flags, missing_needed, filled)
    if not existing:
        return None if treat == "ignore" else report.insufficient()
    flags = [breaches(operator, p.value, threshold) for p in existing]  # type: ignore[arg-type]
    if sum(flags) >= m or not all(flags):
        return report.crossed(existing, flags, 0, False)
    oldest = points[0].value is not None
    if oldest and treat == "missing":
        return report.crossed(existing, flags, 0, False, force_alarm=True)
    return None if treat == "ignore" else report.insufficient()


class _Report:
    """Builds the StateReason text and StateReasonData of an outcome."""

    def __init__(self, alarm: Alarm, threshold: float, operator: str, points: list[Datapoint], now: float) -> None:
        self.alarm = alarm
        self.threshold = threshold
        self.operator = operator
        self.points = points
        self.now = now

    def _data(self, evaluated: list[Datapoint], windows: list[float]) -> dict[str, Any]:
        alarm = self.alarm
        data: dict[str, Any] = {"version": "1.0", "queryDate": last_modified(self.now)}
        present = [p for p in evaluated if p.value is not None]
        if present:
            data["startDate"] = last_modified(min(p.start for p in evaluated))
        if "Unit" in alarm.params:
            data["unit"] = alarm.params["Unit"]
        if "Statistic" in alarm.params:
            data["statistic"] = alarm.params["Statistic"]
        elif "ExtendedStatistic" in alarm.params:
            data["statistic"] = alarm.params["ExtendedStatistic"]
        data["period"] = alarm.period
        data["recentDatapoints"] = [p.value for p in present]
        data["threshold"] = self.threshold
        evaluated_points: list[dict[str, Any]] = []
        by_start = {p.start: p for p in evaluated}
        for start in sorted(windows, reverse=True):
            entry: dict[str, Any] = {"timestamp": last_modified(start)}
            point = by_start.get(start)
            if point is not None and point.value is not None:
                entry["sampleCount"] = float(point.samples)
                entry["value"] = point.value
            evaluated_points.append(entry)
        data["evaluatedDatapoints"] = evaluated_points
        return data

    def insufficient(self) -> Outcome:
        n = self.alarm.evaluation_periods
        windows = [p.start for p in self.points[-n:]]
        text = f"Insufficient Data: {n} datapoint{'s were' if n != 1 else ' was'} unknown."
        return Outcome(INSUFFICIENT, lambda: (text, self._data([], windows)))

    def crossed(
        self,
        evaluated: list[Datapoint],
        flags: list[bool],
        filled: int,
        filled_breaching: bool,
        force_alarm: bool = False,
    ) -> Outcome:
        breaching = sum(flags) + (filled if filled_breaching else 0)
        state = ALARM if breaching >= self.alarm.datapoints_to_alarm or force_alarm else OK
        return Outcome(state, lambda: self._crossed(state, evaluated, flags, filled, filled_breaching))

    def _crossed(
        self, state: str, evaluated: list[Datapoint], flags: list[bool], filled: int, filled_breaching: bool
    ) -> tuple[str, dict[str, Any]]:
        alarm = self.alarm
        n, m = alarm.evaluation_periods, alarm.datapoints_to_alarm
        words = _WORDS[self.operator]
        windows = [p.start for p in evaluated]
        missing_windows = [p.start for p in self.points if p.value is None]
        windows += sorted(missing_windows)[-filled:] if filled else []
        data = self._data(evaluated, windows)
        if not evaluated:
            periods = "period" if filled == 1 else "periods"
            treated = "Breaching" if filled_breaching else "NonBreaching"
            text = (
                f"Threshold Crossed: no datapoints were received for {filled} {periods} and {filled} missing "
                f"datapoint{'s were' if filled != 1 else ' was'} treated as [{treated}]."
            )
            return text, data
        want = state == ALARM
        listed = [p for p, flag in zip(evaluated, flags, strict=True) if flag == want]
        count = len(listed)
        shown = ", ".join(
            f"{java_double(p.value or 0.0)} ({to_datetime(p.start).strftime('%d/%m/%y %H:%M:%S')})"
            for p in sorted(listed, key=lambda p: p.start, reverse=True)
        )
        verb = "was" if count == 1 else "were"
        relation = words if want else f"not {words}"
        explicit = "DatapointsToAlarm" in alarm.params
        if explicit:
            head = (
                f"Threshold Crossed: {count} out of the last {n} datapoints [{shown}] {verb} {relation} the threshold"
            )
        else:
            plural = "s" if count != 1 else ""
            head = f"Threshold Crossed: {count} datapoint{plural} [{shown}] {verb} {relation} the threshold"
        text = f"{head} ({java_double(self.threshold)})"
        if filled:
            treated = "Breaching" if filled_breaching else "NonBreaching"
            text += f" and {filled} missing datapoint{'s were' if filled != 1 else ' was'} treated as [{treated}]"
        if explicit:
            minimum = m if want else n - m + 1
            transition = "OK -> ALARM" if want else "ALARM -> OK"
            text += f" (minimum {minimum} datapoint{'s' if minimum != 1 else ''} for {transition} transition)"
        return text + ".", data


def reason_json(data: dict[str, Any]) -> str:
    """StateReasonData as AWS serialises it: compact JSON, members in the order above."""
    return json.dumps(data, separators=(",", ":"))
