"""EventInvokeConfig: how many times Lambda retries an async event, and for how long."""

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
lam, logs = cloud.client("lambda"), cloud.client("logs")


@cloud.function()
def flaky(event, context):
    raise TimeoutError("the payment API did not answer")


def starts():
    """Every time the function started, in seconds (read from its log)."""
    found = logs.filter_log_events(
        logGroupName="/aws/lambda/flaky", filterPattern='"START RequestId"'
    )["events"]
    return [e["timestamp"] / 1000 for e in found]


seen = 0
for retries in (2, 1, 0):
    lam.put_function_event_invoke_config(
        FunctionName="flaky",
        MaximumRetryAttempts=retries,  # 0, 1 or 2 (the default)
        MaximumEventAgeInSeconds=3600,  # 60 s to 6 hours (the default)
    )
    flaky.invoke_async({"order": retries})
    cloud.run(until=cloud.now + 600)
    new = starts()[seen:]
    seen += len(new)
    print(
        f"MaximumRetryAttempts={retries}: attempts at +s",
        [round(t - new[0]) for t in new],
    )

config = lam.get_function_event_invoke_config(FunctionName="flaky")
print({k: config[k] for k in ("MaximumRetryAttempts", "MaximumEventAgeInSeconds")})

# expect: MaximumRetryAttempts=2: attempts at +s [0, 60, 180]
# expect: MaximumRetryAttempts=1: attempts at +s [0, 60]
# expect: MaximumRetryAttempts=0: attempts at +s [0]
# expect: {'MaximumRetryAttempts': 0, 'MaximumEventAgeInSeconds': 3600}
