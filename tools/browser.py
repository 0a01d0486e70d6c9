"""A local static server and a locked-down Chromium, shared by the browser tests and the benchmarks.

The browser is Debian's Chromium driven by Playwright for Python (never a downloaded browser). Every request
a page or its workers make is recorded by a context-level route, so a test can fail when anything goes to a
host other than 127.0.0.1; requests to other hosts are also aborted, so nothing leaves the machine even then.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import socketserver
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

#: Flags from DEVELOPERS.md, plus two that keep Chromium's own background traffic quiet (see
#: ../shared/notes/offline-jupyterlite.md): they affect the browser, not what the site requests.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]

LOCAL_HOSTS = {"127.0.0.1"}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".whl": "application/zip",
        ".ipynb": "application/json",
    }

    #: Sent with every response. ``no-store`` by default (a browser context starts empty anyway); the deploy
    #: test serves with caching allowed, as a static host does, to prove a returning reader is safe.
    cache_control: ClassVar[str] = "no-store"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", self.cache_control)
        super().end_headers()


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


@contextmanager
def serve(
    directory: Path, port: int = 0, extra: dict[str, Path] | None = None, cache_control: str = "no-store"
) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port by default) and yield its base URL.

    ``extra`` maps URL paths (e.g. ``/__bench__/bare.html``) to files outside the directory, so benchmarks can
    add their own pages next to the site without writing into it. ``directory`` may be a symlink: it is
    followed on every request, so a test can switch what is served between two requests.
    """
    extras = {k: str(v) for k, v in (extra or {}).items()}

    class Handler(_QuietHandler):
        def translate_path(self, path: str) -> str:
            clean = urlsplit(path).path
            if clean in extras:
                return extras[clean]
            return super().translate_path(path)

    Handler.cache_control = cache_control
    handler = functools.partial(Handler, directory=str(directory))
    server = _Server(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class RequestLog:
    """Every URL a browser context asked for, and those that went (or tried to go) elsewhere."""

    urls: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    bytes_by_url: dict[str, int] = field(default_factory=dict)

    def record(self, url: str) -> bool:
        self.urls.append(url)
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS:
            self.foreign.append(url)
            return False
        return True

    def clear(self) -> None:
        self.urls.clear()
        self.bytes_by_url.clear()


def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        raise RuntimeError("Debian's Chromium is not installed: apt-get install -y chromium (see .ci/run)")
    return path


@contextmanager
def browser() -> Iterator[Any]:
    """Launch Debian's Chromium headless with the project's flags."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        try:
            yield instance
        finally:
            instance.close()


def new_context(
    instance: Any, log: RequestLog, measure_bytes: bool = False, http_cache: bool = False, **options: Any
) -> Any:
    """A fresh browser context whose every request (pages and workers) is recorded and kept local.

    Requests are seen through a context-level route, which also aborts any to another host. Playwright turns
    the HTTP cache off for a context with routes, so ``http_cache=True`` records them from the context's
    ``request`` events instead (which see dedicated workers' requests too) and leaves the cache on; other
    hosts are then still unreachable, because ``CHROMIUM_ARGS`` resolve every name but 127.0.0.1 to nothing,
    and still recorded as foreign.

    With ``measure_bytes`` each response's body size is recorded too (for benchmarks; it costs a round trip
    to the browser per response).
    """
    context = instance.new_context(**options)

    def route(route: Any) -> None:
        if log.record(route.request.url):
            route.continue_()
        else:
            route.abort()

    if http_cache:
        context.on("request", lambda request: log.record(request.url))
    else:
        context.route("**/*", route)

    def on_response(response: Any) -> None:
        try:
            size = response.request.sizes()["responseBodySize"]
        except Exception:  # the body of an aborted or streamed response may be unavailable
            size = 0
        log.bytes_by_url[response.url] = size

    if measure_bytes:
        context.on("requestfinished", lambda request: on_response(request.response()))
    return context


def wait_for_finished(context: Any, log: RequestLog, suffixes: Iterable[str], *, timeout_ms: float) -> None:
    """Wait until a response whose URL ends with each of ``suffixes`` has finished, in a ``measure_bytes`` context.

    ``networkidle`` is not enough to say a page has settled: the search worker fetches its index and imports
    lunr's language scripts after the page went quiet, and Chromium asks for the favicon when it likes. On a
    loaded machine those can come later than 500 ms of quiet. This waits on the ``requestfinished`` events
    themselves (no polling): a response already recorded is not waited for, and sync Playwright only
    dispatches events inside its own calls, so none can slip between the check and the wait.
    """
    for suffix in suffixes:
        if not any(url.endswith(suffix) for url in log.bytes_by_url):

            def finished(request: Any, suffix: str = suffix) -> bool:
                return bool(request.url.endswith(suffix))

            context.wait_for_event("requestfinished", predicate=finished, timeout=timeout_ms)


class PhaseTimeout(AssertionError):
    """A browser wait that ran out of time; the message names the phase that stalled and the page's state."""


def wait_for_phase(
    page: Any, phase: str, expression: str, *, timeout_ms: float, arg: Any = None, diagnose: str | None = None
) -> None:
    """Wait until ``expression`` (a JS function of ``arg``) is truthy, or fail saying which phase stalled.

    The wait is Playwright's ``wait_for_function``, polled on animation frames: no sleeps, so a fast machine
    is not slowed down and a loaded one only needs the generous budget. On timeout the failure says which
    phase (e.g. "kernel start") did not finish, after how long, and what ``diagnose`` (a JS function of
    ``arg``) reads from the page then, so a stall on a busy machine is told apart from a broken page.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(expression, arg=arg, timeout=timeout_ms)
    except PlaywrightTimeout:
        state = ""
        if diagnose:
            try:
                state = str(page.evaluate(diagnose, arg))
            except Exception as error:  # the page itself may be gone or hung
                state = f"(the page's state could not be read: {error})"
        raise PhaseTimeout(
            f"{phase}: not finished after {timeout_ms / 1000:.0f} s on {page.url}"
            + (f"; page state: {state}" if state else "")
        ) from None


#: True once any code cell has started: its prompt shows ``[*]`` (running) or an execution count.
_CELLS_STARTED = """() => [...document.querySelectorAll('.jp-Notebook .jp-InputPrompt')]
  .some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))"""


def run_all_cells(page: Any, *, attempts: int = 3, start_timeout_ms: float = 20_000) -> None:
    """Run > Run All Cells in JupyterLite, and make sure it took.

    The kernel can report idle a moment before the notebook panel is JupyterLab's current widget; a Run All
    clicked then is a no-op (the command has no notebook to run), and the test would wait out its whole
    budget on a notebook that never started. So after the click this waits, event-driven, until a cell's
    prompt shows it started; if none did, it focuses the notebook and clicks again (at most ``attempts``
    times, then fails saying so).
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(1, attempts + 1):
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        try:
            page.wait_for_function(_CELLS_STARTED, timeout=start_timeout_ms)
            return
        except PlaywrightTimeout:
            if attempt == attempts:
                raise PhaseTimeout(
                    f"JupyterLite: Run All Cells started no cell after {attempts} attempts on {page.url}"
                ) from None
            page.keyboard.press("Escape")  # close the menu if it is still open
            page.locator(".jp-Notebook .jp-Cell").first.click()  # make the notebook the current widget


