"""Run the benchmarks: ``python -m bench [engine|site|all|ab [REV]]`` (default: all). Prints ratios measured in one
run; ``ab`` compares the invoke cost with an earlier git revision (see :mod:`bench.invoke_ab`)."""

from __future__ import annotations

import sys


def kernel_and_invoke() -> None:
    from . import api_shapes, invoke_cost, mmc

    results = mmc.measure()
    by_name = {r.name: r for r in results}
    simpy = by_name["SimPy 4.1"].seconds
    print("M/M/c queue, 200,000 customers (best of 3, same random draws)")
    for r in results:
        print(f"  {r.name:20} {r.seconds:7.3f} s   {simpy / r.seconds:5.2f}x SimPy   mean wait {r.mean_wait:.6f}")
    total, per = invoke_cost.measure()
    print(f"100,000 sequential invokes of a trivial handler: {total:.2f} s ({per:.1f} us per invoke)")
    api_shapes.main()


def kinesis() -> None:
    from . import kinesis_records

    rates = kinesis_records.measure()
    bare_put, bare_get = rates["bare loop"]
    print("Kinesis, 50,000 records: PutRecords of 500, then GetRecords (best of 3)")
    for name, (put_rate, get_rate) in rates.items():
        print(
            f"  {name:12} PutRecords {put_rate:10,.0f} records/s ({bare_put / put_rate:4.1f}x bare loop)   "
            f"GetRecords {get_rate:10,.0f} records/s ({bare_get / get_rate:4.1f}x bare loop)"
        )


def messaging() -> None:
    from . import messaging as bench_messaging

    bench_messaging.main()


def s3() -> None:
    from . import s3_cost

    result = s3_cost.measure()
    print(
        f"S3, 1 KiB objects: {result['put_per_s']:,.0f} PutObject/s, {result['get_per_s']:,.0f} GetObject/s "
        f"({result['bare_ratio']:.1f}x a bare dict+MD5 loop); "
        f"PutObject -> Lambda fan-out {result['fan_out_per_s']:,.0f} events/s"
    )


def stepfunctions() -> None:
    try:
        import moto  # noqa: F401  (bench-only peer: pip install -e '.[bench]')
    except ImportError:
        print("Step Functions vs moto: skipped (moto is not installed; pip install -e '.[bench]')")
        return
    from . import stepfunctions as bench_sfn

    bench_sfn.main()


def dynamodb() -> None:
    from . import dynamodb_ops

    ddb = dynamodb_ops.measure()
    print(
        f"DynamoDB: {ddb['put_per_s']:,.0f} PutItem/s, {ddb['get_per_s']:,.0f} GetItem/s; one Query over a "
        f"10,000-item partition {ddb['query_ms']:.0f} ms"
    )


def event_source_mapping() -> None:
    from . import esm_sqs

    esm_sqs.main()


def logs() -> None:
    from . import logs_ops

    logs_ops.main()


def eventbridge() -> None:
    from . import events_ops

    events_ops.main()


def http_api() -> None:
    from . import http_api as bench_http

    bench_http.main()


def alb_ecs() -> None:
    from . import alb_ecs as bench_alb

    bench_alb.main()


def day() -> None:
    from . import traffic_day

    traffic_day.main(int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000)


def side_by_side() -> None:
    from . import side_by_side as bench_side

    bench_side.main()


ENGINE = (kernel_and_invoke, kinesis, messaging, s3, dynamodb, stepfunctions, event_source_mapping, http_api, logs)
ENGINE += (day,)
ENGINE += (eventbridge,)
ENGINE += (alb_ecs,)
ENGINE += (side_by_side,)


def ecs_day() -> None:
    from . import ecs_day as bench_ecs_day

    bench_ecs_day.main(int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000)


ENGINE += (ecs_day,)


def engine() -> None:
    for bench in ENGINE:
        bench()


def site() -> None:
    from . import site as site_bench

    site_bench.main()
    runner_snapshot()


def moto() -> None:
    """moto's tests for Lambda, Logs and Secrets Manager run against pocketcloud (see :mod:`bench.moto_suite`)."""
    from . import moto_suite

    moto_suite.main()


def runner_snapshot() -> None:
    from . import runner_snapshot as bench_snapshot

    bench_snapshot.main()


def day_pyodide() -> None:
    """A day of traffic in Pyodide in Chromium against CPython (see :mod:`bench.day_pyodide`; needs ``make site``)."""
    from . import day_pyodide as bench_day_pyodide

    bench_day_pyodide.main(int(sys.argv[2]) if len(sys.argv) > 2 else bench_day_pyodide.DEFAULT_N)


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "all"
    if what == "ab":
        from . import invoke_ab

        invoke_ab.main(sys.argv[2] if len(sys.argv) > 2 else "HEAD~1")
    if what in ("engine", "all"):
        engine()
    if what in ("site", "all"):
        site()
    by_name = {f.__name__: f for f in (*ENGINE, runner_snapshot)}
    by_name["moto"] = moto
    by_name["day_pyodide"] = day_pyodide
    if what in by_name:
        by_name[what]()
