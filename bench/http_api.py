"""HTTP requests per second through an API Gateway HTTP API to a Lambda function, next to the bare invoke.

Each request goes the whole way a learner's does: ``cloud.http_request`` -> the router -> stage and route
matching -> a payload format 2.0 event -> Lambda's Invoke as ``apigateway.amazonaws.com`` (resource-policy check,
execution environment, log lines, billing) -> the response read back and answered, on the virtual clock. The peer
in the same run is the same number of synchronous ``lam.invoke`` calls of the same handler, so the ratio shows what
API Gateway adds. Target (issue #11): 50,000 requests in under 10 s in CPython.

    python -m bench.http_api [requests]
"""

from __future__ import annotations

import sys
import time

import pocketcloud

HANDLER = "def handler(event, context):\n    return {'statusCode': 200, 'body': event['rawPath']}\n"


def _cloud() -> tuple[pocketcloud.Cloud, str]:
    cloud = pocketcloud.Cloud(seed=0)
    lam = cloud.client("lambda")
    function = lam.create_function(
        FunctionName="hello",
        Runtime="python3.13",
        Role="arn:aws:iam::123456789012:role/bench",
        Handler="app.handler",
        Code={"ZipFile": pocketcloud.zip_code({"app.py": HANDLER})},
    )
    api = cloud.client("apigatewayv2").create_api(Name="bench", ProtocolType="HTTP", Target=function["FunctionArn"])
    lam.add_permission(
        FunctionName="hello",
        StatementId="apigw",
        Action="lambda:InvokeFunction",
        Principal="apigateway.amazonaws.com",
        SourceArn=f"arn:aws:execute-api:{cloud.region}:{cloud.account_id}:{api['ApiId']}/*",
    )
    return cloud, api["ApiEndpoint"] + "/hello?name=bench"


def measure(requests: int = 50_000) -> tuple[float, float, float]:
    """(seconds for ``requests`` HTTP requests, seconds for as many bare invokes, requests per second)."""
    cloud, url = _cloud()
    send = cloud.http_request
    started = time.perf_counter()
    for _ in range(requests):
        answer = send("GET", url)
    http_s = time.perf_counter() - started
    assert answer["statusCode"] == 200, answer

    peer, _ = _cloud()
    invoke = peer.client("lambda").invoke
    started = time.perf_counter()
    for _ in range(requests):
        invoke(FunctionName="hello", Payload=b'{"rawPath": "/hello"}')
    bare_s = time.perf_counter() - started
    return http_s, bare_s, requests / http_s


def main(requests: int = 50_000) -> None:
    http_s, bare_s, rate = measure(requests)
    print(
        f"HTTP API -> Lambda, {requests:,} sequential requests: {http_s:.2f} s ({rate:,.0f} requests/s); "
        f"bare lam.invoke of the same handler: {bare_s:.2f} s; API Gateway adds {http_s / bare_s:.2f}x"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
