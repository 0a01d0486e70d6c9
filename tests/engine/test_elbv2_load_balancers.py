"""elbv2: load balancers, target groups, listeners, target registration and health, and their errors."""

from __future__ import annotations

import re

import pytest

import pocketcloud
from pocketcloud import ClientError
from pocketcloud.http import UnknownHostError

from .ecs_support import alb


def test_dns_name_and_arn_have_aws_format_and_provisioning_comes_first() -> None:
    """DNS names "name-1234567890.region.elb.amazonaws.com" (internal- in front for internal load balancers); the
    state is provisioning, then active (only then does the name answer).
    https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-internet-facing-load-balancers.html
    https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_LoadBalancerState.html"""
    cloud = pocketcloud.Cloud()
    elb = cloud.client("elbv2")
    lb = elb.create_load_balancer(Name="web", Subnets=["subnet-a", "subnet-b"])["LoadBalancers"][0]
    assert re.fullmatch(r"web-\d{10}\.ap-northeast-2\.elb\.amazonaws\.com", lb["DNSName"])
    assert re.fullmatch(
        r"arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:loadbalancer/app/web/[0-9a-f]{16}",
        lb["LoadBalancerArn"],
    )
    assert lb["State"] == {"Code": "provisioning"} and lb["Type"] == "application"
    internal = elb.create_load_balancer(Name="api", Subnets=["s-1", "s-2"], Scheme="internal")["LoadBalancers"][0]
    assert internal["DNSName"].startswith("internal-api-")
    with pytest.raises(UnknownHostError):
        cloud.http_request("GET", f"http://{lb['DNSName']}/")
    cloud.run(until=61)
    assert elb.describe_load_balancers(Names=["web"])["LoadBalancers"][0]["State"] == {"Code": "active"}


def test_create_load_balancer_errors() -> None:
    """Two subnets in two Availability Zones are required; names are unique and at most 32 characters.
    https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html"""
    elb = pocketcloud.Cloud().client("elbv2")
    with pytest.raises(
        ClientError, match=re.escape("At least two subnets in two different Availability Zones must be specified")
    ):
        elb.create_load_balancer(Name="web", Subnets=["subnet-a"])
    with pytest.raises(ClientError) as err:
        elb.create_load_balancer(Name="-bad", Subnets=["a", "b"])
    assert err.value.response["Error"]["Code"] == "ValidationError"
    elb.create_load_balancer(Name="web", Subnets=["a", "b"])
    with pytest.raises(elb.exceptions.DuplicateLoadBalancerNameException):
        elb.create_load_balancer(Name="web", Subnets=["a", "b"])
    assert len(elb.describe_load_balancers()["LoadBalancers"]) == 1
    with pytest.raises(
        elb.exceptions.LoadBalancerNotFoundException, match=re.escape("One or more load balancers not found")
    ):
        elb.describe_load_balancers(Names=["nope"])


def test_target_group_defaults_are_the_documented_ones() -> None:
    """HTTP target groups: health check every 30 s, timeout 5 s, healthy 5, unhealthy 2, path /, matcher 200;
    deregistration delay 300 s, round_robin.
    https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html"""
    elb = pocketcloud.Cloud().client("elbv2")
    tg = elb.create_target_group(Name="web", Protocol="HTTP", Port=80, VpcId="vpc-1", TargetType="ip")["TargetGroups"][
        0
    ]
    assert (tg["HealthCheckIntervalSeconds"], tg["HealthCheckTimeoutSeconds"]) == (30, 5)
    assert (tg["HealthyThresholdCount"], tg["UnhealthyThresholdCount"]) == (5, 2)
    assert (tg["HealthCheckPath"], tg["Matcher"]) == ("/", {"HttpCode": "200"})
    attributes = {
        a["Key"]: a["Value"]
        for a in elb.describe_target_group_attributes(TargetGroupArn=tg["TargetGroupArn"])["Attributes"]
    }
    assert attributes["deregistration_delay.timeout_seconds"] == "300"
    assert attributes["load_balancing.algorithm.type"] == "round_robin"
    with pytest.raises(ClientError, match=re.escape("must be an integer between 0 and 3600")):
        elb.modify_target_group_attributes(
            TargetGroupArn=tg["TargetGroupArn"],
            Attributes=[{"Key": "deregistration_delay.timeout_seconds", "Value": "4000"}],
        )


def test_targets_of_an_unused_group_are_unused_and_a_healthy_one_needs_one_check() -> None:
    """A target group with no load balancer does not check its targets (unused, Target.NotInUse); once used, a
    target "must pass one health check to be considered healthy"; a target that refuses connections fails.
    https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html"""
    cloud = pocketcloud.Cloud()
    elb = cloud.client("elbv2")
    lone = elb.create_target_group(Name="lone", Protocol="HTTP", Port=80, VpcId="v", TargetType="ip")["TargetGroups"][0]
    elb.register_targets(TargetGroupArn=lone["TargetGroupArn"], Targets=[{"Id": "10.0.9.9"}])
    health = elb.describe_target_health(TargetGroupArn=lone["TargetGroupArn"])["TargetHealthDescriptions"][0]
    assert health["TargetHealth"]["State"] == "unused" and health["TargetHealth"]["Reason"] == "Target.NotInUse"

    _lb, tg = alb(cloud)
    seen = []

    def answer(request: object, respond: object) -> None:
        from pocketcloud.http import response

        respond(response(200, [], "ok"))  # type: ignore[operator]

    cloud.http.register("10.0.9.1", answer)
    elb.register_targets(TargetGroupArn=tg["TargetGroupArn"], Targets=[{"Id": "10.0.9.1"}, {"Id": "10.0.9.2"}])

    def states():
        return [
            d["TargetHealth"]
            for d in elb.describe_target_health(TargetGroupArn=tg["TargetGroupArn"])["TargetHealthDescriptions"]
        ]

    seen.append(states())
    cloud.run(until=75)  # active at 60 s, first check 10 s later
    seen.append(states())
    cloud.run(until=110)  # a second failed check
    seen.append(states())
    assert seen[0][0] == {
        "State": "initial",
        "Reason": "Elb.RegistrationInProgress",
        "Description": "Target registration is in progress",
    }
    assert seen[1][0] == {"State": "healthy"} and seen[1][1]["State"] == "initial"
    assert seen[2][1] == {
        "State": "unhealthy",
        "Reason": "Target.FailedHealthChecks",
        "Description": "Health checks failed",
    }


