"""Helpers for code that runs *inside* a simulated Lambda function.

Durations in pocketcloud come from virtual time, so plain Python work takes no simulated time at all. To show
how memory size changes speed, a handler declares its CPU work explicitly with :func:`cpu_work`: Lambda gives a
function CPU in proportion to its memory, one vCPU at 1,769 MB, so the same work takes longer at 128 MB.
https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html
"""

from __future__ import annotations

from .services.awslambda.sandbox import current_clock


def cpu_work(seconds_at_one_vcpu: float, threads: int = 1) -> float:
    """Spend CPU time inside a handler and return the virtual seconds it took.

    ``seconds_at_one_vcpu`` is how long the work takes on one full vCPU. Single-threaded code can use at most
    one vCPU, so a function gets ``min(threads, memory / 1,769 MB)`` vCPUs of speed.

    >>> cpu_work(1.0)  # outside a handler it is refused
    Traceback (most recent call last):
    ...
    RuntimeError: cpu_work() simulates CPU time inside a Lambda handler; call it from handler or module code
    """
    clock = current_clock()
    if clock is None:
        raise RuntimeError("cpu_work() simulates CPU time inside a Lambda handler; call it from handler or module code")
    if seconds_at_one_vcpu < 0 or threads < 1:
        raise ValueError("seconds_at_one_vcpu must be >= 0 and threads >= 1")
    speed = min(float(threads), clock.vcpus)
    spent = seconds_at_one_vcpu / speed
    clock.advance(spent)
    return spent
