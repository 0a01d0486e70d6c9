import json


def handler(event, context):
    for record in event["Records"]:
        # RDS's notification is the JSON string record["Sns"]["Message"].
        print("FAILOVER", record["Sns"]["Subject"])


if __name__ == "__main__":
    message = {
        "Event Source": "db-instance",
        "Source ID": "orders-db",
        "Event Message": "Multi-AZ instance failover completed",
        "Event ID": "http://docs.amazonwebservices.com/AmazonRDS/latest/UserGuide/USER_Events.html#RDS-EVENT-0049",
    }
    sns = {"Subject": "RDS Notification Message", "Message": json.dumps(message)}
    handler({"Records": [{"EventSource": "aws:sns", "Sns": sns}]}, None)
