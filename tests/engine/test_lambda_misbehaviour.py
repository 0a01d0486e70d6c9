"""Handler code that misbehaves: each case gets AWS's answer, the next invoke works, the host is unchanged.

Sources (checked 2026-12-01):
- Error payloads of the Python runtime: https://docs.aws.amazon.com/lambda/latest/dg/python-exceptions.html and
  the runtime interface client, which catches only ``Exception`` around the handler (anything else ends the
  runtime: Runtime.ExitError): https://github.com/aws/aws-lambda-python-runtime-interface-client
- Timeouts ("Task timed out after N seconds"): https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html
- Limits (6 MB response, /tmp = EphemeralStorage): https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
- Read-only file system outside /tmp: https://docs.aws.amazon.com/lambda/latest/dg/configuration-ephemeral-storage.html
- Out of memory (Runtime.OutOfMemory): https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-invocation.html
- Freeze/thaw of background work: https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
"""

from __future__ import annotations

import base64
import builtins
import datetime
import glob
import json
import logging
import os
import random
import sys
import threading
import time

import pytest

import pocketcloud

from .conftest import make_function


def host_state() -> dict[str, object]:
    """Everything an invocation must leave as it was."""
    return {
        "path": list(sys.path),
        "path_id": id(sys.path),
        "modules": {name: id(module) for name, module in sys.modules.items()},
        "meta_path": list(sys.meta_path),
        "recursion": sys.getrecursionlimit(),
        "cwd": os.getcwd(),
        "builtins": dict(vars(builtins)),
        "time": {n: getattr(time, n) for n in ("sleep", "time", "monotonic", "strftime", "localtime", "gmtime")},
        "datetime": (datetime.datetime, datetime.date),
        "json": (json.dumps, json.loads),
        "environ": dict(os.environ),
        "environ_id": id(os.environ),
        "random": random.getstate(),
        "threads": threading.active_count(),
        "stdout": (sys.stdout, sys.stderr, sys.stdin),
        "trace": sys.gettrace(),
        "profile": sys.getprofile(),
        "root_handlers": list(logging.root.handlers),
    }


def call(lam, name: str = "hello", **kwargs):  # type: ignore[no-untyped-def]
    response = lam.invoke(FunctionName=name, LogType="Tail", **kwargs)
    return response, json.loads(response["Payload"].read()), base64.b64decode(response["LogResult"]).decode()


@pytest.fixture(autouse=True)
def _warm_imports() -> None:
    """Modules the handlers below import are imported first, so sys.modules may be compared entry by entry."""
    import concurrent.futures  # noqa: F401
    import itertools  # noqa: F401
    import pathlib  # noqa: F401


def check(lam, source: str, **config):  # type: ignore[no-untyped-def]
    """Run ``source`` as a function, then an unrelated function; return the first response; assert the host."""
    make_function(lam, "other", source="def handler(e, c):\n    return 'fine'\n")
    lam.invoke(FunctionName="other")
    before = host_state()
    make_function(lam, "hello", source=source, **config)
    result = call(lam)
    assert call(lam, "other")[1] == "fine"
    after = host_state()
    for key in before:
        assert after[key] == before[key], key
    assert lam._service.in_flight == 0 and lam._service.functions["hello"].in_flight == 0
    return result


EXITS = [
    ("raise KeyboardInterrupt()", "signal: interrupt"),
    ("raise SystemExit(3)", "exit status 3"),
    ("raise SystemExit()", "exit status 0"),
    ("raise GeneratorExit()", "exit status 1"),
    ("raise BaseException('x')", "exit status 1"),
    ("import os\n    os._exit(7)", "exit status 7"),
    ("import os\n    os.abort()", "signal: aborted"),
    ("import os, signal\n    os.kill(os.getpid(), signal.SIGKILL)", "signal: killed"),
]


