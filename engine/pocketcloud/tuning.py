"""A Lambda Power Tuning-style memory sweep: the same payload at several memory sizes, duration and cost side by side.

AWS Lambda Power Tuning (https://github.com/alexcasalboni/aws-lambda-power-tuning, linked from the Lambda
Developer Guide's memory page) "invokes your function with multiple power configurations, analyzes the execution
logs and suggests the best power configuration". It works because "Lambda allocates CPU power in proportion to the
amount of memory configured" (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html, checked
2026-12-01; "at 1,769 MB, a function has the equivalent of one vCPU"): pocketcloud models exactly that, as
``min(threads, memory / 1,769)`` vCPUs of speed for the CPU work a handler declares with
:func:`pocketcloud.runtime.cpu_work` (see :data:`pocketcloud.limits.LAMBDA_MB_PER_VCPU`). Sleeps and waits for other
services do not speed up with memory, so a sweep shows where more memory stops paying for itself.

:func:`power_tune` goes through the one invoke path as a learner's code would: for each size it calls
UpdateFunctionConfiguration (MemorySize), lets the update finish, then Invoke with ``LogType="Tail"`` ``invocations``
times and reads each REPORT line (Duration, Billed Duration, Init Duration), exactly what Power Tuning parses.
The first invocation after each update is a cold start (the update replaces the environments); its billed duration
includes Init, as Lambda bills it since August 2025. Cost per invocation is the request price plus billed GB-seconds
at :mod:`pocketcloud.pricing`'s list price (``region`` and the function's architecture). The original memory size is
restored at the end.
"""

from __future__ import annotations

import base64
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from . import pricing
from .display.svg import esc

if TYPE_CHECKING:
    from .cloud import Cloud
    from .display.charts import Picture

#: Power Tuning's default power values.
DEFAULT_MEMORY_SIZES = (128, 256, 512, 1024, 1536, 3008)
_REPORT = re.compile(r"Duration: ([\d.]+) ms\s+Billed Duration: (\d+) ms(?:.*?Init Duration: ([\d.]+) ms)?", re.S)

WORDS = {
    "en": {
        "memory": "Memory (MB)", "p50": "p50 (ms)", "p90": "p90 (ms)", "p99": "p99 (ms)", "mean": "Mean (ms)",
        "cold": "Cold starts", "cost": "Cost / invocation (USD)", "cost_m": "Cost / 1M invocations (USD)",
        "cheapest": "cheapest", "fastest": "fastest", "duration": "Duration (ms)", "title": "Memory sweep of {}",
        "cost_title": "Cost per 1M invocations of {} (USD)",
    },
    "ko": {
        "memory": "메모리(MB)", "p50": "p50(ms)", "p90": "p90(ms)", "p99": "p99(ms)", "mean": "평균(ms)",
        "cold": "콜드 스타트", "cost": "호출당 비용(USD)", "cost_m": "호출 100만 건당 비용(USD)",
        "cheapest": "가장 저렴", "fastest": "가장 빠름", "duration": "기간(ms)", "title": "{}의 메모리 스윕",
        "cost_title": "{}의 호출 100만 건당 비용(USD)",
    },
}  # fmt: skip


