import pocketcloud
from pocketcloud.grading.checks import deploy_learner, expect_equal


def _answer(learner, env, items):
    fn = deploy_learner(pocketcloud.Cloud(seed=0), learner, name="list", environment=env)
    result = fn.invoke({"items": items})
    expect_equal(result.function_error, None, ko="함수 오류", en="the function error")
    return result.payload


def test_false_means_false(learner):
    """ko: DEBUG=false이면 debug는 False입니다
    en: DEBUG=false means debug is False"""
    payload = _answer(learner, {"DEBUG": "false", "MAX_ITEMS": "2"}, ["a", "b", "c"])
    expect_equal(payload["debug"], False, ko="debug 값", en="debug")


def test_max_items_is_a_number(learner):
    """ko: MAX_ITEMS=2이면 항목 2개만 돌려줍니다
    en: MAX_ITEMS=2 returns two items"""
    payload = _answer(learner, {"DEBUG": "true", "MAX_ITEMS": "2"}, ["a", "b", "c"])
    expect_equal(payload["items"], ["a", "b"], ko="items 값", en="items")
    expect_equal(payload["debug"], True, ko="debug 값", en="debug")