@pytest.mark.parametrize(("body", "status"), EXITS, ids=[b for b, _ in EXITS])
def test_what_ends_the_runtime_is_a_runtime_exit_error(lam, body: str, status: str) -> None:
    """The runtime catches only Exception; anything else ends the process: Runtime.ExitError with only
    errorType and errorMessage, and the environment is reset."""
    response, payload, log = check(lam, f"def handler(e, c):\n    {body}\n")
    rid = response["ResponseMetadata"]["RequestId"]
    assert response["FunctionError"] == "Unhandled"
    assert payload == {
        "errorType": "Runtime.ExitError",
        "errorMessage": f"RequestId: {rid} Error: Runtime exited with error: {status}",
    }
    assert "Status: error\tError Type: Runtime.ExitError" in log
    assert "Init Duration" in call(lam)[2]  # reset: the next request is a cold start


@pytest.mark.parametrize("body", ["raise KeyboardInterrupt()", "raise SystemExit(2)", "import os\nos._exit(1)"])
def test_what_ends_the_runtime_at_init_is_an_init_exit_error(lam, body: str) -> None:
    _, payload, log = check(lam, f"{body}\ndef handler(e, c):\n    return 1\n")
    assert payload["errorType"] == "Runtime.ExitError"
    assert payload["errorMessage"].startswith("RequestId:  Error: Runtime exited with error: ")
    # Real logs: the Init is retried inside the invocation and logged with Phase: invoke.
    assert "Phase: invoke\tStatus: error\tError Type: Runtime.ExitError" in log


def test_an_exception_whose_str_raises_ends_the_runtime(lam) -> None:
    source = (
        "class Bad(Exception):\n    def __str__(self):\n        raise ValueError('no')\n"
        "def handler(e, c):\n    raise Bad()\n"
    )
    _, payload, _ = check(lam, source)
    assert payload["errorType"] == "Runtime.ExitError"


def test_an_exception_whose_str_loops_times_out(lam) -> None:
    source = (
        "class Bad(Exception):\n    def __str__(self):\n        while True: pass\ndef handler(e, c):\n    raise Bad()\n"
    )
    _, payload, _ = check(lam, source, Timeout=2)
    assert payload["errorMessage"].endswith("Task timed out after 2.00 seconds")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("x = []\n    for _ in range(100000):\n        x = [x]\n    return x", "maximum recursion depth"),
        ("x = []\n    x.append(x)\n    return x", "Circular reference detected"),
        ("return {1, 2}", "Object of type set is not JSON serializable"),
    ],
    ids=["deep", "self-referencing", "set"],
)
def test_results_that_cannot_be_marshalled(lam, body: str, message: str) -> None:
    _, payload, _ = check(lam, f"def handler(e, c):\n    {body}\n")
    assert payload["errorType"] == "Runtime.MarshalError"
    assert payload["errorMessage"].startswith("Unable to marshal response: ")
    assert message in payload["errorMessage"]


def test_a_result_whose_serialisation_loops_times_out(lam) -> None:
    source = "class D(dict):\n    def items(self):\n        while True: pass\ndef handler(e, c):\n    return D(a=1)\n"
    _, payload, _ = check(lam, source, Timeout=1)
    assert "Task timed out" in payload["errorMessage"]


def test_patching_json_dumps_and_print_changes_nothing_outside(lam) -> None:
    source = (
        "import json, builtins\n"
        "def handler(e, c):\n"
        "    json.dumps = lambda *a, **k: 'broken'\n"
        "    builtins.print = None\n"
        "    return {'ok': True}\n"
    )
    response, payload, _ = check(lam, source)
    assert payload == {"ok": True}
    assert "FunctionError" not in response