def percentile(values: Sequence[float], p: float) -> float:
    """The nearest-rank percentile (p in 0..100) of ``values``."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class SizeResult:
    """What ``invocations`` runs at one memory size measured."""

    memory_mb: int
    durations_ms: tuple[float, ...]
    billed_ms: tuple[int, ...]
    cold_starts: int
    cost_usd: Decimal  # mean cost of one invocation
    #: Invocations that returned a FunctionError (a timeout at a small size, say): such a size is never "best".
    errors: int = 0

    @property
    def p50(self) -> float:
        return percentile(self.durations_ms, 50)

    @property
    def p90(self) -> float:
        return percentile(self.durations_ms, 90)

    @property
    def p99(self) -> float:
        return percentile(self.durations_ms, 99)

    @property
    def mean(self) -> float:
        return sum(self.durations_ms) / len(self.durations_ms)


@dataclass(frozen=True)
class TuningResult:
    """The sweep: one :class:`SizeResult` per memory size, the cheapest and the fastest marked."""

    function_name: str
    architecture: str
    region: str
    sizes: tuple[SizeResult, ...]
    lang: str = "en"
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def _candidates(self) -> tuple[SizeResult, ...]:
        working = tuple(s for s in self.sizes if not s.errors)
        return working or self.sizes

    @property
    def cheapest(self) -> SizeResult:
        """The lowest mean cost per invocation among sizes without errors (ties: the faster, then the smaller)."""
        return min(self._candidates, key=lambda s: (s.cost_usd, s.p50, s.memory_mb))

    @property
    def fastest(self) -> SizeResult:
        """The lowest mean duration among sizes without errors (ties: the cheaper), as Power Tuning averages."""
        return min(self._candidates, key=lambda s: (s.mean, s.cost_usd, s.memory_mb))

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "memory_mb": s.memory_mb, "p50_ms": round(s.p50, 2), "p90_ms": round(s.p90, 2),
                "p99_ms": round(s.p99, 2), "mean_ms": round(s.mean, 2), "cold_starts": s.cold_starts,
                "errors": s.errors, "cost_usd": s.cost_usd, "cheapest": s is self.cheapest,
                "fastest": s is self.fastest,
            }
            for s in self.sizes
        ]  # fmt: skip

    def __str__(self) -> str:
        w = WORDS.get(self.lang, WORDS["en"])
        head = f"{w['memory']:>11} {w['p50']:>10} {w['p90']:>10} {w['p99']:>10} {w['cost_m']:>28}"
        lines = [head]
        for s in self.sizes:
            notes = [w["cheapest"]] * (s is self.cheapest) + [w["fastest"]] * (s is self.fastest)
            lines.append(
                f"{s.memory_mb:>11} {s.p50:>10.2f} {s.p90:>10.2f} {s.p99:>10.2f} {float(s.cost_usd * 1_000_000):>28.4f}"
                + (f"  <- {', '.join(notes)}" if notes else "")
            )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        w = WORDS.get(self.lang, WORDS["en"])
        cols = [w["memory"], w["p50"], w["p90"], w["p99"], w["mean"], w["cold"], w["cost_m"], ""]
        head = "".join(f"<th>{esc(c)}</th>" for c in cols)
        body = []
        for s in self.sizes:
            notes = [w["cheapest"]] * (s is self.cheapest) + [w["fastest"]] * (s is self.fastest)
            style = ' style="font-weight:600"' if notes else ""
            cells = [
                str(s.memory_mb), f"{s.p50:.2f}", f"{s.p90:.2f}", f"{s.p99:.2f}", f"{s.mean:.2f}", str(s.cold_starts),
                f"{float(s.cost_usd * 1_000_000):.4f}", ", ".join(notes),
            ]  # fmt: skip
            body.append(f"<tr{style}>" + "".join(f"<td>{esc(c)}</td>" for c in cells) + "</tr>")
        caption = esc(w["title"].format(self.function_name))
        return (
            f'<table class="pc-table"><caption>{caption}</caption><thead><tr>{head}</tr></thead><tbody>'
            + "".join(body)
            + "</tbody></table>"
        )

    def chart(self) -> Picture:
        """Duration percentiles per memory size, the cheapest and the fastest marked (:mod:`.display.sweep`)."""
        from .display.sweep import category_svg

        w = WORDS.get(self.lang, WORDS["en"])
        marks = {str(self.cheapest.memory_mb): w["cheapest"]}
        fastest = str(self.fastest.memory_mb)
        marks[fastest] = f"{marks[fastest]}, {w['fastest']}" if fastest in marks else w["fastest"]
        return category_svg(
            [str(s.memory_mb) for s in self.sizes],
            {"p50": [s.p50 for s in self.sizes], "p90": [s.p90 for s in self.sizes],
             "p99": [s.p99 for s in self.sizes]},
            title=w["title"].format(self.function_name), x_label=w["memory"], y_label=w["duration"], marks=marks,
        )  # fmt: skip

    def cost_chart(self) -> Picture:
        from .display.sweep import category_svg

        w = WORDS.get(self.lang, WORDS["en"])
        return category_svg(
            [str(s.memory_mb) for s in self.sizes],
            {w["cost_m"]: [float(s.cost_usd * 1_000_000) for s in self.sizes]},
            title=w["cost_title"].format(self.function_name), x_label=w["memory"], y_label="USD",
            marks={str(self.cheapest.memory_mb): w["cheapest"]},
        )  # fmt: skip


def _report(log_result: str) -> tuple[float, int, float | None]:
    text = base64.b64decode(log_result).decode("utf-8", "replace")
    line = next((ln for ln in text.splitlines() if ln.startswith("REPORT ")), "")
    match = _REPORT.search(line)
    if match is None:
        raise ValueError(f"no REPORT line in the invocation's log tail: {text[-200:]!r}")
    init = match.group(3)
    return float(match.group(1)), int(match.group(2)), float(init) if init else None


def _wait_for_update(cloud: Cloud, lam: Any, name: str) -> None:
    for _ in range(600):
        config = lam.get_function_configuration(FunctionName=name)
        if config.get("LastUpdateStatus", "Successful") != "InProgress":
            return
        cloud.run(until=cloud.now + 1)
    raise TimeoutError(f"the configuration update of {name} did not finish")


def power_tune(
    cloud: Cloud,
    function_name: str,
    payload: Any = b"{}",
    memory_sizes: Iterable[int] = DEFAULT_MEMORY_SIZES,
    invocations: int = 10,
    *,
    region: str = "us-east-1",
    lang: str = "en",
) -> TuningResult:
    """Invoke ``function_name`` ``invocations`` times at each memory size and compare duration and cost.

    ``payload`` is bytes, a str or anything JSON-serialisable. Prices are ``region``'s (us-east-1 by default: the
    region :mod:`pocketcloud.pricing` has verified figures for). Call it from outside the simulation: it runs the
    clock while invocations complete, as a script waiting for Invoke would.

    >>> from pocketcloud import Cloud, zip_code
    >>> cloud = Cloud(seed=0)
    >>> code = zip_code({"app.py": "from pocketcloud.runtime import cpu_work\\n"
    ...                  "def handler(e, c):\\n    cpu_work(0.5)\\n    return 1\\n"})
    >>> _ = cloud.client("lambda").create_function(FunctionName="work", Runtime="python3.13", Handler="app.handler",
    ...     Role="arn:aws:iam::123456789012:role/r", Code={"ZipFile": code}, Timeout=30)
    >>> result = power_tune(cloud, "work", memory_sizes=[128, 512, 1769, 3008], invocations=3)
    >>> [round(s.p50) for s in result.sizes]  # 0.5 s of one vCPU: 1,769/128 times slower at 128 MB
    [6911, 1729, 501, 501]
    >>> result.fastest.memory_mb, result.cheapest.memory_mb  # below one vCPU the GB-seconds hardly change
    (1769, 128)
    """
    if isinstance(invocations, bool) or not isinstance(invocations, int) or invocations < 1:
        raise ValueError(f"invocations must be a whole number >= 1, got {invocations!r}")
    sizes = list(memory_sizes)
    if not sizes:
        raise ValueError("memory_sizes must name at least one memory size")
    if isinstance(payload, bytes):
        body = payload
    elif isinstance(payload, str):
        body = payload.encode()
    else:
        body = json.dumps(payload).encode()
    lam: Any = cloud.client("lambda")
    original = lam.get_function_configuration(FunctionName=function_name)
    architecture = (original.get("Architectures") or ["x86_64"])[0]
    pricing.architecture_prices(region, architecture)  # refuse an unpriced region before invoking anything
    results: list[SizeResult] = []
    try:
        for memory in sizes:
            lam.update_function_configuration(FunctionName=function_name, MemorySize=memory)
            _wait_for_update(cloud, lam, function_name)
            durations: list[float] = []
            billed: list[int] = []
            colds = errors = 0
            total = Decimal(0)
            for _ in range(invocations):
                response = lam.invoke(FunctionName=function_name, Payload=body, LogType="Tail")
                duration, billed_ms, init = _report(response["LogResult"])
                durations.append(duration)
                billed.append(billed_ms)
                colds += init is not None
                errors += "FunctionError" in response
                total += pricing.price_invocation(memory, max(billed_ms, 1), architecture, region).total_usd
            results.append(SizeResult(memory, tuple(durations), tuple(billed), colds, total / invocations, errors))
    finally:
        lam.update_function_configuration(FunctionName=function_name, MemorySize=original["MemorySize"])
        _wait_for_update(cloud, lam, function_name)
    return TuningResult(function_name, architecture, region, tuple(results), lang)
