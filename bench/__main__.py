"""Run the benchmarks: ``python -m bench [engine|site|all|ab [REV]]`` (default: all). Prints ratios measured in one
run; ``ab`` compares the invoke cost with an earlier git revision (see :mod:`bench.invoke_ab`)."""

from __future__ import annotations

import sys


def engine() -> None:
    from . import invoke_cost, mmc

    results = mmc.measure()
    by_name = {r.name: r for r in results}
    simpy = by_name["SimPy 4.1"].seconds
    print("M/M/c queue, 200,000 customers (best of 3, same random draws)")
    for r in results:
        print(f"  {r.name:20} {r.seconds:7.3f} s   {simpy / r.seconds:5.2f}x SimPy   mean wait {r.mean_wait:.6f}")
    total, per = invoke_cost.measure()
    print(f"100,000 sequential invokes of a trivial handler: {total:.2f} s ({per:.1f} us per invoke)")


def site() -> None:
    from . import site as site_bench

    site_bench.main()


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "all"
    if what == "ab":
        from . import invoke_ab

        invoke_ab.main(sys.argv[2] if len(sys.argv) > 2 else "HEAD~1")
    if what in ("engine", "all"):
        engine()
    if what in ("site", "all"):
        site()
