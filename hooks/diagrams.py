"""The ```` ```mermaid ```` fence, rendered at build time to inline SVG (see ``hooks/mermaid_svg.py``).

Pages keep Mermaid's syntax; the built page carries the finished drawing and no diagram JavaScript, so a
page with diagrams weighs about what a page without them does, and a diagram shows even with scripts off.
A diagram the renderer cannot draw as written fails the build, naming the page and saying why.

The fence is registered from ``on_config`` (like ``python-run``), replacing SuperFences' default
formatter for ``mermaid``, which would leave the source for a browser-side Mermaid to draw.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from i18n_build import page_locale
from markdown import Markdown
from mermaid_svg import DiagramError, MermaidRenderer
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

FENCE_NAME = "mermaid"

#: The accessible name's first word (the SVG's ``aria-label`` then lists what the diagram shows).
LABEL_PREFIX = {"ko": "다이어그램", "en": "Diagram"}


class _State:
    """What the formatter needs and cannot be told: SuperFences formatters receive no page."""

    renderer: MermaidRenderer | None = None
    page: str = ""
    locale: str = "ko"
    errors: list[str]

    def __init__(self) -> None:
        self.errors = []


_state = _State()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Register the fence (idempotent: static-i18n re-runs ``on_config`` for every language it builds)."""
    if _state.renderer is None:
        _state.renderer = MermaidRenderer(Path(config.config_file_path).resolve().parent)
    superfences = config.mdx_configs.setdefault("pymdownx.superfences", {})
    fences: list[dict[str, Any]] = superfences.setdefault("custom_fences", [])
    fences[:] = [fence for fence in fences if fence.get("name") != FENCE_NAME]
    fences.append({"name": FENCE_NAME, "class": "pc-diagram", "format": format_mermaid})
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    _state.page = page.file.src_uri
    _state.locale = page_locale(page, config)
    _state.errors.clear()
    return markdown


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _state.errors:
        raise PluginError(f"{page.file.src_uri}: " + "; ".join(_state.errors))
    return html_text


def format_mermaid(
    source: str, language: str, class_name: str, options: dict[str, Any], md: Markdown, **kwargs: Any
) -> str:
    """SuperFences formatter for ``mermaid`` fences: the finished inline SVG."""
    assert _state.renderer is not None, "on_config registers the renderer before any page is converted"
    try:
        return _state.renderer.render(source.strip("\n"), LABEL_PREFIX.get(_state.locale, LABEL_PREFIX["en"]))
    except DiagramError as error:
        first_line = source.strip().splitlines()[0] if source.strip() else ""
        _state.errors.append(f"the Mermaid diagram starting {first_line!r} cannot be drawn: {error}")
        return f'<pre class="pc-diagram-error">{html.escape(source)}</pre>'
