import pocketcloud
from pocketcloud.grading.checks import expect_equal
from pocketcloud.tuning import power_tune


def _sweep(cpu_seconds, sizes, sleep_s=0.0, timeout=30):
    app = (
        "import time\n"
        "from pocketcloud.runtime import cpu_work\n"
        "def handler(event, context):\n"
        f"    cpu_work({cpu_seconds})\n"
        f"    time.sleep({sleep_s})\n"
        "    return 1\n"
    )
    cloud = pocketcloud.Cloud(seed=0)
    cloud.client("lambda").create_function(
        FunctionName="work",
        Runtime="python3.13",
        Role="arn:aws:iam::123456789012:role/lambda-role",
        Handler="app.handler",
        Code={"ZipFile": pocketcloud.zip_code({"app.py": app})},
        Timeout=timeout,
    )
    return power_tune(cloud, "work", memory_sizes=sizes, invocations=3)


def test_a_loose_limit_keeps_the_cheapest(learner):
    """ko: 한도가 넉넉하면 가장 저렴한 크기가 그대로 답입니다
    en: with a loose limit the cheapest size is the answer"""
    result = _sweep(0.15, [128, 512, 1769])
    expect_equal(
        learner.choose_memory(result, 5000),
        result.cheapest.memory_mb,
        ko="고른 메모리(MB)",
        en="the memory chosen (MB)",
    )


def test_no_size_meets_an_impossible_limit(learner):
    """ko: 200ms를 기다리는 코드는 어떤 메모리로도 200ms 아래가 되지 않습니다: None
    en: code that waits 200 ms never gets under 200 ms, whatever the memory: None"""
    result = _sweep(0.01, [128, 1024, 3008], sleep_s=0.2)
    expect_equal(learner.choose_memory(result, 200), None, ko="고른 메모리", en="the memory chosen")


def test_sizes_with_errors_are_never_chosen(learner):
    """ko: 제한 시간을 넘긴 크기는 고르지 않습니다
    en: a size whose invocations timed out is never chosen"""
    result = _sweep(0.5, [128, 1024, 1769], timeout=3)  # 128 MB needs ~6.9 s: timeouts
    chosen = learner.choose_memory(result, 10_000)
    expect_equal(chosen, 1024, ko="고른 메모리(MB)", en="the memory chosen (MB)")
