"""Retry with exponential backoff: a payment function that is busy twice, then works.
The retrier waits 2 s, then 4 s (IntervalSeconds x BackoffRate) on the virtual clock."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
sfn = cloud.client("stepfunctions")


# setup= is module code, run once per execution environment (the Init phase).
@cloud.function(setup="attempts = 0")
def charge(event, context):
    global attempts
    attempts += 1  # a global survives between warm invocations
    if attempts < 3:
        raise ConnectionError("payment gateway busy")
    return {"charged": event["total"], "attempt": attempts}


definition = {
    "StartAt": "Charge",
    "States": {
        "Charge": {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "charge", "Payload.$": "$"},
            "OutputPath": "$.Payload",
            "Retry": [
                {
                    "ErrorEquals": ["ConnectionError"],  # the Python exception's name
                    "IntervalSeconds": 2,
                    "BackoffRate": 2.0,
                    "MaxAttempts": 3,
                }
            ],
            "End": True,
        }
    },
}
machine = sfn.create_state_machine(
    name="charge",
    definition=json.dumps(definition),
    roleArn="arn:aws:iam::123456789012:role/sfn-role",
)["stateMachineArn"]
started = sfn.start_execution(stateMachineArn=machine, input='{"total": 30}')
cloud.run()

view = pocketcloud.show_execution(cloud, started["executionArn"])
start = view.events[0]["timestamp"]
for event in view.events:
    if event["type"] in ("TaskScheduled", "TaskFailed", "TaskSucceeded"):
        error = event.get("taskFailedEventDetails", {}).get("error", "")
        at = (event["timestamp"] - start).total_seconds()
        print(f"{at:6.2f} s  {event['type']:<14} {error}")
print(view.status, view.output, "retries:", view.states["Charge"].retries)
view  # noqa: B018

# expect: TaskFailed     ConnectionError
# expect:   2.12 s  TaskScheduled
# expect:   6.12 s  TaskScheduled
# expect: SUCCEEDED {'charged': 30, 'attempt': 3} retries: 2
