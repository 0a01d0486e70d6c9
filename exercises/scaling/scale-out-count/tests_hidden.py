from pocketcloud.grading.checks import expect_equal

STEPS = [
    {"MetricIntervalLowerBound": 0, "MetricIntervalUpperBound": 15, "ScalingAdjustment": 1},
    {"MetricIntervalLowerBound": 15, "MetricIntervalUpperBound": 30, "ScalingAdjustment": 2},
    {"MetricIntervalLowerBound": 30, "ScalingAdjustment": 4},
]


def test_a_lower_bound_is_inclusive(learner):
    """ko: 초과분이 정확히 15이면 두 번째 단계입니다(하한 포함, 상한 제외)
    en: a breach of exactly 15 is the second step (lower bound inclusive, upper exclusive)"""
    expect_equal(learner.capacity_after(3, 75, 60, STEPS, 1, 10), 5, ko="원하는 개수", en="the desired count")


def test_a_small_breach_takes_the_first_step(learner):
    """ko: 초과분 0.5는 첫 번째 단계입니다
    en: a breach of 0.5 is the first step"""
    expect_equal(learner.capacity_after(3, 60.5, 60, STEPS, 1, 10), 4, ko="원하는 개수", en="the desired count")


def test_the_steps_may_come_in_any_order(learner):
    """ko: 단계의 순서가 바뀌어도 초과분을 포함하는 단계가 적용됩니다
    en: the steps may be listed in any order: the one containing the breach applies"""
    shuffled = [STEPS[2], STEPS[0], STEPS[1]]
    expect_equal(learner.capacity_after(2, 80, 60, shuffled, 1, 10), 4, ko="원하는 개수", en="the desired count")


def test_the_minimum_is_a_floor(learner):
    """ko: 현재 개수가 MinCapacity보다 작으면 결과는 적어도 MinCapacity입니다
    en: when the current count is below MinCapacity, the result is at least MinCapacity"""
    expect_equal(learner.capacity_after(0, 61, 60, STEPS, 2, 10), 2, ko="원하는 개수", en="the desired count")