RUNAWAY = {
    "one-line loop": "def handler(e, c):\n    while True: pass\n",
    "catches the stop": (
        "def handler(e, c):\n    while True:\n        try:\n            while True: pass\n"
        "        except BaseException:\n            pass\n"
    ),
    "catches and returns": (
        "def handler(e, c):\n    try:\n        while True: pass\n    except BaseException:\n        return 'ok'\n"
    ),
    "settrace(None)": "import sys\ndef handler(e, c):\n    sys.settrace(None)\n    while True: pass\n",
    "caught sleep": (
        "import time\ndef handler(e, c):\n    try:\n        time.sleep(10)\n    except BaseException:\n"
        "        pass\n    return 'ok'\n"
    ),
    "sleep loop": (
        "import time\ndef handler(e, c):\n    while True:\n        try:\n            time.sleep(1)\n"
        "        except BaseException:\n            pass\n"
    ),
    "exec'd loop": "def handler(e, c):\n    exec('while True: pass')\n",
    # Loop-free functions, which the guard charges per call on 3.11 instead of tracing them opcode by opcode.
    "loop-free recursion": (
        "def f(n):\n    return f(n - 1) + f(n - 1) if n else 0\ndef handler(e, c):\n    return f(80)\n"
    ),
    "loop-free calls from C": (
        "import collections, itertools\ndef g(x):\n    return x\n"
        "def handler(e, c):\n    collections.deque(map(g, itertools.count()), maxlen=0)\n"
    ),
}


@pytest.mark.parametrize("source", RUNAWAY.values(), ids=RUNAWAY.keys())
def test_runaway_code_is_stopped_and_reported_as_a_timeout(lam, source: str) -> None:
    """Whatever the code catches, an invocation past its deadline (or its step budget) is a timeout."""
    response, payload, log = check(lam, source, Timeout=2)
    assert response["FunctionError"] == "Unhandled"
    assert payload["errorMessage"].endswith("Task timed out after 2.00 seconds")
    assert "Status: timeout" in log


def test_input_reads_an_empty_stdin(lam) -> None:
    _, payload, _ = check(lam, "def handler(e, c):\n    input('name? ')\n")
    assert payload["errorType"] == "EOFError"


def test_threads_are_frozen_with_the_environment_and_resume_on_the_next_invoke(lam) -> None:
    source = (
        "import threading, time\n"
        "def work(n):\n    print('background', n)\n"
        "def handler(e, c):\n"
        "    threading.Thread(target=work, args=(e.get('n', 0),)).start()\n"
        "    return threading.active_count()\n"
    )
    _, _, first = check(lam, source)
    assert "background" not in first
    _, _, second = call(lam, Payload=b'{"n": 2}')
    assert "background 0" in second  # the first invocation's thread ran as the environment thawed


def test_joined_threads_and_thread_pools_run(lam) -> None:
    source = (
        "import threading\nfrom concurrent.futures import ThreadPoolExecutor\n"
        "def handler(e, c):\n"
        "    out = []\n"
        "    t = threading.Thread(target=out.append, args=(1,))\n    t.start()\n    t.join()\n"
        "    with ThreadPoolExecutor(4) as pool:\n        out += list(pool.map(lambda x: x * 2, [1, 2, 3]))\n"
        "    ev = threading.Event()\n    threading.Thread(target=ev.set).start()\n    out.append(ev.wait())\n"
        "    return out\n"
    )
    assert check(lam, source)[1] == [1, 2, 4, 6, True]


def test_a_wait_nothing_can_end_waits_out_the_invocation(lam) -> None:
    _, payload, _ = check(lam, "import threading\ndef handler(e, c):\n    threading.Event().wait()\n", Timeout=1)
    assert "Task timed out after 1.00 seconds" in payload["errorMessage"]


def test_host_state_changes_are_put_back(lam) -> None:
    source = (
        "import sys, os, time, random\n"
        "def handler(e, c):\n"
        "    sys.path.insert(0, '/evil')\n    sys.modules['json'] = None\n    sys.meta_path.clear()\n"
        "    sys.setrecursionlimit(5000)\n    os.chdir('/tmp')\n    time.sleep = None\n    random.seed(1)\n"
        "    os.environ['LEAK'] = '1'\n    sys.stdout = None\n"
        "    return os.getcwd()\n"
    )
    assert check(lam, source)[1] == "/tmp"


