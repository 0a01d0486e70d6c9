"""Layer versions never change: a function keeps the version it was given."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")


def publish_tax(rate: str) -> dict:
    module = {"python/tax.py": f"RATE = {rate}\n"}
    return lam.publish_layer_version(
        LayerName="tax-rules", Content={"ZipFile": pocketcloud.zip_code(module)}
    )


APP = """
import tax


def handler(event, context):
    return {"rate": tax.RATE, "total": round(event["price"] * (1 + tax.RATE))}
"""


def create_checkout(name: str, layer_arn: str) -> None:
    lam.create_function(
        FunctionName=name,
        Runtime="python3.13",
        Role="arn:aws:iam::123456789012:role/lambda-role",
        Handler="app.handler",
        Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
        Layers=[layer_arn],
    )


def total(function_name: str) -> dict:
    payload = json.dumps({"price": 10000})
    resp = lam.invoke(FunctionName=function_name, Payload=payload)
    return json.loads(resp["Payload"].read())


v1 = publish_tax("0.10")
create_checkout("checkout", v1["LayerVersionArn"])
print("layer v1, function on v1:", total("checkout"))

# Publishing new content makes version 2; version 1 stays exactly as it was.
v2 = publish_tax("0.08")
print("layer v2 published, function still on v1:", total("checkout"))

# The function moves only when you point it at the new version.
lam.update_function_configuration(
    FunctionName="checkout", Layers=[v2["LayerVersionArn"]]
)
print("function updated to v2:", total("checkout"))

# Deleting version 2 does not break a function that already uses it...
lam.delete_layer_version(LayerName="tax-rules", VersionNumber=2)
print("v2 deleted, function still works:", total("checkout"))
versions = lam.list_layer_versions(LayerName="tax-rules")["LayerVersions"]
print("versions listed:", [v["Version"] for v in versions])

# ...but no function can start using it, and the number 2 is never reused.
try:
    create_checkout("checkout-new", v2["LayerVersionArn"])
except lam.exceptions.InvalidParameterValueException as err:
    print("new function on v2:", err.response["Error"]["Message"].split(":layer:")[1])
print("next publish gets version", publish_tax("0.09")["Version"])

# expect: function on v1: {'rate': 0.1, 'total': 11000}
# expect: function still on v1: {'rate': 0.1, 'total': 11000}
# expect: function updated to v2: {'rate': 0.08, 'total': 10800}
# expect: v2 deleted, function still works: {'rate': 0.08, 'total': 10800}
# expect: versions listed: [1]
# expect: new function on v2: tax-rules:2 does not exist.
# expect: next publish gets version 3
