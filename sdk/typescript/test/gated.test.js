// Gated tools run only on "allow", and run capture leaves every digest to `gait run record`.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { ToolBlockedError, CliClient, GaitCommandError, RunRecorder, gateTool } from "@gait/sdk";
import { CALL_TIMEOUT_MS, context, gaitBin, scratch } from "./support.js";

async function setup(t) {
  const { dir, policy } = await scratch(t);
  return { dir, cli: new CliClient({ bin: gaitBin, policy, cwd: dir, timeoutMs: CALL_TIMEOUT_MS }) };
}

/** A tool whose only side effect is counting its calls. */
function countingTool() {
  const calls = [];
  return { calls, fn: (args) => { calls.push(args); return { done: args.path ?? true }; } };
}

test("a gated tool runs once on allow and returns its result", async (t) => {
  const { cli } = await setup(t);
  const tool = countingTool();
  const read = gateTool(cli, { toolName: "tool.read", context, targets: (a) => [{ kind: "path", value: a.path, operation: "read" }] }, tool.fn);
  assert.deepEqual(await read({ path: "/repo/a" }), { done: "/repo/a" });
  assert.deepEqual(tool.calls, [{ path: "/repo/a" }]);
});

test("a gated tool does not run on block, require_approval or dry_run", async (t) => {
  const { cli } = await setup(t);
  for (const [toolName, verdict] of [["tool.delete", "block"], ["tool.write", "require_approval"], ["tool.deploy", "dry_run"]]) {
    const tool = countingTool();
    const gated = gateTool(cli, { toolName, context }, tool.fn);
    await assert.rejects(gated({ path: "/repo/a" }), (error) => {
      assert.ok(error instanceof ToolBlockedError);
      assert.equal(error.verdict, verdict);
      assert.match(error.traceId, /^[0-9a-f]{24}$/);
      assert.equal(error.decision.failure, undefined);
      return true;
    });
    assert.equal(tool.calls.length, 0, `${toolName} must not run`);
  }
});

test("a gated tool does not run when no decision can be had", async () => {
  const tool = countingTool();
  const gated = gateTool(new CliClient({ bin: "/nonexistent/gait" }), { toolName: "tool.read", context }, tool.fn);
  await assert.rejects(gated({ path: "/repo/a" }), (error) => error instanceof ToolBlockedError && error.decision.failure.kind === "spawn");
  const throwing = gateTool({ evaluate: async () => { throw new Error("socket closed"); } }, { toolName: "tool.read", context }, tool.fn);
  await assert.rejects(throwing({ path: "/repo/a" }), (error) => error instanceof ToolBlockedError && error.decision.failure.kind === "client_error");
  assert.equal(tool.calls.length, 0);
});

test("a recorded run becomes a signed runpack whose digests the CLI computed", async (t) => {
  const { dir, cli } = await setup(t);
  const recorder = new RunRecorder("run_sdk_ts_capture");
  const read = gateTool(cli, { toolName: "tool.read", context, recorder }, (args) => ({ bytes: args.path.length }));
  const remove = gateTool(cli, { toolName: "tool.delete", context, recorder }, () => ({ removed: true }));
  await read({ path: "/repo/a" });
  await assert.rejects(remove({ path: "/repo/b" }), ToolBlockedError);

  const input = recorder.toRecordInput();
  assert.deepEqual(input.intents.map((i) => i.tool_name), ["tool.read", "tool.delete"]);
  assert.deepEqual(input.results.map((r) => [r.status, r.result.verdict]), [["ok", undefined], ["error", "block"]]);
  assert.ok(!JSON.stringify(input).includes("digest"), "the SDK computes no digest");

  const answer = await recorder.record(cli, { outDir: join(dir, "out") });
  assert.equal(answer.run_id, "run_sdk_ts_capture");
  assert.match(answer.manifest_digest, /^[0-9a-f]{64}$/);
  const verified = JSON.parse(execFileSync(gaitBin, ["verify", join(dir, "out", "runpack_run_sdk_ts_capture.zip"), "--json"], { cwd: dir, encoding: "utf8" }));
  assert.equal(verified.ok, true);
  assert.equal(verified.signature_status, "verified");
  const inspected = JSON.parse(execFileSync(gaitBin, ["run", "inspect", join(dir, "out", "runpack_run_sdk_ts_capture.zip"), "--json"], { cwd: dir, encoding: "utf8" }));
  assert.equal(inspected.ok, true);
  assert.match(JSON.stringify(inspected), /tool\.delete/);
});

test("a run the CLI refuses to record throws with the CLI's error", async (t) => {
  const { cli } = await setup(t);
  await assert.rejects(new RunRecorder("run_refused").record(cli, { captureMode: "everything" }), (error) => {
    assert.ok(error instanceof GaitCommandError);
    assert.equal(error.exitCode, 6);
    assert.equal(error.errorCode, "invalid_input");
    return true;
  });
});
