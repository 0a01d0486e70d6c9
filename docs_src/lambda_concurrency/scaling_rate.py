"""A spike meets the scaling rate: 1,000 new environments at once, then 100 a second."""

import pocketcloud
from pocketcloud import traffic
from pocketcloud.display import Line, time_series_svg

cloud = pocketcloud.Cloud(seed=0)
cloud.lambda_settings.account_concurrency = (
    5000  # a raised quota: the account limit is not what stops us here
)
lam = cloud.client("lambda")
lam.create_function(
    FunctionName="api",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={
        "ZipFile": pocketcloud.zip_code(
            {"app.py": "def handler(event, context):\n    return 'ok'\n"}
        )
    },
)
# Each request keeps its environment busy for 1 s (a model of the handler, not code).
traffic.Workload(duration_ms=1000).attach(cloud, "api")
# 20 requests per second, then 1,400 per second for 10 seconds from t=5 s.
start = cloud.now
spike = traffic.spike(base=20, peak=1400, at=5, length=10, duration=20)
run = traffic.drive(cloud, spike, traffic.sync("api"))
cloud.run()
print(f"sent {run.sent:,}, ok {run.ok:,}, throttled {run.throttled:,}")
print("throttle checks:", sorted({t.check for t in cloud.lambda_trace.throttles}))

# Per second: the most requests in flight (ConcurrentExecutions, viewed with Maximum)
# and the throttled requests.
series = cloud.metrics.find("AWS/Lambda", "ConcurrentExecutions", FunctionName="api")[0]
peak: dict[int, float] = {}
for at, value in series.points():
    peak[int(at)] = max(peak.get(int(at), 0.0), value)
throttles: dict[int, int] = {}
for at in run.throttled_at:
    throttles[int(at)] = throttles.get(int(at), 0) + 1
print(
    "most in flight, t=5..12 s:",
    [int(peak.get(int(start) + s, 0)) for s in range(5, 13)],
)
print(
    "throttled, t=5..12 s:     ",
    [throttles.get(int(start) + s, 0) for s in range(5, 13)],
)
time_series_svg(
    [
        Line("ConcurrentExecutions (Maximum)", sorted(peak.items())),
        Line(
            "Throttles (Sum)",
            [(float(t), float(n)) for t, n in sorted(throttles.items())],
        ),
    ],
    title="api",
)

# expect: throttle checks: ['scaling rate']
# expect: most in flight, t=5..12 s: [1122, 1222, 1322, 1422, 1487
# expect: throttled, t=5..12 s:      [278, 189, 153, 64, 0, 0, 0, 0]
