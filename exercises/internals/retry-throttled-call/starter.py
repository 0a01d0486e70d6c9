def invoke_with_backoff(cloud, lam, name, payload, attempts=5, base_delay=1.0):
    for _ in range(attempts):
        try:
            return lam.invoke(FunctionName=name, Payload=payload)
        except lam.exceptions.TooManyRequestsException:
            pass  # try again at once?
    return None


if __name__ == "__main__":
    import pocketcloud

    cloud = pocketcloud.Cloud(seed=0)

    @cloud.function(timeout=30)
    def orders(event, context):
        import time

        time.sleep(event.get("work", 0))
        return {"order": event.get("order")}

    lam = cloud.client("lambda")
    lam.put_function_concurrency(FunctionName="orders", ReservedConcurrentExecutions=1)
    lam.invoke(FunctionName="orders", InvocationType="Event", Payload=b'{"work": 5}')
    cloud.run(until=0.1)  # the async event now holds the only environment for 5 s
    response = invoke_with_backoff(cloud, lam, "orders", b'{"order": 7}')
    print("response:", response and response["Payload"].read(), f"at {cloud.now:.1f} s")
    for throttle in cloud.lambda_trace.throttles:
        print(f"throttled at {throttle.at:.1f} s: {throttle.reason}")
