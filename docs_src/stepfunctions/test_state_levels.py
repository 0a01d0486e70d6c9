"""TestState runs one state on an input you choose, without creating a state machine.
The inspection level decides how much it tells: INFO, DEBUG or TRACE."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
sfn = cloud.client("stepfunctions")


@cloud.function()
def quote(event, context):
    return {"price": 1200 * event["nights"]}


state = {
    "Type": "Task",
    "Resource": "arn:aws:states:::lambda:invoke",
    "Parameters": {"FunctionName": "quote", "Payload": {"nights.$": "$.stay.nights"}},
    "ResultSelector": {"price.$": "$.Payload.price"},
    "ResultPath": "$.quote",
    "Next": "Book",
}
state_input = json.dumps({"stay": {"nights": 3}, "guest": "Ada"})
for level in ("INFO", "DEBUG"):
    answer = sfn.test_state(
        definition=json.dumps(state),
        roleArn="arn:aws:iam::123456789012:role/sfn-role",  # calls as this role
        input=state_input,
        inspectionLevel=level,
    )
    print(f"--- {level}: status {answer['status']}, next state {answer['nextState']}")
    print("output:", answer["output"])
    for step, value in answer.get("inspectionData", {}).items():
        if step != "result":  # the whole Invoke response is long
            print(f"  {step}: {value}")

# One state of a whole definition: stateName picks it; variables can be given.
machine = {
    "StartAt": "Choose",
    "States": {
        "Choose": {
            "Type": "Choice",
            "Choices": [{"Variable": "$vip", "BooleanEquals": True, "Next": "Suite"}],
            "Default": "Room",
        },
        "Suite": {"Type": "Succeed"},
        "Room": {"Type": "Succeed"},
    },
}
for vip in (True, False):
    answer = sfn.test_state(
        definition=json.dumps(machine),
        stateName="Choose",
        input="{}",
        variables=json.dumps({"vip": vip}),
    )
    print("vip" if vip else "guest", "->", answer["nextState"])

# expect: --- INFO: status SUCCEEDED, next state Book
# expect: output: {"stay":{"nights":3},"guest":"Ada","quote":{"price":3600}}
# expect:   afterParameters: {"FunctionName":"quote","Payload":{"nights":3}}
# expect:   afterResultSelector: {"price":3600}
# expect: vip -> Suite
# expect: guest -> Room
