from pocketcloud.grading.checks import expect_equal

STEPS = [
    {"MetricIntervalLowerBound": 0, "MetricIntervalUpperBound": 15, "ScalingAdjustment": 1},
    {"MetricIntervalLowerBound": 15, "MetricIntervalUpperBound": 30, "ScalingAdjustment": 2},
    {"MetricIntervalLowerBound": 30, "ScalingAdjustment": 4},
]


def test_the_step_that_contains_the_breach(learner):
    """ko: CPU 95%, 임곗값 60%: 초과분 35는 세 번째 단계(30 이상)라서 2 + 4 = 6입니다
    en: CPU 95 %, threshold 60 %: the breach of 35 is in the third step (30 and up), so 2 + 4 = 6"""
    expect_equal(learner.capacity_after(2, 95, 60, STEPS, 1, 10), 6, ko="원하는 개수", en="the desired count")


def test_the_maximum_is_a_ceiling(learner):
    """ko: 9 + 4 = 13이지만 MaxCapacity가 10이면 10입니다
    en: 9 + 4 is 13, but with MaxCapacity 10 it is 10"""
    expect_equal(learner.capacity_after(9, 95, 60, STEPS, 1, 10), 10, ko="원하는 개수", en="the desired count")
