"""The operations of Application Auto Scaling over :class:`~.service.AutoScalingService` (each checks everything
before it changes anything, so a refused request leaves the state as it was).

Messages quoted from AWS (moto's ``applicationautoscaling`` backend and public reports quote the same texts):
"No scalable target registered for service namespace: <ns>, resource ID: <id>, scalable dimension: <dim>"
(ObjectNotFoundException, as a PutScheduledAction answer quoted in a public write-up shows it),
"No scaling policy found for service namespace: ..., policy name: <name>",
"Maximum capacity cannot be less than minimum capacity" (terraform-provider-aws#8777) and
"At least one of minimum capacity and maximum capacity should be provided"
(aws-cloudformation/community-registry-extensions#255). Other texts are pocketcloud's and say so.
Pages are at most 50 items ("MaxResults ... Valid Range: Maximum value of 50", every Describe* API reference).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...errors import ServiceError
from . import policies, resources
from .policies import Policy
from .scheduling import Schedule
from .service import ScheduledAction, Target

if TYPE_CHECKING:
    from .service import AutoScalingService

PAGE_MAX = 50
SUSPENDED = ("DynamicScalingInSuspended", "DynamicScalingOutSuspended", "ScheduledScalingSuspended")


def _invalid(message: str) -> ServiceError:
    return ServiceError("ValidationException", message)


def _page(items: list[dict[str, Any]], params: dict[str, Any], member: str) -> dict[str, Any]:
    size = params.get("MaxResults") or PAGE_MAX
    if size > PAGE_MAX:
        raise _invalid(f"1 validation error detected: Value '{size}' at 'maxResults' failed to satisfy constraint: "
                       f"Member must have value less than or equal to {PAGE_MAX}")  # fmt: skip
    token = params.get("NextToken")
    start = 0
    if token is not None:
        if not token.isdigit() or int(token) > len(items):
            raise ServiceError("InvalidNextTokenException", "Invalid token")
        start = int(token)
    out: dict[str, Any] = {member: items[start : start + size]}
    if start + size < len(items):
        out["NextToken"] = str(start + size)
    return out


def _key(params: dict[str, Any]) -> tuple[str, str, str]:
    return (params["ServiceNamespace"], params["ResourceId"], params["ScalableDimension"])


def _filter_check(params: dict[str, Any], ids_member: str) -> None:
    if params.get("ScalableDimension") and not params.get(ids_member):
        # pocketcloud's wording of AWS's rule ("If you specify a scalable dimension, you must also specify a
        # resource ID", the Describe* API references).
        raise _invalid(f"{ids_member} must be specified when ScalableDimension is specified")


# -- scalable targets --------------------------------------------------------------------------------------------
def register_scalable_target(svc: AutoScalingService, params: dict[str, Any]) -> dict[str, Any]:
    resource = resources.parse(params["ServiceNamespace"], params["ResourceId"], params["ScalableDimension"])
    key = (resource.namespace, resource.resource_id, resource.dimension)
    existing = svc.targets.get(key)
    low, high = params.get("MinCapacity"), params.get("MaxCapacity")
    if existing is None and (low is None or high is None):
        raise _invalid("MinCapacity and MaxCapacity are required to register a new scalable target")  # pocketcloud's
    new_low = low if low is not None else existing.min_capacity if existing else 0
    new_high = high if high is not None else existing.max_capacity if existing else 0
    if new_low < 0 or new_high < 0:
        raise _invalid("Minimum and maximum capacity must be greater than or equal to 0")
    if new_high < new_low:
        raise _invalid("Maximum capacity cannot be less than minimum capacity")
    resources.check_exists(svc.cloud, resource)
    if existing is None:
        arn = (
            f"arn:{svc.cloud.partition}:application-autoscaling:{svc.cloud.region}:{svc.cloud.account_id}:"
            f"scalable-target/{svc.cloud.random_hex(36)}"
        )
        role = params.get("RoleARN") or resources.role_arn(svc.cloud, resource.dimension)
        existing = Target(resource, new_low, new_high, role, svc.now, arn)
        existing.tags = dict(params.get("Tags") or {})
        svc.targets[key] = existing
    else:
        existing.min_capacity, existing.max_capacity = new_low, new_high
    for member in SUSPENDED:
        value = (params.get("SuspendedState") or {}).get(member)
        if value is not None:
            existing.suspended[member] = bool(value)
    cause = f"minimum capacity was set to {new_low} and maximum capacity was set to {new_high}"
    svc.enforce_bounds(existing, cause)
    return {"ScalableTargetARN": existing.arn}


def describe_scalable_targets(svc: AutoScalingService, params: dict[str, Any]) -> dict[str, Any]:
    _filter_check(params, "ResourceIds")
    ids, dimension = set(params.get("ResourceIds") or []), params.get("ScalableDimension")
    found = [
        t.describe()
        for (ns, rid, dim), t in svc.targets.items()
        if ns == params["ServiceNamespace"] and (not ids or rid in ids) and (dimension is None or dim == dimension)
    ]
    return _page(found, params, "ScalableTargets")


def deregister_scalable_target(svc: AutoScalingService, params: dict[str, Any]) -> dict[str, Any]:
    """Deregistering deletes the target's policies (and their alarms) and scheduled actions."""
    key = (params["ServiceNamespace"], params["ResourceId"], params["ScalableDimension"])
    svc.target(*key)
    for pkey in [k for k in svc.policies if k[:3] == key]:
        policy = svc.policies.pop(pkey)
        svc.by_arn.pop(policy.arn, None)
        svc.delete_alarms(policy)
    for akey in [k for k in svc.scheduled if k[:3] == key]:
        action = svc.scheduled.pop(akey)
        if action.timer is not None:
            action.timer.cancel()
    del svc.targets[key]
    return {}


