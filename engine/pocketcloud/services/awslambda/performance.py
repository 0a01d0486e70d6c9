"""How long things take: the model behind Init Duration, Duration and Max Memory Used.

Durations in pocketcloud are virtual: what the handler *says* it spends (``time.sleep``) plus a small, seeded
overhead, so that a run is reproducible and a learner can reason about every millisecond. The constants below
are calibrated to public figures for a "hello world" Python function and are deliberately simple; later work
refines them (package size, memory, runtime version).

Sources (checked 2026-11-25):
- The Python logging page of the Lambda Developer Guide shows a cold start REPORT with
  ``Duration: 15.74 ms ... Max Memory Used: 56 MB  Init Duration: 130.49 ms`` for a small function.
  https://docs.aws.amazon.com/lambda/latest/dg/python-logging.html
- A public 2026 benchmark of minimal Python handlers measured Init p50 of about 76-83 ms (512 MB and 1,024 MB,
  stdlib imports only), and about 4.4 s once a large Flask application was imported at module level.
  https://dev.robot.wtf/Dev/E-1_Cold_Start_Benchmarks
- Cold start time grows with deployment package size (a benchmark of init duration by code size):
  https://medium.com/@adtanasa/size-is-almost-all-that-matters-for-optimizing-aws-lambda-cold-starts-cad54f65cbb
- Lambda's own description of cold starts: they "typically occur in under 1% of invocations" and "can vary
  from under 100 ms to over 1 second". https://docs.aws.amazon.com/lambda/latest/operatorguide/execution-environments.html

The median below sits between the public benchmark and AWS's own example; a function's module code (sleeps,
``cpu_work``) comes on top, which is how the "large application" case is reproduced in a lab.
"""

from __future__ import annotations

import math
import random

#: Median Init Duration of a small Python function (runtime start plus importing a tiny module), in ms.
PYTHON_INIT_MEDIAN_MS = 105.0
#: Extra init time per MB of unzipped code: reading and importing bigger packages takes longer.
INIT_MS_PER_UNZIPPED_MB = 6.0
#: Spread of init times (sigma of a log-normal around the median): real cold starts vary run to run.
INIT_SIGMA = 0.12
#: Median handler overhead for a trivial handler (runtime API round trip, JSON in and out), in ms.
INVOKE_OVERHEAD_MEDIAN_MS = 1.3
INVOKE_SIGMA = 0.25
#: Resident memory of the Python runtime with nothing imported, in MB, and the growth per MB of code.
PYTHON_BASE_MEMORY_MB = 36
MEMORY_MB_PER_UNZIPPED_MB = 1.5


def init_overhead_ms(rng: random.Random, unzipped_bytes: int) -> float:
    """Runtime start-up time for one new execution environment (user module code time is added on top)."""
    size_mb = unzipped_bytes / (1024 * 1024)
    return PYTHON_INIT_MEDIAN_MS * math.exp(rng.gauss(0.0, INIT_SIGMA)) + INIT_MS_PER_UNZIPPED_MB * size_mb


def invoke_overhead_ms(rng: random.Random) -> float:
    """Per-invocation overhead on top of what the handler spends itself."""
    return INVOKE_OVERHEAD_MEDIAN_MS * math.exp(rng.gauss(0.0, INVOKE_SIGMA))


def base_memory_mb(unzipped_bytes: int) -> float:
    """The runtime's resident memory before the function holds any data (see :mod:`.memory`)."""
    return PYTHON_BASE_MEMORY_MB + MEMORY_MB_PER_UNZIPPED_MB * unzipped_bytes / (1024 * 1024)


def max_memory_used_mb(unzipped_bytes: int, memory_size_mb: int) -> int:
    """Max Memory Used for the REPORT line before any data is measured, never above the configured memory."""
    return min(memory_size_mb, math.ceil(base_memory_mb(unzipped_bytes)))
