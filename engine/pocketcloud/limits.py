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
# Field lengths (Name 1-512, Description at most 2048, ClientRequestToken 32-64, MaxResults 1-100) come from
# botocore's model (engine/pocketcloud/models/secretsmanager.json).
SECRETSMANAGER_LIST_MAX_RESULTS = 100
# Quotas (checked 2026-12-01): staging labels attached to a version of a secret, 20; tags per secret, 50 (the
# AWS-wide tag maximum); "Secrets Manager removes unlabeled versions when there are more than 100, but it does
# not remove versions created less than 24 hours ago."
# https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_limits.html
SECRETSMANAGER_STAGES_PER_VERSION_MAX = 20
SECRETSMANAGER_TAGS_MAX = 50
SECRETSMANAGER_VERSIONS_KEPT = 100
SECRETSMANAGER_VERSION_MIN_AGE_S = 24 * 60 * 60
# BatchGetSecretValue: "up to 20 secrets"; MaxResults 1-20 and SecretIdList 1-20 items are in the model.
# https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_BatchGetSecretValue.html
SECRETSMANAGER_BATCH_MAX = 20

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

# --- CloudWatch Logs: retention, tags, filters, policies (checked 2026-12-01) -------------------------------------
# PutRetentionPolicy retentionInDays: "Possible values are: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
# 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, and 3653."
# https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
LOGS_RETENTION_DAYS = (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
                       3288, 3653)  # fmt: skip
# TagResource: "You can associate as many as 50 tags with a CloudWatch Logs resource."
# https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_TagResource.html
LOGS_TAGS_MAX = 50
# PutMetricFilter: "The maximum number of metric filters that can be associated with a log group is 100." A
# MetricTransformation "can include as many as three dimensions". Regular expressions: "a quota of two regular
# expression patterns within a single filter pattern ... five regular expression patterns per log group".
# https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutMetricFilter.html
# https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_MetricTransformation.html
LOGS_METRIC_FILTERS_PER_GROUP_MAX = 100
LOGS_METRIC_DIMENSIONS_MAX = 3
LOGS_REGEX_PER_PATTERN_MAX = 2
LOGS_REGEX_PER_GROUP_MAX = 5
# PutSubscriptionFilter: "Each log group can have up to two subscription filters associated with it."
# https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutSubscriptionFilter.html
LOGS_SUBSCRIPTION_FILTERS_PER_GROUP_MAX = 2
# PutResourcePolicy: "An account can have a maximum of 10 policies without resourceARN and one per LogGroup
# resourceARN". https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutResourcePolicy.html
LOGS_ACCOUNT_RESOURCE_POLICIES_MAX = 10
# StartQuery: "You can have up to 100 concurrent CloudWatch Logs insights queries"; "Queries time out after 60
# minutes of runtime"; "You can query up to 10 data sources in a single query"; limit "The maximum limit is
# 100,000"; GetQueryResults returns "10,000 log events per request".
# https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_StartQuery.html
# https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetQueryResults.html
LOGS_CONCURRENT_QUERIES_MAX = 100
LOGS_QUERY_TIMEOUT_S = 60 * 60
LOGS_QUERY_LOG_GROUPS_MAX = 10
LOGS_QUERY_RESULTS_MAX = 100_000
LOGS_QUERY_RESULTS_PAGE_MAX = 10_000
# "Query results are available for 7 days." (CloudWatch Logs quotas, "Logs Insights: Query results availability")
# https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html
LOGS_QUERY_RESULTS_KEPT_S = 7 * 24 * 60 * 60
# The `limit` command (and StartQuery without `limit`): "If you don't specify limit, the default is 10,000 log
# events" ... "the maximum is 10,000" in the command. https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-Limit.html
LOGS_QUERY_DEFAULT_LIMIT = 10_000
# CreateExportTask: "Each account can only have one active (RUNNING or PENDING) export task at a time."
# https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateExportTask.html
LOGS_ACTIVE_EXPORT_TASKS_MAX = 1

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
#: "Function and layer storage: 75 GB" (gettingstarted-limits), as GetAccountSettings reports it (80530636800).
LAMBDA_TOTAL_CODE_STORAGE_BYTES = 75 * 1024**3
# "For asynchronous invocations, the maximum payload size is 1 MB."
# https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html (checked 2026-11-25)
LAMBDA_ASYNC_PAYLOAD_MAX_BYTES = 1024 * 1024
# Asynchronous invocation retries: "Lambda retries the function two more times, with a one-minute wait between
# the first two attempts, and two minutes between the second and third attempts"; events stay in the queue up
# to 6 hours. https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html (checked 2026-11-25)
LAMBDA_ASYNC_RETRY_DELAYS_S = (60, 120)
LAMBDA_ASYNC_MAX_EVENT_AGE_S = 6 * 3600
# ListFunctionEventInvokeConfigs: "MaxItems: The maximum number of configurations to return", 1-50 (its model's
# range). https://docs.aws.amazon.com/lambda/latest/api/API_ListFunctionEventInvokeConfigs.html (checked 2026-12-03)
LAMBDA_EVENT_INVOKE_CONFIG_LIST_MAX = 50
# Tags: "Maximum number of tags per resource - 50" (AWS's tag restrictions, which Lambda follows; LocalStack's
# AWS-validated Lambda provider uses the same 50, "Number of tags exceeds function tag limit.").
# https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html#tag-conventions (checked 2026-12-04)
LAMBDA_MAX_TAGS = 50

