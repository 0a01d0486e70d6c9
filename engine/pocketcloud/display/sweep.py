"""A line chart over categories (e.g. memory sizes), for sweeps such as :func:`pocketcloud.tuning.power_tune`.

Same look as :mod:`.charts` (its stylesheet, colour and dash per series, escaped labels, reader's language for the
legend title), but the x axis is a list of labels spaced evenly instead of clock time, and chosen categories can be
marked (the cheapest and the fastest memory size, say) with a labelled ring.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from . import chartbase as base
from .charts import HEIGHT, LEFT, RIGHT, TOP, WIDTH, Line, Picture, _legend, _legend_rows
from .svg import esc, num

BOTTOM = 40


def category_svg(
    categories: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    *,
    title: str = "",
    x_label: str = "",
    y_label: str = "",
    marks: Mapping[str, str] | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> Picture:
    """Lines of ``series`` (label -> one value per category, None for none) over ``categories``; ``marks`` maps a
    category to a note drawn above it (e.g. ``{"1024": "cheapest"}``)."""
    lines = [Line(label, [(float(i), float(v)) for i, v in enumerate(values) if v is not None])
             for label, values in series.items()]  # fmt: skip
    values = [v for line in lines for _i, v in line.points]
    ticks = base.nice_ticks(0.0, max(values) if values else 1.0)
    y0, y1 = ticks[0], ticks[-1]
    legend_rows = _legend_rows(lines, width)
    plot_w, plot_h = width - LEFT - RIGHT, height - TOP - BOTTOM
    total_h = height + legend_rows * 16 + (6 if legend_rows else 0)
    count = max(len(categories), 1)

    def x(i: float) -> float:
        return LEFT + (i + 0.5) / count * plot_w

    def y(v: float) -> float:
        return TOP + plot_h - (v - y0) / ((y1 - y0) or 1.0) * plot_h

    out: list[str] = []
    if title:
        out.append(f'<text class="ti" x="{LEFT}" y="16">{esc(title)}</text>')
    for tick in ticks:
        gy = num(y(tick))
        out.append(f'<line class="gd" x1="{LEFT}" x2="{num(LEFT + plot_w)}" y1="{gy}" y2="{gy}"/>')
        out.append(f'<text class="tk" x="{LEFT - 6}" y="{num(y(tick) + 3.5)}" text-anchor="end">'
                   f"{esc(base.number(tick))}</text>")  # fmt: skip
    for i, label in enumerate(categories):
        out.append(f'<text class="tk" x="{num(x(i))}" y="{TOP + plot_h + 15}" text-anchor="middle">{esc(label)}</text>')
    out.append(f'<line class="ax" x1="{LEFT}" x2="{num(LEFT + plot_w)}" y1="{TOP + plot_h}" y2="{TOP + plot_h}"/>')
    out.append(f'<line class="ax" x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{TOP + plot_h}"/>')
    if x_label:
        out.append(f'<text class="tk" x="{num(LEFT + plot_w / 2)}" y="{TOP + plot_h + 32}" text-anchor="middle">'
                   f"{esc(x_label)}</text>")  # fmt: skip
    if y_label:
        mid = num(TOP + plot_h / 2)
        out.append(f'<text class="tk" x="12" y="{mid}" text-anchor="middle" transform="rotate(-90 12 {mid})">'
                   f"{esc(y_label)}</text>")  # fmt: skip
    for index, line in enumerate(lines):
        colour, dash = f"c{index % 6}", base.DASHES[index % 6]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<g class="{colour}"><title>{esc(line.label)}</title>')
        if len(line.points) > 1:
            path = "M" + "L".join(f"{num(x(i))} {num(y(v))}" for i, v in line.points)
            out.append(f'<path class="ln" d="{path}"{dash_attr}/>')
        out.extend(f'<circle cx="{num(x(i))}" cy="{num(y(v))}" r="2.6"/>' for i, v in line.points)
        out.append("</g>")
    for category, note in (marks or {}).items():
        if category in categories:
            i = list(categories).index(category)
            top = min((v for line in lines for j, v in line.points if j == i), default=y0)
            cy = y(max((v for line in lines for j, v in line.points if j == i), default=top))
            out.append(f'<circle class="hl" cx="{num(x(i))}" cy="{num(cy)}" r="6" fill="none"/>')
            out.append(f'<text class="tk" x="{num(x(i))}" y="{num(max(TOP + 8, cy - 10))}" text-anchor="middle">'
                       f"{esc(note)}</text>")  # fmt: skip
    out.extend(_legend(lines, height, width))
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pc-chart" viewBox="0 0 {width} {total_h}" width="100%" '
        f'style="max-width:{width}px" role="img" aria-label="{esc(title or "chart")}"><style>{base.CHART_CSS}</style>'
    )
    return Picture(head + "".join(out) + "</svg>")
