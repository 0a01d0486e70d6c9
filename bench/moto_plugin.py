"""The pytest plugin that runs moto's own test files against pocketcloud (see :mod:`bench.moto_suite`).

:mod:`bench.moto_suite` copies this file as the ``conftest.py`` at the root of the extracted moto test tree, so it
is loaded before any of moto's test modules is imported. It

* neutralises moto: ``moto.mock_aws`` becomes a no-op decorator/context manager, so nothing of moto's runs;
* patches ``boto3.session.Session.client`` (behind ``boto3.client``) to return pocketcloud clients: one fresh
  ``pocketcloud.Cloud`` per test and per region (a Cloud is one region, as an AWS account's endpoint is), wrapped
  so that pocketcloud's ``ClientError``/``ParamValidationError`` are also botocore's (``pytest.raises(ClientError)``
  from ``botocore.exceptions`` and ``client.exceptions.X`` both work);
* starts each Cloud's virtual clock at the wall clock's "now" (moto's tests stamp log events with it), and maps
  wall-clock waits onto the virtual clock: ``time.sleep(s)`` in a test runs every Cloud of the test ``s``
  virtual seconds forward (and moves ``time.time()`` by as much, so "poll until 30 s have passed" loops end);
* gives moto's scaffolding what it needs without pretending to be a service: the ``account_id`` fixture yields the
  Cloud's account, and an IAM stand-in answers only the role calls moto's helpers make to get a role ARN for
  CreateFunction (CreateRole, GetRole, DeleteRole, the attached-policy calls and the ``role_exists`` waiter);
* flags a test **not applicable** (``NA_FLAGS``) when it calls an operation pocketcloud does not implement, a
  service pocketcloud does not simulate (any other IAM call included), ``boto3.resource``, a waiter, HTTP outside
  boto3 (moto's server and its ``moto-api``), moto's internals (backends, its models, parsers and ID manager,
  ``MOTO_*`` settings), or freezegun (pocketcloud has no wall clock to freeze).

Each test's outcome and flags go to the JSON file named by ``POCKETCLOUD_MOTO_RESULTS``.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import time
import types
from typing import Any

import boto3
import boto3.session
import botocore.exceptions
import botocore.session
import moto
import pytest
from botocore import xform_name

import pocketcloud
from pocketcloud.client import BaseClient
from pocketcloud.timeutil import EPOCH_SECONDS

ACCOUNT_ID = "123456789012"


class NotApplicable(Exception):
    """Raised where a test needs something pocketcloud does not have; the test is flagged before it is raised."""


class _State:
    """The current test's Clouds (one per region), its flags and its virtual wall-clock offset."""

    def __init__(self) -> None:
        self.clouds: dict[str, pocketcloud.Cloud] = {}
        self.flags: list[str] = []
        self.roles: dict[str, dict[str, Any]] = {}
        self.offset = 0.0

    def cloud(self, region: str) -> pocketcloud.Cloud:
        if region not in self.clouds:
            cloud = pocketcloud.Cloud(seed=0, region=region, account_id=ACCOUNT_ID)
            # moto's tests stamp log events and dates with the wall clock: start the virtual clock at "now".
            cloud.run(until=max(0.0, time.time() - EPOCH_SECONDS))
            self.clouds[region] = cloud
        return self.clouds[region]


STATE = _State()
RESULTS: dict[str, dict[str, Any]] = {}


def flag(reason: str) -> None:
    if reason not in STATE.flags:
        STATE.flags.append(reason)


def not_applicable(reason: str) -> NotApplicable:
    flag(reason)
    return NotApplicable(reason)


# -- moto neutralised --------------------------------------------------------------------------------------------
class _NoMock:
    """What ``mock_aws()`` returns: usable as a decorator and as a context manager, doing nothing."""

    def __call__(self, func: Any) -> Any:
        return func

    def __enter__(self) -> _NoMock:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def start(self, *args: Any, **kwargs: Any) -> None:
        return None

    def stop(self, *args: Any, **kwargs: Any) -> None:
        return None


def mock_aws(func: Any = None, config: Any = None) -> Any:
    return func if func is not None else _NoMock()


moto.mock_aws = mock_aws  # type: ignore[assignment]
sys.modules["moto.core.decorator"].mock_aws = mock_aws  # type: ignore[attr-defined]


def _flag_backend(*args: Any, **kwargs: Any) -> Any:
    raise not_applicable("moto internals (a moto backend)")


from moto.core import base_backend  # noqa: E402

base_backend.BackendDict.__getitem__ = _flag_backend  # type: ignore[method-assign,assignment]
base_backend.BackendDict.get = _flag_backend  # type: ignore[method-assign,assignment]


def _freeze_time(*args: Any, **kwargs: Any) -> Any:
    """freezegun's ``freeze_time`` (not installed): pocketcloud reads no wall clock, so freezing one means nothing."""

    class Frozen(_NoMock):
        def __call__(self, func: Any) -> Any:
            @functools.wraps(func)
            def wrapper(*a: Any, **k: Any) -> Any:
                raise not_applicable("freezegun (pocketcloud has no wall clock)")

            return wrapper

        def __enter__(self) -> Frozen:
            raise not_applicable("freezegun (pocketcloud has no wall clock)")

    return Frozen()


