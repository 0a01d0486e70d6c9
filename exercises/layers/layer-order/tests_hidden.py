import pocketcloud
from pocketcloud.grading.checks import expect_equal

BASE = {
    "python/shared/__init__.py": "",
    "python/shared/greeting.py": "def hello(name):\n    return 'helo ' + name\n",
    "python/shared/util.py": "def shout(text):\n    return text.upper() + '!'\n",
}
PATCH = {"python/shared/greeting.py": "def hello(name):\n    return 'hello ' + name\n"}
APP = """
from shared import greeting, util


def handler(event, context):
    return util.shout(greeting.hello(event["name"]))
"""


def test_the_configuration_lists_base_then_patch(learner):
    """ko: 구성의 계층 목록은 base, patch 순서이고 다른 이름의 함수에도 동작합니다
    en: the configuration lists base then patch, for a function of another name too"""
    cloud = pocketcloud.Cloud(seed=7)
    lam = cloud.client("lambda")
    base = lam.publish_layer_version(LayerName="base", Content={"ZipFile": pocketcloud.zip_code(BASE)})
    patch = lam.publish_layer_version(LayerName="patch", Content={"ZipFile": pocketcloud.zip_code(PATCH)})
    fn = pocketcloud.deploy(cloud, source=APP, handler_name="handler", name="welcome")
    learner.attach(lam, "welcome", base["LayerVersionArn"], patch["LayerVersionArn"])
    layers = [entry["Arn"] for entry in lam.get_function_configuration(FunctionName="welcome")["Layers"]]
    expect_equal(layers, [base["LayerVersionArn"], patch["LayerVersionArn"]], ko="계층 목록", en="the layers")
    expect_equal(fn.invoke({"name": "지민"}).payload, "HELLO 지민!", ko="응답", en="the answer")
