"""Small helpers for writing SVG and HTML by hand: escaping, compact numbers, text measures, theme-aware styles.

Every string that reaches the markup passes through :func:`esc` (element text and attribute values alike), so a
state named ``<script>alert(1)</script>`` or ``"&'`` is shown as those characters and nothing else. Numbers are
rounded to one decimal and checked to be finite, which keeps the output small and never writes ``nan``.
"""

from __future__ import annotations

import math
import unicodedata
from html import escape

#: Font size of labels, in px (fixed, so layout estimates hold on every screen).
FONT_PX = 12
SMALL_PX = 10


def esc(text: object) -> str:
    """Escape for XML/HTML text and double- or single-quoted attributes."""
    return escape(str(text), quote=True)


def num(value: float) -> str:
    """A coordinate: at most one decimal, no trailing ``.0``; refuses NaN and infinities."""
    if not math.isfinite(value):
        raise ValueError(f"not a finite coordinate: {value!r}")
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def text_width(text: str, px: float = FONT_PX) -> float:
    """An estimate of a label's width: wide (East Asian) characters take a full em, others about 0.6 em."""
    return sum(px if unicodedata.east_asian_width(c) in "WF" else px * 0.6 for c in text)


def clip(text: str, width: float, px: float = FONT_PX) -> str:
    """``text`` cut with an ellipsis to fit ``width`` pixels (the full text goes in a ``<title>``)."""
    if text_width(text, px) <= width:
        return text
    kept = ""
    for char in text:
        if text_width(kept + char + "…", px) > width:
            break
        kept += char
    return kept + "…"


def path_data(points: list[tuple[float, float]]) -> str:
    start, *rest = points
    return f"M{num(start[0])} {num(start[1])}" + "".join(f"L{num(x)} {num(y)}" for x, y in rest)