#: How long a cold kernel may take to boot: a cold headless browser on 2 shared cores.
PYODIDE_BOOT_MS = 180_000

#: What a stalled JupyterLite page shows: its cells, the kernel indicator and the end of the outputs.
LAB_STATE = (
    "() => `cells=${document.querySelectorAll('.jp-Cell').length}, kernel="
    "${document.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status ?? 'no indicator'} "
    "(${document.querySelector('.jp-KernelName')?.innerText ?? 'no kernel name'}), "
    "outputs=${JSON.stringify([...document.querySelectorAll('.jp-OutputArea-output')].map(e => e.innerText)"
    ".join(' | ').slice(-300))}`"
)

#: True once the notebook's own kernel has started and is idle. The execution indicator alone is not enough: it
#: reads "idle" from the moment the toolbar appears, while the notebook still has no kernel ("No Kernel", the
#: status icon ``jp-KernelStatus-none``); a Run All clicked then makes JupyterLab start a kernel itself, and if
#: the kernel specs have not loaded yet it opens "Select Kernel" instead. The status icon turns to
#: ``jp-KernelStatus-success`` only when a kernel is connected and idle.
KERNEL_READY = (
    "() => !!document.querySelector(\".jp-Notebook-ExecutionIndicator[data-status='idle']\")"
    " && !!document.querySelector('.jp-KernelStatus-success')"
)

#: True once any JupyterLite output area shows the given text, as rendered (``innerText``: table cells apart)
#: or as written (``textContent``).
OUTPUT_CONTAINS = (
    "text => [...document.querySelectorAll('.jp-OutputArea-output')]"
    ".some(e => e.innerText.includes(text) || e.textContent.includes(text))"
)


def run_lab(page: Any, site_url: str, path: str, last_output: str, *, run_all_ms: float = PYODIDE_BOOT_MS) -> None:
    """Open the lab notebook ``path`` (``ko/01-first-function.ipynb``) in JupyterLite and run all its cells.

    Phase by phase, each wait event-driven and named so a stall says where it happened: the notebook opens,
    the kernel reports idle, Run > Run All Cells starts a cell (:func:`run_all_cells`), and some output shows
    ``last_output`` (the text the lab's last code cell prints) within ``run_all_ms``. What the lab showed is
    then the caller's to check (``page.locator(".jp-Notebook")``).
    """
    page.goto(f"{site_url}/lite/notebooks/index.html?path={path}")
    wait_for_phase(
        page, "JupyterLite: opening the notebook", "() => document.querySelector('.jp-Notebook .jp-Cell')",
        timeout_ms=PYODIDE_BOOT_MS, diagnose=LAB_STATE,
    )  # fmt: skip
    wait_for_phase(page, "JupyterLite: kernel start", KERNEL_READY, timeout_ms=PYODIDE_BOOT_MS, diagnose=LAB_STATE)
    run_all_cells(page)
    wait_for_phase(
        page, f"JupyterLite: running {path}", OUTPUT_CONTAINS,
        arg=last_output, timeout_ms=run_all_ms, diagnose=LAB_STATE,
    )  # fmt: skip


