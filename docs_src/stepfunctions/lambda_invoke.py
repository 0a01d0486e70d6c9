"""Two ways to call Lambda from a Task: the optimized integration (lambda:invoke) gives
the whole Invoke response, a function ARN as Resource gives the function's result."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
sfn = cloud.client("stepfunctions")


@cloud.function()
def add(event, context):
    return {"sum": event["a"] + event["b"]}


lam = cloud.client("lambda")
function_arn = lam.get_function(FunctionName="add")["Configuration"]["FunctionArn"]
definition = {
    "StartAt": "Optimized",
    "States": {
        "Optimized": {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "add", "Payload.$": "$"},
            "ResultPath": "$.optimized",
            "Next": "Function ARN",
        },
        "Function ARN": {
            "Type": "Task",
            "Resource": function_arn,
            "Parameters": {"a.$": "$.a", "b.$": "$.b"},
            "ResultPath": "$.plain",
            "End": True,
        },
    },
}
machine = sfn.create_state_machine(
    name="add",
    definition=json.dumps(definition),
    roleArn="arn:aws:iam::123456789012:role/sfn-role",
)["stateMachineArn"]
started = sfn.start_execution(stateMachineArn=machine, input='{"a": 2, "b": 3}')
cloud.run()

view = pocketcloud.show_execution(cloud, started["executionArn"])
print("lambda:invoke result keys:", sorted(view.output["optimized"]))
print("  its Payload:", view.output["optimized"]["Payload"])
print("function ARN result:", view.output["plain"])
print("events:", [e["type"] for e in view.events if e["type"].startswith("Lambda")])

# Both went through Lambda's one invoke path: its log has a REPORT line for each.
logs = cloud.client("logs").filter_log_events(logGroupName="/aws/lambda/add")
reports = [e["message"] for e in logs["events"] if e["message"].startswith("REPORT")]
print("invocations:", len(reports), "cold starts:", sum("Init" in r for r in reports))

# expect: lambda:invoke result keys: ['ExecutedVersion', 'Payload', 'SdkHttpMetadata',
# expect:   its Payload: {'sum': 5}
# expect: function ARN result: {'sum': 5}
# expect: 'LambdaFunctionScheduled', 'LambdaFunctionStarted', 'LambdaFunctionSucceeded'
# expect: invocations: 2 cold starts: 1
