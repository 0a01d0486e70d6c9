"""API Gateway V2's error answers for HTTP APIs.

Unknown resources are NotFoundException with the ``ResourceType`` member the model gives the error (``Api``,
``Integration``, ``Route``, ``Stage``, ``Deployment``) and messages of the form "Invalid Route identifier specified
{route-id}", as moto quotes them; an unknown API is "Invalid API identifier specified {account}:{api-id}", the form
REST APIs answer with (the account part for HTTP APIs is pocketcloud's assumption).
Other refusals are BadRequestException or ConflictException. Where AWS's exact wording could not be found (route
keys, duplicate routes, auto-deploy stages), the message is pocketcloud's, says what is wrong in AWS's style, and
is marked so at its use.
"""

from __future__ import annotations

from ...errors import ServiceError


def bad_request(message: str) -> ServiceError:
    return ServiceError("BadRequestException", message, 400, Message=message)


def conflict(message: str) -> ServiceError:
    return ServiceError("ConflictException", message, 409, Message=message)


def not_found(resource_type: str, message: str) -> ServiceError:
    return ServiceError("NotFoundException", message, 404, Message=message, ResourceType=resource_type)
