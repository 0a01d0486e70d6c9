"""TestState with a mocked error: does Retry or Catch handle it, and where does the
execution go next? No function is called; "mock" stands in for the integration."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
sfn = cloud.client("stepfunctions")

state = {
    "Type": "Task",
    "Resource": "arn:aws:states:::lambda:invoke",
    "Parameters": {"FunctionName": "charge", "Payload.$": "$"},
    "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "MaxAttempts": 2}],
    "Catch": [
        {"ErrorEquals": ["PaymentDeclined"], "ResultPath": "$.error", "Next": "Sorry"}
    ],
    "Next": "Ship",
}


def test(error, retries_so_far=0):
    answer = sfn.test_state(
        definition=json.dumps(state),
        input='{"total": 30}',
        inspectionLevel="DEBUG",
        mock={"errorOutput": {"error": error, "cause": "from the mock"}},
        stateConfiguration={"retrierRetryCount": retries_so_far},
    )
    details = answer["inspectionData"].get("errorDetails", {})
    status, next_state = answer["status"], answer.get("nextState", "-")
    print(f"{error:<32} {status:<12} next={next_state:<5} {details}")


test("Lambda.TooManyRequestsException")  # first failure: the retrier will try again
test("Lambda.TooManyRequestsException", retries_so_far=2)  # retries used up
test("PaymentDeclined")  # a catcher takes it
test("Lambda.ServiceException")  # nobody handles it: the execution would fail

# expect: Lambda.TooManyRequestsException  RETRIABLE    next=-     {'retryIndex': 0,
# expect: Lambda.TooManyRequestsException  FAILED       next=-     {}
# expect: PaymentDeclined                  CAUGHT_ERROR next=Sorry {'catchIndex': 0}
# expect: Lambda.ServiceException          FAILED       next=-     {}
