// An OpenAI Agents SDK run whose function tools are gated by gait (through the sidecar).
// The model is scripted, so no model service is needed: it asks for read_file, then for
// delete_file, then answers. The policy allows the read and blocks the delete; the delete tool
// must never run, and the model is told why.
//
//   GAIT_BIN=../../gait node examples/openai-agents.mjs      (from sdk/typescript; starts `gait serve`)
//   GAIT_SIDECAR_URL=http://127.0.0.1:8787 node examples/openai-agents.mjs   (uses a running sidecar)

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Agent, Runner, Usage, tool } from "@openai/agents";
import { z } from "zod";
import { SidecarClient, startSidecar } from "@gait/sdk";
import { gateAgentTools } from "@gait/sdk/openai-agents";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join("gait-out", "integrations", "openai_agents");
mkdirSync(outDir, { recursive: true });

/** A model that answers each turn with the next scripted output and keeps the requests it got. */
class ScriptedModel {
  constructor(turns) {
    this.turns = turns;
    this.requests = [];
  }
  async getResponse(request) {
    this.requests.push(request);
    return { usage: new Usage(), output: this.turns.shift() ?? [assistant("nothing left to do")], responseId: `resp_${this.requests.length}` };
  }
  async *getStreamedResponse() {
    throw new Error("the scripted model does not stream");
  }
}
const assistant = (text) => ({ type: "message", role: "assistant", status: "completed", content: [{ type: "output_text", text }] });
const functionCall = (callId, name, args) => ({ type: "function_call", callId, name, arguments: JSON.stringify(args), status: "completed" });

// The tools' only side effects: what they did.
const effects = { read: [], deleted: [] };
const readFile = tool({
  name: "read_file",
  description: "Read a file of the workspace",
  parameters: z.object({ path: z.string() }),
  execute: async ({ path }) => { effects.read.push(path); return `contents of ${path}`; },
});
const deleteFile = tool({
  name: "delete_file",
  description: "Delete a file of the workspace",
  parameters: z.object({ path: z.string() }),
  execute: async ({ path }) => { effects.deleted.push(path); return `deleted ${path}`; },
});

const sidecar = process.env.GAIT_SIDECAR_URL
  ? { client: new SidecarClient({ url: process.env.GAIT_SIDECAR_URL }), stop: async () => {} }
  : await startSidecar({ policy: join(here, "policy.yaml"), cwd: outDir });
try {
  const model = new ScriptedModel([
    [functionCall("call_1", "read_file", { path: "/workspace/notes.txt" })],
    [functionCall("call_2", "delete_file", { path: "/workspace/notes.txt" })],
    [assistant("Read the notes; the delete was not allowed.")],
  ]);
  const agent = new Agent({
    name: "housekeeper",
    instructions: "Tidy the workspace.",
    model,
    tools: gateAgentTools([readFile, deleteFile], {
      client: sidecar.client,
      context: { identity: "example-agent", workspace: "/workspace", risk_class: "medium", agent_id: "agent.openai", environment: "dev" },
      targets: (args) => [{ kind: "path", value: String(args.path) }],
    }),
  });
  const result = await new Runner({ tracingDisabled: true }).run(agent, "Read the notes, then delete them.");

  assert.deepEqual(effects.read, ["/workspace/notes.txt"], "the allowed tool ran once");
  assert.deepEqual(effects.deleted, [], "the blocked tool never ran");
  const toldModel = model.requests[2].input.find((item) => item.type === "function_call_result" && item.callId === "call_2");
  const toldText = JSON.stringify(toldModel.output);
  assert.match(toldText, /verdict block.*deletes_need_a_ticket/);
  assert.equal(result.finalOutput, "Read the notes; the delete was not allowed.");

  console.log(`read_file ran ${effects.read.length}x, delete_file ran ${effects.deleted.length}x`);
  console.log(`model was told: ${toldText}`);
} finally {
  await sidecar.stop();
}
