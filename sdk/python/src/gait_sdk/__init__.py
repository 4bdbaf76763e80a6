"""Gait SDK for Python: describe a tool call, ask the gate, run the tool only on ``allow``.

The SDK never decides. Decisions come from the ``gait`` command (:class:`CliClient`) or the
``gait serve`` sidecar (:class:`SidecarClient`); runpacks are written by ``gait run record``
(:class:`RunRecorder`). Every failure to obtain a decision is a blocking decision.
"""

from ._version import __version__
from .capture import RunRecorder
from .cli import CliClient, CommandResult, GaitCommandError, RunRecordResult
from .decision import ALLOW, BLOCK, DRY_RUN, REQUIRE_APPROVAL, GateClient, GateDecision
from .gated import GatedTool, ToolBlockedError, gate_tool
from .intent import (
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
from .sidecar import SidecarClient, SidecarProcess, start_sidecar

__all__ = [
    "__version__",
    "ALLOW",
    "BLOCK",
    "DRY_RUN",
    "REQUIRE_APPROVAL",
    "AgentIdentity",
    "ArgProvenance",
    "CliClient",
    "CommandResult",
    "Delegation",
    "DelegationLink",
    "GaitCommandError",
    "GateClient",
    "GateDecision",
    "GatedTool",
    "IntentContext",
    "IntentRequest",
    "RunRecordResult",
    "RunRecorder",
    "Sandbox",
    "ScriptStep",
    "SidecarClient",
    "SidecarProcess",
    "SkillProvenance",
    "Target",
    "ToolBlockedError",
    "gate_tool",
    "start_sidecar",
]
