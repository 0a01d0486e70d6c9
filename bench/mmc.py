"""The same M/M/c queue simulated three ways: pocketcloud's kernel, SimPy, and a bare ``heapq`` loop.

Customers arrive as a Poisson process (rate ``lam``), wait for one of ``c`` servers, and are served for an
exponential time (rate ``mu``). Each implementation draws the same random numbers in the same order, so all
three produce the same mean waiting time; only their event-loop overhead differs. The bare loop is the
practical limit for pure Python; SimPy is the well-known peer.
"""

from __future__ import annotations

import heapq
import random
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

LAM, MU, SERVERS = 9.0, 1.0, 10


@dataclass
class Result:
    name: str
    seconds: float
    mean_wait: float


def _draws(seed: int, customers: int) -> tuple[list[float], list[float]]:
    rng = random.Random(seed)
    gaps = [rng.expovariate(LAM) for _ in range(customers)]
    services = [rng.expovariate(MU) for _ in range(customers)]
    return gaps, services


def run_pocketcloud(gaps: list[float], services: list[float]) -> float:
    """The model on pocketcloud's Kernel: explicit state and callbacks, as the engine's services are written."""
    from pocketcloud.kernel import Kernel

    kernel = Kernel()
    free = SERVERS
    queue: deque[tuple[float, float]] = deque()
    waits = 0.0
    n = len(gaps)
    call_at = kernel.call_at

    def depart() -> None:
        nonlocal free, waits
        if queue:
            arrived, service = queue.popleft()
            waits += kernel.now - arrived
            call_at(kernel.now + service, depart)
        else:
            free += 1

    def arrive(i: int) -> None:
        nonlocal free
        now = kernel.now
        if free:
            free -= 1
            call_at(now + services[i], depart)
        else:
            queue.append((now, services[i]))
        if i + 1 < n:
            call_at(now + gaps[i + 1], arrive, i + 1)

    call_at(gaps[0], arrive, 0)
    kernel.run()
    return waits / n


def run_simpy(gaps: list[float], services: list[float]) -> float:
    import simpy

    env = simpy.Environment()
    servers = simpy.Resource(env, capacity=SERVERS)
    waits = [0.0]

    def customer(service: float):  # type: ignore[no-untyped-def]
        arrived = env.now
        with servers.request() as request:
            yield request
            waits[0] += env.now - arrived
            yield env.timeout(service)

    def source():  # type: ignore[no-untyped-def]
        for gap, service in zip(gaps, services, strict=True):
            yield env.timeout(gap)
            env.process(customer(service))

    env.process(source())
    env.run()
    return waits[0] / len(gaps)


def run_heapq(gaps: list[float], services: list[float]) -> float:
    """The same model as a bare event loop: a heap of (time, seq, kind, index) tuples."""
    heap: list[tuple[float, int, int, int]] = [(gaps[0], 0, 0, 0)]
    push, pop = heapq.heappush, heapq.heappop
    free = SERVERS
    queue: deque[tuple[float, float]] = deque()
    waits = 0.0
    seq = 1
    n = len(gaps)
    while heap:
        now, _, kind, i = pop(heap)
        if kind == 0:  # arrival
            if free:
                free -= 1
                push(heap, (now + services[i], seq, 1, 0))
            else:
                queue.append((now, services[i]))
            seq += 1
            if i + 1 < n:
                push(heap, (now + gaps[i + 1], seq, 0, i + 1))
                seq += 1
        elif queue:  # departure with someone waiting
            arrived, service = queue.popleft()
            waits += now - arrived
            push(heap, (now + service, seq, 1, 0))
            seq += 1
        else:
            free += 1
    return waits / n


RUNNERS: dict[str, Callable[[list[float], list[float]], float]] = {
    "heapq (bare loop)": run_heapq,
    "pocketcloud Kernel": run_pocketcloud,
    "SimPy 4.1": run_simpy,
}


def measure(customers: int = 200_000, repeats: int = 3, seed: int = 1) -> list[Result]:
    """Best of ``repeats`` for each implementation, interleaved so machine noise hits all of them alike."""
    gaps, services = _draws(seed, customers)
    best: dict[str, Result] = {}
    for _ in range(repeats):
        for name, run in RUNNERS.items():
            started = time.perf_counter()
            wait = run(gaps, services)
            elapsed = time.perf_counter() - started
            if name not in best or elapsed < best[name].seconds:
                best[name] = Result(name, elapsed, wait)
    return list(best.values())
