"""One spike on a Lambda function and on an ECS service behind an ALB."""

import os

from pocketcloud import traffic
from pocketcloud.compare import compare

LANG = os.environ.get("POCKETCLOUD_LANG", "en")
# 0.5 requests/s, then 7/s for 5 minutes from minute 5, then quiet again: 15 minutes,
# arriving at random (Poisson) moments, as independent clients do.
SPIKE = traffic.spike(base=0.5, peak=7, at=300, length=300, duration=900, poisson=True)

# Each request needs 250 ms of work: handler time on Lambda (1,769 MB = one vCPU),
# CPU time of one vCPU on ECS (two Fargate tasks of 1 vCPU / 2 GB,
# target tracking at 50 % CPU).
result = compare(SPIKE, work_ms=250, tasks=2, max_tasks=8, target_cpu=50, lang=LANG)
print(result)
lam, ecs = result.lam, result.ecs
print(f"p99: Lambda {lam.p(99):.0f} ms, ECS {ecs.p(99):.0f} ms")
print(f"peak: {lam.peak_capacity} concurrent executions, {ecs.peak_capacity} tasks")
print(f"bill: Lambda ${lam.cost_usd:.4f}, Fargate ${ecs.cost_usd:.4f}")
result.latency_chart()

# expect: p99: Lambda 324 ms, ECS 1328 ms
# expect: peak: 8 concurrent executions, 5 tasks
# expect: bill: Lambda $0.0182, Fargate $0.0479
