"""Diagrams are drawn at build time: every ```mermaid fence becomes safe, themeable inline SVG, and no page
loads diagram JavaScript. The renderer (beautiful-mermaid in Node) needs ``npm ci``, which ``make test`` runs."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "site"
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT / "hooks"))

from mermaid_svg import SVG_NS, DiagramError, MermaidRenderer  # noqa: E402

FENCE = re.compile(r"^```mermaid\s*$", re.M)
SVG = f"{{{SVG_NS}}}"


@pytest.fixture(scope="module")
def renderer(tmp_path_factory: pytest.TempPathFactory) -> MermaidRenderer:
    return MermaidRenderer(ROOT, tmp_path_factory.mktemp("diagram-cache"))


def _svg(html: str) -> ET.Element:
    match = re.fullmatch(r'<div class="pc-diagram">(<svg .*</svg>)</div>', html, re.S)
    assert match, html[:200]
    return ET.fromstring(match.group(1))


def _built_page(markdown: Path) -> Path:
    lang, rest = markdown.relative_to(DOCS).parts[0], markdown.relative_to(DOCS / markdown.relative_to(DOCS).parts[0])
    folder = SITE if lang == "ko" else SITE / lang
    stem = rest.with_suffix("")
    return folder / (stem.parent if stem.name == "index" else stem) / "index.html"


@pytest.mark.site
def test_every_mermaid_fence_became_inline_svg() -> None:
    """Each page has exactly as many inline diagrams as its source has fences, and none was left for a
    browser to draw (no ``class="mermaid"``) or failed (``pc-diagram-error``)."""
    if not (SITE / "index.html").exists():
        pytest.fail("site/ is not built: run `make site` (make test does it)")
    counted = 0
    for markdown in sorted(DOCS.glob("*/**/*.md")):
        fences = len(FENCE.findall(markdown.read_text(encoding="utf-8")))
        html = _built_page(markdown).read_text(encoding="utf-8")
        drawn = len(re.findall(r'<div class="pc-diagram"><svg ', html))
        assert drawn == fences, f"{markdown.relative_to(ROOT)}: {fences} fences, {drawn} inline SVG diagrams"
        assert 'class="mermaid"' not in html and "pc-diagram-error" not in html, markdown
        counted += fences
    assert counted >= 16, "the site's own diagrams (8 per language) were not all found"


@pytest.mark.site
def test_no_page_references_mermaid_javascript() -> None:
    """No diagram runtime is shipped or referenced. (JupyterLite, under lite/, bundles its own Mermaid for
    notebook Markdown cells; it is loaded only by the labs and only from the site itself.)"""
    offenders = [
        str(path.relative_to(SITE))
        for path in SITE.rglob("*")
        if path.is_file()
        and "lite" not in path.relative_to(SITE).parts[:1]
        and ("mermaid" in path.name.lower() or (path.suffix == ".html" and "mermaid" in path.read_text("utf-8")))
    ]
    assert not offenders, offenders


def test_hostile_labels_stay_text(renderer: MermaidRenderer) -> None:
    """A label can only ever be shown: markup in it is escaped, and the SVG is rebuilt from an allow-list."""
    html = renderer.render(
        'flowchart LR\n  a["<script>alert(1)</script> & <img src=x onerror=alert(2)>"] --> b["it\'s #quot;ok#quot;"]'
    )
    root = _svg(html)
    assert "<script" not in html and "<img" not in html and "onerror=" not in html.replace("onerror=alert", "")
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert any("<script>alert(1)</script>" in t for t in texts), texts
    assert not [e for e in root.iter() if e.tag.rpartition("}")[2] in ("script", "foreignObject", "image", "a")]
    assert not [k for e in root.iter() for k in e.attrib if k.startswith("on") or "href" in k]


def test_colours_are_the_pages_variables(renderer: MermaidRenderer) -> None:
    """Every colour is a CSS variable that site.css defines (so both colour schemes apply), ids are scoped to
    the diagram, and the renderer's web-font import is gone: the page requests nothing for a diagram."""
    html = renderer.render("stateDiagram-v2\n  [*] --> Idle\n  Idle --> Busy: invoke\n  Busy --> [*]")
    root = _svg(html)
    css = (DOCS / "assets" / "stylesheets" / "site.css").read_text(encoding="utf-8")
    defined = set(re.findall(r"(--[\w-]+)\s*:", css))
    used = set(re.findall(r"var\((--[\w-]+)", html))
    assert used and used <= defined, used - defined
    for element in root.iter():
        for name in ("fill", "stroke"):
            value = element.get(name)
            assert value is None or value in ("none", "transparent") or value.startswith("var(--"), (name, value)
    assert "@import" not in html and "googleapis" not in html and "http://" not in html.replace(SVG_NS, "")
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    assert all(i.startswith(root.get("id", "?")) for i in ids), ids
    assert set(re.findall(r"url\(#([^)]+)\)", html)) <= ids


