"""The handler sandbox: environment variables, context, virtual time, /tmp, isolation, logging.

Sources (checked 2026-11-25):
- Runtime environment variables: https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html
- Context object: https://docs.aws.amazon.com/lambda/latest/dg/python-context.html
- Execution environment lifecycle: https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
- Ephemeral storage (/tmp): https://docs.aws.amazon.com/lambda/latest/dg/configuration-ephemeral-storage.html
- Python logging format: https://docs.aws.amazon.com/lambda/latest/dg/python-logging.html
"""

from __future__ import annotations

import json
import os
import sys

import pytest

import pocketcloud
from pocketcloud import ClientError

from .conftest import make_function

ENV_DUMP = "import os\ndef handler(event, context):\n    return dict(os.environ)\n"

RESERVED_PRESENT = [
    "_HANDLER",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_EXECUTION_ENV",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_LAMBDA_INITIALIZATION_TYPE",
    "AWS_LAMBDA_LOG_GROUP_NAME",
    "AWS_LAMBDA_LOG_STREAM_NAME",
    "AWS_LAMBDA_RUNTIME_API",
    "LAMBDA_TASK_ROOT",
    "LAMBDA_RUNTIME_DIR",
    "TZ",
]


def payload(lam, name: str = "hello", event: object = None, **kwargs):  # type: ignore[no-untyped-def]
    return json.loads(lam.invoke(FunctionName=name, Payload=json.dumps(event or {}), **kwargs)["Payload"].read())


@pytest.mark.parametrize("key", RESERVED_PRESENT)
def test_reserved_runtime_variable_is_present(lam, key: str) -> None:
    """ "Defined runtime environment variables" lists each of these as set by Lambda."""
    make_function(lam, source=ENV_DUMP, MemorySize=256, Environment={"Variables": {"STAGE": "dev"}})
    env = payload(lam)
    assert key in env


def test_environment_is_exactly_the_functions_variables_plus_reserved_ones(lam) -> None:
    make_function(lam, source=ENV_DUMP, MemorySize=256, Environment={"Variables": {"STAGE": "dev"}})
    env = payload(lam)
    assert env["STAGE"] == "dev"
    assert env["AWS_REGION"] == "ap-northeast-2"
    assert env["AWS_LAMBDA_FUNCTION_NAME"] == "hello"
    assert env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] == "256"
    assert env["AWS_LAMBDA_FUNCTION_VERSION"] == "$LATEST"
    assert env["AWS_LAMBDA_LOG_GROUP_NAME"] == "/aws/lambda/hello"
    assert env["_HANDLER"] == "app.handler"
    assert env["LAMBDA_TASK_ROOT"] == "/var/task"
    assert env["TZ"] == ":UTC"
    assert env["AWS_EXECUTION_ENV"] == "AWS_Lambda_python3.13"
    assert env["AWS_LAMBDA_INITIALIZATION_TYPE"] == "on-demand"
    # Nothing of the caller's own environment leaks in.
    assert "HOME" not in env or env.get("HOME") != os.environ.get("HOME")
    assert all(isinstance(v, str) for v in env.values())


def test_log_stream_variable_matches_the_stream_name_format(lam) -> None:
    make_function(lam, source=ENV_DUMP)
    stream = payload(lam)["AWS_LAMBDA_LOG_STREAM_NAME"]
    assert stream.startswith("2026/01/01/[$LATEST]") and len(stream.split("]")[1]) == 32


def test_variables_are_not_expanded(lam) -> None:
    """Lambda stores the literal value: "$HOME" is not replaced by anything."""
    variables = {"DATA_DIR": "$HOME/x", "REGION_REF": "${AWS_REGION}"}
    make_function(lam, source=ENV_DUMP, Environment={"Variables": variables})
    env = payload(lam)
    assert env["DATA_DIR"] == "$HOME/x"
    assert env["REGION_REF"] == "${AWS_REGION}"


def test_single_letter_keys_are_refused_as_aws_pattern_requires(lam) -> None:
    """CreateFunction's Environment keys must match [a-zA-Z]([a-zA-Z0-9_])+ (two characters or more). The
    variables are a sensitive shape in Lambda's model, so AWS's message leaves the value out ("Value at")."""
    with pytest.raises(ClientError) as exc:
        make_function(lam, Environment={"Variables": {"A": "1"}})
    assert exc.value.response["Error"] == {
        "Code": "ValidationException",
        "Message": "1 validation error detected: Value at 'environment.variables' failed to satisfy constraint: "
        "Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]",
    }


def test_published_version_freezes_variables(lam) -> None:
    """A version is a snapshot of code and configuration, environment variables included."""
    make_function(lam, source=ENV_DUMP, Environment={"Variables": {"STAGE": "v1"}})
    version = lam.publish_version(FunctionName="hello")["Version"]
    lam.update_function_configuration(FunctionName="hello", Environment={"Variables": {"STAGE": "v2"}})
    assert payload(lam, Qualifier=version)["STAGE"] == "v1"
    assert payload(lam, Qualifier=version)["AWS_LAMBDA_FUNCTION_VERSION"] == version
    assert payload(lam)["STAGE"] == "v2"


