"""What the tests share: where gait is, the test policy, sidecars, and the intents used."""

from __future__ import annotations

import dataclasses
import datetime
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from gait_sdk import (
    AgentIdentity,
    ArgProvenance,
    Delegation,
    DelegationLink,
    IntentContext,
    IntentRequest,
    Sandbox,
    ScriptStep,
    SidecarProcess,
    SkillProvenance,
    Target,
    start_sidecar,
)

REPO_ROOT = Path(__file__).resolve().parents[3]
DATA = Path(__file__).resolve().parent / "data"
POLICY = DATA / "policy.yaml"
SCHEMAS = REPO_ROOT / "gait-testkit/src/main/resources/gait-v1/schemas/v1"
INTENT_SCHEMA = SCHEMAS / "gate/intent_request.schema.json"
# The launcher builds gait on its first run; that call may take a minute or two.
FIRST_CALL_TIMEOUT = 180.0


def gait_bin() -> str:
    return os.environ.get("GAIT_BIN") or str(REPO_ROOT / "gait")


ALICE = IntentContext(identity="alice", workspace="/repo", risk_class="low")


def simple_intent(tool_name: str, path: str = "/repo/notes.txt") -> IntentRequest:
    return IntentRequest(tool_name=tool_name, args={"path": path}, context=ALICE,
                         targets=[Target(kind="path", value=path)])


def release_intent(*, agent_id: str = "agent.release", access_type: str = "jit") -> IntentRequest:
    """The call only the v1.4 action context can allow (rule release-by-declared-agent)."""
    return IntentRequest(
        tool_name="deploy.release", args={"version": "1.2.3"},
        targets=[Target(kind="repo", value="acme/app", operation="release")],
        context=IntentContext(
            identity="alice", workspace="/repo", risk_class="medium", agent_id=agent_id,
            agent_identity=AgentIdentity(owner="team-release"),
            credential_ref="vault:lease/1", credential_source="vault_dynamic", credential_access_type=access_type,
            credential_ttl_seconds=300,
            sandbox=Sandbox(network_mode="disabled", user_mode="unprivileged", filesystem_isolation="container",
                            env_exposure_mode="none", timeout_seconds=60, writable_paths=["/repo/out"],
                            evidence_ref="sandbox:run-1", evidence_digest="a" * 64)))


def full_intent() -> IntentRequest:
    """Every member the schema defines, the v1.4 action context included."""
    release = release_intent()
    assert release.context.sandbox is not None
    issued = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.timezone.utc)
    context = dataclasses.replace(
        release.context, phase="apply", run_id="run_42", workflow_id="wf-7", repo="acme/app", environment="prod",
        job_id="job-9", session_id="sess-1", request_id="req-1", credential_issuer="vault", credential_subject="alice",
        credential_owner="team-release", credential_target_binding="b" * 64, credential_run_binding="run_42",
        credential_job_binding="job-9", credential_scopes=["deploy:write"], approval_ref="approval_1",
        wrkr_inventory_ref="wrkr:inv-1", agent_action_bom_ref="bom:1",
        agent_identity=AgentIdentity(lifecycle_states=["approved", "active"], owner="team-release",
                                     manifest_digest="c" * 64, publisher="acme", source="registry", issued_at=issued,
                                     approved_at=issued + datetime.timedelta(hours=1),
                                     expires_at=issued + datetime.timedelta(days=30), revoked=False),
        sandbox=dataclasses.replace(release.context.sandbox, read_only_roots=["/usr"]),
        auth_context={"tenant": "acme"}, environment_fingerprint="fp-1", context_set_digest="d" * 64,
        context_evidence_mode="required", context_refs=["ctx-1"], extra={"ticket": "CHG-1"})
    target = Target(kind="url", value="https://deploy.example.com/api", operation="post", sensitivity="internal",
                    endpoint_class="net.http", endpoint_domain="deploy.example.com", destructive=False,
                    discovery_method="mcp", read_only_hint=False, destructive_hint=False, idempotent_hint=True,
                    open_world_hint=True)
    provenance = ArgProvenance(arg_path="version", source="user", source_ref="chat:1", integrity_digest="e" * 64)
    return IntentRequest(
        tool_name="deploy.release", args={"version": "1.2.3"}, context=context, targets=[target],
        arg_provenance=[provenance],
        skill_provenance=SkillProvenance(skill_name="release", source="registry", publisher="acme", skill_version="2.0",
                                         digest="f" * 64, signature_key_id="key-1"),
        delegation=Delegation(requester_identity="worker", scope_class="deploy", token_refs=["delegation_1"],
                              issued_at=issued, expires_at=issued + datetime.timedelta(hours=2),
                              chain=[DelegationLink(delegator_identity="manager", delegate_identity="worker",
                                                    scope_class="deploy", token_ref="delegation_1", issued_at=issued,
                                                    expires_at=issued + datetime.timedelta(hours=2))]),
        script=[ScriptStep(tool_name="deploy.release", args={"version": "1.2.3"}, targets=[target],
                           arg_provenance=[provenance])],
        relationship={"parent_ref": {"kind": "run", "id": "run_42"}},
        created_at=issued)


def sidecar(cwd: Path, env: Mapping[str, str], extra_args: Sequence[str] = (), policy: Path = POLICY) -> SidecarProcess:
    """``gait serve`` on a free loopback port, by default with the tests' policy (use it in ``with``)."""
    return start_sidecar(policy, gait_bin=gait_bin(), cwd=cwd, env=env, extra_args=extra_args,
                         start_timeout=FIRST_CALL_TIMEOUT)
