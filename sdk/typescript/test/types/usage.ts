// Compiled (never run) by `npm run typecheck`: the shipped declarations, used as a TypeScript
// project would use them through the package's exports.

import { fakeModel } from "@langchain/core/testing";
import { tool as langChainTool } from "@langchain/core/tools";
import { createAgent } from "langchain";
import { tool as agentTool } from "@openai/agents";
import { z } from "zod";
import {
  ToolBlockedError,
  CliClient,
  SidecarClient,
  RunRecorder,
  gateTool,
  intentRequest,
  type GateDecision,
  type GateClient,
  type IntentContext,
  type IntentRequest,
  type Verdict,
} from "@gait/sdk";
import { gateLangChainTool } from "@gait/sdk/langchain";
import { gaitToolMiddleware } from "@gait/sdk/langchain-middleware";
import { gateAgentTool } from "@gait/sdk/openai-agents";

const context: IntentContext = {
  identity: "alice",
  workspace: "/repo",
  risk_class: "high",
  phase: "apply",
  agent_id: "agent.builder",
  agent_identity: { owner: "team-build", lifecycle_states: ["approved"] },
  environment: "prod",
  repo: "acme/app",
  job_id: "job-1",
  credential_ref: "vault:lease/1",
  credential_ttl_seconds: 300,
  sandbox: { network_mode: "egress_allowlist", filesystem_isolation: "container" },
  context_evidence_mode: "required",
};

const intent: IntentRequest = intentRequest({
  tool_name: "tool.write",
  args: { path: "/repo/a" },
  targets: [{ kind: "path", value: "/repo/a", operation: "write", endpoint_class: "fs.write", destructive: false }],
  arg_provenance: [{ arg_path: "path", source: "user" }],
  delegation: { requester_identity: "alice", chain: [{ delegator_identity: "manager", delegate_identity: "alice" }] },
  context,
});

const clients: GateClient[] = [new CliClient({ policy: "policy.yaml" }), new SidecarClient({ url: "http://127.0.0.1:8787" })];

async function decide(): Promise<Verdict> {
  const decision: GateDecision = await clients[0]!.evaluate(intent);
  return decision.failure ? "block" : decision.verdict;
}

const write: (args: { path: string }) => Promise<number> = gateTool(
  clients[1]!,
  { toolName: "tool.write", context, recorder: new RunRecorder("run_types") },
  (args: { path: string }) => args.path.length,
);

async function handle(): Promise<string[]> {
  try {
    await write({ path: "/repo/a" });
    return [];
  } catch (error) {
    return error instanceof ToolBlockedError ? error.reasonCodes : [];
  }
}

const lcTool = gateLangChainTool(
  langChainTool(async ({ path }: { path: string }) => path, { name: "read_file", description: "read", schema: z.object({ path: z.string() }) }),
  { client: clients[0]!, context },
);
const readTool = agentTool({ name: "read_file", description: "read", parameters: z.object({ path: z.string() }), execute: async ({ path }) => path });
const gatedReadTool: typeof readTool = gateAgentTool(readTool, { client: clients[1]!, context, onBlocked: "throw" });

const agent = createAgent({
  model: fakeModel(),
  tools: [lcTool],
  middleware: [gaitToolMiddleware({ client: clients[0]!, context, toolName: (name) => `tool.${name}`, onBlocked: "message" })],
});

export { agent, decide, handle, lcTool, gatedReadTool };
