"""JSONPath input and output processing, step by step. TestState runs one Task state
with a mocked Lambda result; inspectionLevel DEBUG shows the data after each field."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
sfn = cloud.client("stepfunctions")

state = {
    "Type": "Task",
    "Resource": "arn:aws:states:::lambda:invoke",
    "InputPath": "$.order",  # 1. pick part of the input
    "Parameters": {  # 2. build the task's request
        "FunctionName": "price",
        "Payload": {"items.$": "$.items", "currency": "KRW"},
    },
    "ResultSelector": {"total.$": "$.Payload.total"},  # 3. keep part of the result
    "ResultPath": "$.price",  # 4. put the result into the state's input
    "OutputPath": "$.price",  # 5. pick what goes on
    "End": True,
}
state_input = {"order": {"items": ["book", "pen"]}, "customer": "Ada"}
lambda_result = {"StatusCode": 200, "Payload": {"total": 15000}}

answer = sfn.test_state(
    definition=json.dumps(state),
    input=json.dumps(state_input),
    inspectionLevel="DEBUG",
    mock={"result": json.dumps(lambda_result)},  # no function is called
)
for step, value in answer["inspectionData"].items():
    print(f"{step:>20}: {value}")
print(f"{'output':>20}: {answer['output']}")

# expect:       afterInputPath: {"items":["book","pen"]}
# expect: "Payload":{"items":["book","pen"],"currency":"KRW"}}
# expect:  afterResultSelector: {"total":15000}
# expect: afterResultPath: {"order":{"items":["book","pen"]},"customer":"Ada","price":

# expect:               output: {"total":15000}
