import json

import boto3

client = boto3.client("secretsmanager")


def handler(event, context):
    value = client.get_secret_value(SecretId="prod/db")  # on every invocation, and a hard-coded name
    secret = json.loads(value["SecretString"])
    return {"user": secret["username"]}
