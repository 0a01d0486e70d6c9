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


def setup(seed=0):
    cloud = pocketcloud.Cloud(seed=seed)
    lam = cloud.client("lambda")
    base = lam.publish_layer_version(LayerName="base", Content={"ZipFile": pocketcloud.zip_code(BASE)})
    patch = lam.publish_layer_version(LayerName="patch", Content={"ZipFile": pocketcloud.zip_code(PATCH)})
    fn = pocketcloud.deploy(cloud, source=APP, handler_name="handler", name="greeter")
    return lam, fn, base["LayerVersionArn"], patch["LayerVersionArn"]


def test_the_patched_greeting_is_used(learner):
    """ko: 고친 greeting.py가 쓰이고, base의 util.py도 불러옵니다
    en: the fixed greeting.py is used, and base's util.py still imports"""
    lam, fn, base, patch = setup()
    learner.attach(lam, "greeter", base, patch)
    result = fn.invoke({"name": "ada"})
    expect_equal(result.function_error, None, ko="함수 오류", en="the function error")
    expect_equal(result.payload, "HELLO ADA!", ko="응답", en="the answer")
