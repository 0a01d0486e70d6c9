import pocketcloud
from pocketcloud.grading.checks import deploy_learner, expect_equal


def test_every_currency_and_a_new_environment(learner):
    """ko: 모든 통화가 맞고, 새 실행 환경은 다시 한 번만 내려받습니다
    en: every currency is right, and a new environment downloads once again"""
    fn = deploy_learner(pocketcloud.Cloud(seed=6), learner, name="fx")
    got = [fn.invoke({"usd": 2, "currency": c}).payload for c in ("KRW", "JPY", "EUR")]
    expect_equal([g["amount"] for g in got], [2761.0, 302.4, 1.84], ko="amount 값들", en="the amounts")
    expect_equal([g["loads"] for g in got], [1, 1, 1], ko="loads 값들", en="the loads values")
    fn.configure(MemorySize=256)  # a new configuration: new environments
    expect_equal(fn.invoke({"usd": 1, "currency": "EUR"}).payload["loads"], 1, ko="새 환경의 loads", en="loads")
