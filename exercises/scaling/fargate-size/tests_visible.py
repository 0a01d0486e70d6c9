import pocketcloud
from pocketcloud.grading.checks import expect_equal


def _registered(cpu, memory):
    """ECS's own answer: the task definition registers, or ClientException says the size does not exist."""
    cloud = pocketcloud.Cloud(seed=0)
    answer = cloud.client("ecs").register_task_definition(
        family="web",
        requiresCompatibilities=["FARGATE"],
        networkMode="awsvpc",
        cpu=cpu,
        memory=memory,
        containerDefinitions=[{"name": "web", "image": "public.ecr.aws/nginx/nginx:latest"}],
    )
    return answer["taskDefinition"]["cpu"], answer["taskDefinition"]["memory"]


def test_sizes_fargate_has(learner):
    """ko: 0.25 vCPU와 3GiB가 필요하면 0.5 vCPU, 3GiB입니다(0.25 vCPU는 2GB까지만)
    en: needing 0.25 vCPU and 3 GiB gives 0.5 vCPU with 3 GiB (0.25 vCPU stops at 2 GB)"""
    size = learner.fargate_size(0.25, 3)
    expect_equal(size, ("512", "3072"), ko="0.25 vCPU, 3GiB의 크기", en="the size for 0.25 vCPU and 3 GiB")
    expect_equal(_registered(*size), size, ko="ECS가 등록한 크기", en="the size ECS registered")


def test_the_smallest_size(learner):
    """ko: 0.25 vCPU와 0.5GiB는 가장 작은 크기 그대로입니다
    en: 0.25 vCPU and 0.5 GiB is the smallest size as it is"""
    expect_equal(learner.fargate_size(0.25, 0.5), ("256", "512"), ko="가장 작은 크기", en="the smallest size")
