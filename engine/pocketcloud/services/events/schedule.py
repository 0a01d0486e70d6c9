"""EventBridge's schedule expressions: the shared ``rate(...)``/``cron(...)`` grammar, in UTC, and AWS's one answer
to a malformed expression.

The grammar is :mod:`pocketcloud.schedule_expressions` (Application Auto Scaling reads the same one); what is
EventBridge's own is that scheduled rules know no time zone ("All scheduled events use UTC+0 time zone",
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html) and no ``at(...)``, and
that every expression the grammar refuses is answered with :data:`INVALID` (LocalStack's tests validated against
AWS, ``tests/aws/services/events/test_events_schedule.py``, 2024).
"""

from __future__ import annotations

from ...schedule_expressions import RateSchedule, Schedule, ScheduleError, parse

__all__ = ["INVALID", "RateSchedule", "Schedule", "ScheduleError", "parse"]

#: AWS's answer to every malformed schedule expression of a rule (a ValidationException).
INVALID = "Parameter ScheduleExpression is not valid."
