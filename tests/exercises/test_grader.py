"""``pocketcloud-grade`` over the sample submissions (tests/exercises/samples/, see samples.py): good work passes,
wrong work fails, malicious code is contained and named (timeout, memory, crash, tampering, fake results), a
file edited after export is graded with a warning, and damaged or foreign files get a clear line and never
stop the run. Every cell runs in its own CPython subprocess with a time and a memory limit.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from pocketcloud.grading.catalog import load_catalog
from pocketcloud.grading.cli import main
from pocketcloud.grading.submission import SubmissionError, parse, seal

from .samples import SAMPLES, build, expected_malicious

ROOT = Path(__file__).resolve().parents[2]
CATALOG = load_catalog(ROOT / "exercises")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict[tuple[str, str], dict[str, str]], str]:
    out = tmp_path_factory.mktemp("report")
    # The grader's time limit must sit far above the slowest run that ends by itself, or a loaded machine turns
    # its result into "timeout": that run is the function exercise whose Init loops forever (Lambda stops it at
    # the timeout and every later invocation runs Init again), about 6 s on an idle core here.
    code = main([str(SAMPLES), "--exercises", str(ROOT / "exercises"), "--out", str(out), "--timeout", "20",
                 "--memory-mb", "768", "--jobs", "2"])  # fmt: skip
    with (out / "grades.csv").open(encoding="utf-8") as stream:
        rows = {(row["file"], row["item"]): row for row in csv.DictReader(stream)}
    return code, rows, (out / "report.html").read_text(encoding="utf-8")


def test_the_samples_are_up_to_date() -> None:
    """The committed samples are what samples.py makes from the current exercises (starter hashes included)."""
    for name, text in build(CATALOG).items():
        assert (SAMPLES / name).read_text(encoding="utf-8") == text, f"run `python -m tests.exercises.samples` ({name})"


def test_good_work_passes_every_exercise_and_quiz(report) -> None:  # type: ignore[no-untyped-def]
    _, rows, _ = report
    for exercise in CATALOG.exercises:
        row = rows[("good.json", exercise.id)]
        assert row["status"] == "passed", row
        assert int(row["hidden_total"]) >= 1 and row["hidden_passed"] == row["hidden_total"]
    for quiz in CATALOG.quizzes:
        row = rows[("good.json", quiz.id)]
        assert row["tests_passed"] == row["tests_total"], row


def test_wrong_work_fails_every_exercise(report) -> None:  # type: ignore[no-untyped-def]
    _, rows, _ = report
    for exercise in CATALOG.exercises:
        assert rows[("wrong.json", exercise.id)]["status"] == "failed"
    assert all(rows[("wrong.json", q.id)]["tests_passed"] == "0" for q in CATALOG.quizzes)


def test_malicious_code_is_contained_and_named(report) -> None:  # type: ignore[no-untyped-def]
    """Endless loop -> timeout, memory bomb -> memory, os._exit -> crashed, patched builtins or checks ->
    tampered, sys.exit -> error, a fake result printed or written to any descriptor -> ignored (failed). Inside a
    Lambda function the runtime contains the loop, the bomb and the exits first: a failed test. Lambda stops a
    function at its timeout and reports "Task timed out"
    (https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html)."""
    _, rows, _ = report
    got = {x.id: rows[("malicious.json", x.id)]["status"] for x in CATALOG.exercises}
    assert got == expected_malicious(CATALOG)
    assert {"timeout", "memory", "crashed", "tampered", "error", "failed"} <= set(got.values())


def test_a_file_edited_after_export_is_graded_with_a_warning(report) -> None:  # type: ignore[no-untyped-def]
    _, rows, _ = report
    row = rows[("tampered.json", CATALOG.exercises[0].id)]
    assert row["status"] == "passed"
    assert "integrity check failed" in row["detail"]


def test_unusable_files_get_a_clear_line_and_the_run_goes_on(report) -> None:  # type: ignore[no-untyped-def]
    code, rows, _ = report
    assert code == 1  # some files could not be used
    assert rows[("corrupt.json", "")]["status"] == "invalid file"
    assert "not valid JSON" in rows[("corrupt.json", "")]["detail"]
    assert "not a progress file" in rows[("not-progress.json", "")]["detail"]


def test_the_html_report_is_self_contained_and_escaped(report) -> None:  # type: ignore[no-untyped-def]
    _, _, page = report
    assert "<script>alert(1)</script>" not in page
    assert "Mallory &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "http://" not in page and "https://" not in page and "<script" not in page
    assert "Per exercise" in page and "Per learner" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe", "not UTF-8"),
        (b"[1, 2]", "not a progress file"),
        (b'{"format": "pocketcloud-progress", "version": 99, "exercises": {}}', "version 99"),
        (b'{"format": "pocketcloud-progress", "version": 1, "exercises": {"a/b": {"code": 5}}}', '"code" must be text'),
        (b'{"format": "pocketcloud-progress", "version": 1, "exercises": []}', '"exercises" must be an object'),
    ],
)
def test_bad_files_are_refused_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(SubmissionError, match=message):
        parse(data, Path("x.json"))


def test_integrity_covers_everything_but_itself() -> None:
    document = seal({"format": "pocketcloud-progress", "version": 1, "exercises": {}, "learner": {"name": "지민"}})
    import json

    assert parse(json.dumps(document).encode(), Path("a.json")).integrity_ok
    document["learner"]["name"] = "someone else"
    assert not parse(json.dumps(document).encode(), Path("a.json")).integrity_ok


def test_the_console_script_is_installed() -> None:
    """[project.scripts] in pyproject.toml: the editable install (make setup) puts pocketcloud-grade on PATH."""
    script = Path(sys.executable).parent / "pocketcloud-grade"
    assert script.exists(), script
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "hidden tests" in result.stdout
