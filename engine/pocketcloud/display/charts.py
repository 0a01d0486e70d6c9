"""Time-series line charts of metrics, drawn as engine-made SVG that renders offline (site, JupyterLite, notebooks).

Three ways in, all giving the same picture:

* :func:`metric_chart` takes a GetMetricData response (``cloud.client("cloudwatch").get_metric_data(...)``): one
  line per ``MetricDataResults`` entry, labelled with its ``Label``;
* :func:`series_chart` takes series of the metric store as plain Python (``cloud.metrics.find(...)``), raw points;
* :func:`time_series_svg` takes :class:`Line` objects: a label and ``(virtual seconds, value)`` points.

The x axis is the virtual clock shown as UTC clock time (second 0 is 2026-01-01T00:00:00Z, see
:mod:`pocketcloud.timeutil`); the y axis starts at zero for non-negative data (as CloudWatch's console graphs do) and
has round ticks. An alarm's threshold can be drawn as a dashed line. Axis titles and the legend are in the reader's
language (``lang="ko"`` or ``"en"``; left out, the ``POCKETCLOUD_LANG`` environment variable the site's runner sets,
else English), colours follow the page's light or dark scheme (:mod:`.chartbase`), and every
series has its own dash pattern as well as its colour. Every label is escaped. The result is a :class:`Picture`: a
``str`` of SVG markup that notebooks display as the picture.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import chartbase as base
from .svg import esc, num, text_width

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 30, 40
LEGEND_ROW = 16


class Picture(str):
    """SVG markup that Jupyter and JupyterLite display as a picture (``_repr_html_``), and a plain ``str``."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        return str(self)


@dataclass(frozen=True)
class Line:
    """One series: its legend label and its points, ``(virtual seconds, value)`` in any order."""

    label: str
    points: Sequence[tuple[float, float]]


def time_series_svg(
    lines: Iterable[Line],
    *,
    title: str = "",
    y_label: str | None = None,
    lang: str | None = None,
    threshold: float | None = None,
    start: float | None = None,
    end: float | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> Picture:
    """A line chart of ``lines`` over ``[start, end]`` (default: the span of the data), with the x axis in clock
    time and a legend below the plot."""
    lang = base.chart_lang(lang)
    w = base.words(lang)
    series = [Line(line.label, sorted((float(t), float(v)) for t, v in line.points)) for line in lines]
    times = [t for s in series for t, _v in s.points]
    values = [v for s in series for _t, v in s.points]
    if threshold is not None:
        values.append(float(threshold))
    t0 = start if start is not None else (min(times) if times else 0.0)
    t1 = end if end is not None else (max(times) if times else t0 + 60.0)
    if t1 <= t0:
        t1 = t0 + 60.0
    low = min(values) if values else 0.0
    high = max(values) if values else 1.0
    ticks = base.nice_ticks(min(low, 0.0), high)
    y0, y1 = ticks[0], ticks[-1]
    legend_rows = _legend_rows(series, width)
    plot_w = width - LEFT - RIGHT
    plot_h = height - TOP - BOTTOM
    total_h = height + legend_rows * LEGEND_ROW + (6 if legend_rows else 0)

    def x(t: float) -> float:
        return LEFT + (t - t0) / (t1 - t0) * plot_w

    def y(v: float) -> float:
        return TOP + plot_h - (v - y0) / (y1 - y0) * plot_h

    out: list[str] = []
    if title:
        out.append(f'<text class="ti" x="{LEFT}" y="16">{esc(title)}</text>')
    for tick in ticks:
        grid_y = num(y(tick))
        out.append(f'<line class="gd" x1="{LEFT}" x2="{num(LEFT + plot_w)}" y1="{grid_y}" y2="{grid_y}"/>')
        label_y = num(y(tick) + 3.5)
        out.append(f'<text class="tk" x="{LEFT - 6}" y="{label_y}" text-anchor="end">{esc(base.number(tick))}</text>')
    span = t1 - t0
    for tick in base.time_ticks(t0, t1):
        out.append(
            f'<line class="ax" x1="{num(x(tick))}" x2="{num(x(tick))}" y1="{TOP + plot_h}" y2="{TOP + plot_h + 4}"/>'
        )
        out.append(
            f'<text class="tk" x="{num(x(tick))}" y="{TOP + plot_h + 15}" text-anchor="middle">'
            f"{esc(base.clock(tick, span))}</text>"
        )
    out.append(f'<line class="ax" x1="{LEFT}" x2="{num(LEFT + plot_w)}" y1="{TOP + plot_h}" y2="{TOP + plot_h}"/>')
    out.append(f'<line class="ax" x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{TOP + plot_h}"/>')
    out.append(
        f'<text class="tk" x="{num(LEFT + plot_w / 2)}" y="{TOP + plot_h + 32}" text-anchor="middle">'
        f"{esc(w['time'])}</text>"
    )
    axis_title = w["value"] if y_label is None else y_label
    if axis_title:
        mid = TOP + plot_h / 2
        out.append(
            f'<text class="tk" x="12" y="{num(mid)}" text-anchor="middle" transform="rotate(-90 12 {num(mid)})">'
            f"{esc(axis_title)}</text>"
        )
    if threshold is not None:
        ty = y(float(threshold))
        out.append(f'<line class="th" x1="{LEFT}" x2="{num(LEFT + plot_w)}" y1="{num(ty)}" y2="{num(ty)}"/>')
        label = f"{w['threshold']} {base.number(float(threshold))}"
        out.append(
            f'<text class="tk" x="{num(LEFT + plot_w - 2)}" y="{num(ty - 4)}" text-anchor="end">{esc(label)}</text>'
        )
    for index, line in enumerate(series):
        out.extend(_draw_line(index, line, x, y, t0, t1))
    if not times:
        out.append(
            f'<text class="nd" x="{num(LEFT + plot_w / 2)}" y="{num(TOP + plot_h / 2)}" text-anchor="middle">'
            f"{esc(w['no_data'])}</text>"
        )
    out.extend(_legend(series, height, width))
    aria = f"{w['chart']}: {title}" if title else w["chart"]
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pc-chart" viewBox="0 0 {width} {total_h}" width="100%" '
        f'style="max-width:{width}px" role="img" aria-label="{esc(aria)}"><style>{base.CHART_CSS}</style>'
    )
    return Picture(head + "".join(out) + "</svg>")


