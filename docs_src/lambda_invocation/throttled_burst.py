"""A burst of async events against reserved concurrency 2, charted per minute."""

import os

import pocketcloud
from pocketcloud import traffic
from pocketcloud.display import metric_chart
from pocketcloud.timeutil import to_datetime

cloud = pocketcloud.Cloud(seed=0)
lam, sqs, cw = cloud.client("lambda"), cloud.client("sqs"), cloud.client("cloudwatch")

APP = """
import time


def handler(event, context):
    time.sleep(2)  # every event takes two seconds
    return "ok"
"""
lam.create_function(
    FunctionName="thumbnail",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
)
lam.put_function_concurrency(FunctionName="thumbnail", ReservedConcurrentExecutions=2)

# Events that wait longer than 2 minutes are given up and kept in a dead-letter queue.
dlq = sqs.create_queue(QueueName="thumbnail-dlq")["QueueUrl"]
dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])[
    "Attributes"
]["QueueArn"]
lam.update_function_configuration(
    FunctionName="thumbnail", DeadLetterConfig={"TargetArn": dlq_arn}
)
lam.put_function_event_invoke_config(
    FunctionName="thumbnail", MaximumEventAgeInSeconds=120
)

# 10 minutes: one event every 2 seconds, and 5 per second from minute 2 to minute 3.
pattern = traffic.spike(base=0.5, peak=5, at=120, length=60, duration=600)
run = traffic.drive(cloud, pattern, traffic.async_("thumbnail", {"image": "cat.png"}))
cloud.run()


def query(name):
    metric = {
        "Namespace": "AWS/Lambda",
        "MetricName": name,
        "Dimensions": [{"Name": "FunctionName", "Value": "thumbnail"}],
    }
    return {
        "Id": name.lower(),
        "MetricStat": {"Metric": metric, "Period": 60, "Stat": "Sum"},
    }


def statistic(name, stat):
    return cw.get_metric_statistics(
        Namespace="AWS/Lambda",
        MetricName=name,
        Dimensions=[{"Name": "FunctionName", "Value": "thumbnail"}],
        StartTime=to_datetime(0),
        EndTime=to_datetime(900),
        Period=900,
        Statistics=[stat],
    )["Datapoints"][0][stat]


data = cw.get_metric_data(
    MetricDataQueries=[
        query("AsyncEventsReceived"),
        query("Invocations"),
        query("AsyncEventsDropped"),
    ],
    StartTime=to_datetime(0),
    EndTime=to_datetime(900),
)
total = {r["Id"]: int(sum(r["Values"])) for r in data["MetricDataResults"]}
print(f"sent {run.sent}, received {total['asynceventsreceived']}")
print(f"invoked {total['invocations']}, dropped {total['asynceventsdropped']}")
attributes = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["All"])[
    "Attributes"
]
print("in the DLQ:", attributes["ApproximateNumberOfMessages"])
print("throttled attempts:", int(statistic("Throttles", "Sum")))
print(
    f"oldest event when invoked: {statistic('AsyncEventAge', 'Maximum') / 1000:.1f} s"
)

metric_chart(
    data,
    title="thumbnail: async events per minute",
    lang=os.environ.get("POCKETCLOUD_LANG", "en"),
)

# expect: sent 570, received 570
# expect: invoked 370, dropped 200
# expect: in the DLQ: 200
# expect: oldest event when invoked: 63.0 s
