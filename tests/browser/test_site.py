"""The real pages in Debian's Chromium: run examples, open them in JupyterLite, run a lab, switch language, search.

Every test also checks (in the ``context`` fixture) that no request left 127.0.0.1.
"""

from __future__ import annotations

from typing import Any

import pytest
from tools.browser import (
    LAB_STATE,
    OUTPUT_CONTAINS,
    PYODIDE_BOOT_MS,
    RUNNER_STATE,
    RequestLog,
    run_example,
    run_lab,
    run_page_examples,
    wait_for_phase,
)

pytestmark = pytest.mark.browser

CONCEPT = {"ko": "/concepts/what-is-serverless/", "en": "/en/concepts/what-is-serverless/"}


def _engine_example(page: Any) -> Any:
    block = page.locator(".pc-run[data-ready]", has_text="create_function").first
    block.wait_for()
    return block


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_run_button_shows_real_engine_output(site_url: str, page: Any, requests: RequestLog, lang: str) -> None:
    page.goto(site_url + CONCEPT[lang])
    block = _engine_example(page)
    label = "실행" if lang == "ko" else "Run"
    assert block.locator(".pc-run-btn").inner_text().strip() == label
    # Nothing heavy loads before the reader clicks.
    assert not [u for u in requests.urls if "pyodide" in u or u.endswith(".whl") or "/runner-snapshot." in u]
    output = run_example(block)
    assert block.get_attribute("data-state") == "done", output
    # Computed by pocketcloud inside Pyodide: a cold start, then a warm one with the module global kept.
    assert "Init Duration" in output
    assert "'invocations': 2" in output
    # The engine came with the click: in its wheel, or in the runner's memory snapshot, which carries the engine's
    # files itself (snapshot format 2 fetches no wheel).
    assert any((u.endswith(".whl") and "pocketcloud" in u) or "/runner-snapshot." in u for u in requests.urls)
    # The worker stays warm: a second run gives the same (deterministic) output.
    assert run_example(block, timeout_ms=60_000) == output


def test_a_runaway_example_can_be_stopped_without_reloading(site_url: str, page: Any) -> None:
    page.goto(site_url + CONCEPT["ko"])
    # Located by position, not by its text: the test replaces the code.
    block = page.locator(".pc-run[data-ready]").first
    block.wait_for()
    block.locator("textarea.pc-editor").fill("print('spinning', flush=True)\nwhile True:\n    pass\n")
    block.locator(".pc-run-btn").click()
    handle = block.element_handle()
    wait_for_phase(
        page, "runner: starting the runaway loop", "el => el.dataset.state === 'running'",
        arg=handle, timeout_ms=PYODIDE_BOOT_MS, diagnose=RUNNER_STATE,
    )  # fmt: skip
    block.locator(".pc-stop-btn").click()
    wait_for_phase(
        page, "runner: stopping", "el => el.dataset.state === 'idle'",
        arg=handle, timeout_ms=30_000, diagnose=RUNNER_STATE,
    )  # fmt: skip
    assert "중지됨" in block.locator(".pc-status").inner_text()
    # A fresh worker runs the next example on the same page.
    block.locator("textarea.pc-editor").fill("import pocketcloud\nprint('alive', pocketcloud.__version__)\n")
    assert "alive 0.1.0" in run_example(block)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_open_in_lab_runs_the_same_code_in_jupyterlite(site_url: str, context: Any, lang: str) -> None:
    page = context.new_page()
    page.goto(site_url + CONCEPT[lang])
    block = _engine_example(page)
    link = block.locator(".pc-lab-link")
    assert link.inner_text().strip() == ("랩에서 열기" if lang == "ko" else "Open in lab")
    href = link.evaluate("a => a.href")
    assert "/lite/repl/index.html" in href and "create_function" in page.evaluate("h => decodeURIComponent(h)", href)
    lab = context.new_page()
    lab.goto(href)
    wait_for_phase(
        lab, "JupyterLite REPL: kernel start and run", OUTPUT_CONTAINS,
        arg="'invocations': 2", timeout_ms=PYODIDE_BOOT_MS, diagnose=LAB_STATE,
    )  # fmt: skip


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_first_lab_notebook_runs_in_jupyterlite(site_url: str, page: Any, lang: str) -> None:
    run_lab(page, site_url, f"{lang}/01-first-function.ipynb", "ResourceNotFoundException")
    text = page.locator(".jp-Notebook").inner_text()
    assert "COLD" in text and "warm" in text


