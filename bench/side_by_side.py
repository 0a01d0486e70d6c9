"""The side-by-side run (pocketcloud.compare) in CPython: one traffic pattern on Lambda and on ECS behind an ALB.

A spike of 20 minutes (0.5 requests/s, 7/s for 8 minutes) sent to a Lambda function (sync Invoke with the log tail,
every REPORT line parsed) and to a Fargate service with target tracking behind an ALB, each in its own cloud, with
the per-minute DescribeServices samples and both bills. The number is the whole comparison's wall time.

    python -m bench.side_by_side [peak]
"""

from __future__ import annotations

import sys
import time

from pocketcloud import traffic
from pocketcloud.compare import compare


def measure(peak: float = 7.0) -> dict[str, float]:
    pattern = traffic.spike(base=0.5, peak=peak, at=300, length=480, duration=1200)
    started = time.perf_counter()
    result = compare(pattern, work_ms=250, tasks=2, max_tasks=8)
    seconds = time.perf_counter() - started
    requests = result.lam.sent + result.ecs.sent
    return {"requests": float(requests), "seconds": seconds, "per_s": requests / seconds}


def main(peak: float = 7.0) -> None:
    result = measure(peak)
    print(
        f"Lambda vs ECS side by side, {int(result['requests']):,} requests in all: {result['seconds']:.2f} s "
        f"({result['per_s']:,.0f} requests/s)"
    )


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 7.0)
