"""Memory vs speed vs cost: a small Power Tuning run over real invocations."""

import html
from statistics import mean

import pocketcloud

CPU_BOUND = """
from pocketcloud.runtime import cpu_work


def handler(event, context):
    cpu_work(0.4)  # 0.4 s of work on one full vCPU (say, resizing an image)
    return {"ok": True}
"""

IO_BOUND = """
import time


def handler(event, context):
    time.sleep(0.4)  # 0.4 s waiting for another service: no CPU needed
    return {"ok": True}
"""

cloud = pocketcloud.Cloud(seed=0)
resize = pocketcloud.deploy(
    cloud, source=CPU_BOUND, handler_name="handler", name="resize", timeout=30
)
lookup = pocketcloud.deploy(
    cloud, source=IO_BOUND, handler_name="handler", name="lookup", timeout=30
)


def measure(fn, memory_mb, runs=5):
    """Average billed ms, and USD per million warm invocations, at one memory size."""
    fn.configure(MemorySize=memory_mb)  # new configuration -> new environments
    fn.invoke({})  # this one is a cold start: left out here (see the next section)
    results = [fn.invoke({}) for _ in range(runs)]
    return mean(r.billed_ms for r in results), mean(r.cost for r in results) * 10**6


class Sweep:
    """The results as a table; `_repr_html_` draws it on the page."""

    def __init__(self, rows):
        self.rows = rows  # (memory, cpu_ms, cpu_usd, io_ms, io_usd)

    def _repr_html_(self):
        top = max(row[1] for row in self.rows)
        cell = "padding:3px 10px;border:0;border-bottom:1px solid rgba(127,127,127,.3)"
        head = "".join(
            f"<th style='{cell};background:rgba(127,127,127,.12)'>{html.escape(h)}</th>"
            for h in ("memory", "CPU-bound", "$ / 1M", "I/O-bound", "$ / 1M")
        )
        body = ""
        for mb, cpu_ms, cpu_usd, io_ms, io_usd in self.rows:
            bar = (
                "<span style='display:inline-block;height:8px;margin-right:6px;"
                f"width:{cpu_ms / top * 120:.0f}px;background:#5c6bc0'></span>"
            )
            body += (
                f"<tr><td style='{cell}'>{mb:,} MB</td>"
                f"<td style='{cell}'>{bar}{cpu_ms:,.0f} ms</td>"
                f"<td style='{cell}'>${cpu_usd:.2f}</td>"
                f"<td style='{cell}'>{io_ms:,.0f} ms</td>"
                f"<td style='{cell}'>${io_usd:.2f}</td></tr>"
            )
        return (
            "<table style='border-collapse:collapse;font-size:13px'>"
            f"<tr>{head}</tr>{body}</table>"
        )


rows = []
print("memory   CPU-bound  $/1M    I/O-bound  $/1M")
for mb in (128, 256, 512, 1024, 1769, 3008):
    cpu_ms, cpu_usd = measure(resize, mb)
    io_ms, io_usd = measure(lookup, mb)
    rows.append((mb, cpu_ms, cpu_usd, io_ms, io_usd))
    cpu = f"{cpu_ms:>7,.0f} ms {cpu_usd:>6.2f}"
    io = f"{io_ms:>7,.0f} ms {io_usd:>6.2f}"
    print(f"{mb:>5} MB {cpu} {io}")

Sweep(rows)  # the last expression: drawn as a table on the page

# expect: 128 MB   5,530 ms  11.72
# expect: 1769 MB     402 ms  11.76
# expect: 3008 MB     402 ms  19.87