def test_diagrams_scale_on_a_phone_without_shrinking_below_legibility(renderer: MermaidRenderer) -> None:
    """The SVG keeps its viewBox (so it scales), and a min-width of 70% of its size: on a narrow screen a
    wide diagram scrolls in its box (site.css: overflow-x: auto) instead of shrinking its labels away."""
    root = _svg(renderer.render("flowchart LR\n  " + " --> ".join(f"n{i}[step {i}]" for i in range(8))))
    width = float(root.get("width", "0"))
    assert len((root.get("viewBox") or "").split()) == 4 and width > 600
    style = re.fullmatch(r"min-width:([\d.]+)px", root.get("style") or "")
    assert style and float(style.group(1)) == pytest.approx(width * 0.7, abs=0.02)
    assert root.get("role") == "img" and "step 7" in (root.get("aria-label") or "")


@pytest.mark.parametrize(
    "source",
    [
        "flowchart TD\n  a[A] --> b{B?}\n  b -->|yes| c([C])\n  b -.->|no| d[(D)]\n  subgraph g[group]\n    c\n  end",
        "stateDiagram-v2\n  [*] --> Running\n  state Running {\n    [*] --> Task\n  }\n  Running --> [*]",
        "sequenceDiagram\n  participant A\n  A->>B: call\n  Note over A,B: note\n  B-->>A: reply",
        "classDiagram\n  Animal <|-- Duck\n  Duck: +swim()",
        "erDiagram\n  QUEUE ||--o{ MESSAGE : holds",
    ],
    ids=["flowchart", "state", "sequence", "class", "er"],
)
def test_the_diagram_kinds_the_site_will_use_render(renderer: MermaidRenderer, source: str) -> None:
    """State machines (Step Functions), architectures and event flows to come use these kinds."""
    root = _svg(renderer.render(source))
    assert list(root.iter(f"{SVG}text"))


def test_a_label_given_after_first_use_fails_the_build_with_the_fix(renderer: MermaidRenderer) -> None:
    """beautiful-mermaid 1.1.3 keeps a node's first mention, so a later label would be lost silently."""
    with pytest.raises(DiagramError, match=r"node gbs is used before the line that gives it its label"):
        renderer.render('flowchart LR\n  mem["memory"] --> gbs\n  billed --> gbs["GB-seconds"]')
    with pytest.raises(DiagramError, match=r'"pie" diagrams are not supported at build time'):
        renderer.render('pie\n  "a": 1')


def test_rendered_diagrams_are_cached_by_content(tmp_path: Path) -> None:
    """A second build renders nothing: the SVG comes from the cache and Node is not even started."""
    first = MermaidRenderer(ROOT, tmp_path)
    html = first.render("flowchart LR\n  a --> b")
    first.close()
    assert len(list(tmp_path.glob("*.svg"))) == 1
    second = MermaidRenderer(ROOT, tmp_path)
    assert second.render("flowchart LR\n  a --> b") == html
    assert second._process is None
    assert second.render("flowchart LR\n  a --> c") != html
    second.close()
    assert len(list(tmp_path.glob("*.svg"))) == 2
