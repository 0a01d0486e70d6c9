"""Static validation of Amazon States Language definitions, as CreateStateMachine and ValidateStateMachineDefinition
do it: :func:`validate` lists the diagnostics, :func:`invalid_definition_message` words the ``InvalidDefinition``
error, :func:`validation_response` shapes the ValidateStateMachineDefinition answer.

>>> from pocketcloud.services.stepfunctions.validation import validate, invalid_definition_message
>>> found = validate({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "C": {"Type": "Succeed"}}})
>>> print(invalid_definition_message(found))
Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next,
MISSING_TRANSITION_TARGET: State "C" is not reachable. at /States/C'
"""

from .diagnostics import ERROR, WARNING, Diagnostic, invalid_definition_message, validation_response
from .validator import validate

__all__ = ["ERROR", "WARNING", "Diagnostic", "invalid_definition_message", "validate", "validation_response"]
