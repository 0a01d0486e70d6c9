"""Sample submissions for the grader's tests: ``python -m tests.exercises.samples`` rewrites tests/exercises/samples/.

* ``good.json``      every exercise solved (the reference solutions)
* ``wrong.json``     every exercise tried with code that fails (the starter, edited), quizzes answered wrongly
* ``malicious.json`` code that loops forever, eats memory, exits the process, patches builtins or the tests,
                     prints or writes a fake result, floods output
* ``tampered.json``  good work whose "solved" flags were edited after export (the integrity check fails)
* ``corrupt.json``   a damaged file (cut off mid-way)
* ``not-progress.json``  valid JSON, but not a progress file

The files are committed (a teacher can look at them) and test_grader.py checks they are up to date.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pocketcloud.grading.catalog import Catalog, load_catalog
from pocketcloud.grading.submission import FORMAT, VERSION, seal

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = Path(__file__).resolve().parent / "samples"
WHEN = "2026-12-01T09:00:00.000Z"

#: Attacks, cycled over the exercises; each names the status the grader must give.
ATTACKS: list[tuple[str, str]] = [
    ("while True:\n    pass\n", "timeout"),
    ("data = bytearray(8 * 1024**3)\n", "memory"),
    ("import os\nos._exit(0)\n", "crashed"),
    ("import builtins\nbuiltins.isinstance = lambda *args: True\n", "tampered"),
    ('print(\'{"ok": true, "passed": 99, "total": 99}\')\n', "failed"),
    ("import sys\nsys.exit(0)\n", "error"),
    (
        "import os\nfor fd in range(3, 12):\n    try:\n        os.write(fd, b'{\"ok\": true}\\n')\n"
        "    except OSError:\n        pass\n",
        "failed",
    ),
    ("import pocketcloud.grading.checks as c\nc.expect_equal = lambda *a, **k: None\n", "tampered"),
    ("print('flood ' * 2_000_000)\n", "failed"),
]


def _work(code: str, starter_hash: str, attempts: int, solved: bool) -> dict[str, Any]:
    return {
        "code": code,
        "starter_hash": starter_hash,
        "base_starter": "",
        "attempts": attempts,
        "failures": 0 if solved else attempts,
        "solved": solved,
        "solved_at": WHEN if solved else None,
        "updated_at": WHEN,
        "history": [{"at": WHEN, "ok": solved, "passed": 1, "total": 1, "code": code}],
    }


def _quizzes(catalog: Catalog, right: bool) -> dict[str, Any]:
    out = {}
    for quiz in catalog.quizzes:
        answers: dict[str, Any] = {}
        for q in quiz.questions:
            if right:
                answers[q.id] = str(q.answer) if q.kind == "numeric" else q.answer
            else:
                answers[q.id] = "-1" if q.kind == "numeric" else ([] if q.kind == "multiple" else -1)
        out[quiz.id] = {"answers": answers, "correct": {}, "attempts": 1, "updated_at": WHEN}
    return out


def _document(name: str, exercises: dict[str, Any], quizzes: dict[str, Any]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": WHEN,
        "site": {"edition": "learner"},
        "learner": {"name": name},
        "exercises": exercises,
        "quizzes": quizzes,
    }


def expected_malicious(catalog: Catalog) -> dict[str, str]:
    """The grader's status for each exercise of malicious.json. In a function exercise the code runs inside the
    simulated Lambda function, whose runtime turns a MemoryError, an ``os._exit`` and a ``sys.exit``
    (Runtime.ExitError, as on AWS) into a function error, and stops an endless loop at the function's timeout
    ("Task timed out", as Lambda does): each is a failed test, never the grader's own time limit."""
    contained = ("timeout", "memory", "crashed", "error")
    expected = {}
    for i, x in enumerate(catalog.exercises):
        status = ATTACKS[i % len(ATTACKS)][1]
        expected[x.id] = "failed" if (x.kind == "function" and status in contained) else status
    return expected


def build(catalog: Catalog) -> dict[str, str]:
    """File name -> text of every sample."""
    xs = catalog.exercises
    good = {x.id: _work(x.solution, x.starter_hash, 2, True) for x in xs}
    wrong = {x.id: _work(x.starter + "\n# my attempt\n", x.starter_hash, 3, False) for x in xs}
    malicious = {}
    for i, x in enumerate(xs):
        attack = ATTACKS[i % len(ATTACKS)][0]
        base = x.starter if ATTACKS[i % len(ATTACKS)][1] == "failed" else x.solution
        malicious[x.id] = _work(base + "\n" + attack, x.starter_hash, 1, True)
    files = {
        "good.json": seal(_document("Good Learner", good, _quizzes(catalog, True))),
        "wrong.json": seal(_document("Wrong Learner", wrong, _quizzes(catalog, False))),
        "malicious.json": seal(_document("Mallory <script>alert(1)</script>", malicious, {})),
    }
    tampered = seal(_document("Tampered Learner", dict(good), {}))
    tampered["exercises"] = {k: dict(v, attempts=1) for k, v in tampered["exercises"].items()}  # after the seal
    files["tampered.json"] = tampered
    text = {name: json.dumps(doc, ensure_ascii=False, indent=1) + "\n" for name, doc in files.items()}
    text["corrupt.json"] = text["good.json"][: len(text["good.json"]) // 2]
    text["not-progress.json"] = json.dumps({"format": "something-else", "notes": [1, 2, 3]}) + "\n"
    return text


def main() -> None:
    SAMPLES.mkdir(exist_ok=True)
    for name, text in build(load_catalog(ROOT / "exercises")).items():
        (SAMPLES / name).write_text(text, encoding="utf-8")
    print(f"wrote {SAMPLES}")


if __name__ == "__main__":
    main()
