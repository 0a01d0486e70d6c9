"""What the static validator reports, shaped like Step Functions' own diagnostics.

ValidateStateMachineDefinition returns a list of ``ValidateStateMachineDefinitionDiagnostic`` elements
(``severity``, ``code``, ``message`` and an optional ``location``: botocore 1.44.5's stepfunctions model), and
CreateStateMachine/UpdateStateMachine refuse the same ERROR diagnostics with one ``InvalidDefinition`` error. Both
views are built here from one list, so the two operations can never disagree about a definition.
https://docs.aws.amazon.com/step-functions/latest/apireference/API_ValidateStateMachineDefinitionDiagnostic.html
https://docs.aws.amazon.com/step-functions/latest/apireference/API_ValidateStateMachineDefinition.html
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

ERROR = "ERROR"
WARNING = "WARNING"

# Error codes, from the ValidateStateMachineDefinitionDiagnostic reference ("List of error codes"), plus the two
# JSONata codes AWS returns for expressions (INVALID_JSONATA_EXPRESSION, UNSUPPORTED_JSONATA_EXPRESSION) and the
# two variable codes (INVALID_VARIABLE_NAME, RESERVED_VARIABLE_NAME) that third-party measurements of the API
# quote (floci-io/floci StepFunctionsValidateStateMachineDefinitionIntegrationTest; a cdk_preflight rule set). The
# reference warns that AWS "might add new diagnostics in the future", which these are.
INVALID_JSON_DESCRIPTION = "INVALID_JSON_DESCRIPTION"
MISSING_DESCRIPTION = "MISSING_DESCRIPTION"
SCHEMA_VALIDATION_FAILED = "SCHEMA_VALIDATION_FAILED"
INVALID_RESOURCE = "INVALID_RESOURCE"
MISSING_END_STATE = "MISSING_END_STATE"
DUPLICATE_STATE_NAME = "DUPLICATE_STATE_NAME"
INVALID_STATE_NAME = "INVALID_STATE_NAME"
MISSING_TRANSITION_TARGET = "MISSING_TRANSITION_TARGET"
TOO_DEEPLY_NESTED = "TOO_DEEPLY_NESTED"
INVALID_JSONATA_EXPRESSION = "INVALID_JSONATA_EXPRESSION"
UNSUPPORTED_JSONATA_EXPRESSION = "UNSUPPORTED_JSONATA_EXPRESSION"
INVALID_VARIABLE_NAME = "INVALID_VARIABLE_NAME"
RESERVED_VARIABLE_NAME = "RESERVED_VARIABLE_NAME"

# Warning codes ("List of warning codes"): they never make a definition invalid.
NO_DOLLAR = "NO_DOLLAR"
NO_PATH = "NO_PATH"
PASS_RESULT_IS_STATIC = "PASS_RESULT_IS_STATIC"

#: "The default and maximum value is 100. Setting the value to 0 will also use the default of 100."
#: (ValidateStateMachineDefinition, maxResults; the model's ValidateStateMachineDefinitionMaxResult is 0..100)
MAX_RESULTS_DEFAULT = 100


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in a definition: exactly the members of ``ValidateStateMachineDefinitionDiagnostic``.

    ``location`` is the JSON-pointer-like path AWS prints (``/States/MyState/Next``, array elements as
    ``/States/C/Choices[0]/Next``), or ``None`` where AWS gives none (a definition with no terminal state).
    """

    severity: str
    code: str
    message: str
    location: str | None = None

    def to_dict(self) -> dict[str, str]:
        """The diagnostic as boto3 returns it: ``location`` is absent, not null, when there is none."""
        shaped = {"severity": self.severity, "code": self.code, "message": self.message}
        if self.location is not None:
            shaped["location"] = self.location
        return shaped


def error(code: str, message: str, location: str | None) -> Diagnostic:
    return Diagnostic(ERROR, code, message, location)


def warning(code: str, message: str, location: str | None) -> Diagnostic:
    return Diagnostic(WARNING, code, message, location)


def errors_of(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics that stop CreateStateMachine ("ERROR means that you cannot create or update")."""
    return [d for d in diagnostics if d.severity == ERROR]


def invalid_definition_message(diagnostics: Iterable[Diagnostic]) -> str:
    """The message of CreateStateMachine's and UpdateStateMachine's ``InvalidDefinition`` error.

    AWS joins every ERROR as ``<code>: <message> at <location>`` with ", " inside one pair of single quotes, e.g.
    ``Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3 at
    /States/pass1/Next, MISSING_TRANSITION_TARGET: State "pass2" is not reachable. at /States/pass2'``
    (CreateStateMachine against AWS, quoted in https://github.com/localstack/localstack/issues/11978). A
    diagnostic without a location is rendered ``at null``: ``'MISSING_END_STATE: Workflow has no terminal state at
    null'`` (measured against AWS in https://github.com/floci-io/floci/issues/2735). Warnings never appear.
    """
    found = errors_of(diagnostics)
    if not found:
        raise ValueError("a definition without ERROR diagnostics is valid; there is no InvalidDefinition message")
    parts = [f"{d.code}: {d.message} at {d.location if d.location is not None else 'null'}" for d in found]
    return "Invalid State Machine Definition: '" + ", ".join(parts) + "'"


def validation_response(
    diagnostics: Iterable[Diagnostic], *, severity: str = ERROR, max_results: int = 0
) -> dict[str, Any]:
    """The ValidateStateMachineDefinition response body for these diagnostics and the request's options.

    ``severity``: "ERROR returns only ERROR diagnostics, whereas WARNING returns both WARNING and ERROR
    diagnostics. The default is ERROR." ``max_results``: 0 means the default of 100, and ``truncated`` "will be
    true if the number of diagnostics found in the workflow definition exceeds maxResults". ``result`` is FAIL
    whenever an ERROR exists, whatever the filter lets through. (API_ValidateStateMachineDefinition.)
    """
    everything = list(diagnostics)
    shown = everything if severity == WARNING else errors_of(everything)
    limit = max_results or MAX_RESULTS_DEFAULT
    return {
        "result": "FAIL" if errors_of(everything) else "OK",
        "diagnostics": [d.to_dict() for d in shown[:limit]],
        "truncated": len(shown) > limit,
    }
