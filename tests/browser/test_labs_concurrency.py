"""The concurrency page and labs 25-26 in Debian's Chromium: every example on the page runs in Pyodide (the scaling-
rate chart drawn with the page's language), and both labs run top to bottom in JupyterLite (one language each,
both languages covered).

tests/docs and tests/labs run the same code in CPython; here it runs where readers run it, Python 3.14 in Pyodide.
Every test also checks (the ``context`` fixture) that no request left 127.0.0.1.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tools.browser import OUTPUT_TEXT, run_lab, run_page_examples

pytestmark = pytest.mark.browser

LABS = Path(__file__).resolve().parents[2] / "labs"

#: The page in both languages, and the axis title its chart must carry (POCKETCLOUD_LANG, set by the runner).
PAGES = [("/lambda/concurrency/", "시간(UTC)"), ("/en/lambda/concurrency/", "Time (UTC)")]

#: Each lab sends tens of thousands of simulated requests: give Run All Cells more than the kernel boot.
RUN_ALL_MS = 900_000

#: Each lab and the language it runs in here. One language per lab: the two languages' code cells are the same
#: (tests/labs checks it and runs both in CPython), and each language is covered.
LAB_RUNS = [("ko", "25-reserved-concurrency.ipynb"), ("en", "26-cold-start-mitigation.ipynb")]


@pytest.mark.parametrize(("path", "time_title"), PAGES, ids=[p for p, _ in PAGES])
def test_every_example_on_the_concurrency_page_runs_in_pyodide(
    site_url: str, page: Any, path: str, time_title: str
) -> None:
    run_page_examples(page, site_url + path, count=5, traceback_free=True)
    blocks = page.locator(".pc-run[data-ready]")
    charts = 0
    for index in range(blocks.count()):
        frame = blocks.nth(index).locator("iframe.pc-rich-html")
        if frame.count():
            charts += 1
            srcdoc = str(frame.first.get_attribute("srcdoc"))
            assert "<svg" in srcdoc and time_title in srcdoc, srcdoc[:500]
    assert charts == 1, "the scaling-rate example draws one chart"


@pytest.mark.parametrize(("lang", "name"), LAB_RUNS, ids=[f"{lang}/{name}" for lang, name in LAB_RUNS])
def test_concurrency_lab_runs_in_jupyterlite(site_url: str, page: Any, lang: str, name: str) -> None:
    expected = json.loads((LABS / lang / name).read_text(encoding="utf-8"))["metadata"]["pocketcloud"]["expect"]
    run_lab(page, site_url, f"{lang}/{name}", expected[-1], run_all_ms=RUN_ALL_MS)
    text = str(page.evaluate(OUTPUT_TEXT))
    assert "Traceback" not in text, text[-2000:]
    missing = [fragment for fragment in expected if fragment not in text]
    assert not missing, f"{lang}/{name}: {missing}"
