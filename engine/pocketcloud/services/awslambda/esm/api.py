"""Create/Get/Update/Delete/ListEventSourceMappings, checked as Lambda checks them.

Defaults and limits per source (each a documented number; see :mod:`pocketcloud.limits`):

* SQS: BatchSize 10 (standard queues up to 10,000 "with a batching window"; FIFO queues up to 10), no starting
  position, ``ScalingConfig.MaximumConcurrency`` 2-1,000, no batching window for FIFO queues.
  https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-parameters.html
* Kinesis and DynamoDB Streams: BatchSize 100 (up to 10,000), ``StartingPosition`` required (DynamoDB: TRIM_HORIZON
  or LATEST), ParallelizationFactor 1 (1-10), MaximumRetryAttempts and MaximumRecordAgeInSeconds -1 (infinite),
  BisectBatchOnFunctionError false, TumblingWindowInSeconds 0, an on-failure destination (SQS, SNS or S3).
  https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-parameters.html
  https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html
* All: MaximumBatchingWindowInSeconds 0-300 (the model's range), at most five filters.

Refusals use AWS's words where AWS's answer is on record (LocalStack's snapshot tests recorded against AWS, 2023-
2025): "StartingPosition is not valid for SQS event sources.", "Timestamp only valid with StartingPosition
AT_TIMESTAMP", "Unsupported starting position for arn type: <arn>", "Maximum batch window in seconds must be greater
than 0 if maximum batch size is greater than 10", "Invalid filter pattern definition.", "Unsupported
DestinationConfig parameter for given event source mapping type.", the ResourceConflictException for a second
mapping of the same source and function, "Error occurred while ReceiveMessage. SQS Error Code: ..." and "Stream not
found: <arn>" for a source that does not exist, and "Batching window is not supported for FIFO queues" (an AWS
answer relayed by CloudFormation, aws-lambda-dotnet#1758). Others are pocketcloud's wording and say so where they
are raised. A mapping needs no resource-based policy on the function: Lambda polls with the function's execution
role and invokes the function itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .... import limits
from ....errors import ClientError, ServiceError
from .. import filtering
from ..destinations import ESM_DESTINATION_SERVICES, arn_service, client, queue_url
from ..functions import paginate
from .activity import ActivityLog, ActivityView
from .dynamodb import DynamoDBSource
from .kinesis import KinesisSource
from .model import EventSourceMapping, move_to
from .sqs import SqsPoller
from .streams import StreamPoller

if TYPE_CHECKING:
    from ..service import LambdaService

_STREAM_ONLY = (
    "StartingPosition",
    "StartingPositionTimestamp",
    "ParallelizationFactor",
    "MaximumRetryAttempts",
    "MaximumRecordAgeInSeconds",
    "BisectBatchOnFunctionError",
    "TumblingWindowInSeconds",
    "DestinationConfig",
)
_NOT_SIMULATED = (
    "Topics",
    "Queues",
    "SourceAccessConfigurations",
    "SelfManagedEventSource",
    "AmazonManagedKafkaEventSourceConfig",
    "SelfManagedKafkaEventSourceConfig",
    "DocumentDBEventSourceConfig",
)
_ECHOED = ("KMSKeyArn", "MetricsConfig", "LoggingConfig", "ProvisionedPollerConfig")


def _invalid(message: str) -> ServiceError:
    return ServiceError("InvalidParameterValueException", message, Type="User")


def _unsupported(parameter: str) -> ServiceError:
    """AWS's answer for a DestinationConfig a source does not take; pocketcloud uses the same form for the other
    parameters of another source type."""
    return _invalid(f"Unsupported {parameter} parameter for given event source mapping type.")


def _kind(arn: Any) -> str:
    if not isinstance(arn, str) or not arn:
        raise _invalid("Unrecognized event source.")
    service = arn_service(arn)
    if service == "dynamodb" and "/stream/" in arn:
        return "dynamodb"
    if service in ("sqs", "kinesis"):
        return service
    raise _invalid(
        f"Unrecognized event source: pocketcloud simulates event source mappings for Amazon SQS, Kinesis and "
        f"DynamoDB Streams; {arn} is none of them."
    )


# -- checking ------------------------------------------------------------------------------------------------


def _check_source_settings(kind: str, arn: str, settings: dict[str, Any], creating: bool) -> None:
    """The per-source rules; ``settings`` holds the mapping's values after the request is applied."""
    fifo = kind == "sqs" and arn.endswith(".fifo")
    batch, window = settings["BatchSize"], settings["MaximumBatchingWindowInSeconds"]
    if kind == "sqs":
        if settings.get("StartingPosition") is not None or settings.get("StartingPositionTimestamp") is not None:
            raise _invalid("StartingPosition is not valid for SQS event sources.")
        for name in _STREAM_ONLY:
            if settings.get(name) is not None:
                raise _unsupported(name)
        if fifo and window:
            raise _invalid("Batching window is not supported for FIFO queues")
        if fifo and batch > limits.LAMBDA_ESM_SQS_FIFO_MAX_BATCH:
            raise _invalid("Maximum batch size must be between 1 and 10 inclusive")  # the form AWS used for SQS
        if batch > limits.LAMBDA_ESM_SQS_MAX_BATCH_NO_WINDOW and not window:
            raise _invalid(
                "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10"
            )
        return
    if settings.get("ScalingConfig") is not None:
        raise _unsupported("ScalingConfig")
    if creating:
        position = settings.get("StartingPosition")
        if position is None:
            raise _invalid(
                "1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member "
                "must not be null."
            )
        if settings.get("StartingPositionTimestamp") is not None and position != "AT_TIMESTAMP":
            raise _invalid("Timestamp only valid with StartingPosition AT_TIMESTAMP")
        if kind == "dynamodb" and position == "AT_TIMESTAMP":
            raise _invalid(f"Unsupported starting position for arn type: {arn}")
        if position == "AT_TIMESTAMP" and settings.get("StartingPositionTimestamp") is None:
            raise _invalid("StartingPositionTimestamp is required with StartingPosition AT_TIMESTAMP")
    age = settings.get("MaximumRecordAgeInSeconds")
    if age is not None and 0 <= age < limits.LAMBDA_ESM_MIN_RECORD_AGE_S:
        # AWS: "Minimum: -1 ... The minimum valid value for maximum record age is 60s"; the wording is pocketcloud's.
        raise _invalid(
            f"MaximumRecordAgeInSeconds must be -1 (infinite) or between {limits.LAMBDA_ESM_MIN_RECORD_AGE_S} and "
            "604800."
        )


