"""Asynchronous invocation: the invocation record Lambda sends to a destination."""

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
explorer = pocketcloud.record_events(cloud)  # the destination function


@cloud.function()
def charge(event, context):
    if event["amount"] <= 0:
        raise ValueError(f"cannot charge {event['amount']}")
    return {"charged": event["amount"]}


# Where Lambda sends the record of each asynchronous invocation, by outcome.
lam.put_function_event_invoke_config(
    FunctionName="charge",
    MaximumRetryAttempts=0,  # no retries, so the failure record comes at once
    DestinationConfig={
        "OnSuccess": {"Destination": explorer.arn},
        "OnFailure": {"Destination": explorer.arn},
    },
)
charge.invoke_async({"amount": 5})
charge.invoke_async({"amount": -1})
cloud.run()

# The two records arrive in either order: pick them by their condition.
records = {r["requestContext"]["condition"]: r for r in explorer.events}
explorer.show(records["Success"])
print("--- on failure, requestContext and responsePayload:")
explorer.show(records["RetriesExhausted"]["requestContext"])
explorer.show(records["RetriesExhausted"]["responsePayload"])

# expect: "condition": "Success"
# expect: "requestPayload": {
# expect: "charged": 5
# expect: "condition": "RetriesExhausted"
# expect: "errorType": "ValueError"
