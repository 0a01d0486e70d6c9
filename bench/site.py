"""Site numbers for the walking skeleton, measured in one run on this machine, in Debian's Chromium.

- build time of ``mkdocs build --strict`` (the lite build is copied in by the hook);
- bytes transferred before any click for the home page and for "What is serverless?" (a page with two diagrams),
  and their ratio (issue #8's target: a page with diagrams <= 1.2x a plain page);
- the in-page runner: click -> first output (cold) and a second run (warm);
- peers booted from the same files in the same browser: a bare Pyodide page (boot + one import) and the bare
  JupyterLite REPL (``repl/index.html?code=...``).
Each browser measurement is repeated in fresh contexts; medians are printed.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tools.browser import RequestLog, browser, new_context, serve

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"
REPEATS = 3
TIMEOUT = 240_000
CONCEPT = "/concepts/what-is-serverless/"


def build_seconds() -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", out],
            cwd=ROOT,
            env=env,
            check=True,
        )
        return time.perf_counter() - started


def page_bytes(instance: Any, url: str, path: str = CONCEPT) -> tuple[int, int]:
    log = RequestLog()
    context = new_context(instance, log, measure_bytes=True)
    page = context.new_page()
    page.goto(url + path, wait_until="networkidle")
    page.wait_for_timeout(500)
    total = sum(log.bytes_by_url.values())
    count = len(log.urls)
    context.close()
    assert not log.foreign, log.foreign
    return total, count


def runner(instance: Any, url: str) -> tuple[float, float]:
    log = RequestLog()
    context = new_context(instance, log)
    page = context.new_page()
    page.goto(url + CONCEPT)
    block = page.locator(".pc-run[data-ready]", has_text="create_function").first
    block.wait_for()
    handle = block.element_handle()
    results = []
    for _ in range(2):
        block.locator(".pc-run-btn").click()
        page.wait_for_function("el => el.dataset.state === 'done'", arg=handle, timeout=TIMEOUT)
        results.append(float(block.get_attribute("data-first-output-ms") or "nan"))
    context.close()
    assert not log.foreign, log.foreign
    return results[0], results[1]


def boot_bare_pyodide(page: Any, url: str) -> tuple[float, float]:
    """Click the bare page's boot button; (first output ms, second run ms), or an error with the page's console.

    The page reads the site's content-named lock from the home page before it enables its button, and writes
    any failure to ``data-error``; without that a failed boot (a lock that is not there, a package missing from
    it) left the bench waiting out its whole timeout.
    """
    console: list[str] = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: console.append(f"pageerror: {error}"))
    page.goto(url + "/__bench__/bare-pyodide.html")
    page.wait_for_function("() => !document.getElementById('go').disabled || document.body.dataset.error")
    if not page.evaluate("() => document.body.dataset.error"):
        page.click("#go")
    page.wait_for_function("() => document.body.dataset.secondRunMs || document.body.dataset.error", timeout=TIMEOUT)
    error = page.evaluate("() => document.body.dataset.error")
    if error:
        raise RuntimeError(f"bare Pyodide failed: {error[:500]}; console: {console[-10:]}")
    first = float(page.evaluate("() => document.body.dataset.firstOutputMs"))
    second = float(page.evaluate("() => document.body.dataset.secondRunMs"))
    return first, second


def bare_pyodide(instance: Any, url: str) -> tuple[float, float]:
    log = RequestLog()
    context = new_context(instance, log)
    first, second = boot_bare_pyodide(context.new_page(), url)
    context.close()
    assert not log.foreign, log.foreign
    return first, second


def jupyterlite_repl(instance: Any, url: str) -> float:
    log = RequestLog()
    context = new_context(instance, log)
    page = context.new_page()
    code = "import%20pocketcloud%3B%20print('ready'%2C%20pocketcloud.__version__)"
    started = time.perf_counter()
    page.goto(f"{url}/lite/repl/index.html?kernel=python&toolbar=1&code={code}")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jp-OutputArea-output')].some(e => e.innerText.includes('ready'))",
        timeout=TIMEOUT,
    )
    elapsed = (time.perf_counter() - started) * 1000
    context.close()
    assert not log.foreign, log.foreign
    return elapsed


def main() -> None:
    if not (SITE / "lite" / "static" / "pyodide" / "pyodide.mjs").exists():
        raise SystemExit("build the site first: make site")
    print(f"mkdocs build --strict: {build_seconds():.1f} s")
    extra = {"/__bench__/bare-pyodide.html": ROOT / "bench" / "pages" / "bare-pyodide.html"}
    with serve(SITE, extra=extra) as url, browser() as instance:
        total, count = page_bytes(instance, url)
        home, home_count = page_bytes(instance, url, "/")
        print(f"'What is serverless?' before Run: {total / 1024:.0f} KiB in {count} requests")
        print(f"home page before any click: {home / 1024:.0f} KiB in {home_count} requests")
        print(f"ratio: diagram page / home page = {total / home:.2f}x (target <= 1.2x)")
        runs = [runner(instance, url) for _ in range(REPEATS)]
        bares = [bare_pyodide(instance, url) for _ in range(REPEATS)]
        repls = [jupyterlite_repl(instance, url) for _ in range(REPEATS)]
    first = statistics.median(r[0] for r in runs)
    second = statistics.median(r[1] for r in runs)
    bare_first = statistics.median(b[0] for b in bares)
    bare_second = statistics.median(b[1] for b in bares)
    repl = statistics.median(repls)
    print(f"runner: click -> first output {first / 1000:.2f} s; second run first output {second / 1000:.3f} s")
    print(
        f"bare Pyodide page: boot + import -> output {bare_first / 1000:.2f} s; second run {bare_second / 1000:.3f} s"
    )
    print(f"bare JupyterLite REPL: navigation -> output {repl / 1000:.2f} s")
    print(
        f"ratios: runner / bare Pyodide = {first / bare_first:.2f}x (target <= 1.3x); "
        f"JupyterLite REPL / runner = {repl / first:.2f}x"
    )


if __name__ == "__main__":
    main()