def test_os_environ_is_restored_after_the_handler(lam) -> None:
    make_function(lam, source="import os\ndef handler(e, c):\n    os.environ['LEAK'] = '1'\n    return 1\n")
    before = dict(os.environ)
    payload(lam)
    assert dict(os.environ) == before


def test_context_attributes(lam) -> None:
    source = (
        "def handler(event, context):\n"
        "    return {k: str(getattr(context, k)) for k in ('aws_request_id', 'function_name', 'function_version',\n"
        "            'invoked_function_arn', 'memory_limit_in_mb', 'log_group_name', 'log_stream_name',\n"
        "            'identity', 'client_context')} | {'remaining': context.get_remaining_time_in_millis()}\n"
    )
    make_function(lam, source=source, Timeout=7, MemorySize=512)
    response = lam.invoke(FunctionName="hello")
    ctx = json.loads(response["Payload"].read())
    assert ctx["aws_request_id"] == response["ResponseMetadata"]["RequestId"]
    assert ctx["function_name"] == "hello"
    assert ctx["function_version"] == "$LATEST"
    assert ctx["invoked_function_arn"] == "arn:aws:lambda:ap-northeast-2:123456789012:function:hello"
    assert ctx["memory_limit_in_mb"] == "512"  # a string, read from AWS_LAMBDA_FUNCTION_MEMORY_SIZE
    assert ctx["log_group_name"] == "/aws/lambda/hello"
    assert ctx["remaining"] == 7000


def test_client_context_reaches_the_handler(lam) -> None:
    import base64

    source = "def handler(event, context):\n    return context.client_context.custom\n"
    make_function(lam, source=source)
    client_context = base64.b64encode(json.dumps({"custom": {"app": "demo"}}).encode()).decode()
    assert payload(lam, ClientContext=client_context) == {"app": "demo"}


def test_remaining_time_falls_with_virtual_time(lam) -> None:
    source = (
        "import time\n"
        "def handler(event, context):\n"
        "    a = context.get_remaining_time_in_millis()\n"
        "    time.sleep(1.5)\n"
        "    return [a, context.get_remaining_time_in_millis()]\n"
    )
    make_function(lam, source=source, Timeout=3)
    assert payload(lam) == [3000, 1500]


def test_datetime_now_follows_the_virtual_clock(cloud, lam) -> None:
    source = (
        "from datetime import datetime, timezone\n"
        "import time\n"
        "def handler(event, context):\n"
        "    a = datetime.now(timezone.utc)\n"
        "    time.sleep(60)\n"
        "    return [a.isoformat(), (datetime.now(timezone.utc) - a).total_seconds()]\n"
    )
    make_function(lam, source=source, Timeout=120)
    cloud.run(until=3600)
    started, slept = payload(lam)
    assert started.startswith("2026-01-01T01:00:00")
    assert slept == pytest.approx(60.0)


def test_tmp_survives_warm_starts_but_is_not_shared_between_environments(cloud, lam) -> None:
    source = (
        "import os\n"
        "def handler(event, context):\n"
        "    path = '/tmp/visits'\n"
        "    n = int(open(path).read()) if os.path.exists(path) else 0\n"
        "    with open(path, 'w') as f:\n"
        "        f.write(str(n + 1))\n"
        "    return n + 1\n"
    )
    make_function(lam, source=source)
    assert [payload(lam) for _ in range(3)] == [1, 2, 3]
    # A configuration change means new environments: a fresh, empty /tmp.
    lam.update_function_configuration(FunctionName="hello", MemorySize=256)
    assert payload(lam) == 1
    assert not os.path.exists("/tmp/visits") or open("/tmp/visits").read() != "1"  # noqa: SIM115


def test_logging_module_uses_lambdas_format(lam) -> None:
    import base64

    source = (
        "import logging\n"
        "logger = logging.getLogger()\n"
        "logger.setLevel(logging.INFO)\n"
        "def handler(event, context):\n"
        "    logger.info('processing %s', event['id'])\n"
        "    return 1\n"
    )
    make_function(lam, source=source)
    response = lam.invoke(FunctionName="hello", Payload=b'{"id": 7}', LogType="Tail")
    log = base64.b64decode(response["LogResult"]).decode()
    rid = response["ResponseMetadata"]["RequestId"]
    assert "[INFO]\t2026-01-01T00:00:00." in log
    assert f"Z\t{rid}\tprocessing 7" in log


