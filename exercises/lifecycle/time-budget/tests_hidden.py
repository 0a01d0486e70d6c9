import pocketcloud
from pocketcloud.grading.checks import deploy_learner, expect, expect_equal


def test_a_caller_can_finish_everything_in_several_calls(learner):
    """ko: left로 다시 호출하면 결국 모든 항목이 한 번씩 처리됩니다
    en: calling again with left eventually processes every item exactly once"""
    fn = deploy_learner(pocketcloud.Cloud(seed=8), learner, name="batch", timeout=4)
    items = [f"x{n}" for n in range(13)]
    finished = []
    for _ in range(20):
        result = fn.invoke({"items": items})
        expect_equal(result.function_error, None, ko="함수 오류", en="the function error")
        finished += result.payload["done"]
        items = result.payload["left"]
        if not items:
            break
    expect_equal(finished, [f"X{n}" for n in range(13)], ko="처리된 항목", en="the processed items")


def test_it_uses_the_time_it_has(learner):
    """ko: 시간이 넉넉하면 한 번에 모두 처리합니다
    en: with time to spare it does everything in one call"""
    fn = deploy_learner(pocketcloud.Cloud(seed=8), learner, name="batch", timeout=10)
    payload = fn.invoke({"items": ["a", "b", "c"]}).payload
    expect(
        payload["left"] == [],
        ko="시간이 남았는데 항목을 남겼습니다",
        en="items were left with time to spare",
        got=payload,
    )
