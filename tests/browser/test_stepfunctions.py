"""The Step Functions pages and labs where readers use them: Pyodide in the page, JupyterLite in the lab.

Every example on the six pages runs in the page's warm worker (Python 3.14 in Pyodide; tests/docs runs the same
files in CPython). The execution graphs they draw go into the runner's sandboxed frames, so these tests also
check what the reader sees there: a graph in the page's language, every status with its own colour, text that
stays legible (WCAG 2.2 contrast, https://www.w3.org/TR/WCAG22/#contrast-minimum) in the light and the dark
scheme, the frame following Material's scheme toggle, and a frame that grows when "State input and output" is
opened. The lab tests run every Step Functions notebook in JupyterLite, offline, JSONata included (the engine's
jsonata-python dependency comes from the site's own Pyodide lock).

Every test also checks (in the ``context`` fixture) that no request left 127.0.0.1.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tools.browser import run_example, run_lab, run_page_examples

pytestmark = pytest.mark.browser

LABS_DIR = Path(__file__).resolve().parents[2] / "labs"

PAGES = [
    "/stepfunctions/",
    "/stepfunctions/asl/",
    "/stepfunctions/error-handling/",
    "/stepfunctions/map-parallel/",
    "/stepfunctions/integrations/",
    "/stepfunctions/validation/",
]

#: What each execution graph in a block's output shows: its language, its states' status classes, its size.
GRAPHS = """block => [...block.querySelectorAll('iframe.pc-rich-html')].map(frame => {
  const doc = frame.contentDocument;
  const svg = doc && doc.querySelector('svg.pc-sfn');
  if (!svg) return null;
  const box = svg.getBoundingClientRect();
  return {
    label: svg.getAttribute('aria-label'),
    statuses: [...svg.querySelectorAll('g.n')].map(g => g.getAttribute('class')),
    history: (doc.querySelector('caption') || {}).textContent || null,
    width: box.width, height: box.height,
    frameHeight: frame.getBoundingClientRect().height,
  };
}).filter(Boolean)"""

#: Contrast of every text of the first graph in a frame against the box behind it (see test_site's
#: DIAGRAM_CONTRASTS for the colour arithmetic), with the frame's scheme.
GRAPH_CONTRASTS = """frame => {
  const doc = frame.contentDocument, view = doc.defaultView;
  const parse = (c) => {
    let m = c.match(/^rgba?\\(([^)]+)\\)$/);
    if (m) { const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
             return [p[0] / 255, p[1] / 255, p[2] / 255, p.length > 3 ? p[3] : 1]; }
    m = c.match(/^color\\(srgb ([^)]+)\\)$/);
    if (m) { const p = m[1].split(/[ \\/]+/).filter(Boolean).map(Number);
             return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; }
    throw new Error('unparsed colour ' + c);
  };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const lum = (c) => { const l = c.slice(0, 3).map(v => v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
                       return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2]; };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const host = parse(getComputedStyle(frame.closest('.pc-output')).backgroundColor);
  const svg = doc.querySelector('svg.pc-sfn');
  const out = [];
  for (const text of svg.querySelectorAll('text')) {
    const group = text.closest('g.n');
    if (group && group.classList.contains('nr')) continue;  // "not reached" is dimmed on purpose
    let under = host;
    const shape = group && group.querySelector(':scope > rect');
    const fill = shape && view.getComputedStyle(shape).fill;
    if (fill && fill !== 'none') under = over(parse(fill), host);
    const colour = over(parse(view.getComputedStyle(text).fill), under);
    out.push({ text: text.textContent, ratio: ratio(colour, under), light: lum(colour) > lum(under) });
  }
  return { scheme: doc.documentElement.dataset.mdColorScheme, texts: out };
}"""


@pytest.mark.parametrize("path", PAGES)
def test_every_step_functions_example_runs_in_pyodide(site_url: str, page: Any, path: str) -> None:
    """Each example finishes; each execution graph it draws is there, sized, and labelled in Korean."""
    run_page_examples(page, site_url + path)
    blocks = page.locator(".pc-run[data-ready]")
    graphs = 0
    for index in range(blocks.count()):
        for graph in blocks.nth(index).evaluate(GRAPHS):
            graphs += 1
            assert graph["label"] == "상태 머신 그래프", graph  # POCKETCLOUD_LANG from the page's language
            assert graph["width"] > 100 and graph["height"] > 50, graph
            assert graph["history"] in (None, "실행 기록"), graph
            assert graph["frameHeight"] >= graph["height"], graph
    print(f"{path}: {blocks.count()} examples, {graphs} execution graphs")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_execution_graph_follows_the_page_and_stays_legible(site_url: str, page: Any, scheme: str) -> None:
    """The first example's graph (a failed execution) on the English page: statuses drawn, text at 4.5:1 or more
    against its box in the scheme the page starts in and after the reader toggles it, and the frame growing
    when the reader opens "State input and output"."""
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + "/en/stepfunctions/")
    block = page.locator(".pc-run[data-ready]", has_text="first_workflow").first
    block.wait_for()
    output = run_example(block)
    assert "pear FAILED" in output
    frame = block.locator("iframe.pc-rich-html").last
    (graph,) = block.evaluate(GRAPHS)[-1:]
    assert graph["label"] == "State machine graph" and graph["history"] == "Execution history"
    statuses = " ".join(graph["statuses"])
    assert " ok" in statuses and " bad" in statuses and " nr" in statuses, statuses

    for expected in (scheme, "dark" if scheme == "light" else "light"):
        result = frame.evaluate(GRAPH_CONTRASTS)
        assert result["scheme"] == ("slate" if expected == "dark" else "default"), result["scheme"]
        weak = [t for t in result["texts"] if t["ratio"] < 4.5]
        assert not weak, f"low contrast in {expected}: {weak[:5]}"
        assert all(t["light"] == (expected == "dark") for t in result["texts"]), f"text does not follow {expected}"
        if expected == scheme:  # the reader toggles Material's palette: the frame follows without a rerun
            page.locator("label.md-header__button[for^='__palette']:visible").first.click()
            frame.evaluate(
                "(f, want) => new Promise(done => { const root = f.contentDocument.documentElement;"
                " const check = () => root.dataset.mdColorScheme === want ? done() : requestAnimationFrame(check);"
                " check(); })",
                "slate" if scheme == "light" else "default",
            )

    before = frame.evaluate("f => f.getBoundingClientRect().height")
    frame.content_frame.locator("details > summary").first.click()
    frame.evaluate(
        "(f, h) => new Promise(done => { const check = () => f.getBoundingClientRect().height > h ? done()"
        " : requestAnimationFrame(check); check(); })",
        before,
    )
    assert frame.content_frame.locator("details table").first.is_visible()


#: The Step Functions labs, alternating languages: each runs in JupyterLite once (all run in CPython in tests/labs).
LABS = [
    ("ko", "09-order-workflow.ipynb"),
    ("en", "10-human-approval.ipynb"),
    ("ko", "11-map-over-s3.ipynb"),
    ("en", "12-jsonpath-to-jsonata.ipynb"),
    ("ko", "13-debugging-definitions.ipynb"),
]
GRAPH_LABEL = {"ko": "상태 머신 그래프", "en": "State machine graph"}

#: JupyterLab draws only the cells near the viewport (notebook windowing): scroll from the top to the bottom,
#: a frame at a time, and collect every output's text and graph labels on the way.
ALL_OUTPUTS = """async () => {
  const scroller = document.querySelector('.jp-WindowedPanel-outer') || document.querySelector('.jp-Notebook');
  const texts = new Set(), labels = new Set(), captions = new Set();
  const settle = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  scroller.scrollTop = 0;
  for (let step = 0; step < 1000; step++) {
    await settle();
    for (const output of document.querySelectorAll('.jp-OutputArea-output')) {
      texts.add(output.innerText);
      output.querySelectorAll('svg.pc-sfn').forEach(svg => labels.add(svg.getAttribute('aria-label')));
      output.querySelectorAll('caption').forEach(caption => captions.add(caption.textContent));
    }
    if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2) break;
    scroller.scrollTop += Math.max(scroller.clientHeight / 2, 100);
  }
  return {text: [...texts].join('\\n'), labels: [...labels], captions: [...captions]};
}"""
HISTORY_CAPTION = {"ko": "실행 기록", "en": "Execution history"}


@pytest.mark.parametrize(("lang", "name"), LABS, ids=[f"{lang}/{name}" for lang, name in LABS])
def test_step_functions_labs_run_in_jupyterlite_and_draw_their_graphs(
    site_url: str, page: Any, lang: str, name: str
) -> None:
    """A lab runs top to bottom in JupyterLite (Python 3.14 in Pyodide, offline; JSONata states use jsonata-python
    from the site's own lock) and shows everything its metadata says the run must show, as in CPython; its
    execution graphs are rendered as HTML output, labelled in the lab's language (the lab takes it from its
    folder, which JupyterLite makes the kernel's working directory)."""
    notebook = json.loads((LABS_DIR / lang / name).read_text(encoding="utf-8"))
    expected = notebook["metadata"]["pocketcloud"]["expect"]
    run_lab(page, site_url, f"{lang}/{name}", expected[-1])
    graphs = page.locator(".jp-OutputArea-output svg.pc-sfn")
    box = graphs.last.bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 100
    seen = page.evaluate(ALL_OUTPUTS)
    assert "Traceback" not in seen["text"], seen["text"][-3000:]
    missing = [fragment for fragment in expected if fragment not in seen["text"]]
    assert not missing, f"{name}: not shown in JupyterLite: {missing}"
    assert seen["labels"] == [GRAPH_LABEL[lang]], seen["labels"]
    assert HISTORY_CAPTION[lang] in seen["captions"], seen["captions"]
