import pocketcloud
from pocketcloud.grading.checks import deploy_learner, expect, expect_equal


def _three(learner, seed=0):
    fn = deploy_learner(pocketcloud.Cloud(seed=seed), learner, name="fx")
    return [fn.invoke({"usd": 10, "currency": "KRW"}) for _ in range(3)]


def test_the_amount_is_right(learner):
    """ko: 환산 결과가 맞습니다
    en: the converted amount is right"""
    results = _three(learner)
    expect_equal(results[0].function_error, None, ko="함수 오류", en="the function error")
    expect_equal(results[-1].payload["amount"], 13805.0, ko="amount 값", en="the amount")


def test_the_table_is_loaded_once_per_environment(learner):
    """ko: 같은 실행 환경에서는 환율표를 한 번만 내려받습니다
    en: the table is downloaded once per execution environment"""
    results = _three(learner)
    expect_equal([r.payload["loads"] for r in results], [1, 1, 1], ko="호출마다의 loads 값", en="loads per call")


def test_warm_invocations_are_fast(learner):
    """ko: 웜 호출은 100 ms 안에 끝납니다
    en: warm invocations finish within 100 ms"""
    results = _three(learner)
    slow = [round(r.duration_ms) for r in results[1:] if r.duration_ms >= 100]
    expect(not slow, ko="웜 호출이 100 ms보다 오래 걸렸습니다", en="a warm invocation took 100 ms or more", got=slow)
