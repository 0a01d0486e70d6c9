import json
import os

import boto3

client = boto3.client("secretsmanager")


# Init: read once per execution environment, by the name the configuration gives.
value = client.get_secret_value(SecretId=os.environ["DB_SECRET_ID"])
SECRET = json.loads(value["SecretString"])


def handler(event, context):
    return {"user": SECRET["username"]}
