// A LangChain.js agent (createAgent) whose tool calls are gated by gait through the CLI, with the
// Gait middleware. The chat model is scripted (fakeModel of @langchain/core/testing), so no model
// service is needed: it asks for read_file, then for delete_file, then answers. The policy allows
// the read and blocks the delete; the delete tool must never run. The run is recorded as a
// signed runpack by `gait run record`.
//
//   GAIT_BIN=../../gait node examples/langchain-agent.mjs    (from sdk/typescript)

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { AIMessage, ToolMessage } from "@langchain/core/messages";
import { fakeModel } from "@langchain/core/testing";
import { tool } from "@langchain/core/tools";
import { createAgent } from "langchain";
import { z } from "zod";
import { CliClient, RunRecorder } from "@gait/sdk";
import { gaitToolMiddleware } from "@gait/sdk/langchain-middleware";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join("gait-out", "integrations", "langchain");
mkdirSync(outDir, { recursive: true });

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

const model = fakeModel()
  .respondWithTools([{ name: "read_file", args: { path: "/workspace/notes.txt" }, id: "call_1" }])
  .respondWithTools([{ name: "delete_file", args: { path: "/workspace/notes.txt" }, id: "call_2" }])
  .respond(new AIMessage("Read the notes; the delete was not allowed."));

const recorder = new RunRecorder("run_langchain_example");
const cli = new CliClient({ policy: join(here, "policy.yaml"), cwd: outDir, timeoutMs: 120_000 });
const agent = createAgent({
  model,
  tools: [readFile, deleteFile],
  middleware: [
    gaitToolMiddleware({
      client: cli,
      context: { identity: "example-agent", workspace: "/workspace", risk_class: "medium", agent_id: "agent.langchain", environment: "dev" },
      targets: (args) => [{ kind: "path", value: String(args.path) }],
      recorder,
    }),
  ],
});
const { messages } = await agent.invoke({ messages: [{ role: "user", content: "Read the notes, then delete them." }] });
const runpack = await recorder.record(cli, { outDir: "." });

assert.deepEqual(effects.read, ["/workspace/notes.txt"], "the allowed tool ran once");
assert.deepEqual(effects.deleted, [], "the blocked tool never ran");
const blockedReply = messages.find((m) => ToolMessage.isInstance(m) && m.tool_call_id === "call_2");
assert.match(String(blockedReply.content), /verdict block.*deletes_need_a_ticket/);
assert.equal(String(messages.at(-1).content), "Read the notes; the delete was not allowed.");
assert.equal(runpack.ok, true);

console.log(`read_file ran ${effects.read.length}x, delete_file ran ${effects.deleted.length}x`);
console.log(`model was told: ${blockedReply.content}`);
console.log(`runpack: ${join(outDir, String(runpack.bundle))} (manifest ${runpack.manifest_digest})`);