# -- scaling policies --------------------------------------------------------------------------------------------
def put_scaling_policy(svc: AutoScalingService, params: dict[str, Any]) -> dict[str, Any]:
    key = (params["ServiceNamespace"], params["ResourceId"], params["ScalableDimension"])
    resource = resources.parse(*key)
    svc.target(*key)
    pkey = (*key, params["PolicyName"])
    existing = svc.policies.get(pkey)
    kind = params.get("PolicyType") or (existing.policy_type if existing else "StepScaling")
    if kind == "PredictiveScaling":
        raise _invalid("pocketcloud does not simulate predictive scaling policies.")
    if kind == "TargetTrackingScaling":
        config = policies.check_target_tracking(params.get("TargetTrackingScalingPolicyConfiguration"), key[0])
        if params.get("StepScalingPolicyConfiguration"):
            raise _invalid("StepScalingPolicyConfiguration is not allowed for a TargetTrackingScaling policy")
    else:
        config = policies.check_step(params.get("StepScalingPolicyConfiguration"))
        if params.get("TargetTrackingScalingPolicyConfiguration"):
            raise _invalid("TargetTrackingScalingPolicyConfiguration is not allowed for a StepScaling policy")
    config = policies._copy(config)
    if existing is not None:
        svc.delete_alarms(existing)
        existing.policy_type, existing.config = kind, config
        policy = existing
    else:
        arn = (
            f"arn:{svc.cloud.partition}:autoscaling:{svc.cloud.region}:{svc.cloud.account_id}:scalingPolicy:"
            f"{svc.cloud.new_request_id()}:resource/{key[0]}/{key[1]}:policyName/{params['PolicyName']}"
        )
        policy = Policy(params["PolicyName"], arn, key[0], key[1], key[2], kind, config, svc.now)
        svc.policies[pkey] = policy
        svc.by_arn[arn] = policy
    out: dict[str, Any] = {"PolicyARN": policy.arn}
    if kind == "TargetTrackingScaling":
        svc.create_alarms(policy, resource)
        out["Alarms"] = [{"AlarmName": n, "AlarmARN": a} for n, a in policy.alarms]
    return out


