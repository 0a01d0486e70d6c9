"""The harness contains a learner's code that raises, exits, floods output or tries to fool the tests.

Each case runs the harness in this process (as the browser does); the grader's subprocess isolation is tested
in test_grader.py. After every test the builtins and the engine are put back, whatever the learner code did.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterator
from typing import Any

import pytest

import pocketcloud
from pocketcloud.grading import checks
from pocketcloud.grading.harness import OUTPUT_LIMIT, run_checks

TESTS = [
    {
        "suite": "visible",
        "source": '''
from pocketcloud.grading.checks import expect_equal


def test_adds_one(learner):
    """ko: 1을 더합니다
    en: adds one"""
    expect_equal(learner.add_one(1), 2, ko="add_one(1)의 값", en="add_one(1)")
''',
    }
]
GOOD = "def add_one(x):\n    return x + 1\n"


@pytest.fixture(autouse=True)
def _restore_the_world() -> Iterator[None]:
    saved_builtins = dict(builtins.__dict__)
    saved_expect = checks.expect_equal, checks.expect_equal.__code__
    saved_client = pocketcloud.Cloud.client
    yield
    for name in set(builtins.__dict__) - set(saved_builtins):
        del builtins.__dict__[name]
    builtins.__dict__.update(saved_builtins)
    checks.expect_equal = saved_expect[0]
    checks.expect_equal.__code__ = saved_expect[1]
    pocketcloud.Cloud.client = saved_client  # type: ignore[method-assign]


def _run(code: str, tests: list[dict[str, str]] | None = None, **options: Any) -> dict[str, Any]:
    return run_checks(code, TESTS if tests is None else tests, **options)


def test_a_correct_answer_passes_and_a_wrong_one_says_expected_and_got() -> None:
    assert _run(GOOD)["ok"]
    result = _run("def add_one(x):\n    return x + 2\n")
    test = result["tests"][0]
    assert not result["ok"] and test["status"] == "fail"
    assert (test["expected"], test["got"]) == ("2", "3")
    assert test["message"] == {"ko": "add_one(1)의 값", "en": "add_one(1)"}
    assert test["title"] == {"ko": "1을 더합니다", "en": "adds one"}


def test_a_missing_name_is_a_failed_check_in_both_languages() -> None:
    test = _run("x = 1\n")["tests"][0]
    assert test["status"] == "fail"
    assert "add_one" in test["message"]["en"] and "add_one" in test["message"]["ko"]


def test_code_that_raises_is_reported_with_its_own_traceback_and_no_test_runs() -> None:
    result = _run("def add_one(x):\n    return x + 1\n\n1 / 0\n", filename="mine.py")
    assert not result["ok"]
    assert result["learner_error"]["type"] == "ZeroDivisionError"
    assert 'File "mine.py", line 4' in result["learner_error"]["traceback"]
    assert "harness.py" not in result["learner_error"]["traceback"]
    assert [t["status"] for t in result["tests"]] == ["skipped"]


def test_a_syntax_error_is_reported() -> None:
    result = _run("def add_one(x)\n    return x\n")
    assert result["learner_error"]["type"] == "SyntaxError"
    assert not result["ok"]


@pytest.mark.parametrize("code", ["import sys\nsys.exit(0)\n", "raise SystemExit\n", "exit()\n"])
def test_exiting_is_contained_and_never_a_pass(code: str) -> None:
    result = _run(GOOD + code)
    assert result["learner_error"]["kind"] == "exit"
    assert not result["ok"]


def test_an_exception_inside_a_test_call_is_an_error_with_the_learners_frames() -> None:
    result = _run("def add_one(x):\n    raise KeyError('nope')\n")
    test = result["tests"][0]
    assert test["status"] == "error"
    assert "KeyError" in test["traceback"] and "add_one" in test["traceback"]


@pytest.mark.parametrize(
    ("code", "changed"),
    [
        ("import builtins\nbuiltins.isinstance = lambda *a: True\n", "builtins.isinstance"),
        ("import builtins\nbuiltins.AssertionError = type('A', (Exception,), {})\n", "builtins.AssertionError"),
        ("import builtins\ndel builtins.print\n", "builtins.print"),
        (
            "import pocketcloud.grading.checks as c\nc.expect_equal = lambda *a, **k: None\n",
            "pocketcloud.grading.checks.expect_equal",
        ),
        (
            "import pocketcloud.grading.checks as c\nc.expect_equal.__code__ = (lambda *a, **k: None).__code__\n",
            "pocketcloud.grading.checks.expect_equal.__code__",
        ),
        ("import pocketcloud\npocketcloud.Cloud.client = lambda *a, **k: None\n", "pocketcloud.cloud.Cloud.client"),
    ],
)
def test_patching_builtins_the_engine_or_the_checks_fails_with_the_names_changed(code: str, changed: str) -> None:
    """A redefined builtin or a patched test helper cannot fake a pass: the run fails and says what changed."""
    result = _run(GOOD + code)
    assert not result["ok"]
    assert result["passed"] == 0
    assert changed in result["tampered"]


def test_redefining_names_in_the_learners_own_module_is_harmless() -> None:
    """Shadowing ``assert``'s exception or ``print`` in the learner's own globals does not reach the tests."""
    code = GOOD + "AssertionError = None\nprint = None\nisinstance = lambda *a: True\n"
    assert _run(code)["ok"]
    assert not _run("def add_one(x):\n    return 0\nAssertionError = None\n")["ok"]


def test_an_object_that_equals_everything_does_not_pass() -> None:
    code = "class Yes:\n    def __eq__(self, other):\n        return True\n\ndef add_one(x):\n    return Yes()\n"
    assert not _run(code)["ok"]


def test_a_flood_of_output_is_cut_and_counted() -> None:
    result = _run(GOOD + "for _ in range(200_000):\n    print('flood flood flood')\n")
    assert result["ok"]
    assert len(result["output"]) == OUTPUT_LIMIT
    assert result["output_dropped"] > 3_000_000


def test_a_broken_test_file_never_passes() -> None:
    result = _run(GOOD, tests=[{"suite": "visible", "source": "def test_x(learner):\n    pass\n)\n"}])
    assert not result["ok"] and result["load_errors"]


def test_a_function_exercise_is_compiled_not_run() -> None:
    """kind="function": module code that only works inside Lambda (os.environ[...]) must not run here."""
    code = "import os\nTABLE = os.environ['NO_SUCH_VARIABLE_HERE']\n\ndef handler(event, context):\n    return 1\n"
    tests = [
        {
            "suite": "visible",
            "source": "def test_source(learner):\n    assert 'TABLE' in learner.source_code\n",
        }
    ]
    assert run_checks(code, tests, kind="function")["ok"]
    assert run_checks("def handler(:\n", tests, kind="function")["learner_error"]["type"] == "SyntaxError"
