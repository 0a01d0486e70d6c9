"""Charts: metric line charts and per-environment Gantt timelines as engine-made SVG.

What is checked is what a reader relies on: the markup is well-formed SVG with its own scoped stylesheet for light
and dark pages (mkdocs-material's ``data-md-color-scheme``, JupyterLab's ``data-jp-theme-light``,
``prefers-color-scheme``), axis titles and legends are in the reader's language, every label is escaped, points land
where their time and value say, and the pictures stay small. GetMetricData responses are the client's own
(https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest

import pocketcloud
from pocketcloud.display import Bar, Line, gantt_svg, metric_chart, series_chart, time_series_svg
from pocketcloud.display.chartbase import nice_ticks, time_ticks
from pocketcloud.metrics import dimensions
from pocketcloud.timeutil import to_datetime

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


@pytest.fixture
def response() -> dict[str, Any]:
    cloud = pocketcloud.Cloud(seed=0)
    cw = cloud.client("cloudwatch")
    for second in range(0, 600, 20):
        cloud.run(until=second)
        cw.put_metric_data(Namespace="App", MetricData=[{"MetricName": "Latency", "Value": float(second % 90)}])
    metric = {"Namespace": "App", "MetricName": "Latency"}
    result: dict[str, Any] = cw.get_metric_data(
        MetricDataQueries=[
            {"Id": "p99", "MetricStat": {"Metric": metric, "Period": 60, "Stat": "p99"}},
            {"Id": "avg", "MetricStat": {"Metric": metric, "Period": 60, "Stat": "Average"}},
        ],
        StartTime=to_datetime(0),
        EndTime=to_datetime(600),
    )
    return result


@pytest.mark.parametrize(("lang", "time_title"), [("en", "Time (UTC)"), ("ko", "시간(UTC)")])
def test_metric_chart_language_and_legend(response: dict[str, Any], lang: str, time_title: str) -> None:
    """A GetMetricData response draws one line per result, labelled with its Label; the axis titles follow ``lang``."""
    root = parse(metric_chart(response, lang=lang, title="Latency", threshold=60))
    words = texts(root)
    assert time_title in words
    assert "Latency p99" in words and "Latency Average" in words
    assert any(w.startswith("Threshold" if lang == "en" else "임계값") for w in words)
    assert len(root.findall(f".//{SVG}path")) == 2
    assert root.get("aria-label") == ("Time-series chart: Latency" if lang == "en" else "시계열 차트: Latency")


def test_charts_follow_the_page_language_when_lang_is_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """The site's runner sets POCKETCLOUD_LANG to the page's language, so one example file draws Korean axis titles
    on a Korean page and English ones on an English page; an explicit ``lang`` wins, an unknown value is English."""
    line = [Line("Throttles", [(0.0, 1.0), (60.0, 2.0)])]
    bars = [Bar("api:1#1", 0.0, 0.5, "init")]
    monkeypatch.setenv("POCKETCLOUD_LANG", "ko")
    assert "시간(UTC)" in texts(parse(time_series_svg(line)))
    assert "Time (UTC)" in texts(parse(time_series_svg(line, lang="en")))
    assert parse(gantt_svg(bars)).get("aria-label", "").startswith("타임라인")
    monkeypatch.setenv("POCKETCLOUD_LANG", "fr")
    assert "Time (UTC)" in texts(parse(time_series_svg(line)))
    monkeypatch.delenv("POCKETCLOUD_LANG")
    assert "Time (UTC)" in texts(parse(time_series_svg(line)))


def test_both_colour_schemes_are_styled(response: dict[str, Any]) -> None:
    """The stylesheet switches with the OS preference and with the site's and JupyterLab's explicit switches."""
    css = parse(metric_chart(response)).find(f"{SVG}style")
    assert css is not None and css.text is not None
    for scope in ("prefers-color-scheme:dark", "data-md-color-scheme=slate", "data-jp-theme-light=false",
                  "data-md-color-scheme=default", "data-jp-theme-light=true"):  # fmt: skip
        assert scope in css.text


def test_points_land_on_their_time_and_value() -> None:
    """The x axis is the virtual clock (second 0 = 00:00 UTC), the y axis starts at 0 for non-negative data."""
    root = parse(time_series_svg([Line("a", [(0, 0.0), (60, 10.0), (120, 5.0)])], width=640, height=260))
    circles = [(float(c.get("cx", 0)), float(c.get("cy", 0))) for c in root.iter(f"{SVG}circle")]
    (x0, y0), (x1, y1), (x2, y2) = circles
    assert x0 < x1 < x2 and x1 - x0 == pytest.approx(x2 - x1, abs=0.2)
    assert y1 < y2 < y0  # 10 is highest, 0 lowest
    assert {"00:00:00", "00:01:00", "00:02:00"} <= set(texts(root))  # a short span shows seconds


def test_labels_are_escaped() -> None:
    """A label that looks like markup is shown as text."""
    markup = time_series_svg([Line("<script>alert(1)</script>", [(0, 1.0)])], title='"&<b>')
    root = parse(markup)
    assert "<script>" not in markup and "<script>alert(1)</script>" in texts(root)
    assert '"&<b>' in texts(root)


def test_no_data_says_so() -> None:
    assert "데이터 없음" in texts(parse(time_series_svg([], lang="ko")))
    assert "No data" in texts(parse(gantt_svg([])))


def test_series_chart_reads_the_metric_store() -> None:
    """Plain Python data: series of cloud.metrics, one line each, labelled with the metric and dimension values."""
    cloud = pocketcloud.Cloud(seed=0)
    for second in range(10):
        cloud.metrics.record(
            "AWS/Lambda", "Duration", dimensions(FunctionName="hello"), 100.0 + second, second, "Milliseconds"
        )
    root = parse(series_chart(cloud.metrics.find("AWS/Lambda", FunctionName="hello"), y_label="ms"))
    assert "Duration (hello)" in texts(root) and "ms" in texts(root)


def test_small() -> None:
    """A day of one-minute points (1,440) for three series stays well under 200 KB; 30 points under 12 KB."""
    day = [Line(f"s{i}", [(t * 60.0, float((t * (i + 1)) % 97)) for t in range(1440)]) for i in range(3)]
    assert len(time_series_svg(day)) < 200_000
    assert len(time_series_svg([Line("a", [(t * 60.0, float(t)) for t in range(30)])])) < 12_000


def test_gantt_lanes_bars_and_legend() -> None:
    """One row per lane in order of first start; bars span their times; the legend lists the kinds present, in the
    reader's language; an unknown kind draws as 'other'."""
    bars = [
        Bar("env-b", 0.5, 0.6, "run", "req 2"),
        Bar("env-a", 0.0, 0.3, "init", "cold start"),
        Bar("env-a", 0.3, 0.4, "run", "req 1"),
        Bar("env-a", 0.4, 0.5, "mystery"),
    ]
    root = parse(gantt_svg(bars, lang="ko", title="실행 환경"))
    words = texts(root)
    assert words.index("env-a") < words.index("env-b")
    assert {"초기화 단계(Init)", "호출", "기타"} <= set(words) and "오류" not in words
    assert "경과 시간" in words and "0초" in words
    rects = [r for r in root.iter(f"{SVG}rect") if (r.get("class") or "").startswith("k-")]
    assert {r.get("class") for r in rects} == {"k-init", "k-run", "k-other"}
    titles = ["".join(t.itertext()) for t in root.iter(f"{SVG}title")]
    assert any(t.startswith("cold start · 초기화 단계(Init) · 0초 → 300ms") for t in titles)


def test_gantt_many_bars_stay_cheap() -> None:
    """10,000 bars on 50 lanes draw (one element group per bar) in well-formed SVG."""
    bars = [Bar(f"env-{i % 50}", i * 0.01, i * 0.01 + 0.008) for i in range(10_000)]
    root = parse(gantt_svg(bars))
    # every bar, and the legend's swatch
    assert sum(1 for r in root.iter(f"{SVG}rect") if r.get("class") == "k-run") == 10_001


def test_ticks() -> None:
    assert nice_ticks(0, 97) == [0, 20, 40, 60, 80, 100]
    assert nice_ticks(0, 1) == [0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert time_ticks(0, 3600) == [0, 600, 1200, 1800, 2400, 3000, 3600]
    assert time_ticks(30, 200) == [30, 60, 90, 120, 150, 180]


def test_same_input_same_picture(response: dict[str, Any]) -> None:
    assert metric_chart(response) == metric_chart(response)
    assert re.search(r"nan|inf", metric_chart(response)) is None
    assert metric_chart(response)._repr_html_() == str(metric_chart(response))
