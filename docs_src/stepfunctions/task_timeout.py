"""TimeoutSeconds: a Task that takes too long fails with States.Timeout, which a
Catcher can handle like any other error."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
sfn = cloud.client("stepfunctions")


@cloud.function(timeout=60)
def report(event, context):
    import time

    time.sleep(event["seconds"])  # virtual time: the example does not wait
    return {"pages": 12}


definition = {
    "StartAt": "Report",
    "States": {
        "Report": {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "report", "Payload.$": "$"},
            "TimeoutSeconds": 10,
            "Catch": [
                {
                    "ErrorEquals": ["States.Timeout"],
                    "ResultPath": "$.error",
                    "Next": "Late",
                }
            ],
            "OutputPath": "$.Payload",
            "End": True,
        },
        "Late": {"Type": "Pass", "Result": "sent an apology", "End": True},
    },
}
machine = sfn.create_state_machine(
    name="report",
    definition=json.dumps(definition),
    roleArn="arn:aws:iam::123456789012:role/sfn-role",
)["stateMachineArn"]
for seconds in (3, 30):
    started = sfn.start_execution(
        stateMachineArn=machine, input=json.dumps({"seconds": seconds})
    )
    cloud.run()
    view = pocketcloud.show_execution(cloud, started["executionArn"])
    print(f"{seconds:>2} s of work:", view.status, view.path, view.output)

# expect:  3 s of work: SUCCEEDED ['Report'] {'pages': 12}
# expect: 30 s of work: SUCCEEDED ['Report', 'Late'] sent an apology
