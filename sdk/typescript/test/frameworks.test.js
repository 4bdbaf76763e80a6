// The framework glue on its own, against the real CLI: what a gated tool keeps of the original,
// and what happens to a call the gate does not allow.

import assert from "node:assert/strict";
import { test } from "node:test";
import { RunContext, tool as agentTool } from "@openai/agents";
import { fakeModel } from "@langchain/core/testing";
import { tool as langChainTool } from "@langchain/core/tools";
import { createAgent } from "langchain";
import { z } from "zod";
import { ToolBlockedError, CliClient } from "@gait/sdk";
import { gateLangChainTool } from "@gait/sdk/langchain";
import { gaitToolMiddleware } from "@gait/sdk/langchain-middleware";
import { gateAgentTool } from "@gait/sdk/openai-agents";
import { CALL_TIMEOUT_MS, context, gaitBin, scratch } from "./support.js";

async function cliFor(t) {
  const { dir, policy } = await scratch(t);
  return new CliClient({ bin: gaitBin, policy, cwd: dir, timeoutMs: CALL_TIMEOUT_MS });
}

test("LangChain.js: a gated tool keeps name, description and schema, and maps names for the policy", async (t) => {
  const cli = await cliFor(t);
  const runs = [];
  const original = langChainTool(async ({ path }) => { runs.push(path); return `read ${path}`; }, {
    name: "read", description: "read a file", schema: z.object({ path: z.string() }),
  });
  const gated = gateLangChainTool(original, { client: cli, context, toolName: (name) => `tool.${name}` });
  assert.deepEqual([gated.name, gated.description, gated.schema], [original.name, original.description, original.schema]);
  assert.equal(await gated.invoke({ path: "/repo/a" }), "read /repo/a");
  const unmapped = gateLangChainTool(original, { client: cli, context });
  await assert.rejects(unmapped.invoke({ path: "/repo/b" }), (error) => error instanceof ToolBlockedError && error.verdict === "block");
  assert.deepEqual(runs, ["/repo/a"], "only the allowed call ran");
});

test("OpenAI Agents: a blocked call answers the model by default, or ends the run with onBlocked: throw", async (t) => {
  const cli = await cliFor(t);
  const runs = [];
  const original = agentTool({
    name: "delete", description: "delete a file", parameters: z.object({ path: z.string() }),
    execute: async ({ path }) => { runs.push(path); return "deleted"; },
  });
  const toolName = (name) => `tool.${name}`;
  const told = await gateAgentTool(original, { client: cli, context, toolName }).invoke(new RunContext(), '{"path":"/repo/a"}');
  assert.match(told, /^gait did not allow tool\.delete: verdict block \[default_block\] \(trace [0-9a-f]{24}\); the tool did not run\.$/);
  const throwing = gateAgentTool(original, { client: cli, context, toolName, onBlocked: "throw" });
  assert.equal(throwing.name, "delete");
  assert.equal(throwing.parameters, original.parameters);
  await assert.rejects(throwing.invoke(new RunContext(), '{"path":"/repo/a"}'), ToolBlockedError);
  assert.deepEqual(runs, []);
});

test("LangChain.js middleware: onBlocked throw ends the agent run before the tool runs", async (t) => {
  const cli = await cliFor(t);
  const runs = [];
  const write = langChainTool(async ({ path }) => { runs.push(path); return "written"; }, {
    name: "write", description: "write a file", schema: z.object({ path: z.string() }),
  });
  const agent = createAgent({
    model: fakeModel().respondWithTools([{ name: "write", args: { path: "/repo/a" }, id: "call_1" }]),
    tools: [write],
    middleware: [gaitToolMiddleware({ client: cli, context, toolName: (name) => `tool.${name}`, onBlocked: "throw" })],
  });
  await assert.rejects(agent.invoke({ messages: [{ role: "user", content: "write it" }] }), (error) => {
    // LangChain wraps what a middleware throws; the cause is the gate's error.
    assert.ok(error.cause instanceof ToolBlockedError, String(error));
    assert.equal(error.cause.verdict, "require_approval");
    assert.ok(error.cause.reasonCodes.includes("needs_review"));
    return true;
  });
  assert.deepEqual(runs, []);
});
