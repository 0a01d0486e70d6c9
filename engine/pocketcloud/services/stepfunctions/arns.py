"""Step Functions ARNs and names.

Names: "must be 1-80 characters long" and must not contain "white space", "brackets < > { } [ ]", "wildcard
characters ? *", "special characters \" # % \\ ^ | ~ ` $ & , ; : /" or "control characters (U+0000-001F,
U+007F-009F)". https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html
"""

from __future__ import annotations

from ...errors import ServiceError

_FORBIDDEN = set(' \t\n\r\f\v<>{}[]?*"#%\\^|~`$&,;:/')


def valid_name(name: str) -> bool:
    if not 1 <= len(name) <= 80:
        return False
    for ch in name:
        code = ord(ch)
        if ch in _FORBIDDEN or code <= 0x1F or 0x7F <= code <= 0x9F or ch.isspace():
            return False
    return True


def check_name(name: str) -> None:
    if not valid_name(name):
        raise ServiceError("InvalidName", f"Invalid Name: '{name}'")


def state_machine_arn(region: str, account: str, name: str) -> str:
    return f"arn:aws:states:{region}:{account}:stateMachine:{name}"


def execution_arn(region: str, account: str, machine: str, name: str, express: bool = False) -> str:
    kind = "express" if express else "execution"
    return f"arn:aws:states:{region}:{account}:{kind}:{machine}:{name}"


def activity_arn(region: str, account: str, name: str) -> str:
    return f"arn:aws:states:{region}:{account}:activity:{name}"


def split(arn: str) -> list[str] | None:
    parts = arn.split(":")
    if len(parts) < 7 or parts[0] != "arn" or parts[2] != "states":
        return None
    return parts


def invalid_arn(arn: str) -> ServiceError:
    return ServiceError("InvalidArn", f"Invalid Arn: 'Resource type not valid in this context: {arn}'")
