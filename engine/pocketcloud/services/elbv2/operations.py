"""The elbv2 operations on :class:`~.backend.Elbv2Service`'s state: validate everything first, then change it.

Error codes and messages are the ones Elastic Load Balancing answers (``LoadBalancerNotFound`` "One or more load
balancers not found", ``TargetGroupNotFound`` "One or more target groups not found", ``DuplicateLoadBalancerName``
"A load balancer with the same name '…' exists", ``ValidationError`` for bad values, ``ResourceInUse`` for a target
group a listener still uses), as moto quotes them from AWS
(https://github.com/getmoto/moto/blob/master/moto/elbv2/exceptions.py); API reference:
https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_Operations.html
"""

from __future__ import annotations

import re
from typing import Any

from ... import limits
from ...errors import ServiceError
from . import health
from .backend import (
    DEFAULT_HEALTHY,
    DEFAULT_INTERVAL_S,
    DEFAULT_TIMEOUT_S,
    DEFAULT_UNHEALTHY,
    PROVISIONING_S,
    Elbv2Service,
    Listener,
    LoadBalancer,
    TargetGroup,
)
from .routing import serve

#: "This name must be unique per region per account, can have a maximum of 32 characters, must contain only
#: alphanumeric characters or hyphens, must not begin or end with a hyphen, and must not begin with 'internal-'."
#: (API_CreateLoadBalancer; the same rule without 'internal-' for target groups, API_CreateTargetGroup.)
_NAME = re.compile(rf"^[A-Za-z0-9](?:[A-Za-z0-9-]{{0,{limits.ELB_NAME_MAX - 2}}}[A-Za-z0-9])?$")


def _check_name(name: str, what: str) -> None:
    if not _NAME.match(name) or (what == "load balancer" and name.startswith("internal-")):
        raise ServiceError(
            "ValidationError",
            f"{what[0].upper()}{what[1:]} name '{name}' can have a maximum of 32 characters, can contain only "
            "alphanumeric characters or hyphens, and must not begin or end with a hyphen",
        )


def create_load_balancer(service: Elbv2Service, p: dict[str, Any]) -> dict[str, Any]:
    name = p["Name"]
    _check_name(name, "load balancer")
    if p.get("Type", "application") != "application":
        raise ServiceError("ValidationError", "pocketcloud simulates Application Load Balancers only")
    if len(service.load_balancers) >= limits.ELB_ALBS_PER_REGION:
        raise ServiceError("TooManyLoadBalancers", "The maximum number of load balancers has been reached")
    for lb in service.load_balancers.values():
        if lb.name == name:
            raise ServiceError("DuplicateLoadBalancerName", f"A load balancer with the same name '{name}' exists")
    subnets = list(p.get("Subnets") or [m.get("SubnetId", "") for m in p.get("SubnetMappings", [])])
    if len(subnets) < 2:
        raise ServiceError(
            "ValidationError", "At least two subnets in two different Availability Zones must be specified"
        )
    scheme = p.get("Scheme", "internet-facing")
    cloud = service.cloud
    arn = service.arn("loadbalancer", f"app/{name}/{cloud.random_hex(16)}")
    digits = f"{int(cloud.random_hex(8), 16) % 10**10:010d}"
    dns = f"{'internal-' if scheme == 'internal' else ''}{name}-{digits}.{cloud.region}.elb.amazonaws.com"
    lb = LoadBalancer(
        arn, name, dns, scheme, cloud.now, subnets, list(p.get("SecurityGroups", [])), p.get("IpAddressType", "ipv4")
    )
    service.load_balancers[arn] = lb
    cloud.kernel.schedule(PROVISIONING_S, _activate, service, lb)
    return {"LoadBalancers": [lb.describe(cloud)]}


def _activate(service: Elbv2Service, lb: LoadBalancer) -> None:
    if service.load_balancers.get(lb.arn) is not lb:
        return
    lb.state = "active"
    serve(service, lb)
    for listener in lb.listeners.values():
        for target in listener.target_group.targets.values():
            health.start(service, listener.target_group, target)


