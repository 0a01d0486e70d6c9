import pocketcloud
from pocketcloud.grading.checks import deploy_learner, expect_equal


def test_stage_defaults_to_dev_and_another_region(learner):
    """ko: STAGE가 없으면 dev이고, 다른 리전에서도 맞습니다
    en: STAGE defaults to dev, and another region works too"""
    cloud = pocketcloud.Cloud(seed=1, region="eu-west-1")
    fn = deploy_learner(cloud, learner, name="orders", environment={"TABLE_NAME": "orders-eu"})
    expect_equal(
        fn.invoke({}).payload, {"table": "orders-eu", "stage": "dev", "region": "eu-west-1"}, ko="응답", en="the answer"
    )
