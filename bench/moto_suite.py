"""Run moto's own tests for Lambda, CloudWatch Logs and Secrets Manager against pocketcloud: ``python -m bench moto``
(options: a report path, and ``--engine DIR`` to test another checkout's engine, e.g. an earlier revision).

moto's test suite is a large public body of boto3 calls with the answers a well-kept peer gives, many of them
checked against AWS (``@aws_verified``). Running it against pocketcloud shows where pocketcloud answers differently.

Reproducible source: the tests come from moto's source distribution on PyPI at the version pinned in pyproject's
``bench`` extra (:data:`MOTO_VERSION`), fetched with ``pip download --no-binary :all: --no-deps moto==<version>``
and checked against :data:`SDIST_SHA256` before use (the sdist ships ``tests/``). Only the three services' test
packages and the shared helpers they import are extracted, into ``build/moto-suite/``.

The tests run in a pytest subprocess whose root ``conftest.py`` is :mod:`bench.moto_plugin` (it neutralises
``mock_aws``, gives each test fresh pocketcloud Clouds behind ``boto3.client`` and flags tests that cannot apply).
Each test is then one of:

* **passed**;
* **failed**: pocketcloud behaves differently (a different error code or message, a missing response key, ...);
* **not applicable**: the test needs an operation pocketcloud does not implement, a service it does not simulate,
  moto's internals (backends, models, its server, ``MOTO_*`` settings) or a frozen wall clock;
* **skipped** by the test itself (server-mode-only or AWS-only tests).

The pass rate is passed / (passed + failed), per service. Tests can also fail because moto differs from AWS; the
report lists every failure with its first error line so each one can be judged against AWS's documentation.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

MOTO_VERSION = "5.2.5"
#: sha256 of ``moto-5.2.5.tar.gz`` as downloaded from PyPI on 2026-12-01.
SDIST_SHA256 = "391857257d5dac144334013c2c10e599def5f0562f553e979160140bd7bd9cf6"

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "moto-suite"
SERVICES = {"lambda": "test_awslambda", "logs": "test_logs", "secretsmanager": "test_secretsmanager"}
#: Files outside the three packages that their modules import (shared helpers and decorators).
HELPERS = (
    "tests/__init__.py",
    "tests/markers.py",
    "tests/test_s3/__init__.py",
    "tests/test_dynamodb/__init__.py",
    "tests/test_ecr/__init__.py",
    "tests/test_ecr/test_ecr_helpers.py",
)


#: Whole modules that test moto itself rather than the AWS API: they are not run and count as not applicable.
IGNORED = {"tests/test_secretsmanager/test_server.py": "moto's own HTTP server (moto.server)"}


PIN = (f"moto=={MOTO_VERSION}", "-d")


def fetch() -> Path:
    """Download (once) and verify moto's sdist; extract the tests this suite runs. Returns the suite's root."""
    WORK.mkdir(parents=True, exist_ok=True)
    sdist = WORK / f"moto-{MOTO_VERSION}.tar.gz"
    if not sdist.exists():
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--no-binary", ":all:", "--no-deps", "--quiet", *PIN, tmp],
                check=True,
            )
            shutil.move(str(Path(tmp) / sdist.name), sdist)
    digest = hashlib.sha256(sdist.read_bytes()).hexdigest()
    if digest != SDIST_SHA256:
        raise SystemExit(f"{sdist} has sha256 {digest}, expected {SDIST_SHA256}")
    suite = WORK / "suite"
    if suite.exists():
        shutil.rmtree(suite)
    prefix = f"moto-{MOTO_VERSION}/"
    wanted = tuple(f"tests/{package}/" for package in SERVICES.values())
    with tarfile.open(sdist) as archive:
        for member in archive.getmembers():
            name = member.name.removeprefix(prefix)
            if member.isfile() and (name in HELPERS or name.startswith(wanted)):
                member.name = name
                archive.extract(member, suite, filter="data")
    for package in ("tests/test_s3", "tests/test_dynamodb", "tests/test_ecr"):
        (suite / package / "__init__.py").touch()
    shutil.copy(Path(__file__).with_name("moto_plugin.py"), suite / "conftest.py")
    (suite / "pytest.ini").write_text("[pytest]\naddopts =\n", encoding="utf-8")
    return suite


PYTEST = (sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--tb=no", "--continue-on-collection-errors")


def run(suite: Path, engine: str | None = None) -> dict[str, dict[str, object]]:
    """Run the suite; ``engine`` is another checkout's ``engine/`` directory to test instead of this one (for a
    before/after comparison: ``git archive <rev> engine | tar -x -C /tmp/before``)."""
    results = WORK / "results.json"
    env = {**os.environ, "POCKETCLOUD_MOTO_RESULTS": str(results), "AWS_DEFAULT_REGION": "us-east-1"}
    env.pop("PYTHONPATH", None)
    if engine:
        env["PYTHONPATH"] = engine
    targets = [f"tests/{package}" for package in SERVICES.values()]
    subprocess.run(
        [*PYTEST, *(f"--ignore={path}" for path in IGNORED), *targets],
        cwd=suite,
        env=env,
        check=False,
        stdout=subprocess.DEVNULL,
    )
    data: dict[str, dict[str, object]] = json.loads(results.read_text(encoding="utf-8"))
    return data


def classify(entry: dict[str, object]) -> str:
    if entry["flags"]:
        return "not applicable"
    return str(entry["outcome"])


def service_of(nodeid: str) -> str:
    for service, package in SERVICES.items():
        if nodeid.startswith(f"tests/{package}/"):
            return service
    return "other"


def operation_counts() -> dict[str, tuple[int, int]]:
    """Operations pocketcloud implements per service, next to botocore's count."""
    import botocore.session

    import pocketcloud

    cloud = pocketcloud.Cloud(seed=0)
    session = botocore.session.get_session()
    counts = {}
    for service in SERVICES:
        client = cloud.client(service)
        botocore_ops = session.get_service_model(service).operation_names
        counts[service] = (len(type(client)._operation_names()), len(botocore_ops))
    return counts


