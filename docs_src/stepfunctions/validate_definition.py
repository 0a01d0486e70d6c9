"""ValidateStateMachineDefinition: check a definition before deploying it. Errors make
the result FAIL (CreateStateMachine would refuse it); warnings point at suspects."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
sfn = cloud.client("stepfunctions")

draft = {
    "StartAt": "Check",
    "States": {
        "Check": {
            "Type": "Choice",
            "Choices": [
                {"Variable": "$.total", "NumericGreaterThan": 100, "Next": "Approve"}
            ],
            "Default": "Ship",
        },
        "Aprove": {"Type": "Pass", "Next": "Ship"},  # a typo: nobody goes here
        "Ship": {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "ship", "Payload": "$"},  # ".$" missing?
            "TimeoutSeconds": 0,
            "End": True,
        },
    },
}
answer = sfn.validate_state_machine_definition(
    definition=json.dumps(draft),
    severity="WARNING",  # errors and warnings
)
print("result:", answer["result"])
for d in answer["diagnostics"]:
    print(f"{d['severity']:<7} {d['code']:<25} {d['location']}\n        {d['message']}")

# CreateStateMachine runs the same checks and refuses the draft.
try:
    sfn.create_state_machine(
        name="draft",
        definition=json.dumps(draft),
        roleArn="arn:aws:iam::123456789012:role/sfn-role",
    )
except sfn.exceptions.InvalidDefinition as err:
    print("CreateStateMachine:", err.response["Error"]["Code"])

# A type matters: an Express workflow cannot wait for a callback.
callback = {
    "StartAt": "Wait for me",
    "States": {
        "Wait for me": {
            "Type": "Task",
            "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "Parameters": {"QueueUrl": "q", "MessageBody": {"t.$": "$$.Task.Token"}},
            "End": True,
        }
    },
}
for kind in ("STANDARD", "EXPRESS"):
    text = json.dumps(callback)
    result = sfn.validate_state_machine_definition(definition=text, type=kind)
    print(kind, result["result"], [d["message"] for d in result["diagnostics"]])

# expect: result: FAIL
# expect: MISSING_TRANSITION_TARGET /States/Check/Choices[0]/Next
# expect: Missing 'Next' target: Approve
# expect: WARNING NO_DOLLAR
# expect: State "Aprove" is not reachable.
# expect: CreateStateMachine: InvalidDefinition
# expect: STANDARD OK []
# expect: EXPRESS FAIL ["Express state machine does not support '.waitForTaskToken'
