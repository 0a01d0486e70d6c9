"""The learner build ships no hidden test and no solution; the teacher build ships both.

Anything a browser downloads can be read by its user, so the learner build (``make site``) must not contain
them at all: this scans every text file of the built site, the pages' embedded JSON decoded, for the lines that
only a solution or a hidden test has. The teacher build (``make teacher-site``) is checked when it exists.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pocketcloud.grading.catalog import load_catalog

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "site"
TEACHER_SITE = ROOT / "site-teacher"
CATALOG = load_catalog(ROOT / "exercises")
JSON_SCRIPT = re.compile(r'<script type="application/json"[^>]*>(.*?)</script>', re.DOTALL)
TEXT_SUFFIXES = {".html", ".js", ".mjs", ".json", ".css", ".txt", ".xml", ".md", ".py"}


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _site_text(site: Path) -> str:
    """Every text file of the site (not the lite/ build: the engine wheel and Pyodide), JSON decoded."""
    parts = []
    for path in site.rglob("*"):
        if not path.is_file() or path.suffix not in TEXT_SUFFIXES or "lite" in path.relative_to(site).parts[:1]:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        parts.append(html.unescape(text))
        for blob in JSON_SCRIPT.findall(text):
            parts.extend(_strings(json.loads(blob)))
        if path.suffix == ".json":
            with contextlib.suppress(json.JSONDecodeError):
                parts.extend(_strings(json.loads(text)))
    return "\n".join(parts)


def _only_in(secret: str, *public: str) -> list[str]:
    """Lines of ``secret`` long enough to be telling and absent from every ``public`` text."""
    shown = "\n".join(public)
    lines = []
    for line in secret.splitlines():
        line = line.strip()
        if len(line) >= 16 and line not in shown and not line.startswith(("#", "import ", "from ")):
            lines.append(line)
    return lines


def _public() -> str:
    """Everything the site shows on purpose: every exercise's public files, the lesson pages and examples."""
    parts = []
    for x in CATALOG.exercises:
        parts += [x.starter, x.tests_visible, x.tryout or "", *x.statement.values(), *x.explanation.values()]
        parts += [*x.hints["ko"], *x.hints["en"]]
    parts += [p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md")]
    parts += [p.read_text(encoding="utf-8") for p in (ROOT / "docs_src").rglob("*.py")]
    return "\n".join(parts)


def _secrets() -> list[tuple[str, str]]:
    """(what, line) for every telling line that only a solution or a hidden test has."""
    public = _public()
    found = []
    for x in CATALOG.exercises:
        found += [(f"{x.id} solution", line) for line in _only_in(x.solution, public)]
        found += [(f"{x.id} hidden test", line) for line in _only_in(x.tests_hidden, public)]
    return found


def test_every_exercise_has_lines_only_its_solution_or_hidden_tests_have() -> None:
    """Otherwise the scan below would prove nothing for it. (A solution that differs from public code by a
    short edit, e.g. one condition, has no telling line of its own; its hidden tests still do.)"""
    secrets = _secrets()
    for x in CATALOG.exercises:
        assert any(what.startswith(f"{x.id} hidden") for what, _ in secrets), x.id
    with_solution_lines = {what.split()[0] for what, _ in secrets if what.endswith("solution")}
    assert len(with_solution_lines) >= len(CATALOG.exercises) * 2 // 3


@pytest.mark.site
def test_the_learner_build_contains_no_hidden_test_and_no_solution() -> None:
    if not (SITE / "exercises" / "index.html").exists():
        pytest.fail("site/ is not built: run `make site` (make test does it)")
    text = _site_text(SITE)
    assert 'content="learner"' in text
    leaks = [f"{what}: {line}" for what, line in _secrets() if line in text]
    assert not leaks, "the learner build contains:\n" + "\n".join(leaks[:20])


@pytest.mark.site
def test_the_learner_build_has_every_exercise_with_its_visible_tests() -> None:
    if not (SITE / "exercises" / "index.html").exists():
        pytest.fail("site/ is not built: run `make site` (make test does it)")
    for lang, prefix in (("ko", ""), ("en", "en/")):
        for chapter in CATALOG.chapters:
            page = (SITE / prefix / "exercises" / chapter.id / "index.html").read_text(encoding="utf-8")
            data = [json.loads(b) for b in JSON_SCRIPT.findall(page)]
            ids = [d["id"] for d in data if "starterHash" in d]
            assert ids == [x.id for x in chapter.exercises], (lang, chapter.id)
            for d in data:
                if "starterHash" in d:
                    assert [t["suite"] for t in d["tests"]] == ["visible"] and "solution" not in d


def test_the_teacher_build_has_solutions_hidden_tests_and_the_self_test() -> None:
    if not (TEACHER_SITE / "exercises" / "self-test" / "index.html").exists():
        pytest.skip("site-teacher/ is not built (make teacher-site)")
    text = _site_text(TEACHER_SITE)
    assert 'content="teacher"' in text
    missing = [f"{what}: {line}" for what, line in _secrets() if line not in text]
    assert not missing, missing[:5]
    page = (TEACHER_SITE / "exercises" / "self-test" / "index.html").read_text(encoding="utf-8")
    (data,) = [json.loads(b) for b in JSON_SCRIPT.findall(page)]
    assert len(data["exercises"]) == len(CATALOG.exercises)
