def fargate_size(vcpu, memory_gib):
    # Straight into units: is that always a size Fargate has?
    return str(round(vcpu * 1024)), str(round(memory_gib * 1024))


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
