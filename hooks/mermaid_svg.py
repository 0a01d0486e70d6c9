"""Turn Mermaid source into inline SVG at build time: the page needs no diagram JavaScript at all.

Authors keep writing ```` ```mermaid ```` fences. ``tools/diagrams/render_mermaid.mjs`` (beautiful-mermaid in
Node, no browser) lays each diagram out; this module makes its SVG fit for the page:

* **Safe.** The SVG is parsed as XML and rebuilt from an allow-list of elements and attributes; anything
  else fails the build. Labels stay text (the renderer escapes them, the parser re-escapes them), so a
  label such as ``<script>`` can only ever be shown, never run.
* **Both colour schemes.** Every colour is a CSS variable that ``docs/assets/stylesheets/site.css`` maps to
  Material's own (``--md-default-fg-color`` and friends), so a diagram follows the light (default) and dark
  (slate) schemes and the reader's toggle, with no re-render. The renderer's own ``<style>`` is reduced to
  rules scoped to this one diagram; its web-font ``@import`` is dropped (the site loads no web fonts).
* **Phones.** The SVG keeps its ``viewBox`` and scales down to the column (``max-width: 100%``), but not
  below :data:`MIN_SCALE` of its size, so labels stay readable; a wider diagram scrolls sideways inside its
  own box instead of shrinking.
* **Text that fits.** The renderer sizes boxes from estimated text widths (calibrated for Inter). The site's
  fonts run up to ~15% wider (measured in Chromium with Noto Sans CJK, the Korean font on Linux), so text
  is drawn at :data:`FONT_SCALE` of the laid-out size and the whole drawing shown larger by the inverse:
  letters keep their size, boxes get the room. Text that would still cross the edge widens the viewBox.
* **Light.** Numbers are rounded to 0.01 px and the renderer's ``data-*`` attributes dropped; a diagram
  weighs a few kB.
* **Fast.** The renderer's output is cached by a hash of the source, the renderer's version and the
  script, under ``build/cache/diagrams/``; a rebuild renders only new or changed diagrams, and Node is
  started only when something is missing.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

SVG_NS = "http://www.w3.org/2000/svg"
ET.register_namespace("", SVG_NS)

#: Text is drawn at this fraction of the size the layout assumed, and the drawing shown at the inverse.
FONT_SCALE = 0.88
#: A diagram is never scaled below this fraction of its size; wider ones scroll inside their box.
MIN_SCALE = 0.7
#: Room kept between the outermost text and the edge of the drawing, in px, when the viewBox is widened.
TEXT_MARGIN = 8.0

RENDER_SCRIPT = Path("tools/diagrams/render_mermaid.mjs")
PACKAGE_JSON = Path("node_modules/beautiful-mermaid/package.json")

ALLOWED_ELEMENTS = {
    "svg", "g", "defs", "marker", "style", "title", "desc", "text", "tspan",
    "rect", "circle", "ellipse", "line", "polyline", "polygon", "path",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "id", "class", "viewBox", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry",
    "dx", "dy", "d", "points", "transform", "fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray",
    "stroke-linecap", "stroke-linejoin", "stroke-opacity", "opacity", "font-size", "font-weight", "font-style",
    "font-family", "text-anchor", "dominant-baseline", "text-decoration", "letter-spacing", "markerWidth",
    "markerHeight", "refX", "refY", "orient", "markerUnits", "marker-start", "marker-end", "marker-mid",
    "preserveAspectRatio", "clip-path",
}  # fmt: skip
#: The renderer's generic rules, which the site's stylesheet provides once for every diagram.
SITE_PROVIDED_RULES = (
    re.compile(r"^text$"),
    re.compile(r"^\.mono$"),
)
NUMBER = re.compile(r"-?\d+\.\d+")
NUMBER_ONLY = re.compile(r"-?\d+(?:\.\d+)?")
URL_REF = re.compile(r"url\(#([^)]+)\)")
CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
CSS_IMPORT = re.compile(r"@import\s+url\([^)]*\)\s*;")
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


class DiagramError(Exception):
    """A diagram that cannot be drawn as written; the message says what to change."""


def _tag(element: ET.Element) -> str:
    return element.tag.rpartition("}")[2]


def _round(value: str) -> str:
    return NUMBER.sub(lambda m: f"{float(m.group()):.2f}".rstrip("0").rstrip("."), value)


# ---------------------------------------------------------------------------------------------------
# Text widths, ported from beautiful-mermaid's text-metrics.ts so the viewBox check agrees with the layout.
# ---------------------------------------------------------------------------------------------------

_NARROW = set("iltfjI1!|.,:;'")
_SEMI_NARROW = set('()[]{}/\\-"`')
_WIDE_RANGES = (
    (0x1100, 0x115F), (0x2E80, 0x303F), (0x3040, 0x33FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
    (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFF00, 0xFF60), (0xFFE0, 0xFFE6), (0x1F300, 0x1FAFF),
    (0x20000, 0x10FFFF),
)  # fmt: skip


def _char_width(character: str) -> float:
    code = ord(character)
    if any(low <= code <= high for low, high in _WIDE_RANGES):
        return 2.0
    if character == " ":
        return 0.3
    if character in "WM":
        return 1.5
    if character in "wm@%":
        return 1.2
    if character in _NARROW:
        return 0.4
    if character in _SEMI_NARROW:
        return 0.5
    if character == "r":
        return 0.8
    if "A" <= character <= "Z":
        return 1.2
    return 1.0


def text_width(text: str, font_size: float, font_weight: float = 400) -> float:
    """Estimated width in px of ``text``, as the renderer estimates it."""
    ratio = 0.60 if font_weight >= 600 else 0.57 if font_weight >= 500 else 0.54
    return sum(_char_width(c) for c in text) * font_size * ratio + font_size * 0.15


# ---------------------------------------------------------------------------------------------------
# From the renderer's SVG to the page's.
# ---------------------------------------------------------------------------------------------------


def _scoped_style(css: str, scope: str) -> str:
    """Keep the renderer's CSS rules, each scoped to this diagram; drop what the site provides."""
    css = CSS_COMMENT.sub("", CSS_IMPORT.sub("", css))
    rules = []
    for selectors, body in CSS_RULE.findall(css):
        names = [s.strip() for s in selectors.split(",")]
        if all(any(p.match(n) for p in SITE_PROVIDED_RULES) for n in names):
            continue
        declarations = body.strip()
        if names == ["svg"] and all(d.strip().startswith("--_") for d in declarations.split(";") if d.strip()):
            continue  # the derived colour variables: site.css defines the same ones for every diagram
        scoped = ", ".join(scope if n == "svg" else f"{scope} {n}" for n in names)
        rules.append(f"{scoped}{{{_round(' '.join(declarations.split()))}}}")
    leftover = CSS_RULE.sub("", css).strip()
    if leftover:
        raise DiagramError(f"the renderer's <style> has CSS this build does not understand: {leftover[:200]!r}")
    return "".join(rules)


