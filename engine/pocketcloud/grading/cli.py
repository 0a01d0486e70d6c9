"""``pocketcloud-grade``: grade a folder of learners' exported progress files on the teacher's machine.

    pocketcloud-grade submissions/ --exercises exercises/ --out report/

Every ``*.json`` file in the folder is one learner's export from the site's progress page. For each learner
and each exercise the submitted code runs against the exercise's visible *and hidden* tests in its own Python
subprocess, with a time limit and (on Linux) a memory limit; quizzes are scored from the answers. The report
is ``report/grades.csv`` and ``report/report.html`` (self-contained). A progress bar goes to stderr. A file that
is not a progress file, is damaged, or was edited after export gets a clear line in the report and on stderr;
it never stops the run. The exit status is 0 when every file could be read, 1 when some could not, and 2 for
a usage error (no such folder, invalid exercises).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TextIO

from .catalog import Catalog, CatalogError, Exercise, content_hash, load_catalog
from .grader import NOT_STARTED, Limits, Outcome, grade
from .report import LearnerResult, write_csv, write_html
from .submission import Submission, SubmissionError, read


class Progress:
    """A one-line progress bar on a terminal; plain lines when stderr is a file or a pipe."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = max(total, 1)
        self.done = 0
        self.stream = stream
        self.tty = stream.isatty()
        self.started = time.monotonic()

    def step(self, label: str) -> None:
        self.done += 1
        width = 28
        filled = round(width * self.done / self.total)
        elapsed = time.monotonic() - self.started
        line = f"[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {elapsed:5.1f}s {label}"
        if self.tty:
            self.stream.write("\r" + line[:110].ljust(110))
            if self.done == self.total:
                self.stream.write("\n")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def note(self, text: str) -> None:
        self.stream.write(("\n" if self.tty and self.done < self.total else "") + text + "\n")
        self.stream.flush()


def _untouched(exercise: Exercise, code: str) -> bool:
    return not code.strip() or content_hash(code) == exercise.starter_hash


def grade_submission(
    catalog: Catalog, submission: Submission, limits: Limits, progress: Progress, jobs: int
) -> LearnerResult:
    result = LearnerResult(file=submission.path.name, learner=submission.learner, warnings=list(submission.warnings))
    unknown = sorted(set(submission.exercises) - {x.id for x in catalog.exercises})
    if unknown:
        result.warnings.append(f"ignored work on unknown exercises: {', '.join(unknown[:5])}")

    def one(exercise: Exercise) -> tuple[str, Outcome]:
        work = submission.exercises.get(exercise.id)
        if work is None or _untouched(exercise, work.code):
            outcome = Outcome(status=NOT_STARTED)
        else:
            outcome = grade(exercise, work.code, limits)
        progress.step(f"{submission.learner}: {exercise.id} {outcome.status}")
        return exercise.id, outcome

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for exercise_id, outcome in pool.map(one, catalog.exercises):
            result.outcomes[exercise_id] = outcome
    for exercise_id, work in submission.exercises.items():
        result.attempts[exercise_id] = work.attempts
        result.solved_in_browser[exercise_id] = work.solved
    for quiz in catalog.quizzes:
        answers = submission.quizzes.get(quiz.id, {})
        right = 0
        for question in quiz.questions:
            response = answers.get(question.id)
            if question.kind == "numeric" and isinstance(response, str):
                try:
                    response = float(response.replace(",", ""))
                except ValueError:
                    response = None
            right += question.is_correct(response)
        result.quiz_scores[quiz.id] = (right, len(quiz.questions))
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="pocketcloud-grade",
        description="Grade learners' exported progress files (visible + hidden tests, in CPython subprocesses).",
    )
    parser.add_argument("submissions", type=Path, help="a folder of exported progress files (*.json)")
    parser.add_argument("--exercises", type=Path, default=Path("exercises"), help="the course's exercises folder")
    parser.add_argument("--out", type=Path, default=Path("grading-report"), help="where to write the report")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per exercise run (default 30)")
    parser.add_argument("--memory-mb", type=int, default=1024, help="memory cap per run on Linux (default 1024)")
    parser.add_argument("--jobs", type=int, default=2, help="runs at the same time (default 2)")
    parser.add_argument("--title", default="pocketcloud class report", help="the HTML report's title")
    args = parser.parse_args(argv)

    if not args.submissions.is_dir():
        parser.error(f"{args.submissions}: no such folder")
    try:
        catalog = load_catalog(args.exercises)
    except CatalogError as exc:
        print(f"pocketcloud-grade: {exc}", file=sys.stderr)
        return 2
    files = sorted(p for p in args.submissions.iterdir() if p.is_file() and p.suffix.lower() == ".json")
    if not files:
        print(f"pocketcloud-grade: no *.json progress files in {args.submissions}", file=sys.stderr)
    limits = Limits(timeout_s=args.timeout, memory_mb=args.memory_mb)
    progress = Progress(len(files) * len(catalog.exercises), sys.stderr)
    results: list[LearnerResult] = []
    unusable = 0
    for path in files:
        try:
            submission = read(path)
        except SubmissionError as exc:
            unusable += 1
            results.append(LearnerResult(file=path.name, learner=path.stem, problem=str(exc)))
            progress.note(f"{path.name}: not graded: {exc}")
            for _ in catalog.exercises:
                progress.step(f"{path.name}: skipped")
            continue
        for warning in submission.warnings:
            progress.note(f"{path.name}: {warning}")
        results.append(grade_submission(catalog, submission, limits, progress, args.jobs))
    args.out.mkdir(parents=True, exist_ok=True)
    write_csv(args.out / "grades.csv", catalog, results)
    write_html(args.out / "report.html", catalog, results, title=args.title)
    print(
        f"pocketcloud-grade: {len(files)} file(s), {unusable} unusable; report in {args.out / 'report.html'} "
        f"and {args.out / 'grades.csv'}",
        file=sys.stderr,
    )
    return 1 if unusable else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
