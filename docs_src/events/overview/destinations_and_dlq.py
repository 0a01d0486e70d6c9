"""Where an async event goes when Lambda gives up: a destination and a DLQ."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
lam, sqs = cloud.client("lambda"), cloud.client("sqs")


def queue(name):
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
    return url, arn["Attributes"]["QueueArn"]


failed_url, failed_arn = queue("charge-failed")  # on-failure destination
dlq_url, dlq_arn = queue("charge-dlq")  # the function's dead-letter queue


@cloud.function()
def charge(event, context):
    raise ValueError(f"card {event['card']} declined")


# A destination is configured per function, version or alias (EventInvokeConfig);
# a dead-letter queue is part of the function's configuration.
lam.put_function_event_invoke_config(
    FunctionName="charge",
    MaximumEventAgeInSeconds=120,  # give up on events older than two minutes
    DestinationConfig={"OnFailure": {"Destination": failed_arn}},
)
lam.update_function_configuration(
    FunctionName="charge", DeadLetterConfig={"TargetArn": dlq_arn}
)

charge.invoke_async({"card": "4242"})
cloud.run(until=600)

record = json.loads(sqs.receive_message(QueueUrl=failed_url)["Messages"][0]["Body"])
print("destination record:")
print("  condition:", record["requestContext"]["condition"])
print("  attempts:", record["requestContext"]["approximateInvokeCount"])
print("  requestPayload:", record["requestPayload"])
print("  errorMessage:", record["responsePayload"]["errorMessage"])

dead = sqs.receive_message(QueueUrl=dlq_url, MessageAttributeNames=["All"])
message = dead["Messages"][0]
print("dead-letter message body:", message["Body"])
for name, value in sorted(message["MessageAttributes"].items()):
    print(f"  {name} = {value['StringValue']}")

# expect: condition: EventAgeExceeded
# expect: attempts: 2
# expect: requestPayload: {'card': '4242'}
# expect: errorMessage: card 4242 declined
# expect: dead-letter message body: {"card": "4242"}
# expect: ErrorCode = 200
# expect: ErrorMessage = card 4242 declined
