"""Steady traffic: a month of Lambda against a month of Fargate tasks."""

import math
import os

from pocketcloud.display.sweep import category_svg
from pocketcloud.pricing import price_invocation
from pocketcloud.pricing_compute import fargate_task_cost

LANG = os.environ.get("POCKETCLOUD_LANG", "en")
HOURS = 730  # a month
WORK_S = 0.25  # each request: 250 ms of one vCPU, as on the comparison above
TARGET = 0.5  # the tasks run at most at 50 % CPU (the target tracking target)

per_request = price_invocation(1769, 250).total_usd  # 1,769 MB = one vCPU
task_month = fargate_task_cost(1, 2, HOURS * 3600).total_usd  # 1 vCPU, 2 GB, all month

RATES = [0.5, 1, 2, 4, 8, 16, 32]
lam_line, ecs_line = [], []
for rate in RATES:  # requests per second, all month
    tasks = max(2, math.ceil(rate * WORK_S / TARGET))  # at least two, for availability
    lam_month = per_request * int(rate * HOURS * 3600)
    ecs_month = task_month * tasks
    cheaper = "Lambda" if lam_month < ecs_month else "Fargate"
    print(
        f"{rate:>4} req/s: Lambda ${lam_month:8.2f}, "
        f"Fargate ${ecs_month:7.2f} ({tasks} tasks) -> {cheaper}"
    )
    lam_line.append(float(lam_month))
    ecs_line.append(float(ecs_month))

category_svg(
    [f"{r:g}" for r in RATES],
    {"Lambda": lam_line, "Fargate": ecs_line},
    title="USD / month" if LANG == "en" else "월 비용(USD)",
    x_label="requests/s" if LANG == "en" else "초당 요청",
    y_label="USD",
)

# expect:    2 req/s: Lambda $   38.88, Fargate $  72.08 (2 tasks) -> Lambda
# expect:    4 req/s: Lambda $   77.77, Fargate $  72.08 (2 tasks) -> Fargate
