"""The cost of one simulated invoke: many sequential invokes of a trivial handler through the boto3-shaped API."""

from __future__ import annotations

import time

import pocketcloud


def measure(invokes: int = 100_000) -> tuple[float, float]:
    """Return (total seconds, microseconds per invoke) for ``invokes`` sequential synchronous invokes."""
    cloud = pocketcloud.Cloud(seed=0)
    lam = cloud.client("lambda")
    lam.create_function(
        FunctionName="noop",
        Runtime="python3.13",
        Role="arn:aws:iam::123456789012:role/bench",
        Handler="app.handler",
        Code={"ZipFile": pocketcloud.zip_code({"app.py": "def handler(event, context):\n    return None\n"})},
    )
    invoke = lam.invoke
    started = time.perf_counter()
    for _ in range(invokes):
        invoke(FunctionName="noop")
    elapsed = time.perf_counter() - started
    return elapsed, elapsed / invokes * 1e6