# --- Lambda: event source mappings -------------------------------------------------------------------------------
# Checked 2026-12-03. SQS: "BatchSize ... 10 ... For standard queues, the maximum is 10,000. For FIFO queues, the
# maximum is 10"; a batch over 10 needs a batching window ("Maximum batch window in seconds must be greater than 0 if
# maximum batch size is greater than 10"). https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-parameters.html
LAMBDA_ESM_SQS_DEFAULT_BATCH = 10
LAMBDA_ESM_SQS_FIFO_MAX_BATCH = 10
LAMBDA_ESM_SQS_MAX_BATCH_NO_WINDOW = 10
# Kinesis and DynamoDB Streams: "BatchSize ... 100 ... Maximum: 10,000".
# https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-parameters.html
LAMBDA_ESM_STREAM_DEFAULT_BATCH = 100
# MaximumRecordAgeInSeconds is -1 (infinite) or at least 60 ("The minimum valid value for maximum record age is
# 60s", AWS::Lambda::EventSourceMapping). https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-eventsourcemapping.html
LAMBDA_ESM_MIN_RECORD_AGE_S = 60
# "By default, you can define up to five different filters for a single event source mapping."
# https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html
LAMBDA_ESM_MAX_FILTERS = 5
# ListEventSourceMappings: "MaxItems ... maximum of 10,000"; pocketcloud's page when none is given is 100.
LAMBDA_ESM_LIST_DEFAULT = 100
# "Lambda allocates CPU power in proportion to the amount of memory configured ... At 1,769 MB, a function has the
# equivalent of one vCPU" and up to 6 vCPUs at 10,240 MB.
# https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html (checked 2026-11-25)
LAMBDA_MB_PER_VCPU = 1_769
LAMBDA_MAX_VCPUS = 6

# --- Kinesis Data Streams ------------------------------------------------------------------------------------------
# Checked 2026-12-02. Per-shard throughput: "A shard supports 1 MB/s and 1000 records per second for writes and 2 MB/s
# for reads in both on-demand and provisioned capacity modes"; CreateStream's reference gives the same limits in MiB
# ("up to a maximum data write total of 1 MiB per second", "reads up to five transactions per second, up to a maximum
# data read total of 2 MiB per second"), which is what the engine uses.
# https://docs.aws.amazon.com/streams/latest/dev/working-with-streams.html
# https://docs.aws.amazon.com/kinesis/latest/APIReference/API_CreateStream.html
KINESIS_SHARD_WRITE_BYTES_PER_S = 1024 * 1024
KINESIS_SHARD_WRITE_RECORDS_PER_S = 1_000
KINESIS_SHARD_READ_BYTES_PER_S = 2 * 1024 * 1024
KINESIS_SHARD_READ_TRANSACTIONS_PER_S = 5
# GetRecords: "The maximum number of records that can be returned per call is 10,000" and "The maximum size of data
# that GetRecords can return is 10 MiB. If a call returns this amount of data, subsequent calls made within the next
# 5 seconds throw ProvisionedThroughputExceededException" (10 MiB at 2 MiB/s).
# https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetRecords.html
KINESIS_GET_RECORDS_MAX_RECORDS = 10_000
KINESIS_GET_RECORDS_MAX_BYTES = 10 * 1024 * 1024
# Record size (data blob plus partition key): "The default maximum record size for existing, and newly created
# streams is set to 1 MiB"; a stream can raise it to 10 MiB (MaxRecordSizeInKiB 1024-10240).
# https://docs.aws.amazon.com/streams/latest/dev/large-records.html
# https://docs.aws.amazon.com/kinesis/latest/APIReference/API_UpdateMaxRecordSize.html
KINESIS_DEFAULT_MAX_RECORD_SIZE_KIB = 1_024
# PutRecords: "Each PutRecords request can support up to 500 records. Each record in the request can be as large as
# 10 MiB, up to a limit of 10 MiB for the entire request, including partition keys." (The request limit was 5 MiB
# before large records arrived; botocore 1.44's model and the current API reference both say 10 MiB.)
# https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html
KINESIS_PUT_RECORDS_MAX_RECORDS = 500
KINESIS_PUT_RECORDS_MAX_BYTES = 10 * 1024 * 1024
# Retention: "By default, data records are accessible for 24 hours"; "The maximum value of a stream's retention
# period is 8760 hours (365 days)"; "The minimum value of a stream's retention period is 24 hours."
# https://docs.aws.amazon.com/kinesis/latest/APIReference/API_IncreaseStreamRetentionPeriod.html
# https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DecreaseStreamRetentionPeriod.html
KINESIS_DEFAULT_RETENTION_HOURS = 24
KINESIS_MIN_RETENTION_HOURS = 24
KINESIS_MAX_RETENTION_HOURS = 8_760
# "A shard iterator expires 5 minutes after it is returned to the requester"; AWS's ExpiredIteratorException says
# "... the tolerated delay of 300000 milliseconds."
# https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetShardIterator.html
KINESIS_ITERATOR_LIFETIME_MS = 300_000
# On-demand: "By default, new data streams created with the on-demand capacity mode have 4 MB/s of write and 8 MB/s
# of read throughput", i.e. four shards of 1 MB/s write and 2 MB/s read each.
# https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html
KINESIS_ON_DEMAND_INITIAL_SHARDS = 4
# Listing: ListStreams "default limit, which is currently 100" (and at most 100 a page); DescribeStream "The default
# value is 100. If you specify a value greater than 100, at most 100 results are returned"; ListShards "The default
# value is 1000. If you specify a value greater than 1000, at most 1000 results are returned"; ListShards tokens
# "expire after 300 seconds".
# https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListStreams.html
# https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DescribeStream.html
# https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListShards.html
KINESIS_LIST_STREAMS_MAX = 100
KINESIS_DESCRIBE_STREAM_MAX_SHARDS = 100
KINESIS_LIST_SHARDS_MAX = 1_000
KINESIS_LIST_SHARDS_TOKEN_LIFETIME_S = 300

