import pocketcloud
from pocketcloud.grading.checks import expect_equal
from pocketcloud.tuning import power_tune


def _sweep(cpu_seconds, sizes, sleep_s=0.0):
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
        Timeout=30,
    )
    return power_tune(cloud, "work", memory_sizes=sizes, invocations=3)


def test_the_cheapest_fast_enough_size(learner):
    """ko: CPU 0.15초짜리 작업은 1,769MB에서야 200ms 아래로 내려갑니다
    en: 0.15 s of CPU work gets below 200 ms only at 1,769 MB"""
    result = _sweep(0.15, [128, 512, 1024, 1769, 3008])
    expect_equal(learner.choose_memory(result, 200), 1769, ko="고른 메모리(MB)", en="the memory chosen (MB)")
