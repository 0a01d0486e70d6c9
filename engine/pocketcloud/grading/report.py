"""The class report: one CSV row per (learner, exercise or quiz), and one self-contained HTML page.

The HTML page has no script, no external style and no font from anywhere: a teacher can mail it or open it
from a USB stick. Every text from a submission (names, file names, error messages, code) is HTML-escaped.
"""

from __future__ import annotations

import csv
import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .catalog import Catalog
from .grader import NOT_STARTED, PASSED, STATUSES, Outcome

INVALID = "invalid file"


@dataclass
class LearnerResult:
    file: str
    learner: str
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    attempts: dict[str, int] = field(default_factory=dict)
    solved_in_browser: dict[str, bool] = field(default_factory=dict)
    quiz_scores: dict[str, tuple[int, int]] = field(default_factory=dict)
    problem: str | None = None  # the file could not be used at all
    warnings: list[str] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return sum(1 for o in self.outcomes.values() if o.status == PASSED)


CSV_COLUMNS = [
    "file",
    "learner",
    "item",
    "kind",
    "status",
    "tests_passed",
    "tests_total",
    "visible_passed",
    "visible_total",
    "hidden_passed",
    "hidden_total",
    "attempts_in_browser",
    "solved_in_browser",
    "detail",
]


def write_csv(path: Path, catalog: Catalog, results: Sequence[LearnerResult]) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(CSV_COLUMNS)
        for result in results:
            if result.problem is not None:
                writer.writerow([result.file, result.learner, "", "file", INVALID, *[""] * 8, result.problem])
                continue
            note = "; ".join(result.warnings)
            for exercise in catalog.exercises:
                o = result.outcomes[exercise.id]
                writer.writerow(
                    [
                        result.file,
                        result.learner,
                        exercise.id,
                        "exercise",
                        o.status,
                        o.passed,
                        o.total,
                        *o.visible,
                        *o.hidden,
                        result.attempts.get(exercise.id, 0),
                        "yes" if result.solved_in_browser.get(exercise.id) else "no",
                        "; ".join(x for x in (o.detail, note) if x),
                    ]
                )
            for quiz in catalog.quizzes:
                right, total = result.quiz_scores.get(quiz.id, (0, len(quiz.questions)))
                writer.writerow(
                    [result.file, result.learner, quiz.id, "quiz", f"{right}/{total}", right, total, *[""] * 6, note]
                )


STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI","Apple SD Gothic Neo","Noto Sans KR",sans-serif;margin:24px;
color:#1f2328;background:#fff}h1{font-size:22px}h2{font-size:17px;margin-top:28px}table{border-collapse:collapse}
th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f6f8fa}
td.s-passed{background:#dafbe1}td.s-failed{background:#fff8c5}td.s-error,td.s-crashed,td.s-timeout,td.s-memory,
td.s-tampered,td.s-invalid{background:#ffebe9}td.s-not-started{color:#6e7781}.num{text-align:right}
details pre{white-space:pre-wrap;max-width:70ch;font-size:12px}.warn{color:#9a6700}small{color:#57606a}
@media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}th{background:#161b22}
th,td{border-color:#30363d}td.s-passed{background:#12361d}td.s-failed{background:#3b2e00}
td.s-error,td.s-crashed,td.s-timeout,td.s-memory,td.s-tampered,td.s-invalid{background:#4a1418}small{color:#8b949e}}
"""


def _cell_class(status: str) -> str:
    return "s-" + status.replace(" ", "-")


def write_html(path: Path, catalog: Catalog, results: Sequence[LearnerResult], *, title: str) -> None:
    e = html.escape
    graded = [r for r in results if r.problem is None]
    head = "".join(f"<th title='{e(x.title['en'])}'>{e(x.id)}</th>" for x in catalog.exercises)
    head += "".join(f"<th>{e(q.id)}</th>" for q in catalog.quizzes)
    rows = []
    for result in results:
        cells = [f"<th>{e(result.learner)}<br><small>{e(result.file)}</small></th>"]
        if result.problem is not None:
            span = len(catalog.exercises) + len(catalog.quizzes) + 1
            cells.append(f"<td class='s-invalid' colspan='{span}'>{e(INVALID)}: {e(result.problem)}</td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
            continue
        cells.append(f"<td class='num'>{result.passed}/{len(catalog.exercises)}</td>")
        for exercise in catalog.exercises:
            o = result.outcomes[exercise.id]
            label = f"{o.status}" + (f" {o.passed}/{o.total}" if o.total and o.status != NOT_STARTED else "")
            body = e(label)
            if o.detail:
                body = f"<details><summary>{e(label)}</summary><pre>{e(o.detail)}</pre></details>"
            cells.append(f"<td class='{_cell_class(o.status)}'>{body}</td>")
        for quiz in catalog.quizzes:
            right, total = result.quiz_scores.get(quiz.id, (0, len(quiz.questions)))
            cells.append(f"<td class='num'>{right}/{total}</td>")
        warn = "".join(f"<div class='warn'>{e(w)}</div>" for w in result.warnings)
        if warn:
            cells[0] = cells[0].replace("</th>", f"{warn}</th>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    per_exercise = []
    for exercise in catalog.exercises:
        counts = {s: 0 for s in STATUSES}
        for result in graded:
            counts[result.outcomes[exercise.id].status] += 1
        share = f"{100 * counts[PASSED] / len(graded):.0f}%" if graded else "—"
        detail = ", ".join(f"{s}: {n}" for s, n in counts.items() if n)
        per_exercise.append(
            f"<tr><th>{e(exercise.id)}</th><td>{e(exercise.title['ko'])}<br><small>{e(exercise.title['en'])}"
            f"</small></td><td class='num'>{e(share)}</td><td>{e(detail)}</td></tr>"
        )
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{e(title)}</title><style>{STYLE}</style></head><body>
<h1>{e(title)}</h1>
<p>{len(results)} file(s), {len(graded)} graded, {len(results) - len(graded)} unusable;
{len(catalog.exercises)} exercise(s), visible and hidden tests run in CPython, each in its own process.</p>
<h2>Per exercise</h2>
<table><tr><th>exercise</th><th>title</th><th>passed</th><th>statuses</th></tr>{"".join(per_exercise)}</table>
<h2>Per learner</h2>
<div style="overflow-x:auto"><table><tr><th>learner</th><th>passed</th>{head}</tr>{"".join(rows)}</table></div>
</body></html>
"""
    path.write_text(page, encoding="utf-8")
