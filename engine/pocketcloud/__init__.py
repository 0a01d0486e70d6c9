"""pocketcloud: a deterministic, pure-Python mini cloud for learning serverless.

>>> import pocketcloud
>>> cloud = pocketcloud.Cloud(seed=0)
>>> lam = cloud.client("lambda")

The clients are shaped like boto3's (operation names, parameters, responses and ``ClientError``s), so code
written against pocketcloud moves to AWS unchanged.
"""

from __future__ import annotations

from .cloud import Cloud, UnknownServiceError
from .easy import DeployedFunction, InvokeResult, decode_log, deploy
from .errors import ClientError, ParamValidationError
from .explore import EventRecorder, record_events
from .packaging import zip_code
from .stepfunctions import ExecutionView, StateMachineView, show_definition, show_execution, show_state_machine

__version__ = "0.1.0"
__all__ = [
    "ClientError",
    "Cloud",
    "DeployedFunction",
    "EventRecorder",
    "ExecutionView",
    "InvokeResult",
    "ParamValidationError",
    "StateMachineView",
    "UnknownServiceError",
    "__version__",
    "decode_log",
    "deploy",
    "record_events",
    "show_definition",
    "show_execution",
    "show_state_machine",
    "zip_code",
]
