"""What Run shows: SOURCE (your code) deployed to pocketcloud as app.py and invoked."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
cloud.client("secretsmanager").create_secret(
    Name="prod/db", SecretString=json.dumps({"username": "app", "password": "correct-horse-1"})
)
fn = pocketcloud.deploy(
    cloud, source=SOURCE, handler_name="handler", name="reader", environment={"DB_SECRET_ID": "prod/db"}
)
for _ in range(2):
    result = fn.invoke({})
    print(result.function_error, result.payload)
