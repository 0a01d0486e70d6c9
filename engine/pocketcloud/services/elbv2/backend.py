"""The state of Elastic Load Balancing in one cloud: Application Load Balancers, listeners, target groups, targets.

What is simulated (a minimal ALB, enough for ECS services behind a load balancer):

* ``CreateLoadBalancer`` (``Type="application"`` only): the ARN
  ``arn:aws:elasticloadbalancing:{region}:{account}:loadbalancer/app/{name}/{16 hex}`` and the DNS name
  ``{name}-{10 digits}.{region}.elb.amazonaws.com`` (``internal-`` in front for an internal scheme), as the
  Elastic Load Balancing guide shows them ("name-1234567890.region.elb.amazonaws.com").
  https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-internet-facing-load-balancers.html
  The load balancer is ``provisioning`` for :data:`PROVISIONING_S` virtual seconds (a pocketcloud model: AWS says
  only that it becomes ``active`` once it is "fully set up and ready to route traffic"), then ``active``: only
  then does its DNS name answer (``cloud.http_request`` raises :class:`~pocketcloud.http.UnknownHostError` before).
* ``CreateTargetGroup`` with the documented defaults for HTTP target groups (health check every 30 s, timeout 5 s,
  5 healthy / 2 unhealthy checks, path ``/``, matcher ``200``).
  https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html
* ``CreateListener`` with one ``forward`` default action; ``RegisterTargets`` / ``DeregisterTargets`` /
  ``DescribeTargetHealth`` with the documented states and reason codes (:mod:`.health`); target group attributes
  ``deregistration_delay.timeout_seconds`` (default 300) and ``load_balancing.algorithm.type``
  (``round_robin`` or ``least_outstanding_requests``).
  https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html
* Requests to the DNS name: :mod:`.routing` (target choice, forwarding, 502/503/504, CloudWatch metrics).

Not simulated: Network and Gateway Load Balancers, HTTPS certificates, listener rules beyond the default action,
subnets and security groups (accepted and echoed, never checked), Lambda and instance targets (an ``instance``
target's ID must be something the cloud's HTTP router answers, like an ``ip`` target).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...errors import ServiceError
from ...timeutil import to_datetime

if TYPE_CHECKING:
    from ...cloud import Cloud
    from .health import TargetState
    from .routing import AlbMetrics

#: How long a new load balancer stays ``provisioning`` (a pocketcloud model, see the module docstring).
PROVISIONING_S = 60.0
#: The hosted zone of Application Load Balancers per Region (a few; others get a pocketcloud placeholder).
#: https://docs.aws.amazon.com/general/latest/gr/elb.html (checked 2026-12-01)
HOSTED_ZONES = {
    "us-east-1": "Z35SXDOTRQ7X7K",
    "us-west-2": "Z1H1FL5HABSF5",
    "eu-west-1": "Z32O12XQLNTSW2",
    "ap-northeast-1": "Z14GRHDCWA56QT",
    "ap-northeast-2": "ZWKZPGTI48KDX",
}
#: Target group defaults for the HTTP/HTTPS protocols (API_CreateTargetGroup, checked 2026-12-01).
DEFAULT_INTERVAL_S = 30
DEFAULT_TIMEOUT_S = 5
DEFAULT_HEALTHY = 5
DEFAULT_UNHEALTHY = 2
#: ``deregistration_delay.timeout_seconds`` default, and the documented range 0-3600.
#: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#deregistration-delay
DEFAULT_DEREGISTRATION_DELAY_S = 300
#: ``idle_timeout.timeout_seconds`` default of a load balancer (60 s): a target that answers later gets a 504.
#: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-load-balancer-attributes.html#connection-idle-timeout
DEFAULT_IDLE_TIMEOUT_S = 60.0


@dataclass
class LoadBalancer:
    arn: str
    name: str
    dns_name: str
    scheme: str
    created: float
    subnets: list[str]
    security_groups: list[str]
    ip_address_type: str
    state: str = "provisioning"
    listeners: dict[int, Listener] = field(default_factory=dict)
    idle_timeout_s: float = DEFAULT_IDLE_TIMEOUT_S

    @property
    def dimension(self) -> str:
        """The ``LoadBalancer`` metric dimension: ``app/{name}/{id}`` (the ARN's last part)."""
        return self.arn.split(":loadbalancer/", 1)[1]

    def describe(self, cloud: Cloud) -> dict[str, Any]:
        zones = [
            {"ZoneName": f"{cloud.region}{chr(ord('a') + i)}", "SubnetId": subnet, "LoadBalancerAddresses": []}
            for i, subnet in enumerate(self.subnets)
        ]
        return {
            "LoadBalancerArn": self.arn,
            "DNSName": self.dns_name,
            "CanonicalHostedZoneId": HOSTED_ZONES.get(cloud.region, "ZPOCKETCLOUDALB"),
            "CreatedTime": to_datetime(self.created),
            "LoadBalancerName": self.name,
            "Scheme": self.scheme,
            "VpcId": "vpc-0pocketcloud0000",
            "State": {"Code": self.state},
            "Type": "application",
            "AvailabilityZones": zones,
            "SecurityGroups": list(self.security_groups),
            "IpAddressType": self.ip_address_type,
        }


@dataclass
class Listener:
    arn: str
    lb: LoadBalancer
    port: int
    protocol: str
    target_group: TargetGroup

    def describe(self) -> dict[str, Any]:
        return {
            "ListenerArn": self.arn,
            "LoadBalancerArn": self.lb.arn,
            "Port": self.port,
            "Protocol": self.protocol,
            "DefaultActions": [{"Type": "forward", "TargetGroupArn": self.target_group.arn}],
        }


@dataclass
class TargetGroup:
    arn: str
    name: str
    protocol: str
    port: int
    target_type: str
    path: str
    interval_s: int
    timeout_s: int
    healthy_threshold: int
    unhealthy_threshold: int
    matcher: str
    vpc_id: str
    health_check_enabled: bool = True
    deregistration_delay_s: int = DEFAULT_DEREGISTRATION_DELAY_S
    algorithm: str = "round_robin"
    #: (id, port) -> the target's state, in registration order (dict order is the round-robin order).
    targets: dict[tuple[str, int], TargetState] = field(default_factory=dict)
    listeners: list[Listener] = field(default_factory=list)
    #: Round-robin position.
    cursor: int = 0

    @property
    def dimension(self) -> str:
        """The ``TargetGroup`` metric dimension: ``targetgroup/{name}/{id}``."""
        return self.arn.split(":", 5)[5]

    def matches(self, status: int) -> bool:
        for part in self.matcher.split(","):
            low, _, high = part.strip().partition("-")
            if low.isdigit() and int(low) <= status <= int(high or low):
                return True
        return False

    def describe(self) -> dict[str, Any]:
        return {
            "TargetGroupArn": self.arn,
            "TargetGroupName": self.name,
            "Protocol": self.protocol,
            "Port": self.port,
            "VpcId": self.vpc_id,
            "HealthCheckProtocol": self.protocol,
            "HealthCheckPort": "traffic-port",
            "HealthCheckEnabled": self.health_check_enabled,
            "HealthCheckIntervalSeconds": self.interval_s,
            "HealthCheckTimeoutSeconds": self.timeout_s,
            "HealthyThresholdCount": self.healthy_threshold,
            "UnhealthyThresholdCount": self.unhealthy_threshold,
            "HealthCheckPath": self.path,
            "Matcher": {"HttpCode": self.matcher},
            "LoadBalancerArns": sorted({listener.lb.arn for listener in self.listeners}),
            "TargetType": self.target_type,
            "ProtocolVersion": "HTTP1",
            "IpAddressType": "ipv4",
        }


class Elbv2Service:
    """One cloud's load balancers, listeners and target groups (``cloud.backend("elbv2", Elbv2Service)``)."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        self.load_balancers: dict[str, LoadBalancer] = {}
        self.target_groups: dict[str, TargetGroup] = {}
        self.listeners: dict[str, Listener] = {}
        self._metrics: AlbMetrics | None = None

    @property
    def metrics(self) -> AlbMetrics:
        """The ``AWS/ApplicationELB`` emitter (see :mod:`.routing`)."""
        if self._metrics is None:
            from .routing import AlbMetrics

            self._metrics = AlbMetrics(self)
        return self._metrics

    def arn(self, kind: str, path: str) -> str:
        c = self.cloud
        return f"arn:{c.partition}:elasticloadbalancing:{c.region}:{c.account_id}:{kind}/{path}"

    # -- lookups ---------------------------------------------------------------------------------------------
    def lb(self, arn: str) -> LoadBalancer:
        found = self.load_balancers.get(arn)
        if found is None:
            raise ServiceError("LoadBalancerNotFound", "One or more load balancers not found")
        return found

    def tg(self, arn: str) -> TargetGroup:
        found = self.target_groups.get(arn)
        if found is None:
            raise ServiceError("TargetGroupNotFound", "One or more target groups not found")
        return found

    def listener(self, arn: str) -> Listener:
        found = self.listeners.get(arn)
        if found is None:
            raise ServiceError("ListenerNotFound", "One or more listeners not found")
        return found
