"""The site builds strictly, in both languages, and references nothing outside itself."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "site"
DOCS = ROOT / "docs"


def _pages(lang: str) -> set[str]:
    return {str(p.relative_to(DOCS / lang)) for p in (DOCS / lang).rglob("*.md")}


def test_korean_and_english_have_the_same_pages() -> None:
    assert _pages("ko")
    assert _pages("ko") == _pages("en")


def test_pages_pair_the_same_runnable_examples() -> None:
    """Parity: a page's ko and en versions run the very same docs_src files."""
    include = re.compile(r'--8<--\s+"([^"]+)"')
    for page in _pages("ko"):
        ko = include.findall((DOCS / "ko" / page).read_text(encoding="utf-8"))
        en = include.findall((DOCS / "en" / page).read_text(encoding="utf-8"))
        assert ko == en, page


def test_mkdocs_build_strict(tmp_path: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    elapsed = time.perf_counter() - started
    assert result.returncode == 0, result.stderr[-4000:]
    assert "WARNING" not in result.stderr, result.stderr[-4000:]
    print(f"mkdocs build --strict: {elapsed:.1f} s")
    built = tmp_path / "site"
    assert 'lang="ko"' in (built / "index.html").read_text(encoding="utf-8")
    assert 'lang="en"' in (built / "en" / "index.html").read_text(encoding="utf-8")
    if not os.environ.get("SITE_URL"):
        # Portable by default: no sitemap (it would say None/...), no hreflang tags with relative URLs.
        assert not list(built.rglob("sitemap.xml*"))
        assert '<link rel="alternate"' not in (built / "en" / "index.html").read_text(encoding="utf-8")


class _Refs(HTMLParser):
    """Collects URLs the browser would fetch on its own: scripts, styles, icons, images, frames, fonts."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and a.get("src"):
            self.urls.append(a["src"] or "")
        if tag == "link" and a.get("href") and (a.get("rel") or "") not in ("alternate", "canonical"):
            self.urls.append(a["href"] or "")
        if tag == "object" and a.get("data"):
            self.urls.append(a["data"] or "")


def _external(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme in ("http", "https")


@pytest.mark.site
def test_built_site_fetches_nothing_from_other_hosts() -> None:
    if not (SITE / "index.html").exists():
        pytest.fail("site/ is not built: run `make site` (make test does it)")
    offenders: list[str] = []
    for html in SITE.rglob("*.html"):
        parser = _Refs()
        parser.feed(html.read_text(encoding="utf-8", errors="replace"))
        offenders += [f"{html.relative_to(SITE)}: {u}" for u in parser.urls if _external(u)]
    css_url = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])(https?:)?//""")
    for css in SITE.rglob("*.css"):
        if css_url.search(css.read_text(encoding="utf-8", errors="replace")):
            offenders.append(str(css.relative_to(SITE)))
    assert not offenders, offenders


@pytest.mark.site
def test_lite_and_pyodide_are_in_the_site() -> None:
    """The runtime, one content-named lock and the engine's wheel (under its digest, see test_lite_lock.py)."""
    pyodide = SITE / "lite" / "static" / "pyodide"
    for name in ("pyodide.mjs", "pyodide.asm.wasm", "python_stdlib.zip"):
        assert (pyodide / name).exists(), name
    assert len(list(pyodide.glob("pyodide-lock.*.json"))) == 1
    assert len(list(pyodide.glob("*/pocketcloud-0.1.0-py3-none-any.whl"))) == 1
    assert (SITE / "lite" / "repl" / "index.html").exists()


def test_site_url_restores_the_sitemap_and_absolute_hreflang(tmp_path: Path) -> None:
    """Without SITE_URL (test_mkdocs_build_strict) the build is portable: relative links only, no sitemap
    (it needs absolute URLs). With it, a deployment gets sitemap.xml and absolute hreflang alternates, which
    is what search engines read (https://developers.google.com/search/docs/specialty/international/localized-versions),
    while the language switcher's own links stay relative."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL="https://example.org/course/")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    built = tmp_path / "site"
    sitemap = (built / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/course/en/concepts/what-is-serverless/</loc>" in sitemap
    page = (built / "concepts" / "what-is-serverless" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" href="https://example.org/course/concepts/what-is-serverless/" hreflang="ko">' in page
    assert (
        '<link rel="alternate" href="https://example.org/course/en/concepts/what-is-serverless/" hreflang="en">' in page
    )
    home = (built / "en" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" href="https://example.org/course/" hreflang="ko">' in home
    assert '<a href="../" hreflang="ko"' in home, "the switcher's link stays relative"


def test_lab_links_name_labs_that_exist_in_the_pages_language() -> None:
    """Links into JupyterLite are raw HTML (MkDocs cannot check them, see mkdocs.yml): each
    ``lite/notebooks/index.html?path=<lang>/<name>.ipynb`` names a notebook in labs/<lang>/ of the page's own
    language, so no page promises a lab that does not exist (DEVELOPERS.md)."""
    link = re.compile(r"lite/notebooks/index\.html\?path=([a-z]{2})/([\w.-]+\.ipynb)")
    checked = 0
    for lang in ("ko", "en"):
        for page in (DOCS / lang).rglob("*.md"):
            for link_lang, name in link.findall(page.read_text(encoding="utf-8")):
                checked += 1
                assert link_lang == lang, f"{page.relative_to(DOCS)} links the {link_lang} lab {name}"
                assert (ROOT / "labs" / lang / name).exists(), f"{page.relative_to(DOCS)} links a missing lab {name}"
    assert checked
