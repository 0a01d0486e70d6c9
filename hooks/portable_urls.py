"""Keep the built site portable: any host, any sub-path, no absolute URL baked in.

``site_url`` is left unset on purpose, so that the same build works at ``http://127.0.0.1:8000/``,
``https://example.org/course/`` or anywhere else. Three things in the stack assume otherwise:

* mkdocs-static-i18n points the language switcher of pages it has no per-page alternate for (the
  home pages) at each language's ``link``, which it only accepts as a site-absolute path (``/``,
  ``/en/``). Under a sub-path those links would leave the site; they are made relative here, after
  static-i18n's ``on_page_context``, and Material's ``url`` filter makes them page-relative.
* Material repeats the switcher's links as ``<link rel="alternate" hreflang>`` tags. Search engines
  only use absolute ones, and Material's language switcher fetches ``sitemap.xml`` next to each
  (404s on every page). Without a ``site_url`` they are dropped; the switcher's links still work.
* ``sitemap.xml`` needs absolute URLs; without a ``site_url`` MkDocs writes ``None/...`` into it, so
  it is removed rather than shipped broken.

A deployment at a known address sets ``SITE_URL`` at build time (mkdocs.yml reads it into
``site_url``); then the sitemap is kept and the ``hreflang`` tags are kept and made absolute, as search
engines require (https://developers.google.com/search/docs/specialty/international/localized-versions).
The language switcher's links stay relative either way.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from i18n_build import is_nested_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

HREFLANG_LINK = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")


HREFLANG_HREF = re.compile(r'(<link rel="alternate" href=")([^"]*)(" hreflang="[^"]*">)')


def relative_link(link: str, base_path: str = "/") -> str:
    """Site-absolute path -> relative to the site root: ``/`` -> ``./``, ``/en/`` -> ``en/``.

    ``base_path`` is the path of ``site_url`` (``/course/`` for ``https://example.org/course/``), which
    static-i18n puts in front of its links when a site URL is set. Anything else (already relative, a URL)
    is returned unchanged.
    """
    if link.startswith("/") and not link.startswith("//"):
        base = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
        if link.startswith(base):
            link = "/" + link[len(base) :]
        return link.lstrip("/") or "./"
    return link


@event_priority(-50)  # after static-i18n (priority 0) has chosen this page's alternates
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    # static-i18n assigns ``config.extra.alternate`` as an attribute of the LegacyConfig that holds
    # ``extra``, which is what templates read first; the dict key keeps the initial value.
    extra = config.extra
    alternates = getattr(extra, "alternate", None)
    if alternates is None and isinstance(extra, dict):
        alternates = extra.get("alternate")
    base_path = urlsplit(config.site_url).path if config.site_url else "/"
    for alternate in alternates or []:
        if isinstance(alternate, dict) and isinstance(alternate.get("link"), str):
            alternate["link"] = relative_link(alternate["link"], base_path)
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if not config.site_url:
        return HREFLANG_LINK.sub("", output)
    page_url = urljoin(config.site_url.rstrip("/") + "/", page.url)
    return HREFLANG_HREF.sub(lambda m: m.group(1) + urljoin(page_url, m.group(2)) + m.group(3), output)


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    if config.site_url or is_nested_build(config):
        return
    site_dir = Path(config.site_dir)
    for locale_dir in [site_dir, *(p for p in site_dir.iterdir() if p.is_dir())]:
        for name in SITEMAPS:
            (locale_dir / name).unlink(missing_ok=True)