def test_deregistered_targets_drain_then_disappear() -> None:
    """DeregisterTargets: draining (Target.DeregistrationInProgress) for the deregistration delay, then gone; a target
    that is not registered is InvalidTarget.
    https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#deregistration-delay"""
    cloud = pocketcloud.Cloud()
    elb = cloud.client("elbv2")
    tg = elb.create_target_group(Name="web", Protocol="HTTP", Port=80, VpcId="v", TargetType="ip")["TargetGroups"][0]
    arn = tg["TargetGroupArn"]
    elb.modify_target_group_attributes(
        TargetGroupArn=arn, Attributes=[{"Key": "deregistration_delay.timeout_seconds", "Value": "30"}]
    )
    elb.register_targets(TargetGroupArn=arn, Targets=[{"Id": "10.0.0.5"}])
    elb.deregister_targets(TargetGroupArn=arn, Targets=[{"Id": "10.0.0.5"}])
    found = elb.describe_target_health(TargetGroupArn=arn)["TargetHealthDescriptions"]
    assert found[0]["TargetHealth"]["State"] == "draining"
    cloud.run(until=31)
    assert elb.describe_target_health(TargetGroupArn=arn)["TargetHealthDescriptions"] == []
    with pytest.raises(elb.exceptions.InvalidTargetException):
        elb.deregister_targets(TargetGroupArn=arn, Targets=[{"Id": "10.0.0.5"}])


def test_ip_targets_must_be_ipv4_and_groups_in_use_cannot_be_deleted() -> None:
    """An ip target group takes IPv4 addresses; a target group a listener uses is ResourceInUse, "Target group
    'arn:aws:elasticloadbalancing:…' is currently in use by a listener or a rule" (the text of real answers quoted on
    GitHub, e.g. in the AWS provider for Terraform's retry on it)."""
    cloud = pocketcloud.Cloud()
    elb = cloud.client("elbv2")
    _lb, tg = alb(cloud)
    with pytest.raises(ClientError) as err:
        elb.register_targets(TargetGroupArn=tg["TargetGroupArn"], Targets=[{"Id": "i-0123456789abcdef0"}])
    assert err.value.response["Error"]["Code"] == "ValidationError"
    with pytest.raises(
        elb.exceptions.ResourceInUseException,
        match=re.escape(f"Target group '{tg['TargetGroupArn']}' is currently in use by a listener or a rule"),
    ):
        elb.delete_target_group(TargetGroupArn=tg["TargetGroupArn"])
    with pytest.raises(
        elb.exceptions.TargetGroupNotFoundException, match=re.escape("One or more target groups not found")
    ):
        elb.describe_target_health(TargetGroupArn=tg["TargetGroupArn"] + "0")


def test_listener_and_target_quotas() -> None:
    """ "Listeners per Application Load Balancer 50", "Targets per Target Group per Region (instances or IP addresses)
    1,000", one load balancer per target group.
    https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html"""
    cloud = pocketcloud.Cloud()
    elb = cloud.client("elbv2")
    lb, tg = alb(cloud)
    forward = [{"Type": "forward", "TargetGroupArn": tg["TargetGroupArn"]}]
    for port in range(81, 130):
        elb.create_listener(LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=port, DefaultActions=forward)
    with pytest.raises(elb.exceptions.TooManyListenersException):
        elb.create_listener(LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=200, DefaultActions=forward)
    other = elb.create_load_balancer(Name="other", Subnets=["a", "b"])["LoadBalancers"][0]
    with pytest.raises(elb.exceptions.TargetGroupAssociationLimitException):
        elb.create_listener(LoadBalancerArn=other["LoadBalancerArn"], Protocol="HTTP", Port=80, DefaultActions=forward)
    targets = [{"Id": f"10.1.{i // 250}.{i % 250}"} for i in range(1000)]
    elb.register_targets(TargetGroupArn=tg["TargetGroupArn"], Targets=targets)
    with pytest.raises(elb.exceptions.TooManyTargetsException):
        elb.register_targets(TargetGroupArn=tg["TargetGroupArn"], Targets=[{"Id": "10.2.0.1"}])


def test_a_second_listener_on_a_port_is_refused_naming_the_load_balancer() -> None:
    """ "DuplicateListener: A listener already exists on this port for this load balancer
    'arn:aws:elasticloadbalancing:ap-south-1:…:loadbalancer/app/app-lb/1c3818cf6bdc8945'" (a real CreateListener
    answer, as Terraform prints it; the AWS reference names only the error code,
    https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateListener.html)."""
    cloud = pocketcloud.Cloud()
    elb = cloud.client("elbv2")
    lb, tg = alb(cloud)
    forward = [{"Type": "forward", "TargetGroupArn": tg["TargetGroupArn"]}]
    with pytest.raises(elb.exceptions.DuplicateListenerException) as err:
        elb.create_listener(LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=80, DefaultActions=forward)
    assert err.value.response["Error"]["Message"] == (
        f"A listener already exists on this port for this load balancer '{lb['LoadBalancerArn']}'"
    )
