"""A day of traffic: N synchronous invocations of a modelled function on a daily curve, with reserved concurrency,
throttling, the trace and every CloudWatch data point, next to the cost of a direct Invoke of real code.

``python -m bench day [N]`` (default 1,000,000). The function's handler is a workload model
(:mod:`pocketcloud.services.awslambda.workload`): Lambda's decisions — environments, cold and warm starts,
concurrency, the scaling rate, throttles, billing, metrics, the trace and the (lazily formatted) log — are the
same computation as for code. Printed: the CPython time of the day, the cost per simulated invocation, and that
cost next to one direct ``Invoke`` of a trivial real handler (:mod:`bench.invoke_cost`).

The scenario, a busy API sized the way AWS tells you to size it:

- traffic follows a daily curve (``traffic.daily``) with Poisson arrivals: a peak at 14:00 of 1.8x the day's
  mean rate and a night trough of 0.2x, so N requests a day (1,000,000 -> a mean of 11.6 and a peak of about
  20.8 requests per second);
- each request runs about ``DURATION_MS`` (60 ms, spread +-40 %), and 0.2 % fail in the handler;
- the function has a reserved concurrency sized from the peak with AWS's estimate "concurrency = requests per
  second x average duration in seconds" (https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html),
  times ``HEADROOM`` for cold starts (their Init time keeps an environment busy longer) and Poisson bursts, and at
  least ``MIN_RESERVED``: at 1,000,000 a day the peak needs about 1.25 environments and 50 are reserved. It is
  capped at ``MAX_RESERVED``, the default account limit of 1,000 less the 100 that must stay unreserved
  (https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html: "You can reserve up to the
  Unreserved account concurrency value that is shown, minus 100"). A well-sized function throttles seldom or
  never, so the day's throttle count is a check on the model rather than a share of the traffic (an earlier
  version reserved ``0.12 x mean rate``, i.e. 1 environment, and throttled 32,569 of 200,210 requests at
  N = 200,000; with 50 reserved the same day throttles none).
"""

from __future__ import annotations

import math
import time

import pocketcloud
from pocketcloud import traffic

DURATION_MS = 60
PEAK_FACTOR = 1.8  # the daily curve's peak over the day's mean rate
HEADROOM = 10
MIN_RESERVED = 50
MAX_RESERVED = 900


def reserved_concurrency(peak_rate: float, duration_ms: float = DURATION_MS) -> int:
    """Reserved concurrency for a function at ``peak_rate`` requests per second (see the module docstring)."""
    needed = peak_rate * duration_ms / 1000
    return min(MAX_RESERVED, max(MIN_RESERVED, math.ceil(needed * HEADROOM)))


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
    # A busy API (the module docstring): peak at 14:00, a quiet night, a few slow and failed requests, and a
    # reserved concurrency sized from the peak.
    mean_rate = invocations / 86_400
    reserved = reserved_concurrency(mean_rate * PEAK_FACTOR)
    lam.put_function_concurrency(FunctionName="api", ReservedConcurrentExecutions=reserved)
    traffic.Workload(duration_ms=DURATION_MS, spread=0.4, errors=0.002).attach(cloud, "api")
    pattern = traffic.daily(peak=mean_rate * PEAK_FACTOR, trough=mean_rate * 0.2, poisson=True)
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
        "reserved": reserved,
    }


def main(invocations: int = 1_000_000) -> None:
    from . import invoke_cost

    day = measure(invocations)
    _, direct = invoke_cost.measure(20_000)
    print(
        f"A day of traffic: {day['sent']:,.0f} sync requests ({day['ok']:,.0f} ok, {day['errors']:,.0f} errors, "
        f"{day['throttled']:,.0f} throttled; reserved concurrency {day['reserved']:.0f}) "
        f"in {day['seconds']:.1f} s CPython "
        f"({day['us_per_request']:.1f} us per request; {day['series']:.0f} metric series). "
        f"Direct Invoke of real code: {direct:.1f} us ({direct / day['us_per_request']:.2f}x a modelled request)"
    )
