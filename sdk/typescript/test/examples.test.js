// Runs each framework example as a user would; each asserts that the allowed tool ran and the
// blocked one did not, and exits non-zero otherwise.

import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { CALL_TIMEOUT_MS, gaitBin, scratch } from "./support.js";

const examples = resolve(dirname(fileURLToPath(import.meta.url)), "../examples");

function runExample(file, cwd) {
  const run = spawnSync(process.execPath, [join(examples, file)], {
    cwd,
    env: { ...process.env, GAIT_BIN: gaitBin },
    encoding: "utf8",
    timeout: 2 * CALL_TIMEOUT_MS,
  });
  assert.equal(run.status, 0, `${file} failed:\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

test("LangChain.js: a createAgent loop with a scripted model runs the allowed tool, not the blocked one, and records the run", async (t) => {
  const { dir } = await scratch(t);
  const out = runExample("langchain-agent.mjs", dir);
  assert.match(out, /read_file ran 1x, delete_file ran 0x/);
  const runpack = join(dir, "gait-out/integrations/langchain/runpack_run_langchain_example.zip");
  assert.ok(existsSync(runpack));
  const verified = JSON.parse(execFileSync(gaitBin, ["verify", runpack, "--json"], { cwd: dir, encoding: "utf8" }));
  assert.equal(verified.signature_status, "verified");
});

test("OpenAI Agents SDK: a Runner with a scripted model runs the allowed tool, not the blocked one", async (t) => {
  const { dir } = await scratch(t);
  const out = runExample("openai-agents.mjs", dir);
  assert.match(out, /read_file ran 1x, delete_file ran 0x/);
});