# --- Amazon SQS ------------------------------------------------------------------------------------------------
# Checked 2026-12-02 against the SQS API reference and developer guide:
# https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html
# https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
# https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html
# https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html
# https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-fifo.html
# Queue names: "up to 80 characters" (alphanumerics, hyphens, underscores; a FIFO name ends in .fifo, counted).
SQS_QUEUE_NAME_MAX_LENGTH = 80
# MessageBody: "The minimum size is one character. The maximum size is 1 MiB or 1,048,576 bytes"; the queue's
# MaximumMessageSize: "An integer from 1,024 bytes (1 KiB) to 1,048,576 bytes (1 MiB). Default: 1,048,576 bytes"
# (raised from 256 KiB: "AWS has raised the maximum payload size from 256 KB to 1 MB for asynchronous AWS Lambda
# function invocations, Amazon Simple Queue Service (Amazon SQS), and Amazon EventBridge", AWS Compute Blog,
# https://aws.amazon.com/blogs/compute/more-room-to-build-serverless-services-now-support-payloads-up-to-1-mb).
SQS_MESSAGE_SIZE_MIN_BYTES = 1_024
SQS_MESSAGE_SIZE_MAX_BYTES = 1_048_576
# VisibilityTimeout: "An integer from 0 to 43,200 (12 hours). Default: 30."
SQS_VISIBILITY_TIMEOUT_MAX_S = 43_200
SQS_DEFAULT_VISIBILITY_TIMEOUT_S = 30
# MessageRetentionPeriod: "An integer from 60 seconds (1 minute) to 1,209,600 seconds (14 days). Default: 345,600
# (4 days)."
SQS_RETENTION_MIN_S = 60
SQS_RETENTION_MAX_S = 1_209_600
SQS_DEFAULT_RETENTION_S = 345_600
# DelaySeconds: "An integer from 0 to 900 seconds (15 minutes). Default: 0."
SQS_DELAY_MAX_S = 900
# ReceiveMessageWaitTimeSeconds / WaitTimeSeconds: "An integer from 0 to 20 (seconds). Default: 0."
SQS_WAIT_TIME_MAX_S = 20
# MaxNumberOfMessages: "Valid values: 1 to 10. Default: 1." A batch request holds "a maximum of 10 messages".
SQS_RECEIVE_MAX_MESSAGES = 10
SQS_BATCH_MAX_ENTRIES = 10
# "A batched message ID can have up to 80 characters" (alphanumerics, hyphens, underscores).
SQS_BATCH_ID_MAX_LENGTH = 80
# "A message can contain up to 10 metadata attributes"; attribute names and types "up to 256 characters".
SQS_MESSAGE_ATTRIBUTES_MAX = 10
SQS_ATTRIBUTE_NAME_MAX_LENGTH = 256
# MessageGroupId / MessageDeduplicationId: "The maximum length ... is 128 characters".
SQS_FIFO_ID_MAX_LENGTH = 128
# RedrivePolicy maxReceiveCount: 1 to 1,000 (AWS's error: "valid values are from 1 to 1000 both inclusive").
SQS_MAX_RECEIVE_COUNT_MAX = 1_000
# KmsDataKeyReusePeriodSeconds: "between 60 seconds (1 minute) and 86,400 seconds (24 hours). Default: 300".
SQS_KMS_REUSE_MIN_S = 60
SQS_KMS_REUSE_MAX_S = 86_400
# FIFO: "If a message with a particular message deduplication ID is sent successfully, any messages sent with
# the same message deduplication ID are accepted successfully but aren't delivered during the 5-minute
# deduplication interval."
# https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/using-messagededuplicationid-property.html
SQS_DEDUPLICATION_INTERVAL_S = 300
# In-flight messages: "For most standard queues ... a maximum of approximately 120,000 in flight messages ... If
# you reach this limit, Amazon SQS returns the OverLimit error message." FIFO queues: "a maximum of 120,000
# in-flight messages ... If this limit is reached, Amazon SQS does not return an error" (the older 20,000 figure
# for FIFO queues is no longer what the FIFO quotas page says).
# https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ChangeMessageVisibility.html
SQS_MAX_IN_FLIGHT = 120_000
# "You must wait 60 seconds after deleting a queue before you can create another with the same name"; "Only one
# PurgeQueue operation on <queue> is allowed every 60 seconds."
# https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteQueue.html
# https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_PurgeQueue.html
SQS_RECREATE_WAIT_S = 60
SQS_PURGE_INTERVAL_S = 60
# ListQueues / ListDeadLetterSourceQueues MaxResults: "Value range: 1 to 1,000"; ListQueues "A maximum of 1,000
# results". https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListQueues.html
SQS_LIST_MAX_RESULTS = 1_000