def warm_up(instance: Any, site: Path, url: str) -> None:
    """Pay the one-off costs of a session before the first test's clock starts.

    On a loaded 2-core machine the first browser test used to time out while it alone paid for reading the
    ~40 MB of Pyodide and JupyterLite from disk and for Chromium's first renderer and font set-up. This reads
    the lite build once (into the OS page cache) and loads the home page once in a throwaway context.
    """
    for path in sorted((site / "lite").rglob("*")):
        if path.is_file() and path.suffix in (".wasm", ".zip", ".whl", ".js", ".mjs", ".json", ".gz"):
            with path.open("rb") as stream:
                while stream.read(1 << 20):
                    pass
    log = RequestLog()
    context = new_context(instance, log)
    try:
        context.new_page().goto(url + "/", wait_until="load", timeout=120_000)
    finally:
        context.close()


#: What a stalled runnable example shows: its state, its status line and the end of its output.
RUNNER_STATE = (
    "el => `data-state=${el.dataset.state}, status=${JSON.stringify(el.querySelector('.pc-status')?.innerText)}, "
    "output=${JSON.stringify((el.querySelector('.pc-output')?.innerText || '').slice(-300))}`"
)

#: Every JupyterLite output of the notebook as text. ``textContent``, not ``innerText``: a long notebook keeps the
#: cells out of view unrendered (JupyterLab's windowing), and only ``textContent`` reads those.
OUTPUT_TEXT = "() => [...document.querySelectorAll('.jp-OutputArea-output')].map(e => e.textContent).join('\\n')"

#: The title of a chart's clock-time axis, by page language (``pocketcloud.display.chartbase.TEXT["time"]``; the
#: runner sets POCKETCLOUD_LANG from the page's language).
TIME_AXIS_TITLE = {"ko": "시간(UTC)", "en": "Time (UTC)"}


def run_example(block: Any, timeout_ms: float = PYODIDE_BOOT_MS) -> str:
    """Click a runnable example's Run and wait, phase by phase, so a stall says whether Python, the packages or
    the code hung; return what the example printed (``.pc-output``)."""
    handle = block.element_handle()
    block.locator(".pc-run-btn").click()
    for phase, done in (
        ("runner: loading Python and the engine", "el => ['running', 'done', 'error'].includes(el.dataset.state)"),
        ("runner: running the example", "el => el.dataset.state === 'done' || el.dataset.state === 'error'"),
    ):
        wait_for_phase(block.page, phase, done, arg=handle, timeout_ms=timeout_ms, diagnose=RUNNER_STATE)
    return str(block.locator(".pc-output").inner_text())


def run_page_examples(
    page: Any, url: str, *, count: int | None = None, at_least: int = 1, traceback_free: bool = False
) -> list[str]:
    """Open ``url`` and run every runnable example on it, top to bottom, in the page's one warm worker.

    Each example must end ``done`` (and, with ``traceback_free``, print no Python traceback); the page must hold
    exactly ``count`` examples when given, else at least ``at_least``. Returns each example's output, in page
    order; the examples stay on the page (``page.locator(".pc-run[data-ready]")``) for further checks.
    """
    page.goto(url)
    blocks = page.locator(".pc-run[data-ready]")
    blocks.first.wait_for()
    found = blocks.count()
    if count is not None:
        assert found == count, f"{url}: {found} examples, expected {count}"
    assert found >= at_least, f"{url}: {found} examples, expected at least {at_least}"
    outputs = []
    for index in range(found):
        block = blocks.nth(index)
        output = run_example(block)
        assert block.get_attribute("data-state") == "done", f"example {index + 1} of {url}:\n{output[-2000:]}"
        if traceback_free:
            assert "Traceback" not in output, f"example {index + 1} of {url}:\n{output[-2000:]}"
        outputs.append(output)
    return outputs


def chart_axis_title(page: Any, example: str) -> str:
    """The clock-time axis title (:data:`TIME_AXIS_TITLE`) drawn in the first chart of the example whose text
    names ``example`` (its file name, e.g. ``throttled_burst.py``), or ``""`` if the chart has none; waits for
    the chart's SVG."""
    chart = page.locator(".pc-run", has_text=example).frame_locator("iframe.pc-rich-html").locator("svg").first
    chart.wait_for()
    text = chart.text_content() or ""
    return next((title for title in TIME_AXIS_TITLE.values() if title in text), "")
