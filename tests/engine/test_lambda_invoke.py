"""Invoking a function: cold then warm starts, kept globals, the log, errors, isolation and virtual time.

Sources (checked 2026-11-25):
- Execution environment lifecycle (Init once, then reuse): https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
- Log lines and REPORT fields: https://docs.aws.amazon.com/lambda/latest/dg/python-logging.html
- Invoke response, LogResult = last 4 KB base64: https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
- Error payloads: https://docs.aws.amazon.com/lambda/latest/dg/python-exceptions.html
"""

from __future__ import annotations

import base64
import json
import re
import sys

import pytest

import pocketcloud

from .conftest import make_function

COUNTER = """
import time
count = 0
print("init ran")

def handler(event, context):
    global count
    count += 1
    print("handling", event)
    return {"count": count, "request_id": context.aws_request_id}
"""


def invoke(lam, name: str = "hello", event: object = None, **kwargs):  # type: ignore[no-untyped-def]
    response = lam.invoke(FunctionName=name, Payload=json.dumps(event or {}), LogType="Tail", **kwargs)
    payload = json.loads(response["Payload"].read())
    log = base64.b64decode(response["LogResult"]).decode()
    return response, payload, log


def test_first_invoke_is_cold_and_the_next_is_warm_with_the_same_globals(lam) -> None:
    make_function(lam, source=COUNTER)
    _, first, first_log = invoke(lam)
    _, second, second_log = invoke(lam)
    _, third, _ = invoke(lam)
    assert [first["count"], second["count"], third["count"]] == [1, 2, 3]
    assert "Init Duration:" in first_log
    assert "Init Duration:" not in second_log


def test_response_shape(lam) -> None:
    make_function(lam)
    response = lam.invoke(FunctionName="hello", Payload=b'{"a": 1}')
    assert response["StatusCode"] == 200
    assert response["ExecutedVersion"] == "$LATEST"
    assert "FunctionError" not in response
    assert "LogResult" not in response  # only with LogType="Tail"
    assert json.load(response["Payload"]) == {"a": 1}


