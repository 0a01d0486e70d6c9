"""An execution as an HTML fragment: the coloured graph, each state's input and output, and the history table.

Used as a notebook's ``_repr_html_`` and as the site runner's output. The history table lists what the Step
Functions console's event view lists (ID, type, state, elapsed time since the execution started; see
https://docs.aws.amazon.com/step-functions/latest/dg/concepts-view-execution-details.html). Every value from the
definition or the history is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import labels
from .execution import summarize
from .statemachine import state_machine_svg
from .svg import esc
from .theme import HTML_CSS


def _cell(text: str | None) -> str:
    return "<td></td>" if text is None else f"<td><pre>{esc(text)}</pre></td>"


def execution_html(definition: Mapping[str, Any], history: list[dict[str, Any]] | None, *, lang: str = "en") -> str:
    """The graph with statuses, a collapsible table of state inputs and outputs, and the event history."""
    words = labels.words(lang)
    events = history or []
    summary = summarize(events)
    parts = [f'<div class="pc-exec"><style>{HTML_CSS}</style>', state_machine_svg(definition, events, lang=lang)]
    if summary.states:
        parts.append(f"<details><summary>{esc(words['data'])}</summary><table><thead><tr>")
        for key in ("state", "status", "input", "output"):
            parts.append(f"<th>{esc(words[key])}</th>")
        parts.append("</tr></thead><tbody>")
        for name, run in summary.states.items():
            status = f"{labels.ICONS[run.status]} {words[run.status]}"
            parts.append(f"<tr><td>{esc(name)}</td><td>{esc(status)}</td>{_cell(run.input)}{_cell(run.output)}</tr>")
        parts.append("</tbody></table></details>")
    parts.append(f"<table><caption>{esc(words['history'])}</caption><thead><tr>")
    for key in ("id", "type", "state", "elapsed"):
        parts.append(f"<th>{esc(words[key])}</th>")
    parts.append("</tr></thead><tbody>")
    for row in summary.rows:
        elapsed = "" if row.elapsed_ms is None else f"{row.elapsed_ms:,}"
        parts.append(
            f'<tr><td class="num">{row.id}</td><td>{esc(row.type)}</td><td>{esc(row.state or "")}</td>'
            f'<td class="num">{elapsed}</td></tr>'
        )
    parts.append("</tbody></table></div>")
    return "".join(parts)
