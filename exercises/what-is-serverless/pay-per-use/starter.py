from decimal import Decimal


def warm_cost_per_million(fn, event, runs):
    results = [fn.invoke(event) for _ in range(runs + 1)]
    total = sum((r.cost for r in results), Decimal(0))
    return total / len(results) * 1_000_000


SOURCE = """
import time


def handler(event, context):
    time.sleep(0.12)  # 120 ms of (virtual) waiting on another service
    return {"ok": True}
"""

if __name__ == "__main__":
    import pocketcloud

    cloud = pocketcloud.Cloud(seed=0)
    fn = pocketcloud.deploy(cloud, source=SOURCE, handler_name="handler", name="api", memory_size=512)
    print(f"${warm_cost_per_million(fn, {}, 10):.4f} per million warm invocations")
