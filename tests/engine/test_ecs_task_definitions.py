"""RegisterTaskDefinition: the Fargate CPU/memory table, its errors, revisions and the request-handling labels."""

from __future__ import annotations

import re

import pytest

import pocketcloud
from pocketcloud import ClientError
from pocketcloud.services.ecs.taskdefs import FARGATE_SIZES

CONTAINER = {"name": "app", "image": "nginx", "portMappings": [{"containerPort": 8080}]}


def register(cloud: pocketcloud.Cloud, **params: object) -> dict:
    base = {"family": "web", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256",
            "memory": "512", "containerDefinitions": [CONTAINER]}  # fmt: skip
    base.update(params)
    return cloud.client("ecs").register_task_definition(**base)["taskDefinition"]


@pytest.mark.parametrize(
    ("cpu", "memory"),
    [("256", "512"), ("256", "2048"), ("512", "4096"), ("1024", "8192"), ("2048", "16384"), ("4096", "30720"),
     ("8192", "61440"), ("16384", "122880"), ("8192", "20480"), ("16384", "40960")],
)  # fmt: skip
def test_every_documented_fargate_size_registers(cpu: str, memory: str) -> None:
    """The Fargate table: 256 with 512-2048, 512 with 1-4 GB, 1024 with 2-8 GB, 2048 with 4-16 GB and 4096 with
    8-30 GB in 1 GB steps, 8192 with 16-60 GB in 4 GB steps, 16384 with 32-120 GB in 8 GB steps.
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html"""
    td = register(pocketcloud.Cloud(), cpu=cpu, memory=memory)
    assert (td["cpu"], td["memory"]) == (cpu, memory)
    assert td["compatibilities"] == ["EC2", "FARGATE"]


def test_the_table_has_the_documented_number_of_sizes() -> None:
    """3 + 4 + 7 + 13 + 23 + 12 + 12 combinations (same page)."""
    assert [len(v) for v in FARGATE_SIZES.values()] == [3, 4, 7, 13, 23, 12, 12]


@pytest.mark.parametrize(
    ("cpu", "memory", "message"),
    [("256", "4096", "No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS "
                     "documentation for the valid values."),
     ("8192", "18432", "No Fargate configuration exists for given values: 8192 CPU, 18432 memory. See the Amazon "
                       "ECS documentation for the valid values."),
     ("300", "512", "Invalid 'cpu' setting for task."),
     ("lots", "512", "Invalid 'cpu' setting for task.")],
)  # fmt: skip
def test_invalid_fargate_sizes_are_refused_with_aws_text(cpu: str, memory: str, message: str) -> None:
    """AWS's texts: "An error occurred (ClientException) when calling the RegisterTaskDefinition operation: Invalid
    'cpu' setting for task." / "No Fargate configuration exists for given values." (the page quotes both); nothing
    is registered. The second message carries the values, as ECS answers it: "No Fargate configuration exists for
    given values: 512 CPU, 512 memory. See the Amazon ECS documentation for the valid values."
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html,
    https://github.com/towardsthecloud/aws-cdk-examples/issues/1, https://github.com/i-dot-ai/redbox/pull/1398"""
    cloud = pocketcloud.Cloud()
    with pytest.raises(ClientError) as err:
        register(cloud, cpu=cpu, memory=memory)
    assert err.value.response["Error"] == {"Code": "ClientException", "Message": message}
    assert cloud.client("ecs").list_task_definitions()["taskDefinitionArns"] == []


def test_sizes_in_vcpu_and_gb_are_converted() -> None:
    """ "It's converted to an integer indicating the CPU units / the MiB when the task definition is registered"."""
    td = register(pocketcloud.Cloud(), cpu="1 vCPU", memory="3GB")
    assert (td["cpu"], td["memory"]) == ("1024", "3072")


