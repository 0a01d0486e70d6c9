"""What the page runner's memory snapshot holds: the runner's support modules and the whole engine, imported.

``snapshot.mjs`` runs this inside Pyodide under Node at build time, right before it takes the snapshot, so a
reader's first Run restores an interpreter that has already done this work instead of doing it again (see
``tools/lite_snapshot.py``). Only state that is the same for every reader belongs here: imported modules and
parsed service models (``pocketcloud.models.load`` caches them), and the first-time work of a first Lambda
invocation (``first_invocation``: a throwaway Cloud, every service's client, one function created and invoked,
then dropped), which otherwise ran between a reader's click and the example's first line of output. Nothing of
that Cloud survives (it is collected before the snapshot, and the engine keeps no state outside a Cloud except
caches), so an example's output is the same as after a normal boot (``tests/browser/test_snapshot.py``).
Three things stay out on purpose:

* ``pocketcloud.grading``: the harness records the engine's state when it is imported, to detect learner code
  that tampers with it; it is imported by the worker before an exercise's first Check, as without a snapshot.
* anything holding a JavaScript object: Pyodide can only restore references it can name from ``globalThis``.
* per-reader randomness: ``random`` is seeded here once for everyone, so the worker reseeds it after a restore.
"""

from __future__ import annotations

import base64  # noqa: F401  (the runner's support module, docs/assets/runner/support.mjs, imports these)
import builtins  # noqa: F401
import gc
import importlib
import json
import linecache  # noqa: F401
import pkgutil
import traceback  # noqa: F401

import pyodide.code  # noqa: F401

import pocketcloud
from pocketcloud import models
from pocketcloud.services import CLIENTS

SKIPPED = ("pocketcloud.grading", "pocketcloud.__main__")

for module in pkgutil.walk_packages(pocketcloud.__path__, "pocketcloud."):
    if not module.name.startswith(SKIPPED):
        importlib.import_module(module.name)
for service in CLIENTS:
    models.load(service)


def first_invocation() -> None:
    """What an engine example's first run does once per interpreter: every client built, a function's zip
    packed and read, its code compiled into an execution environment, an invoke with its log tail."""
    cloud = pocketcloud.Cloud(seed=0)
    for service in CLIENTS:
        cloud.client(service)
    lam = cloud.client("lambda")
    code = "def handler(event, context):\n    print('warm')\n    return {'ok': True}\n"
    lam.create_function(
        FunctionName="snapshot-warm-up",
        Runtime="python3.13",
        Role="arn:aws:iam::123456789012:role/snapshot-warm-up",
        Handler="app.handler",
        Code={"ZipFile": pocketcloud.zip_code({"app.py": code})},
    )
    for _ in range(2):  # cold, then warm
        json.loads(lam.invoke(FunctionName="snapshot-warm-up", Payload=b"{}", LogType="Tail")["Payload"].read())


first_invocation()
gc.collect()
