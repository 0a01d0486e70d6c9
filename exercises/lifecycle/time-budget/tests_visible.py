import pocketcloud
from pocketcloud.grading.checks import deploy_learner, expect, expect_equal

ITEMS = [f"item-{n}" for n in range(10)]


def test_no_timeout_and_the_work_is_split(learner):
    """ko: 제한 시간 3초에 항목 10개: 시간 초과 없이 끝낸 것과 남은 것을 돌려줍니다
    en: 10 items with a 3 s timeout: no timeout, and the finished and the left items come back"""
    fn = deploy_learner(pocketcloud.Cloud(seed=0), learner, name="batch", timeout=3)
    result = fn.invoke({"items": ITEMS})
    expect_equal(result.function_error, None, ko="함수 오류(제한 시간 초과?)", en="the function error (a timeout?)")
    payload = result.payload
    expect(
        isinstance(payload, dict) and {"done", "left"} <= set(payload),
        ko="응답에 done과 left가 있어야 합니다",
        en="the answer must have done and left",
        got=payload,
    )
    done, left = payload["done"], payload["left"]
    expect(len(done) >= 1, ko="끝낸 항목이 하나도 없습니다", en="no item was finished", got=done)
    expect_equal(done, [i.upper() for i in ITEMS[: len(done)]], ko="끝낸 항목", en="the finished items")
    expect_equal(left, ITEMS[len(done) :], ko="남은 항목", en="the items left")
