"""The course's exercises on disk: one folder per exercise, one folder per chapter, read and validated.

Layout (``exercises/`` at the project root)::

    exercises/<chapter>/chapter.toml          title (ko/en), order, the lesson page
    exercises/<chapter>/quiz.toml             the chapter's quiz (optional, but every chapter of the site has one)
    exercises/<chapter>/<name>/meta.toml      title (ko/en), difficulty, order, solution_after, time_limit_s
    exercises/<chapter>/<name>/statement.ko.md  statement.en.md
    exercises/<chapter>/<name>/starter.py     what the learner starts from (must fail the tests)
    exercises/<chapter>/<name>/solution.py    a reference solution (must pass every test)
    exercises/<chapter>/<name>/tests_visible.py   shipped to the browser: Run and Check use them
    exercises/<chapter>/<name>/tests_hidden.py    never shipped in the learner build: the grader runs them
    exercises/<chapter>/<name>/hints.ko.md  hints.en.md      hints separated by lines of ``---``, same count
    exercises/<chapter>/<name>/explanation.ko.md  explanation.en.md   the short "why", shown after success
    exercises/<chapter>/<name>/tryout.py      optional, for kind = "function": what Run shows (SOURCE = the code)

An exercise's id is ``<chapter>/<name>``. Loading raises :class:`CatalogError` listing every problem of every
folder at once, each with its file, so a teacher fixes them in one go.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .schema import CHAPTER_SCHEMA, META_SCHEMA, QUIZ_SCHEMA, validate

LANGS = ("ko", "en")
NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
REQUIRED_FILES = (
    "meta.toml",
    "statement.ko.md",
    "statement.en.md",
    "starter.py",
    "solution.py",
    "tests_visible.py",
    "tests_hidden.py",
    "hints.ko.md",
    "hints.en.md",
    "explanation.ko.md",
    "explanation.en.md",
)
HINT_SEPARATOR = re.compile(r"^---\s*$", re.MULTILINE)
DEFAULT_TIME_LIMIT_S = 20


class CatalogError(ValueError):
    """One or more exercise folders are not valid; ``problems`` lists them all."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("the exercises are not valid:\n  " + "\n  ".join(problems))


def content_hash(text: str) -> str:
    """A short, stable digest of a text (the starter's, to notice a new version of an exercise)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    prompt: dict[str, str]
    answer: Any
    explanation: dict[str, str]
    choices: tuple[dict[str, str], ...] = ()
    tolerance: float = 0.0
    unit: dict[str, str] | None = None

    def is_correct(self, response: Any) -> bool:
        """Whether a learner's response (index, list of indexes, or number) is right."""
        if self.kind == "single":
            return isinstance(response, int) and not isinstance(response, bool) and response == self.answer
        if self.kind == "multiple":
            return isinstance(response, list) and sorted(set(response)) == sorted(self.answer)
        if isinstance(response, bool) or not isinstance(response, (int, float)):
            return False
        return abs(float(response) - float(self.answer)) <= self.tolerance + 1e-12


@dataclass(frozen=True)
class Quiz:
    id: str  # "<chapter>/quiz"
    chapter: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Exercise:
    id: str
    chapter: str
    name: str
    folder: Path
    title: dict[str, str]
    difficulty: str
    order: int
    solution_after: int
    time_limit_s: int
    statement: dict[str, str]
    starter: str
    solution: str
    tests_visible: str
    tests_hidden: str
    hints: dict[str, tuple[str, ...]]
    explanation: dict[str, str]
    tags: tuple[str, ...] = ()
    kind: str = "script"
    tryout: str | None = None

    @property
    def starter_hash(self) -> str:
        return content_hash(self.starter)

    def test_files(self, *, hidden: bool) -> list[dict[str, str]]:
        """The harness's input: visible tests, plus the hidden ones when ``hidden``."""
        files = [{"suite": "visible", "source": self.tests_visible}]
        if hidden:
            files.append({"suite": "hidden", "source": self.tests_hidden})
        return files