sys.modules["freezegun"] = types.ModuleType("freezegun")
sys.modules["freezegun"].freeze_time = _freeze_time  # type: ignore[attr-defined]


# -- time.sleep on the virtual clock -----------------------------------------------------------------------------
_real_time = time.time


def _sleep(seconds: float) -> None:
    STATE.offset += seconds
    for cloud in STATE.clouds.values():
        cloud.run(until=cloud.now + seconds)


def _time() -> float:
    return _real_time() + STATE.offset


time.sleep = _sleep
time.time = _time


# -- HTTP outside boto3 ------------------------------------------------------------------------------------------
try:
    import requests.sessions

    def _no_http(*args: Any, **kwargs: Any) -> Any:
        raise not_applicable("HTTP outside boto3 (moto's server / moto-api)")

    requests.sessions.Session.request = _no_http  # type: ignore[method-assign]
except ImportError:  # pragma: no cover
    pass


# -- pocketcloud clients that raise botocore's exceptions --------------------------------------------------------
_COMBINED: dict[type, type] = {}


def _botocore_class(cls: type[pocketcloud.ClientError]) -> type:
    """A class that is both pocketcloud's error class and botocore's ClientError (created once per class)."""
    combined = _COMBINED.get(cls)
    if combined is None:

        def __init__(self: Any, error_response: dict[str, Any], operation_name: str) -> None:
            error = error_response.get("Error", {})
            Exception.__init__(
                self,
                f"An error occurred ({error.get('Code')}) when calling the {operation_name} operation: "
                f"{error.get('Message')}",
            )
            self.response = error_response
            self.operation_name = operation_name

        combined = type(cls.__name__, (cls, botocore.exceptions.ClientError), {"__init__": __init__})
        _COMBINED[cls] = combined
    return combined


def _convert(err: BaseException) -> BaseException:
    if isinstance(err, pocketcloud.ClientError) and not isinstance(err, botocore.exceptions.ClientError):
        return _botocore_class(type(err))(err.response, err.operation_name)
    if isinstance(err, pocketcloud.ParamValidationError):
        return botocore.exceptions.ParamValidationError(report=err.kwargs["report"])
    return err


def _call(func: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return func(*args, **kwargs)
    except (pocketcloud.ClientError, pocketcloud.ParamValidationError) as err:
        raise _convert(err) from None


class _Pages:
    """A pocketcloud PageIterator whose errors are botocore's."""

    def __init__(self, pages: Any) -> None:
        self._pages = pages

    def __iter__(self) -> Any:
        it = iter(self._pages)
        while True:
            try:
                page = _call(next, it)
            except StopIteration:
                return
            yield page

    def build_full_result(self) -> Any:
        return _call(self._pages.build_full_result)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pages, name)


class _Paginator:
    def __init__(self, paginator: Any) -> None:
        self._paginator = paginator

    def paginate(self, **kwargs: Any) -> _Pages:
        return _Pages(_call(self._paginator.paginate, **kwargs))


_BOTOCORE = botocore.session.get_session()
_OPERATIONS: dict[str, set[str]] = {}


def _botocore_operations(service: str) -> set[str]:
    if service not in _OPERATIONS:
        model = _BOTOCORE.get_service_model(service)
        _OPERATIONS[service] = {xform_name(name) for name in model.operation_names}
    return _OPERATIONS[service]


class ClientProxy:
    """A pocketcloud client seen as a boto3 client by moto's tests."""

    def __init__(self, client: BaseClient, service: str) -> None:
        self._client = client
        self._service = service
        self._implemented = set(type(client)._operation_names())

    def __getattr__(self, name: str) -> Any:
        if name in _botocore_operations(self._service) and name not in self._implemented:
            raise not_applicable(f"operation not implemented: {self._service}.{name}")
        if name == "get_paginator":
            return self._get_paginator
        if name == "get_waiter":
            raise not_applicable(f"waiter: {self._service}")
        attr = getattr(self._client, name)
        if callable(attr) and name in self._implemented:
            return lambda *args, **kwargs: _call(attr, *args, **kwargs)
        return attr

    def _get_paginator(self, operation_name: str) -> _Paginator:
        if operation_name not in self._implemented:
            raise not_applicable(f"operation not implemented: {self._service}.{operation_name}")
        return _Paginator(self._client.get_paginator(operation_name))


class _RoleWaiter:
    def wait(self, **kwargs: Any) -> None:
        return None


