"""The CloudWatch state of one cloud: the alarms, their evaluation on the virtual clock, their history and actions.

Metric data is not kept here: it is the cloud's one :class:`~pocketcloud.metrics.MetricStore` (``cloud.metrics``),
which the services write to and PutMetricData adds to, so that GetMetricData reads Lambda's, SQS's … and custom
metrics alike.

*Evaluation on the virtual clock.* Each alarm has its own chain of evaluations: at every whole minute of virtual time
(every 10 seconds for a high-resolution alarm, period 10, 20 or 30), plus :attr:`CloudWatchService.evaluation_delay`,
it reads the periods that ended at that boundary (:mod:`.evaluation` has the rules and the sources). The chain is
*background* work on the kernel: ``cloud.run()`` without ``until`` stops when only alarm evaluations remain, and
``cloud.run(until=t)`` evaluates every alarm at every boundary up to ``t``. When the state changes, the alarm records
a ``StateUpdate`` history item and, with its actions enabled, runs the actions of the new state (SNS topics and
Lambda functions built in, others registered through :mod:`pocketcloud.alarm_actions`); each action adds an
``Action`` history item. "Alarms invoke actions only when the alarm changes state" (except EC2 Auto Scaling-style
actions registered with ``repeat=True``, invoked again every period the alarm stays in the state).
https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-actions

*SetAlarmState* "temporarily sets the state of an alarm for testing purposes. When the updated state differs from the
previous value, the action configured for the appropriate state is invoked ... the alarm returns to its actual state
(often within seconds)": here at the next evaluation.
https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_SetAlarmState.html
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any

from ... import limits
from ...alarm_actions import AlarmActionError, AlarmActionEvent, registry
from ...errors import ServiceError
from ...kernel import Timer
from . import alarms, evaluation, history, mathexpr, metricdata, notify
from .alarms import Alarm

if TYPE_CHECKING:
    from ...cloud import Cloud

STATES = ("OK", "ALARM", "INSUFFICIENT_DATA")
HIGH_RESOLUTION_STEP = 10.0
MINUTE = 60.0


class CloudWatchService:
    """Alarms by name, the alarm history, and the evaluation timers."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        self.alarms: dict[str, Alarm] = {}
        self.history: list[history.HistoryItem] = []
        self._timers: dict[str, Timer] = {}
        #: Seconds after each minute (or 10-second) boundary at which alarms evaluate (a pocketcloud setting; AWS's
        #: own notifications show evaluations a few seconds to tens of seconds after the minute).
        self.evaluation_delay = 0.0
        notify.install(cloud, self.alarms.get)

    # -- metrics ------------------------------------------------------------------------------------------------
    @property
    def now(self) -> float:
        return self.cloud.now

    # -- alarms -------------------------------------------------------------------------------------------------
    def arn(self, name: str) -> str:
        return f"arn:{self.cloud.partition}:cloudwatch:{self.cloud.region}:{self.cloud.account_id}:alarm:{name}"

    def put_metric_alarm(self, params: dict[str, Any]) -> None:
        query, stats, _info = alarms.check_put_metric_alarm(params)
        expressions = {
            m["Id"]: mathexpr.parse(m["Expression"]) for m in params.get("Metrics") or [] if "Expression" in m
        }
        returned = next((m["Id"] for m in params.get("Metrics") or [] if m.get("ReturnData", True)), "")
        name = params["AlarmName"]
        now = self.now
        stored = {k: v for k, v in params.items() if k not in ("Tags", "ActionsEnabled")}
        existing = self.alarms.get(name)
        if existing is None:
            alarm = Alarm(name, self.arn(name), stored, now, now, query, stats, expressions, returned)
            alarm.state_updated_at = alarm.state_transitioned_at = now
            alarm.metric_uuid = self.cloud.new_request_id()  # a UUID, as the Lambda event shows it
            alarm.tags = {t["Key"]: t["Value"] for t in params.get("Tags") or []}
            kind = "Create"
        else:
            # "its state is left unchanged, but the update completely overwrites the previous configuration".
            alarm = existing
            alarm.params, alarm.query, alarm.stat_queries = stored, query, stats
            alarm.expressions, alarm.returned_id, alarm.updated_at = expressions, returned, now
            alarm.last_invoked.clear()
            kind = "Update"
        alarm.actions_enabled = params.get("ActionsEnabled", True)
        self.alarms[name] = alarm
        self._record(history.configuration(name, now, kind, alarm.describe()))
        self._schedule(alarm)

    def delete_alarms(self, names: list[str]) -> None:
        """Delete the named alarms; names of no alarm are ignored, as the API reference says."""
        if len(names) > 100:
            raise ServiceError("ValidationError", "The collection AlarmNames must not have a size greater than 100.")
        for name in names:
            alarm = self.alarms.pop(name, None)
            if alarm is None:
                continue
            timer = self._timers.pop(name, None)
            if timer is not None:
                timer.cancel()
            self._record(history.configuration(name, self.now, "Delete", alarm.describe()))

    def find(self, name: str) -> Alarm:
        alarm = self.alarms.get(name)
        if alarm is None:
            raise ServiceError("ResourceNotFound", f"Alarm {name} does not exist.")
        return alarm

    def describe_alarms(self, params: dict[str, Any]) -> dict[str, Any]:
        names, prefix = params.get("AlarmNames"), params.get("AlarmNamePrefix")
        if names and prefix is not None:
            raise ServiceError(
                "InvalidParameterCombination",
                "The parameters AlarmNames and AlarmNamePrefix are mutually exclusive and you have specified both.",
            )
        types = params.get("AlarmTypes")
        if params.get("ChildrenOfAlarmName") or params.get("ParentsOfAlarmName"):
            selected: list[Alarm] = []  # no composite alarms are simulated, so no alarm has parents or children
        elif types is not None and "MetricAlarm" not in types:
            selected = []
        else:
            wanted = set(names or [])
            state, action = params.get("StateValue"), params.get("ActionPrefix")
            selected = [
                alarm
                for name, alarm in sorted(self.alarms.items())
                if (not wanted or name in wanted)
                and (prefix is None or name.startswith(prefix))
                and (state is None or alarm.state == state)
                and (action is None or any(a.startswith(action) for s in STATES for a in alarm.actions_for(s)))
            ]
        start = 0
        token = params.get("NextToken")
        if token is not None:
            # The token is the name of the last alarm of the previous page (pages are in name order).
            start = next((i for i, a in enumerate(selected) if a.name > token), len(selected))
        size = params.get("MaxRecords", limits.CLOUDWATCH_DESCRIBE_ALARMS_DEFAULT)
        page = selected[start : start + size]
        out: dict[str, Any] = {"MetricAlarms": [a.describe() for a in page], "CompositeAlarms": []}
        if start + size < len(selected):
            out["NextToken"] = page[-1].name
        return out

    def describe_alarms_for_metric(self, params: dict[str, Any]) -> dict[str, Any]:
        dims = sorted((d["Name"], d["Value"]) for d in params.get("Dimensions") or [])
        found = []
        for _name, alarm in sorted(self.alarms.items()):
            q = alarm.query
            if q is None or q.namespace != params["Namespace"] or q.name != params["MetricName"]:
                continue
            if "Dimensions" in params and list(q.dims) != dims:
                continue
            if "Statistic" in params and alarm.params.get("Statistic") != params["Statistic"]:
                continue
            if "ExtendedStatistic" in params and alarm.params.get("ExtendedStatistic") != params["ExtendedStatistic"]:
                continue
            if "Period" in params and q.period != params["Period"]:
                continue
            if "Unit" in params and q.unit != params["Unit"]:
                continue
            found.append(alarm.describe())
        return {"MetricAlarms": found}

    def set_actions_enabled(self, names: list[str], enabled: bool) -> None:
        for name in names:
            alarm = self.alarms.get(name)
            if alarm is not None:
                alarm.actions_enabled = enabled

    def set_alarm_state(self, params: dict[str, Any]) -> None:
        alarm = self.find(params["AlarmName"])
        data = params.get("StateReasonData")
        if data is not None:
            try:
                json.loads(data)
            except ValueError:
                raise ServiceError("InvalidFormat", "The StateReasonData is not valid JSON.") from None
        self._change(alarm, params["StateValue"], params["StateReason"], data)

    # -- tags ---------------------------------------------------------------------------------------------------
    def _tagged(self, arn: str) -> Alarm:
        for alarm in self.alarms.values():
            if alarm.arn == arn:
                return alarm
        raise ServiceError("ResourceNotFoundException", f"The specified resource ({arn}) does not exist.")

    def tag(self, arn: str, tags: list[dict[str, str]]) -> None:
        alarm = self._tagged(arn)
        merged = {**alarm.tags, **{t["Key"]: t["Value"] for t in tags}}
        if len(merged) > 50:
            raise ServiceError("InvalidParameterValueException", "A resource can have at most 50 tags.")
        alarm.tags = merged

    def untag(self, arn: str, keys: list[str]) -> None:
        alarm = self._tagged(arn)
        for key in keys:
            alarm.tags.pop(key, None)

    def tags_of(self, arn: str) -> list[dict[str, str]]:
        return [{"Key": k, "Value": v} for k, v in self._tagged(arn).tags.items()]

    # -- history ------------------------------------------------------------------------------------------------
    def _record(self, item: history.HistoryItem) -> None:
        horizon = self.now - limits.CLOUDWATCH_ALARM_HISTORY_S
        if self.history and self.history[0].timestamp < horizon:
            self.history = [i for i in self.history if i.timestamp >= horizon]
        seq = self.history[-1].seq + 1 if self.history else 1
        self.history.append(history.HistoryItem(**{**item.__dict__, "seq": seq}))

    # -- evaluation ---------------------------------------------------------------------------------------------
    def _step(self, alarm: Alarm) -> float:
        return HIGH_RESOLUTION_STEP if alarm.period < 60 else MINUTE

    def _schedule(self, alarm: Alarm) -> None:
        old = self._timers.pop(alarm.name, None)
        if old is not None:
            old.cancel()
        step = self._step(alarm)
        now = self.now
        boundary = math.floor((now - self.evaluation_delay) / step) * step + step
        at = boundary + self.evaluation_delay
        self._timers[alarm.name] = self.cloud.kernel.schedule(at - now, self._evaluate, alarm.name, background=True)

    def _evaluate(self, name: str) -> None:
        alarm = self.alarms.get(name)
        if alarm is None:
            return
        self._timers.pop(name, None)
        boundary = self.now - self.evaluation_delay
        outcome = evaluation.decide(alarm, self._points(alarm, boundary), self.now)
        if outcome is not None and outcome.state != alarm.state:
            self._change(alarm, outcome.state, outcome.reason, evaluation.reason_json(outcome.reason_data))
        else:
            self._repeat_actions(alarm)
        self._schedule(alarm)

    def _points(self, alarm: Alarm, boundary: float) -> list[evaluation.Datapoint]:
        """The evaluation range ending at ``boundary``: Evaluation Periods + 2 periods, oldest first."""
        period = alarm.period
        count = alarm.evaluation_periods + 2
        start = boundary - count * period
        store = self.cloud.metrics
        if alarm.query is not None:
            rows = metricdata.stat_points(
                metricdata.unit_series(store, alarm.query), start, boundary, period, alarm.query.stat, self.now
            )
            found = {t: (v, c) for t, v, c in rows}
        else:
            queries = alarm.params["Metrics"]
            results = metricdata.evaluate_queries(
                store, queries, alarm.stat_queries, alarm.expressions, start, boundary, self.now
            )
            result = next(r for r in results if r.id == alarm.returned_id)
            found = {t: (v, 0.0) for t, v in result.points}
        out = []
        for index in range(count):
            key = start + index * period
            value, samples = found.get(key, (None, 0.0))
            out.append(evaluation.Datapoint(key, value, samples))
        return out

    def _change(self, alarm: Alarm, state: str, reason: str, data: str | None) -> None:
        now = self.now
        old = (alarm.state, alarm.reason, alarm.reason_data)
        previous_at = alarm.state_updated_at
        changed = state != alarm.state
        alarm.state, alarm.reason, alarm.reason_data = state, reason, data
        alarm.state_updated_at = now
        if not changed:
            return  # the reason is updated; no history item and no action without a transition
        alarm.state_transitioned_at = now
        self._record(history.state_update(alarm.name, now, old, (state, reason, data)))
        alarm.last_invoked.clear()
        if alarm.actions_enabled:
            self._run_actions(alarm, old, previous_at, repeated=False)

    def _run_actions(self, alarm: Alarm, old: tuple[str, str, str | None], previous_at: float, repeated: bool) -> None:
        now = self.now
        message = notify.sns_message(alarm, old[0], self.cloud.account_id, self.cloud.region, now)
        reason_data = json.loads(alarm.reason_data) if alarm.reason_data else None
        for arn in alarm.actions_for(alarm.state):
            found = registry(self.cloud).find(arn)
            if repeated and (found is None or not found.repeat):
                continue
            if found is None:
                error = f"pocketcloud simulates no alarm action for {arn}"
                self._record(history.action(alarm.name, now, arn, error, None))
                continue
            event = AlarmActionEvent(
                arn, alarm.name, alarm.arn, old[0], alarm.state, alarm.reason, reason_data, now, alarm.describe(),
                repeated, old[1], old[2], previous_at, message,
            )  # fmt: skip
            alarm.last_invoked[arn] = now
            try:
                published = found.handler(event)
            except AlarmActionError as exc:
                self._record(history.action(alarm.name, now, arn, str(exc), None))
                continue
            self._record(history.action(alarm.name, now, arn, None, published))

    def _repeat_actions(self, alarm: Alarm) -> None:
        if not alarm.actions_enabled or not alarm.last_invoked:
            return
        due = [arn for arn, at in alarm.last_invoked.items() if self.now - at >= alarm.period]
        if due:
            old = (alarm.state, alarm.reason, alarm.reason_data)
            self._run_actions(alarm, old, alarm.state_updated_at, repeated=True)

    def history_page(self, params: dict[str, Any]) -> dict[str, Any]:
        return history.describe_history(self.history, params, self.now)
