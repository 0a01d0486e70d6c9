"""The Scaling pages' examples and labs 29, 30 and 32 (target tracking over a day, step scaling with alarms,
scheduled scaling before a known peak) run in the browser.

tests/docs and tests/labs run the same code in CPython; this runs it where readers run it, Python 3.14 in Pyodide:
every example of both pages with its Run button (each page's chart example must draw its SVG, with the axis labels
in the page's language), and each lab with Run > Run All Cells, waiting (event-driven) for the text the lab prints
last. The Korean and English labs share their code cells (tests/labs checks that), so each lab runs in one language
here, both languages covered.
"""

from __future__ import annotations

from typing import Any

import pytest
from tools.browser import TIME_AXIS_TITLE, chart_axis_title, run_lab, run_page_examples

pytestmark = pytest.mark.browser

#: Lab 29 simulates a whole day (about 18,000 requests): give Run All Cells far more than the kernel boot.
RUN_ALL_MS = 900_000

#: Each page, the file name of its chart example, in both languages.
PAGES = [
    ("/scaling/", "three_strategies.py"),
    ("/scaling/ecs-service/", "step_scaling.py"),
]

#: Each lab, the language it runs in here, and the text it prints last.
LABS = [
    ("ko", "29-target-tracking.ipynb", "scale-out activities: 3, scale-in activities: 3"),
    ("en", "30-step-scaling.ipynb", "00:10 web-cpu-low Alarm updated from INSUFFICIENT_DATA to ALARM"),
    ("en", "32-scheduled-scaling.ipynb", "01:05 Setting desired count to 1. | target tracking AlarmLow"),
]


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize(("path", "chart_example"), PAGES, ids=[p for p, _ in PAGES])
def test_every_example_on_a_scaling_page_runs_in_pyodide(
    site_url: str, page: Any, lang: str, path: str, chart_example: str
) -> None:
    """Every example on the page runs to the end in Pyodide and its chart example draws an SVG whose axis title is
    in the page's language."""
    run_page_examples(page, site_url + (path if lang == "ko" else "/en" + path), traceback_free=True)
    assert chart_axis_title(page, chart_example) == TIME_AXIS_TITLE[lang]


@pytest.mark.parametrize(("lang", "notebook", "last_output"), LABS, ids=[f"{lang}/{name}" for lang, name, _ in LABS])
def test_scaling_lab_runs_in_jupyterlite(site_url: str, page: Any, lang: str, notebook: str, last_output: str) -> None:
    run_lab(page, site_url, f"{lang}/{notebook}", last_output, run_all_ms=RUN_ALL_MS)
    page.locator(".jp-Notebook .jp-OutputArea-output svg").first.wait_for(timeout=RUN_ALL_MS)
    text = page.locator(".jp-Notebook").inner_text()
    assert "Traceback" not in text, text[-2000:]
