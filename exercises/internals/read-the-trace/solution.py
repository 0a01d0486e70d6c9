def summarize(cloud, function_name):
    runs = cloud.lambda_trace.filter(function_name)
    return {
        "invocations": len(runs),
        "environments": len({run.env_name for run in runs}),
        "cold_starts": sum(1 for run in runs if run.start_kind == "cold"),
        "hosts": len({run.host for run in runs}),
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
