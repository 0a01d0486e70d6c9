"""Publish a layer and import from it: python/ in the zip becomes /opt/python."""

import io
import json
import zipfile

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")

MONEY = """
def won(amount):
    return f"{amount:,} KRW"
"""
SLUGIFY = """
def slugify(text):
    return "-".join(text.lower().split())
"""

# A layer is a .zip. For Python, put modules under python/ (or under
# python/lib/python3.x/site-packages/, where pip install --target would put them).
layer_zip = pocketcloud.zip_code(
    {
        "python/shared/__init__.py": "",
        "python/shared/money.py": MONEY,
        "python/lib/python3.13/site-packages/slugify.py": SLUGIFY,
    }
)
print("layer zip:", zipfile.ZipFile(io.BytesIO(layer_zip)).namelist())

layer = lam.publish_layer_version(
    LayerName="common-utils",
    Description="money formatting and slugs",
    Content={"ZipFile": layer_zip},
    CompatibleRuntimes=["python3.13"],
    CompatibleArchitectures=["x86_64", "arm64"],
)
print("published:", layer["LayerVersionArn"])

# The function's own package holds only its handler.
APP = """
import shared.money
import slugify


def handler(event, context):
    return {
        "price": shared.money.won(event["amount"]),
        "slug": slugify.slugify(event["title"]),
        "money_from": shared.money.__file__,
        "slugify_from": slugify.__file__,
    }
"""
lam.create_function(
    FunctionName="shop",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
    Layers=[layer["LayerVersionArn"]],
)
event = {"amount": 12900, "title": "Serverless Coffee Beans"}
resp = lam.invoke(FunctionName="shop", Payload=json.dumps(event))
for key, value in json.loads(resp["Payload"].read()).items():
    print(f"{key:>13}: {value}")
print("function config:", lam.get_function_configuration(FunctionName="shop")["Layers"])

# expect: price: 12,900 KRW
# expect: slug: serverless-coffee-beans
# expect: money_from: /opt/python/shared/money.py
# expect: slugify_from: /opt/python/lib/python3.13/site-packages/slugify.py
# expect: layer:common-utils:1
