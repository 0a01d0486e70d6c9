import json

ROLE = "arn:aws:iam::123456789012:role/sfn-role"


def answer_requests(sfn, sqs, queue_url, limit):
    """Answer every refund request waiting in the queue; return how many were answered."""
    answered = 0
    while True:
        response = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10)
        messages = response.get("Messages", [])
        if not messages:
            return answered
        for message in messages:
            body = json.loads(message["Body"])
            refund = body["request"]["refund"]
            if refund <= limit:
                sfn.send_task_success(taskToken=body["token"], output=json.dumps({"approved": True}))
            else:
                sfn.send_task_failure(taskToken=body["token"], error="Rejected", cause=f"{refund} is over {limit}")
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
            answered += 1


def approval_workflow(queue_url):
    """Ask for approval through the queue and wait for the answer (the .waitForTaskToken pattern)."""
    return {
        "StartAt": "Ask for approval",
        "States": {
            "Ask for approval": {
                "Type": "Task",
                "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                "Parameters": {"QueueUrl": queue_url, "MessageBody": {"request.$": "$", "token.$": "$$.Task.Token"}},
                "End": True,
            }
        },
    }


if __name__ == "__main__":
    import pocketcloud

    cloud = pocketcloud.Cloud(seed=0)
    sqs = cloud.client("sqs")
    sfn = cloud.client("stepfunctions")
    queue_url = sqs.create_queue(QueueName="approvals")["QueueUrl"]
    definition = json.dumps(approval_workflow(queue_url))
    machine = sfn.create_state_machine(name="refunds", definition=definition, roleArn=ROLE)["stateMachineArn"]
    arns = []
    for customer, refund in (("Ada", 30), ("Grace", 800)):
        request = json.dumps({"customer": customer, "refund": refund})
        arns.append(sfn.start_execution(stateMachineArn=machine, input=request)["executionArn"])
    cloud.run(until=cloud.now + 60)
    print("answered:", answer_requests(sfn, sqs, queue_url, limit=100))
    cloud.run(until=cloud.now + 60)
    for arn in arns:
        result = sfn.describe_execution(executionArn=arn)
        print(result["status"], result.get("output") or result.get("error"))
