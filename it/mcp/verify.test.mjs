// `gait mcp verify` against a real MCP server (the official TypeScript SDK): a snapshot of its
// tools verifies while they stay the same, and a changed tool definition fails the verification.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const gait = join(here, '..', '..', 'gait');
const server = join(here, 'server.mjs');
const work = mkdtempSync(join(tmpdir(), 'gait-mcp-verify-'));
const snapshot = join(work, 'trust.json');

after(() => rmSync(work, { recursive: true, force: true }));

function verify(flags, variant = '') {
  const run = spawnSync(gait, ['mcp', 'verify', '--snapshot', snapshot, '--json', ...flags, '--', 'node', server], {
    encoding: 'utf8',
    env: { ...process.env, GAIT_MCP_COUNTER_DIR: work, GAIT_MCP_NOTES_VARIANT: variant },
  });
  return { status: run.status, result: JSON.parse(run.stdout) };
}

test('mcp verify: a snapshot of the tools, then unchanged and changed servers', () => {
  const written = verify(['--write-snapshot']);
  assert.equal(written.status, 0);
  assert.equal(written.result.tools, 2);
  const first = readFileSync(snapshot, 'utf8');
  assert.deepEqual(Object.keys(JSON.parse(first).tools), ['delete_note', 'read_note']);
  assert.equal(verify(['--write-snapshot']).status, 0);
  assert.equal(readFileSync(snapshot, 'utf8'), first, 'the same tools give the same snapshot bytes');

  const same = verify([]);
  assert.equal(same.status, 0);
  assert.deepEqual([same.result.ok, same.result.added, same.result.removed, same.result.changed, same.result.unchanged],
    [true, [], [], [], 2]);

  const changed = verify([], 'changed');
  assert.equal(changed.status, 2, 'a changed tool fails the verification');
  assert.deepEqual([changed.result.ok, changed.result.changed, changed.result.unchanged], [false, ['delete_note'], 1]);
});
