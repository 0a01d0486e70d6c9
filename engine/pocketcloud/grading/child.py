"""One graded run, in its own process: the grader's parent starts ``python -m pocketcloud.grading.child``.

The parent writes ``{"secret", "code", "tests", "filename"}`` to stdin and reads one line back, the secret
followed by the harness's JSON result. The harness (and its snapshot of the engine) is imported before the
submission is even read; the result goes to a duplicate of the original stdout taken before the learner's code
runs, so nothing the code prints or redirects can replace it, and the parent ignores every line without the
secret. The parent also limits this process's memory and CPU time and kills it after a wall-clock timeout.
"""

from __future__ import annotations

import json
import os
import sys


def main() -> int:
    from pocketcloud.grading import harness  # before reading the submission: the snapshot must be pristine

    result_fd = os.dup(1)
    request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    secret = str(request.pop("secret"))
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)  # the learner's code reads nothing from stdin
    result = harness.run_checks(
        request["code"],
        request["tests"],
        filename=request.get("filename", "exercise.py"),
        kind=request.get("kind", "script"),
    )
    line = secret + json.dumps(result, ensure_ascii=False) + "\n"
    os.write(result_fd, line.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