def describe_scaling_policies(svc: AutoScalingService, params: dict[str, Any]) -> dict[str, Any]:
    _filter_check(params, "ResourceId")
    names = set(params.get("PolicyNames") or [])
    rid, dimension = params.get("ResourceId"), params.get("ScalableDimension")
    found = [
        p.describe()
        for (ns, r, d, name), p in svc.policies.items()
        if ns == params["ServiceNamespace"]
        and (rid is None or r == rid)
        and (dimension is None or d == dimension)
        and (not names or name in names)
    ]
    return _page(found, params, "ScalingPolicies")


def delete_scaling_policy(svc: AutoScalingService, params: dict[str, Any]) -> dict[str, Any]:
    pkey = (params["ServiceNamespace"], params["ResourceId"], params["ScalableDimension"], params["PolicyName"])
    policy = svc.policies.get(pkey)
    if policy is None:
        raise ServiceError(
            "ObjectNotFoundException",
            f"No scaling policy found for service namespace: {pkey[0]}, resource ID: {pkey[1]}, scalable "
            f"dimension: {pkey[2]}, policy name: {pkey[3]}",
        )
    del svc.policies[pkey]
    svc.by_arn.pop(policy.arn, None)
    svc.delete_alarms(policy)  # target tracking alarms go with the policy; a step policy's own alarm stays
    return {}


# -- scheduled actions -------------------------------------------------------------------------------------------
def put_scheduled_action(svc: AutoScalingService, params: dict[str, Any]) -> dict[str, Any]:
    from ...timeutil import EPOCH

    key = (params["ServiceNamespace"], params["ResourceId"], params["ScalableDimension"])
    resources.parse(*key)
    svc.target(*key)
    akey = (*key, params["ScheduledActionName"])
    existing = svc.scheduled.get(akey)
    merged = dict(existing.params) if existing else {}
    merged.update({k: v for k, v in params.items() if v is not None})
    if "Schedule" not in merged:
        raise _invalid("Schedule is required for a new scheduled action")  # pocketcloud's wording
    action_spec = merged.get("ScalableTargetAction") or {}
    low, high = action_spec.get("MinCapacity"), action_spec.get("MaxCapacity")
    if low is None and high is None:
        raise _invalid("At least one of minimum capacity and maximum capacity should be provided")
    if low is not None and high is not None and high < low:
        raise _invalid("Maximum capacity cannot be less than minimum capacity")
    start = (merged["StartTime"] - EPOCH).total_seconds() if merged.get("StartTime") else None
    end = (merged["EndTime"] - EPOCH).total_seconds() if merged.get("EndTime") else None
    if start is not None and end is not None and end <= start:
        raise _invalid("EndTime must be after StartTime")  # pocketcloud's wording
    anchor = start if start is not None and start > svc.now else svc.now
    schedule = Schedule(merged["Schedule"], merged.get("Timezone"), anchor)
    if existing is not None and existing.timer is not None:
        existing.timer.cancel()
    arn = existing.arn if existing else (
        f"arn:{svc.cloud.partition}:autoscaling:{svc.cloud.region}:{svc.cloud.account_id}:scheduledAction:"
        f"{svc.cloud.new_request_id()}:resource/{key[0]}/{key[1]}:scheduledActionName/{params['ScheduledActionName']}"
    )  # fmt: skip
    action = ScheduledAction(
        params["ScheduledActionName"], arn, key, merged, schedule, existing.created_at if existing else svc.now
    )
    svc.scheduled[akey] = action
    _arm(svc, action, start, end)
    return {}


def _arm(svc: AutoScalingService, action: ScheduledAction, start: float | None, end: float | None) -> None:
    after = svc.now if start is None else max(svc.now, start - 1e-9)
    when = action.schedule.next_after(after)
    if when is None or (end is not None and when > end):
        action.timer = None
        return
    action.timer = svc.cloud.kernel.schedule(max(0.0, when - svc.now), _fire, svc, action, start, end, background=True)


