"""The side-by-side run (pocketcloud.compare) in CPython: one day of traffic on Lambda and on ECS behind an ALB.

A day of ``N`` requests (default 1,000,000) on the daily curve of :mod:`bench.traffic_day` (a peak of 1.8x the
mean rate at 14:00, a night trough of 0.2x, Poisson arrivals), each needing ``WORK_MS`` of work, sent to a Lambda
function (sync Invoke with the log tail, every REPORT line parsed) and to a Fargate service of 1-vCPU tasks with
target tracking at 50 % CPU behind an ALB (the load balancer's batched path), each in its own cloud, with the
per-minute DescribeServices samples and both bills. Printed: the whole comparison's wall time and each half's
(the Lambda half is the modelled Lambda path, the ECS half the ALB's batched path to the tasks' queue model).

    python -m bench.side_by_side [N]
"""

from __future__ import annotations

import sys
import time

from pocketcloud import traffic
from pocketcloud.compare import Comparison, _run_ecs, _run_lambda

WORK_MS = 100.0
PEAK_FACTOR = 1.8


def measure(requests: int = 1_000_000) -> dict[str, float]:
    mean = requests / 86_400
    pattern = traffic.daily(peak=mean * PEAK_FACTOR, trough=mean * 0.2, poisson=True)
    started = time.perf_counter()
    # The arguments compare() passes for these settings (its defaults, tasks 2 to 10 at 50 % CPU), each half timed.
    lam = _run_lambda(pattern, 0, WORK_MS, 1769, 300.0, None, 120.0, 60.0, 60.0)
    lambda_s = time.perf_counter() - started
    ecs = _run_ecs(pattern, 0, WORK_MS, 1024, 2048, 2, 10, 50.0, 10.0, 120.0, 60.0, 60.0)
    result = Comparison(lam, ecs)
    rows = result.rows()
    seconds = time.perf_counter() - started
    return {
        "requests": float(lam.sent + ecs.sent),
        "seconds": seconds,
        "lambda_s": lambda_s,
        "ecs_s": seconds - lambda_s,
        "rows": float(len(rows)),
        "peak_tasks": float(ecs.peak_capacity),
    }


def main(requests: int = 1_000_000) -> None:
    result = measure(requests)
    print(
        f"Lambda vs ECS side by side, a day of {int(result['requests']) // 2:,} requests on each: "
        f"{result['seconds']:.1f} s (Lambda half {result['lambda_s']:.1f} s, ECS half {result['ecs_s']:.1f} s; "
        f"ECS peaked at {result['peak_tasks']:.0f} tasks)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