def ignored_tests(suite: Path) -> dict[str, dict[str, object]]:
    """The tests of :data:`IGNORED` modules, as not-applicable results (one per ``def test_``)."""
    found: dict[str, dict[str, object]] = {}
    for path, reason in IGNORED.items():
        for line in (suite / path).read_text(encoding="utf-8").splitlines():
            if line.startswith("def test_"):
                name = line.removeprefix("def ").split("(")[0]
                found[f"{path}::{name}"] = {"outcome": "not run", "flags": [reason], "error": ""}
    return found


def report(results: dict[str, dict[str, object]]) -> str:
    lines = [f"# moto {MOTO_VERSION}'s tests run against pocketcloud", ""]
    lines += ["| service | passed | failed | not applicable | skipped | pass rate | operations (botocore) |"]
    lines += ["|---|---|---|---|---|---|---|"]
    ops = operation_counts()
    by_service: dict[str, Counter[str]] = {service: Counter() for service in SERVICES}
    for nodeid, entry in results.items():
        by_service.setdefault(service_of(nodeid), Counter())[classify(entry)] += 1
    total: Counter[str] = Counter()
    for service, counts in by_service.items():
        total += counts
        applicable = counts["passed"] + counts["failed"]
        rate = f"{100 * counts['passed'] / applicable:.0f} %" if applicable else "-"
        have, botocore_ops = ops.get(service, (0, 0))
        lines.append(
            f"| {service} | {counts['passed']} | {counts['failed']} | {counts['not applicable']} | "
            f"{counts['skipped']} | {rate} | {have} / {botocore_ops} |"
        )
    applicable = total["passed"] + total["failed"]
    if applicable:
        lines.append(
            f"| all | {total['passed']} | {total['failed']} | {total['not applicable']} | {total['skipped']} | "
            f"{100 * total['passed'] / applicable:.0f} % | |"
        )
    if total["collection error"]:
        lines += ["", f"Collection errors: {total['collection error']}"]
    reasons: Counter[str] = Counter()
    for entry in results.values():
        flags = entry["flags"]
        if isinstance(flags, list) and flags:
            reasons[str(flags[0])] += 1
    lines += ["", "## Why tests do not apply (first reason per test)", ""]
    lines += [f"- {count} × {reason}" for reason, count in reasons.most_common()]
    lines += ["", "## Failures", ""]
    for nodeid, entry in sorted(results.items()):
        if classify(entry) in ("failed", "collection error"):
            lines.append(f"- `{nodeid}`: {entry['error']}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    """``python -m bench moto [REPORT.md] [--engine DIR]``."""
    args = sys.argv[2:] if argv is None else argv
    engine = None
    if "--engine" in args:
        at = args.index("--engine")
        engine = args[at + 1]
        args = args[:at] + args[at + 2 :]
    out = Path(args[0]) if args else WORK / "report.md"
    suite = fetch()
    text = report({**run(suite, engine), **ignored_tests(suite)})
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(text.split("\n## Why")[0])
    print(f"report: {out}")
