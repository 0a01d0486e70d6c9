"""The cost of S3 calls: PutObject/GetObject of 1 KiB objects, and PutObject → Lambda notification fan-out.

The peer is a bare loop doing the least any object store must do per call (MD5 the bytes, store them in a dict,
hand back a readable body), measured in the same run; the ratio says what the boto3-shaped API, its checks and
S3's bookkeeping cost on top.
"""

from __future__ import annotations

import hashlib
import io
import time

import pocketcloud

BODY = b"x" * 1024
REGION = "ap-northeast-2"


def bare_loop(count: int) -> float:
    store: dict[str, tuple[bytes, str]] = {}
    started = time.perf_counter()
    for i in range(count):
        key = f"k{i}"
        store[key] = (BODY, hashlib.md5(BODY, usedforsecurity=False).hexdigest())
    for i in range(count):
        io.BytesIO(store[f"k{i}"][0]).read()
    return time.perf_counter() - started


def put_get(count: int) -> tuple[float, float]:
    """(seconds for ``count`` PutObject calls, seconds for ``count`` GetObject calls with a read of the body)."""
    s3 = pocketcloud.Cloud(seed=0).client("s3")
    s3.create_bucket(Bucket="bench", CreateBucketConfiguration={"LocationConstraint": REGION})
    put, get = s3.put_object, s3.get_object
    started = time.perf_counter()
    for i in range(count):
        put(Bucket="bench", Key=f"k{i}", Body=BODY)
    middle = time.perf_counter()
    for i in range(count):
        get(Bucket="bench", Key=f"k{i}")["Body"].read()
    return middle - started, time.perf_counter() - middle


def fan_out(count: int) -> float:
    """Seconds for ``count`` PutObject calls each notifying a Lambda function, until every invocation has run."""
    cloud = pocketcloud.Cloud(seed=0)
    s3, lam = cloud.client("s3"), cloud.client("lambda")
    s3.create_bucket(Bucket="bench", CreateBucketConfiguration={"LocationConstraint": REGION})
    lam.create_function(
        FunctionName="on-put",
        Runtime="python3.13",
        Role="arn:aws:iam::123456789012:role/bench",
        Handler="app.handler",
        Code={"ZipFile": pocketcloud.zip_code({"app.py": "def handler(event, context):\n    return None\n"})},
    )
    lam.add_permission(
        FunctionName="on-put", StatementId="s3", Action="lambda:InvokeFunction", Principal="s3.amazonaws.com"
    )
    arn = lam.get_function(FunctionName="on-put")["Configuration"]["FunctionArn"]
    s3.put_bucket_notification_configuration(
        Bucket="bench",
        NotificationConfiguration={
            "LambdaFunctionConfigurations": [{"LambdaFunctionArn": arn, "Events": ["s3:ObjectCreated:*"]}]
        },
    )
    started = time.perf_counter()
    for i in range(count):
        s3.put_object(Bucket="bench", Key=f"k{i}", Body=BODY)
        cloud.run(until=cloud.now + 0.01)  # a put every 10 ms of virtual time
    cloud.run()
    elapsed = time.perf_counter() - started
    done = sum(1 for d in cloud.backend("s3", None).deliveries if d.error is None)
    assert done == count, (done, count)
    return elapsed


def measure(count: int = 20_000, fan_out_count: int = 2_000) -> dict[str, float]:
    """Operations per second (best of 3 for put/get) and the bare loop's ratio."""
    best_put = best_get = float("inf")
    for _ in range(3):
        put, get = put_get(count)
        best_put, best_get = min(best_put, put), min(best_get, get)
    bare = min(bare_loop(count) for _ in range(3))
    fan = fan_out(fan_out_count)
    return {
        "put_per_s": count / best_put,
        "get_per_s": count / best_get,
        "bare_ratio": (best_put + best_get) / bare,
        "fan_out_per_s": fan_out_count / fan,
    }