def test_log_has_start_end_report_in_aws_format(lam) -> None:
    make_function(lam, source=COUNTER, MemorySize=256)
    _, payload, log = invoke(lam, event={"k": "v"})
    rid = payload["request_id"]
    lines = log.splitlines()
    assert lines[0] == f"START RequestId: {rid} Version: $LATEST"
    assert lines[1] == "handling {'k': 'v'}"
    assert lines[2] == f"END RequestId: {rid}"
    report = re.fullmatch(
        rf"REPORT RequestId: {rid}\tDuration: (\d+\.\d\d) ms\tBilled Duration: (\d+) ms\t"
        r"Memory Size: 256 MB\tMax Memory Used: (\d+) MB\tInit Duration: (\d+\.\d\d) ms\t",
        lines[3],
    )
    assert report, lines[3]
    duration, billed, used, init = float(report[1]), int(report[2]), int(report[3]), float(report[4])
    # On-demand functions are billed for Init too, rounded up to the next ms (python-logging example:
    # 15.74 ms + 130.49 ms -> 147 ms).
    assert billed == -(-round((duration + init) * 100) // 100)
    assert 0 < used <= 256
    assert 50 < init < 1000


def test_request_ids_are_uuids_and_unique(lam) -> None:
    make_function(lam, source=COUNTER)
    ids = {invoke(lam)[1]["request_id"] for _ in range(5)}
    assert len(ids) == 5
    assert all(re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", i) for i in ids)


def test_log_result_is_the_last_4_kb(lam) -> None:
    make_function(lam, source="def handler(event, context):\n    print('x' * 10000)\n    return 1\n")
    response = lam.invoke(FunctionName="hello", LogType="Tail")
    tail = base64.b64decode(response["LogResult"])
    assert len(tail) == 4096
    assert tail.decode().rstrip("\n").splitlines()[-1].startswith("REPORT RequestId:")


def test_same_seed_same_results_different_seed_different_ids() -> None:
    def run(seed: int) -> list[str]:
        lam = pocketcloud.Cloud(seed=seed).client("lambda")
        make_function(lam, source=COUNTER)
        return [invoke(lam)[2] for _ in range(3)]

    assert run(7) == run(7)
    assert run(7) != run(8)


def test_virtual_time_advances_with_sleep_and_does_not_block(cloud, lam) -> None:
    source = (
        "import time, datetime\n"
        "def handler(event, context):\n"
        "    before = context.get_remaining_time_in_millis()\n"
        "    t0 = time.time()\n"
        "    time.sleep(2)\n"
        "    return {'slept': time.time() - t0, 'before': before, "
        "'after': context.get_remaining_time_in_millis(), 'year': datetime.datetime.now().year}\n"
    )
    make_function(lam, source=source, Timeout=10)
    _, payload, log = invoke(lam)
    assert payload["slept"] == pytest.approx(2.0)
    assert payload["before"] == 10_000
    assert payload["after"] == 8_000
    assert payload["year"] == 2026  # virtual epoch, not the wall clock
    assert cloud.now > 2.0
    duration = float(re.search(r"Duration: (\d+\.\d\d) ms", log)[1])  # type: ignore[index]
    assert 2000 <= duration < 2100


def test_sleeping_past_the_timeout_is_a_timeout(cloud, lam) -> None:
    make_function(lam, source="import time\ndef handler(event, context):\n    time.sleep(5)\n", Timeout=1)
    response, payload, log = invoke(lam)
    assert response["StatusCode"] == 200
    assert response["FunctionError"] == "Unhandled"
    assert payload["errorMessage"].endswith("Task timed out after 1.00 seconds")
    assert "Task timed out after 1.00 seconds" in log
    assert "Duration: 1000.00 ms" in log


def test_a_loop_that_never_sleeps_is_stopped_and_reported_as_a_timeout(lam) -> None:
    make_function(lam, source="def handler(event, context):\n    while True:\n        pass\n")
    response, payload, _ = invoke(lam)
    assert response["FunctionError"] == "Unhandled"
    assert "Task timed out" in payload["errorMessage"]
    # The engine keeps working afterwards.
    make_function(lam, "other")
    assert invoke(lam, "other", {"ok": True})[1] == {"ok": True}


def test_a_loop_that_swallows_everything_is_still_stopped(lam) -> None:
    source = (
        "def handler(event, context):\n"
        "    while True:\n"
        "        try:\n"
        "            pass\n"
        "        except BaseException:\n"
        "            pass\n"
    )
    make_function(lam, source=source)
    assert invoke(lam)[0]["FunctionError"] == "Unhandled"


def test_unhandled_exception_payload(lam) -> None:
    source = "def handler(event, context):\n    raise ValueError('bad input')\n"
    make_function(lam, source=source)
    response, payload, log = invoke(lam)
    assert response["StatusCode"] == 200
    assert response["FunctionError"] == "Unhandled"
    assert payload["errorMessage"] == "bad input"
    assert payload["errorType"] == "ValueError"
    assert payload["stackTrace"] == [
        "  File \"/var/task/app.py\", line 2, in handler\n    raise ValueError('bad input')\n"
    ]
    assert re.fullmatch(r"[0-9a-f-]{36}", payload["requestId"])
    assert "[ERROR] ValueError: bad input" in log


def test_an_exception_does_not_reset_the_environment(lam) -> None:
    source = (
        "n = 0\n"
        "def handler(event, context):\n"
        "    global n\n"
        "    n += 1\n"
        "    if event.get('fail'):\n"
        "        raise RuntimeError('x')\n"
        "    return n\n"
    )
    make_function(lam, source=source)
    assert invoke(lam, event={"fail": True})[0]["FunctionError"] == "Unhandled"
    _, payload, log = invoke(lam)
    assert payload == 2
    assert "Init Duration" not in log


def test_import_error_missing_handler_and_syntax_error(lam) -> None:
    make_function(lam, "imp", source="import requests_not_installed\ndef handler(e, c):\n    return 1\n")
    _, payload, _ = invoke(lam, "imp")
    assert payload["errorType"] == "Runtime.ImportModuleError"
    assert payload["errorMessage"] == "Unable to import module 'app': No module named 'requests_not_installed'"

    make_function(lam, "nohandler", source="def other(e, c):\n    return 1\n")
    _, payload, _ = invoke(lam, "nohandler")
    assert payload["errorType"] == "Runtime.HandlerNotFound"
    assert payload["errorMessage"] == "Handler 'handler' missing on module 'app'"

    make_function(lam, "syntax", source="def handler(e, c)\n    return 1\n")
    _, payload, _ = invoke(lam, "syntax")
    assert payload["errorType"] == "Runtime.UserCodeSyntaxError"

    make_function(lam, "nomodule", Handler="missing.handler")
    _, payload, _ = invoke(lam, "nomodule")
    assert payload == {
        "errorMessage": "Unable to import module 'missing': No module named 'missing'",
        "errorType": "Runtime.ImportModuleError",
        "requestId": "",
        "stackTrace": [],
    }


def test_non_json_result_is_a_marshal_error(lam) -> None:
    make_function(lam, source="def handler(event, context):\n    return {1, 2}\n")
    response, payload, _ = invoke(lam)
    assert response["FunctionError"] == "Unhandled"
    assert payload["errorType"] == "Runtime.MarshalError"
    assert payload["errorMessage"] == "Unable to marshal response: Object of type set is not JSON serializable"


def test_bad_payload_is_invalid_request_content(lam) -> None:
    make_function(lam)
    with pytest.raises(lam.exceptions.InvalidRequestContentException) as exc:
        lam.invoke(FunctionName="hello", Payload=b"{not json")
    assert exc.value.response["Error"]["Message"].startswith("Could not parse request body into json")


def test_empty_payload_is_an_empty_event(lam) -> None:
    make_function(lam)
    assert json.loads(lam.invoke(FunctionName="hello")["Payload"].read()) == {}


def test_function_modules_are_isolated_from_each_other_and_from_the_caller(lam) -> None:
    make_function(lam, "one", source="VALUE = 'one'\ndef handler(e, c):\n    return VALUE\n")
    make_function(lam, "two", source="VALUE = 'two'\ndef handler(e, c):\n    return VALUE\n")
    assert invoke(lam, "one")[1] == "one"
    assert invoke(lam, "two")[1] == "two"
    assert invoke(lam, "one")[1] == "one"
    assert "app" not in sys.modules


def test_packages_inside_the_zip_are_importable(lam) -> None:
    code = pocketcloud.zip_code(
        {
            "app.py": "from lib.greet import hello\ndef handler(e, c):\n    return hello(e['name'])\n",
            "lib/__init__.py": "",
            "lib/greet.py": "def hello(name):\n    return f'hello {name}'\n",
        }
    )
    make_function(lam, Code={"ZipFile": code})
    assert invoke(lam, event={"name": "pc"})[1] == "hello pc"


def test_print_output_goes_to_the_log_not_to_the_caller(lam, capsys) -> None:
    make_function(lam, source=COUNTER)
    invoke(lam)
    assert capsys.readouterr().out == ""


def test_time_and_environ_are_restored_after_the_handler(lam) -> None:
    import os
    import time

    real_sleep, real_environ = time.sleep, os.environ
    make_function(lam, source="import os\ndef handler(e, c):\n    return os.environ['AWS_LAMBDA_FUNCTION_NAME']\n")
    assert invoke(lam)[1] == "hello"
    assert time.sleep is real_sleep
    assert os.environ is real_environ
    assert "AWS_LAMBDA_FUNCTION_NAME" not in os.environ


def test_environment_variables_are_strings_and_not_expanded(lam) -> None:
    source = "import os\ndef handler(e, c):\n    return [os.environ['GREETING'], os.environ['AWS_REGION']]\n"
    make_function(lam, source=source, Environment={"Variables": {"GREETING": "hi $HOME"}})
    assert invoke(lam)[1] == ["hi $HOME", "ap-northeast-2"]
