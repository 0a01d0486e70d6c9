"""The progress file: what the site exports (all of a learner's work) and what the grader reads.

One JSON document, written by the page's "Export" button and read back by its "Import" button and by
``pocketcloud-grade``::

    {"format": "pocketcloud-progress", "version": 1, "exported_at": "2026-12-01T09:00:00.000Z",
     "learner": {"name": "..."},
     "exercises": {"<chapter>/<name>": {"code", "starter_hash", "attempts", "solved", "solved_at",
                                         "updated_at", "history": [{"at", "ok", "passed", "total", "code"}]}},
     "quizzes": {"<chapter>/quiz": {"answers": {"<question id>": 1 | [0, 2] | "0.25"}, "attempts", "updated_at"}},
     "integrity": "sha256:<hex>"}

``integrity`` is the SHA-256 of the document's canonical form without that key (keys sorted, no spaces, UTF-8,
as :func:`canonical` writes it and ``exercises.mjs`` computes it). It catches a file that was damaged or edited
by hand after export; it is not a signature (the site is public, so anyone can recompute it), and the grader
does not need it to be one: it re-runs the tests on the submitted code and never trusts the file's own
"solved" flags. Numeric quiz answers are kept as the strings the learner typed, so no float formatting
differs between JavaScript and Python.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FORMAT = "pocketcloud-progress"
VERSION = 1
MAX_BYTES = 8 * 1024 * 1024  # a class's progress is far smaller; a huge file is refused before parsing
MAX_CODE = 200_000  # characters of one exercise's code


class SubmissionError(ValueError):
    """A progress file that cannot be used at all (not JSON, wrong format, wrong shapes)."""


def canonical(document: dict[str, Any]) -> bytes:
    """The bytes the integrity hash covers: the document without ``integrity``, keys sorted, compact."""
    body = {k: v for k, v in document.items() if k != "integrity"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def integrity(document: dict[str, Any]) -> str:
    return "sha256:" + hashlib.sha256(canonical(document)).hexdigest()


def seal(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with its integrity hash set (what the page does on export; tests use it to make files)."""
    sealed = {k: v for k, v in document.items() if k != "integrity"}
    sealed["integrity"] = integrity(sealed)
    return sealed


@dataclass
class ExerciseWork:
    code: str
    starter_hash: str
    attempts: int
    solved: bool


@dataclass
class Submission:
    path: Path
    learner: str
    exercises: dict[str, ExerciseWork] = field(default_factory=dict)
    quizzes: dict[str, dict[str, Any]] = field(default_factory=dict)
    integrity_ok: bool = True
    warnings: list[str] = field(default_factory=list)


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise SubmissionError(message)


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def parse(data: bytes, path: Path) -> Submission:
    """Check a progress file's shape and integrity; raise :class:`SubmissionError` with a reason if unusable."""
    _expect(len(data) <= MAX_BYTES, f"the file is {len(data):,} bytes; a progress file is at most {MAX_BYTES:,}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise SubmissionError("the file is not UTF-8 text (is it a progress file exported from the site?)") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SubmissionError(
            f"the file is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    _expect(isinstance(document, dict), "the file is JSON but not a progress file (no top-level object)")
    _expect(document.get("format") == FORMAT, f'the file is not a progress file ("format" is not "{FORMAT}")')
    version = document.get("version")
    _expect(version == VERSION, f"the file has format version {version!r}; this grader reads version {VERSION}")
    exercises = document.get("exercises")
    quizzes = document.get("quizzes", {})
    _expect(isinstance(exercises, dict), '"exercises" must be an object')
    _expect(isinstance(quizzes, dict), '"quizzes" must be an object')
    learner = document.get("learner", {})
    name = learner.get("name") if isinstance(learner, dict) else None
    submission = Submission(path=path, learner=name.strip() if isinstance(name, str) and name.strip() else path.stem)
    for exercise_id, work in exercises.items():
        where = f'exercise "{exercise_id}"'
        _expect(isinstance(work, dict), f"{where}: must be an object")
        code = work.get("code")
        _expect(isinstance(code, str), f'{where}: "code" must be text')
        _expect(len(code) <= MAX_CODE, f"{where}: the code is longer than {MAX_CODE:,} characters")
        _expect(_int(work.get("attempts", 0)), f'{where}: "attempts" must be a whole number')
        submission.exercises[str(exercise_id)] = ExerciseWork(
            code=code,
            starter_hash=str(work.get("starter_hash", "")),
            attempts=int(work.get("attempts", 0)),
            solved=work.get("solved") is True,
        )
    for quiz_id, work in quizzes.items():
        _expect(isinstance(work, dict) and isinstance(work.get("answers", {}), dict), f'quiz "{quiz_id}": bad shape')
        submission.quizzes[str(quiz_id)] = dict(work.get("answers", {}))
    if document.get("integrity") != integrity(document):
        submission.integrity_ok = False
        submission.warnings.append(
            "the integrity check failed: the file was changed after it was exported (graded anyway, from its code)"
        )
    return submission


def read(path: Path) -> Submission:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SubmissionError(f"cannot read the file ({exc.strerror or exc})") from None
    return parse(data, path)
