// What every test of the SDK shares: the real gait binary, a scratch directory and the policy.

import { chmod, copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/** $GAIT_BIN, else the repository's launcher (it builds the jar on first use). */
export const gaitBin = process.env.GAIT_BIN || resolve(here, "../../../gait");

/** Generous: the launcher may build the CLI on the first call. */
export const CALL_TIMEOUT_MS = 120_000;

export const context = { identity: "alice", workspace: "/repo", risk_class: "low" };

/** A fresh directory holding a copy of the test policy; traces and runpacks go there. */
export async function makeScratch() {
  const dir = await mkdtemp(join(tmpdir(), "gait-sdk-ts-"));
  const policy = join(dir, "policy.yaml");
  await copyFile(join(here, "fixtures", "policy.yaml"), policy);
  return { dir, policy, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A scratch directory removed when the test ends. */
export async function scratch(t) {
  const made = await makeScratch();
  t.after(made.remove);
  return made;
}

/** An executable shell script standing in for a broken gait binary. */
export async function brokenBinary(dir, name, body) {
  const path = join(dir, name);
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return path;
}
