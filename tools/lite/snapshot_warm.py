"""What the page runner's memory snapshot holds: the runner's support modules and the whole engine, imported.

``snapshot.mjs`` runs this inside Pyodide under Node at build time, right before it takes the snapshot, so a
reader's first Run restores an interpreter that has already done this work instead of doing it again (see
``tools/lite_snapshot.py``). Only state that is the same for every reader belongs here: imported modules and
parsed service models (``pocketcloud.models.load`` caches them). Three things stay out on purpose:

* ``pocketcloud.grading``: the harness records the engine's state when it is imported, to detect learner code
  that tampers with it; it is imported by the worker before an exercise's first Check, as without a snapshot.
* anything holding a JavaScript object: Pyodide can only restore references it can name from ``globalThis``.
* per-reader randomness: ``random`` is seeded here once for everyone, so the worker reseeds it after a restore.
"""

from __future__ import annotations

import base64  # noqa: F401  (the runner's support code, docs/assets/runner/worker.mjs, imports these)
import builtins  # noqa: F401
import gc
import importlib
import json  # noqa: F401
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
gc.collect()