def test_root_logger_default_level_is_warning(lam) -> None:
    import base64

    source = "import logging\ndef handler(event, context):\n    logging.info('hidden')\n    logging.warning('shown')\n"
    make_function(lam, source=source)
    log = base64.b64decode(lam.invoke(FunctionName="hello", LogType="Tail")["LogResult"]).decode()
    assert "shown" in log and "hidden" not in log


def test_isolated_modules_never_reach_the_notebook(lam) -> None:
    code = pocketcloud.zip_code(
        {"app.py": "import helper\ndef handler(e, c):\n    return helper.X\n", "helper.py": "X = 'mine'\n"}
    )
    make_function(lam, Code={"ZipFile": code})
    assert payload(lam) == "mine"
    assert "helper" not in sys.modules and "app" not in sys.modules


def test_a_functions_module_shadows_a_stdlib_module_only_inside(lam) -> None:
    import json as real_json

    code = pocketcloud.zip_code(
        {
            "app.py": "import json\ndef handler(e, c):\n    return json.MINE\n",
            "json.py": "MINE = 'shadow'\ndumps = None\n",
        }
    )
    make_function(lam, Code={"ZipFile": code})
    # The function's own json.py wins inside the function (as /var/task comes first on sys.path) ...
    response = lam.invoke(FunctionName="hello")
    assert response["Payload"].read() == b'"shadow"'
    # ... and the real json module is back outside.
    assert sys.modules["json"] is real_json


def test_boto3_inside_a_handler_reaches_the_same_cloud(cloud, lam) -> None:
    cloud.client("secretsmanager").create_secret(Name="db", SecretString="s3cr3t")
    source = (
        "import boto3\n"
        "def handler(event, context):\n"
        "    return boto3.client('secretsmanager').get_secret_value(SecretId='db')['SecretString']\n"
    )
    make_function(lam, source=source)
    assert payload(lam) == "s3cr3t"
    assert "boto3" not in sys.modules or getattr(sys.modules["boto3"], "__version__", "") != "pocketcloud"


def test_api_calls_from_a_handler_take_virtual_time(cloud, lam) -> None:
    import base64
    import re

    cloud.client("secretsmanager").create_secret(Name="db", SecretString="x")
    source = (
        "import boto3\n"
        "sm = boto3.client('secretsmanager')\n"
        "def handler(event, context):\n"
        "    for _ in range(10):\n"
        "        sm.get_secret_value(SecretId='db')\n"
    )
    make_function(lam, source=source)
    log = base64.b64decode(lam.invoke(FunctionName="hello", LogType="Tail")["LogResult"]).decode()
    duration = float(re.search(r"\tDuration: ([\d.]+) ms", log)[1])  # type: ignore[index]
    assert duration > 50  # ten round trips of ~12 ms each


def test_a_synchronous_invoke_from_inside_a_handler_is_refused_clearly(lam) -> None:
    make_function(lam, "inner")
    source = (
        "import boto3\n"
        "def handler(event, context):\n"
        "    try:\n"
        "        boto3.client('lambda').invoke(FunctionName='inner')\n"
        "    except boto3.client('lambda').exceptions.InvalidParameterValueException as err:\n"
        "        return err.response['Error']['Message']\n"
    )
    make_function(lam, source=source)
    assert "InvocationType='Event'" in payload(lam)


def test_tz_lang_and_path_are_not_reserved_and_can_be_set(lam) -> None:
    """LANG, PATH and TZ have defaults but "aren't reserved and can be extended" (configuration-envvars)."""
    make_function(lam, source=ENV_DUMP, Environment={"Variables": {"TZ": "Asia/Seoul"}})
    env = payload(lam)
    assert env["TZ"] == "Asia/Seoul"
    assert env["LANG"] == "en_US.UTF-8"


def test_non_string_values_are_refused_before_sending_as_boto3_does(lam) -> None:
    with pytest.raises(pocketcloud.ParamValidationError, match=r"Environment\.Variables\.RETRIES"):
        make_function(lam, Environment={"Variables": {"RETRIES": 3}})


def test_the_package_is_readable_at_var_task_and_layers_at_opt(lam) -> None:
    layer = lam.publish_layer_version(
        LayerName="config", Content={"ZipFile": pocketcloud.zip_code({"config/app.json": '{"from": "layer"}'})}
    )["LayerVersionArn"]
    source = (
        "import json, os\n"
        "def handler(event, context):\n"
        "    task = json.load(open(os.environ['LAMBDA_TASK_ROOT'] + '/data/settings.json'))\n"
        "    opt = json.load(open('/opt/config/app.json'))\n"
        "    return [task, opt, sorted(os.listdir('/var/task'))]\n"
    )
    code = pocketcloud.zip_code({"app.py": source, "data/settings.json": '{"from": "package"}'})
    make_function(lam, Code={"ZipFile": code}, Layers=[layer])
    assert payload(lam) == [{"from": "package"}, {"from": "layer"}, ["app.py", "data"]]