def test_fargate_requires_awsvpc_and_task_level_cpu() -> None:
    """Fargate supports only the awsvpc network mode and needs task-level cpu (ECS's ClientException texts). Leaving
    networkMode out is the same as bridge: "If no network mode is specified, the default is bridge"
    (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html), and the real API
    refuses such a Fargate task definition with the same message."""
    cloud = pocketcloud.Cloud()
    with pytest.raises(ClientError, match=re.escape("Fargate only supports network mode \u2018awsvpc\u2019.")):
        register(cloud, networkMode="bridge")
    without = {"family": "web", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
               "containerDefinitions": [CONTAINER]}  # fmt: skip
    with pytest.raises(ClientError, match=re.escape("Fargate only supports network mode \u2018awsvpc\u2019.")):
        cloud.client("ecs").register_task_definition(**without)
    params = {"family": "web", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "memory": "512",
              "containerDefinitions": [CONTAINER]}  # fmt: skip
    with pytest.raises(ClientError, match=re.escape("Fargate requires that 'cpu' be defined at the task level.")):
        cloud.client("ecs").register_task_definition(**params)


def test_ec2_container_needs_memory_when_the_task_has_none() -> None:
    """On EC2 "you must specify either a task-level memory value or a container-level memory value".
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html"""
    ecs = pocketcloud.Cloud().client("ecs")
    with pytest.raises(
        ClientError, match=re.escape("At least one of 'memory' or 'memoryReservation' must be specified.")
    ):
        ecs.register_task_definition(family="batch", containerDefinitions=[{"name": "a", "image": "busybox"}])
    td = ecs.register_task_definition(family="batch", containerDefinitions=[{"name": "a", "image": "b", "memory": 256}])
    assert td["taskDefinition"]["networkMode"] == "bridge" and td["taskDefinition"]["compatibilities"] == ["EC2"]


def test_revisions_count_up_per_family_and_describe_finds_them() -> None:
    """ "The first task definition that's registered into a family is given a revision of 1, and any task definitions
    registered after that are given a sequential revision number."
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#family"""
    cloud = pocketcloud.Cloud()
    ecs = cloud.client("ecs")
    first, second = register(cloud), register(cloud)
    assert (first["revision"], second["revision"]) == (1, 2)
    assert second["taskDefinitionArn"] == "arn:aws:ecs:ap-northeast-2:123456789012:task-definition/web:2"
    assert ecs.describe_task_definition(taskDefinition="web")["taskDefinition"]["revision"] == 2
    assert ecs.describe_task_definition(taskDefinition="web:1")["taskDefinition"]["revision"] == 1
    ecs.deregister_task_definition(taskDefinition="web:2")
    assert ecs.describe_task_definition(taskDefinition="web")["taskDefinition"]["revision"] == 1
    with pytest.raises(ClientError, match=re.escape("Unable to describe task definition.")):
        ecs.describe_task_definition(taskDefinition="nope")


def test_request_model_labels_must_be_numbers() -> None:
    """The pocketcloud request-handling labels are checked at registration (a pocketcloud model)."""
    cloud = pocketcloud.Cloud()
    with pytest.raises(ClientError, match=re.escape("pocketcloud.cpu_ms must be a number")):
        register(cloud, containerDefinitions=[{**CONTAINER, "dockerLabels": {"pocketcloud.cpu_ms": "fast"}}])
    td = register(cloud, containerDefinitions=[{**CONTAINER, "dockerLabels": {"pocketcloud.cpu_ms": "25"}}])
    assert td["containerDefinitions"][0]["dockerLabels"] == {"pocketcloud.cpu_ms": "25"}


def test_a_container_with_more_memory_than_the_task_is_refused_by_name() -> None:
    """ECS names the container: "ClientException: The 'memory' setting for container 'worker' is greater than for
    the task." (a real answer, https://github.com/pulumi/pulumi-awsx/issues/1220)."""
    cloud = pocketcloud.Cloud()
    worker = {"name": "worker", "image": "nginx", "memory": 1024}
    with pytest.raises(ClientError) as err:
        register(cloud, containerDefinitions=[CONTAINER, worker])
    assert err.value.response["Error"] == {
        "Code": "ClientException",
        "Message": "The 'memory' setting for container 'worker' is greater than for the task.",
    }
