"""The ``python-run`` fence: highlighted Python that the reader can edit and run in the page.

A page writes::

    ```python-run title="cold_and_warm.py"
    --8<-- "docs_src/what_is_serverless/cold_and_warm.py"
    ```

pymdownx.snippets pastes the file in before SuperFences sees the fence, so the page shows exactly
the file that the tests run in CPython. This hook turns the fence into the runner's markup: the code
highlighted by SuperFences' own highlighter (so it looks like every other code block), a button
bar, a status line and an output area. ``docs/assets/runner/runner.mjs`` enhances that markup in the
browser; Pyodide itself is loaded only when the reader clicks Run.

The markup is the contract the runner and the browser tests rely on::

    div.pc-run[data-state=idle|loading|running|done|error][data-pc-lang=ko|en]
      div.pc-run__code        the highlighted block (runner overlays an editor on it)
      div.pc-run__bar         button.pc-run-btn, button.pc-stop-btn, a.pc-lab-link, span.pc-status
      div.pc-output           streamed stdout/stderr and the last expression's rich value

The fence is registered from ``on_config`` rather than in mkdocs.yml because a
``!!python/name:`` tag needs the module importable while the YAML is parsed, and MkDocs does not
put the config folder on ``sys.path``.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any
from urllib.parse import quote

from i18n_build import page_locale
from markdown import Markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from pymdownx.superfences import highlight_validator

FENCE_NAME = "python-run"
LAB_PATH = "lite/repl/index.html"

# Button and ARIA labels by page language. Status texts live in the runner (they change at run time).
LABELS: dict[str, dict[str, str]] = {
    "ko": {
        "run": "실행",
        "stop": "중지",
        "lab": "랩에서 열기",
        "run_title": "코드 실행(Ctrl+Enter)",
        "stop_title": "실행 중지 — Python을 새로 시작합니다",
        "lab_title": "JupyterLite 랩에서 이 코드를 새 탭으로 엽니다",
        "region": "실행할 수 있는 예제",
        "output": "실행 결과",
    },
    "en": {
        "run": "Run",
        "stop": "Stop",
        "lab": "Open in lab",
        "run_title": "Run the code (Ctrl+Enter)",
        "stop_title": "Stop — restarts Python",
        "lab_title": "Open this code in the JupyterLite lab, in a new tab",
        "region": "Runnable example",
        "output": "Output",
    },
}


class _PageState:
    """What the formatter needs to know about the page being converted.

    SuperFences formatters receive no page, so ``on_page_markdown`` records it here just before
    MkDocs converts that page's Markdown (pages are converted one at a time).
    """

    locale: str = "ko"
    site_root: str = "./"


_page = _PageState()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Register the fence and anchor snippets to the project folder. Idempotent: static-i18n
    re-runs ``on_config`` for every language it builds."""
    superfences = config.mdx_configs.setdefault("pymdownx.superfences", {})
    fences: list[dict[str, Any]] = superfences.setdefault("custom_fences", [])
    if not any(fence.get("name") == FENCE_NAME for fence in fences):
        fences.append(
            {
                "name": FENCE_NAME,
                "class": "pc-run",
                "format": format_python_run,
                "validator": highlight_validator,
            }
        )
    snippets = config.mdx_configs.get("pymdownx.snippets")
    if snippets is not None and config.config_file_path:
        project_root = Path(config.config_file_path).resolve().parent
        snippets["base_path"] = [str(project_root)]
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    _page.locale = page_locale(page, config)
    _page.site_root = get_relative_url(".", page.url).rstrip("/") + "/"
    return markdown


def lab_href(source: str, site_root: str) -> str:
    """The JupyterLite REPL URL that runs ``source`` on load; same encoding as encodeURIComponent."""
    code = quote(source, safe="!~*'()")
    return f"{site_root}{LAB_PATH}?kernel=python&toolbar=1&code={code}"


def format_python_run(
    source: str, language: str, class_name: str, options: dict[str, Any], md: Markdown, **kwargs: Any
) -> str:
    """SuperFences formatter for ``python-run`` fences."""
    source = source.rstrip("\n")
    labels = LABELS.get(_page.locale, LABELS["en"])
    highlighter = md.preprocessors["fenced_code_block"]
    code_html = highlighter.highlight(
        src=source,
        language="python",
        options=options,
        md=md,
        classes=[],
        id_value="",
        attrs={},
    )
    esc = html.escape
    return (
        f'<div class="{esc(class_name)}" data-state="idle" data-pc-lang="{esc(_page.locale)}"'
        f' role="region" aria-label="{esc(labels["region"])}">'
        f'<div class="pc-run__code">{code_html}</div>'
        '<div class="pc-run__bar">'
        f'<button type="button" class="pc-run-btn" title="{esc(labels["run_title"])}" disabled>'
        f"{esc(labels['run'])}</button>"
        f'<button type="button" class="pc-stop-btn" title="{esc(labels["stop_title"])}" disabled>'
        f"{esc(labels['stop'])}</button>"
        f'<a class="pc-lab-link" href="{esc(lab_href(source, _page.site_root))}" target="_blank"'
        f' rel="noopener" title="{esc(labels["lab_title"])}">{esc(labels["lab"])}</a>'
        '<span class="pc-status" role="status" aria-live="polite"></span>'
        "</div>"
        f'<div class="pc-output" aria-label="{esc(labels["output"])}" hidden></div>'
        "</div>"
    )
