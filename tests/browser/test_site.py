"""The real pages in Debian's Chromium: run examples, open them in JupyterLite, run a lab, switch language, search.

Every test also checks (in the ``context`` fixture) that no request left 127.0.0.1.
"""

from __future__ import annotations

from typing import Any

import pytest
from tools.browser import RequestLog

pytestmark = pytest.mark.browser

PYODIDE_BOOT_MS = 180_000  # generous: a cold headless browser on 2 shared cores

#: True once any JupyterLite output area shows the given text.
OUTPUT_CONTAINS = (
    "text => [...document.querySelectorAll('.jp-OutputArea-output')].some(e => e.innerText.includes(text))"
)

CONCEPT = {"ko": "/concepts/what-is-serverless/", "en": "/en/concepts/what-is-serverless/"}


def _engine_example(page: Any) -> Any:
    block = page.locator(".pc-run[data-ready]", has_text="create_function").first
    block.wait_for()
    return block


def _run(block: Any, timeout: int = PYODIDE_BOOT_MS) -> str:
    block.locator(".pc-run-btn").click()
    block.page.wait_for_function(
        "el => el.dataset.state === 'done' || el.dataset.state === 'error'",
        arg=block.element_handle(),
        timeout=timeout,
    )
    return str(block.locator(".pc-output").inner_text())


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_run_button_shows_real_engine_output(site_url: str, page: Any, requests: RequestLog, lang: str) -> None:
    page.goto(site_url + CONCEPT[lang])
    block = _engine_example(page)
    label = "실행" if lang == "ko" else "Run"
    assert block.locator(".pc-run-btn").inner_text().strip() == label
    # Nothing heavy loads before the reader clicks.
    assert not [u for u in requests.urls if "pyodide" in u or u.endswith(".whl")]
    output = _run(block)
    assert block.get_attribute("data-state") == "done", output
    # Computed by pocketcloud inside Pyodide: a cold start, then a warm one with the module global kept.
    assert "Init Duration" in output
    assert "'invocations': 2" in output
    assert any(u.endswith(".whl") and "pocketcloud" in u for u in requests.urls)
    # The worker stays warm: a second run gives the same (deterministic) output.
    assert _run(block, timeout=60_000) == output


def test_a_runaway_example_can_be_stopped_without_reloading(site_url: str, page: Any) -> None:
    page.goto(site_url + CONCEPT["ko"])
    # Located by position, not by its text: the test replaces the code.
    block = page.locator(".pc-run[data-ready]").first
    block.wait_for()
    block.locator("textarea.pc-editor").fill("print('spinning', flush=True)\nwhile True:\n    pass\n")
    block.locator(".pc-run-btn").click()
    page.wait_for_function("el => el.dataset.state === 'running'", arg=block.element_handle(), timeout=PYODIDE_BOOT_MS)
    block.locator(".pc-stop-btn").click()
    page.wait_for_function("el => el.dataset.state === 'idle'", arg=block.element_handle(), timeout=30_000)
    assert "중지됨" in block.locator(".pc-status").inner_text()
    # A fresh worker runs the next example on the same page.
    block.locator("textarea.pc-editor").fill("import pocketcloud\nprint('alive', pocketcloud.__version__)\n")
    assert "alive 0.1.0" in _run(block)


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
    lab.wait_for_function(OUTPUT_CONTAINS, arg="'invocations': 2", timeout=PYODIDE_BOOT_MS)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_first_lab_notebook_runs_in_jupyterlite(site_url: str, page: Any, lang: str) -> None:
    page.goto(f"{site_url}/lite/notebooks/index.html?path={lang}/01-first-function.ipynb")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=PYODIDE_BOOT_MS)
    # Wait for the kernel, then Run > Run All Cells.
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=PYODIDE_BOOT_MS)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    page.wait_for_function(OUTPUT_CONTAINS, arg="ResourceNotFoundException", timeout=PYODIDE_BOOT_MS)
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
    page.goto(site_url + path)
    blocks = page.locator(".pc-run[data-ready]")
    blocks.first.wait_for()
    count = blocks.count()
    assert count >= 1
    for index in range(count):
        block = blocks.nth(index)
        output = _run(block)
        assert block.get_attribute("data-state") == "done", f"example {index + 1} of {path}:\n{output[-2000:]}"
