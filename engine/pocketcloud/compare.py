"""Lambda or containers? The same traffic against a Lambda function and an ECS service behind an ALB, side by side.

:func:`compare` builds two clouds with the same seed, so :func:`pocketcloud.traffic.drive` draws the same arrivals
in both, and sends one traffic pattern to each:

* **Lambda**: a function with a :class:`~pocketcloud.traffic.Workload` (each request runs ``work_ms`` of handler
  time), invoked synchronously (``traffic.sync``'s stream); each invocation's REPORT facts give its Billed Duration
  and, on a cold start, its Init Duration (as the REPORT line prints it). Lambda bills the Init phase of managed
  runtimes since August 2025 (https://aws.amazon.com/blogs/compute/aws-lambda-standardizes-billing-for-init-phase/),
  so a cold start's billed duration includes it. A 429 (``TooManyRequestsException``) is a throttled request.
* **ECS**: a Fargate service of ``tasks`` tasks behind an Application Load Balancer (each request needs
  ``work_ms`` of one vCPU, the :mod:`pocketcloud.services.ecs.taskdefs` request model), optionally with a target
  tracking policy on ``ECSServiceAverageCPUUtilization`` between ``tasks`` and ``max_tasks``. Requests go to the
  ALB's DNS name on its batched path (``traffic.http(..., batched=True)``: the same answers as
  ``cloud.http_request``'s, without a kernel event per request); a 5xx from the load balancer (no healthy target, a
  refused connection) is a failed request.

Every request's latency is the virtual time from its arrival to its answer. The clock is advanced one ``period``
at a time, and at the end of each the ECS side is asked (``DescribeServices``) how many tasks run and wait; the
Lambda side's capacity is its concurrency (requests in flight at once, the ``ConcurrentExecutions`` metric's
Maximum). CPU utilisation is the service's ``AWS/ECS`` ``CPUUtilization`` metric.

Costs are list prices in us-east-1 from :mod:`pocketcloud.pricing` (Lambda: request price plus billed GB-seconds,
https://aws.amazon.com/lambda/pricing/) and :mod:`pocketcloud.pricing_compute` (Fargate: per vCPU-hour and GB-hour
of each task's size "from the time you start to download your container image until the Amazon ECS Task ...
terminates, rounded up to the nearest second", 1-minute minimum, https://aws.amazon.com/fargate/pricing/). The
free tier is left out (it is a monthly allowance), and so is the load balancer's own hourly and LCU charge
(https://aws.amazon.com/elasticloadbalancing/pricing/): that is a pocketcloud simplification, said so in the table.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from . import pricing, pricing_compute, traffic
from .display.svg import esc
from .timeutil import to_datetime

if TYPE_CHECKING:
    from .cloud import Cloud
    from .display.charts import Picture

_SUBNETS = ["subnet-a", "subnet-b"]
_ROLE = "arn:aws:iam::123456789012:role/lambda-role"
_HANDLER = "def handler(event, context):\n    return {'statusCode': 200}\n"

WORDS = {
    "en": {
        "metric": "", "lambda": "Lambda", "ecs": "ECS on Fargate", "requests": "Requests", "ok": "Answered",
        "failed": "Throttled / 5xx", "p50": "Latency p50 (ms)", "p99": "Latency p99 (ms)", "max": "Latency max (ms)",
        "capacity": "Peak capacity", "cap_l": "{} concurrent", "cap_e": "{} tasks", "cold": "Cold starts / task starts",
        "lag": "Init (Lambda) / task start-up (ECS), mean s", "cpu": "Mean CPU utilisation", "cost": "Cost (USD)",
        "caption": "The same {} requests on both", "note": "List prices, us-east-1 (Lambda {}, Fargate {}); free "
        "tier and the load balancer's own charges not included.", "latency": "Latency p99 (ms)",
        "cap_title": "Capacity: Lambda concurrency vs running ECS tasks", "lat_title": "Latency p99 per minute (ms)",
    },
    "ko": {
        "metric": "", "lambda": "Lambda", "ecs": "Fargate의 ECS", "requests": "요청", "ok": "응답함",
        "failed": "제한(throttling) / 5xx", "p50": "지연 시간 p50(ms)", "p99": "지연 시간 p99(ms)",
        "max": "지연 시간 최대(ms)",
        "capacity": "최대 용량", "cap_l": "동시 실행 {}", "cap_e": "태스크 {}개", "cold": "콜드 스타트 / 태스크 시작",
        "lag": "Init(Lambda) / 태스크 시작 지연(ECS), 평균 초", "cpu": "평균 CPU 사용률", "cost": "비용(USD)",
        "caption": "두 쪽에 보낸 같은 요청 {}건", "note": "us-east-1 정가(Lambda {}, Fargate {} 기준)입니다. 프리 "
        "티어와 로드 밸런서 자체 요금은 포함하지 않습니다.", "latency": "지연 시간 p99(ms)",
        "cap_title": "용량: Lambda 동시성과 실행 중인 ECS 태스크", "lat_title": "분당 지연 시간 p99(ms)",
    },
}  # fmt: skip


def percentile(values: Sequence[float], p: float) -> float:
    """The nearest-rank percentile (CloudWatch's ``pNN`` statistic on raw samples); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass
class Side:
    """One side of the comparison: each request's (arrival, latency s, outcome) and the per-period samples."""

    name: str
    requests: list[tuple[float, float, str]] = field(default_factory=list)
    #: (end of period, capacity): Lambda's peak concurrency or ECS's running tasks in that period.
    capacity: list[tuple[float, float]] = field(default_factory=list)
    #: (end of period, ECS tasks waiting to run); empty for Lambda.
    pending: list[tuple[float, float]] = field(default_factory=list)
    #: (minute, CPU utilisation %) for ECS; empty for Lambda.
    cpu: list[tuple[float, float]] = field(default_factory=list)
    starts: int = 0
    start_lag_s: list[float] = field(default_factory=list)
    cost_usd: Decimal = Decimal(0)
    _sorted: tuple[Any, list[float]] | None = field(default=None, repr=False, compare=False)

    @property
    def sent(self) -> int:
        return len(self.requests)

    @property
    def ok(self) -> int:
        return sum(1 for _a, _l, outcome in self.requests if outcome == "ok")

    @property
    def failed(self) -> int:
        return self.sent - self.ok

    def latencies_ms(self) -> list[float]:
        return [latency * 1000 for _a, latency, outcome in self.requests if outcome == "ok"]

    def p(self, q: float) -> float:
        """The ``q``th percentile of the answered requests' latency (ms); the sorted latencies are kept while no
        request is added (a day's comparison asks for several percentiles of a million requests)."""
        key = (len(self.requests), self.requests[-1] if self.requests else None)
        if self._sorted is None or self._sorted[0] != key:
            self._sorted = (key, sorted(self.latencies_ms()))
        ordered = self._sorted[1]
        return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)] if ordered else 0.0

    def latency_over_time(self, q: float = 99, period: float = 60.0) -> list[tuple[float, float]]:
        """The ``q``th percentile of answered requests' latency (ms) per ``period``, by arrival time."""
        buckets: dict[int, list[float]] = {}
        for arrival, latency, outcome in self.requests:
            if outcome == "ok":
                buckets.setdefault(int(arrival // period), []).append(latency * 1000)
        return [(k * period, percentile(v, q)) for k, v in sorted(buckets.items())]

    @property
    def peak_capacity(self) -> int:
        return int(max((v for _t, v in self.capacity), default=0))

    @property
    def mean_cpu(self) -> float | None:
        return sum(v for _t, v in self.cpu) / len(self.cpu) if self.cpu else None


@dataclass
class Comparison:
    """The outcome of :func:`compare`: both sides, a table (``str`` and HTML) and charts."""

    lam: Side
    ecs: Side
    lang: str = "en"

    def rows(self) -> list[tuple[str, str, str]]:
        w = WORDS.get(self.lang, WORDS["en"])
        lam, ecs = self.lam, self.ecs
        lag = [sum(s.start_lag_s) / len(s.start_lag_s) if s.start_lag_s else 0.0 for s in (lam, ecs)]
        return [
            (w["requests"], str(lam.sent), str(ecs.sent)),
            (w["ok"], str(lam.ok), str(ecs.ok)),
            (w["failed"], str(lam.failed), str(ecs.failed)),
            (w["p50"], f"{lam.p(50):.0f}", f"{ecs.p(50):.0f}"),
            (w["p99"], f"{lam.p(99):.0f}", f"{ecs.p(99):.0f}"),
            (w["max"], f"{lam.p(100):.0f}", f"{ecs.p(100):.0f}"),
            (w["capacity"], w["cap_l"].format(lam.peak_capacity), w["cap_e"].format(ecs.peak_capacity)),
            (w["cold"], str(lam.starts), str(ecs.starts)),
            (w["lag"], f"{lag[0]:.1f}", f"{lag[1]:.1f}"),
            (w["cpu"], "-", f"{ecs.mean_cpu:.0f} %" if ecs.mean_cpu is not None else "-"),
            (w["cost"], f"{lam.cost_usd:.6f}", f"{ecs.cost_usd:.6f}"),
        ]

    def __str__(self) -> str:
        w = WORDS.get(self.lang, WORDS["en"])
        rows = [("", w["lambda"], w["ecs"]), *self.rows()]
        width = max(len(r[0]) for r in rows)
        return "\n".join(f"{a:<{width}}  {b:>14}  {c:>14}" for a, b, c in rows)

    def _repr_html_(self) -> str:
        w = WORDS.get(self.lang, WORDS["en"])
        head = "".join(f"<th>{esc(c)}</th>" for c in ("", w["lambda"], w["ecs"]))
        body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in self.rows())
        note = esc(w["note"].format(pricing.CHECKED, pricing_compute.CHECKED))
        return (
            f'<table class="pc-table"><caption>{esc(w["caption"].format(self.lam.sent))}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table><p><small>{note}</small></p>"
        )

    def capacity_chart(self) -> Picture:
        """Lambda's concurrency and ECS's running tasks per period, on one time axis."""
        from .display.charts import Line, time_series_svg

        w = WORDS.get(self.lang, WORDS["en"])
        lines = [Line(w["lambda"], self.lam.capacity), Line(w["ecs"], self.ecs.capacity)]
        return time_series_svg(lines, title=w["cap_title"], lang=self.lang)

    def latency_chart(self, q: float = 99) -> Picture:
        """The ``q``th latency percentile per minute on both sides."""
        from .display.charts import Line, time_series_svg

        w = WORDS.get(self.lang, WORDS["en"])
        lines = [Line(w["lambda"], self.lam.latency_over_time(q)), Line(w["ecs"], self.ecs.latency_over_time(q))]
        return time_series_svg(lines, title=w["lat_title"].replace("99", f"{q:g}"), lang=self.lang)


def _batched_recording(side: Side, url: str) -> traffic.Target:
    """GETs of ``url`` on the load balancer's batched path (:mod:`pocketcloud.services.elbv2.batch`: the same
    answers as one request at a time, without an event each), each remembered on ``side`` as it is answered."""
    http_target = traffic.http("GET", url, batched=True)

    def bind(cloud: Cloud) -> Callable[[Callable[[str], None]], None]:
        send: Any = http_target(cloud)
        stream = send.batch

        def recording(arrivals: Any, sent: Callable[[], None], report: Callable[[str, float, float], None]) -> None:
            requests = side.requests

            def done(outcome: str, arrival: float, at: float) -> None:
                requests.append((arrival, round(at - arrival, 6), outcome))
                report(outcome, arrival, at)

            stream(arrivals, sent, done)

        send.batch = recording
        return cast("Callable[[Callable[[str], None]], None]", send)

    return bind


def _lambda_recording(side: Side, billed: list[int]) -> traffic.Target:
    """Synchronous Invokes of the function as a stream (:mod:`pocketcloud.services.awslambda.stream`: the same
    invocations as one request at a time, without an event each), each remembered on ``side`` in arrival order,
    with its REPORT line's facts: its Billed Duration and, on a cold start, its Init Duration as the line prints it
    (two decimals). The stream hands over the invocation's record, so no log is formatted to be parsed again."""
    sync = traffic.sync("app")

    def bind(cloud: Cloud) -> Callable[[Callable[[str], None]], None]:
        send: Any = sync(cloud)
        stream = send.batch
        requests = side.requests
        waiting: dict[float, list[int]] = {}  # arrival time -> the indexes of its requests not answered yet

        def recording(arrivals: Any, sent: Callable[[], None], report: Callable[[str, float, float], None]) -> None:
            def arrived() -> None:
                waiting.setdefault(cloud.now, []).append(len(requests))
                requests.append((cloud.now, 0.0, "pending"))
                sent()

            def ran(invocation: Any) -> None:
                billed.append(invocation.billed_duration_ms)
                init_ms = invocation.init_duration_ms
                if init_ms is not None:
                    side.starts += 1
                    side.start_lag_s.append(float(f"{init_ms:.2f}") / 1000)

            def done(outcome: str, arrival: float, at: float) -> None:
                indexes = waiting[arrival]
                index = indexes.pop(0)
                if not indexes:
                    del waiting[arrival]
                requests[index] = (arrival, round(at - arrival, 6), outcome)
                report(outcome, arrival, at)

            stream(arrivals, arrived, done, ran)

        send.batch = recording
        return cast("Callable[[Callable[[str], None]], None]", send)

    return bind


def _run_lambda(
    pattern: traffic.Pattern, seed: int, work_ms: float, memory_mb: int, init_ms: float | None,
    reserved: int | None, warmup: float, period: float, tail: float,
) -> Side:  # fmt: skip
    from . import Cloud, zip_code

    cloud = Cloud(seed=seed)
    lam: Any = cloud.client("lambda")
    lam.create_function(
        FunctionName="app", Runtime="python3.13", Role=_ROLE, Handler="app.handler", MemorySize=memory_mb,
        Timeout=30, Code={"ZipFile": zip_code({"app.py": _HANDLER})},
    )  # fmt: skip
    if reserved is not None:
        lam.put_function_concurrency(FunctionName="app", ReservedConcurrentExecutions=reserved)
    traffic.Workload(duration_ms=work_ms, spread=0.1, init_ms=init_ms).attach(cloud, "app")
    side = Side("lambda")
    billed: list[int] = []
    cloud.run(until=warmup)
    traffic.drive(cloud, pattern, _lambda_recording(side, billed))
    _advance(cloud, warmup, period, _length(pattern) + tail, lambda: None)
    side.capacity = _in_flight(side.requests, warmup, period, cloud.now)
    # Only invocations are billed: a throttled request never ran (and has no REPORT line).
    # Each billed duration is priced once (a day of requests repeats a few hundred durations), and the prices are
    # summed in the requests' order, as before.
    prices: dict[int, Decimal] = {}
    total = Decimal(0)
    for ms in billed:
        price = prices.get(ms)
        if price is None:
            price = prices[ms] = pricing.price_invocation(memory_mb, ms).total_usd
        total += price
    side.cost_usd = total
    return side


def _in_flight(
    requests: list[tuple[float, float, str]], start: float, period: float, end: float
) -> list[tuple[float, float]]:
    """The peak number of requests in flight at once (Lambda's concurrency) in each period."""
    ran = [(a, lat) for a, lat, outcome in requests if outcome != "throttled"]
    events = sorted([(a, 1) for a, _lat in ran] + [(a + lat, -1) for a, lat in ran], key=lambda e: (e[0], e[1]))
    peaks: dict[int, int] = {}
    level = 0
    for t, step in events:
        level += step
        k = int((t - start) // period)
        peaks[k] = max(peaks.get(k, 0), level)
    periods = math.ceil((end - start) / period)
    return [(start + (k + 1) * period, float(peaks.get(k, 0))) for k in range(periods)]


def _length(pattern: traffic.Pattern) -> float:
    """How long ``pattern`` sends requests (seconds from its start)."""
    if pattern.times is not None:
        return max(pattern.times, default=0.0)
    return max((end for _start, end, _rate in pattern.segments), default=0.0)


def _advance(cloud: Cloud, start: float, period: float, length: float, sample: Callable[[], None]) -> None:
    t = start
    while t < start + length:
        t = min(t + period, start + length)
        cloud.run(until=t)
        sample()


def _run_ecs(
    pattern: traffic.Pattern, seed: int, work_ms: float, cpu: int, memory: int, tasks: int, max_tasks: int,
    target_cpu: float | None, startup_s: float, warmup: float, period: float, tail: float,
) -> Side:  # fmt: skip
    from . import Cloud

    cloud = Cloud(seed=seed)
    ecs: Any = cloud.client("ecs")
    elb: Any = cloud.client("elbv2")
    lb = elb.create_load_balancer(Name="app", Subnets=_SUBNETS)["LoadBalancers"][0]
    tg = elb.create_target_group(Name="app", Protocol="HTTP", Port=8080, VpcId="vpc-1", TargetType="ip")
    tg_arn = tg["TargetGroups"][0]["TargetGroupArn"]
    elb.create_listener(
        LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=80,
        DefaultActions=[{"Type": "forward", "TargetGroupArn": tg_arn}],
    )  # fmt: skip
    ecs.create_cluster(clusterName="demo")
    labels = {"pocketcloud.cpu_ms": f"{work_ms:g}", "pocketcloud.startup_s": f"{startup_s:g}"}
    ecs.register_task_definition(
        family="app", requiresCompatibilities=["FARGATE"], networkMode="awsvpc", cpu=str(cpu), memory=str(memory),
        containerDefinitions=[{"name": "app", "image": "public.ecr.aws/nginx/nginx:latest",
                               "portMappings": [{"containerPort": 8080}], "dockerLabels": labels}],
    )  # fmt: skip
    ecs.create_service(
        cluster="demo", serviceName="app", taskDefinition="app", desiredCount=tasks, launchType="FARGATE",
        networkConfiguration={"awsvpcConfiguration": {"subnets": _SUBNETS}},
        loadBalancers=[{"targetGroupArn": tg_arn, "containerName": "app", "containerPort": 8080}],
    )  # fmt: skip
    if target_cpu is not None and max_tasks > tasks:
        aas: Any = cloud.client("application-autoscaling")
        target = {"ServiceNamespace": "ecs", "ResourceId": "service/demo/app",
                  "ScalableDimension": "ecs:service:DesiredCount"}  # fmt: skip
        aas.register_scalable_target(**target, MinCapacity=tasks, MaxCapacity=max_tasks)
        aas.put_scaling_policy(
            PolicyName="cpu", PolicyType="TargetTrackingScaling", **target,
            TargetTrackingScalingPolicyConfiguration={
                "TargetValue": float(target_cpu), "ScaleOutCooldown": 60, "ScaleInCooldown": 120,
                "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"},
            },
        )  # fmt: skip
    side = Side("ecs")
    url = f"http://{lb['DNSName']}/"

    def sample() -> None:
        (service,) = ecs.describe_services(cluster="demo", services=["app"])["services"]
        side.capacity.append((cloud.now, float(service["runningCount"])))
        side.pending.append((cloud.now, float(service["pendingCount"])))

    cloud.run(until=warmup)
    traffic.drive(cloud, pattern, _batched_recording(side, url))
    _advance(cloud, warmup, period, _length(pattern) + tail, sample)
    side.requests.sort()
    _ecs_tasks(cloud, ecs, side, warmup)
    cloudwatch: Any = cloud.client("cloudwatch")
    # GetMetricStatistics returns at most 1,440 datapoints a call: a day or more is read a day at a time.
    cpu_points: list[dict[str, Any]] = []
    window = warmup
    while window < cloud.now:
        until = min(window + 1440 * 60.0, cloud.now)
        cpu_points += cloudwatch.get_metric_statistics(
            Namespace="AWS/ECS", MetricName="CPUUtilization", Statistics=["Average"], Period=60,
            Dimensions=[{"Name": "ClusterName", "Value": "demo"}, {"Name": "ServiceName", "Value": "app"}],
            StartTime=to_datetime(window), EndTime=to_datetime(until),
        )["Datapoints"]  # fmt: skip
        window = until
    origin = to_datetime(0).timestamp()
    side.cpu = sorted((p["Timestamp"].timestamp() - origin, p["Average"]) for p in cpu_points)
    return side


def _ecs_tasks(cloud: Cloud, ecs: Any, side: Side, warmup: float) -> None:
    """Fargate's bill for every task of the run (from its image pull to its stop), and the start-up lag of the
    tasks started after the traffic began (creation to its app answering: PROVISIONING, PENDING, start-up)."""
    origin = to_datetime(0)
    total = Decimal(0)
    for status in ("RUNNING", "STOPPED"):
        arns = ecs.list_tasks(cluster="demo", desiredStatus=status)["taskArns"]
        for task in ecs.describe_tasks(cluster="demo", tasks=arns)["tasks"] if arns else []:
            began = task.get("pullStartedAt") or task["createdAt"]
            end = task.get("stoppedAt") or to_datetime(cloud.now)
            vcpu, gb = Decimal(task["cpu"]) / 1024, Decimal(task["memory"]) / 1024
            total += pricing_compute.fargate_task_cost(vcpu, gb, (end - began).total_seconds()).total_usd
            created = (task["createdAt"] - origin).total_seconds()
            if created >= warmup:
                side.starts += 1
                if task.get("startedAt") is not None:
                    side.start_lag_s.append((task["startedAt"] - task["createdAt"]).total_seconds())
    side.cost_usd = total


def compare(
    pattern: traffic.Pattern,
    *,
    work_ms: float = 100.0,
    seed: int = 0,
    memory_mb: int = 1769,
    init_ms: float | None = 300.0,
    reserved_concurrency: int | None = None,
    task_cpu: int = 1024,
    task_memory: int = 2048,
    tasks: int = 1,
    max_tasks: int = 10,
    target_cpu: float | None = 50.0,
    startup_s: float = 10.0,
    warmup: float = 120.0,
    period: float = 60.0,
    tail: float = 60.0,
    lang: str = "en",
) -> Comparison:
    """Send ``pattern`` to a Lambda function and to an ECS service (two clouds, one ``seed``); compare them.

    ``work_ms`` is each request's work: handler Duration on Lambda (at ``memory_mb``; 1,769 MB is one vCPU, "at
    1,769 MB, a function has the equivalent of one vCPU" https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html),
    CPU time of one vCPU on ECS (a task of ``task_cpu`` CPU units, 1,024 per vCPU). The ECS service starts with
    ``tasks`` tasks and, when ``target_cpu`` is set, scales between ``tasks`` and ``max_tasks`` to keep its average
    CPU at ``target_cpu`` %. Both clouds run ``warmup`` seconds before the traffic (the first tasks start and pass
    their health checks) and ``tail`` seconds after it, sampled every ``period`` seconds.
    """
    lam = _run_lambda(pattern, seed, work_ms, memory_mb, init_ms, reserved_concurrency, warmup, period, tail)
    ecs = _run_ecs(
        pattern, seed, work_ms, task_cpu, task_memory, tasks, max_tasks, target_cpu, startup_s, warmup, period, tail
    )
    return Comparison(lam, ecs, lang)
