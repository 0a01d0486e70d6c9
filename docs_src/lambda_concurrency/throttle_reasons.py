"""A throttled synchronous call is a 429 TooManyRequestsException; its Reason names
the limit it hit."""

import json

import pocketcloud

SLOW = (
    "import time\n\ndef handler(event, context):\n    time.sleep(2)\n    return event\n"
)

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
for name in ("paused", "capped"):
    lam.create_function(
        FunctionName=name,
        Runtime="python3.13",
        Role="arn:aws:iam::123456789012:role/lambda-role",
        Handler="app.handler",
        Code={"ZipFile": pocketcloud.zip_code({"app.py": SLOW})},
        Timeout=10,
    )


def call(name: str) -> None:
    try:
        lam.invoke(FunctionName=name, Payload=b"{}")
        print(f"{name}: 200")
    except lam.exceptions.TooManyRequestsException as err:
        response = err.response
        status = response["ResponseMetadata"]["HTTPStatusCode"]
        print(
            f"{name}: {status} {response['Error']['Code']} Reason={response['Reason']}"
        )


# Reserved concurrency 0 stops every invocation of a function.
lam.put_function_concurrency(FunctionName="paused", ReservedConcurrentExecutions=0)
call("paused")

# Reserved concurrency 2: two asynchronous events keep both busy for two seconds...
lam.put_function_concurrency(FunctionName="capped", ReservedConcurrentExecutions=2)
for n in range(2):
    lam.invoke(
        FunctionName="capped", InvocationType="Event", Payload=json.dumps({"n": n})
    )
cloud.run(until=cloud.now + 1)
call("capped")  # ...so a third request is throttled
cloud.run()
call("capped")  # once they have finished, it runs

print(
    "Throttles:", [(t.function, t.path, t.reason) for t in cloud.lambda_trace.throttles]
)

# expect: paused: 429 TooManyRequestsException
# expect: capped: 429 TooManyRequestsException
# expect: Reason=ReservedFunctionConcurrentInvocationLimitExceeded
# expect: capped: 200
