"""Grade one learner's exercise in a subprocess with time and memory limits.

Each (learner, exercise) pair gets its own ``python -m pocketcloud.grading.child`` process: one learner's code
can never see or break another's, or another exercise's, and a crash, an endless loop or a memory bomb costs
only that one cell of the report. On Linux (and other POSIX systems) the child's address space and CPU time
are capped with ``resource.setrlimit``; everywhere, the parent kills it after the wall-clock timeout.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from typing import Any

from .catalog import Exercise

#: Statuses of one graded cell, best first.
PASSED = "passed"
FAILED = "failed"
ERROR = "error"  # the learner's code raised (or exited) before the tests could run
TIMEOUT = "timeout"
MEMORY = "memory"
CRASHED = "crashed"  # the process died without a result (os._exit, a signal, a broken interpreter)
TAMPERED = "tampered"  # the code replaced a builtin, the engine or the harness
NOT_STARTED = "not started"  # no code, or the starter unchanged
STATUSES = (PASSED, FAILED, ERROR, TIMEOUT, MEMORY, CRASHED, TAMPERED, NOT_STARTED)


@dataclass
class Limits:
    timeout_s: float = 30.0
    memory_mb: int = 1024

    def preexec(self) -> None:  # pragma: no cover - runs in the child between fork and exec
        import resource

        cap = self.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        cpu = int(self.timeout_s) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


@dataclass
class Outcome:
    status: str
    passed: int = 0
    total: int = 0
    visible: tuple[int, int] = (0, 0)
    hidden: tuple[int, int] = (0, 0)
    detail: str = ""
    tests: list[dict[str, Any]] = field(default_factory=list)


def _summary(result: dict[str, Any]) -> Outcome:
    tests = result.get("tests", [])

    def count(suite: str) -> tuple[int, int]:
        mine = [t for t in tests if t.get("suite") == suite]
        return sum(1 for t in mine if t.get("status") == "pass"), len(mine)

    visible, hidden = count("visible"), count("hidden")
    outcome = Outcome(
        status=PASSED if result.get("ok") else FAILED,
        passed=int(result.get("passed", 0)),
        total=int(result.get("total", 0)),
        visible=visible,
        hidden=hidden,
        tests=tests,
    )
    if result.get("tampered"):
        outcome.status = TAMPERED
        outcome.passed = 0
        outcome.detail = "changed: " + ", ".join(result["tampered"][:8])
    elif result.get("learner_error"):
        error = result["learner_error"]
        outcome.status = MEMORY if error.get("type") == "MemoryError" else ERROR
        outcome.detail = str(error.get("traceback", ""))[-600:]
    elif result.get("load_errors"):
        outcome.status = ERROR
        outcome.detail = (
            "a test file of this exercise does not load (the teacher's bug): "
            + str(result["load_errors"][0].get("error", ""))[-400:]
        )
    else:
        failed = [t for t in tests if t.get("status") != "pass"]
        if failed:
            first = failed[0]
            message = (first.get("message") or {}).get("en") or first.get("status")
            outcome.detail = f"{first.get('suite')}/{first.get('name')}: {message}"
            if first.get("expected") is not None:
                outcome.detail += f" (expected {first['expected']}, got {first['got']})"
    return outcome


def grade(exercise: Exercise, code: str, limits: Limits) -> Outcome:
    """Run ``code`` against the exercise's visible and hidden tests in a limited child process."""
    secret = secrets.token_hex(16)
    request = {
        "secret": secret,
        "code": code,
        "tests": exercise.test_files(hidden=True),
        "filename": f"{exercise.name.replace('-', '_')}.py",
        "kind": exercise.kind,
    }
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "SYSTEMROOT")}
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    posix = os.name == "posix"
    command = [sys.executable, "-m", "pocketcloud.grading.child"]
    if not os.environ.get("PYTHONPATH"):
        command.insert(1, "-I")  # isolated: no user site-packages, no current folder on sys.path
    else:
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            preexec_fn=limits.preexec if posix else None,
            start_new_session=posix,
        )
    except OSError as exc:
        return Outcome(status=CRASHED, detail=f"could not start Python: {exc}")
    try:
        stdout, stderr = process.communicate(json.dumps(request).encode("utf-8"), timeout=limits.timeout_s)
    except subprocess.TimeoutExpired:
        _kill(process)
        process.communicate()
        return Outcome(status=TIMEOUT, detail=f"still running after {limits.timeout_s:g} s: stopped")
    for line in stdout.decode("utf-8", "replace").splitlines():
        if line.startswith(secret):
            try:
                return _summary(json.loads(line[len(secret) :]))
            except (json.JSONDecodeError, AttributeError, TypeError, ValueError):
                break
    tail = stderr.decode("utf-8", "replace").strip()[-600:]
    if "MemoryError" in tail or process.returncode in (-signal.SIGKILL, -getattr(signal, "SIGXCPU", 24)):
        if "MemoryError" in tail:
            return Outcome(status=MEMORY, detail=f"more than {limits.memory_mb} MB of memory: stopped")
        return Outcome(status=TIMEOUT, detail="CPU time limit reached: stopped")
    return Outcome(
        status=CRASHED, detail=f"the process ended (exit code {process.returncode}) without a result. {tail}"
    )


def _kill(process: subprocess.Popen[bytes]) -> None:
    try:
        if os.name == "posix":
            os.killpg(process.pid, signal.SIGKILL)
        else:  # pragma: no cover
            process.kill()
    except (ProcessLookupError, PermissionError):
        pass