# --- Amazon SNS ------------------------------------------------------------------------------------------------
# Checked 2026-12-02:
# https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html
# https://docs.aws.amazon.com/sns/latest/api/API_Publish.html
# https://docs.aws.amazon.com/sns/latest/api/API_PublishBatch.html
# https://docs.aws.amazon.com/sns/latest/dg/large-message-payloads.html
# https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html
# Topic names: "uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1
# and 256 characters long. For a FIFO (first-in-first-out) topic, the name must end with the .fifo suffix."
SNS_TOPIC_NAME_MAX_LENGTH = 256
# MaximumMessageSize topic attribute: "Valid values are 1024 to 1048576 (1 MiB). The default is 262144 (256 KiB)";
# PublishBatch: the individual and the total payload sizes are bounded by the same value.
SNS_MESSAGE_SIZE_MIN_BYTES = 1_024
SNS_MESSAGE_SIZE_MAX_BYTES = 1_048_576
SNS_DEFAULT_MESSAGE_SIZE_BYTES = 262_144
# "A topic with a MaximumMessageSize above 256 KiB must have 100 or fewer subscriptions".
SNS_LARGE_TOPIC_MAX_SUBSCRIPTIONS = 100
# Subject: "Constraints: Subjects must be UTF-8 text with no line breaks or control characters, and must be less
# than 100 characters long." (API_Publish)
SNS_SUBJECT_MAX_LENGTH = 100
# PublishBatch: "Publishes up to 10 messages to the specified topic in a single batch."
SNS_BATCH_MAX_ENTRIES = 10
# Filter policies: "A filter policy can have a maximum of five keys"; "The total combination of values in a filter
# policy must not exceed 150"; "The maximum size of a filter policy is 256 KB."
SNS_FILTER_POLICY_MAX_KEYS = 5
SNS_FILTER_POLICY_MAX_COMBINATIONS = 150
SNS_FILTER_POLICY_MAX_BYTES = 256 * 1024
# "For numeric matching, the value can range from -10^9 to 10^9 (-1 billion to 1 billion), with five digits of
# accuracy after the decimal point."
SNS_FILTER_NUMERIC_LIMIT = 1_000_000_000
# FIFO topics deduplicate "within the batch and across batches for 5 minutes" (API_PublishBatch).
SNS_DEDUPLICATION_INTERVAL_S = 300
# ListTopics / ListSubscriptions / ListSubscriptionsByTopic: "Returns a list of ... Each call returns a limited
# list of topics, up to 100" (subscriptions: "up to 100").
# https://docs.aws.amazon.com/sns/latest/api/API_ListTopics.html
SNS_LIST_PAGE_SIZE = 100

