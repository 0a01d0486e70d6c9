import math
from decimal import Decimal

TARGET_MS = 200


def p99(values):
    ordered = sorted(values)
    return ordered[math.ceil(0.99 * len(ordered)) - 1]


def best_memory(fn, memories, runs):
    best, best_cost = None, None
    for memory in memories:
        fn.configure(MemorySize=memory)  # a new configuration: new environments
        fn.invoke({})  # the cold start, left out
        results = [fn.invoke({}) for _ in range(runs)]
        if p99([r.duration_ms for r in results]) >= TARGET_MS:
            continue
        cost = sum((r.cost for r in results), Decimal(0)) / runs
        if best_cost is None or cost < best_cost:
            best, best_cost = memory, cost
    return best


WORK = """
import time
from pocketcloud.runtime import cpu_work


def handler(event, context):
    time.sleep(0.05)  # 50 ms waiting on a database
    cpu_work(0.1)  # 100 ms of work on one full vCPU
    return {"ok": True}
"""

if __name__ == "__main__":
    import pocketcloud

    cloud = pocketcloud.Cloud(seed=0)
    fn = pocketcloud.deploy(cloud, source=WORK, handler_name="handler", name="work", timeout=30)
    for memory in (512, 1024, 1536, 2048):
        fn.configure(MemorySize=memory)
        fn.invoke({})
        results = [fn.invoke({}) for _ in range(10)]
        mean = sum((r.cost for r in results), Decimal(0)) / len(results)
        print(f"{memory:>5} MB: p99 {p99([r.duration_ms for r in results]):6.1f} ms, ${mean * 10**6:.3f} per 1M")
    print("best:", best_memory(fn, [512, 1024, 1536, 2048], 10))
