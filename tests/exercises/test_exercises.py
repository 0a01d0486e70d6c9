"""Every exercise of the course, in CPython: its folder is valid, its solution passes every test (visible and
hidden), and its starter fails at least one, so a learner who hands in the starter never gets a pass.

The same harness (``pocketcloud.grading.harness``) runs in the browser's Pyodide worker and in the grader; the
browser suite (tests/browser/test_exercises.py) runs a sample of these there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pocketcloud.grading.catalog import load_catalog
from pocketcloud.grading.harness import run_checks

ROOT = Path(__file__).resolve().parents[2]
CATALOG = load_catalog(ROOT / "exercises")
EXERCISES = CATALOG.exercises
IDS = [x.id for x in EXERCISES]

#: Chapters of the site that exist now; every one needs at least 3 exercises and a quiz (issue #14).
SITE_CHAPTERS = [
    "what-is-serverless",
    "lambda-basics",
    "lifecycle",
    "environment-variables",
    "layers",
    "pricing",
    "events",
    "events-api-data",
    "stepfunctions",
    "internals",
    "scaling",
]


def _failures(result: dict) -> str:
    lines = [f"learner_error={result['learner_error']}", f"tampered={result['tampered']}"]
    for test in result["tests"]:
        if test["status"] != "pass":
            lines.append(f"{test['suite']}/{test['name']}: {test['status']} {test['message']} "
                         f"expected={test['expected']} got={test['got']}\n{test['traceback'] or ''}")  # fmt: skip
    return "\n".join(lines)


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_the_solution_passes_every_test(exercise) -> None:  # type: ignore[no-untyped-def]
    result = run_checks(exercise.solution, exercise.test_files(hidden=True), kind=exercise.kind)
    assert result["ok"], _failures(result)
    assert result["total"] >= 2, "an exercise needs at least two tests (visible + hidden)"
    assert {t["suite"] for t in result["tests"]} == {"visible", "hidden"}


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_the_starter_fails(exercise) -> None:  # type: ignore[no-untyped-def]
    visible = run_checks(exercise.starter, exercise.test_files(hidden=False), kind=exercise.kind)
    assert not visible["ok"], "the starter passes the visible tests: a learner would pass without doing anything"
    every = run_checks(exercise.starter, exercise.test_files(hidden=True), kind=exercise.kind)
    assert not every["ok"]


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_the_solution_passes_the_visible_tests_alone_and_the_tryout_runs(exercise) -> None:  # type: ignore[no-untyped-def]
    """What Run does in the browser: the visible tests only, plus the tryout of a function exercise."""
    result = run_checks(
        exercise.solution, exercise.test_files(hidden=False), kind=exercise.kind, tryout=exercise.tryout
    )
    assert result["ok"], _failures(result)
    assert "Traceback" not in result["output"], result["output"]


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_every_test_says_what_it_checks_in_both_languages(exercise) -> None:  # type: ignore[no-untyped-def]
    result = run_checks(exercise.solution, exercise.test_files(hidden=True), kind=exercise.kind)
    for test in result["tests"]:
        title = test["title"]
        assert title["ko"] != title["en"], f"{test['name']}: its docstring needs ko: and en: lines"
        assert any("가" <= c <= "힣" for c in title["ko"]), f"{test['name']}: the ko title is not Korean"


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_the_exercise_uses_the_engine(exercise) -> None:  # type: ignore[no-untyped-def]
    """Issue #14: exercises use the pocketcloud engine for real, in every chapter."""
    tests = exercise.tests_visible + exercise.tests_hidden
    assert "pocketcloud" in tests


def test_every_chapter_of_the_site_has_three_exercises_and_a_quiz() -> None:
    chapters = {c.id: c for c in CATALOG.chapters}
    for chapter_id in SITE_CHAPTERS:
        chapter = chapters[chapter_id]
        assert len(chapter.exercises) >= 3, chapter_id
        assert chapter.quiz is not None and len(chapter.quiz.questions) >= 3, chapter_id
        kinds = {q.kind for c in CATALOG.chapters if c.quiz for q in c.quiz.questions}
    assert kinds == {"single", "multiple", "numeric"}


def test_every_chapter_has_its_exercise_pages_in_both_languages_and_in_the_nav() -> None:
    """Adding a chapter is adding its folder plus docs/{ko,en}/exercises/<chapter>.md and one nav line."""
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for chapter in CATALOG.chapters:
        for lang in ("ko", "en"):
            page = ROOT / "docs" / lang / "exercises" / f"{chapter.id}.md"
            assert page.is_file(), f"missing {page.relative_to(ROOT)}"
            assert f"```exercise-chapter\n{chapter.id}\n```" in page.read_text(encoding="utf-8"), page
        assert f"- exercises/{chapter.id}.md" in nav, f"mkdocs.yml's nav lacks exercises/{chapter.id}.md"
        assert (ROOT / "docs" / "ko" / chapter.page).is_file(), f"{chapter.id}: chapter.toml names no page"


def test_quiz_answers_check_against_their_own_answer() -> None:
    for quiz in CATALOG.quizzes:
        for question in quiz.questions:
            assert question.is_correct(question.answer), f"{quiz.id}/{question.id}"
            if question.kind == "single":
                wrong: object = -1
            elif question.kind == "multiple":
                wrong = []
            else:
                wrong = float(question.answer) + question.tolerance + 1
            assert not question.is_correct(wrong), f"{quiz.id}/{question.id}"
