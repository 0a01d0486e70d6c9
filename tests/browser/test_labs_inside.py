"""Inside Lambda in the browser: every example of the "How Lambda works inside" page runs in Pyodide and draws its
chart, and Lab 24 (a spike meets the scaling rate) runs top to bottom in JupyterLite, in both languages.

tests/docs and tests/labs run the same code in CPython; this runs it where readers run it, Python 3.14 in Pyodide.
"""

from __future__ import annotations

from typing import Any

import pytest
from tools.browser import run_lab, run_page_examples

pytestmark = pytest.mark.browser

#: Lab 24 sends about 15,000 requests through the simulation: give Run All Cells more than the kernel boot.
RUN_ALL_MS = 900_000

PAGES = {"ko": "/lambda/internals/", "en": "/en/lambda/internals/"}

#: The charts an example's output frames hold: their kind (aria-label) and drawn width.
CHARTS = """block => [...block.querySelectorAll('iframe.pc-rich-html')].map(frame => {
  const svg = frame.contentDocument && frame.contentDocument.querySelector('svg.pc-chart');
  return svg ? {label: svg.getAttribute('aria-label'), width: svg.getBoundingClientRect().width,
                bars: svg.querySelectorAll('rect[class^="k-"]').length,
                lines: svg.querySelectorAll('path.ln').length} : null;
}).filter(Boolean)"""

#: The aria-label prefix of each kind of chart, by page language (pocketcloud.display.chartbase.TEXT).
LABELS = {
    "ko": {"timeline": "타임라인", "chart": "시계열 차트"},
    "en": {"timeline": "Timeline", "chart": "Time-series chart"},
}


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_example_on_the_internals_page_runs_in_pyodide(site_url: str, page: Any, lang: str) -> None:
    """The trace, the per-environment timeline and the throttle chart run in one warm worker per page; the
    timeline and the chart are drawn with axis labels in the page's language (POCKETCLOUD_LANG)."""
    text = "\n".join(run_page_examples(page, site_url + PAGES[lang], count=3))
    blocks = page.locator(".pc-run[data-ready]")
    assert "Reason: ReservedFunctionConcurrentInvocationLimitExceeded" in text
    assert "thumbs:$LATEST#1" in text and "environments: 5 for 12 requests" in text
    charts = [chart for index in range(blocks.count()) for chart in blocks.nth(index).evaluate(CHARTS)]
    words = LABELS[lang]
    timelines = [c for c in charts if c["label"].startswith(words["timeline"])]
    series = [c for c in charts if c["label"].startswith(words["chart"])]
    assert len(timelines) == 1 and timelines[0]["bars"] >= 12 and timelines[0]["width"] > 200, charts
    assert len(series) == 1 and series[0]["lines"] >= 2 and series[0]["width"] > 200, charts


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_lab_24_runs_in_jupyterlite(site_url: str, page: Any, lang: str) -> None:
    """Lab 24 in Pyodide: the spike is throttled by the scaling rate, the gradual ramp is not."""
    last = "gradual ramp: sent 10200, throttled 0"
    run_lab(page, site_url, f"{lang}/24-scaling-rate.ipynb", last, run_all_ms=RUN_ALL_MS)
    text = page.locator(".jp-Notebook").inner_text()
    assert "Traceback" not in text, text[-2000:]
    assert "Reason: ConcurrentInvocationLimitExceeded" in text
    assert "once the 1,000 are used: [100.0]" in text