def describe_load_balancers(service: Elbv2Service, p: dict[str, Any]) -> dict[str, Any]:
    found = list(service.load_balancers.values())
    if p.get("LoadBalancerArns"):
        found = [service.lb(arn) for arn in p["LoadBalancerArns"]]
    if p.get("Names"):
        names = p["Names"]
        found = [lb for lb in found if lb.name in names]
        if len(found) < len(set(names)):
            raise ServiceError("LoadBalancerNotFound", "One or more load balancers not found")
    return {"LoadBalancers": [lb.describe(service.cloud) for lb in found]}


def delete_load_balancer(service: Elbv2Service, p: dict[str, Any]) -> dict[str, Any]:
    lb = service.load_balancers.get(p["LoadBalancerArn"])
    if lb is None:
        return {}  # deleting a load balancer that does not exist succeeds (API_DeleteLoadBalancer)
    for listener in list(lb.listeners.values()):
        _remove_listener(service, listener)
    if lb.state == "active":
        service.cloud.http.unregister(lb.dns_name)
    del service.load_balancers[lb.arn]
    return {}


def create_target_group(service: Elbv2Service, p: dict[str, Any]) -> dict[str, Any]:
    name = p["Name"]
    _check_name(name, "target group")
    protocol = p.get("Protocol", "HTTP")
    if protocol not in ("HTTP", "HTTPS"):
        raise ServiceError("ValidationError", "pocketcloud simulates HTTP and HTTPS target groups only")
    target_type = p.get("TargetType", "instance")
    if target_type not in ("instance", "ip"):
        raise ServiceError("ValidationError", f"pocketcloud does not simulate target type '{target_type}'")
    if "Port" not in p:
        raise ServiceError("ValidationError", "A port must be specified")
    if "VpcId" not in p:
        raise ServiceError("ValidationError", "A VPC ID must be specified")
    interval = p.get("HealthCheckIntervalSeconds", DEFAULT_INTERVAL_S)
    timeout = p.get("HealthCheckTimeoutSeconds", DEFAULT_TIMEOUT_S)
    if timeout >= interval:
        raise ServiceError("ValidationError", "Health check interval must be greater than the timeout.")
    if len(service.target_groups) >= limits.ELB_TARGET_GROUPS_PER_REGION:
        raise ServiceError("TooManyTargetGroups", "The maximum number of target groups has been reached")
    for group in service.target_groups.values():
        if group.name == name:
            raise ServiceError("DuplicateTargetGroupName", f"A target group with the same name '{name}' exists")
    arn = service.arn("targetgroup", f"{name}/{service.cloud.random_hex(16)}")
    group = TargetGroup(
        arn, name, protocol, p["Port"], target_type, p.get("HealthCheckPath", "/"), interval, timeout,
        p.get("HealthyThresholdCount", DEFAULT_HEALTHY), p.get("UnhealthyThresholdCount", DEFAULT_UNHEALTHY),
        p.get("Matcher", {}).get("HttpCode", "200"), p["VpcId"], p.get("HealthCheckEnabled", True),
    )  # fmt: skip
    service.target_groups[arn] = group
    return {"TargetGroups": [group.describe()]}


def describe_target_groups(service: Elbv2Service, p: dict[str, Any]) -> dict[str, Any]:
    found = list(service.target_groups.values())
    if p.get("LoadBalancerArn"):
        lb = service.lb(p["LoadBalancerArn"])
        found = [g for g in found if any(listener.lb is lb for listener in g.listeners)]
    if p.get("TargetGroupArns"):
        found = [service.tg(arn) for arn in p["TargetGroupArns"]]
    if p.get("Names"):
        names = p["Names"]
        found = [g for g in found if g.name in names]
        if len(found) < len(set(names)):
            raise ServiceError("TargetGroupNotFound", "One or more target groups not found")
    return {"TargetGroups": [g.describe() for g in found]}


def delete_target_group(service: Elbv2Service, p: dict[str, Any]) -> dict[str, Any]:
    group = service.target_groups.get(p["TargetGroupArn"])
    if group is None:
        return {}
    if group.listeners:
        raise ServiceError("ResourceInUse", f"Target group '{group.arn}' is currently in use by a listener or a rule")
    for target in group.targets.values():
        health.stop(target)
    del service.target_groups[group.arn]
    return {}