class IamRoles:
    """Scaffolding only: the role calls moto's helpers make to get a role ARN (pocketcloud has no IAM)."""

    def __init__(self) -> None:
        self.exceptions = types.SimpleNamespace(
            NoSuchEntityException=botocore.exceptions.ClientError, ClientError=botocore.exceptions.ClientError
        )

    def create_role(self, RoleName: str, Path: str = "/", **kwargs: Any) -> dict[str, Any]:
        role = {"RoleName": RoleName, "Path": Path, "Arn": f"arn:aws:iam::{ACCOUNT_ID}:role{Path}{RoleName}"}
        STATE.roles[RoleName] = role
        return {"Role": role}

    def get_role(self, RoleName: str) -> dict[str, Any]:
        if RoleName not in STATE.roles:
            raise botocore.exceptions.ClientError(
                {"Error": {"Code": "NoSuchEntity", "Message": f"The role with name {RoleName} cannot be found."}},
                "GetRole",
            )
        return {"Role": STATE.roles[RoleName]}

    def delete_role(self, RoleName: str) -> dict[str, Any]:
        STATE.roles.pop(RoleName, None)
        return {}

    def list_attached_role_policies(self, **kwargs: Any) -> dict[str, Any]:
        return {"AttachedPolicies": []}

    def attach_role_policy(self, **kwargs: Any) -> dict[str, Any]:
        return {}

    def detach_role_policy(self, **kwargs: Any) -> dict[str, Any]:
        return {}

    def get_waiter(self, name: str) -> _RoleWaiter:
        if name != "role_exists":
            raise not_applicable(f"service not simulated: iam ({name} waiter)")
        return _RoleWaiter()

    def __getattr__(self, name: str) -> Any:
        raise not_applicable(f"service not simulated: iam ({name})")


def _client(self: boto3.session.Session, service_name: str, region_name: str | None = None, *a: Any, **k: Any) -> Any:
    region = region_name or self.region_name or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
    if service_name == "iam":
        return IamRoles()
    try:
        client = STATE.cloud(region).client(service_name)
    except pocketcloud.UnknownServiceError:
        raise not_applicable(f"service not simulated: {service_name}") from None
    return ClientProxy(client, service_name)


def _resource(self: boto3.session.Session, service_name: str, *args: Any, **kwargs: Any) -> Any:
    raise not_applicable(f"boto3.resource: {service_name}")


boto3.session.Session.client = _client  # type: ignore[method-assign,assignment]
boto3.session.Session.resource = _resource  # type: ignore[method-assign]


# -- moto's static internals -------------------------------------------------------------------------------------
#: Names from moto that are plain helpers (time formatting, version parsing), not moto's behaviour.
_MOTO_HELPERS = {"mock_aws", "settings", "unix_time", "unix_time_millis", "utcnow", "LooseVersion"}


def _code_names(code: types.CodeType) -> set[str]:
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _code_names(const)
    return names


def _code_strings(code: types.CodeType) -> list[str]:
    found = [c for c in code.co_consts if isinstance(c, str)]
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            found += _code_strings(const)
    return found


def static_flags(item: pytest.Item) -> list[str]:
    """Moto internals a test's code names: moto's models, parsers, server or ``MOTO_*`` settings."""
    func = getattr(item, "obj", None)
    func = getattr(func, "__wrapped__", func)
    code = getattr(func, "__code__", None)
    if code is None:
        return []
    flags = []
    module_globals = getattr(func, "__globals__", {})
    for name in sorted(_code_names(code)):
        value = module_globals.get(name)
        origin = getattr(value, "__module__", None) or getattr(value, "__name__", "")
        if isinstance(origin, str) and origin.startswith("moto") and name not in _MOTO_HELPERS:
            flags.append(f"moto internals ({name})")
    if any(s.startswith("MOTO_") for s in _code_strings(code)):
        flags.append("moto settings (MOTO_* environment)")
    if "set_custom_id" in getattr(item, "fixturenames", ()):
        flags.append("moto internals (set_custom_id)")
    return flags


@pytest.fixture
def account_id() -> str:
    return ACCOUNT_ID


@pytest.fixture
def set_custom_id() -> Any:
    def _set(*args: Any, **kwargs: Any) -> None:
        raise not_applicable("moto internals (set_custom_id)")

    return _set


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Any:
    global STATE
    STATE = _State()
    for reason in static_flags(item):
        flag(reason)
    RESULTS[item.nodeid] = {"outcome": "passed", "flags": STATE.flags, "error": ""}
    yield
    RESULTS[item.nodeid]["flags"] = STATE.flags


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    outcome = yield
    report = outcome.get_result()
    entry = RESULTS.setdefault(item.nodeid, {"outcome": "passed", "flags": [], "error": ""})
    if report.skipped:
        entry["outcome"] = "skipped"
    elif report.failed and entry["outcome"] != "failed":
        entry["outcome"] = "failed"
        if call.excinfo is not None:
            text = f"{call.excinfo.typename}: {call.excinfo.value}"
            entry["error"] = text.strip().splitlines()[0][:400] if text.strip() else call.excinfo.typename


def pytest_collectreport(report: pytest.CollectReport) -> None:
    if report.failed:
        RESULTS[report.nodeid] = {"outcome": "collection error", "flags": [], "error": str(report.longrepr)[-400:]}


def pytest_sessionfinish(session: pytest.Session) -> None:
    path = os.environ.get("POCKETCLOUD_MOTO_RESULTS")
    if path:
        with open(path, "w", encoding="utf-8") as out:
            json.dump(RESULTS, out, indent=1, sort_keys=True)
