import pocketcloud
from pocketcloud.grading.checks import expect_equal


def publish(lam, name, text):
    content = pocketcloud.zip_code({f"python/{name}.py": f"TEXT = {text!r}\n"})
    return lam.publish_layer_version(LayerName=name, Content={"ZipFile": content})["LayerVersionArn"]


APP = """
import prices
import tools


def handler(event, context):
    return [tools.TEXT, prices.TEXT]
"""


def test_the_function_runs_the_new_version(learner):
    """ko: 새 버전으로 올린 뒤 함수는 새 계층 코드를 씁니다
    en: after the upgrade the function runs the new layer code"""
    cloud = pocketcloud.Cloud(seed=0)
    lam = cloud.client("lambda")
    tools, prices = publish(lam, "tools", "tools v1"), publish(lam, "prices", "prices v1")
    fn = pocketcloud.deploy(cloud, source=APP, handler_name="handler", name="shop", layers=[tools, prices])
    publish(lam, "prices", "prices v2")
    got = learner.upgrade(lam, "shop", "prices")
    expect_equal(got, [tools, prices[:-1] + "2"], ko="돌려준 ARN 목록", en="the ARNs returned")
    expect_equal(fn.invoke({}).payload, ["tools v1", "prices v2"], ko="함수의 응답", en="the answer")