def _texts(root: ET.Element) -> Iterator[tuple[ET.Element, str, float, float, str]]:
    """Every run of text with its x, font size (as laid out) and anchor: a ``<tspan>`` line or a ``<text>``."""
    for text in root.iter(f"{{{SVG_NS}}}text"):
        size = float(text.get("font-size", "13"))
        anchor = text.get("text-anchor", "start")
        spans = list(text.iter(f"{{{SVG_NS}}}tspan"))
        if spans:
            for span in spans:
                yield span, "".join(span.itertext()), float(span.get("x", text.get("x", "0"))), size, anchor
        else:
            yield text, "".join(text.itertext()), float(text.get("x", "0")), size, anchor


def _widen_for_text(root: ET.Element, box: list[float]) -> None:
    """Widen the viewBox where the estimated text (at the site's wider fonts) would cross its edge."""
    left, right = box[0], box[0] + box[2]
    for _element, content, x, size, anchor in _texts(root):
        width = text_width(content, size) * FONT_SCALE * 1.16  # the widest site font measured, see module doc
        start = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
        left, right = min(left, start - TEXT_MARGIN), max(right, start + width + TEXT_MARGIN)
    box[0], box[2] = left, right - left


def finish(raw: str, key: str, label: str) -> str:
    """Make the renderer's SVG safe, themeable and responsive; return the page's HTML for it."""
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as error:
        raise DiagramError(f"the renderer produced SVG that is not well-formed XML: {error}") from error
    if _tag(root) != "svg":
        raise DiagramError(f"the renderer produced <{_tag(root)}>, not <svg>")
    scope = f"pc-diagram-{key[:12]}"
    ids: dict[str, str] = {}
    for element in root.iter():
        if (name := _tag(element)) not in ALLOWED_ELEMENTS:
            raise DiagramError(f"the renderer produced a <{name}> element, which the site does not allow")
        if "id" in element.attrib:
            ids[element.attrib["id"]] = f"{scope}-{element.attrib['id']}"
    parents = {child: parent for parent in root.iter() for child in parent}
    for element in list(root.iter()):
        if _tag(element) == "style":
            scoped = _scoped_style(element.text or "", f"#{scope}")
            if scoped:
                element.text = scoped
            else:
                parents[element].remove(element)
            continue
        for name in list(element.attrib):
            value = element.attrib[name]
            if name.startswith("data-") or (element is root and name in ("style", "width", "height")):
                del element.attrib[name]
            elif name not in ALLOWED_ATTRIBUTES:
                raise DiagramError(f"the renderer produced a {name}= attribute, which the site does not allow")
            elif name == "id":
                element.attrib[name] = ids[value]
            else:
                value = URL_REF.sub(lambda m: f"url(#{ids.get(m.group(1), m.group(1))})", value)
                element.attrib[name] = _round(value)
    for element, _content, _x, _size, _anchor in list(_texts(root)):
        dy = element.get("dy", "0")
        if _tag(element) == "text" and NUMBER_ONLY.fullmatch(dy):  # "0.35em" scales with the font by itself
            element.set("dy", _round(f"{float(dy) * FONT_SCALE:.3f}"))
    for text in root.iter(f"{{{SVG_NS}}}text"):
        text.set("font-size", _round(f"{float(text.get('font-size', '13')) * FONT_SCALE:.3f}"))

    box = [float(v) for v in root.get("viewBox", "0 0 0 0").replace(",", " ").split()]
    if len(box) != 4 or box[2] <= 0 or box[3] <= 0:
        raise DiagramError(f"the renderer produced no usable viewBox: {root.get('viewBox')!r}")
    _widen_for_text(root, box)
    width, height = box[2] / FONT_SCALE, box[3] / FONT_SCALE
    root.attrib.update(
        {
            "id": scope,
            "viewBox": " ".join(_round(f"{v:.3f}") for v in box),
            "width": _round(f"{width:.3f}"),
            "height": _round(f"{height:.3f}"),
            "role": "img",
            "aria-label": label,
            "style": f"min-width:{_round(f'{min(width, width * MIN_SCALE):.2f}')}px",
        }
    )
    svg = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    svg = re.sub(r">\s+<", "><", svg)
    return f'<div class="pc-diagram">{svg}</div>'