def test_response_over_6_mb_is_function_response_size_too_large(lam) -> None:
    response, payload, _ = check(lam, "def handler(e, c):\n    return 'x' * (6 * 1024 * 1024 + 200)\n", MemorySize=1024)
    assert response["FunctionError"] == "Unhandled"
    assert payload == {
        "errorMessage": "Response payload size exceeded maximum allowed payload size (6291556 bytes).",
        "errorType": "Function.ResponseSizeTooLarge",
    }


def test_tmp_is_capped_at_ephemeral_storage(lam) -> None:
    source = (
        "def handler(e, c):\n"
        "    try:\n        with open('/tmp/big', 'wb') as f:\n"
        "            for _ in range(600):\n                f.write(b'x' * 1024 * 1024)\n"
        "    except OSError as err:\n        return [err.errno, err.strerror]\n"
    )
    assert check(lam, source, MemorySize=1024)[1] == [28, "No space left on device"]


@pytest.mark.parametrize("path", ["/var/task/x", "/opt/x", "/var/tmp/x", "relative.txt"])
def test_writing_outside_tmp_is_a_read_only_file_system(lam, path: str) -> None:
    source = (
        f"def handler(e, c):\n    try:\n        open({path!r}, 'w')\n"
        "    except OSError as err:\n        return [err.errno, err.strerror]\n"
    )
    assert check(lam, source)[1] == [30, "Read-only file system"]


def test_relative_paths_resolve_in_the_package_and_cwd_is_var_task(lam) -> None:
    code = pocketcloud.zip_code(
        {
            "app.py": "import os\ndef handler(e, c):\n    return [os.getcwd(), open('data.txt').read()]\n",
            "data.txt": "hi",
        }
    )
    assert check(lam, "", Code={"ZipFile": code})[1] == ["/var/task", "hi"]


def test_allocating_far_beyond_memory_size_is_out_of_memory(lam) -> None:
    source = "def handler(e, c):\n    data = []\n    while True:\n        data.append(bytearray(1024 * 1024))\n"
    _response, payload, log = check(lam, source, MemorySize=128, Timeout=30)
    assert payload["errorType"] == "Runtime.OutOfMemory"
    assert "signal: killed" in payload["errorMessage"]
    assert "Max Memory Used: 128 MB" in log


def test_max_memory_used_follows_the_data_a_function_keeps(lam) -> None:
    source = "cache = []\ndef handler(e, c):\n    cache.append(bytearray(20 * 1024 * 1024))\n"
    make_function(lam, source=source, MemorySize=512)
    used = [int(call(lam)[2].split("Max Memory Used: ")[1].split(" MB")[0]) for _ in range(3)]
    assert used[0] < used[1] < used[2] and used[2] - used[0] >= 39


@pytest.mark.parametrize(
    "kept",
    [
        "class Kept:\n    def __sizeof__(self):\n        while True: pass\nkept = [Kept()]\n",
        "class Kept:\n    @property\n    def __class__(self):\n        while True: pass\nkept = {'k': Kept()}\n",
        "class Kept(dict):\n    def values(self):\n        while True: pass\nkept = Kept(a=1)\n",
    ],
    ids=["sizeof", "class-property", "dict-subclass"],
)
def test_data_that_loops_when_measured_times_out(lam, kept: str) -> None:
    """The memory model measures the data a function keeps at the end of every invocation (see
    pocketcloud.services.awslambda.memory). Plain data is measured with the runaway guard paused, for speed; data
    whose measuring could run the function's own code (a ``__sizeof__``, a ``__class__`` property, a ``dict``
    subclass) is measured under the guard, so code that never returns there is still a timeout, as Lambda reports a
    function that does not finish in time (https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html)."""
    _, payload, _ = check(lam, kept + "def handler(e, c):\n    return 1\n", Timeout=2)
    assert payload["errorMessage"].endswith("Task timed out after 2.00 seconds")


