"""A function can use at most five layers."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")

arns = []
for n in range(1, 7):
    module = {f"python/helper{n}.py": f"NAME = 'helper{n}'\n"}
    layer = lam.publish_layer_version(
        LayerName=f"helper{n}", Content={"ZipFile": pocketcloud.zip_code(module)}
    )
    arns.append(layer["LayerVersionArn"])

APP = """
import helper1, helper5


def handler(event, context):
    return [helper1.NAME, helper5.NAME]
"""
function = {
    "FunctionName": "many-layers",
    "Runtime": "python3.13",
    "Role": "arn:aws:iam::123456789012:role/lambda-role",
    "Handler": "app.handler",
    "Code": {"ZipFile": pocketcloud.zip_code({"app.py": APP})},
}

# Six layers: refused before the function exists.
try:
    lam.create_function(**function, Layers=arns)
except lam.exceptions.InvalidParameterValueException as err:
    error = err.response["Error"]
    print("6 layers:", error["Code"], "-", error["Message"])

# Five layers: fine.
lam.create_function(**function, Layers=arns[:5])
payload = json.loads(lam.invoke(FunctionName="many-layers")["Payload"].read())
print("5 layers:", payload)

# The configuration lists the five layers in the order they are merged.
for entry in lam.get_function_configuration(FunctionName="many-layers")["Layers"]:
    print("  ", entry["Arn"].split(":layer:")[1])

# expect: InvalidParameterValueException - Cannot reference more than 5 layers.
# expect: 5 layers: ['helper1', 'helper5']
# expect: helper5:1
