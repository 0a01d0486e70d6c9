"""Fuzz every operation of every service from its shape file: only ParamValidationError or ClientError ever
comes out, and the cloud stays usable.

A learner (or a fuzzer) can call any operation with anything. botocore would refuse a badly shaped request
with ParamValidationError, and AWS answers everything else with an error code and message: a ``TypeError``,
``KeyError`` or ``RecursionError`` escaping from a client is a bug in pocketcloud. Every service added later is
fuzzed by this file with no change to it (it walks ``pocketcloud.services.CLIENTS``). Each operation gets
requests drawn near its constraints (see shape_strategies.py), with the names of resources that exist mixed in
so that calls reach past the "not found" checks.
"""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import pocketcloud
from pocketcloud import ClientError, ParamValidationError, models
from pocketcloud.services import CLIENTS
from pocketcloud.timeutil import epoch_millis

from .conftest import ROLE
from .shape_strategies import ShapeStrategies

#: A resource policy document (Secrets Manager's PutResourcePolicy, Logs' PutResourcePolicy).
POLICY = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "*"}]}'
#: Resource names created in the fuzzed cloud, drawn often for string parameters.
KNOWN = (
    "fuzz",
    "fuzz:live",
    "1",
    "$LATEST",
    "live",
    "/aws/lambda/fuzz",
    "secret",
    "arn:aws:lambda:ap-northeast-2:123456789012:function:fuzz",
    "arn:aws:lambda:ap-northeast-2:123456789012:layer:lib:1",
    "lib",
    "arn:aws:iam::123456789012:role/lambda-role",
    "python3.13",
    "app.handler",
    "arn:aws:kinesis:ap-northeast-2:123456789012:stream/fuzz",
    "shardId-000000000000",
    "shardId-000000000001",
    "https://sqs.ap-northeast-2.amazonaws.com/123456789012/fuzz",
    "https://sqs.ap-northeast-2.amazonaws.com/123456789012/fuzz.fifo",
    "arn:aws:sqs:ap-northeast-2:123456789012:fuzz",
    "arn:aws:sqs:ap-northeast-2:123456789012:dlq",
    "arn:aws:sns:ap-northeast-2:123456789012:fuzz",
    "All",
    '{"k": ["v"]}',
    "/fuzz",
    "fuzz-filter",
    "arn:aws:logs:ap-northeast-2:123456789012:log-group:/fuzz",
    "arn:aws:logs:ap-northeast-2:123456789012:log-group:/fuzz:*",
    '{ $.level = "ERROR" }',
    "[ip, user, ..., status = 5*, bytes]",
    "filter @type = 'REPORT' | stats avg(@duration) by bin(5m)",
    "default",
    "AWSCURRENT",
    "AWSPENDING",
    "rate(10 days)",
    POLICY,
    "arn:aws:dynamodb:ap-northeast-2:123456789012:table/fuzz",
    "arn:aws:dynamodb:ap-northeast-2:123456789012:table/fuzz/stream/2026-01-01T00:00:00.000",
    "shardId-00000001767225600000-659d5203",
    "fuzzdb",
    "fuzzsnap",
    "fuzz-sub",
    "db-instance",
    "fuzzcache",
    "fuzzgroup",
    "0001",
    "me@example.com",
    "example.com",
    "rules",
    "rule",
)


