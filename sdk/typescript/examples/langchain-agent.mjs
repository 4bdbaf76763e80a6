// A LangChain.js tool-calling loop whose tools are gated by gait (through the CLI).
// The chat model is scripted, so no model service is needed: it asks for read_file, then for
// delete_file, then answers. The policy allows the read and blocks the delete; the delete tool
// must never run. The run is recorded as a signed runpack by `gait run record`.
//
//   GAIT_BIN=../../gait node examples/langchain-agent.mjs    (from sdk/typescript)

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { GaitBlockedError, GaitCli, RunRecorder } from "@gait/sdk";
import { gateLangChainTools } from "@gait/sdk/langchain";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join("gait-out", "integrations", "langchain");
mkdirSync(outDir, { recursive: true });

/** A chat model that answers with the next scripted message. */
class ScriptedChatModel extends BaseChatModel {
  constructor(script) {
    super({});
    this.script = script;
  }
  _llmType() {
    return "scripted";
  }
  bindTools() {
    return this;
  }
  async _generate(messages) {
    const message = this.script.shift() ?? new AIMessage("nothing left to do");
    return { generations: [{ text: String(message.content), message }] };
  }
}

// The tools' only side effects: what they did.
const effects = { read: [], deleted: [] };
const readFile = tool(async ({ path }) => { effects.read.push(path); return `contents of ${path}`; }, {
  name: "read_file",
  description: "Read a file of the workspace",
  schema: z.object({ path: z.string() }),
});
const deleteFile = tool(async ({ path }) => { effects.deleted.push(path); return `deleted ${path}`; }, {
  name: "delete_file",
  description: "Delete a file of the workspace",
  schema: z.object({ path: z.string() }),
});

const recorder = new RunRecorder("run_langchain_example");
const cli = new GaitCli({ policy: join(here, "policy.yaml"), cwd: outDir, timeoutMs: 120_000 });
const tools = gateLangChainTools([readFile, deleteFile], {
  evaluator: cli,
  context: { identity: "example-agent", workspace: "/workspace", risk_class: "medium", agent_id: "agent.langchain", environment: "dev" },
  targets: (_name, args) => [{ kind: "path", value: String(args.path) }],
  recorder,
});
const toolsByName = new Map(tools.map((t) => [t.name, t]));

const model = new ScriptedChatModel([
  new AIMessage({ content: "", tool_calls: [{ type: "tool_call", id: "call_1", name: "read_file", args: { path: "/workspace/notes.txt" } }] }),
  new AIMessage({ content: "", tool_calls: [{ type: "tool_call", id: "call_2", name: "delete_file", args: { path: "/workspace/notes.txt" } }] }),
  new AIMessage("Read the notes; the delete was not allowed."),
]).bindTools(tools);

// The agent loop: call the model, run the tools it asks for, feed the results back.
const messages = [new HumanMessage("Read the notes, then delete them.")];
for (let turn = 0; turn < 5; turn++) {
  const reply = await model.invoke(messages);
  messages.push(reply);
  if (!reply.tool_calls?.length) break;
  for (const call of reply.tool_calls) {
    try {
      messages.push(await toolsByName.get(call.name).invoke(call));
    } catch (error) {
      if (!(error instanceof GaitBlockedError)) throw error;
      messages.push(new ToolMessage({ content: error.message, tool_call_id: call.id, status: "error" }));
    }
  }
}

const runpack = await recorder.record(cli, { outDir: "." });

assert.deepEqual(effects.read, ["/workspace/notes.txt"], "the allowed tool ran once");
assert.deepEqual(effects.deleted, [], "the blocked tool never ran");
const blockedReply = messages.find((m) => m instanceof ToolMessage && m.tool_call_id === "call_2");
assert.match(String(blockedReply.content), /verdict block.*deletes_need_a_ticket/);
assert.match(String(messages.at(-1).content), /not allowed/);
assert.equal(runpack.ok, true);

console.log(`read_file ran ${effects.read.length}x, delete_file ran ${effects.deleted.length}x`);
console.log(`model was told: ${blockedReply.content}`);
console.log(`runpack: ${join(outDir, String(runpack.bundle))} (manifest ${runpack.manifest_digest})`);
