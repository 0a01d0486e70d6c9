"""The runner's memory snapshot (issue #15): click -> first output and bytes on the wire, against today's runner.

Three ways to get the first output of the same concept page's engine example, in one browser, one run, each in
a fresh context (nothing cached), interleaved so machine load hits them alike:

- the snapshot runner: the page as built (the worker restores ``runner-snapshot.<key>.gz``);
- today's runner: the same page with its snapshot ``<meta>`` removed, so the worker boots Pyodide and imports
  the engine as it did before the snapshot existed;
- a bare Pyodide page booting from the same files and importing the engine (``bench/pages/bare-pyodide.html``).

Bytes are summed over every request made from navigation to the first output, per file as served here and as
a host that gzips would send them (``gzip -6`` of each file; the snapshot is gzipped at build time, so it counts
once, as is, in both). The page itself loads nothing heavy before the click: the bench checks that no Pyodide
file or snapshot is requested before it. Medians of ``REPEATS`` runs are printed, and each repeat's ratio of
the snapshot runner to bare Pyodide (the two ran back to back, so they saw about the same load).
``BENCH_PATHS`` limits the run to some of the three paths.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import statistics
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tools.browser import RequestLog, browser, new_context, serve, warm_up

from .site import boot_bare_pyodide

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"
BARE = ROOT / "bench" / "pages" / "bare-pyodide.html"
PAGE = "/concepts/what-is-serverless/"
REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
#: Which paths to measure (comma-separated names as printed, e.g. "snapshot runner,bare Pyodide"; default all):
#: today's runner is by far the slowest on a loaded machine, and a change to the snapshot path needs only its peer.
PATHS = os.environ.get("BENCH_PATHS", "")
TIMEOUT = 240_000
SNAPSHOT_META = re.compile(r'<meta name="pocketcloud:pyodide-snapshot"[^>]*>\n?')
HEAVY = re.compile(r"/lite/static/pyodide/")
HEAVY_FILE = re.compile(r"\.(wasm|zip|gz|whl|json)$|\.asm\.mjs$")


def served_file(url: str) -> Path | None:
    path = urlsplit(url).path
    if path == "/__bench__/bare-pyodide.html":
        return BARE
    local = SITE / path.lstrip("/")
    if local.is_dir():
        local = local / "index.html"
    return local if local.is_file() else None


_GZIPPED: dict[Path, int] = {}


def wire_bytes(urls: list[str]) -> tuple[int, int]:
    """(bytes as served uncompressed, bytes a gzipping host sends) for these requests."""
    raw = compressed = 0
    for url in urls:
        path = served_file(url)
        if path is None:
            continue
        size = path.stat().st_size
        if path not in _GZIPPED:
            _GZIPPED[path] = size if path.suffix == ".gz" else min(size, len(gzip.compress(path.read_bytes(), 6)))
        raw += size
        compressed += _GZIPPED[path]
    return raw, compressed


def runner(instance: Any, url: str, snapshot: bool) -> dict[str, Any]:
    log = RequestLog()
    context = new_context(instance, log)
    if not snapshot:

        def without_snapshot(route: Any) -> None:
            response = route.fetch()
            route.fulfill(response=response, body=SNAPSHOT_META.sub("", response.text()))

        context.route(url + PAGE, without_snapshot)
    page = context.new_page()
    page.goto(url + PAGE, wait_until="networkidle")
    before = [u for u in log.urls if HEAVY.search(u)]
    block = page.locator(".pc-run[data-ready]", has_text="create_function").first
    block.wait_for()
    handle = block.element_handle()
    results = []
    steps: dict[str, int] = {}
    for _ in range(2):
        block.locator(".pc-run-btn").click()
        page.wait_for_function("el => ['done', 'error'].includes(el.dataset.state)", arg=handle, timeout=TIMEOUT)
        assert block.get_attribute("data-state") == "done", block.locator(".pc-output").inner_text()[-2000:]
        results.append(float(block.get_attribute("data-first-output-ms") or "nan"))
        steps = steps or start_up_steps(block.get_attribute("data-boot-timings"))
    boot = block.get_attribute("data-boot")
    urls = list(log.urls)
    context.close()
    assert not log.foreign, log.foreign
    assert not before, f"heavy files requested before the click: {before}"
    assert boot == ("snapshot" if snapshot else "normal"), boot
    raw, compressed = wire_bytes(urls)
    return {"first": results[0], "second": results[1], "raw": raw, "gzip": compressed, "steps": steps}


def start_up_steps(attribute: str | None) -> dict[str, int]:
    """The worker's start-up marks and when each Pyodide file or snapshot finished downloading, ms after the click
    (runner.mjs's ``data-boot-timings``), in time order: where the first run's wait went."""
    if not attribute:
        return {}
    timings = json.loads(attribute)
    steps = dict(timings["marks"])
    for file, (_start, end, _size) in timings["resources"].items():
        if HEAVY_FILE.search(file):
            steps[f"got {file}"] = end
    return dict(sorted(steps.items(), key=lambda item: item[1]))


def bare_pyodide(instance: Any, url: str) -> dict[str, Any]:
    log = RequestLog()
    context = new_context(instance, log)
    first, second = boot_bare_pyodide(context.new_page(), url)
    urls = list(log.urls)
    context.close()
    assert not log.foreign, log.foreign
    raw, compressed = wire_bytes(urls)
    return {"first": first, "second": second, "raw": raw, "gzip": compressed}


def main() -> None:
    if not list((SITE / "lite" / "static" / "pyodide").glob("runner-snapshot.*.gz")):
        raise SystemExit("build the site first (make site): it has no runner snapshot")
    runs: dict[str, list[dict[str, Any]]] = {"snapshot runner": [], "today's runner": [], "bare Pyodide": []}
    extra = {"/__bench__/bare-pyodide.html": BARE}
    with serve(SITE, extra=extra) as url, browser() as instance:
        warm_up(instance, SITE, url)
        for _ in range(REPEATS):
            for name, measure in (
                ("snapshot runner", lambda: runner(instance, url, snapshot=True)),
                ("today's runner", lambda: runner(instance, url, snapshot=False)),
                ("bare Pyodide", lambda: bare_pyodide(instance, url)),
            ):
                if PATHS and name not in PATHS.split(","):
                    continue
                try:
                    runs[name].append(measure())
                except Exception as error:  # one broken peer must not hide the others' numbers
                    print(f"  {name}: no result ({type(error).__name__}: {str(error)[:200]})", flush=True)
                    continue
                print(f"  {name}: {runs[name][-1]}", flush=True)
    for name, rs in runs.items():
        for index, r in enumerate(rs):
            if r.get("steps"):
                print(f"{name}, repeat {index + 1}, ms after the click: {r['steps']}")
    numbers = ("first", "second", "raw", "gzip")
    medians = {name: {k: statistics.median(r[k] for r in rs) for k in numbers} for name, rs in runs.items() if rs}
    for name, m in medians.items():
        print(
            f"{name}: click -> first output {m['first'] / 1000:.2f} s, second run {m['second'] / 1000:.3f} s; "
            f"bytes {m['raw'] / 1e6:.1f} MB uncompressed, {m['gzip'] / 1e6:.1f} MB from a gzipping host"
        )
    pairs = zip(runs["snapshot runner"], runs["bare Pyodide"], strict=False)
    print("snapshot / bare Pyodide per repeat: " + ", ".join(f"{s['first'] / b['first']:.2f}x" for s, b in pairs))
    first = {name: m["first"] for name, m in medians.items()}
    snap, today, bare = (first.get(n, float("nan")) for n in runs)
    print(
        f"ratios: snapshot / bare Pyodide = {snap / bare:.2f}x (target <= 0.35x); snapshot / today's runner = "
        f"{snap / today:.2f}x; today's runner / bare Pyodide = {today / bare:.2f}x"
    )


if __name__ == "__main__":
    main()
