"""Elastic Load Balancing v2 (Application Load Balancers): see :mod:`.client`."""
