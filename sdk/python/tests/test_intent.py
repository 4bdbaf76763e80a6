"""The intent builder writes schema-valid gait.gate.intent_request documents with every field."""

from __future__ import annotations

import dataclasses
import datetime
import json
from typing import Any

import pytest
from support import INTENT_SCHEMA, full_intent

from gait_sdk import (
    AgentIdentity,
    ArgProvenance,
    Delegation,
    DelegationLink,
    IntentContext,
    IntentRequest,
    Sandbox,
    ScriptStep,
    SkillProvenance,
    Target,
)

jsonschema = pytest.importorskip("jsonschema")
SCHEMA: dict[str, Any] = json.loads(INTENT_SCHEMA.read_text(encoding="utf-8"))
PROPS = SCHEMA["properties"]
# Set by the gate, never by a caller.
COMPUTED = {"schema_id", "schema_version", "args_digest", "intent_digest", "script_hash"}


def names(cls: type) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


@pytest.mark.parametrize(("cls", "schema", "sdk_only"), [
    (IntentRequest, SCHEMA, set()),
    (IntentContext, PROPS["context"], {"extra"}),
    (Target, PROPS["targets"]["items"], set()),
    (ArgProvenance, PROPS["arg_provenance"]["items"], set()),
    (SkillProvenance, PROPS["skill_provenance"], set()),
    (Delegation, PROPS["delegation"], set()),
    (DelegationLink, PROPS["delegation"]["properties"]["chain"]["items"], set()),
    (AgentIdentity, PROPS["context"]["properties"]["agent_identity"], set()),
    (Sandbox, PROPS["context"]["properties"]["sandbox"], set()),
    (ScriptStep, PROPS["script"]["properties"]["steps"]["items"], set()),
], ids=lambda v: v.__name__ if isinstance(v, type) else "")
def test_every_schema_member_has_a_field(cls: type, schema: dict[str, Any], sdk_only: set[str]) -> None:
    assert names(cls) - sdk_only == set(schema["properties"]) - COMPUTED


def test_a_full_intent_is_schema_valid_and_keeps_every_value() -> None:
    document = json.loads(full_intent().to_json())
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(document)
    context = document["context"]
    # Every context member the schema names is written, plus the extra one.
    assert set(context) == set(PROPS["context"]["properties"]) | {"ticket"}
    assert context["credential_access_type"] == "jit"
    assert context["credential_ttl_seconds"] == 300
    assert context["sandbox"]["network_mode"] == "disabled"
    assert context["agent_identity"]["approved_at"] == "2026-03-01T10:00:00Z"
    assert context["agent_identity"]["revoked"] is False
    assert document["delegation"]["chain"][0]["delegate_identity"] == "worker"
    assert document["script"] == {"steps": [{"tool_name": "deploy.release", "args": {"version": "1.2.3"},
                                             "targets": document["targets"],
                                             "arg_provenance": document["arg_provenance"]}]}
    assert document["created_at"] == "2026-03-01T09:00:00Z"


def test_a_minimal_intent_has_the_required_members_only() -> None:
    intent = IntentRequest(tool_name="fs.read", args={}, context=IntentContext("alice", "/repo", "low"))
    document = intent.to_dict()
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    assert set(document) == set(SCHEMA["required"])
    assert document["args"] == {} and document["targets"] == []
    assert document["context"] == {"identity": "alice", "workspace": "/repo", "risk_class": "low"}
    assert document["schema_id"] == "gait.gate.intent_request"
    assert document["producer_version"].startswith("gait-sdk-python/")


def test_times_are_written_in_utc_with_z() -> None:
    plus_two = datetime.timezone(datetime.timedelta(hours=2))
    intent = IntentRequest(tool_name="t", args={}, context=IntentContext("a", "/w", "low"),
                           created_at=datetime.datetime(2026, 3, 1, 12, 0, 0, 500000, tzinfo=plus_two))
    assert intent.to_dict()["created_at"] == "2026-03-01T10:00:00.500000Z"


def test_context_extra_may_not_repeat_a_named_field() -> None:
    context = IntentContext("alice", "/repo", "low", extra={"agent_id": "sneaky"})
    with pytest.raises(ValueError, match="agent_id"):
        context.to_dict()


def test_args_that_json_cannot_carry_are_refused() -> None:
    context = IntentContext("alice", "/repo", "low")
    with pytest.raises(TypeError):
        IntentRequest(tool_name="t", args={"handle": object()}, context=context).to_json()
    with pytest.raises(ValueError):
        IntentRequest(tool_name="t", args={"ratio": float("nan")}, context=context).to_json()
    with pytest.raises(TypeError, match="keys must be strings"):
        IntentRequest(tool_name="t", args={1: "x"}, context=context).to_json()  # type: ignore[dict-item]
