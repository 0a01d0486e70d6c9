"""Where each request went: the synchronous path through the frontend, the
asynchronous path through the internal queue, and the environment that ran it."""

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")


@cloud.function(timeout=10)
def thumbs(event, context):
    import time

    time.sleep(0.2)  # 200 ms of work (virtual time)
    return {"size": event.get("size", 1)}


# Three synchronous calls, one after the other: the frontend waits for each answer.
for size in (1, 2, 3):
    lam.invoke(FunctionName="thumbs", Payload=f'{{"size": {size}}}')

# Three asynchronous calls at the same instant: Lambda queues them and answers 202.
for size in (4, 5, 6):
    answer = lam.invoke(
        FunctionName="thumbs", InvocationType="Event", Payload=f'{{"size": {size}}}'
    )
print("async answer:", answer["StatusCode"])
cloud.run()  # let the queue's pollers deliver the events

trace = cloud.lambda_trace
print(trace.table())
print("environments:", sorted({r.env_name for r in trace.filter("thumbs")}))
print(trace.summary())

# expect: async answer: 202
# expect: thumbs:$LATEST#1       worker-1/0    cold
# expect: environments: ['thumbs:$LATEST#1', 'thumbs:$LATEST#2', 'thumbs:$LATEST#3']
# expect: 'cold': 3