def _check_destination(kind: str, config: Any) -> str | None:
    if config is None:
        return None
    if "OnSuccess" in config:
        raise _unsupported("DestinationConfig")
    destination = (config.get("OnFailure") or {}).get("Destination")
    if not destination:
        return None
    if arn_service(destination) not in ESM_DESTINATION_SERVICES:
        raise _invalid(f"The provided destination config DestinationConfig(onFailure={destination}) is invalid.")
    return str(destination)


def _check_source_exists(service: LambdaService, kind: str, arn: str) -> None:
    try:
        if kind == "sqs":
            client(service, "sqs").get_queue_attributes(QueueUrl=queue_url(arn), AttributeNames=["QueueArn"])
        elif kind == "kinesis":
            client(service, "kinesis").describe_stream_summary(StreamARN=arn)
        else:
            client(service, "dynamodbstreams").describe_stream(StreamArn=arn)
    except ClientError as error:
        code, message = error.response["Error"]["Code"], error.response["Error"]["Message"]
        if kind == "sqs":
            raise _invalid(
                f"Error occurred while ReceiveMessage. SQS Error Code: {code}. SQS Error Message: {message}"
            ) from None
        raise _invalid(f"Stream not found: {arn}") from None


def _function_arn(service: LambdaService, name: Any) -> str:
    try:
        target = service.resolve(name)
    except ServiceError as error:
        if error.code == "ResourceNotFoundException":
            raise _invalid("Function does not exist") from None
        raise
    return target.arn


def _defaults(kind: str) -> dict[str, Any]:
    batch = limits.LAMBDA_ESM_SQS_DEFAULT_BATCH if kind == "sqs" else limits.LAMBDA_ESM_STREAM_DEFAULT_BATCH
    return {"BatchSize": batch, "MaximumBatchingWindowInSeconds": 0}


# -- the operations --------------------------------------------------------------------------------------------


