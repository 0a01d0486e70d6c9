import json


def handler(event, context):
    for record in event["Records"]:
        message = record["Sns"]["Message"]  # a JSON string, not a dict
        print("FAILOVER", message)


if __name__ == "__main__":
    message = {
        "Event Source": "db-instance",
        "Source ID": "orders-db",
        "Event Message": "Multi-AZ instance failover completed",
        "Event ID": "http://docs.amazonwebservices.com/AmazonRDS/latest/UserGuide/USER_Events.html#RDS-EVENT-0049",
    }
    handler({"Records": [{"EventSource": "aws:sns", "Sns": {"Message": json.dumps(message)}}]}, None)
