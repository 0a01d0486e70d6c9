"""What the charts share: their words in English and Korean, their stylesheet, axis ticks and number formats.

The stylesheet follows :mod:`.theme`: colours are CSS custom properties scoped by the ``pc-chart`` class, text and
axes take the page's own colours where it has them (mkdocs-material, JupyterLab), and the series palette switches
with ``prefers-color-scheme`` and with the explicit scheme switches of mkdocs-material (``data-md-color-scheme``)
and JupyterLab (``data-jp-theme-light``). The palette is Okabe and Ito's colour-blind-safe set (a lighter variant
for dark pages); each series also has its own dash pattern and each Gantt kind its own fill pattern, so the charts
read without colour too (WCAG 1.4.1, "Use of Color").
"""

from __future__ import annotations

import math
import os
from datetime import datetime

from ..timeutil import EPOCH, to_datetime

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "time": "Time (UTC)",
        "value": "Value",
        "chart": "Time-series chart",
        "timeline": "Timeline",
        "lane": "Execution environment",
        "elapsed": "Elapsed time",
        "no_data": "No data",
        "threshold": "Threshold",
        "legend": "Legend",
        "seconds": "{} s",
        "ms": "{} ms",
        "init": "Init",
        "restore": "Restore",
        "run": "Invoke",
        "queued": "Queued",
        "throttled": "Throttled",
        "error": "Error",
        "other": "Other",
    },
    "ko": {
        "time": "시간(UTC)",
        "value": "값",
        "chart": "시계열 차트",
        "timeline": "타임라인",
        "lane": "실행 환경",
        "elapsed": "경과 시간",
        "no_data": "데이터 없음",
        "threshold": "임계값",
        "legend": "범례",
        "seconds": "{}초",
        "ms": "{}ms",
        "init": "초기화 단계(Init)",
        "restore": "복원(Restore)",
        "run": "호출",
        "queued": "대기",
        "throttled": "제한(throttling)",
        "error": "오류",
        "other": "기타",
    },
}

#: Gantt bar kinds, in legend order.
KINDS = ("queued", "init", "restore", "run", "error", "throttled", "other")

_LIGHT = (
    "--s0:#0072b2;--s1:#d55e00;--s2:#009e73;--s3:#cc79a7;--s4:#e69f00;--s5:#56b4e9;"
    "--gd:#d0d7de;--tx:#1f2328;--tm:#59636e;--pbg:#fff"
)
_DARK = (
    "--s0:#56b4e9;--s1:#ff8f4d;--s2:#3fd0a5;--s3:#e8a3c9;--s4:#f0c04d;--s5:#9fd3f5;"
    "--gd:#30363d;--tx:#e6edf3;--tm:#9198a1;--pbg:#0d1117"
)
_DARK_SCOPES = "[data-md-color-scheme=slate] .pc-chart,body[data-jp-theme-light=false] .pc-chart"
_LIGHT_SCOPES = "[data-md-color-scheme=default] .pc-chart,body[data-jp-theme-light=true] .pc-chart"
#: Series colours and dashes (index modulo 6).
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4")
#: Gantt kinds: (colour variable, fill opacity, hatched).
KIND_STYLE = {
    "queued": ("--s5", 0.35, True),
    "init": ("--s4", 0.9, False),
    "restore": ("--s3", 0.9, True),
    "run": ("--s0", 0.9, False),
    "error": ("--s1", 0.9, True),
    "throttled": ("--s1", 0.4, False),
    "other": ("--tm", 0.6, False),
}

