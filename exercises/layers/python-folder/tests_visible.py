import io
import zipfile

import pocketcloud
from pocketcloud.grading.checks import expect, expect_equal


def _publish(cloud, learner):
    content = learner.layer_zip()
    return cloud.client("lambda").publish_layer_version(LayerName="money", Content={"ZipFile": content})


def test_the_module_sits_under_python(learner):
    """ko: 계층 .zip 안에서 money.py는 python/ 폴더에 있습니다
    en: in the layer .zip, money.py sits in the python/ folder"""
    names = zipfile.ZipFile(io.BytesIO(learner.layer_zip())).namelist()
    expect("python/money.py" in names, ko="python/money.py가 없습니다", en="there is no python/money.py", got=names)


def test_the_function_imports_it_from_the_layer(learner):
    """ko: shop 함수가 계층의 money 모듈을 불러와 가격을 만듭니다
    en: the shop function imports money from the layer and formats the price"""
    cloud = pocketcloud.Cloud(seed=0)
    layer = _publish(cloud, learner)
    shop = learner.create_shop(cloud, layer["LayerVersionArn"])
    result = shop.invoke({"amount": 12900})
    expect_equal(
        result.function_error, None, ko="함수 오류(ImportModuleError?)", en="the function error (ImportModuleError?)"
    )
    expect_equal(result.payload, {"price": "12,900 KRW"}, ko="응답", en="the answer")
