"""Labs 17-19 (API Gateway, SES and RDS, ElastiCache) run top to bottom in JupyterLite, in both languages.

tests/labs runs them in CPython; this runs them where readers run them, Python 3.14 in Pyodide, with
Run > Run All Cells, and waits (event-driven) for the last output each lab promises.
"""

from __future__ import annotations

from typing import Any

import pytest
from tools.browser import run_lab

pytestmark = pytest.mark.browser

#: Lab 19 sends a few thousand invocations: give Run All Cells more than the kernel boot.
RUN_ALL_MS = 900_000

#: Each lab and the text its last code cell prints.
LABS = [
    ("21-http-api.ipynb", '403 {"message":"Missing Authentication Token"}'),
    ("22-mail-and-database-events.ipynb", "| sent to the function: 3"),
    ("23-cache-aside.ipynb", "invalidating  price before 1030"),
]


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize(("notebook", "last_output"), LABS, ids=[name for name, _ in LABS])
def test_lab_runs_in_jupyterlite(site_url: str, page: Any, lang: str, notebook: str, last_output: str) -> None:
    run_lab(page, site_url, f"{lang}/{notebook}", last_output, run_all_ms=RUN_ALL_MS)
    text = page.locator(".jp-Notebook").inner_text()
    assert "Traceback" not in text, text[-2000:]
