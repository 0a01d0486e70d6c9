import pocketcloud
from pocketcloud.grading.checks import expect_equal


def publish(lam, name, text):
    content = pocketcloud.zip_code({f"python/{name}.py": f"TEXT = {text!r}\n"})
    return lam.publish_layer_version(LayerName=name, Content={"ZipFile": content})["LayerVersionArn"]


APP = """
import alpha
import beta
import gamma


def handler(event, context):
    return [alpha.TEXT, beta.TEXT, gamma.TEXT]
"""


def test_only_the_named_layer_moves_and_order_stays(learner):
    """ko: 이름이 같은 계층만 바뀌고 순서는 그대로이며, 여러 버전을 건너뛰어도 최신으로 갑니다
    en: only the named layer moves, the order stays, and it jumps to the latest across several versions"""
    cloud = pocketcloud.Cloud(seed=5)
    lam = cloud.client("lambda")
    a, b, c = (publish(lam, n, f"{n} v1") for n in ("alpha", "beta", "gamma"))
    fn = pocketcloud.deploy(cloud, source=APP, handler_name="handler", name="mix", layers=[a, b, c])
    for version in (2, 3, 4):
        publish(lam, "beta", f"beta v{version}")
    publish(lam, "alpha", "alpha v2")
    got = learner.upgrade(lam, "mix", "beta")
    expect_equal(got, [a, b[:-1] + "4", c], ko="돌려준 ARN 목록", en="the ARNs returned")
    config = [x["Arn"] for x in lam.get_function_configuration(FunctionName="mix")["Layers"]]
    expect_equal(config, got, ko="함수 구성의 계층", en="the configuration's layers")
    expect_equal(fn.invoke({}).payload, ["alpha v1", "beta v4", "gamma v1"], ko="함수의 응답", en="the answer")
