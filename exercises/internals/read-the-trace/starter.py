def summarize(cloud, function_name):
    runs = cloud.lambda_trace.filter(function_name)
    # One new environment per invocation?
    return {
        "invocations": len(runs),
        "environments": len(runs),
        "cold_starts": len(runs),
        "hosts": 1,
    }


if __name__ == "__main__":
    import pocketcloud

    cloud = pocketcloud.Cloud(seed=0)

    @cloud.function(timeout=10)
    def thumbs(event, context):
        import time

        time.sleep(0.2)
        return "ok"

    lam = cloud.client("lambda")
    for _ in range(3):
        lam.invoke(FunctionName="thumbs", Payload=b"{}")
    for _ in range(3):
        lam.invoke(FunctionName="thumbs", InvocationType="Event", Payload=b"{}")
    cloud.run()
    print(cloud.lambda_trace.table())
    print(summarize(cloud, "thumbs"))