def _draw_line(index: int, line: Line, x: Any, y: Any, t0: float, t1: float) -> list[str]:
    shown = [(t, v) for t, v in line.points if t0 <= t <= t1]
    if not shown:
        return []
    colour = f"c{index % 6}"
    dash = base.DASHES[index % 6]
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    out = [f'<g class="{colour}"><title>{esc(line.label)}</title>']
    if len(shown) > 1:
        path = f"M{num(x(shown[0][0]))} {num(y(shown[0][1]))}" + "".join(
            f"L{num(x(t))} {num(y(v))}" for t, v in shown[1:]
        )
        out.append(f'<path class="ln" d="{path}"{dash_attr}/>')
    if len(shown) <= 60:
        out.extend(f'<circle cx="{num(x(t))}" cy="{num(y(v))}" r="2.2"/>' for t, v in shown)
    out.append("</g>")
    return out


def _legend_rows(series: Sequence[Line], width: int) -> int:
    if not series:
        return 0
    rows, cx = 1, float(LEFT)
    for line in series:
        item = 30 + text_width(line.label, 11) + 14
        if cx + item > width - RIGHT and cx > LEFT:
            rows, cx = rows + 1, float(LEFT)
        cx += item
    return rows


def _legend(series: Sequence[Line], height: int, width: int) -> list[str]:
    out: list[str] = []
    cx, cy = float(LEFT), float(height + 4)
    for index, line in enumerate(series):
        item = 30 + text_width(line.label, 11) + 14
        if cx + item > width - RIGHT and cx > LEFT:
            cx, cy = float(LEFT), cy + LEGEND_ROW
        dash = base.DASHES[index % 6]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<g class="c{index % 6}"><line class="ln" x1="{num(cx)}" x2="{num(cx + 24)}" y1="{num(cy)}" '
            f'y2="{num(cy)}"{dash_attr}/><text x="{num(cx + 30)}" y="{num(cy + 4)}" style="stroke:none">'
            f"{esc(line.label)}</text></g>"
        )
        cx += item
    return out


def metric_chart(response: Mapping[str, Any], **options: Any) -> Picture:
    """A GetMetricData response as a line chart: one line per result (its Label), timestamps as virtual time.
    ``options`` are :func:`time_series_svg`'s (``title``, ``lang``, ``threshold``, ``y_label`` …)."""
    lines = [
        Line(
            str(result.get("Label") or result.get("Id", "")),
            [(base.virtual(t), float(v)) for t, v in zip(result["Timestamps"], result["Values"], strict=True)],
        )
        for result in response.get("MetricDataResults", [])
    ]
    return time_series_svg(lines, **options)


def series_chart(series: Iterable[Any], **options: Any) -> Picture:
    """Series of the metric store (:class:`pocketcloud.metrics.Series`, e.g. ``cloud.metrics.find(...)``) as raw
    points, one line per series, labelled with the metric name and its dimension values."""
    lines = []
    for item in series:
        dims = ", ".join(value for _name, value in item.dimensions)
        lines.append(Line(f"{item.name} ({dims})" if dims else item.name, item.points()))
    return time_series_svg(lines, **options)