@dataclass(frozen=True)
class Chapter:
    id: str
    folder: Path
    title: dict[str, str]
    order: int
    page: str
    exercises: tuple[Exercise, ...] = ()
    quiz: Quiz | None = None


@dataclass
class Catalog:
    root: Path
    chapters: list[Chapter] = field(default_factory=list)

    @property
    def exercises(self) -> list[Exercise]:
        return [exercise for chapter in self.chapters for exercise in chapter.exercises]

    def exercise(self, exercise_id: str) -> Exercise:
        for exercise in self.exercises:
            if exercise.id == exercise_id:
                return exercise
        raise KeyError(exercise_id)

    def chapter(self, chapter_id: str) -> Chapter:
        for chapter in self.chapters:
            if chapter.id == chapter_id:
                return chapter
        raise KeyError(chapter_id)

    @property
    def quizzes(self) -> list[Quiz]:
        return [chapter.quiz for chapter in self.chapters if chapter.quiz is not None]


def _toml(path: Path, problems: list[str]) -> dict[str, Any] | None:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path}: cannot be read ({exc})")
    except tomllib.TOMLDecodeError as exc:
        problems.append(f"{path}: is not valid TOML ({exc})")
    return None


def _checked(path: Path, schema: dict[str, Any], problems: list[str]) -> dict[str, Any] | None:
    data = _toml(path, problems)
    if data is None:
        return None
    found = validate(data, schema)
    problems += [f"{path}: {problem}" for problem in found]
    return None if found else data


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8").replace("\r\n", "\n")


def split_hints(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in HINT_SEPARATOR.split(text) if part.strip())


def _exercise(chapter: str, folder: Path, problems: list[str]) -> Exercise | None:
    missing = [name for name in REQUIRED_FILES if not (folder / name).is_file()]
    if missing:
        problems.append(f"{folder}: missing {', '.join(missing)}")
        return None
    meta = _checked(folder / "meta.toml", META_SCHEMA, problems)
    if meta is None:
        return None
    where = len(problems)
    texts = {name: _text(folder / name) for name in REQUIRED_FILES if name != "meta.toml"}
    for name, text in texts.items():
        if not text.strip():
            problems.append(f"{folder / name}: is empty")
    tryout = _text(folder / "tryout.py") if (folder / "tryout.py").is_file() else None
    if tryout is not None:
        texts["tryout.py"] = tryout
    for name in ("starter.py", "solution.py", "tests_visible.py", "tests_hidden.py", "tryout.py"):
        if name not in texts:
            continue
        try:
            compile(texts[name], str(folder / name), "exec")
        except SyntaxError as exc:
            problems.append(f"{folder / name}: is not valid Python (line {exc.lineno}: {exc.msg})")
    for name in ("tests_visible.py", "tests_hidden.py"):
        if not re.search(r"^def test_\w+\(", texts[name], re.MULTILINE):
            problems.append(f"{folder / name}: defines no test_* function")
    hints = {lang: split_hints(texts[f"hints.{lang}.md"]) for lang in LANGS}
    if len(hints["ko"]) != len(hints["en"]):
        problems.append(
            f"{folder}: hints.ko.md has {len(hints['ko'])} hint(s) but hints.en.md has {len(hints['en'])} "
            "(separate hints with a line of ---)"
        )
    if len(problems) > where:
        return None
    return Exercise(
        id=f"{chapter}/{folder.name}",
        chapter=chapter,
        name=folder.name,
        folder=folder,
        title=dict(meta["title"]),
        difficulty=meta["difficulty"],
        order=meta["order"],
        solution_after=meta["solution_after"],
        time_limit_s=meta.get("time_limit_s", DEFAULT_TIME_LIMIT_S),
        statement={lang: texts[f"statement.{lang}.md"] for lang in LANGS},
        starter=texts["starter.py"],
        solution=texts["solution.py"],
        tests_visible=texts["tests_visible.py"],
        tests_hidden=texts["tests_hidden.py"],
        hints=hints,
        explanation={lang: texts[f"explanation.{lang}.md"] for lang in LANGS},
        tags=tuple(meta.get("tags", ())),
        kind=meta.get("kind", "script"),
        tryout=tryout,
    )


