"""A day of modelled Lambda traffic in Pyodide in Chromium, as a ratio to CPython (issue #12, "Scale").

``python -m bench day_pyodide [N]`` (default ``N = 30,000``, a few seconds in CPython on this machine) runs
:func:`bench.traffic_day.measure` with the same ``N`` twice in one run: here, in CPython, and in Pyodide in
Debian's Chromium, booted from the built site's own files (``bench/pages/day-pyodide.html``; build it first
with ``make site``). Both sides first simulate a small warm-up day (imports, caches, and in Chromium the wasm's
optimising compile, which V8 does in the background), then the measured one; only the simulated day is timed,
by ``measure`` itself (``time.perf_counter`` on both sides), so Pyodide's boot is not in the number. The two
days must agree in every count (the engine is deterministic): a different answer would make the ratio
meaningless, so the bench fails instead. ``BENCH_REPEATS`` (default 1) repeats both and prints the median.

As every browser bench here: the page may only request 127.0.0.1 (``tools.browser``'s request log).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
from pathlib import Path
from typing import Any

from tools.browser import RequestLog, browser, new_context, serve

from . import traffic_day

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"
PAGE = ROOT / "bench" / "pages" / "day-pyodide.html"
DEFAULT_N = 30_000
WARM_UP_N = 2_000
REPEATS = int(os.environ.get("BENCH_REPEATS", "1"))
TIMEOUT = 600_000
#: What must be the same on both sides (``seconds`` and its per-request share are what is compared).
COUNTS = ("sent", "ok", "errors", "throttled", "series", "reserved")


def in_pyodide(instance: Any, url: str, invocations: int) -> dict[str, float]:
    """``traffic_day.measure(invocations)`` in a fresh Chromium context, after a warm-up day."""
    log = RequestLog()
    context = new_context(instance, log)
    console: list[str] = []
    try:
        page = context.new_page()
        page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
        page.goto(f"{url}/__bench__/day-pyodide.html?n={WARM_UP_N},{invocations}")
        page.wait_for_function("() => !document.getElementById('go').disabled || document.body.dataset.error")
        if not page.evaluate("() => document.body.dataset.error"):
            page.click("#go")
        page.wait_for_function("() => document.body.dataset.result || document.body.dataset.error", timeout=TIMEOUT)
        error = page.evaluate("() => document.body.dataset.error")
        if error:
            raise RuntimeError(f"the day in Pyodide failed: {error[:500]}; console: {console[-10:]}")
        results: list[dict[str, float]] = json.loads(page.evaluate("() => document.body.dataset.result"))
    finally:
        context.close()
    assert not log.foreign, log.foreign
    return results[-1]


def in_cpython(invocations: int) -> dict[str, float]:
    traffic_day.measure(WARM_UP_N)
    return traffic_day.measure(invocations)


def main(invocations: int = DEFAULT_N) -> None:
    if not (SITE / "lite" / "static" / "pyodide").is_dir():
        raise SystemExit("build the site first (make site): it has no Pyodide")
    extra = {"/__bench__/day-pyodide.html": PAGE, "/__bench__/traffic_day.py": ROOT / "bench" / "traffic_day.py"}
    cpython: list[dict[str, float]] = []
    pyodide: list[dict[str, float]] = []
    with serve(SITE, extra=extra) as url, browser() as instance:
        for repeat in range(REPEATS):
            cpython.append(in_cpython(invocations))
            pyodide.append(in_pyodide(instance, url, invocations))
            here, there = cpython[-1], pyodide[-1]
            mismatch = {k: (here[k], there[k]) for k in COUNTS if here[k] != there[k]}
            assert not mismatch, f"CPython and Pyodide simulated different days (CPython, Pyodide): {mismatch}"
            print(
                f"  repeat {repeat + 1}: CPython {here['seconds']:.2f} s, Pyodide {there['seconds']:.2f} s "
                f"({there['seconds'] / here['seconds']:.2f}x)",
                flush=True,
            )
    day = cpython[-1]
    cp = statistics.median(r["seconds"] for r in cpython)
    py = statistics.median(r["seconds"] for r in pyodide)
    print(
        f"A day of traffic, N = {invocations:,}: {day['sent']:,.0f} sync requests ({day['ok']:,.0f} ok, "
        f"{day['errors']:,.0f} errors, {day['throttled']:,.0f} throttled), the same on both sides. "
        f"CPython {sys.version.split()[0]}: {cp:.2f} s ({cp / day['sent'] * 1e6:.1f} us per request); "
        f"Pyodide in Chromium: {py:.2f} s ({py / day['sent'] * 1e6:.1f} us per request); "
        f"Pyodide / CPython = {py / cp:.2f}x (median of {REPEATS})"
    )
