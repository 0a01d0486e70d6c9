"""What the hooks need to know about mkdocs-static-i18n's way of building.

mkdocs-static-i18n builds the default language first and then, from its own ``on_post_build``,
calls ``mkdocs.commands.build.build`` again once per other language. Every event therefore fires
once per language, and ``on_post_build`` fires both inside those nested builds and at the very end
of the outer one. Hooks that must act once on the finished site ask :func:`is_nested_build`.

This module is imported by the hooks (MkDocs puts the hook's folder on ``sys.path`` while loading
it); it is not a hook itself.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

DEFAULT_LOCALE = "ko"


def is_nested_build(config: MkDocsConfig) -> bool:
    """True while static-i18n is building a non-default language inside the outer build."""
    plugin = config.plugins.get("i18n")
    return bool(getattr(plugin, "building", False))


def default_locale(config: MkDocsConfig) -> str:
    """The locale built at the site root (``default: true`` in the i18n plugin config)."""
    plugin = config.plugins.get("i18n")
    plugin_config = getattr(plugin, "config", None)
    for language in getattr(plugin_config, "languages", None) or []:
        if getattr(language, "default", False):
            return str(language.locale)
    return DEFAULT_LOCALE


def page_locale(page: Page, config: MkDocsConfig) -> str:
    """The language a page is written in: its folder under docs/ (ko/, en/), else the theme's."""
    locale = getattr(page.file, "locale", None)
    if locale:
        return str(locale)
    return str(config.theme.get("language") or DEFAULT_LOCALE)
