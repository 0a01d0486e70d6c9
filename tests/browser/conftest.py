"""Fixtures for browser tests: the built site on 127.0.0.1, Debian's Chromium, and a request log per test.

Every request a test page (or its workers) makes is recorded; a test fails if any went to a host other than
127.0.0.1. Console errors are printed when a test fails, because a JupyterLite kernel that cannot start shows
nothing on the page and only says why in the console.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tools.browser import RequestLog, browser, new_context, serve, warm_up

SITE = Path(__file__).resolve().parents[2] / "site"


@pytest.fixture(scope="session")
def served_site() -> Iterator[str]:
    if not (SITE / "index.html").exists() or not (SITE / "lite" / "static" / "pyodide" / "pyodide.mjs").exists():
        pytest.fail("the site is not built with lite/: run `make site` (make test does it)")
    with serve(SITE) as url:
        yield url


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    with browser() as instance:
        yield instance


@pytest.fixture(scope="session")
def site_url(served_site: str, chromium: Any) -> str:
    """The served site, after a one-off warm-up (see ``tools.browser.warm_up``) so no test pays for it."""
    warm_up(chromium, SITE, served_site)
    return served_site


@pytest.fixture
def requests() -> RequestLog:
    return RequestLog()


@pytest.fixture
def context(chromium: Any, requests: RequestLog, request: pytest.FixtureRequest) -> Iterator[Any]:
    ctx = new_context(chromium, requests, locale="ko-KR")
    console: list[str] = []
    ctx.on("console", lambda msg: console.append(f"{msg.type}: {msg.text}") if msg.type == "error" else None)
    ctx.on("weberror", lambda err: console.append(f"pageerror: {err.error}"))
    yield ctx
    ctx.close()
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed and console:
        print("browser console:\n  " + "\n  ".join(console[-40:]))
    assert not requests.foreign, f"requests to other hosts: {requests.foreign}"


@pytest.fixture
def page(context: Any) -> Any:
    return context.new_page()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    setattr(item, f"rep_{report.when}", report)
