"""Documented AWS limits the engine enforces, each with the page it comes from and the date it was checked.

Keep every number the engine enforces here, never inline in a service: a learner who wonders "is that really
the limit?" should find the source one click away, and a reviewer can re-check the whole table in one place.
"""

from __future__ import annotations

CHECKED = "2026-11-25"

# --- Lambda: function configuration -------------------------------------------------------------------------
# https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
# "Function memory allocation: 128 MB to 10,240 MB, in 1-MB increments."
LAMBDA_MEMORY_MIN_MB = 128
LAMBDA_MEMORY_MAX_MB = 10_240
# "Function timeout: 900 seconds (15 minutes)"; CreateFunction's Timeout has a minimum of 1.
# https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html
LAMBDA_TIMEOUT_MIN_S = 1
LAMBDA_TIMEOUT_MAX_S = 900
# Defaults when CreateFunction omits them: "The default is 128 MB" / "The default is 3 seconds."
# https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html
LAMBDA_DEFAULT_MEMORY_MB = 128
LAMBDA_DEFAULT_TIMEOUT_S = 3
# "Function environment variables: 4 KB, for all environment variables associated with the function, in
# aggregate." https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
LAMBDA_ENV_VARS_MAX_BYTES = 4 * 1024
# "Deployment package (.zip file archive) size: 50 MB (zipped, when uploaded through the Lambda API or SDKs)
# ... 250 MB (unzipped)". https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
LAMBDA_ZIP_UPLOAD_MAX_BYTES = 50 * 1024 * 1024
LAMBDA_UNZIPPED_MAX_BYTES = 250 * 1024 * 1024
# "Invocation payload (request and response): 6 MB each for synchronous invocations" (6,291,456 bytes is the
# figure in the RequestTooLargeException message).
# https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
LAMBDA_SYNC_PAYLOAD_MAX_BYTES = 6 * 1024 * 1024

# --- Lambda: invoke --------------------------------------------------------------------------------------------
# LogResult: "The last 4 KB of the execution log, which is base64-encoded."
# https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
LAMBDA_LOG_TAIL_BYTES = 4 * 1024
# The Init phase "is limited to 10 seconds" for on-demand functions.
# https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
LAMBDA_INIT_TIMEOUT_S = 10
# "For functions using provisioned concurrency or SnapStart, ... initialization code can run for up to 130
# seconds or the configured function timeout, whichever is higher" (checked 2026-12-01).
# https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html#runtimes-lifecycle-ib
LAMBDA_PROVISIONED_INIT_TIMEOUT_S = 130
# A synchronous response larger than this fails with Function.ResponseSizeTooLarge: "Response payload size
# exceeded maximum allowed payload size (6291556 bytes)." (the figure in Lambda's message, 6 MB + 100 bytes).
# https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
LAMBDA_SYNC_RESPONSE_MAX_BYTES = 6_291_556

# --- Lambda: runtimes ------------------------------------------------------------------------------------------
# Python runtime identifiers Lambda accepts for new functions, and the deprecated ones it refuses (past their
# "Block function create" date). python3.9 was deprecated on 2025-12-15, but its block-create date moved from
# 2026-01-15 to 2027-02-01 (block update 2027-03-03), so it is still accepted, deprecated (checked 2026-12-01;
# the table changes: re-check it). https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
# https://repost.aws/questions/QUwvZZcO78S2iFe9UF6rK4nw/aws-lambda-python-runtime-3-9-eol
LAMBDA_PYTHON_RUNTIMES = ("python3.14", "python3.13", "python3.12", "python3.11", "python3.10", "python3.9")
LAMBDA_DEPRECATED_PYTHON_RUNTIMES = ("python3.8", "python3.7", "python3.6", "python2.7")

# --- Secrets Manager -------------------------------------------------------------------------------------------
# Quota "Secret value size: 65,536 bytes" (not adjustable), and the API's SecretString / SecretBinary constraint
# "Minimum length of 1. Maximum length of 65536." (checked 2026-11-25).
# https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_limits.html
# https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html
SECRETSMANAGER_SECRET_VALUE_MAX_BYTES = 65_536
# DeleteSecret: "The number of days from 7 to 30 that Secrets Manager waits before permanently deleting the
# secret ... If you don't use either, then by default Secrets Manager uses a 30 day recovery window."
# https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html
SECRETSMANAGER_RECOVERY_WINDOW_MIN_DAYS = 7
SECRETSMANAGER_RECOVERY_WINDOW_MAX_DAYS = 30
SECRETSMANAGER_DEFAULT_RECOVERY_WINDOW_DAYS = 30
# Field lengths from the API reference: Name 1-512, Description at most 2048, ClientRequestToken 32-64,
# ListSecrets MaxResults 1-100. https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html
# https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ListSecrets.html
SECRETSMANAGER_NAME_MAX_LENGTH = 512
SECRETSMANAGER_DESCRIPTION_MAX_LENGTH = 2048
SECRETSMANAGER_CLIENT_REQUEST_TOKEN_MIN_LENGTH = 32
SECRETSMANAGER_CLIENT_REQUEST_TOKEN_MAX_LENGTH = 64
SECRETSMANAGER_LIST_MAX_RESULTS = 100

