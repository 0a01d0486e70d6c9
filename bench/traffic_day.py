"""A day of traffic: N synchronous invocations of a modelled function on a daily curve, with reserved concurrency,
throttling, the trace and every CloudWatch data point, next to the cost of a direct Invoke of real code.

``python -m bench day [N]`` (default 1,000,000). The function's handler is a workload model
(:mod:`pocketcloud.services.awslambda.workload`): Lambda's decisions — environments, cold and warm starts,
concurrency, the scaling rate, throttles, billing, metrics, the trace and the (lazily formatted) log — are the
same computation as for code. Printed: the CPython time of the day, the cost per simulated invocation, and that
cost next to one direct ``Invoke`` of a trivial real handler (:mod:`bench.invoke_cost`).
"""

from __future__ import annotations

import time

import pocketcloud
from pocketcloud import traffic


def measure(invocations: int = 1_000_000) -> dict[str, float]:
    """Simulate a day with about ``invocations`` requests; return counts and seconds."""
    cloud = pocketcloud.Cloud(seed=0)
    lam = cloud.client("lambda")
    lam.create_function(
        FunctionName="api",
        Runtime="python3.13",
        Role="arn:aws:iam::123456789012:role/bench",
        Handler="app.handler",
        Code={"ZipFile": pocketcloud.zip_code({"app.py": "def handler(event, context):\n    return None\n"})},
    )
    # A busy API: peak at 14:00, a quiet night, a few slow and failed requests; reserved concurrency throttles the
    # peak's tail so that the day has throttles to count.
    mean_rate = invocations / 86_400
    lam.put_function_concurrency(FunctionName="api", ReservedConcurrentExecutions=max(1, round(mean_rate * 0.12)))
    traffic.Workload(duration_ms=60, spread=0.4, errors=0.002).attach(cloud, "api")
    pattern = traffic.daily(peak=mean_rate * 1.8, trough=mean_rate * 0.2, poisson=True)
    started = time.perf_counter()
    run = traffic.drive(cloud, pattern, traffic.sync("api"))
    cloud.run(until=86_400 + 60)
    elapsed = time.perf_counter() - started
    return {
        "sent": run.sent,
        "ok": run.ok,
        "errors": run.errors,
        "throttled": run.throttled,
        "seconds": elapsed,
        "us_per_request": elapsed / max(1, run.sent) * 1e6,
        "series": len(cloud.metrics),
    }


def main(invocations: int = 1_000_000) -> None:
    from . import invoke_cost

    day = measure(invocations)
    _, direct = invoke_cost.measure(20_000)
    print(
        f"A day of traffic: {day['sent']:,.0f} sync requests ({day['ok']:,.0f} ok, {day['errors']:,.0f} errors, "
        f"{day['throttled']:,.0f} throttled) in {day['seconds']:.1f} s CPython "
        f"({day['us_per_request']:.1f} us per request; {day['series']:.0f} metric series). "
        f"Direct Invoke of real code: {direct:.1f} us ({direct / day['us_per_request']:.2f}x a modelled request)"
    )