def _quiz(chapter: str, path: Path, problems: list[str]) -> Quiz | None:
    data = _checked(path, QUIZ_SCHEMA, problems)
    if data is None:
        return None
    questions = []
    seen: set[str] = set()
    for index, raw in enumerate(data["questions"]):
        where = f"{path}: questions[{index}] ({raw['id']})"
        if raw["id"] in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(raw["id"])
        kind, answer, choices = raw["kind"], raw["answer"], raw.get("choices", [])
        if kind in ("single", "multiple") and len(choices) < 2:
            problems.append(f"{where}: a {kind}-choice question needs at least 2 choices")
        if kind == "single" and not (isinstance(answer, int) and 0 <= answer < len(choices)):
            problems.append(f"{where}: answer must be the index of one choice (0 to {len(choices) - 1})")
        if kind == "multiple" and not (
            isinstance(answer, list) and answer and all(isinstance(a, int) and 0 <= a < len(choices) for a in answer)
        ):
            problems.append(f"{where}: answer must be a non-empty list of choice indexes")
        if kind == "numeric" and (isinstance(answer, (bool, list)) or "choices" in raw):
            problems.append(f"{where}: a numeric question has a number as answer and no choices")
        questions.append(
            Question(
                id=raw["id"],
                kind=kind,
                prompt=dict(raw["prompt"]),
                answer=answer,
                explanation=dict(raw["explanation"]),
                choices=tuple(dict(c) for c in choices),
                tolerance=float(raw.get("tolerance", 0.0)),
                unit=dict(raw["unit"]) if "unit" in raw else None,
            )
        )
    return Quiz(id=f"{chapter}/quiz", chapter=chapter, questions=tuple(questions))


def load_catalog(root: Path) -> Catalog:
    """Read and validate every chapter and exercise under ``root``; raise :class:`CatalogError` on problems."""
    root = Path(root)
    problems: list[str] = []
    catalog = Catalog(root=root)
    if not root.is_dir():
        raise CatalogError([f"{root}: no such folder of exercises"])
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        if not NAME.match(folder.name):
            problems.append(f"{folder}: a chapter folder name is lower-case letters, digits and '-'")
            continue
        if not (folder / "chapter.toml").is_file():
            problems.append(f"{folder}: missing chapter.toml (title, order, page)")
            continue
        meta = _checked(folder / "chapter.toml", CHAPTER_SCHEMA, problems)
        exercises = []
        for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
            if not NAME.match(sub.name):
                problems.append(f"{sub}: an exercise folder name is lower-case letters, digits and '-'")
                continue
            exercise = _exercise(folder.name, sub, problems)
            if exercise is not None:
                exercises.append(exercise)
        orders = [e.order for e in exercises]
        if len(set(orders)) != len(orders):
            problems.append(f"{folder}: two exercises share an order number ({sorted(orders)})")
        quiz = _quiz(folder.name, folder / "quiz.toml", problems) if (folder / "quiz.toml").is_file() else None
        if meta is not None:
            catalog.chapters.append(
                Chapter(
                    id=folder.name,
                    folder=folder,
                    title=dict(meta["title"]),
                    order=meta["order"],
                    page=meta["page"],
                    exercises=tuple(sorted(exercises, key=lambda e: e.order)),
                    quiz=quiz,
                )
            )
    if problems:
        raise CatalogError(problems)
    catalog.chapters.sort(key=lambda c: (c.order, c.id))
    return catalog
