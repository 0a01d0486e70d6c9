"""The Map state's own fields: its item processor, item source, batching, result writer and failure tolerance.

Fields and values from https://docs.aws.amazon.com/step-functions/latest/dg/state-map.html,
https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html and
https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html (with its ItemReader, ItemBatcher,
ResultWriter and ToleratedFailure pages): exactly one of ``ItemProcessor`` and the deprecated ``Iterator``;
``ProcessorConfig.Mode`` INLINE or DISTRIBUTED, a DISTRIBUTED processor needs ``ExecutionType`` STANDARD or EXPRESS
and an INLINE one takes none; MaxConcurrency is 0 (no limit) or more; ToleratedFailurePercentage 0 to 100; a Label
of at most 40 characters. Measured against AWS (https://github.com/floci-io/floci/pull/2786): neither the
processor nor a Parallel branch may declare a QueryLanguage, an ItemReader Resource other than s3:getObject or
s3:listObjectsV2 is refused at .../ItemReader/Resource, and an ItemReader is accepted without DISTRIBUTED mode.
"""

from __future__ import annotations

import re
from typing import Any

from . import checks, messages, payload
from .context import EXPRESS, Context, StateScope, join

MODES = ("INLINE", "DISTRIBUTED")
EXECUTION_TYPES = ("STANDARD", "EXPRESS")
READER_RESOURCES = ("s3:getObject", "s3:listObjectsV2")
INPUT_TYPES = ("CSV", "JSON", "JSONL", "MANIFEST", "PARQUET")
CSV_HEADER_LOCATIONS = ("FIRST_ROW", "GIVEN")
CSV_DELIMITERS = ("COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB")
WRITER_TRANSFORMATIONS = ("NONE", "COMPACT", "FLATTEN")
WRITER_OUTPUT_TYPES = ("JSON", "JSONL")
#: "Label ... up to 40 characters ... can't contain whitespace, brackets, wildcard, special characters or control
#: characters" (state-map-distributed.html, "Label").
LABEL_MAX = 40
_LABEL_FORBIDDEN = re.compile(r"[\s<>{}\[\]?*\"#%\\^|~`$&,;:/\x00-\x1f\x7f-\x9f]")
_PARTITION = r"arn:(?:aws|aws-cn|aws-us-gov)"


def processor_config(ctx: Context, config: object, location: str) -> str:
    """Check a ProcessorConfig; returns its mode (INLINE when absent or unreadable)."""
    if not checks.obj(ctx, config, location):
        return "INLINE"
    assert isinstance(config, dict)
    for field in config:
        if field not in ("Mode", "ExecutionType"):
            ctx.error(messages.not_supported(field), location)
    mode = config.get("Mode", "INLINE")
    if "Mode" in config and not checks.enum(ctx, mode, join(location, "Mode"), MODES):
        return "INLINE"
    if mode == "DISTRIBUTED":
        if checks.required(ctx, config, ["ExecutionType"], location):
            checks.enum(ctx, config["ExecutionType"], join(location, "ExecutionType"), EXECUTION_TYPES)
        if ctx.machine_type == EXPRESS:
            message = "The field 'Mode' with value 'DISTRIBUTED' is not supported inside 'EXPRESS' state machines"
            ctx.error(message, join(location, "Mode"))
    elif "ExecutionType" in config:
        ctx.error(messages.not_supported("ExecutionType"), location)
    return str(mode)


def _item_reader(ctx: Context, scope: StateScope, reader: object, location: str) -> None:
    if not checks.obj(ctx, reader, location):
        return
    assert isinstance(reader, dict)
    allowed = {"Resource", "ReaderConfig", "Arguments" if scope.jsonata else "Parameters"}
    for field in reader:
        if field not in allowed:
            ctx.error(messages.not_supported(field), location)
    resource = reader.get("Resource")
    if (
        checks.required(ctx, reader, ["Resource"], location)
        and checks.string(ctx, resource, join(location, "Resource"))
        and not any(re.fullmatch(f"{_PARTITION}:states:::{r}", str(resource)) for r in READER_RESOURCES)
    ):
        message = (
            "The field 'Resource' does not match any of the allowed values. Examples: "
            "[arn:<partition>:states:::s3:getObject, arn:<partition>:states:::s3:listObjectsV2]"
        )
        ctx.error(message, join(location, "Resource"))
    config = reader.get("ReaderConfig")
    if "ReaderConfig" in reader and checks.obj(ctx, config, join(location, "ReaderConfig")):
        assert isinstance(config, dict)
        where = join(location, "ReaderConfig")
        for field, allowed_values in (
            ("InputType", INPUT_TYPES),
            ("CSVHeaderLocation", CSV_HEADER_LOCATIONS),
            ("CSVDelimiter", CSV_DELIMITERS),
        ):
            if field in config:
                checks.enum(ctx, config[field], join(where, field), allowed_values)
        if config.get("CSVHeaderLocation") == "GIVEN":
            checks.required(ctx, config, ["CSVHeaders"], where)
        if "MaxItems" in config and not checks.expression_or(config["MaxItems"], scope.jsonata):
            checks.integer(ctx, config["MaxItems"], join(where, "MaxItems"), low=0)
    _request(ctx, scope, reader, location)


def _request(ctx: Context, scope: StateScope, holder: dict[str, Any], location: str) -> None:
    if scope.jsonata:
        if "Parameters" in holder:
            ctx.error(messages.not_supported("Parameters"), join(location, "Parameters"))
        if "Arguments" in holder:
            payload.jsonata_value(ctx, holder["Arguments"], join(location, "Arguments"))
    else:
        if "Arguments" in holder:
            ctx.error(messages.not_supported("Arguments"), join(location, "Arguments"))
        if "Parameters" in holder and checks.obj(ctx, holder["Parameters"], join(location, "Parameters")):
            payload.jsonpath_template(ctx, holder["Parameters"], join(location, "Parameters"))