# --- S3: buckets ---------------------------------------------------------------------------------------------------
# General purpose bucket naming rules (checked 2026-12-02): 3-63 characters; lowercase letters, numbers, periods
# and hyphens; begin and end with a letter or number; no two adjacent periods; not an IP address; reserved
# prefixes and suffixes. https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
S3_BUCKET_NAME_MIN = 3
S3_BUCKET_NAME_MAX = 63
S3_BUCKET_RESERVED_PREFIXES = ("xn--", "sthree-", "amzn-s3-demo-")
S3_BUCKET_RESERVED_SUFFIXES = ("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3")
# "By default, you can create up to 10,000 general purpose buckets per AWS account" (an adjustable quota).
# https://docs.aws.amazon.com/AmazonS3/latest/userguide/BucketRestrictions.html (checked 2026-12-02)
S3_MAX_BUCKETS = 10_000

# --- S3: objects ---------------------------------------------------------------------------------------------------
# "The name for a key is a sequence of Unicode characters whose UTF-8 encoding is at most 1,024 bytes long."
# https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html (checked 2026-12-02)
S3_KEY_MAX_BYTES = 1024
# "The PUT request header is limited to 8 KB in size. Within the PUT request header, the user-defined metadata is
# limited to 2 KB in size. The size of user-defined metadata is measured by taking the sum of the number of bytes
# in the UTF-8 encoding of each key and value." https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMetadata.html
S3_USER_METADATA_MAX_BYTES = 2 * 1024
# "Upload an object in a single operation by using the AWS SDKs, REST API, or AWS CLI – With a single PUT
# operation, you can upload a single object up to 5 GB in size."
# https://docs.aws.amazon.com/AmazonS3/latest/userguide/upload-objects.html (checked 2026-12-02)
S3_PUT_OBJECT_MAX_BYTES = 5 * 1024**3
# "You can create a copy of your object up to 5 GB in a single atomic action."
# https://docs.aws.amazon.com/AmazonS3/latest/userguide/copy-object.html (checked 2026-12-02)
S3_COPY_OBJECT_MAX_BYTES = 5 * 1024**3
# ListObjectsV2 MaxKeys: "By default, the action returns up to 1,000 key names."
# https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html (checked 2026-12-02)
S3_LIST_MAX_KEYS = 1000
# DeleteObjects: "The request can contain a list of up to 1,000 keys that you want to delete."
# https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html (checked 2026-12-02)
S3_DELETE_OBJECTS_MAX_KEYS = 1000

# --- S3: multipart upload ------------------------------------------------------------------------------------------
# "Part numbers: 1 to 10,000 (inclusive)"; "Part size: 5 MiB to 5 GiB. There is no minimum size limit on the last
# part of your multipart upload."; "Maximum number of parts returned for a list parts request: 1000".
# https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html (checked 2026-12-02)
S3_MAX_PART_NUMBER = 10_000
S3_MIN_PART_BYTES = 5 * 1024 * 1024
S3_MAX_PART_BYTES = 5 * 1024**3
S3_LIST_PARTS_MAX = 1000

# --- S3: object tagging --------------------------------------------------------------------------------------------
# "You can associate up to 10 tags with an object"; "A tag key can be up to 128 Unicode characters in length, and
# tag values can be up to 256 Unicode characters in length." https://docs.aws.amazon.com/AmazonS3/latest/userguide/tagging-managing.html
S3_MAX_OBJECT_TAGS = 10
S3_TAG_KEY_MAX = 128
S3_TAG_VALUE_MAX = 256

# --- S3: event notifications ---------------------------------------------------------------------------------------
# FilterRule Value: "The maximum length is 1,024 characters."
# https://docs.aws.amazon.com/AmazonS3/latest/API/API_FilterRule.html (checked 2026-12-02)
S3_FILTER_VALUE_MAX = 1024

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
# --- SES (classic v1 API) ------------------------------------------------------------------------------------------
# Sandbox: "you can send up to 200 emails per 24-hour period" and "1 email per second"; "Quotas are based on the
# number of recipients, rather than on the number of messages." https://docs.aws.amazon.com/ses/latest/dg/quotas.html
# (checked 2026-12-03)
SES_SANDBOX_MAX_24_HOUR_SEND = 200
SES_SANDBOX_MAX_SEND_RATE = 1
# "Using the SES v1 API - Maximum message size (including attachments): 10 MB per message (after base64 encoding)."
# https://docs.aws.amazon.com/ses/latest/dg/quotas.html (checked 2026-12-03)
SES_V1_MAX_MESSAGE_BYTES = 10 * 1024 * 1024
# SendEmail Destination: "The message may not include more than 50 recipients, across the To:, CC: and BCC: fields."
# https://docs.aws.amazon.com/ses/latest/APIReference/API_SendEmail.html (checked 2026-12-03)
SES_MAX_RECIPIENTS = 50
# Receipt rule set and rule names: "Contain only ASCII letters (a-z, A-Z), numbers (0-9), underscores (_), or dashes
# (-). Start and end with a letter or number. Contain 64 characters or fewer."
# https://docs.aws.amazon.com/ses/latest/APIReference/API_CreateReceiptRuleSet.html (checked 2026-12-03)
SES_RULE_NAME_MAX = 64
# "There is a 30-second timeout on RequestResponse invocations."
# https://docs.aws.amazon.com/ses/latest/dg/receiving-email-action-lambda.html (checked 2026-12-03)
SES_REQUEST_RESPONSE_TIMEOUT_S = 30
# headersTruncated: "which will happen if the headers are larger than 10 KB".
# https://docs.aws.amazon.com/ses/latest/dg/receiving-email-notifications-contents.html (checked 2026-12-03)
SES_NOTIFICATION_HEADERS_MAX_BYTES = 10 * 1024
# SNS action: "the notification contains the entire contents of the email" up to 150 KB; "If the email is larger
# than 150 KB, it will bounce". https://docs.aws.amazon.com/ses/latest/dg/receiving-email-action-sns.html
SES_SNS_ACTION_MAX_BYTES = 150 * 1024

