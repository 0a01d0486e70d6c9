"""The Pythonic layer goes through the same API and reads results correctly."""

from __future__ import annotations

from decimal import Decimal

import pocketcloud


def test_decorator_deploys_and_invokes(cloud) -> None:
    @cloud.function(memory_size=256, environment={"STAGE": "dev"}, setup="import os")
    def greet(event, context):  # type: ignore[no-untyped-def]
        return {"hello": event["name"], "stage": os.environ["STAGE"]}  # type: ignore[name-defined]  # noqa: F821

    first = greet.invoke({"name": "a"})
    second = greet.invoke({"name": "b"})
    assert first.payload == {"hello": "a", "stage": "dev"}
    assert first.cold_start and not second.cold_start
    assert first.init_ms is not None and second.init_ms is None
    assert first.billed_ms is not None and first.billed_ms >= first.duration_ms  # type: ignore[operator]
    assert first.logs[0].startswith("START RequestId:") and first.logs[-1].startswith("REPORT")
    # The same function is visible through the boto3-shaped API.
    config = cloud.client("lambda").get_function_configuration(FunctionName="greet")
    assert config["MemorySize"] == 256
    assert greet({"name": "c"})["hello"] == "c"


def test_cost_is_priced_from_the_billed_duration(cloud) -> None:
    @cloud.function(memory_size=1024)
    def noop(event, context):  # type: ignore[no-untyped-def]
        return None

    result = noop.invoke()
    expected = pocketcloud.pricing.price_invocation(1024, result.billed_ms, "x86_64", "us-east-1").total_usd  # type: ignore[arg-type]
    assert result.cost == expected
    assert isinstance(result.cost, Decimal)
    assert result.price_region == "us-east-1"  # Seoul prices are not verified (see pricing)


def test_html_card_escapes_everything(cloud) -> None:
    @cloud.function()
    def shout(event, context):  # type: ignore[no-untyped-def]
        print("<script>alert(1)</script>")
        return "<b>bold</b>"

    html = shout.invoke()._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_errors_are_reported_not_raised(cloud) -> None:
    @cloud.function()
    def broken(event, context):  # type: ignore[no-untyped-def]
        raise ValueError("nope")

    result = broken.invoke()
    assert result.function_error == "Unhandled"
    assert result.payload["errorType"] == "ValueError"


def test_deploy_from_source_and_async(cloud) -> None:
    fn = pocketcloud.deploy(cloud, source="def run(e, c):\n    return 42\n", handler_name="run", name="answer")
    assert fn() == 42
    assert fn.invoke_async({}) == 202
    cloud.run()
    assert any(line.startswith("REPORT") for line in fn.logs())
    assert fn.publish() == "1"


def test_provisioned_invocations_are_priced_at_the_provisioned_duration_rate(cloud) -> None:
    from pocketcloud import pricing

    fn = pocketcloud.deploy(cloud, source="def run(e, c):\n    return 1\n", handler_name="run", memory_size=1024)
    version = fn.publish()
    fn.client.put_provisioned_concurrency_config(
        FunctionName=fn.name, Qualifier=version, ProvisionedConcurrentExecutions=1
    )
    cloud.run(until=cloud.now + 30)
    result = fn.invoke(qualifier=version)
    assert result.invocation is not None and result.invocation.provisioned
    arch = pricing.architecture_prices("us-east-1", "x86_64")
    gbs = pricing.gb_seconds(1024, result.billed_ms)  # type: ignore[arg-type]
    assert result.cost == pricing.US_EAST_1.usd_per_request + gbs * arch.provisioned_duration_usd_per_gb_second


def test_lambda_settings_are_public(cloud) -> None:
    cloud.lambda_settings.idle_reclaim_s = 5
    fn = pocketcloud.deploy(cloud, source="def run(e, c):\n    return 1\n", handler_name="run")
    assert fn.invoke().cold_start
    cloud.run(until=cloud.now + 6)
    assert fn.invoke().cold_start
