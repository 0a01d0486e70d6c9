import pocketcloud
from pocketcloud.grading.checks import deploy_learner, expect_equal


def _payload(learner, env, items):
    fn = deploy_learner(pocketcloud.Cloud(seed=2), learner, name="list", environment=env)
    return fn.invoke({"items": items}).payload


def test_every_spelling_of_debug(learner):
    """ko: DEBUG의 여러 표기(TRUE, 1, yes, 0, off, 없음)를 바르게 읽습니다
    en: every spelling of DEBUG (TRUE, 1, yes, 0, off, unset) is read right"""
    for value, expected in (("TRUE", True), ("1", True), ("Yes", True), ("0", False), ("off", False)):
        got = _payload(learner, {"DEBUG": value}, [])
        expect_equal(got["debug"], expected, ko=f"DEBUG={value}일 때 debug", en=f"debug with DEBUG={value}")
    expect_equal(_payload(learner, None, [])["debug"], False, ko="DEBUG가 없을 때 debug", en="debug, DEBUG unset")


def test_the_default_limit_is_ten(learner):
    """ko: MAX_ITEMS가 없으면 최대 10개입니다
    en: without MAX_ITEMS the limit is ten"""
    items = [str(n) for n in range(15)]
    expect_equal(_payload(learner, None, items)["items"], items[:10], ko="items 값", en="items")
