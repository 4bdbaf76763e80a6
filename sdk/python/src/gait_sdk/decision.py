"""The gate's answer as the SDK hands it on, and the fail-closed answer when there is none."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from .intent import IntentRequest

ALLOW = "allow"
BLOCK = "block"
REQUIRE_APPROVAL = "require_approval"
DRY_RUN = "dry_run"
VERDICTS = frozenset({ALLOW, BLOCK, REQUIRE_APPROVAL, DRY_RUN})

# Causes of a decision the SDK could not obtain (``GateDecision.error_code``). Errors the gate
# reports itself keep the gate's code (``invalid_input``, ``unauthorized``, ...).
UNAVAILABLE = "unavailable"
TIMEOUT = "timeout"
INVALID_RESPONSE = "invalid_response"
UNKNOWN_VERDICT = "unknown_verdict"
INVALID_INTENT = "invalid_intent"
CLIENT_ERROR = "client_error"


@dataclass(frozen=True)
class GateDecision:
    """A verdict from the gate, or a blocking stand-in that says why no verdict was obtained.

    Only :attr:`allowed` lets a tool run: a real ``allow`` verdict and no error.
    """

    verdict: str
    reason_codes: tuple[str, ...] = ()
    violations: tuple[str, ...] = ()
    trace_id: str | None = None
    trace_path: str | None = None
    policy_digest: str | None = None
    intent_digest: str | None = None
    matched_rule: str | None = None
    error: str | None = None
    error_code: str | None = None
    retryable: bool = False
    raw: Mapping[str, Any] = field(default_factory=dict)

    @property
    def allowed(self) -> bool:
        return self.error is None and self.verdict == ALLOW

    @classmethod
    def failed(cls, error_code: str, error: str, *, retryable: bool = False,
               raw: Mapping[str, Any] | None = None) -> GateDecision:
        """No verdict could be obtained: the call is blocked, and the cause is its reason code."""
        return cls(verdict=BLOCK, reason_codes=(error_code,), error=error, error_code=error_code, retryable=retryable,
                   raw=raw or {})


class GateClient(Protocol):
    """Anything that asks the gate for a decision: :class:`CliClient`, :class:`SidecarClient`.

    ``evaluate`` never raises for a failure to decide; it answers a blocking decision instead.
    """

    def evaluate(self, intent: IntentRequest) -> GateDecision: ...


def decision_from_answer(answer: Any) -> GateDecision:
    """Reads the ``gate eval --json`` document (which the sidecar answers too); anything else blocks."""
    if not isinstance(answer, Mapping):
        return GateDecision.failed(INVALID_RESPONSE, f"the gate answered {type(answer).__name__}, not a JSON object")
    if answer.get("ok") is not True:
        code = answer.get("error_code")
        return GateDecision.failed(
            code if isinstance(code, str) and code else INVALID_RESPONSE,
            str(answer.get("error") or "the gate answered ok=false without an error"),
            retryable=answer.get("retryable") is True, raw=answer)
    verdict = answer.get("verdict")
    if verdict not in VERDICTS:
        return GateDecision.failed(UNKNOWN_VERDICT, f"unknown verdict {verdict!r}", raw=answer)
    try:
        return GateDecision(
            verdict=verdict, reason_codes=_strings(answer, "reason_codes"), violations=_strings(answer, "violations"),
            trace_id=_optional_string(answer, "trace_id"), trace_path=_optional_string(answer, "trace_path"),
            policy_digest=_optional_string(answer, "policy_digest"),
            intent_digest=_optional_string(answer, "intent_digest"),
            matched_rule=_optional_string(answer, "matched_rule"), raw=answer)
    except ValueError as e:
        return GateDecision.failed(INVALID_RESPONSE, str(e), raw=answer)


def _strings(answer: Mapping[str, Any], name: str) -> tuple[str, ...]:
    value = answer.get(name, [])
    if not isinstance(value, Sequence) or isinstance(value, str) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{name} is not a list of strings")
    return tuple(value)


def _optional_string(answer: Mapping[str, Any], name: str) -> str | None:
    value = answer.get(name)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{name} is not a string")
    return value
