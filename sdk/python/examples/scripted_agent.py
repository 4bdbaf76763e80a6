"""A plain agent loop with two gated tools, driven by a scripted model instead of an LLM.

The model asks to read a file (the policy allows it), then to delete it (the policy blocks it),
then answers. Each tool call goes through the gate; the blocked call's refusal is fed back to the
model as its observation, and the file is still there at the end. The run is recorded as a signed
runpack by ``gait run record``.

    python3 scripted_agent.py [--sidecar http://127.0.0.1:8787] [--workdir DIR]

Uses ``$GAIT_BIN`` (else ``gait`` on the PATH). Prints one JSON summary line; exits 1 if a blocked
tool ran or an allowed one did not.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gait_sdk import (
    CliClient,
    GateClient,
    IntentContext,
    RunRecorder,
    SidecarClient,
    Target,
    ToolBlockedError,
    gate_tool,
)

POLICY = Path(__file__).resolve().parent / "policy.yaml"


@dataclass
class ToolCall:
    name: str
    args: dict[str, Any]


@dataclass
class ScriptedModel:
    """Stands in for an LLM: returns the next scripted tool call, or the final answer when done."""

    script: list[ToolCall]
    observations: list[str] = field(default_factory=list)

    def next_step(self, observation: str | None) -> ToolCall | str:
        if observation is not None:
            self.observations.append(observation)
        if self.script:
            return self.script.pop(0)
        return f"done after {len(self.observations)} tool calls"


def build_tools(client: GateClient, workspace: Path, recorder: RunRecorder,
                side_effects: dict[str, int]) -> dict[str, Any]:
    context = IntentContext(identity="example-user", workspace=str(workspace), risk_class="medium",
                            agent_id="agent.example", session_id="example-session")

    def path_target(operation: str) -> Any:
        return lambda args: [Target(kind="path", value=str(args["path"]), operation=operation)]

    @gate_tool(client=client, context=context, tool_name="fs.read", targets=path_target("read"), recorder=recorder)
    def read_file(path: str) -> dict[str, Any]:
        side_effects["read_file"] += 1
        return {"text": Path(path).read_text(encoding="utf-8")}

    @gate_tool(client=client, context=context, tool_name="fs.delete", targets=path_target("delete"), recorder=recorder)
    def delete_file(path: str) -> dict[str, Any]:
        side_effects["delete_file"] += 1
        Path(path).unlink()
        return {"deleted": path}

    return {"read_file": read_file, "delete_file": delete_file}


def run_agent(model: ScriptedModel, tools: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The agent loop: ask the model, run the tool it names, feed the outcome back."""
    observation: str | None = None
    while True:
        step = model.next_step(observation)
        if isinstance(step, str):
            yield {"answer": step}
            return
        try:
            observation = json.dumps(tools[step.name](**step.args))
            yield {"tool": step.name, "outcome": "ran"}
        except ToolBlockedError as blocked:
            observation = f"not allowed: {blocked.verdict} {list(blocked.reason_codes)}"
            yield {"tool": step.name, "outcome": blocked.verdict, "reason_codes": list(blocked.reason_codes),
                   "trace_id": blocked.trace_id}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="A scripted agent loop with two gated tools.")
    parser.add_argument("--sidecar", help="URL of a running gait serve (default: ask the gait CLI)")
    parser.add_argument("--workdir", help="where the workspace, traces and runpack go (default: a new temp directory)")
    options = parser.parse_args(argv)
    workdir = Path(options.workdir or tempfile.mkdtemp(prefix="gait-example-")).resolve()
    workspace = workdir / "workspace"
    workspace.mkdir(parents=True, exist_ok=True)
    notes = workspace / "notes.txt"
    notes.write_text("quarterly numbers\n", encoding="utf-8")

    cli = CliClient(POLICY, cwd=workdir, timeout=180)
    client: GateClient = SidecarClient(options.sidecar, timeout=60) if options.sidecar else cli
    recorder = RunRecorder("run_sdk_python_example")
    side_effects = {"read_file": 0, "delete_file": 0}
    model = ScriptedModel([ToolCall("read_file", {"path": str(notes)}), ToolCall("delete_file", {"path": str(notes)})])

    steps = list(run_agent(model, build_tools(client, workspace, recorder, side_effects)))
    runpack = recorder.record(cli)
    summary = {"steps": steps, "side_effects": side_effects, "file_still_there": notes.exists(),
               "runpack": str(runpack.path), "manifest_digest": runpack.manifest_digest}
    print(json.dumps(summary, sort_keys=True))
    ok = side_effects == {"read_file": 1, "delete_file": 0} and notes.exists()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
