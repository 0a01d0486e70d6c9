import math


def prepare(lam, function_name, peak_per_second, duration_ms):
    needed = math.ceil(peak_per_second * duration_ms / 1000)
    version = lam.publish_version(FunctionName=function_name)["Version"]
    lam.create_alias(FunctionName=function_name, Name="live", FunctionVersion=version)
    # Keep capacity for the spike?
    lam.put_function_concurrency(FunctionName=function_name, ReservedConcurrentExecutions=needed)
    return "live"


if __name__ == "__main__":
    import math

    import pocketcloud
    from pocketcloud import traffic

    cloud = pocketcloud.Cloud(seed=0)
    cloud.lambda_trace.limit = 5000
    lam = cloud.client("lambda")
    code = pocketcloud.zip_code({"app.py": 'def handler(event, context):\n    return "ok"\n'})
    lam.create_function(
        FunctionName="checkout",
        Runtime="python3.13",
        Role="arn:aws:iam::123456789012:role/checkout-role",
        Handler="app.handler",
        Code={"ZipFile": code},
        Timeout=10,
    )
    traffic.Workload(duration_ms=200, init_ms=1500).attach(cloud, "checkout")
    qualifier = prepare(lam, "checkout", 100, 200)
    cloud.run()  # let provisioned environments finish their Init
    spike = traffic.spike(base=2, peak=100, at=10, length=5, duration=20)
    run = traffic.drive(cloud, spike, traffic.sync("checkout", qualifier=qualifier))
    cloud.run()
    waits = sorted(r.finished_at - r.received_at for r in cloud.lambda_trace.filter("checkout"))
    print(f"sent {run.sent}, throttled {run.throttled}")
    print(f"p99 {waits[math.ceil(0.99 * len(waits)) - 1]:.3f} s")
