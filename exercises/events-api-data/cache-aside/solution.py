import json
import os

import boto3
import redis

ddb = boto3.client("dynamodb")
cache = redis.Redis(host=os.environ["CACHE_HOST"], port=6379, decode_responses=True)
TTL_SECONDS = 300


def read_product(product_id):
    item = ddb.get_item(TableName="products", Key={"id": {"S": product_id}})["Item"]
    return {"id": product_id, "name": item["name"]["S"], "price": int(item["price"]["N"])}


def handler(event, context):
    key = "product:" + event["id"]
    cached = cache.get(key)
    if cached is not None:
        return {"hit": True, "product": json.loads(cached)}
    product = read_product(event["id"])
    cache.set(key, json.dumps(product), ex=TTL_SECONDS)
    return {"hit": False, "product": product}
