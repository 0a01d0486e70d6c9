"""The same thing, shorter: deploy a Python function with @cloud.function."""

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)


# The decorator packages this function's source as app.py and calls
# create_function for you; it runs in its own execution environment.
@cloud.function(memory_size=256, timeout=3)
def greeter(event, context):
    return {"greeting": f"hello, {event['name']}!", "version": context.function_version}


first = greeter.invoke({"name": "Ada"})  # a synchronous Invoke underneath
second = greeter.invoke({"name": "Grace"})
for result in (first, second):
    kind = "cold" if result.cold_start else "warm"
    print(f"{kind}: {result.payload}, billed {result.billed_ms} ms")

# The last expression is shown as a card: durations, cost and the log.
first  # noqa: B018

# expect: cold: {'greeting': 'hello, Ada!', 'version': '$LATEST'}
# expect: warm: {'greeting': 'hello, Grace!', 'version': '$LATEST'}
