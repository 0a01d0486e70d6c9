"""What the model-driven API surface costs: request checks on the invoke path, and the wheel's shape files.

The ratio is measured in one run: the same 20,000 invokes through the client (botocore-style checks, AWS
front-end constraint checks, response metadata) and through the operation's implementation directly, best of
five interleaved rounds. The wheel is built into a temporary folder and its shape files' compressed share read
from the zip.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pocketcloud
from pocketcloud.services.awslambda.client import LambdaClient

ROOT = Path(__file__).resolve().parents[1]


def invoke_overhead(invokes: int = 20_000, rounds: int = 5) -> tuple[float, float, float]:
    """(µs per invoke through the client, µs per invoke bypassing the client layer, ratio)."""
    cloud = pocketcloud.Cloud(seed=0)
    lam = cloud.client("lambda")
    lam.create_function(
        FunctionName="noop",
        Runtime="python3.13",
        Role="arn:aws:iam::123456789012:role/bench",
        Handler="app.handler",
        Code={"ZipFile": pocketcloud.zip_code({"app.py": "def handler(event, context):\n    return None\n"})},
    )
    raw = LambdaClient.invoke.__wrapped__  # type: ignore[attr-defined]
    payload = b'{"order": 42}'

    def through_client() -> float:
        started = time.perf_counter()
        for _ in range(invokes):
            lam.invoke(FunctionName="noop", Payload=payload)
        return time.perf_counter() - started

    def bypassing() -> float:
        started = time.perf_counter()
        for _ in range(invokes):
            raw(lam, FunctionName="noop", Payload=payload)
        return time.perf_counter() - started

    checked, bare = [], []
    for _ in range(rounds):
        checked.append(through_client())
        bare.append(bypassing())
    with_checks = min(checked) / invokes * 1e6
    without = min(bare) / invokes * 1e6
    return with_checks, without, with_checks / without


def wheel_sizes() -> tuple[int, int, int]:
    """(wheel bytes, compressed bytes of the shape files in it, their uncompressed bytes)."""
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", out, str(ROOT)],
            check=True,
            capture_output=True,
        )
        wheel = next(Path(out).glob("*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            shapes = [
                i
                for i in archive.infolist()
                if i.filename.startswith("pocketcloud/models/") and i.filename.endswith(".json")
            ]
            return wheel.stat().st_size, sum(i.compress_size for i in shapes), sum(i.file_size for i in shapes)


def main() -> None:
    with_checks, without, ratio = invoke_overhead()
    print("Invoke through the model-checked client vs the operation called directly (20,000 invokes, best of 5)")
    print(f"  client {with_checks:6.1f} us   direct {without:6.1f} us   ratio {ratio:.3f}")
    wheel, compressed, raw = wheel_sizes()
    print(f"Engine wheel {wheel / 1024:.1f} KiB; shape files {compressed / 1024:.1f} KiB compressed", end="")
    print(f" ({raw / 1024:.1f} KiB raw)")
