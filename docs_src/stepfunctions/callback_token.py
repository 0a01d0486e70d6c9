"""Wait for a callback: the Task sends a message with a task token and the execution
pauses until someone returns the token with SendTaskSuccess (or SendTaskFailure)."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
sqs = cloud.client("sqs")
sfn = cloud.client("stepfunctions")
queue = sqs.create_queue(QueueName="approvals")["QueueUrl"]

definition = {
    "StartAt": "Ask a manager",
    "States": {
        "Ask a manager": {
            "Type": "Task",
            "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "Parameters": {
                "QueueUrl": queue,
                "MessageBody": {"refund.$": "$.refund", "token.$": "$$.Task.Token"},
            },
            "HeartbeatSeconds": 86400,  # a day without news fails the task
            "Next": "Refund",
        },
        "Refund": {"Type": "Pass", "End": True},
    },
}
machine = sfn.create_state_machine(
    name="refunds",
    definition=json.dumps(definition),
    roleArn="arn:aws:iam::123456789012:role/sfn-role",
)["stateMachineArn"]
started = sfn.start_execution(stateMachineArn=machine, input='{"refund": 30000}')
arn = started["executionArn"]
cloud.run(until=cloud.now + 3600)  # an hour passes; nobody has answered yet
print("after an hour:", sfn.describe_execution(executionArn=arn)["status"])

# The manager's side: read the request, decide, send the token back.
request = json.loads(sqs.receive_message(QueueUrl=queue)["Messages"][0]["Body"])
print("request:", request["refund"], "token:", request["token"][:12] + "…")
sfn.send_task_success(
    taskToken=request["token"], output=json.dumps({"approved": True, "by": "Grace"})
)
cloud.run()

view = pocketcloud.show_execution(cloud, arn)
print(view.status, view.output)
print([e["type"] for e in view.events if e["type"].startswith("Task")])

# expect: after an hour: RUNNING
# expect: request: 30000 token:
# expect: SUCCEEDED {'approved': True, 'by': 'Grace'}
# expect: 'TaskSubmitted', 'TaskSucceeded'
