"""Reading the gate's answer: only a well-formed allow is an allow."""

from __future__ import annotations

from typing import Any

import pytest

from gait_sdk import GateDecision
from gait_sdk.decision import INVALID_RESPONSE, UNKNOWN_VERDICT, decision_from_answer

ALLOWED = {"ok": True, "verdict": "allow", "reason_codes": ["matched_rule_allow_read"], "trace_id": "t1",
           "trace_path": "trace_t1.json", "policy_digest": "p" * 64, "intent_digest": "i" * 64,
           "matched_rule": "allow-read"}


def test_a_well_formed_allow_is_allowed() -> None:
    decision = decision_from_answer(ALLOWED)
    assert decision.allowed
    assert (decision.verdict, decision.reason_codes, decision.trace_id, decision.matched_rule) == (
        "allow", ("matched_rule_allow_read",), "t1", "allow-read")


@pytest.mark.parametrize(("answer", "error_code"), [
    ({**ALLOWED, "verdict": "maybe"}, UNKNOWN_VERDICT),
    ({**ALLOWED, "verdict": "ALLOW"}, UNKNOWN_VERDICT),
    ({k: v for k, v in ALLOWED.items() if k != "verdict"}, UNKNOWN_VERDICT),
    ({**ALLOWED, "ok": "true"}, INVALID_RESPONSE),
    ({**ALLOWED, "reason_codes": "matched_rule_allow_read"}, INVALID_RESPONSE),
    ({**ALLOWED, "trace_id": 7}, INVALID_RESPONSE),
    ([ALLOWED], INVALID_RESPONSE),
    (None, INVALID_RESPONSE),
    ({"ok": False, "verdict": "allow", "error": "trace not written", "error_code": "internal_failure",
      "retryable": True}, "internal_failure"),
])
def test_anything_else_blocks_with_its_cause(answer: Any, error_code: str) -> None:
    decision = decision_from_answer(answer)
    assert not decision.allowed
    assert decision.verdict == "block"
    assert decision.error_code == error_code
    assert decision.reason_codes == (error_code,)
    assert decision.error


def test_a_gate_error_keeps_its_retryable_flag() -> None:
    decision = decision_from_answer({"ok": False, "error": "busy", "error_code": "rate_limited", "retryable": True})
    assert decision.retryable and decision.error == "busy"


@pytest.mark.parametrize("verdict", ["block", "require_approval", "dry_run"])
def test_only_allow_is_allowed(verdict: str) -> None:
    decision = decision_from_answer({**ALLOWED, "verdict": verdict})
    assert decision.error is None and not decision.allowed


def test_a_failed_decision_is_never_allowed_even_with_verdict_allow() -> None:
    assert not GateDecision(verdict="allow", error="no answer", error_code="unavailable").allowed
