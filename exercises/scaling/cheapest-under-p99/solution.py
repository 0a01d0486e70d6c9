def choose_memory(result, p99_limit_ms):
    fast_enough = [s for s in result.sizes if s.p99 < p99_limit_ms and not s.errors]
    if not fast_enough:
        return None
    return min(fast_enough, key=lambda s: (s.cost_usd, s.memory_mb)).memory_mb


if __name__ == "__main__":
    import pocketcloud
    from pocketcloud.tuning import power_tune

    APP = (
        "from pocketcloud.runtime import cpu_work\n"
        "def handler(event, context):\n"
        "    cpu_work(0.15)  # 0.15 s of one vCPU\n"
        '    return {"ok": True}\n'
    )
    cloud = pocketcloud.Cloud(seed=0)
    cloud.client("lambda").create_function(
        FunctionName="resize",
        Runtime="python3.13",
        Role="arn:aws:iam::123456789012:role/lambda-role",
        Handler="app.handler",
        Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
        Timeout=30,
    )
    result = power_tune(cloud, "resize", memory_sizes=[128, 512, 1024, 1769, 3008], invocations=3)
    print(result)
    print("chosen:", choose_memory(result, 200))