def create_listener(service: Elbv2Service, p: dict[str, Any]) -> dict[str, Any]:
    lb = service.lb(p["LoadBalancerArn"])
    actions = p["DefaultActions"]
    if len(actions) != 1 or actions[0].get("Type") != "forward" or not actions[0].get("TargetGroupArn"):
        raise ServiceError(
            "ValidationError", "pocketcloud simulates one 'forward' default action with a TargetGroupArn"
        )
    group = service.tg(actions[0]["TargetGroupArn"])
    protocol = p.get("Protocol", "HTTP")
    if protocol not in ("HTTP", "HTTPS"):
        raise ServiceError("UnsupportedProtocol", f"Protocol '{protocol}' is not supported")
    if protocol == "HTTPS" and not p.get("Certificates"):
        raise ServiceError("ValidationError", "A certificate must be specified for HTTPS listeners")
    port = p.get("Port", 443 if protocol == "HTTPS" else 80)
    if len(lb.listeners) >= limits.ELB_LISTENERS_PER_ALB:
        raise ServiceError("TooManyListeners", "The maximum number of listeners has been reached")
    if any(other.lb is not lb for other in group.listeners):
        raise ServiceError(
            "TargetGroupAssociationLimit",
            f"The following target groups cannot be associated with more than one load balancer: {group.arn}",
        )
    if port in lb.listeners:
        # ELB names the load balancer: "DuplicateListener: A listener already exists on this port for this load
        # balancer 'arn:aws:elasticloadbalancing:…:loadbalancer/app/app-lb/1c38…'" (a real answer quoted on GitHub).
        raise ServiceError(
            "DuplicateListener", f"A listener already exists on this port for this load balancer '{lb.arn}'"
        )
    arn = service.arn(
        "listener", f"app/{lb.arn.rsplit('/', 2)[1]}/{lb.arn.rsplit('/', 1)[1]}/{service.cloud.random_hex(16)}"
    )
    listener = Listener(arn, lb, port, protocol, group)
    lb.listeners[port] = listener
    group.listeners.append(listener)
    service.listeners[arn] = listener
    if lb.state == "active":
        for target in group.targets.values():
            health.start(service, group, target)
    return {"Listeners": [listener.describe()]}


def describe_listeners(service: Elbv2Service, p: dict[str, Any]) -> dict[str, Any]:
    if p.get("ListenerArns"):
        found = [service.listener(arn) for arn in p["ListenerArns"]]
    elif p.get("LoadBalancerArn"):
        found = list(service.lb(p["LoadBalancerArn"]).listeners.values())
    else:
        raise ServiceError("ValidationError", "You must specify either listener ARNs or a load balancer ARN")
    return {"Listeners": [listener.describe() for listener in found]}


def delete_listener(service: Elbv2Service, p: dict[str, Any]) -> dict[str, Any]:
    _remove_listener(service, service.listener(p["ListenerArn"]))
    return {}


def _remove_listener(service: Elbv2Service, listener: Listener) -> None:
    del listener.lb.listeners[listener.port]
    listener.target_group.listeners.remove(listener)
    del service.listeners[listener.arn]
    group = listener.target_group
    if not health.in_use(group):
        for target in group.targets.values():
            health.stop(target)
            health.start(service, group, target)


def _targets(group: TargetGroup, targets: list[dict[str, Any]]) -> list[tuple[str, int]]:
    keys = []
    for target in targets:
        port = target.get("Port", group.port)
        if not 1 <= port <= 65535:
            raise ServiceError("ValidationError", f"Port {port} is not valid")
        keys.append((target["Id"], port))
    return keys


def register_targets(service: Elbv2Service, p: dict[str, Any]) -> dict[str, Any]:
    group = service.tg(p["TargetGroupArn"])
    keys = _targets(group, p["Targets"])
    if group.target_type == "ip":
        for target_id, _ in keys:
            if not re.match(r"^\d{1,3}(\.\d{1,3}){3}$", target_id):
                raise ServiceError("ValidationError", f"The IP address '{target_id}' is not a valid IPv4 address")
    elif any(not target_id.startswith("i-") for target_id, _ in keys):
        raise ServiceError("ValidationError", "The target ID must be an instance ID for target type 'instance'")
    new = {key for key in keys if key not in group.targets or group.targets[key].state == "draining"}
    if len(group.targets) + len(new) > limits.ELB_TARGETS_PER_TARGET_GROUP:
        raise ServiceError("TooManyTargets", "You've reached the limit on the number of targets registered")
    for key in keys:
        current = group.targets.get(key)
        if current is not None and current.state != "draining":
            continue  # registering a registered target again changes nothing
        if current is not None:
            health.stop(current)
        target = group.targets[key] = health.TargetState(*key)
        health.start(service, group, target)
    return {}


