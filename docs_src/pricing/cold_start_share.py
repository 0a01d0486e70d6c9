"""How much of the bill is cold starts? It depends on how often the function runs."""

import pocketcloud

APP = """
from pocketcloud.runtime import cpu_work

cpu_work(0.25)  # Init: importing big libraries, say 0.25 s of CPU, once per environment


def handler(event, context):
    cpu_work(0.006)  # 6 ms of work on one vCPU (about 21 ms at 512 MB)
    return {"ok": True}
"""

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
idle_s = lam._service.settings.idle_reclaim_s  # pocketcloud's model, not an AWS number
print(f"pocketcloud reclaims an environment after {idle_s:.0f} s idle")

print("calls  one every  cold  cold starts' share  $ per 1M calls")
for calls, every_s in ((100, 1), (1000, 1), (100, 900)):
    name = f"f-{calls}-{every_s}"
    fn = pocketcloud.deploy(cloud, source=APP, handler_name="handler", name=name)
    fn.configure(MemorySize=512)
    cold_usd = warm_usd = 0
    colds = 0
    for _ in range(calls):
        r = fn.invoke({})
        if r.cold_start:
            colds += 1
            cold_usd += r.cost
        else:
            warm_usd += r.cost
        cloud.run(until=cloud.now + every_s)  # virtual time passes, no real waiting
    total = cold_usd + warm_usd
    print(
        f"{calls:>5} {every_s:>8} s {colds:>5} {cold_usd / total:>19.0%}"
        f" {total / calls * 10**6:>15.2f}"
    )

# expect: 100        1 s     1
# expect: 1000        1 s     1                  1%
# expect: 100      900 s   100                100%
