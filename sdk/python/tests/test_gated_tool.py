"""Gated tools run only on allow, through the CLI and through the sidecar."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from support import ALICE, simple_intent

from gait_sdk import (
    CliClient,
    GateClient,
    GateDecision,
    GatedTool,
    IntentContext,
    IntentRequest,
    SidecarClient,
    Target,
    ToolBlockedError,
    gate_tool,
)
from gait_sdk.decision import CLIENT_ERROR, INVALID_INTENT, UNAVAILABLE


@pytest.fixture(params=["cli", "sidecar"])
def client(request: pytest.FixtureRequest) -> GateClient:
    fixture = "cli" if request.param == "cli" else "sidecar_client"
    return request.getfixturevalue(fixture)


def path_target(operation: str) -> Callable[[Mapping[str, Any]], list[Target]]:
    return lambda args: [Target(kind="path", value=str(args["path"]), operation=operation)]


class Calls:
    """Counts the side effects of the tools."""

    def __init__(self) -> None:
        self.made: list[str] = []


def test_only_the_allowed_tool_runs(client: GateClient) -> None:
    calls = Calls()

    @gate_tool(client=client, context=ALICE, tool_name="fs.read", targets=path_target("read"))
    def read_file(path: str) -> str:
        calls.made.append(f"read {path}")
        return "contents"

    @gate_tool(client=client, context=ALICE, tool_name="fs.delete", targets=path_target("delete"))
    def delete_file(path: str) -> None:
        calls.made.append(f"delete {path}")

    assert read_file("/repo/a.txt") == "contents"
    with pytest.raises(ToolBlockedError) as blocked:
        delete_file("/repo/a.txt")
    assert calls.made == ["read /repo/a.txt"]
    assert blocked.value.verdict == "block"
    assert "default_block" in blocked.value.reason_codes
    assert blocked.value.trace_id and blocked.value.tool_name == "fs.delete"


@pytest.mark.parametrize(("tool", "verdict"), [("fs.write", "require_approval"), ("shell.preview", "dry_run")])
def test_other_verdicts_do_not_run_the_tool(client: GateClient, tool: str, verdict: str) -> None:
    calls = Calls()
    gated = GatedTool(lambda path: calls.made.append(path), client=client, context=ALICE, tool_name=tool)
    with pytest.raises(ToolBlockedError) as blocked:
        gated("/repo/a.txt")
    assert (blocked.value.verdict, calls.made) == (verdict, [])


def test_the_intent_holds_the_call_arguments_by_name(cli: CliClient) -> None:
    def copy(source: str, destination: str, overwrite: bool = False, **options: str) -> None: ...

    gated = GatedTool(copy, client=cli, context=ALICE, tool_name="fs.copy",
                      targets=lambda args: [Target(kind="path", value=str(args["destination"]), operation="write")])
    intent = gated.intent("/repo/a", "/repo/b", mode="0644")
    assert dict(intent.args) == {"source": "/repo/a", "destination": "/repo/b", "overwrite": False, "mode": "0644"}
    assert intent.tool_name == "fs.copy" and intent.context == ALICE
    assert list(intent.targets) == [Target(kind="path", value="/repo/b", operation="write")]


def test_the_context_can_be_made_per_call(cli: CliClient) -> None:
    requests = itertools.count(1)

    def context() -> IntentContext:
        return IntentContext("alice", "/repo", "low", request_id=f"req-{next(requests)}")

    gated = GatedTool(lambda path: path, client=cli, context=context, tool_name="fs.read")
    assert [gated.intent("/a").context.request_id, gated.intent("/a").context.request_id] == ["req-1", "req-2"]
    assert gated("/repo/a") == "/repo/a"


def test_an_unreachable_gate_blocks_the_tool(tmp_path: Path) -> None:
    calls = Calls()
    clients: list[GateClient] = [CliClient(tmp_path / "policy.yaml", gait_bin=tmp_path / "no-gait"),
                                 SidecarClient("http://127.0.0.1:9", timeout=5)]
    for unreachable in clients:
        gated = GatedTool(lambda: calls.made.append("ran"), client=unreachable, context=ALICE, tool_name="fs.read")
        with pytest.raises(ToolBlockedError) as blocked:
            gated()
        assert (blocked.value.verdict, blocked.value.decision.error_code) == ("block", UNAVAILABLE)
    assert calls.made == []


def test_a_failing_context_factory_blocks_the_tool(cli: CliClient) -> None:
    calls = Calls()

    def no_context() -> IntentContext:
        raise KeyError("GAIT_IDENTITY")

    gated = GatedTool(lambda: calls.made.append("ran"), client=cli, context=no_context, tool_name="fs.read")
    with pytest.raises(ToolBlockedError) as blocked:
        gated()
    assert (blocked.value.decision.error_code, calls.made) == (INVALID_INTENT, [])


def test_a_client_that_raises_blocks_the_tool() -> None:
    class BrokenClient:
        def evaluate(self, intent: IntentRequest) -> GateDecision:
            raise RuntimeError("bug in a custom client")

    calls = Calls()
    gated = GatedTool(lambda: calls.made.append("ran"), client=BrokenClient(), context=ALICE, tool_name="fs.read")
    with pytest.raises(ToolBlockedError) as blocked:
        gated()
    assert (blocked.value.decision.error_code, calls.made) == (CLIENT_ERROR, [])
    assert "bug in a custom client" in str(blocked.value)


def test_an_allowed_tool_that_fails_raises_its_own_error(client: GateClient) -> None:
    def read_file(path: str) -> str:
        raise FileNotFoundError(path)

    with pytest.raises(FileNotFoundError):
        GatedTool(read_file, client=client, context=ALICE, tool_name="fs.read")("/repo/missing")


def test_simple_intent_matches_what_a_gated_tool_builds(cli: CliClient) -> None:
    """The tests' hand-written intent and the wrapper's agree, so both decide the same call."""
    gated = GatedTool(lambda path: None, client=cli, context=ALICE, tool_name="fs.read",
                      targets=lambda args: [Target(kind="path", value=str(args["path"]))])
    built, written = cli.evaluate(gated.intent("/repo/notes.txt")), cli.evaluate(simple_intent("fs.read"))
    assert built.intent_digest == written.intent_digest and built.allowed


def test_a_bound_method_is_gated_without_its_instance(cli: CliClient) -> None:
    class Files:
        def __init__(self) -> None:
            self.read: list[str] = []

        def read_file(self, path: str) -> str:
            self.read.append(path)
            return path

    files = Files()
    gated = GatedTool(files.read_file, client=cli, context=ALICE, tool_name="fs.read")
    assert dict(gated.intent("/repo/a").args) == {"path": "/repo/a"}
    assert gated("/repo/a") == "/repo/a" and files.read == ["/repo/a"]


def test_coroutine_functions_are_refused_when_wrapped(cli: CliClient) -> None:
    async def fetch(url: str) -> str:
        return url

    with pytest.raises(TypeError, match="synchronous"):
        GatedTool(fetch, client=cli, context=ALICE, tool_name="net.fetch")

