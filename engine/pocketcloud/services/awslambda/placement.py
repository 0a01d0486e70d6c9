"""Where execution environments live: worker hosts with microVM slots, and the placement of new environments.

What AWS has published about it:

* "When a Lambda function is invoked, the data plane allocates an execution environment on an AWS Lambda Worker
  (or simply Worker, a type of Amazon EC2 instance) to that function version, or chooses an existing execution
  environment that has already been set up for that function version." Workers are bare-metal Nitro instances
  with "one or more hardware-virtualized Micro Virtual Machines (MVM) created by Firecracker"; "Each execution
  environment may only be used for one concurrent invocation at a time, and they may be reused across multiple
  invocations of the same function version"; "Execution environments are never reused across different function
  versions or customers." (Security Overview of AWS Lambda, "Lambda executions" and "Lambda MicroVMs and Workers")
  https://docs.aws.amazon.com/whitepapers/latest/security-overview-aws-lambda/lambda-executions.html
* Firecracker runs one function environment ("slot") per microVM, and a worker host runs thousands of microVMs,
  oversubscribed (Agache et al., "Firecracker: Lightweight Virtualization for Serverless Applications",
  NSDI 2020, sections 2 and 4). https://www.usenix.org/system/files/nsdi20-paper-agache.pdf
* AWS's re:Invent talks on Lambda's architecture (SVS405 "A serverless journey: AWS Lambda under the hood",
  2018; SVS404 "A closer look at AWS Lambda", 2022) name the parts: the frontend *Invoke service* (authenticates,
  checks throttles with the *Counting service*), the *Assignment service* (finds a warm environment or asks the
  *Placement service* for a new one on a *Worker*), and, for asynchronous invokes, internal queues read by a
  *poller* fleet that invokes synchronously through the same frontend.

**pocketcloud's model** (the numbers are models, not published facts): the account's environments are placed on
hosts that each have :attr:`~.service.Settings.worker_slots` microVM slots (8 by default, small so that a lab can
see hosts fill up; real hosts hold far more). A warm idle environment of the same version is always preferred
(that choice is made by the invoke path); a new environment takes the lowest-numbered host with a free slot,
and a new host is added when every slot is in use. A slot is freed when its environment shuts down.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .environment import ExecutionEnvironment
    from .service import Settings


@dataclass
class WorkerHost:
    """One worker host (a bare-metal instance in AWS's own account) and its microVM slots."""

    number: int
    slots: list[ExecutionEnvironment | None] = field(default_factory=list)
    free: list[int] = field(default_factory=list)  # a heap of free slot numbers

    @property
    def name(self) -> str:
        return f"worker-{self.number}"

    @property
    def used(self) -> int:
        return len(self.slots) - len(self.free)


class WorkerFleet:
    """The hosts of one cloud's Lambda data plane (as far as this account's environments are concerned)."""

    def __init__(self, settings: Settings) -> None:
        #: The settings are read when a host is added, so a lab may change ``worker_slots`` before traffic starts.
        self.settings = settings
        self.hosts: list[WorkerHost] = []
        self._with_room: list[int] = []  # a heap of host numbers that have a free slot

    def place(self, env: ExecutionEnvironment) -> tuple[WorkerHost, int]:
        """Put a new environment in a free slot: the lowest-numbered host with room, else a new host."""
        with_room = self._with_room
        while with_room and not self.hosts[with_room[0] - 1].free:
            heapq.heappop(with_room)
        if with_room:
            host = self.hosts[with_room[0] - 1]
        else:
            slots = max(1, int(self.settings.worker_slots))
            host = WorkerHost(len(self.hosts) + 1, [None] * slots, list(range(slots)))
            self.hosts.append(host)
            heapq.heappush(with_room, host.number)
        slot = heapq.heappop(host.free)
        host.slots[slot] = env
        if not host.free:
            heapq.heappop(with_room)
        return host, slot

    def release(self, host: WorkerHost, slot: int) -> None:
        """The environment in ``slot`` shut down: the slot is free for a new microVM."""
        if host.slots[slot] is None:
            return
        host.slots[slot] = None
        if not host.free:
            heapq.heappush(self._with_room, host.number)
        heapq.heappush(host.free, slot)

    def in_use(self) -> int:
        return sum(host.used for host in self.hosts)
