"""Put the files the site serves but MkDocs does not build into the finished site.

* ``build/lite`` -> ``<site_dir>/lite``: the offline JupyterLite build (its ``static/pyodide/``
  is also the Pyodide the in-page runner loads). It is built by another step of the Makefile; when
  it is missing the site still builds (runnable examples then report that Python is unavailable).
* ``node_modules/mermaid/dist/mermaid.min.js`` -> ``<site_dir>/assets/vendor/mermaid/``: Mermaid,
  self-hosted. ``assets/javascripts/mermaid-loader.js`` (in ``extra_javascript``) defines the
  ``mermaid`` global Material looks for, so Material never falls back to unpkg, and fetches this
  file only on pages that contain a diagram.

Runs once, on the finished site: after static-i18n has built every language (lowest priority, and
skipped inside static-i18n's nested per-language builds).
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from i18n_build import is_nested_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.bundled_assets")

LITE_SOURCE = Path("build/lite")
LITE_TARGET = Path("lite")
MERMAID_SOURCE = Path("node_modules/mermaid/dist/mermaid.min.js")
MERMAID_TARGET = Path("assets/vendor/mermaid/mermaid.min.js")


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def copy_lite(root: Path, site_dir: Path) -> None:
    source = root / LITE_SOURCE
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


def copy_mermaid(root: Path, site_dir: Path) -> None:
    source = root / MERMAID_SOURCE
    if not source.is_file():
        # Material would silently load Mermaid from unpkg instead; that breaks the no-CDN promise.
        raise PluginError(f"{source} is missing: run `npm ci` to install the self-hosted Mermaid.")
    target = site_dir / MERMAID_TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)


@event_priority(-200)  # after static-i18n's on_post_build (-100), which builds the other languages
def on_post_build(config: MkDocsConfig) -> None:
    if is_nested_build(config):
        return
    root = project_root(config)
    site_dir = Path(config.site_dir)
    copy_mermaid(root, site_dir)
    copy_lite(root, site_dir)