def test_the_sample_taken_while_code_runs_counts_built_in_data_as_the_final_sample_does() -> None:
    """The guard samples memory while code runs from inside its trace function, where function code would run
    unguarded: that sample touches only built-in data. For built-in data it is exactly the end-of-phase sample;
    anything else is left out (a lower bound), never entered."""
    import types

    from pocketcloud.services.awslambda import memory

    module = types.ModuleType("app")
    shared = [b"x" * 100, bytearray(50)]
    module.__dict__.update(
        cache={"a": shared, ("k", 1): {1.5, 2}, "n": None}, rows=[shared, (1, "two", frozenset({3}))], f=len
    )
    full = memory.data_bytes(memory.module_roots([module]))
    assert memory.plain_bytes(memory.plain_roots([module]))[0] == full > 150
    # The strict form, used for the end-of-phase sample with the guard paused, gives the same for built-in data.
    strict = memory.plain_bytes(memory.plain_roots([module], strict=True) or [], strict=True)
    assert strict is not None and strict[0] == full

    class Mine:
        def __sizeof__(self) -> int:
            raise AssertionError("entered")

    class MyDict(dict):  # type: ignore[type-arg]
        def values(self):  # type: ignore[no-untyped-def]
            raise AssertionError("entered")

    for value in (Mine(), [Mine()], {"k": MyDict(a=1)}, MyDict(a=1)):
        module.__dict__["odd"] = value
        assert memory.plain_bytes(memory.plain_roots([module]))[0] >= full  # the odd object itself left out
        # ... and the strict form says it cannot give the full walk's answer, so that walk runs, under the guard.
        roots = memory.plain_roots([module], strict=True)
        assert roots is None or memory.plain_bytes(roots, strict=True) is None


def test_a_client_kept_in_init_code_does_not_count_the_cloud_behind_it() -> None:
    """AWS recommends creating SDK clients in init code (https://docs.aws.amazon.com/lambda/latest/dg/best-practices.html
    "Initialize SDK clients and database connections outside of the function handler"). Such a client refers to the
    simulated cloud; the memory model stops there (pocketcloud's model: the services are on AWS's side of the API), so
    Max Memory Used is what it is without the client, and does not grow with other services' state."""

    def used(source: str, queues: int) -> int:
        cloud = pocketcloud.Cloud(seed=0)
        for index in range(queues):
            cloud.client("sqs").create_queue(QueueName=f"q{index}")
        lam = cloud.client("lambda")
        make_function(lam, source=source)
        log = base64.b64decode(lam.invoke(FunctionName="hello", LogType="Tail")["LogResult"]).decode()
        return int(log.split("Max Memory Used: ")[1].split(" MB")[0])

    plain = "s3 = None\ndef handler(e, c):\n    return 1\n"
    client = "import boto3\ns3 = boto3.client('s3')\ndef handler(e, c):\n    return 1\n"
    assert used(client, 0) == used(client, 300) == used(plain, 300)


def test_strftime_and_localtime_follow_the_virtual_clock(lam) -> None:
    source = (
        "import time\ndef handler(e, c):\n"
        "    return [time.strftime('%Y-%m-%d'), time.localtime().tm_year, time.gmtime().tm_year]\n"
    )
    assert check(lam, source)[1] == ["2026-01-01", 2026, 2026]


def test_random_is_seeded_per_environment_from_the_cloud_seed() -> None:
    def run(seed: int) -> list[float]:
        lam = pocketcloud.Cloud(seed=seed).client("lambda")
        make_function(lam, source="import random\ndef handler(e, c):\n    return random.random()\n")
        return [json.loads(lam.invoke(FunctionName="hello")["Payload"].read()) for _ in range(2)]

    state = random.getstate()
    assert run(3) == run(3)
    assert run(3) != run(4)
    assert random.getstate() == state


