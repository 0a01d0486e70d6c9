import json

FAILOVER_EVENTS = {"RDS-EVENT-0013", "RDS-EVENT-0049"}


def handler(event, context):
    for record in event["Records"]:
        message = json.loads(record["Sns"]["Message"])
        event_id = message["Event ID"].rsplit("#", 1)[-1]
        if event_id in FAILOVER_EVENTS:
            print("FAILOVER", message["Source ID"], event_id)


if __name__ == "__main__":
    message = {
        "Event Source": "db-instance",
        "Source ID": "orders-db",
        "Event Message": "Multi-AZ instance failover completed",
        "Event ID": "http://docs.amazonwebservices.com/AmazonRDS/latest/UserGuide/USER_Events.html#RDS-EVENT-0049",
    }
    sns = {"Subject": "RDS Notification Message", "Message": json.dumps(message)}
    handler({"Records": [{"EventSource": "aws:sns", "Sns": sns}]}, None)
