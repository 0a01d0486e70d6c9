"""The invocation page's examples and labs 27-28 (async retries into a DLQ, CloudWatch metrics and an alarm) run in
the browser, in both languages.

tests/docs and tests/labs run the same code in CPython; this runs it where readers run it, Python 3.14 in Pyodide:
every example of the page with its Run button (the chart example must draw its SVG), and each lab with Run > Run All
Cells, waiting (event-driven) for the last output the lab promises.
"""

from __future__ import annotations

from typing import Any

import pytest
from tools.browser import TIME_AXIS_TITLE, chart_axis_title, run_lab, run_page_examples

pytestmark = pytest.mark.browser

#: Lab 28 sends 1,200 invocations, lab 27 simulates three bursts: give Run All Cells more than the kernel boot.
RUN_ALL_MS = 900_000

PAGES = {"ko": "/lambda/invocation/", "en": "/en/lambda/invocation/"}

#: Each lab, the language it runs in here, and the text its last code cell prints. One language per lab: the two
#: languages' code cells are the same (tests/labs checks it and runs both in CPython), and each language is covered.
LABS = [
    ("ko", "27-async-retries-dlq.ipynb", "reserved 20, max age    90 s: invoked 20"),
    ("en", "28-cloudwatch-metrics-alarm.ipynb", "00:09   0.0 %"),
]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_example_on_the_invocation_page_runs_in_pyodide(site_url: str, page: Any, lang: str) -> None:
    """Every example on the page runs to the end in Pyodide; the burst example draws its chart (an SVG) with the
    axis labels in the page's language."""
    run_page_examples(page, site_url + PAGES[lang], at_least=3)
    assert chart_axis_title(page, "throttled_burst.py") == TIME_AXIS_TITLE[lang]


@pytest.mark.parametrize(("lang", "notebook", "last_output"), LABS, ids=[f"{lang}/{name}" for lang, name, _ in LABS])
def test_lab_runs_in_jupyterlite(site_url: str, page: Any, lang: str, notebook: str, last_output: str) -> None:
    run_lab(page, site_url, f"{lang}/{notebook}", last_output, run_all_ms=RUN_ALL_MS)
    text = page.locator(".jp-Notebook").inner_text()
    assert "Traceback" not in text, text[-2000:]
