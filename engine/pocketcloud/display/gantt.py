"""Gantt timelines: one lane per execution environment, one bar per phase (queued, Init, Restore, invoke …).

:func:`gantt_svg` takes plain :class:`Bar` records, so it draws any trace that can say "this lane was busy with this
kind of work from ``start`` to ``end``" (virtual seconds): Lambda's invocation trace, an event source mapping's
batches, a Step Functions execution's states. Lanes appear in the order their first bar starts (or the order given
in ``lanes``). The x axis is the time elapsed since the first bar (``0 s``, ``250 ms``; ``0초``, ``250ms`` in Korean).
A kind outside :data:`.chartbase.KINDS` is drawn as ``other``. Each kind has its own colour and, for the kinds
that share a hue, a hatch, so the picture reads without colour; the legend lists only the kinds present. A bar's
tooltip (``<title>``) holds its label, kind and times. Very long traces are fine: bars narrower than a pixel are
still drawn one pixel wide, and nothing is computed per pixel.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from . import chartbase as base
from .charts import Picture
from .svg import clip, esc, num, text_width

WIDTH = 640
ROW, BAR, TOP, BOTTOM, RIGHT = 22, 14, 30, 56, 16
LANE_MIN, LANE_MAX = 60, 180


@dataclass(frozen=True)
class Bar:
    """One phase of work in one lane: ``kind`` is one of :data:`.chartbase.KINDS` (others draw as ``other``)."""

    lane: str
    start: float
    end: float
    kind: str = "run"
    label: str = ""


def gantt_svg(
    bars: Iterable[Bar],
    *,
    title: str = "",
    lang: str | None = None,
    lanes: Sequence[str] | None = None,
    width: int = WIDTH,
) -> Picture:
    """The bars as a timeline with one row per lane (see the module docstring)."""
    lang = base.chart_lang(lang)
    w = base.words(lang)
    items = sorted(bars, key=lambda b: (b.start, b.end, b.lane))
    order = list(lanes) if lanes is not None else list(dict.fromkeys(b.lane for b in items))
    row_of = {lane: i for i, lane in enumerate(order)}
    items = [b for b in items if b.lane in row_of]
    t0 = min((b.start for b in items), default=0.0)
    t1 = max((b.end for b in items), default=t0 + 1.0)
    if t1 <= t0:
        t1 = t0 + 1.0
    left = min(max(max((text_width(lane, 10) for lane in order), default=0.0) + 12, LANE_MIN), LANE_MAX)
    plot_w = width - left - RIGHT
    plot_h = max(len(order), 1) * ROW
    kinds = [k for k in base.KINDS if any(_kind(b.kind) == k for b in items)]
    height = TOP + plot_h + BOTTOM

    def x(t: float) -> float:
        return left + (t - t0) / (t1 - t0) * plot_w

    out: list[str] = [
        '<defs><pattern id="pc-hatch" width="5" height="5" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><line class="hl" x1="0" y1="0" x2="0" y2="5"/></pattern></defs>'
    ]
    if title:
        out.append(f'<text class="ti" x="{num(left)}" y="16">{esc(title)}</text>')
    for lane, row in row_of.items():
        cy = TOP + row * ROW + ROW / 2
        shown = clip(lane, left - 10, 10)
        tip = f"<title>{esc(lane)}</title>" if shown != lane else ""
        out.append(
            f'<text class="tk" x="{num(left - 6)}" y="{num(cy + 3.5)}" text-anchor="end">{tip}{esc(shown)}</text>'
        )
        out.append(f'<line class="gd" x1="{num(left)}" x2="{num(left + plot_w)}" y1="{num(cy)}" y2="{num(cy)}"/>')
    for tick in base.nice_ticks(0.0, t1 - t0, 6):
        if tick > t1 - t0 + 1e-12:
            break
        tx = x(t0 + tick)
        out.append(f'<line class="ax" x1="{num(tx)}" x2="{num(tx)}" y1="{TOP + plot_h}" y2="{TOP + plot_h + 4}"/>')
        out.append(
            f'<text class="tk" x="{num(tx)}" y="{TOP + plot_h + 15}" text-anchor="middle">'
            f"{esc(base.duration(tick, lang))}</text>"
        )
    out.append(f'<line class="ax" x1="{num(left)}" x2="{num(left + plot_w)}" y1="{TOP + plot_h}" y2="{TOP + plot_h}"/>')
    out.append(
        f'<text class="tk" x="{num(left + plot_w / 2)}" y="{TOP + plot_h + 30}" text-anchor="middle">'
        f"{esc(w['elapsed'])}</text>"
    )
    for bar in items:
        kind = _kind(bar.kind)
        bx = x(bar.start)
        bw = max(x(bar.end) - bx, 1.0)
        by = TOP + row_of[bar.lane] * ROW + (ROW - BAR) / 2
        tip = f"{bar.label} · {w[kind]}" if bar.label else w[kind]
        tip += f" · {base.duration(bar.start - t0, lang)} → {base.duration(bar.end - t0, lang)}"
        shape = f'x="{num(bx)}" y="{num(by)}" width="{num(bw)}" height="{BAR}"'
        out.append(f'<g><title>{esc(tip)}</title><rect class="k-{kind}" {shape} rx="2"/>')
        if base.KIND_STYLE[kind][2]:
            out.append(f'<rect class="hatch" {shape}/>')
        out.append("</g>")
    if not items:
        out.append(
            f'<text class="nd" x="{num(left + plot_w / 2)}" y="{num(TOP + plot_h / 2 + 4)}" text-anchor="middle">'
            f"{esc(w['no_data'])}</text>"
        )
    cx, cy = float(left), float(TOP + plot_h + 40)
    for kind in kinds:
        shape = f'x="{num(cx)}" y="{num(cy)}" width="14" height="10"'
        out.append(f'<rect class="k-{kind}" {shape} rx="2"/>')
        if base.KIND_STYLE[kind][2]:
            out.append(f'<rect class="hatch" {shape}/>')
        out.append(f'<text x="{num(cx + 18)}" y="{num(cy + 9)}">{esc(w[kind])}</text>')
        cx += 18 + text_width(w[kind], 11) + 14
    aria = f"{w['timeline']}: {title}" if title else w["timeline"]
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pc-chart" viewBox="0 0 {width} {height}" width="100%" '
        f'style="max-width:{width}px" role="img" aria-label="{esc(aria)}"><style>{base.CHART_CSS}</style>'
    )
    return Picture(head + "".join(out) + "</svg>")


def _kind(kind: str) -> str:
    return kind if kind in base.KIND_STYLE else "other"
