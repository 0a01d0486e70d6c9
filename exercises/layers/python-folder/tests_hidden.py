import pocketcloud
from pocketcloud.grading.checks import expect_equal


def test_the_layer_is_attached_not_copied(learner):
    """ko: 함수 구성에 계층이 정확히 하나, 바로 그 버전으로 붙어 있습니다
    en: the function's configuration lists exactly that one layer version"""
    cloud = pocketcloud.Cloud(seed=4)
    lam = cloud.client("lambda")
    lam.publish_layer_version(LayerName="money", Content={"ZipFile": pocketcloud.zip_code({"python/x.py": ""})})
    layer = lam.publish_layer_version(LayerName="money", Content={"ZipFile": learner.layer_zip()})
    learner.create_shop(cloud, layer["LayerVersionArn"])
    layers = [entry["Arn"] for entry in lam.get_function_configuration(FunctionName="shop").get("Layers", [])]
    expect_equal(layers, [layer["LayerVersionArn"]], ko="함수의 계층 목록", en="the function's layers")