def _item_batcher(ctx: Context, scope: StateScope, batcher: object, location: str) -> None:
    if not checks.obj(ctx, batcher, location):
        return
    assert isinstance(batcher, dict)
    numeric = ("MaxItemsPerBatch", "MaxInputBytesPerBatch")
    allowed = {*numeric, "BatchInput"} | (set() if scope.jsonata else {f"{f}Path" for f in numeric})
    for field in batcher:
        if field not in allowed:
            ctx.error(messages.not_supported(field), location)
    for field in numeric:
        if field in batcher and not checks.expression_or(batcher[field], scope.jsonata):
            checks.integer(ctx, batcher[field], join(location, field), low=0)
    if scope.jsonata:
        payload.jsonata_value(ctx, batcher, location)
    elif "BatchInput" in batcher:
        payload.jsonpath_template(ctx, batcher["BatchInput"], join(location, "BatchInput"))


def _result_writer(ctx: Context, scope: StateScope, writer: object, location: str) -> None:
    if not checks.obj(ctx, writer, location):
        return
    assert isinstance(writer, dict)
    request = "Arguments" if scope.jsonata else "Parameters"
    for field in writer:
        if field not in ("Resource", "WriterConfig", "Parameters", "Arguments"):
            ctx.error(messages.not_supported(field), location)
        elif field in ("Parameters", "Arguments") and field != request:
            ctx.error(messages.other_language(scope.language, field), join(location, field))
    if not writer:
        ctx.error(messages.one_of_missing(["Resource", "WriterConfig"]), location)
    if "Resource" in writer:
        resource = writer["Resource"]
        if not isinstance(resource, str) or not re.fullmatch(f"{_PARTITION}:states:::s3:putObject", resource):
            message = (
                "The field 'Resource' does not match any of the allowed values. Examples: "
                "[arn:<partition>:states:::s3:putObject]"
            )
            ctx.error(message, join(location, "Resource"))
        if request not in writer:
            ctx.error(messages.required([request]), location)
    config = writer.get("WriterConfig")
    if "WriterConfig" in writer and checks.obj(ctx, config, join(location, "WriterConfig")):
        assert isinstance(config, dict)
        where = join(location, "WriterConfig")
        if not checks.required(ctx, config, ["Transformation", "OutputType"], where):
            pass
        else:
            if isinstance(config["Transformation"], str) or isinstance(config["OutputType"], str):
                checks.enum(ctx, config["Transformation"], join(where, "Transformation"), WRITER_TRANSFORMATIONS)
                checks.enum(ctx, config["OutputType"], join(where, "OutputType"), WRITER_OUTPUT_TYPES)
            else:
                ctx.error(messages.expected_type("STRING"), where)
    if scope.jsonata and "Arguments" in writer:
        payload.jsonata_value(ctx, writer["Arguments"], join(location, "Arguments"))
    elif (
        not scope.jsonata
        and "Parameters" in writer
        and checks.obj(ctx, writer["Parameters"], join(location, "Parameters"))
    ):
        parameters = writer["Parameters"]
        for field in ("Bucket", "Prefix"):
            if field in parameters:
                checks.string(ctx, parameters[field], join(location, "Parameters", field))
        payload.jsonpath_template(ctx, parameters, join(location, "Parameters"))


def check(ctx: Context, scope: StateScope, state: dict[str, Any]) -> None:
    """Everything on a Map state but its item processor's states (the validator walks those as a sub-workflow)."""
    checks.exactly_one(ctx, state, ["ItemProcessor", "Iterator"], scope.path)
    if "ItemReader" in state:
        _item_reader(ctx, scope, state["ItemReader"], scope.at("ItemReader"))
    if "ItemBatcher" in state:
        _item_batcher(ctx, scope, state["ItemBatcher"], scope.at("ItemBatcher"))
    if "ResultWriter" in state:
        _result_writer(ctx, scope, state["ResultWriter"], scope.at("ResultWriter"))
    if not scope.jsonata:
        checks.at_most_one(ctx, state, ["ItemSelector", "Parameters"], scope.path)
    for plain, low, high in (
        ("MaxConcurrency", 0, None),
        ("ToleratedFailureCount", 0, None),
        ("ToleratedFailurePercentage", 0, 100),
    ):
        if not scope.jsonata:
            checks.at_most_one(ctx, state, [plain, f"{plain}Path"], scope.path)
        if plain in state and not checks.expression_or(state[plain], scope.jsonata):
            if plain == "ToleratedFailurePercentage":
                checks.number(ctx, state[plain], scope.at(plain), low=low, high=high)
            else:
                checks.integer(ctx, state[plain], scope.at(plain), low=low, high=high)
    if "Label" in state and checks.string(ctx, state["Label"], scope.at("Label")):
        label = state["Label"]
        if len(label) > LABEL_MAX or _LABEL_FORBIDDEN.search(label):
            ctx.error(
                f"The Label must be at most {LABEL_MAX} characters without whitespace or special characters",
                scope.at("Label"),
            )
    items = state.get("Items")
    is_array_or_expression = isinstance(items, list) or checks.expression_or(items, True)
    if scope.jsonata and "Items" in state and not is_array_or_expression:
        ctx.error(messages.expected_type("ARRAY"), scope.at("Items"))