# --- RDS -----------------------------------------------------------------------------------------------------------
# DBInstanceIdentifier: "Must contain from 1 to 63 letters, numbers, or hyphens."; DBSnapshotIdentifier: 1-255.
# https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html
# https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSnapshot.html (checked 2026-12-03)
RDS_IDENTIFIER_MAX = 63
RDS_SNAPSHOT_IDENTIFIER_MAX = 255
# Subscription names: "The name must be less than 255 characters."
# https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateEventSubscription.html (checked 2026-12-03)
RDS_SUBSCRIPTION_NAME_MAX = 254
# Default quotas, https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html: "DB instances: 40" (read
# on 2026-12-03); "Event subscriptions: 20" and "Manual DB instance snapshots: 100" are that table's other rows as
# remembered: the copy read did not show them, so they are not verified.
RDS_MAX_DB_INSTANCES = 40
RDS_MAX_EVENT_SUBSCRIPTIONS = 20
RDS_MAX_MANUAL_SNAPSHOTS = 100
# DescribeEvents: "Returns events related to DB instances ... for the past 14 days"; Duration defaults to 60
# minutes. https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeEvents.html (checked 2026-12-03)
RDS_EVENT_RETENTION_S = 14 * 24 * 3600
RDS_DESCRIBE_EVENTS_DEFAULT_MINUTES = 60
# MaxRecords: "Default: 100 Constraints: Minimum 20, maximum 100." (DescribeDBInstances and the other Describe*).
# https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBInstances.html (checked 2026-12-03)
RDS_MAX_RECORDS_MIN = 20
RDS_MAX_RECORDS_MAX = 100

# --- ElastiCache ---------------------------------------------------------------------------------------------------
# CacheClusterId: "A name must contain from 1 to 50 alphanumeric characters or hyphens. The first character must be
# a letter. A name cannot end with a hyphen or contain two consecutive hyphens." ReplicationGroupId: "Must contain
# from 1 to 40 alphanumeric characters or hyphens."
# https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateCacheCluster.html
# https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html (2026-12-03)
ELASTICACHE_CLUSTER_ID_MAX = 50
ELASTICACHE_REPLICATION_GROUP_ID_MAX = 40
# NumCacheNodes: "For clusters running Valkey or Redis OSS, this value must be 1. For clusters running Memcached,
# this value must be between 1 and 40." https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateCacheCluster.html
ELASTICACHE_MEMCACHED_MAX_NODES = 40
# NumCacheClusters: "The maximum permitted value for NumCacheClusters is 6 (1 primary plus 5 replicas)."
# https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html (2026-12-03)
ELASTICACHE_MAX_CACHE_CLUSTERS_PER_GROUP = 6
# DescribeEvents: "Events that occurred more than 14 days before the current time are not returned" (Duration
# defaults to 60 minutes). https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DescribeEvents.html
ELASTICACHE_EVENT_RETENTION_S = 14 * 24 * 3600