# --- Lambda: ephemeral storage (pricing) -----------------------------------------------------------------------
# "You can allocate any additional amount of storage to your function between 512 MB and 10,240 MB, in 1 MB
# increments ... 512 MB of ephemeral storage is available to each Lambda function at no additional cost."
# https://aws.amazon.com/lambda/pricing/ (checked 2026-11-25)
LAMBDA_EPHEMERAL_STORAGE_MIN_MB = 512
LAMBDA_EPHEMERAL_STORAGE_MAX_MB = 10_240

# --- CloudWatch Logs API ---------------------------------------------------------------------------------------
# Request shapes from the CloudWatch Logs API reference (checked 2026-11-25):
# https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogGroups.html
# https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogStreams.html
# https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetLogEvents.html
# https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html
# DescribeLogGroups / DescribeLogStreams "limit": 1 to 50; "If you don't specify a value, the default is up to 50".
LOGS_DESCRIBE_LIMIT_MAX = 50
# GetLogEvents / FilterLogEvents "limit": 1 to 10,000 events; the default is up to 10,000 events (and 1 MB).
LOGS_EVENTS_LIMIT_MAX = 10_000
# FilterLogEvents "logStreamNames": 1 to 100 items; "filterPattern": at most 1,024 characters.
LOGS_FILTER_STREAM_NAMES_MAX = 100
LOGS_FILTER_PATTERN_MAX_LENGTH = 1024
# Log group and log stream names: 1 to 512 characters. Group names use a-z, A-Z, 0-9, '_', '-', '/', '.', '#';
# stream names may not contain ':' or '*'. CreateLogGroup: "Log group names can't start with the string aws/".
# https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html
# https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogStream.html
LOGS_NAME_MAX_LENGTH = 512
LOGS_GROUP_NAME_PATTERN = r"[\.\-_/#A-Za-z0-9]+"
LOGS_STREAM_NAME_PATTERN = r"[^:*]*"
LOGS_GROUP_IDENTIFIER_MAX_LENGTH = 2048
# PutLogEvents: "The maximum batch size is 1,048,576 bytes. This size is calculated as the sum of all event
# messages in UTF-8, plus 26 bytes for each log event"; "The maximum number of log events in a batch is 10,000";
# "Events more than 2 hours in the future are rejected"; "Events older than 14 days ... are rejected".
# https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html
LOGS_PUT_MAX_EVENTS = 10_000
LOGS_PUT_MAX_BATCH_BYTES = 1_048_576
LOGS_PUT_EVENT_OVERHEAD_BYTES = 26
LOGS_PUT_MAX_FUTURE_MS = 2 * 60 * 60 * 1000
LOGS_PUT_MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000
# "For valid events ... the time span in a single batch cannot exceed 24 hours. Otherwise, the operation fails."
LOGS_PUT_MAX_SPAN_MS = 24 * 60 * 60 * 1000

# --- Lambda: layers ----------------------------------------------------------------------------------------------
# "Function layers: five layers" per function; the 250 MB unzipped limit counts function code and all layers.
# https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html (checked 2026-11-25)
LAMBDA_MAX_LAYERS = 5

# --- Lambda: concurrency -----------------------------------------------------------------------------------------
# "By default, Lambda gives your account a total concurrency limit of 1,000 concurrent executions across all
# functions in an AWS Region", and "Lambda keeps at least 100 units of concurrency unreserved".
# https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html (checked 2026-11-25)
LAMBDA_ACCOUNT_CONCURRENCY = 1_000
LAMBDA_MIN_UNRESERVED_CONCURRENCY = 100
# "For asynchronous invocations, the maximum payload size is 1 MB."
# https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html (checked 2026-11-25)
LAMBDA_ASYNC_PAYLOAD_MAX_BYTES = 1024 * 1024
# Asynchronous invocation retries: "Lambda retries the function two more times, with a one-minute wait between
# the first two attempts, and two minutes between the second and third attempts"; events stay in the queue up
# to 6 hours. https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html (checked 2026-11-25)
LAMBDA_ASYNC_RETRY_DELAYS_S = (60, 120)
LAMBDA_ASYNC_MAX_EVENT_AGE_S = 6 * 3600
# "Lambda allocates CPU power in proportion to the amount of memory configured ... At 1,769 MB, a function has the
# equivalent of one vCPU" and up to 6 vCPUs at 10,240 MB.
# https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html (checked 2026-11-25)
LAMBDA_MB_PER_VCPU = 1_769
LAMBDA_MAX_VCPUS = 6
