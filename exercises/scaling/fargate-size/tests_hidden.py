import pocketcloud
from pocketcloud.grading.checks import expect_equal


def _registered(cpu, memory):
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


def test_memory_below_the_cpus_minimum_is_raised(learner):
    """ko: 1 vCPU에 1GiB면 1 vCPU의 최소인 2GiB로 올라갑니다
    en: 1 vCPU with 1 GiB goes up to 1 vCPU's minimum, 2 GiB"""
    size = learner.fargate_size(1, 1)
    expect_equal(size, ("1024", "2048"), ko="1 vCPU, 1GiB의 크기", en="the size for 1 vCPU and 1 GiB")
    expect_equal(_registered(*size), size, ko="ECS가 등록한 크기", en="the size ECS registered")


def test_memory_beyond_the_cpus_maximum_needs_more_cpu(learner):
    """ko: 0.5 vCPU에 10GiB면 2 vCPU가 필요합니다(1 vCPU는 8GB까지)
    en: 0.5 vCPU with 10 GiB needs 2 vCPUs (1 vCPU stops at 8 GB)"""
    size = learner.fargate_size(0.5, 10)
    expect_equal(size, ("2048", "10240"), ko="0.5 vCPU, 10GiB의 크기", en="the size for 0.5 vCPU and 10 GiB")
    expect_equal(_registered(*size), size, ko="ECS가 등록한 크기", en="the size ECS registered")


def test_large_sizes_use_their_steps(learner):
    """ko: 8 vCPU는 4GB 단위이므로 8 vCPU에 17GiB면 20GiB입니다
    en: 8 vCPU moves in 4 GB steps, so 8 vCPU with 17 GiB gives 20 GiB"""
    size = learner.fargate_size(8, 17)
    expect_equal(size, ("8192", "20480"), ko="8 vCPU, 17GiB의 크기", en="the size for 8 vCPU and 17 GiB")
    expect_equal(_registered(*size), size, ko="ECS가 등록한 크기", en="the size ECS registered")
