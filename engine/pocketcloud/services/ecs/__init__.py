"""Amazon ECS: clusters, task definitions, services and tasks on Fargate and EC2; see :mod:`.client`."""
