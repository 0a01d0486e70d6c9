"""One task's app as a small queue: concurrency slots, then CPU time on the task's vCPUs (a pocketcloud model).

A real container runs your code; a simulated one runs this model, configured by the task definition's
``pocketcloud.*`` docker labels (:mod:`.taskdefs`). A request that reaches a task of ``v`` vCPUs:

1. takes one of the app's ``concurrency`` slots (its worker threads) as soon as one is free, first come first
   served; while every slot is busy it waits (at most ``queue`` requests wait: beyond that the connection is
   refused);
2. then needs ``cpu_ms`` of CPU. The task's CPU is ``n = max(1, floor(v))`` processors of ``v / n`` vCPU each (a
   quarter-vCPU task is one processor at a quarter of the speed, as Fargate's CPU quota throttles it: one request
   of 10 ms of CPU takes 40 ms there), shared first come first served: a request whose turn has not come waits for
   a processor while holding its slot;
3. then waits ``latency_ms`` on something that needs no CPU (a database, say), and answers.

So the CPU's demand and its capacity are separate: while requests arrive faster than ``v / cpu_ms`` per second the
processors never rest, the task's ``CPUUtilization`` saturates at 100 % and the latency grows with the queue in
front of the processors and the slots. AWS defines the metric as the CPU "used by the tasks in the service"
divided by the CPU "reserved" for them (the task size on Fargate), in percent, sent "in 1-minute periods":
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cloudwatch-metrics.html and
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service_utilization.html — here the CPU used is
exactly the processors' busy time times their speed, counted in the period it happens in.

Because service is first come first served and every request needs the same work, each request's start, CPU turn
and end follow from two tiny heaps (when each busy slot and each processor becomes free), computed when the
request arrives: :meth:`TaskQueue.admit` is a few heap operations, with no event of its own until the answer. The
same computation serves requests one at a time (an HTTP request through the router) and a batch of arrivals (the
load balancer's batched path, :mod:`pocketcloud.services.elbv2.batch`).
"""

from __future__ import annotations

import heapq
import math
from collections import deque


class TaskQueue:
    """The slots and processors of one task (see the module docstring). Times are virtual seconds."""

    __slots__ = (
        "_cpu_done",
        "_cpu_free",
        "_cpu_spans",
        "_ends",
        "_slot_free",
        "_starts",
        "cpu_s",
        "latency_s",
        "queue_limit",
        "run_s",
        "servers",
        "slots",
        "speed",
    )

    def __init__(self, vcpu: float, cpu_ms: float, latency_ms: float, concurrency: int, queue: int) -> None:
        self.slots = max(1, concurrency)
        self.servers = max(1, math.floor(vcpu))
        #: vCPU of one processor.
        self.speed = vcpu / self.servers
        #: CPU seconds one request uses, and the time its CPU turn takes on one processor.
        self.cpu_s = cpu_ms / 1000.0
        self.run_s = self.cpu_s / self.speed
        self.latency_s = latency_ms / 1000.0
        self.queue_limit = queue
        self._slot_free: list[float] = []
        self._cpu_free: list[float] = []
        #: Start and end of every admitted request not yet over (both never decrease: service is FIFO and every
        #: request needs the same work).
        self._starts: deque[float] = deque()
        self._ends: deque[float] = deque()
        #: CPU turns not yet wholly counted, and the CPU seconds of those that were.
        self._cpu_spans: deque[tuple[float, float]] = deque()
        self._cpu_done = 0.0

    def admit(self, now: float) -> tuple[float, float] | None:
        """Take a request arriving at ``now``: its (start, end), or None when the queue is full (refused).

        A busy heap's earliest time is read, then replaced by the new one (``heapreplace``): the same times as
        popping it and pushing the new one, in one heap operation."""
        starts = self._starts
        while starts and starts[0] <= now:
            starts.popleft()
        slot_free = self._slot_free
        full = len(slot_free) >= self.slots
        if full:
            if len(starts) >= self.queue_limit:
                return None
            start = slot_free[0]
            if start < now:
                start = now
        else:
            start = now
        cpu_free = self._cpu_free
        if len(cpu_free) < self.servers:
            turn = start
            done = turn + self.run_s
            heapq.heappush(cpu_free, done)
        else:
            turn = cpu_free[0]
            if turn < start:
                turn = start
            done = turn + self.run_s
            heapq.heapreplace(cpu_free, done)
        end = done + self.latency_s
        if full:
            heapq.heapreplace(slot_free, end)
        else:
            heapq.heappush(slot_free, end)
        if start > now:
            starts.append(start)
        self._ends.append(end)
        self._cpu_spans.append((turn, done))
        return start, end

    def in_flight(self, now: float) -> int:
        """Requests admitted and not yet answered at ``now`` (working or waiting)."""
        ends = self._ends
        while ends and ends[0] <= now:
            ends.popleft()
        return len(ends)

    def waiting(self, now: float) -> int:
        """Requests admitted that have not yet got a slot at ``now``."""
        starts = self._starts
        while starts and starts[0] <= now:
            starts.popleft()
        return len(starts)

    def cpu_used(self, until: float) -> float:
        """CPU seconds the task's requests used from its start until ``until`` (``until`` never goes back)."""
        spans = self._cpu_spans
        run_s = self.run_s
        cpu_s = self.cpu_s
        while spans and spans[0][1] <= until:
            spans.popleft()
            self._cpu_done += cpu_s
        partial = 0.0
        for turn, done in spans:
            if turn >= until:
                break
            partial += (until - turn) / run_s * cpu_s if done > until else cpu_s
        return self._cpu_done + partial

    def pending(self, now: float) -> list[float]:
        """The start times of the requests still waiting at ``now`` (the ones a stopping task refuses)."""
        self.waiting(now)
        return list(self._starts)
