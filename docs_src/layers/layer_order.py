"""Layers are merged in order: a later layer's file replaces an earlier one's at the
same path, and the function's own code wins over every layer."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")


def publish(name: str, settings_py: str) -> str:
    """Publish a layer whose only module is python/settings.py; return its ARN."""
    content = {"ZipFile": pocketcloud.zip_code({"python/settings.py": settings_py})}
    layer = lam.publish_layer_version(LayerName=name, Content=content)
    return layer["LayerVersionArn"]


company = publish("company-defaults", "SOURCE = 'company-defaults'\nRETRIES = 3\n")
team = publish("team-overrides", "SOURCE = 'team-overrides'\n")

APP = """
import settings


def handler(event, context):
    return {
        "SOURCE": settings.SOURCE,
        "has RETRIES": hasattr(settings, "RETRIES"),
        "file": settings.__file__,
    }
"""


def show(label: str) -> None:
    result = json.loads(lam.invoke(FunctionName="app")["Payload"].read())
    print(label)
    print("    " + ", ".join(f"{key}={value!r}" for key, value in result.items()))


lam.create_function(
    FunctionName="app",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
    Layers=[company, team],
)
show("Layers=[company, team]")

# Same two layers, other order: now company-defaults is merged last and wins.
lam.update_function_configuration(FunctionName="app", Layers=[team, company])
show("Layers=[team, company]")

# A settings.py in the function's own package (/var/task) beats every layer.
own_code = {"app.py": APP, "settings.py": "SOURCE = 'function package'\n"}
lam.update_function_code(FunctionName="app", ZipFile=pocketcloud.zip_code(own_code))
show("own settings.py + both layers")

# expect: SOURCE='team-overrides', has RETRIES=False, file='/opt/python/settings.py'
# expect: SOURCE='company-defaults', has RETRIES=True
# expect: SOURCE='function package', has RETRIES=False, file='/var/task/settings.py'
