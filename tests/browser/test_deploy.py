"""A redeploy never breaks a returning reader (issue #8).

A static host lets browsers cache what it serves. If the engine's wheel kept one URL across builds, a reader
whose browser held the old wheel (or the old lock) would, after a redeploy, combine it with the new lock and
fail Pyodide's integrity check, or silently run the old engine. The build names every served wheel and the
lock after their content (tools/lite_lock.py) and each page names its build's lock, so this test does what
such a reader does: load a page from build A served with caching allowed, redeploy build B (same site, an
engine whose ``__version__`` differs) at the same address, reload in the same browser context, and run an
example. It must work, and show B's version. The context keeps Chromium's HTTP cache on (it records requests
from events, not from routes, for which Playwright would turn the cache off).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from tools.browser import RequestLog, new_context, serve, wait_for_phase

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "site"
PAGE = "/concepts/what-is-serverless/"
NEW_VERSION = "0.1.0+redeployed"
#: A static host's caching: fresh for an hour, then revalidated (GitHub Pages sends max-age=600).
CACHE_CONTROL = "public, max-age=3600"
BOOT_MS = 180_000
SHOW_VERSION = "import pocketcloud\nprint('engine', pocketcloud.__version__)\n"


def _run(what: str, command: list[str | Path], **kwargs: Any) -> None:
    result = subprocess.run([str(c) for c in command], capture_output=True, text=True, timeout=600, **kwargs)
    assert result.returncode == 0, f"{what} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}"


def _build_with_new_engine(work: Path) -> Path:
    """Build the whole site again, as `make site` would, from an engine whose __version__ is NEW_VERSION."""
    source = work / "source"
    shutil.copytree(ROOT / "engine", source / "engine", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    init = source / "engine" / "pocketcloud" / "__init__.py"
    text = init.read_text(encoding="utf-8")
    assert '__version__ = "0.1.0"' in text
    init.write_text(text.replace('__version__ = "0.1.0"', f'__version__ = "{NEW_VERSION}"'), encoding="utf-8")
    _run(
        "the engine wheel",
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", work / "dist", source],
    )
    (wheel,) = (work / "dist").glob("pocketcloud-*.whl")
    lite = work / "lite"
    lite_build = [sys.executable, ROOT / "tools" / "build_lite.py", "--wheel", wheel, "--labs", ROOT / "labs"]
    _run("the lite build", [*lite_build, "--out", lite, "--cache", ROOT / "build" / "cache"])
    site = work / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", POCKETCLOUD_LITE_DIR=str(lite))
    _run(
        "mkdocs build",
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", site],
        cwd=ROOT,
        env=env,
    )
    return site


def _engine_version(page: Any) -> str:
    block = page.locator(".pc-run[data-ready]").first
    block.wait_for()
    block.locator("textarea.pc-editor").fill(SHOW_VERSION)
    handle = block.element_handle()
    block.locator(".pc-run-btn").click()
    wait_for_phase(
        page,
        "runner after a redeploy: loading Python and the engine, and running",
        "el => el.dataset.state === 'done' || el.dataset.state === 'error'",
        arg=handle,
        timeout_ms=BOOT_MS,
        diagnose="el => `${el.dataset.state}: ${el.querySelector('.pc-output')?.innerText.slice(-500)}`",
    )
    output = str(block.locator(".pc-output").inner_text())
    assert block.get_attribute("data-state") == "done", output
    return output.strip()


def _engine_assets(urls: list[str]) -> set[str]:
    """The files that carry the engine to the page: its wheel, or the runner's memory snapshot, which holds the
    engine's files itself (format 2, so the snapshot path fetches no wheel). Both are named after their content."""
    return {u for u in urls if ("/pocketcloud-" in u and u.endswith(".whl")) or "/runner-snapshot." in u}


def test_a_redeploy_reaches_a_returning_reader_with_the_new_engine(chromium: Any, tmp_path: Path) -> None:
    if not (SITE / "lite" / "static" / "pyodide" / "pyodide.mjs").exists():
        pytest.fail("the site is not built with lite/: run `make site` (make test does it)")
    new_site = _build_with_new_engine(tmp_path)
    live = tmp_path / "live"
    live.symlink_to(SITE, target_is_directory=True)
    log = RequestLog()
    with serve(live, cache_control=CACHE_CONTROL) as url:
        context = new_context(chromium, log, http_cache=True, locale="ko-KR")
        try:
            page = context.new_page()
            page.goto(url + PAGE)
            assert _engine_version(page) == "engine 0.1.0"
            old_assets = _engine_assets(log.urls)

            # Redeploy at the same address, atomically, while the reader's tab and cache stay as they are.
            swap = tmp_path / "live.new"
            swap.symlink_to(new_site, target_is_directory=True)
            os.replace(swap, live)
            log.urls.clear()
            page.reload()
            assert _engine_version(page) == f"engine {NEW_VERSION}"
            new_assets = _engine_assets(log.urls)
            assert new_assets and not new_assets & old_assets, (old_assets, new_assets)
        finally:
            context.close()
    assert not log.foreign, log.foreign