def prepared_cloud() -> pocketcloud.Cloud:
    cloud = pocketcloud.Cloud(seed=1)
    ddb = cloud.client("dynamodb")
    ddb.create_table(
        TableName="fuzz",
        KeySchema=[{"AttributeName": "fuzz", "KeyType": "HASH"}, {"AttributeName": "1", "KeyType": "RANGE"}],
        AttributeDefinitions=[
            {"AttributeName": "fuzz", "AttributeType": "S"},
            {"AttributeName": "1", "AttributeType": "N"},
        ],
        BillingMode="PAY_PER_REQUEST",
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
    )
    ddb.put_item(TableName="fuzz", Item={"fuzz": {"S": "fuzz"}, "1": {"N": "1"}, "live": {"SS": ["lib"]}})
    lam = cloud.client("lambda")
    code = pocketcloud.zip_code({"app.py": "def handler(event, context):\n    return event\n"})
    lam.create_function(
        FunctionName="fuzz", Runtime="python3.13", Role=ROLE, Handler="app.handler", Code={"ZipFile": code}
    )
    lam.publish_version(FunctionName="fuzz")
    lam.create_alias(FunctionName="fuzz", Name="live", FunctionVersion="1")
    lam.publish_layer_version(LayerName="lib", Content={"ZipFile": pocketcloud.zip_code({"python/lib.py": "x = 1\n"})})
    lam.invoke(FunctionName="fuzz")
    cloud.client("secretsmanager").create_secret(Name="secret", SecretString="s3cr3t")
    kinesis = cloud.client("kinesis")
    kinesis.create_stream(StreamName="fuzz", ShardCount=2)
    cloud.run(until=cloud.now + 10)
    kinesis.put_records(StreamName="fuzz", Records=[{"Data": b"x", "PartitionKey": str(i)} for i in range(10)])
    sqs = cloud.client("sqs")
    sqs.create_queue(QueueName="dlq")
    redrive = '{"deadLetterTargetArn": "arn:aws:sqs:ap-northeast-2:123456789012:dlq", "maxReceiveCount": 1}'
    url = sqs.create_queue(QueueName="fuzz", Attributes={"RedrivePolicy": redrive})["QueueUrl"]
    sqs.create_queue(QueueName="fuzz.fifo", Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true"})
    sqs.send_message(QueueUrl=url, MessageBody="fuzz")
    sns = cloud.client("sns")
    topic = sns.create_topic(Name="fuzz")["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint="arn:aws:sqs:ap-northeast-2:123456789012:fuzz")
    s3 = cloud.client("s3")
    s3.create_bucket(Bucket="fuzz", CreateBucketConfiguration={"LocationConstraint": cloud.region})
    s3.put_object(Bucket="fuzz", Key="fuzz", Body=b"fuzz")
    lam.add_permission(
        FunctionName="fuzz", StatementId="s3", Action="lambda:InvokeFunction", Principal="s3.amazonaws.com"
    )
    s3.put_bucket_notification_configuration(
        Bucket="fuzz",
        NotificationConfiguration={
            "LambdaFunctionConfigurations": [
                {"LambdaFunctionArn": KNOWN[7], "Events": ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]}
            ]
        },
    )
    logs = cloud.client("logs")
    logs.create_log_group(logGroupName="/fuzz", tags={"team": "fuzz"})
    logs.create_log_stream(logGroupName="/fuzz", logStreamName="fuzz")
    logs.put_retention_policy(logGroupName="/fuzz", retentionInDays=7)
    logs.put_metric_filter(
        logGroupName="/fuzz",
        filterName="fuzz-filter",
        filterPattern='{ $.level = "ERROR" }',
        metricTransformations=[{"metricName": "Errors", "metricNamespace": "Fuzz", "metricValue": "1"}],
    )
    lam.add_permission(
        FunctionName="fuzz", StatementId="logs", Action="lambda:InvokeFunction", Principal="logs.amazonaws.com"
    )
    logs.put_subscription_filter(
        logGroupName="/fuzz", filterName="fuzz-filter", filterPattern="", destinationArn=KNOWN[7]
    )
    logs.put_log_events(
        logGroupName="/fuzz",
        logStreamName="fuzz",
        logEvents=[{"timestamp": epoch_millis(cloud.now), "message": '{"level": "ERROR"}'}],
    )
    lam.add_permission(
        FunctionName="fuzz", StatementId="sm", Action="lambda:InvokeFunction", Principal="secretsmanager.amazonaws.com"
    )
    sm = cloud.client("secretsmanager")
    sm.put_resource_policy(SecretId="secret", ResourcePolicy=POLICY)
    sm.rotate_secret(
        SecretId="secret", RotationLambdaARN=KNOWN[7], RotationRules={"ScheduleExpression": "rate(10 days)"}
    )
    cloud.run(until=cloud.now + 60)
    rds = cloud.client("rds")
    rds.create_db_instance(DBInstanceIdentifier="fuzzdb", DBInstanceClass="db.t3.micro", Engine="mysql")
    rds.create_event_subscription(SubscriptionName="fuzz-sub", SnsTopicArn=topic, SourceType="db-instance")
    ec = cloud.client("elasticache")
    ec.create_cache_cluster(CacheClusterId="fuzzcache", Engine="redis", CacheNodeType="cache.t4g.micro")
    ec.create_replication_group(
        ReplicationGroupId="fuzzgroup", ReplicationGroupDescription="fuzz", CacheNodeType="cache.t4g.micro",
        NumCacheClusters=2, AutomaticFailoverEnabled=True,
    )  # fmt: skip
    cloud.run(until=cloud.now + 600)
    rds.create_db_snapshot(DBSnapshotIdentifier="fuzzsnap", DBInstanceIdentifier="fuzzdb")
    ses = cloud.client("ses")
    ses.verify_email_identity(EmailAddress="me@example.com")
    ses.verify_domain_identity(Domain="example.com")
    ses.create_receipt_rule_set(RuleSetName="rules")
    ses.create_receipt_rule(RuleSetName="rules", Rule={"Name": "rule", "Enabled": True})
    ses.set_active_receipt_rule_set(RuleSetName="rules")
    lam.put_function_event_invoke_config(FunctionName="fuzz", MaximumRetryAttempts=1)
    lam.create_event_source_mapping(FunctionName="fuzz", EventSourceArn="arn:aws:sqs:ap-northeast-2:123456789012:fuzz")
    lam.create_event_source_mapping(
        FunctionName="fuzz",
        EventSourceArn="arn:aws:kinesis:ap-northeast-2:123456789012:stream/fuzz",
        StartingPosition="TRIM_HORIZON",
    )
    cloud.run(until=cloud.now + 10)
    return cloud


#: The prepared cloud's event source mapping UUIDs (seeded, so the same on every run), for UUID parameters.
KNOWN = (*KNOWN, *prepared_cloud().client("lambda").list_event_source_mappings()["EventSourceMappings"][0:2])
KNOWN = tuple(k["UUID"] if isinstance(k, dict) else k for k in KNOWN)


def operations() -> list[tuple[str, str, str]]:
    out = []
    for service, cls in sorted(CLIENTS.items()):
        for method, op in sorted(cls._operation_names().items()):
            out.append((service, op, method))
    return out


@pytest.mark.parametrize(("service", "operation", "method"), operations(), ids=[f"{s}.{o}" for s, o, _ in operations()])
def test_only_aws_shaped_errors_come_out(service: str, operation: str, method: str) -> None:
    cloud = prepared_cloud()
    client = cloud.client(service)
    call = getattr(client, method)
    strategies = ShapeStrategies(models.load(service), known=KNOWN)

    @settings(
        max_examples=80,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
    )
    @given(strategies.for_operation(operation))
    def fuzz(params: dict[str, Any]) -> None:
        with contextlib.suppress(ParamValidationError, ClientError):
            call(**params)

    fuzz()
    # The cloud still works afterwards (the fuzzed calls may have deleted the prepared function): a new
    # function can be created and invoked.
    lam = cloud.client("lambda")
    code = pocketcloud.zip_code({"app.py": "def handler(event, context):\n    return event\n"})
    lam.create_function(
        FunctionName="after-fuzz", Runtime="python3.13", Role=ROLE, Handler="app.handler", Code={"ZipFile": code}
    )
    result = lam.invoke(FunctionName="after-fuzz", Payload=b'{"ok": true}')
    assert result["StatusCode"] == 200 and "FunctionError" not in result