@pytest.mark.parametrize(("start", "target", "name"), [("ko", "en", "English"), ("en", "ko", "한국어")])
def test_language_switcher_keeps_the_reader_on_the_same_page(
    site_url: str, page: Any, start: str, target: str, name: str
) -> None:
    page.goto(site_url + CONCEPT[start])
    page.hover(".md-header__option .md-select")
    page.click(f".md-select__link:has-text('{name}')")
    page.wait_for_url(f"**{CONCEPT[target]}")
    assert page.locator("html").get_attribute("lang") == target


@pytest.mark.parametrize(
    ("start", "query", "expected", "unexpected"),
    [
        ("/", "서버리스", "/concepts/what-is-serverless/", "/en/"),
        ("/en/", "serverless", "/en/concepts/what-is-serverless/", None),
    ],
)
def test_search_finds_pages_in_the_readers_language(
    site_url: str, page: Any, start: str, query: str, expected: str, unexpected: str | None
) -> None:
    page.goto(site_url + start)
    page.click(".md-search__input")
    page.keyboard.type(query, delay=30)
    page.keyboard.press("End")  # Hangul typed by keyboard.type fires no keyup; End makes Material search
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    links = page.eval_on_selector_all(".md-search-result__item > a", "as => as.map(a => new URL(a.href).pathname)")
    assert any(link.startswith(expected) for link in links), links
    if unexpected:
        assert not any(link.startswith(unexpected) for link in links), links


PAGES = [
    "/concepts/what-is-serverless/",
    "/lambda/",
    "/lambda/lifecycle/",
    "/lambda/environment-variables/",
    "/lambda/layers/",
    "/lambda/pricing/",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_example_on_a_page_runs_in_pyodide(site_url: str, page: Any, path: str) -> None:
    """The examples are tested in CPython (tests/docs); this runs them where readers run them: Python 3.14 in
    Pyodide, one warm worker per page."""
    run_page_examples(page, site_url + path)


#: Pages with diagrams, one per kind of diagram the site uses (flowchart + sequence, state, flowchart).
#: What the search worker and Chromium ask for after a page has loaded (the site's search speaks en and ko).
SEARCH_LATE_ASSETS = (
    "/assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
    "/assets/javascripts/lunr/min/lunr.multi.min.js",
    "/assets/javascripts/lunr/min/lunr.ko.min.js",
    "/assets/images/favicon.svg",
)
DIAGRAM_PAGES = ["/concepts/what-is-serverless/", "/lambda/lifecycle/", "/en/lambda/pricing/"]

#: For every text in every diagram: its WCAG contrast ratio against what is under it, and its weight. Colours
#: are read as the browser computed them (``rgb()``/``rgba()`` from Material's variables, ``color(srgb ...)``
#: from ``color-mix()``) and composited over the box behind the text, or the page background.
DIAGRAM_CONTRASTS = """() => {
  const parse = (c) => {
    let m = c.match(/^rgba?\\(([^)]+)\\)$/);
    if (m) { const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
             return [p[0] / 255, p[1] / 255, p[2] / 255, p.length > 3 ? p[3] : 1]; }
    m = c.match(/^color\\(srgb ([^)]+)\\)$/);
    if (m) { const p = m[1].split(/[ \\/]+/).filter(Boolean).map(Number);
             return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; }
    throw new Error('unparsed colour ' + c);
  };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const lum = (c) => { const l = c.slice(0, 3).map(v => v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
                       return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2]; };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const page = parse(getComputedStyle(document.body).backgroundColor);
  const out = [];
  for (const svg of document.querySelectorAll('.pc-diagram svg')) {
    const box = svg.getBoundingClientRect();
    for (const text of svg.querySelectorAll('text')) {
      const shape = text.parentElement.querySelector('rect, polygon, ellipse, circle');
      let under = page;
      if (shape && shape !== text) {
        const fill = getComputedStyle(shape).fill;
        if (fill && fill !== 'none') under = over(parse(fill), page);
      }
      const colour = over(parse(getComputedStyle(text).fill), under);
      out.push({ text: text.textContent, ratio: ratio(colour, under),
                 weight: Number(text.getAttribute('font-weight') || 400),
                 width: box.width, light: lum(colour) > lum(under) });
    }
  }
  return { scheme: document.body.dataset.mdColorScheme, texts: out };
}"""


#: Bytes of the diagrams' markup in the page (UTF-8).
DIAGRAM_BYTES = (
    "() => [...document.querySelectorAll('.pc-diagram')]"
    ".reduce((n, d) => n + new TextEncoder().encode(d.outerHTML).length, 0)"
)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", DIAGRAM_PAGES)
def test_diagrams_are_drawn_and_legible_in_both_colour_schemes(
    site_url: str, page: Any, requests: RequestLog, path: str, scheme: str
) -> None:
    """Diagrams are inline SVG whose colours follow Material's scheme: every text on them, labels and
    secondary text alike, keeps a contrast of at least 4.5:1 with what is behind it (WCAG 2.2 success
    criterion 1.4.3, https://www.w3.org/TR/WCAG22/#contrast-minimum), light text in slate, dark text in the
    default scheme, and no diagram JavaScript is fetched."""
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + path)
    page.locator(".pc-diagram svg").first.wait_for()
    result = page.evaluate(DIAGRAM_CONTRASTS)
    assert result["scheme"] == ("slate" if scheme == "dark" else "default")
    texts = result["texts"]
    assert texts, f"no diagram text on {path}"
    assert all(t["width"] > 100 for t in texts), "a diagram is drawn smaller than 100 px"
    weak = [t for t in texts if t["ratio"] < 4.5]
    assert not weak, f"low contrast in {scheme}: {weak[:5]}"
    assert all(t["light"] == (scheme == "dark") for t in texts), f"text does not follow the {scheme} scheme"
    assert not [u for u in requests.urls if "mermaid" in u.lower()], "a diagram script was requested"