CHART_CSS = (
    ".pc-chart{" + _LIGHT + ";--fg:var(--md-default-fg-color,var(--jp-ui-font-color1,var(--tx)));"
    "--mu:var(--md-default-fg-color--light,var(--jp-ui-font-color2,var(--tm)));"
    "--bg:var(--md-default-bg-color,var(--jp-layout-color0,var(--pbg)));"
    "color:var(--fg);font:11px/1.25 system-ui,-apple-system,'Segoe UI',sans-serif}"
    "@media (prefers-color-scheme:dark){.pc-chart{" + _DARK + "}}"
    + _LIGHT_SCOPES + "{" + _LIGHT + "}" + _DARK_SCOPES + "{" + _DARK + "}"
    ".pc-chart text{fill:currentColor}"
    ".pc-chart .ax{stroke:var(--mu);stroke-width:1}"
    ".pc-chart .gd{stroke:var(--gd);stroke-width:1}"
    ".pc-chart .tk{fill:var(--mu);font-size:10px}"
    ".pc-chart .ti{font-size:12px;font-weight:600}"
    ".pc-chart .ln{fill:none;stroke-width:1.8;stroke-linejoin:round}"
    ".pc-chart .th{stroke:var(--s1);stroke-width:1.2;stroke-dasharray:4 3}"
    ".pc-chart .nd{fill:var(--mu)}"
    + "".join(f".pc-chart .c{i}{{stroke:var(--s{i});fill:var(--s{i})}}" for i in range(6))
    + "".join(
        f".pc-chart .k-{kind}{{fill:var({colour});fill-opacity:{opacity};stroke:var({colour})}}"
        for kind, (colour, opacity, _hatched) in KIND_STYLE.items()
    )
    + ".pc-chart .hatch{fill:url(#pc-hatch);fill-opacity:1;stroke:none}"
    ".pc-chart .hl{stroke:var(--fg);stroke-opacity:.45;stroke-width:1}"
)  # fmt: skip


def words(lang: str) -> dict[str, str]:
    """The labels for ``lang`` ("en" or "ko"); any other value falls back to English."""
    return TEXT.get(lang, TEXT["en"])


#: The environment variable the site's runner sets to the page's language (see ``docs/assets/runner/worker.mjs``).
LANG_VARIABLE = "POCKETCLOUD_LANG"


def chart_lang(lang: str | None) -> str:
    """``lang`` when given; otherwise ``POCKETCLOUD_LANG`` when it names a language the labels exist in, else "en".

    So one example file draws Korean axis titles on a Korean page and English ones on an English page, as the
    Step Functions views do (:func:`pocketcloud.stepfunctions.default_lang`)."""
    if lang is not None:
        return lang
    value = os.environ.get(LANG_VARIABLE, "en").strip().lower()
    return value if value in TEXT else "en"


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering ``[low, high]`` (1, 2, 2.5 or 5 times a power of ten apart)."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return [0.0, 1.0]
    if high <= low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    ticks = []
    value = first
    while value < high + step * 0.5:
        ticks.append(round(value, 12))
        if value >= high:
            break
        value += step
    return ticks


def number(value: float) -> str:
    """A tick or legend number, short: 0.25, 12, 1,500, 12k, 3.5M."""
    magnitude = abs(value)
    if magnitude >= 1e6:
        return f"{value / 1e6:.3g}M"
    if magnitude >= 1e4:
        return f"{value / 1e3:.3g}k"
    if magnitude >= 1000:
        return f"{value:,.0f}"
    return f"{value:.4g}"


_TIME_STEPS = (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400)


def time_ticks(start: float, end: float, count: int = 6) -> list[float]:
    """Tick times (virtual seconds) on whole seconds, minutes or hours, about ``count`` of them."""
    span = max(end - start, 1.0)
    step = next((s for s in _TIME_STEPS if span / s <= count), 86400 * math.ceil(span / 86400 / count))
    first = math.ceil(start / step) * step
    return [first + i * step for i in range(int((end - first) // step) + 1)]


def clock(t: float, span: float) -> str:
    """A virtual time as the clock shows it (UTC; day 0 is 2026-01-01): HH:MM, HH:MM:SS or MM-DD HH:MM."""
    moment = to_datetime(t)
    if span > 2 * 86400:
        return moment.strftime("%m-%d %H:%M")
    if span < 600 or t % 60:
        return moment.strftime("%H:%M:%S")
    return moment.strftime("%H:%M")


def virtual(moment: datetime | float) -> float:
    """A boto3 timestamp (aware datetime) or virtual seconds, as virtual seconds."""
    if isinstance(moment, datetime):
        return (moment - EPOCH).total_seconds()
    return float(moment)


def duration(seconds: float, lang: str) -> str:
    """An elapsed-time tick: ``250 ms`` / ``1.5 s`` (``250ms`` / ``1.5초`` in Korean)."""
    w = words(lang)
    if abs(seconds) < 1 and seconds != 0:
        return w["ms"].format(f"{seconds * 1000:.4g}")
    return w["seconds"].format(f"{seconds:.4g}")
