"""The "ECS cluster auto scaling" and "Lambda or containers?" pages' examples, lab 31 (a spike on ECS and on Lambda,
with the bill) and lab 33 (the memory and cost sweep) run in the browser, Python 3.14 in Pyodide, as readers run them.

tests/docs and tests/labs run the same code in CPython. Every example on each page runs with its Run button; each page's
chart example draws its chart (an SVG with the clock-time axis in the page's language). The Korean and
English labs share their code cells (tests/labs checks that), so lab 31 runs in Korean and lab 33 in English here.
"""

from __future__ import annotations

from typing import Any

import pytest
from tools.browser import TIME_AXIS_TITLE, chart_axis_title, run_lab, run_page_examples

pytestmark = pytest.mark.browser

#: Two simulations of about 2,000 requests each: generous next to the kernel boot.
RUN_ALL_MS = 600_000

PAGES = [("/scaling/ecs-cluster/", "cluster_capacity.py"), ("/scaling/lambda-or-containers/", "compare_spike.py")]
LABS = [
    ("ko", "31-spike-ecs-vs-lambda.ipynb", "Fargate costs 3.0 times as much for this spike"),
    ("en", "33-memory-cost-sweep.ipynb", "cheapest: 128 MB, fastest: 1769 MB"),
]


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize(("path", "chart_example"), PAGES, ids=[p for p, _ in PAGES])
def test_every_example_on_the_comparison_page_runs_in_pyodide(
    site_url: str, page: Any, lang: str, path: str, chart_example: str
) -> None:
    run_page_examples(page, site_url + (path if lang == "ko" else "/en" + path), traceback_free=True)
    assert chart_axis_title(page, chart_example) == TIME_AXIS_TITLE[lang]


@pytest.mark.parametrize(("lang", "notebook", "last_output"), LABS, ids=[f"{lang}/{name}" for lang, name, _ in LABS])
def test_comparison_lab_runs_in_jupyterlite(
    site_url: str, page: Any, lang: str, notebook: str, last_output: str
) -> None:
    run_lab(page, site_url, f"{lang}/{notebook}", last_output, run_all_ms=RUN_ALL_MS)
    page.locator(".jp-Notebook .jp-OutputArea-output svg").first.wait_for(timeout=RUN_ALL_MS)
    text = page.locator(".jp-Notebook").inner_text()
    assert "Traceback" not in text, text[-2000:]