def test_dropped_clouds_leave_no_folders_behind(tmp_path, monkeypatch) -> None:
    """Private folders go when their Cloud is collected (and at exit): 20 dropped Clouds leave nothing."""
    import gc

    from pocketcloud.services.awslambda import tmpfs

    monkeypatch.setattr(tmpfs, "_HOST_TMP", str(tmp_path))  # a folder of our own: other processes use /tmp too
    for _ in range(20):
        lam = pocketcloud.Cloud(seed=0).client("lambda")
        make_function(lam, source="def handler(e, c):\n    open('/tmp/x', 'w').write('1')\n")
        lam.invoke(FunctionName="hello")
    assert glob.glob(os.path.join(tmp_path, "pocketcloud-*"))
    del lam
    gc.collect()
    assert glob.glob(os.path.join(tmp_path, "pocketcloud-*")) == []


def test_the_hosts_own_module_changes_between_invocations_are_kept(lam) -> None:
    """Host state is the host's: a notebook that drops one module and imports another between two invocations
    (same number of entries) keeps exactly what it did, even when the handler imports something new."""
    import types

    make_function(lam, source="def handler(event, context):\n    import colorsys\n    return 1\n")
    make_function(lam, "later", source="def handler(event, context):\n    import tabnanny\n    return 1\n")
    sys.modules.pop("tabnanny", None)
    call(lam)
    sys.modules["pocketcloud_test_gone"] = types.ModuleType("pocketcloud_test_gone")
    call(lam)
    del sys.modules["pocketcloud_test_gone"]
    replacement = types.ModuleType("pocketcloud_test_new")
    sys.modules["pocketcloud_test_new"] = replacement
    try:
        call(lam, "later")  # imports a module the host does not have yet
        assert "pocketcloud_test_gone" not in sys.modules
        assert sys.modules["pocketcloud_test_new"] is replacement
    finally:
        sys.modules.pop("pocketcloud_test_new", None)


def test_other_host_threads_keep_the_real_clock_while_a_handler_runs(lam) -> None:
    """A Jupyter kernel's heartbeat thread sleeps once a second in real time. While a handler runs, such a thread
    must still get the real ``time.sleep`` and ``time.time``; otherwise each of its sleeps moves the running
    invocation's virtual clock, until the function times out."""
    seen: list[float] = []
    stop = threading.Event()

    def heartbeat() -> None:
        while not stop.is_set():
            time.sleep(0.001)
            seen.append(time.time())

    source = (
        "import time\ndef handler(event, context):\n    start = time.time()\n"
        + ("    x = 0\n    for i in range(20000):\n        x += i\n" * 3)
        + "    return time.time() - start\n"
    )
    make_function(lam, source=source, Timeout=3)
    thread = threading.Thread(target=heartbeat, daemon=True)
    thread.start()
    try:
        response, payload, _log = call(lam)
    finally:
        stop.set()
        thread.join()
    assert "FunctionError" not in response, payload
    assert payload < 1.0  # the heartbeat's real sleeps never reached the virtual clock
    assert seen and all(t > 1_700_000_000 for t in seen)  # the thread read the real wall clock


def test_a_long_running_handler_leaves_no_trace_or_profile_hook_behind(lam) -> None:
    """The runaway guard's hooks are the invocation's only: after code long enough to make the guard watch calls
    too, the host is neither traced nor profiled (it would run many times slower)."""
    before = (sys.gettrace(), sys.getprofile())
    source = "def handler(event, context):\n    x = 0\n    for i in range(300000):\n        x += i\n    return x\n"
    make_function(lam, source=source, Timeout=60)
    response, payload, _log = call(lam)
    assert "FunctionError" not in response, payload
    assert (sys.gettrace(), sys.getprofile()) == before
