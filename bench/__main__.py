"""Run the benchmarks: ``python -m bench [engine|site|all]`` (default: all). Prints ratios measured in one run."""

from __future__ import annotations

import sys


def engine() -> None:
    from . import api_shapes, invoke_cost, kinesis_records, mmc

    results = mmc.measure()
    by_name = {r.name: r for r in results}
    simpy = by_name["SimPy 4.1"].seconds
    print("M/M/c queue, 200,000 customers (best of 3, same random draws)")
    for r in results:
        print(f"  {r.name:20} {r.seconds:7.3f} s   {simpy / r.seconds:5.2f}x SimPy   mean wait {r.mean_wait:.6f}")
    total, per = invoke_cost.measure()
    print(f"100,000 sequential invokes of a trivial handler: {total:.2f} s ({per:.1f} us per invoke)")
    api_shapes.main()
    kinesis = kinesis_records.measure()
    bare_put, bare_get = kinesis["bare loop"]
    print("Kinesis, 50,000 records: PutRecords of 500, then GetRecords (best of 3)")
    for name, (put_rate, get_rate) in kinesis.items():
        print(
            f"  {name:12} PutRecords {put_rate:10,.0f} records/s ({bare_put / put_rate:4.1f}x bare loop)   "
            f"GetRecords {get_rate:10,.0f} records/s ({bare_get / get_rate:4.1f}x bare loop)"
        )
    from . import http_api, messaging

    messaging.main()
    http_api.main()


def site() -> None:
    from . import site as site_bench

    site_bench.main()


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "all"
    if what in ("engine", "all"):
        engine()
    if what in ("site", "all"):
        site()
