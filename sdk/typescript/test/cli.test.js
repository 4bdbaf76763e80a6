// The CLI client against the real `gait gate eval`, and its fail-closed answers when the binary
// is missing, hangs, or answers something that is not a decision.

import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { CliClient, intentRequest } from "@gait/sdk";
import { brokenBinary, CALL_TIMEOUT_MS, context, gaitBin, scratch } from "./support.js";

async function cliFor(t) {
  const { dir, policy } = await scratch(t);
  return { dir, cli: new CliClient({ bin: gaitBin, policy, cwd: dir, timeoutMs: CALL_TIMEOUT_MS }) };
}

test("an allowed intent is allowed, with its signed trace written", async (t) => {
  const { dir, cli } = await cliFor(t);
  const decision = await cli.evaluate(intentRequest({ tool_name: "tool.read", args: { path: "/repo/a" }, context }));
  assert.equal(decision.verdict, "allow");
  assert.equal(decision.allowed, true);
  assert.equal(decision.failure, undefined);
  assert.equal(decision.matchedRule, "allow-read");
  assert.match(decision.intentDigest, /^[0-9a-f]{64}$/);
  assert.ok(existsSync(join(dir, decision.tracePath)), "trace file written in the working directory");
});

test("each non-allow verdict comes back as the core decided it", async (t) => {
  const { cli } = await cliFor(t);
  const blocked = await cli.evaluate(intentRequest({ tool_name: "tool.delete", args: {}, context }));
  assert.equal(blocked.verdict, "block");
  assert.equal(blocked.allowed, false);
  assert.deepEqual(blocked.reasonCodes, ["default_block"]);
  assert.equal(blocked.failure, undefined);

  const review = await cli.evaluate(intentRequest({ tool_name: "tool.write", args: { path: "/repo/a" }, context }));
  assert.equal(review.verdict, "require_approval");
  assert.ok(review.reasonCodes.includes("needs_review"));

  const dryRun = await cli.evaluate(intentRequest({ tool_name: "tool.deploy", args: {}, context }));
  assert.equal(dryRun.verdict, "dry_run");
  assert.equal(dryRun.allowed, false, "dry_run never lets a tool run");
});

test("the v1.4 action-context fields reach the core", async (t) => {
  const { cli } = await cliFor(t);
  const build = (agentId) =>
    intentRequest({
      tool_name: "tool.build",
      args: {},
      context: { ...context, agent_id: agentId, agent_identity: { owner: "team-build" }, environment: "ci", repo: "acme/app", job_id: "job-7" },
    });
  const declared = await cli.evaluate(build("agent.builder"));
  assert.equal(declared.verdict, "allow");
  const rogue = await cli.evaluate(build("agent.rogue"));
  assert.equal(rogue.verdict, "block");
  assert.ok(rogue.reasonCodes.includes("agent_not_declared"));
});

test("an invalid intent is a blocked decision carrying the core's error", async (t) => {
  const { cli } = await cliFor(t);
  const decision = await cli.evaluate(intentRequest({ tool_name: "tool.read", args: {}, context: { identity: "alice" } }));
  assert.equal(decision.verdict, "block");
  assert.equal(decision.allowed, false);
  assert.equal(decision.failure.kind, "exit");
  assert.equal(decision.failure.exitCode, 6);
  assert.equal(decision.failure.errorCode, "invalid_input");
  assert.match(decision.failure.message, /context\.workspace/);
});

test("a missing binary blocks", async () => {
  const cli = new CliClient({ bin: "/nonexistent/gait", policy: "policy.yaml" });
  const decision = await cli.evaluate(intentRequest({ tool_name: "tool.read", context }));
  assert.equal(decision.allowed, false);
  assert.equal(decision.failure.kind, "spawn");
  assert.match(decision.failure.message, /GAIT_BIN/);
});

test("answers that are not decisions block", async (t) => {
  const { dir } = await scratch(t);
  const intent = intentRequest({ tool_name: "tool.read", context });
  const cases = [
    ["text.sh", "echo hello", "invalid_answer"],
    ["unknown-verdict.sh", `echo '{"ok":true,"verdict":"maybe"}'`, "invalid_answer"],
    ["exit-mismatch.sh", `echo '{"ok":true,"verdict":"allow"}'; exit 3`, "invalid_answer"],
    ["not-ok.sh", `echo '{"ok":false,"verdict":"allow"}'`, "invalid_answer"],
    ["crash.sh", "echo 'internal error: boom' >&2; exit 1", "exit"],
  ];
  for (const [name, body, kind] of cases) {
    const cli = new CliClient({ bin: await brokenBinary(dir, name, body), timeoutMs: CALL_TIMEOUT_MS });
    const decision = await cli.evaluate(intent);
    assert.equal(decision.verdict, "block", name);
    assert.equal(decision.allowed, false, name);
    assert.equal(decision.failure?.kind, kind, name);
  }
});

test("a binary that does not answer in time is ended and blocks", async (t) => {
  const { dir } = await scratch(t);
  const cli = new CliClient({ bin: await brokenBinary(dir, "hang.sh", "sleep 60"), timeoutMs: 300 });
  const decision = await cli.evaluate(intentRequest({ tool_name: "tool.read", context }));
  assert.equal(decision.allowed, false);
  assert.equal(decision.failure.kind, "timeout");
});
