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

# --- Lambda: runtimes ------------------------------------------------------------------------------------------
# Supported Python runtime identifiers, and the deprecated ones Lambda now refuses for new functions.
# https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
LAMBDA_PYTHON_RUNTIMES = ("python3.14", "python3.13", "python3.12", "python3.11", "python3.10")
LAMBDA_DEPRECATED_PYTHON_RUNTIMES = ("python3.9", "python3.8", "python3.7", "python3.6", "python2.7")

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
# Field lengths (Name 1-512, Description at most 2048, ClientRequestToken 32-64, MaxResults 1-100) come from
# botocore's model (engine/pocketcloud/models/secretsmanager.json).
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
# Name lengths and patterns, list sizes and the other per-parameter constraints come from botocore's model
# (engine/pocketcloud/models/logs.json); only the rules no model expresses are here.
# PutLogEvents: "The maximum batch size is 1,048,576 bytes. This size is calculated as the sum of all event
# messages in UTF-8, plus 26 bytes for each log event"; "Events more than 2 hours in the future are rejected";
# "Events older than 14 days ... are rejected". (The 10,000-event maximum is in the model.)
# https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html
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

# --- DynamoDB ----------------------------------------------------------------------------------------------------
# Constraints page (checked 2026-12-02): https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html
# "The maximum item size in DynamoDB is 400 KB, which includes both attribute name binary length (UTF-8 length)
# and attribute value lengths"; "All size measurements in DynamoDB use binary-based units ... 1 KB = 1024 bytes".
DYNAMODB_ITEM_MAX_BYTES = 400 * 1024
# "The minimum length of a partition key value is 1 byte. The maximum length is 2048 bytes." / sort key: 1024 bytes.
DYNAMODB_PARTITION_KEY_MAX_BYTES = 2048
DYNAMODB_SORT_KEY_MAX_BYTES = 1024
# "DynamoDB supports nested attributes up to 32 levels deep."
DYNAMODB_MAX_NESTING_DEPTH = 32
# Numbers: "Numbers can have up to 38 digits of precision"; "Positive range: 1E-130 to
# 9.9999999999999999999999999999999999999E+125"; negative range likewise. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html
DYNAMODB_NUMBER_PRECISION = 38
DYNAMODB_NUMBER_MAX_EXPONENT = 125  # adjusted exponent of the largest magnitude (9.99...E+125)
DYNAMODB_NUMBER_MIN_EXPONENT = -130  # adjusted exponent of the smallest magnitude (1E-130)
# Query and Scan: "A single Query operation can retrieve a maximum of 1 MB of data"; likewise Scan.
# https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html
DYNAMODB_PAGE_MAX_BYTES = 1024 * 1024
# "The maximum length of any expression string is 4 KB"; "The maximum length of any single expression attribute name
# or expression attribute value is 255 bytes"; "The maximum number of operands for the IN comparator is 100";
# "The maximum number of operators or functions allowed in an UpdateExpression is 300" (Constraints page).
DYNAMODB_EXPRESSION_MAX_BYTES = 4 * 1024
DYNAMODB_EXPRESSION_SUBSTITUTE_MAX_BYTES = 255
DYNAMODB_IN_MAX_OPERANDS = 100
DYNAMODB_UPDATE_MAX_OPERATORS = 300
# BatchGetItem: "up to 16 MB of data, which can contain as many as 100 items"; BatchWriteItem "up to 16 MB of data,
# which can comprise as many as 25 put or delete requests" (the 25 and 100 are also in botocore's model).
# https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html
# https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html
DYNAMODB_BATCH_GET_MAX_KEYS = 100
DYNAMODB_BATCH_GET_MAX_BYTES = 16 * 1024 * 1024
DYNAMODB_BATCH_WRITE_MAX_REQUESTS = 25
DYNAMODB_BATCH_WRITE_MAX_BYTES = 16 * 1024 * 1024
# TransactWriteItems: "up to 100 action requests ... The aggregate size of the items in the transaction cannot exceed
# 4 MB"; "A client token is valid for 10 minutes after the first request that uses it is completed."
# https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
DYNAMODB_TRANSACT_MAX_ITEMS = 100
DYNAMODB_TRANSACT_MAX_BYTES = 4 * 1024 * 1024
DYNAMODB_CLIENT_TOKEN_TTL_S = 10 * 60
# ListTables Limit: 1-100, "If this parameter is not specified, the limit is 100" (model: ListTablesInputLimit).
# https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListTables.html
DYNAMODB_LIST_TABLES_MAX = 100
# "Global secondary indexes per table: 20" (default quota); "You can define up to 5 local secondary indexes";
# "You can project a total of up to 100 attributes into all of a table's local and global secondary indexes".
DYNAMODB_MAX_GSIS = 20
DYNAMODB_MAX_LSIS = 5
DYNAMODB_MAX_PROJECTED_ATTRIBUTES = 100

# --- DynamoDB Streams ------------------------------------------------------------------------------------------------
# "In DynamoDB Streams, there is a 24 hour limit on data retention"; "A shard iterator expires 15 minutes after it is
# returned to the requester"; GetRecords "can retrieve a maximum of 1 MB of data or 1000 stream records, whichever
# comes first"; DescribeStream Limit "The upper limit is 100"; ListStreams Limit "The upper limit is 100".
# https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetShardIterator.html
# https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetRecords.html
# https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_DescribeStream.html (checked 2026-12-02)
DYNAMODB_STREAMS_RETENTION_S = 24 * 60 * 60
DYNAMODB_STREAMS_ITERATOR_TTL_S = 15 * 60
DYNAMODB_STREAMS_GET_RECORDS_MAX = 1000
DYNAMODB_STREAMS_GET_RECORDS_MAX_BYTES = 1024 * 1024
DYNAMODB_STREAMS_DESCRIBE_LIMIT_MAX = 100
DYNAMODB_STREAMS_LIST_LIMIT_MAX = 100
