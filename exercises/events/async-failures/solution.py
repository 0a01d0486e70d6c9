def configure_failures(cloud, function_name, queue_arn):
    lam = cloud.client("lambda")
    lam.put_function_event_invoke_config(
        FunctionName=function_name,
        MaximumRetryAttempts=0,  # no retries: charging a card twice is worse
        DestinationConfig={"OnFailure": {"Destination": queue_arn}},
    )


CHARGE = """
def handler(event, context):
    raise RuntimeError("card declined")
"""

if __name__ == "__main__":
    import json

    import pocketcloud

    cloud = pocketcloud.Cloud(seed=0)
    sqs = cloud.client("sqs")
    url = sqs.create_queue(QueueName="charge-failed")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    fn = pocketcloud.deploy(cloud, source=CHARGE, handler_name="handler", name="charge")
    configure_failures(cloud, "charge", arn)
    fn.invoke_async({"card": "4242"})
    cloud.run()
    print("attempts:", sum(line.startswith("START") for line in fn.logs()))
    for message in sqs.receive_message(QueueUrl=url).get("Messages", []):
        print(json.loads(message["Body"])["requestContext"])
