"""CliClient against the real gait command: verdicts, the v1.4 context, approvals, failures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import POLICY, full_intent, gait_bin, release_intent, simple_intent

from gait_sdk import CliClient, IntentRequest, Target
from gait_sdk.decision import INVALID_INTENT, INVALID_RESPONSE, TIMEOUT, UNAVAILABLE

VERDICTS = [("fs.read", "allow", True), ("fs.delete", "block", False), ("fs.write", "require_approval", False),
            ("shell.preview", "dry_run", False)]


@pytest.mark.parametrize(("tool", "verdict", "allowed"), VERDICTS)
def test_verdicts_come_from_gate_eval_with_a_signed_trace(cli: CliClient, tmp_path: Path, tool: str, verdict: str,
                                                          allowed: bool) -> None:
    decision = cli.evaluate(simple_intent(tool))
    assert (decision.verdict, decision.allowed, decision.error) == (verdict, allowed, None)
    assert decision.reason_codes and decision.trace_id and len(decision.intent_digest or "") == 64
    trace = json.loads((tmp_path / str(decision.trace_path)).read_text(encoding="utf-8"))
    assert (trace["trace_id"], trace["verdict"], trace["intent_digest"]) == (
        decision.trace_id, verdict, decision.intent_digest)
    assert trace["signature"]["signed_digest"]


def test_the_v14_action_context_reaches_the_gate(cli: CliClient) -> None:
    allowed = cli.evaluate(release_intent())
    assert allowed.allowed, allowed
    assert allowed.matched_rule == "release-by-declared-agent"

    undeclared = cli.evaluate(release_intent(agent_id="agent.other"))
    assert undeclared.verdict == "block"
    assert "agent_not_declared" in undeclared.reason_codes

    standing = cli.evaluate(release_intent(access_type="standing"))
    assert standing.verdict == "block"
    assert "credential_not_jit" in standing.reason_codes


def test_the_gate_decides_an_intent_with_every_member_the_sdk_writes(cli: CliClient) -> None:
    decision = cli.evaluate(full_intent())
    assert decision.error is None, decision.error
    assert decision.verdict == "block"  # its credential target binding is not the digest of its targets
    assert "credential_target_binding_mismatch" in decision.reason_codes


def test_an_approval_token_turns_require_approval_into_allow(cli: CliClient, tmp_path: Path) -> None:
    intent = simple_intent("fs.write")
    pending = cli.evaluate(intent)
    assert pending.verdict == "require_approval"
    token = cli.run_json(["approve", "--intent-digest", str(pending.intent_digest), "--policy-digest",
                          str(pending.policy_digest), "--scope", "tool:fs.write", "--approver", "bob",
                          "--reason-code", "CHG-1", "--ttl", "15m", "--json"])
    approved = cli.evaluate(intent, approval_tokens=[token["token_path"]], trace_out=tmp_path / "approved.json")
    assert approved.allowed, approved
    assert "approval_granted" in approved.reason_codes
    assert (tmp_path / "approved.json").is_file()


def test_an_invalid_intent_blocks_with_the_gate_error(cli: CliClient) -> None:
    intent = IntentRequest(tool_name="fs.read", args={}, context=simple_intent("fs.read").context,
                           targets=[Target(kind="spaceship", value="enterprise")])
    decision = cli.evaluate(intent)
    assert not decision.allowed
    assert decision.error_code == "invalid_input"
    assert "spaceship" in str(decision.error)


def test_args_json_cannot_carry_block_before_any_process_runs(tmp_path: Path) -> None:
    client = CliClient(POLICY, gait_bin=tmp_path / "never-run", cwd=tmp_path)
    decision = client.evaluate(IntentRequest(tool_name="fs.read", args={"f": open}, context=simple_intent("x").context))
    assert (decision.allowed, decision.error_code) == (False, INVALID_INTENT)


def test_a_missing_binary_blocks(tmp_path: Path) -> None:
    decision = CliClient(POLICY, gait_bin=tmp_path / "no-such-gait", cwd=tmp_path).evaluate(simple_intent("fs.read"))
    assert (decision.allowed, decision.verdict, decision.error_code) == (False, "block", UNAVAILABLE)


def test_output_that_is_not_json_blocks(tmp_path: Path) -> None:
    # echo exits 0 and prints its arguments: a process that "succeeds" without a decision.
    decision = CliClient(POLICY, gait_bin="/bin/echo", cwd=tmp_path).evaluate(simple_intent("fs.read"))
    assert (decision.allowed, decision.error_code) == (False, INVALID_RESPONSE)
    assert "gate eval" in str(decision.error)


def test_a_gate_that_does_not_answer_in_time_blocks(tmp_path: Path, gait_env: dict[str, str]) -> None:
    # No JVM starts, decides and answers within a millisecond.
    client = CliClient(POLICY, gait_bin=gait_bin(), cwd=tmp_path, env=gait_env, timeout=0.001)
    decision = client.evaluate(simple_intent("fs.read"))
    assert (decision.allowed, decision.error_code, decision.retryable) == (False, TIMEOUT, True)


def test_a_client_without_policy_blocks(tmp_path: Path) -> None:
    decision = CliClient(gait_bin=gait_bin(), cwd=tmp_path).evaluate(simple_intent("fs.read"))
    assert not decision.allowed and decision.error_code == INVALID_INTENT
