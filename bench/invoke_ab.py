"""Invoke cost of this engine against an earlier revision, and the share of it the memory model takes.

``python -m bench ab [REV]`` exports ``REV`` (default: ``HEAD~1``) with ``git archive``, then runs the invoke-cost
measurement alternately in the old and the current engine, each in its own process, and reports the best of
each (the machine may be busy: the minimum is the least disturbed run) and their ratio. The memory model's cost
is measured in one process by running the same invokes with and without its end-of-invocation sample.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The measurement itself is written here, not imported from the revision's bench/, so both sides measure the same
# way: CPU time of the process (time.process_time), which a busy machine disturbs far less than wall time.
_MEASURE = """
import time, pocketcloud
cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
lam.create_function(FunctionName="noop", Runtime="python3.13", Role="arn:aws:iam::123456789012:role/bench",
    Handler="app.handler",
    Code={{"ZipFile": pocketcloud.zip_code({{"app.py": "def handler(event, context):\\n    return None\\n"}})}})
lam.invoke(FunctionName="noop")
started = time.process_time()
for _ in range({n}):
    lam.invoke(FunctionName="noop")
print((time.process_time() - started) / {n} * 1e6)
"""


def _export(rev: str) -> Path:
    data = subprocess.run(["git", "archive", rev, "engine", "bench"], cwd=ROOT, capture_output=True, check=True).stdout
    target = Path(tempfile.mkdtemp(prefix="pocketcloud-bench-"))
    with tarfile.open(fileobj=BytesIO(data)) as archive:
        archive.extractall(target, filter="data")
    return target


def _run(root: Path, invokes: int) -> float:
    env = {"PYTHONPATH": str(root / "engine") + ":" + str(root), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE.format(n=invokes)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def compare(rev: str = "HEAD~1", rounds: int = 5, invokes: int = 20_000) -> tuple[float, float]:
    """(best CPU microseconds per invoke at ``rev``, best now)."""
    old_root = _export(rev)
    old, new = [], []
    for _ in range(rounds):
        old.append(_run(old_root, invokes))
        new.append(_run(ROOT, invokes))
    return min(old), min(new)


def memory_model_cost(invokes: int = 20_000, rounds: int = 5) -> tuple[float, float]:
    """(best microseconds per invoke with the memory model's sample, best without it)."""
    import pocketcloud
    from pocketcloud.services.awslambda.environment import ExecutionEnvironment

    cloud = pocketcloud.Cloud(seed=0)
    lam = cloud.client("lambda")
    lam.create_function(
        FunctionName="noop",
        Runtime="python3.13",
        Role="arn:aws:iam::123456789012:role/bench",
        Handler="app.handler",
        Code={"ZipFile": pocketcloud.zip_code({"app.py": "def handler(event, context):\n    return None\n"})},
    )
    real = ExecutionEnvironment._sample_memory
    best = {True: float("inf"), False: float("inf")}
    for _ in range(rounds):
        for on in (True, False):
            ExecutionEnvironment._sample_memory = real if on else (lambda self, payload: None)  # type: ignore[method-assign]
            started = time.process_time()
            for _ in range(invokes):
                lam.invoke(FunctionName="noop")
            best[on] = min(best[on], (time.process_time() - started) / invokes * 1e6)
    ExecutionEnvironment._sample_memory = real  # type: ignore[method-assign]
    return best[True], best[False]


def main(rev: str = "HEAD~1") -> None:
    old, new = compare(rev)
    print(f"invoke cost at {rev}: {old:.1f} us, now: {new:.1f} us, ratio {new / old:.3f}", end=" ")
    print("(CPU time, best of 5 alternating runs)")
    with_model, without = memory_model_cost()
    share = (with_model - without) / with_model * 100
    print(f"memory model: {with_model:.1f} us per invoke with it, {without:.1f} us without ({share:.1f} %)")