def diagram_label(raw: str, prefix: str) -> str:
    """An accessible name for the diagram: its kind of prefix and the texts it shows, in order, once each."""
    root = ET.fromstring(raw)
    seen: list[str] = []
    for _element, content, _x, _size, _anchor in _texts(root):
        content = " ".join(content.split())
        if content and content not in seen:
            seen.append(content)
    return f"{prefix}: " + "; ".join(seen)


# ---------------------------------------------------------------------------------------------------
# The renderer process and the cache.
# ---------------------------------------------------------------------------------------------------


class MermaidRenderer:
    """Renders Mermaid source to finished SVG, from the cache when it can, through one Node process else."""

    def __init__(self, root: Path, cache_dir: Path | None = None) -> None:
        self.root = root
        self.cache_dir = cache_dir or root / "build" / "cache" / "diagrams"
        self._process: subprocess.Popen[str] | None = None
        script = root / RENDER_SCRIPT
        package = root / PACKAGE_JSON
        if not package.is_file():
            raise DiagramError(f"{package} is missing: run `npm ci` (package.json pins beautiful-mermaid)")
        version = json.loads(package.read_text(encoding="utf-8"))["version"]
        self.renderer_id = f"beautiful-mermaid {version}; {hashlib.sha256(script.read_bytes()).hexdigest()}"

    def key(self, source: str) -> str:
        """The cache key of a diagram: its source, the renderer's version and the script's own digest."""
        return hashlib.sha256(f"{self.renderer_id}\0{source}".encode()).hexdigest()

    def raw(self, source: str) -> tuple[str, str]:
        """Return ``(key, renderer SVG)`` for ``source``, rendering and caching it if needed."""
        key = self.key(source)
        cached = self.cache_dir / f"{key}.svg"
        if cached.is_file():
            return key, cached.read_text(encoding="utf-8")
        reply = self._ask(source)
        if "error" in reply:
            raise DiagramError(str(reply["error"]))
        svg = str(reply["svg"])
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(".tmp")
        partial.write_text(svg, encoding="utf-8")
        partial.replace(cached)
        return key, svg

    def render(self, source: str, label_prefix: str = "Diagram") -> str:
        """The page's HTML for one diagram."""
        key, svg = self.raw(source)
        return finish(svg, key, diagram_label(svg, label_prefix))

    def _ask(self, source: str) -> dict[str, object]:
        if self._process is None or self._process.poll() is not None:
            node = shutil.which("node")
            if node is None:
                raise DiagramError("Node.js is needed to render diagrams (README: Node.js 20+)")
            self._process = subprocess.Popen(
                [node, str(self.root / RENDER_SCRIPT)],
                cwd=self.root,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
            atexit.register(self.close)
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write(json.dumps({"source": source}) + "\n")
        self._process.stdin.flush()
        line = self._process.stdout.readline()
        if not line:
            raise DiagramError(f"the diagram renderer stopped (exit {self._process.poll()}); see the output above")
        reply: dict[str, object] = json.loads(line)
        return reply

    def close(self) -> None:
        """End the Node process, if one was started."""
        if self._process is not None and self._process.poll() is None:
            assert self._process.stdin is not None
            self._process.stdin.close()
            self._process.wait(timeout=30)
        self._process = None
