"""Intent requests (``gait.gate.intent_request``): the tool call an agent is about to make.

The classes mirror the schema one to one, including the v1.4 action-context fields (agent identity,
credentials, sandbox, run and job bindings). They only describe the call: normalisation, digests and
the decision are the gate's, so nothing here interprets a value.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ._json import Timestamp, json_value, members, now, rfc3339
from ._version import __version__

SCHEMA_ID = "gait.gate.intent_request"
SCHEMA_VERSION = "1.0.0"
PRODUCER_VERSION = f"gait-sdk-python/{__version__}"


@dataclass(frozen=True)
class Target:
    """Something the call touches: a path, URL, host, repository, bucket, table, queue or topic."""

    kind: str
    value: str
    operation: str | None = None
    sensitivity: str | None = None
    endpoint_class: str | None = None
    endpoint_domain: str | None = None
    destructive: bool | None = None
    discovery_method: str | None = None
    read_only_hint: bool | None = None
    destructive_hint: bool | None = None
    idempotent_hint: bool | None = None
    open_world_hint: bool | None = None


@dataclass(frozen=True)
class ArgProvenance:
    """Where an argument came from (``user``, ``tool_output``, ``external``, ``system``)."""

    arg_path: str
    source: str
    source_ref: str | None = None
    integrity_digest: str | None = None


@dataclass(frozen=True)
class SkillProvenance:
    """The skill (plug-in, tool package) that asks for the call."""

    skill_name: str
    source: str
    publisher: str
    skill_version: str | None = None
    digest: str | None = None
    signature_key_id: str | None = None


@dataclass(frozen=True)
class DelegationLink:
    delegator_identity: str
    delegate_identity: str
    scope_class: str | None = None
    token_ref: str | None = None
    issued_at: Timestamp | None = None
    expires_at: Timestamp | None = None


@dataclass(frozen=True)
class Delegation:
    """Who the call is made for, and the chain of delegations that leads to the requester."""

    requester_identity: str
    scope_class: str | None = None
    token_refs: Sequence[str] = ()
    issued_at: Timestamp | None = None
    expires_at: Timestamp | None = None
    chain: Sequence[DelegationLink] = ()


@dataclass(frozen=True)
class AgentIdentity:
    """The declared agent: owner, manifest, lifecycle and validity (v1.4)."""

    lifecycle_states: Sequence[str] = ()
    owner: str | None = None
    manifest_digest: str | None = None
    publisher: str | None = None
    source: str | None = None
    issued_at: Timestamp | None = None
    approved_at: Timestamp | None = None
    expires_at: Timestamp | None = None
    revoked: bool | None = None


@dataclass(frozen=True)
class Sandbox:
    """The sandbox the tool would run in (v1.4)."""

    network_mode: str | None = None
    writable_paths: Sequence[str] = ()
    read_only_roots: Sequence[str] = ()
    env_exposure_mode: str | None = None
    timeout_seconds: int | None = None
    filesystem_isolation: str | None = None
    user_mode: str | None = None
    evidence_ref: str | None = None
    evidence_digest: str | None = None


@dataclass(frozen=True)
class IntentContext:
    """Who asks, where, at which risk, and the v1.4 action context the policy can require.

    ``extra`` carries context members this version does not name (the schema allows them); it may
    not repeat a named field.
    """

    identity: str
    workspace: str
    risk_class: str
    phase: str | None = None
    agent_id: str | None = None
    agent_identity: AgentIdentity | None = None
    run_id: str | None = None
    workflow_id: str | None = None
    repo: str | None = None
    environment: str | None = None
    job_id: str | None = None
    session_id: str | None = None
    request_id: str | None = None
    credential_ref: str | None = None
    credential_source: str | None = None
    credential_access_type: str | None = None
    credential_issuer: str | None = None
    credential_subject: str | None = None
    credential_owner: str | None = None
    credential_target_binding: str | None = None
    credential_run_binding: str | None = None
    credential_job_binding: str | None = None
    credential_ttl_seconds: int | None = None
    credential_scopes: Sequence[str] = ()
    approval_ref: str | None = None
    wrkr_inventory_ref: str | None = None
    agent_action_bom_ref: str | None = None
    sandbox: Sandbox | None = None
    auth_context: Mapping[str, Any] | None = None
    environment_fingerprint: str | None = None
    context_set_digest: str | None = None
    context_evidence_mode: str | None = None
    context_refs: Sequence[str] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        named = members(self, skip=("extra",))
        clashes = sorted(set(self.extra) & {f.name for f in dataclasses.fields(self)})
        if clashes:
            raise ValueError(f"context extra repeats named fields: {', '.join(clashes)}")
        return {**named, **json_value(self.extra)}


@dataclass(frozen=True)
class ScriptStep:
    """One step of a script intent (several tool calls decided together)."""

    tool_name: str
    args: Mapping[str, Any] = field(default_factory=dict)
    targets: Sequence[Target] = ()
    arg_provenance: Sequence[ArgProvenance] = ()


@dataclass(frozen=True)
class IntentRequest:
    """A ``gait.gate.intent_request`` document.

    ``created_at`` defaults to the moment :meth:`to_dict` runs. ``relationship`` is passed through
    as given (the schema's relationship envelope).
    """

    tool_name: str
    args: Mapping[str, Any]
    context: IntentContext
    targets: Sequence[Target] = ()
    arg_provenance: Sequence[ArgProvenance] = ()
    skill_provenance: SkillProvenance | None = None
    delegation: Delegation | None = None
    script: Sequence[ScriptStep] = ()
    relationship: Mapping[str, Any] | None = None
    created_at: Timestamp | None = None
    producer_version: str = PRODUCER_VERSION

    def to_dict(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "schema_id": SCHEMA_ID,
            "schema_version": SCHEMA_VERSION,
            "created_at": rfc3339(self.created_at) if self.created_at else now(),
            "producer_version": self.producer_version,
            "tool_name": self.tool_name,
            "args": json_value(self.args),
            # The schema requires targets, even when there are none.
            "targets": json_value(self.targets),
            "context": self.context.to_dict(),
        }
        optional = members(self, skip=tuple(document) + ("script",))
        if self.script:
            optional["script"] = {"steps": json_value(self.script)}
        return {**document, **optional}

    def to_json(self) -> str:
        """Compact JSON; raises ``ValueError`` or ``TypeError`` for values JSON cannot carry."""
        return json.dumps(self.to_dict(), separators=(",", ":"), ensure_ascii=False, allow_nan=False)