def create_event_source_mapping(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    """Check everything, then create the mapping (state Creating, or Disabled when ``Enabled`` is false)."""
    destination_config = params.get("DestinationConfig")
    if destination_config is not None and "OnSuccess" in destination_config:
        raise _unsupported("DestinationConfig")
    kind = _kind(params.get("EventSourceArn"))
    source_arn = str(params["EventSourceArn"])
    for name in _NOT_SIMULATED:
        if name in params:
            raise _unsupported(name)
    settings = {**_defaults(kind), **{k: v for k, v in params.items() if v is not None}}
    _check_source_settings(kind, source_arn, settings, creating=True)
    on_failure = _check_destination(kind, destination_config)
    filters, patterns = filtering.compile_filters(params.get("FilterCriteria"))
    function_arn = _function_arn(service, params["FunctionName"])
    _check_source_exists(service, kind, source_arn)
    for existing in service.event_source_mappings.values():
        if existing.source_arn == source_arn and existing.function_arn == function_arn:
            name = function_arn.split(":")[6]
            if kind == "sqs":
                message = (
                    f'An event source mapping with SQS arn (" {source_arn} ") and function (" {name} ") already '
                    f"exists. Please update or delete the existing mapping with UUID {existing.uuid}"
                )
            else:
                message = (
                    f'The event source arn (" {source_arn} ") and function (" {name} ") provided mapping already '
                    f"exists. Please update or delete the existing mapping with UUID {existing.uuid}"
                )
            raise ServiceError("ResourceConflictException", message, 409, Type="User")
    cloud = service.cloud
    uuid = cloud.new_request_id()
    enabled = params.get("Enabled", True) is not False
    esm = EventSourceMapping(
        uuid=uuid,
        arn=f"arn:aws:lambda:{cloud.region}:{cloud.account_id}:event-source-mapping:{uuid}",
        kind=kind,
        source_arn=source_arn,
        function_arn=function_arn,
        enabled=enabled,
        state="Creating",
        last_modified=cloud.now,
        batch_size=settings["BatchSize"],
        window_s=settings["MaximumBatchingWindowInSeconds"],
        filters=filters,
        patterns=patterns,
        response_types=list(params.get("FunctionResponseTypes") or []),
        tags=dict(params.get("Tags") or {}),
        extras={name: params[name] for name in _ECHOED if name in params},
        activity=ActivityLog(),
    )
    if kind == "sqs":
        scaling = params.get("ScalingConfig") or {}
        esm.max_concurrency = scaling.get("MaximumConcurrency")
    else:
        esm.starting_position = params["StartingPosition"]
        esm.starting_timestamp = params.get("StartingPositionTimestamp")
        esm.parallelization = params.get("ParallelizationFactor", 1)
        esm.max_retries = params.get("MaximumRetryAttempts", -1)
        esm.max_record_age_s = params.get("MaximumRecordAgeInSeconds", -1)
        esm.bisect = bool(params.get("BisectBatchOnFunctionError", False))
        esm.tumbling_window_s = params.get("TumblingWindowInSeconds", 0)
        esm.on_failure = on_failure
    esm.poller = _poller(service, esm)
    service.event_source_mappings[uuid] = esm
    _watch(service)
    move_to(service, esm, "Creating" if enabled else "Disabled")
    result = esm.configuration()
    result["ResponseMetadata"] = {"HTTPStatusCode": 202}
    return result


def _poller(service: LambdaService, esm: EventSourceMapping) -> Any:
    if esm.kind == "sqs":
        return SqsPoller(service, esm)
    if esm.kind == "kinesis":

        def role() -> str:
            """The execution role of the mapping's function now (the event's invokeIdentityArn)."""
            try:
                return service.resolve(esm.function_arn).version.role
            except ServiceError:
                return ""

        return StreamPoller(service, esm, KinesisSource(service.cloud, esm.source_arn, role))
    return StreamPoller(service, esm, DynamoDBSource(service.cloud, esm.source_arn))


def _watch(service: LambdaService) -> None:
    """Let ``cloud.run()`` stop once every mapping's pollers have found nothing more to do."""
    kernel = service.cloud.kernel
    if getattr(service, "_esm_watch", None) is None:

        def settled() -> bool:
            return all(m.poller is None or m.poller.idle() for m in service.event_source_mappings.values())

        service._esm_watch = settled  # type: ignore[attr-defined]
        kernel.quiescence_checks.append(settled)


def mapping(service: LambdaService, uuid: Any) -> EventSourceMapping:
    found: EventSourceMapping | None = service.event_source_mappings.get(uuid)
    if found is None:
        raise ServiceError("ResourceNotFoundException", "The resource you requested does not exist.", 404, Type="User")
    return found


def get_event_source_mapping(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    return mapping(service, params["UUID"]).configuration()


def update_event_source_mapping(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    """Change a mapping's settings (or its function, or Enabled); the state shows the change being applied."""
    esm = mapping(service, params["UUID"])
    if esm.state not in ("Enabled", "Disabled"):
        # AWS's code for a mapping that is still changing; the wording is pocketcloud's.
        raise ServiceError(
            "ResourceInUseException",
            f"Cannot update the event source mapping because it is in use (State: {esm.state}).",
            400,
            Type="User",
        )
    for name in _NOT_SIMULATED:
        if name in params:
            raise _unsupported(name)
    settings = {"BatchSize": esm.batch_size, "MaximumBatchingWindowInSeconds": esm.window_s}
    settings.update({k: v for k, v in params.items() if v is not None and k != "UUID"})
    _check_source_settings(esm.kind, esm.source_arn, settings, creating=False)
    on_failure = esm.on_failure
    if "DestinationConfig" in params:
        on_failure = _check_destination(esm.kind, params["DestinationConfig"])
    filters, patterns = esm.filters, esm.patterns
    if "FilterCriteria" in params:
        filters, patterns = filtering.compile_filters(params["FilterCriteria"])
    function_arn = _function_arn(service, params["FunctionName"]) if "FunctionName" in params else esm.function_arn
    # Everything is valid: apply.
    esm.function_arn = function_arn
    esm.batch_size = settings["BatchSize"]
    esm.window_s = settings["MaximumBatchingWindowInSeconds"]
    esm.filters, esm.patterns = filters, patterns
    if "FunctionResponseTypes" in params:
        esm.response_types = list(params["FunctionResponseTypes"])
    if "ScalingConfig" in params:
        esm.max_concurrency = (params["ScalingConfig"] or {}).get("MaximumConcurrency")
    if esm.is_stream:
        esm.parallelization = params.get("ParallelizationFactor", esm.parallelization)
        esm.max_retries = params.get("MaximumRetryAttempts", esm.max_retries)
        esm.max_record_age_s = params.get("MaximumRecordAgeInSeconds", esm.max_record_age_s)
        esm.bisect = bool(params.get("BisectBatchOnFunctionError", esm.bisect))
        esm.tumbling_window_s = params.get("TumblingWindowInSeconds", esm.tumbling_window_s)
        esm.on_failure = on_failure
    for name in _ECHOED:
        if name in params:
            esm.extras[name] = params[name]
    esm.last_modified = service.cloud.now
    enabled = params.get("Enabled", esm.enabled) is not False
    if enabled != esm.enabled:
        esm.enabled = enabled
        move_to(service, esm, "Enabling" if enabled else "Disabling")
    else:
        move_to(service, esm, "Updating")
    result = esm.configuration()
    result["ResponseMetadata"] = {"HTTPStatusCode": 202}
    return result


def delete_event_source_mapping(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    """Stop the pollers; the mapping reports Deleting until it is gone."""
    esm = mapping(service, params["UUID"])
    if esm.state == "Deleting":
        raise ServiceError(
            "ResourceInUseException",
            "Cannot delete the event source mapping because it is in use (State: Deleting).",
            400,
            Type="User",
        )
    if esm.poller is not None:
        esm.poller.stop()
    move_to(service, esm, "Deleting")
    result = esm.configuration()
    result["ResponseMetadata"] = {"HTTPStatusCode": 202}
    return result


def list_event_source_mappings(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    """The mappings of a source and/or a function, in the order they were created (Marker/MaxItems paging)."""
    mappings = list(service.event_source_mappings.values())
    source = params.get("EventSourceArn")
    if source is not None:
        mappings = [m for m in mappings if m.source_arn == source]
    if params.get("FunctionName") is not None:
        function, qualifier = service.function(params["FunctionName"])
        mappings = [
            m for m in mappings if m.function_name == function.name and (qualifier is None or m.qualifier == qualifier)
        ]
    page, marker = paginate(mappings, params, default_max=limits.LAMBDA_ESM_LIST_DEFAULT)
    result: dict[str, Any] = {"EventSourceMappings": [m.configuration() for m in page]}
    if marker:
        result["NextMarker"] = marker
    return result


def activity(service: LambdaService, uuid: str) -> ActivityView:
    """What ``cloud.lambda_esm_activity(uuid)`` shows (a learner's view; not an AWS API)."""
    found = service.event_source_mappings.get(uuid)
    if found is None:
        raise KeyError(f"no event source mapping {uuid!r} in this cloud")
    return ActivityView(found)