def _fire(svc: AutoScalingService, action: ScheduledAction, start: float | None, end: float | None) -> None:
    akey = (*action.key, action.name)
    if svc.scheduled.get(akey) is not action:
        return
    target = svc.targets.get(action.key)
    if target is not None and not target.suspended.get("ScheduledScalingSuspended"):
        spec = action.params.get("ScalableTargetAction") or {}
        if spec.get("MinCapacity") is not None:
            target.min_capacity = int(spec["MinCapacity"])
        if spec.get("MaxCapacity") is not None:
            target.max_capacity = int(spec["MaxCapacity"])
        target.max_capacity = max(target.max_capacity, target.min_capacity)
        svc.enforce_bounds(target, f"scheduled action name {action.name} was triggered")
    _arm(svc, action, start, end)


def describe_scheduled_actions(svc: AutoScalingService, params: dict[str, Any]) -> dict[str, Any]:
    from ...timeutil import to_datetime

    _filter_check(params, "ResourceId")
    names = set(params.get("ScheduledActionNames") or [])
    rid, dimension = params.get("ResourceId"), params.get("ScalableDimension")
    found = []
    for (ns, r, d, name), action in svc.scheduled.items():
        if ns != params["ServiceNamespace"] or (rid and r != rid) or (dimension and d != dimension):
            continue
        if names and name not in names:
            continue
        p = action.params
        item: dict[str, Any] = {
            "ScheduledActionName": name, "ScheduledActionARN": action.arn, "ServiceNamespace": ns,
            "Schedule": p["Schedule"],
        }  # fmt: skip
        if p.get("Timezone"):
            item["Timezone"] = p["Timezone"]
        item.update({"ResourceId": r, "ScalableDimension": d})
        for member in ("StartTime", "EndTime"):
            if p.get(member) is not None:
                item[member] = p[member]
        item["ScalableTargetAction"] = dict(p.get("ScalableTargetAction") or {})
        item["CreationTime"] = to_datetime(action.created_at)
        found.append(item)
    return _page(found, params, "ScheduledActions")


def delete_scheduled_action(svc: AutoScalingService, params: dict[str, Any]) -> dict[str, Any]:
    akey = (*_key(params), params["ScheduledActionName"])
    action = svc.scheduled.pop(akey, None)
    if action is None:
        raise ServiceError(
            "ObjectNotFoundException",
            f"No scheduled action found for service namespace: {akey[0]}, resource ID: {akey[1]}, scalable "
            f"dimension: {akey[2]}, scheduled action name: {akey[3]}",
        )
    if action.timer is not None:
        action.timer.cancel()
    return {}


# -- activities and tags -----------------------------------------------------------------------------------------
def describe_scaling_activities(svc: AutoScalingService, params: dict[str, Any]) -> dict[str, Any]:
    _filter_check(params, "ResourceId")
    rid, dimension = params.get("ResourceId"), params.get("ScalableDimension")
    include = params.get("IncludeNotScaledActivities", False)
    found = [
        a.describe()
        for a in reversed(svc.activities)
        if a.namespace == params["ServiceNamespace"]
        and (rid is None or a.resource_id == rid)
        and (dimension is None or a.dimension == dimension)
        and (include or not a.not_scaled)
    ]
    return _page(found, params, "ScalingActivities")


def _tagged(svc: AutoScalingService, arn: str) -> Target:
    for target in svc.targets.values():
        if target.arn == arn:
            return target
    # pocketcloud's wording (the model's ResourceNotFoundException carries the ARN as ResourceName too).
    raise ServiceError("ResourceNotFoundException", f"Resource not found: {arn}")


def tag_resource(svc: AutoScalingService, params: dict[str, Any]) -> dict[str, Any]:
    target = _tagged(svc, params["ResourceARN"])
    merged = {**target.tags, **params["Tags"]}
    if len(merged) > 50:
        raise ServiceError("TooManyTagsException", "A scalable target can have at most 50 tags.")
    target.tags = merged
    return {}


def untag_resource(svc: AutoScalingService, params: dict[str, Any]) -> dict[str, Any]:
    target = _tagged(svc, params["ResourceARN"])
    for key in params["TagKeys"]:
        target.tags.pop(key, None)
    return {}


def list_tags_for_resource(svc: AutoScalingService, params: dict[str, Any]) -> dict[str, Any]:
    return {"Tags": dict(_tagged(svc, params["ResourceARN"]).tags)}
