import math

import pocketcloud
from pocketcloud import traffic
from pocketcloud.grading.checks import expect, expect_equal

APP = 'def handler(event, context):\n    return "ok"\n'


def spike_p99(learner, seed, peak, duration_ms):
    """Deploy checkout (Init about 1.5 s), let the learner prepare it and send the spike.

    Returns (the traffic run, the p99 latency in s, the provisioned concurrency configured)."""
    cloud = pocketcloud.Cloud(seed=seed)
    cloud.lambda_trace.limit = 10_000
    lam = cloud.client("lambda")
    lam.create_function(
        FunctionName="checkout",
        Runtime="python3.13",
        Role="arn:aws:iam::123456789012:role/checkout-role",
        Handler="app.handler",
        Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
        Timeout=10,
    )
    traffic.Workload(duration_ms=duration_ms, init_ms=1500).attach(cloud, "checkout")
    qualifier = learner.prepare(lam, "checkout", peak, duration_ms)
    expect(
        isinstance(qualifier, str),
        ko="한정자(문자열)를 돌려줘야 합니다",
        en="it must return a qualifier (a string)",
        got=qualifier,
    )
    cloud.run()
    provisioned = 0
    try:
        config = lam.get_provisioned_concurrency_config(FunctionName="checkout", Qualifier=qualifier)
        provisioned = config["RequestedProvisionedConcurrentExecutions"]
    except lam.exceptions.ClientError:
        pass
    spike = traffic.spike(base=2, peak=peak, at=10, length=5, duration=20)
    run = traffic.drive(cloud, spike, traffic.sync("checkout", qualifier=qualifier))
    cloud.run()
    waits = sorted(r.finished_at - r.received_at for r in cloud.lambda_trace.filter("checkout"))
    return run, waits[math.ceil(0.99 * len(waits)) - 1], provisioned


def test_p99_under_one_second_at_100_per_second(learner):
    """ko: 초당 100개 급증에서 제한 없이 p99가 1초 미만입니다
    en: a spike of 100 per second: no throttles and p99 under 1 s"""
    run, p99, provisioned = spike_p99(learner, 0, 100, 200)
    expect_equal(run.throttled, 0, ko="제한된 요청 수", en="throttled requests")
    expect(
        p99 < 1.0,
        ko="p99 지연 시간(초)이 1 미만이어야 합니다",
        en="the p99 latency (s) must be under 1",
        expected="< 1.0",
        got=round(p99, 3),
    )
    expect(
        provisioned <= 2 * 20,
        ko="프로비저닝된 동시성이 필요한 양의 두 배 이하",
        en="provisioned concurrency at most twice what is needed",
        expected="<= 40",
        got=provisioned,
    )
