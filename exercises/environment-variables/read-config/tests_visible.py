import pocketcloud
from pocketcloud.grading.checks import deploy_learner, expect_equal


def test_values_come_from_the_environment(learner):
    """ko: TABLE_NAME과 STAGE를 환경 변수에서 읽습니다
    en: TABLE_NAME and STAGE come from the environment"""
    fn = deploy_learner(
        pocketcloud.Cloud(seed=0), learner, name="orders", environment={"TABLE_NAME": "orders-dev", "STAGE": "test"}
    )
    payload = fn.invoke({}).payload
    expect_equal(payload.get("table"), "orders-dev", ko="table 값", en="table")
    expect_equal(payload.get("stage"), "test", ko="stage 값", en="stage")


def test_the_region_is_the_functions_own(learner):
    """ko: region은 함수가 있는 리전입니다
    en: region is the function's own region"""
    fn = deploy_learner(pocketcloud.Cloud(seed=0), learner, name="orders", environment={"TABLE_NAME": "t"})
    expect_equal(fn.invoke({}).payload.get("region"), "ap-northeast-2", ko="region 값", en="region")