def deregister_targets(service: Elbv2Service, p: dict[str, Any]) -> dict[str, Any]:
    group = service.tg(p["TargetGroupArn"])
    keys = _targets(group, p["Targets"])
    for key in keys:
        if key not in group.targets:
            raise ServiceError(
                "InvalidTarget",
                f"The following targets are not registered in target group '{group.arn}': 'Id={key[0]},Port={key[1]}'",
            )
    for key in keys:
        target = group.targets[key]
        if target.state == "draining":
            continue
        health.stop(target)
        target.state, target.reason = "draining", "Target.DeregistrationInProgress"
        target.description = "Target deregistration is in progress"
        service.cloud.kernel.schedule(group.deregistration_delay_s, _forget, group, key, target)
    return {}


def _forget(group: TargetGroup, key: tuple[str, int], target: Any) -> None:
    if group.targets.get(key) is target:
        del group.targets[key]


def describe_target_health(service: Elbv2Service, p: dict[str, Any]) -> dict[str, Any]:
    group = service.tg(p["TargetGroupArn"])
    out = []
    if p.get("Targets"):
        for key in _targets(group, p["Targets"]):
            target = group.targets.get(key)
            entry: dict[str, Any] = {"Target": {"Id": key[0], "Port": key[1]}, "HealthCheckPort": str(key[1])}
            if target is None:
                entry["TargetHealth"] = {
                    "State": "unused", "Reason": "Target.NotRegistered",
                    "Description": "Target is not registered to the target group",
                }  # fmt: skip
            else:
                entry["TargetHealth"] = target.health()
            out.append(entry)
    else:
        for target in group.targets.values():
            out.append(
                {
                    "Target": {"Id": target.id, "Port": target.port},
                    "HealthCheckPort": str(target.port),
                    "TargetHealth": target.health(),
                }
            )
    return {"TargetHealthDescriptions": out}


_ATTRIBUTES = ("deregistration_delay.timeout_seconds", "load_balancing.algorithm.type", "stickiness.enabled")


def describe_target_group_attributes(service: Elbv2Service, p: dict[str, Any]) -> dict[str, Any]:
    group = service.tg(p["TargetGroupArn"])
    values = {
        "deregistration_delay.timeout_seconds": str(group.deregistration_delay_s),
        "load_balancing.algorithm.type": group.algorithm,
        "stickiness.enabled": "false",
    }
    return {"Attributes": [{"Key": k, "Value": values[k]} for k in _ATTRIBUTES]}


def modify_target_group_attributes(service: Elbv2Service, p: dict[str, Any]) -> dict[str, Any]:
    group = service.tg(p["TargetGroupArn"])
    delay, algorithm = group.deregistration_delay_s, group.algorithm
    for attribute in p["Attributes"]:
        key, value = attribute.get("Key", ""), attribute.get("Value", "")
        if key == "deregistration_delay.timeout_seconds":
            if not value.isdigit() or not 0 <= int(value) <= limits.ELB_DEREGISTRATION_DELAY_MAX_S:
                raise ServiceError(
                    "ValidationError", f"'{value}' must be an integer between 0 and 3600 for attribute '{key}'"
                )
            delay = int(value)
        elif key == "load_balancing.algorithm.type":
            if value not in ("round_robin", "least_outstanding_requests"):
                raise ServiceError("ValidationError", f"'{value}' is not a valid value for attribute '{key}'")
            algorithm = value
        elif key == "stickiness.enabled" and value == "false":
            pass
        else:
            raise ServiceError("ValidationError", f"Target group attribute key '{key}' is not recognized")
    group.deregistration_delay_s, group.algorithm = delay, algorithm
    return describe_target_group_attributes(service, p)
