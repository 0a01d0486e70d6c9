"""Put the offline JupyterLite build into the finished site, and tell every page which Pyodide lock it uses.

* ``build/lite`` -> ``<site_dir>/lite``: the offline JupyterLite build (its ``static/pyodide/`` is also the
  Pyodide the in-page runner loads). It is built by another step of the Makefile; when it is missing the
  site still builds (runnable examples then report that Python is unavailable). ``POCKETCLOUD_LITE_DIR``
  points at another build (the deploy test builds two).
* Every page gets ``<meta name="pocketcloud:pyodide-lock" content="lite/static/pyodide/pyodide-lock.<digest>.json">``
  (relative to the site root), read from the lite build's manifest. The lock's name changes with its
  content and every wheel it lists sits at a content-derived path (``tools/lite_lock.py``), so the runner
  of a page always gets the lock and the wheels of the build that page came from: a reader whose browser
  cached an older page, lock or wheel can never mix them with a newer deploy's.
* and ``<meta name="pocketcloud:pyodide-snapshot" content="lite/static/pyodide/runner-snapshot.<key>.gz">``:
  the runner's memory snapshot of the same build (``tools/lite_snapshot.py``), named after what it was made
  from, so a page never restores a snapshot of another engine (the worker checks it again, and boots Python
  normally when it does not fit).

Diagrams need nothing copied: ``hooks/diagrams.py`` draws them into the pages as SVG.

The copy runs once, on the finished site: after static-i18n has built every language (lowest priority,
and skipped inside static-i18n's nested per-language builds).
"""

from __future__ import annotations

import html
import json
import logging
import os
import shutil
from pathlib import Path

from i18n_build import is_nested_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.bundled_assets")

LITE_SOURCE = Path("build/lite")
LITE_TARGET = Path("lite")
LITE_ENV = "POCKETCLOUD_LITE_DIR"
MANIFEST_NAME = "pocketcloud-lite.json"
LOCK_META = "pocketcloud:pyodide-lock"
SNAPSHOT_META = "pocketcloud:pyodide-snapshot"


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def lite_source(config: MkDocsConfig) -> Path:
    override = os.environ.get(LITE_ENV)
    return Path(override).resolve() if override else project_root(config) / LITE_SOURCE


def manifest_path(config: MkDocsConfig, key: str, what: str) -> str | None:
    """A file the lite build's manifest names under ``key``, relative to the site root; None without a build."""
    manifest = lite_source(config) / MANIFEST_NAME
    if not manifest.is_file():
        return None
    path = json.loads(manifest.read_text(encoding="utf-8")).get(key)
    if not isinstance(path, str) or not (lite_source(config) / path).is_file():
        raise PluginError(f"{manifest} names no {what} that exists ({path!r}): rebuild it (make lite)")
    return f"{LITE_TARGET.as_posix()}/{path}"


def lock_path(config: MkDocsConfig) -> str | None:
    """The lite build's lock, relative to the site root, or None when there is no lite build."""
    return manifest_path(config, "lock_file", "lock file")


def snapshot_path(config: MkDocsConfig) -> str | None:
    """The runner's memory snapshot of the lite build, relative to the site root, or None without a build."""
    return manifest_path(config, "runner_snapshot", "runner snapshot")


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    lock = lock_path(config)
    if lock is None or "</head>" not in output:
        return output
    meta = f'<meta name="{LOCK_META}" content="{html.escape(lock)}">\n'
    snapshot = snapshot_path(config)
    if snapshot is not None:
        meta += f'<meta name="{SNAPSHOT_META}" content="{html.escape(snapshot)}">\n'
    return output.replace("</head>", meta + "</head>", 1)


def copy_lite(config: MkDocsConfig, site_dir: Path) -> None:
    source = lite_source(config)
    if not source.is_dir():
        log.info(
            "No JupyterLite build at %s: the site has no lab and runnable examples cannot load "
            "Python. Build it first (see the Makefile) to get both.",
            source,
        )
        return
    target = site_dir / LITE_TARGET
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    log.info("Copied the JupyterLite build to %s", target)


@event_priority(-200)  # after static-i18n's on_post_build (-100), which builds the other languages
def on_post_build(config: MkDocsConfig) -> None:
    if is_nested_build(config):
        return
    copy_lite(config, Path(config.site_dir))
