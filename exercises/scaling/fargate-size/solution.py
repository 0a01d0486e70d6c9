VCPU_HOUR, GB_HOUR = 0.04048, 0.004445  # x86, us-east-1

# CPU units -> the memory values (MiB) Fargate allows with it.
SIZES = {
    256: [512, 1024, 2048],
    512: list(range(1024, 4096 + 1, 1024)),
    1024: list(range(2048, 8192 + 1, 1024)),
    2048: list(range(4096, 16384 + 1, 1024)),
    4096: list(range(8192, 30720 + 1, 1024)),
    8192: list(range(16384, 61440 + 1, 4096)),
    16384: list(range(32768, 122880 + 1, 8192)),
}


def fargate_size(vcpu, memory_gib):
    best = None
    for cpu, memories in SIZES.items():
        if cpu < vcpu * 1024:
            continue
        for memory in memories:
            if memory < memory_gib * 1024:
                continue
            price = cpu / 1024 * VCPU_HOUR + memory / 1024 * GB_HOUR
            if best is None or price < best[0]:
                best = (price, cpu, memory)
    return str(best[1]), str(best[2])


if __name__ == "__main__":
    import pocketcloud

    cloud = pocketcloud.Cloud(seed=0)
    ecs = cloud.client("ecs")
    for need in [(0.25, 0.5), (0.25, 3), (1, 1), (0.5, 10)]:
        cpu, memory = fargate_size(*need)
        try:
            ecs.register_task_definition(
                family="web",
                requiresCompatibilities=["FARGATE"],
                networkMode="awsvpc",
                cpu=cpu,
                memory=memory,
                containerDefinitions=[{"name": "web", "image": "public.ecr.aws/nginx/nginx:latest"}],
            )
            print(need, "->", cpu, memory, "registered")
        except ecs.exceptions.ClientException as error:
            print(need, "->", cpu, memory, "refused:", error)
