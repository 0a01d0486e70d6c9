"""One search index per language, so a reader searching on a Korean page gets Korean pages.

mkdocs-static-i18n writes a single index for all languages at ``search/search_index.json``, so a
search on an English page also lists Korean pages and vice versa. After the whole site is built,
this hook splits that index: the default language keeps ``search/search_index.json``; every other
language gets ``<locale>/search/search_index.json`` with locations relative to ``<locale>/``.
``overrides/main.html`` points Material's search at the index of the page's language.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from i18n_build import default_locale, is_nested_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.search_per_language")

INDEX = Path("search/search_index.json")


def built_locales(config: MkDocsConfig) -> list[str]:
    plugin_config = getattr(config.plugins.get("i18n"), "config", None)
    languages = getattr(plugin_config, "languages", None) or []
    return [str(language.locale) for language in languages if getattr(language, "build", True)]


def split_index(index: dict[str, Any], default: str, locales: list[str]) -> dict[str, dict[str, Any]]:
    """Split a combined index by the first path segment of each location (``en/...``)."""
    others = {locale for locale in locales if locale != default}
    parts: dict[str, list[dict[str, Any]]] = {locale: [] for locale in [default, *sorted(others)]}
    for doc in index.get("docs", []):
        location = str(doc.get("location", ""))
        head, _, rest = location.partition("/")
        if head in others:
            parts[head].append({**doc, "location": rest})
        else:
            parts[default].append(doc)
    return {locale: {**index, "docs": docs} for locale, docs in parts.items()}


@event_priority(-200)  # after static-i18n has written the combined index
def on_post_build(config: MkDocsConfig) -> None:
    if is_nested_build(config):
        return
    site_dir = Path(config.site_dir)
    combined = site_dir / INDEX
    if not combined.is_file():
        log.info("No search index at %s; nothing to split.", combined)
        return
    index = json.loads(combined.read_text(encoding="utf-8"))
    default = default_locale(config)
    for locale, part in split_index(index, default, built_locales(config)).items():
        target = combined if locale == default else site_dir / locale / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(part, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        log.info("Search index for '%s': %d entries -> %s", locale, len(part["docs"]), target)