# --- API Gateway (checked 2026-12-01) ------------------------------------------------------------------------
# REST APIs: "Integration timeout: 50 milliseconds - 29 seconds for all integration types" (since June 2024 it
# can be raised for Regional and private REST APIs through a quota increase; pocketcloud keeps the default), and
# PutIntegration answers a value outside the range with "Timeout should be between 50 ms and 29000 ms".
# https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html#api-gateway-execution-service-limits-table
# https://aws.amazon.com/about-aws/whats-new/2024/06/amazon-api-gateway-integration-timeout-limit-29-seconds/
APIGATEWAY_REST_TIMEOUT_MIN_MS = 50
APIGATEWAY_REST_TIMEOUT_MAX_MS = 29_000
APIGATEWAY_REST_TIMEOUT_DEFAULT_MS = 29_000
# HTTP APIs: "Maximum integration timeout: 30 seconds" (not adjustable); CreateIntegration's TimeoutInMillis is
# 50 to 30,000 and defaults to 30,000 for HTTP APIs.
# https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html
# https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-integrations.html
APIGATEWAY_HTTP_TIMEOUT_MIN_MS = 50
APIGATEWAY_HTTP_TIMEOUT_MAX_MS = 30_000
APIGATEWAY_HTTP_TIMEOUT_DEFAULT_MS = 30_000
# Stage names: "Stage names can only contain alphanumeric characters, hyphens, and underscores. Maximum length is
# 128 characters." (HTTP APIs also accept "$default".) https://docs.aws.amazon.com/apigateway/latest/api/API_Stage.html
APIGATEWAY_STAGE_NAME_MAX_LENGTH = 128
# Stage variables: "Variable names can have alphanumeric and underscore characters, and the values must match
# [A-Za-z0-9-._~:/?#&=,]+." https://docs.aws.amazon.com/apigateway/latest/api/API_CreateDeployment.html
# "Stage variable value: 2048 characters" (quota table above).
APIGATEWAY_STAGE_VARIABLE_VALUE_MAX_LENGTH = 2_048
# GetRestApis / GetResources / GetDeployments: "limit: The maximum number of returned results per page. The
# default value is 25 and the maximum value is 500." https://docs.aws.amazon.com/apigateway/latest/api/API_GetRestApis.html
APIGATEWAY_PAGE_DEFAULT = 25
APIGATEWAY_PAGE_MAX = 500
# minimumCompressionSize: "Invalid minimum compression size, must be between 0 and 10485760" (AWS's answer to a
# value outside the documented 0 to 10 MiB range). https://docs.aws.amazon.com/apigateway/latest/api/API_RestApi.html
APIGATEWAY_COMPRESSION_MAX_BYTES = 10_485_760

# --- EventBridge (checked 2026-12-01) -------------------------------------------------------------------------
# Quotas, https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html: "Event buses: 100" per account,
# "Number of rules: ... 300" per event bus (100 in af-south-1 and eu-south-1), "Targets per rule: 5",
# "Event pattern size: 2048" characters (adjustable up to the API's 4096).
EVENTS_MAX_BUSES = 100
EVENTS_MAX_RULES_PER_BUS = 300
EVENTS_MAX_RULES_PER_BUS_SMALL_REGIONS = 100
EVENTS_SMALL_REGIONS = ("af-south-1", "eu-south-1")
EVENTS_MAX_TARGETS_PER_RULE = 5
EVENTS_MAX_PATTERN_CHARS = 2048
# PutEvents: up to 10 entries (the API's Entries list); the entries of one request may total 1 MB, counted as
# "Calculating PutEvents event entry size" counts them (Time 14 bytes, the UTF-8 bytes of Source, DetailType,
# Detail and each Resources entry). "AWS has raised the maximum payload size from 256 KB to 1 MB for asynchronous
# AWS Lambda function invocations, Amazon Simple Queue Service (Amazon SQS), and Amazon EventBridge" (AWS Compute
# Blog, 2026-01-29: https://aws.amazon.com/blogs/compute/more-room-to-build-serverless-services-now-support-payloads-up-to-1-mb);
# the PutEvents reference still says 256 KB. https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html
EVENTS_PUT_MAX_ENTRIES = 10
EVENTS_PUT_MAX_BYTES = 1_048_576
EVENTS_PUT_TIME_BYTES = 14
# RetryPolicy: "By default, EventBridge retries sending the event for 24 hours and up to 185 times";
# MaximumRetryAttempts 0-185, MaximumEventAgeInSeconds 60-86,400.
# https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html
# https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_RetryPolicy.html
EVENTS_DEFAULT_RETRY_ATTEMPTS = 185
EVENTS_DEFAULT_MAX_EVENT_AGE_S = 86_400
# "Event bus policy size: 10,240" characters (quota table above).
EVENTS_MAX_POLICY_CHARS = 10_240

