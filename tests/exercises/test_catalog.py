"""Exercise folders are validated against a schema, and every problem comes back at once with its file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pocketcloud.grading.catalog import CatalogError, load_catalog
from pocketcloud.grading.schema import META_SCHEMA, validate

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "exercises" / "lambda-basics"


@pytest.fixture
def chapter(tmp_path: Path) -> Path:
    target = tmp_path / "exercises" / "lambda-basics"
    shutil.copytree(SOURCE, target)
    return target


def _problems(root: Path) -> list[str]:
    with pytest.raises(CatalogError) as info:
        load_catalog(root)
    return info.value.problems


def test_a_copy_of_a_valid_chapter_loads(chapter: Path) -> None:
    assert next(x.id for x in load_catalog(chapter.parent).exercises) == "lambda-basics/api-response"


def test_a_bad_meta_names_the_file_the_key_and_the_allowed_values(chapter: Path) -> None:
    meta = chapter / "api-response" / "meta.toml"
    meta.write_text(meta.read_text(encoding="utf-8").replace('"easy"', '"ez"') + "colour = 1\n", encoding="utf-8")
    problems = _problems(chapter.parent)
    assert any('meta.toml: difficulty: must be one of "easy", "medium", "hard" (got "ez")' in p for p in problems)
    assert any("meta.toml: colour: unknown key" in p for p in problems)


def test_every_problem_of_every_folder_is_listed(chapter: Path) -> None:
    (chapter / "function-error" / "solution.py").write_text("def broken(:\n", encoding="utf-8")
    (chapter / "async-orders" / "hints.en.md").write_text("only one hint\n", encoding="utf-8")
    (chapter / "api-response" / "statement.ko.md").unlink()
    problems = "\n".join(_problems(chapter.parent))
    assert "function-error/solution.py: is not valid Python (line 1" in problems
    assert "async-orders: hints.ko.md has 2 hint(s) but hints.en.md has 1" in problems
    assert "api-response: missing statement.ko.md" in problems


def test_a_quiz_with_an_impossible_answer_is_refused(chapter: Path) -> None:
    quiz = chapter / "quiz.toml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("answer = 1\n", "answer = 7\n", 1), encoding="utf-8")
    assert any("answer must be the index of one choice" in p for p in _problems(chapter.parent))


def test_the_schema_validator_checks_types_and_required_keys() -> None:
    assert (
        validate({"title": {"ko": "가", "en": "a"}, "difficulty": "easy", "order": 1, "solution_after": 2}, META_SCHEMA)
        == []
    )
    problems = validate({"title": {"ko": ""}, "order": "1"}, META_SCHEMA)
    assert "difficulty: is required" in problems
    assert "title.en: is required" in problems
    assert any(p.startswith("order: must be integer") for p in problems)
