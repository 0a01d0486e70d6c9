import os

TABLE = os.environ["TABLE_NAME"]  # read once, in Init: the configuration does not change in an environment
STAGE = os.environ.get("STAGE", "dev")


def handler(event, context):
    return {"table": TABLE, "stage": STAGE, "region": os.environ["AWS_REGION"]}
