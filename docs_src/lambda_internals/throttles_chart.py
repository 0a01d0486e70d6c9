"""The frontend's throttle check: a request over the function's concurrency is
refused with 429 TooManyRequestsException and a Reason, and the metrics count it."""

import os
from collections import defaultdict

import pocketcloud
from pocketcloud import traffic
from pocketcloud.display import Line, time_series_svg

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
code = pocketcloud.zip_code({"app.py": "def handler(e, c):\n    return 1\n"})
lam.create_function(
    FunctionName="api",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/api-role",
    Handler="app.handler",
    Code={"ZipFile": code},
)

# Reserved concurrency 0: the frontend throttles every request.
lam.put_function_concurrency(FunctionName="api", ReservedConcurrentExecutions=0)
try:
    lam.invoke(FunctionName="api", Payload=b"{}")
except lam.exceptions.TooManyRequestsException as err:
    status = err.response["ResponseMetadata"]["HTTPStatusCode"]
    print(status, err.response["Error"]["Code"])
    print("Reason:", err.response["Reason"])

# Reserved concurrency 10, and a spike that needs about 20 at once.
lam.put_function_concurrency(FunctionName="api", ReservedConcurrentExecutions=10)
traffic.Workload(duration_ms=200).attach(cloud, "api")  # the handler's time as a model
start = cloud.now
spike = traffic.spike(base=5, peak=100, at=5, length=10, duration=30)
run = traffic.drive(cloud, spike, traffic.sync("api"))
cloud.run()
print(f"sent {run.sent}, ok {run.ok}, throttled {run.throttled}")
reasons = {t.reason for t in cloud.lambda_trace.throttles}
print("reasons:", sorted(reasons))


def per_second(name, combine):
    """The function's data points of one metric, combined per second."""
    (series,) = cloud.metrics.find("AWS/Lambda", name, FunctionName="api")
    seconds = defaultdict(list)
    for t, value in series.points():
        seconds[int(t)].append(value)
    return [(float(s), combine(v)) for s, v in sorted(seconds.items()) if s >= start]


peak = per_second("ConcurrentExecutions", max)
print("peak ConcurrentExecutions:", max(v for _, v in peak))
lang = os.environ.get("POCKETCLOUD_LANG", "en")
time_series_svg(
    [
        Line("ConcurrentExecutions (Maximum)", peak),
        Line("Throttles (Sum)", per_second("Throttles", sum)),
    ],
    title="api",
    y_label={"ko": "1초 단위"}.get(lang, "per second"),
    threshold=10,
    lang=lang,
)

# expect: 429 TooManyRequestsException
# expect: Reason: ReservedFunctionConcurrentInvocationLimitExceeded
# expect: reasons: ['ReservedFunctionConcurrentInvocationLimitExceeded']
# expect: peak ConcurrentExecutions: 10.0