# --- CloudWatch metrics and alarms (checked 2026-12-01) ----------------------------------------------------------
# PutMetricData: "Each PutMetricData request is limited to 1 MB in size ... no more than 1000 different metrics";
# "Using the Values and Counts method enables you to publish up to 150 values per metric with one PutMetricData
# request"; "Values must be in the range of -2^360 to 2^360"; "up to 30 dimensions per metric"; time stamps "as far
# as two weeks before the current date, and as far as 2 hours after".
# https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html
CLOUDWATCH_PUT_MAX_METRICS = 1_000
CLOUDWATCH_PUT_MAX_BYTES = 1_048_576
CLOUDWATCH_PUT_MAX_VALUES = 150
CLOUDWATCH_VALUE_MAX = 2.0**360
CLOUDWATCH_MAX_DIMENSIONS = 30
CLOUDWATCH_PUT_MAX_AGE_S = 14 * 24 * 3600
CLOUDWATCH_PUT_MAX_FUTURE_S = 2 * 3600
# "The maximum number of data points returned from a single call is 1,440." (GetMetricStatistics)
# https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricStatistics.html
CLOUDWATCH_STATISTICS_MAX_DATAPOINTS = 1_440
# GetMetricData: "you can include as many as 500 MetricDataQuery structures"; MaxDatapoints "If you omit this, the
# default of 100,800 is used"; a metric math alarm "can include as many as 10 metrics".
# https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html
# https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html
CLOUDWATCH_METRIC_DATA_MAX_QUERIES = 500
CLOUDWATCH_METRIC_DATA_DEFAULT_MAX_DATAPOINTS = 100_800
CLOUDWATCH_ALARM_MAX_METRICS = 10
# Retention: periods under 60 s for 3 hours, 60 s for 15 days, 300 s for 63 days, 3600 s for 455 days.
# https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricStatistics.html
CLOUDWATCH_RETENTION_HIGH_RESOLUTION_S = 3 * 3600
CLOUDWATCH_RETENTION_ONE_MINUTE_S = 15 * 86400
CLOUDWATCH_RETENTION_FIVE_MINUTE_S = 63 * 86400
CLOUDWATCH_RETENTION_HOUR_S = 455 * 86400
# ListMetrics: "Up to 500 results are returned for any one call"; it "doesn't return information about metrics if
# those metrics haven't reported data in the past two weeks"; RecentlyActive PT3H: "the past three hours".
# https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_ListMetrics.html
CLOUDWATCH_LIST_METRICS_PAGE = 500
CLOUDWATCH_LIST_METRICS_HORIZON_S = 14 * 86400
CLOUDWATCH_RECENTLY_ACTIVE_S = 3 * 3600
# PutMetricAlarm: Period "Valid values are 10, 20, 30, and any multiple of 60"; "Period multiplied by
# EvaluationPeriods can't be more than 604,800 seconds. For alarms with a period of less than one hour (3,600
# seconds), the total evaluation period can't be longer than one day (86,400 seconds)."
# https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
CLOUDWATCH_ALARM_MAX_SPAN_S = 604_800
CLOUDWATCH_ALARM_SHORT_PERIOD_MAX_SPAN_S = 86_400
# Alarm history: "CloudWatch saves alarm history for 30 days."
# https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html
CLOUDWATCH_ALARM_HISTORY_S = 30 * 86400
# DescribeAlarms / DescribeAlarmHistory MaxRecords: 1 to 100 (botocore's model); AWS documents no default, so
# pocketcloud's defaults are 50 alarms and 100 history items a page.
CLOUDWATCH_DESCRIBE_ALARMS_DEFAULT = 50
CLOUDWATCH_ALARM_HISTORY_DEFAULT = 100

# --- Elastic Load Balancing (Application Load Balancers), checked 2026-12-01 --------------------------------------
# https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html
# "Application Load Balancers per Region 50", "Listeners per Application Load Balancer 50", "Target Groups per
# Region 3,000", "Targets per Target Group per Region (instances or IP addresses) 1,000", "Load balancers per
# target group 1" (the defaults; all but the last are adjustable).
ELB_ALBS_PER_REGION = 50
ELB_LISTENERS_PER_ALB = 50
ELB_TARGET_GROUPS_PER_REGION = 3_000
ELB_TARGETS_PER_TARGET_GROUP = 1_000
ELB_LOAD_BALANCERS_PER_TARGET_GROUP = 1
# Names: "a maximum of 32 characters" (API_CreateLoadBalancer, API_CreateTargetGroup).
ELB_NAME_MAX = 32
# deregistration_delay.timeout_seconds: "The range is 0-3600 seconds. The default value is 300 seconds."
# https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetGroupAttribute.html
ELB_DEREGISTRATION_DELAY_MAX_S = 3_600

# --- Amazon ECS, checked 2026-12-01 -----------------------------------------------------------------------------------
# https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html: "Tasks per service 5,000",
# "Services per cluster 5,000", "Clusters per account 10,000"; "Tasks launched (count) per run-task 10" (the guide's
# table as archived in github.com/awsdocs/amazon-ecs-developer-guide; the current guide points to "Amazon ECS
# endpoints and quotas", https://docs.aws.amazon.com/general/latest/gr/ecs-service.html, for the same defaults).
ECS_TASKS_PER_SERVICE = 5_000
ECS_SERVICES_PER_CLUSTER = 5_000
ECS_CLUSTERS_PER_ACCOUNT = 10_000
ECS_RUN_TASK_MAX_COUNT = 10
# Cluster and service names: "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are
# allowed." https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html
ECS_NAME_MAX = 255
# Capacity provider targetCapacity: "greater than 0 and less than or equal to 100".
# https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ManagedScaling.html
ECS_TARGET_CAPACITY_MAX = 100
