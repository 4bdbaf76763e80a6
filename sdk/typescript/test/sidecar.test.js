// The sidecar client against a real `gait serve` started by the test, and its fail-closed answers
// when the sidecar refuses a request or is gone.

import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, test } from "node:test";
import { CliClient, SidecarClient, intentRequest, startSidecar } from "@gait/sdk";
import { CALL_TIMEOUT_MS, context, gaitBin, makeScratch, scratch } from "./support.js";

let sidecar;
let workdir;

before(async () => {
  workdir = await makeScratch();
  sidecar = await startSidecar({ bin: gaitBin, policy: workdir.policy, cwd: workdir.dir, startTimeoutMs: CALL_TIMEOUT_MS, requestTimeoutMs: CALL_TIMEOUT_MS });
});

after(async () => {
  await sidecar?.stop();
  await workdir?.remove();
});

test("the sidecar reports its address and policy digest", () => {
  assert.match(sidecar.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.match(sidecar.policyDigest, /^[0-9a-f]{64}$/);
});

test("each verdict comes back as the core decided it", async () => {
  const allowed = await sidecar.client.evaluate(intentRequest({ tool_name: "tool.read", args: { path: "/repo/a" }, context }));
  assert.equal(allowed.verdict, "allow");
  assert.equal(allowed.allowed, true);
  assert.equal(allowed.policyDigest, sidecar.policyDigest);
  const blocked = await sidecar.client.evaluate(intentRequest({ tool_name: "tool.delete", context }));
  assert.deepEqual([blocked.verdict, blocked.allowed, blocked.reasonCodes], ["block", false, ["default_block"]]);
  const review = await sidecar.client.evaluate(intentRequest({ tool_name: "tool.write", context }));
  assert.equal(review.verdict, "require_approval");
  const dryRun = await sidecar.client.evaluate(intentRequest({ tool_name: "tool.deploy", context }));
  assert.deepEqual([dryRun.verdict, dryRun.allowed], ["dry_run", false]);
});

test("the sidecar and the CLI decide the same intent identically", async () => {
  const intent = intentRequest({
    tool_name: "tool.build",
    args: { target: "app" },
    targets: [{ kind: "repo", value: "acme/app", operation: "write" }],
    context: { ...context, agent_id: "agent.rogue", agent_identity: { owner: "team-build" } },
  });
  const viaSidecar = await sidecar.client.evaluate(intent);
  const viaCli = await new CliClient({ bin: gaitBin, policy: workdir.policy, cwd: workdir.dir, timeoutMs: CALL_TIMEOUT_MS }).evaluate(intent);
  assert.equal(viaCli.failure, undefined, JSON.stringify(viaCli.failure));
  for (const field of ["verdict", "reasonCodes", "traceId", "intentDigest", "policyDigest", "matchedRule"]) {
    assert.deepEqual(viaSidecar[field], viaCli[field], field);
  }
  assert.equal(viaSidecar.verdict, "block");
});

test("an invalid intent is a blocked decision with the HTTP error", async () => {
  const decision = await sidecar.client.evaluate(intentRequest({ tool_name: "tool.read", context: { identity: "alice" } }));
  assert.equal(decision.allowed, false);
  assert.equal(decision.failure.kind, "http");
  assert.equal(decision.failure.httpStatus, 400);
  assert.equal(decision.failure.errorCode, "invalid_input");
});

test("a sidecar that wants a token refuses a request without it, and that blocks", async (t) => {
  const { dir, policy } = await scratch(t);
  const guarded = await startSidecar({
    bin: gaitBin,
    policy,
    cwd: dir,
    env: { ...process.env, GAIT_TEST_TOKEN: "s3cret-token" },
    serveArgs: ["--auth-token-env", "GAIT_TEST_TOKEN"],
    startTimeoutMs: CALL_TIMEOUT_MS,
  });
  t.after(() => guarded.stop());
  const intent = intentRequest({ tool_name: "tool.read", context });
  const refused = await guarded.client.evaluate(intent);
  assert.deepEqual([refused.allowed, refused.failure?.httpStatus, refused.failure?.errorCode], [false, 401, "unauthorized"]);
  const withToken = new SidecarClient({ url: guarded.url, authToken: "s3cret-token", timeoutMs: CALL_TIMEOUT_MS });
  assert.equal((await withToken.evaluate(intent)).verdict, "allow");
});

test("a sidecar that is gone blocks", async (t) => {
  const { dir, policy } = await scratch(t);
  const shortLived = await startSidecar({ bin: gaitBin, policy, cwd: dir, startTimeoutMs: CALL_TIMEOUT_MS });
  await shortLived.stop();
  const decision = await shortLived.client.evaluate(intentRequest({ tool_name: "tool.read", context }));
  assert.equal(decision.allowed, false);
  assert.equal(decision.failure.kind, "unreachable");
});

test("a sidecar that cannot start is reported, not waited for", async (t) => {
  const { dir } = await scratch(t);
  await assert.rejects(
    startSidecar({ bin: gaitBin, policy: "missing-policy.yaml", cwd: dir, startTimeoutMs: CALL_TIMEOUT_MS }),
    /gait serve did not start: .*missing-policy\.yaml not found/,
  );
});

/** A stand-in for a broken sidecar on a loopback port: `answer(response)` replies, or never does. */
async function brokenSidecar(t, answer) {
  const server = createServer((request, response) => {
    request.resume();
    answer(response);
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  return `http://127.0.0.1:${server.address().port}`;
}

test("answers of a broken sidecar that are not decisions block", async (t) => {
  const intent = intentRequest({ tool_name: "tool.read", context });
  const cases = [
    ["text", (response) => response.end("hello"), "invalid_answer"],
    ["unknown verdict", (response) => response.end('{"ok":true,"verdict":"maybe"}'), "invalid_answer"],
    ["server error", (response) => { response.statusCode = 502; response.end("bad gateway"); }, "http"],
  ];
  for (const [name, answer, kind] of cases) {
    const client = new SidecarClient({ url: await brokenSidecar(t, answer), timeoutMs: CALL_TIMEOUT_MS });
    const decision = await client.evaluate(intent);
    assert.deepEqual([decision.verdict, decision.allowed, decision.failure?.kind], ["block", false, kind], name);
  }
});

test("a sidecar that does not answer in time blocks", async (t) => {
  const client = new SidecarClient({ url: await brokenSidecar(t, () => {}), timeoutMs: 300 });
  const decision = await client.evaluate(intentRequest({ tool_name: "tool.read", context }));
  assert.deepEqual([decision.allowed, decision.failure?.kind], [false, "timeout"]);
});
