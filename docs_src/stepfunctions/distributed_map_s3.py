"""Distributed Map over S3: the ItemReader lists the objects under a prefix, and each
object becomes the input of its own child workflow execution."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
s3 = cloud.client("s3")
sfn = cloud.client("stepfunctions")

s3.create_bucket(
    Bucket="receipts", CreateBucketConfiguration={"LocationConstraint": cloud.region}
)
for day, total in [("01", 12000), ("02", 3000), ("03", 45000)]:
    body = json.dumps({"day": day, "total": total})
    s3.put_object(Bucket="receipts", Key=f"2026-12/{day}.json", Body=body)

definition = {
    "StartAt": "Each receipt",
    "States": {
        "Each receipt": {
            "Type": "Map",
            "ItemReader": {
                "Resource": "arn:aws:states:::s3:listObjectsV2",
                "Parameters": {"Bucket": "receipts", "Prefix": "2026-12/"},
            },
            "ItemProcessor": {
                "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "Read",
                "States": {
                    "Read": {
                        "Type": "Task",
                        "Resource": "arn:aws:states:::aws-sdk:s3:getObject",
                        "Parameters": {"Bucket": "receipts", "Key.$": "$.Key"},
                        "ResultSelector": {"receipt.$": "States.StringToJson($.Body)"},
                        "OutputPath": "$.receipt",
                        "End": True,
                    }
                },
            },
            "MaxConcurrency": 10,
            "Label": "receipts",
            "End": True,
        }
    },
}
machine = sfn.create_state_machine(
    name="month-report",
    definition=json.dumps(definition),
    roleArn="arn:aws:iam::123456789012:role/sfn-role",
)["stateMachineArn"]
started = sfn.start_execution(stateMachineArn=machine, input="{}")
cloud.run()

parent = pocketcloud.show_execution(cloud, started["executionArn"])
print(parent.status, "total:", sum(r["total"] for r in parent.output))

# The Map Run and its child executions, through the API.
run_event = next(e for e in parent.events if e["type"] == "MapRunStarted")
map_run = run_event["mapRunStartedEventDetails"]["mapRunArn"]
counts = sfn.describe_map_run(mapRunArn=map_run)["itemCounts"]
print("items succeeded:", counts["succeeded"], "of", counts["total"])
children = sfn.list_executions(mapRunArn=map_run)["executions"]
first = children[-1]["executionArn"]
print("a child's input:", sfn.describe_execution(executionArn=first)["input"])
pocketcloud.show_execution(cloud, first)  # one child workflow, drawn on its own

# expect: SUCCEEDED total: 60000
# expect: items succeeded: 3 of 3
# expect: a child's input: {"Etag":
# expect: "Key":"2026-12/01.json"