def test_diagram_pages_weigh_about_what_a_plain_page_weighs(chromium: Any, site_url: str) -> None:
    """Issue #8: a page with diagrams costs at most 1.2x a plain page before Run. Measured in Chromium: the
    page loads exactly the requests its language's home page loads (no diagram script or style), and its
    inline diagrams add at most 20% to what the page weighs without them."""
    from tools.browser import new_context, wait_for_finished

    def measure(path: str) -> tuple[int, list[str], int]:
        log = RequestLog()
        context = new_context(chromium, log, measure_bytes=True)
        page = context.new_page()
        page.goto(site_url + path, wait_until="networkidle")
        # The theme's late requests (search index, lunr's languages, favicon) are the same on every page, but
        # may come after the network went quiet on a loaded machine: wait for them, so both sides are whole.
        index = ("/en" if path.startswith("/en/") else "") + "/search/search_index.json"
        wait_for_finished(context, log, [index, *SEARCH_LATE_ASSETS], timeout_ms=60_000)
        diagrams = int(page.evaluate(DIAGRAM_BYTES))
        context.close()
        assets = sorted(u.removeprefix(site_url) for u in log.bytes_by_url if not u.endswith("/"))
        return sum(log.bytes_by_url.values()), assets, diagrams

    homes = {"/": measure("/"), "/en/": measure("/en/")}
    for path in DIAGRAM_PAGES:
        total, assets, diagrams = measure(path)
        home_total, home_assets, _ = homes["/en/" if path.startswith("/en/") else "/"]
        print(f"{path}: {total / 1024:.0f} KiB before Run, {diagrams / 1024:.1f} KiB of it diagrams; "
              f"home {home_total / 1024:.0f} KiB")  # fmt: skip
        assert diagrams > 0, path
        assert assets == home_assets, f"{path} loads other files than its home page: {set(assets) ^ set(home_assets)}"
        assert diagrams <= 0.2 * (total - diagrams), f"{path}: diagrams weigh {diagrams} of {total} bytes"
