"""Run capture: gated calls become a signed runpack whose digests gait run record computed."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from support import ALICE, SCHEMAS

from gait_sdk import CliClient, GaitCommandError, GateClient, GatedTool, RunRecorder, Target, ToolBlockedError


@pytest.fixture(params=["cli", "sidecar"])
def client(request: pytest.FixtureRequest) -> GateClient:
    return request.getfixturevalue("cli" if request.param == "cli" else "sidecar_client")


def run_three_calls(client: GateClient, recorder: RunRecorder) -> None:
    def gated(tool: str, operation: str) -> GatedTool[[str], dict[str, Any]]:
        return GatedTool(lambda path: {"path": path, "bytes": 12}, client=client, context=ALICE, tool_name=tool,
                         targets=lambda args: [Target(kind="path", value=str(args["path"]), operation=operation)],
                         recorder=recorder)

    assert gated("fs.read", "read")("/repo/a.txt") == {"path": "/repo/a.txt", "bytes": 12}
    for tool, operation in (("fs.write", "write"), ("fs.delete", "delete")):
        with pytest.raises(ToolBlockedError):
            gated(tool, operation)("/repo/a.txt")


def entries(bundle: Path, name: str) -> list[dict[str, Any]]:
    with zipfile.ZipFile(bundle) as pack:
        text = pack.read(name).decode("utf-8")
    return [json.loads(line) for line in text.splitlines()] if name.endswith(".jsonl") else [json.loads(text)]


def test_a_recorded_run_is_a_verified_runpack(client: GateClient, cli: CliClient) -> None:
    recorder = RunRecorder("run_sdk_capture")
    run_three_calls(client, recorder)
    document = recorder.to_record_input()
    # The SDK hands over raw values only: no digest is computed here.
    assert "digest" not in json.dumps(document)

    recorded = recorder.record(cli)
    assert recorded.run_id == "run_sdk_capture" and recorded.path.is_file() and len(recorded.manifest_digest) == 64

    verified = cli.run_json(["verify", str(recorded.path), "--json"])
    assert verified["signature_status"] == "verified"
    inspected = cli.run_json(["run", "inspect", str(recorded.path), "--json"])
    assert [(e["tool_name"], e["status"]) for e in inspected["entries"]] == [
        ("fs.read", "ok"), ("fs.write", "error"), ("fs.delete", "error")]

    results = entries(recorded.path, "results.jsonl")
    assert all(len(r["result_digest"]) == 64 and "result" not in r for r in results)  # reference capture
    receipts = entries(recorded.path, "refs.json")[0]["receipts"]
    # Each decision's signed trace is referenced, its digests derived by the CLI.
    assert [r["ref_id"] for r in receipts] == ["trace_intent_1", "trace_intent_2", "trace_intent_3"]
    assert all(r["source_type"] == "gait.trace" and len(r["content_digest"]) == 64 for r in receipts)
    assert all(Path(cli.cwd or ".", r["source_locator"]).is_file() for r in receipts)


def test_raw_capture_keeps_arguments_and_results_in_schema_valid_records(cli: CliClient, tmp_path: Path) -> None:
    recorder = RunRecorder("run_sdk_raw")
    run_three_calls(cli, recorder)
    recorded = recorder.record(cli, out_dir=str(tmp_path / "packs"), capture_mode="raw")
    assert recorded.path.parent == tmp_path / "packs"
    intents = entries(recorded.path, "intents.jsonl")
    results = entries(recorded.path, "results.jsonl")
    assert intents[0]["args"] == {"path": "/repo/a.txt"}
    assert results[0]["result"] == {"path": "/repo/a.txt", "bytes": 12}
    jsonschema = pytest.importorskip("jsonschema")
    for name, records in (("intent", intents), ("result", results), ("refs", entries(recorded.path, "refs.json"))):
        schema = json.loads((SCHEMAS / "runpack" / f"{name}.schema.json").read_text(encoding="utf-8"))
        for record in records:
            jsonschema.Draft202012Validator(schema).validate(record)
    assert [r["status"] for r in results] == ["ok", "error", "error"]
    refused = [(r["result"]["verdict"], r["result"]["reason_codes"]) for r in results[1:]]
    assert refused[0][0] == "require_approval" and "needs_review" in refused[0][1]
    assert refused[1][0] == "block" and "default_block" in refused[1][1]


def test_a_tool_error_is_recorded_and_raised(cli: CliClient) -> None:
    recorder = RunRecorder("run_sdk_error")

    def read_file(path: str) -> str:
        raise FileNotFoundError(path)

    with pytest.raises(FileNotFoundError):
        GatedTool(read_file, client=cli, context=ALICE, tool_name="fs.read", recorder=recorder)("/repo/missing")
    results = recorder.to_record_input()["results"]
    assert results == [{"intent_id": "intent_1", "status": "error",
                        "result": {"error": "FileNotFoundError: /repo/missing"}}]


def test_values_json_cannot_carry_are_recorded_by_their_repr() -> None:
    recorder = RunRecorder("run_sdk_repr")
    intent_id = recorder.add_intent("fs.read", {"paths": {"/repo/a"}})
    recorder.add_result(intent_id, "ok", {"tags": {"a"}})
    recorder.add_result(intent_id, "ok", {"ratio": float("nan")})
    recorder.add_result(intent_id, "ok", "plain text")
    results = [r["result"] for r in recorder.to_record_input()["results"]]
    assert results == [{"repr": "{'tags': {'a'}}"}, {"repr": "{'ratio': nan}"}, {"value": "plain text"}]
    assert recorder.to_record_input()["intents"][0]["args"] == {"repr": "{'paths': {'/repo/a'}}"}


def test_a_record_the_cli_refuses_raises(cli: CliClient) -> None:
    recorder = RunRecorder("run_sdk_refused")
    recorder.add_result(recorder.add_intent("fs.read", {"path": "/repo/a"}), "ok", {"bytes": 1})
    with pytest.raises(GaitCommandError) as refused:
        recorder.record(cli, capture_mode="everything")
    assert refused.value.exit_code == 6 and refused.value.error_code == "invalid_input"


def test_a_result_for_an_unknown_call_is_refused() -> None:
    with pytest.raises(ValueError, match="intent_9"):
        RunRecorder("run_x").add_result("intent_9", "ok", {})
