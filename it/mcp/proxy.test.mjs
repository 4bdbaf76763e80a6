// Acceptance: a real MCP client (the official TypeScript SDK) reaches a real MCP server through
// `gait mcp proxy`, over stdio and over streamable HTTP (upstream a command, and upstream a URL).
// The allowed tool returns the server's result; the blocked one returns a tool error naming the
// reason and a trace that verifies offline, and the server's own counter shows it never ran.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const gait = join(here, '..', '..', 'gait');
const server = join(here, 'server.mjs');
const work = mkdtempSync(join(tmpdir(), 'gait-mcp-'));
const policy = join(work, 'policy.yaml');
const keys = join(work, 'keys');
const children = [];

before(() => {
  writeFileSync(policy, [
    'default_verdict: block',
    'rules:',
    '  - {name: allow-read, priority: 10, effect: allow, match: {tool_names: [read_note]}}',
    '  - {name: block-delete, priority: 20, effect: block, match: {tool_names: [delete_note]}, reason_codes: [note_deletion_blocked]}',
    '',
  ].join('\n'));
  // also builds the CLI when its sources changed, before any client waits on it
  execFileSync(gait, ['keys', 'init', '--out-dir', keys], { stdio: 'ignore' });
});

after(() => {
  for (const child of children) child.kill();
  rmSync(work, { recursive: true, force: true });
});

/** A fresh directory set for one transport: call counters, traces, packs. */
function directories(name) {
  const dirs = { counters: join(work, name, 'counters'), traces: join(work, name, 'traces'), packs: join(work, name, 'packs') };
  Object.values(dirs).forEach((dir) => mkdirSync(dir, { recursive: true }));
  return dirs;
}

function proxyFlags(dirs) {
  return ['mcp', 'proxy', '--policy', policy, '--private-key', join(keys, 'gait_private.key'),
    '--trace-dir', dirs.traces, '--pack-dir', dirs.packs, '--identity', 'acceptance', '--workspace', work];
}

function calls(dirs, tool) {
  const file = join(dirs.counters, `${tool}.count`);
  return existsSync(file) ? Number(readFileSync(file, 'utf8')) : 0;
}

/** Starts a process that prints `listening=<url>` once it serves; resolves to that URL. */
function startListening(command, args, env) {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`${command} exited with ${code} before listening`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('listening=')) resolve(new URL(line.slice('listening='.length)));
    });
  });
}

/** The tool list of the server itself, asked directly (no proxy). */
async function serverTools(dirs) {
  const client = new Client({ name: 'direct', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: 'node', args: [server], env: { ...process.env, GAIT_MCP_COUNTER_DIR: dirs.counters } }));
  try {
    return (await client.listTools()).tools;
  } finally {
    await client.close();
  }
}

/** The acceptance checks, through a connected client. */
async function checkThroughProxy(client, dirs) {
  assert.deepEqual((await client.listTools()).tools, await serverTools(dirs), 'tools/list passes through unchanged');

  const allowed = await client.callTool({ name: 'read_note', arguments: { id: 'n1' } });
  assert.equal(allowed.isError, undefined);
  assert.deepEqual(allowed.content, [{ type: 'text', text: 'note n1: buy milk' }]);
  assert.equal(calls(dirs, 'read_note'), 1, 'the allowed call ran once on the server');

  const blocked = await client.callTool({ name: 'delete_note', arguments: { id: 'n1' } });
  assert.equal(blocked.isError, true);
  // the policy's reason, and the gate's own for a tool the server annotated as destructive
  const reasons = ['destructive_apply_requires_approval', 'note_deletion_blocked'];
  const match = /^gait: blocked delete_note: (.+) \(trace ([0-9a-f]+)\)$/.exec(blocked.content[0].text);
  assert.ok(match, `tool error names the reasons and the trace: ${blocked.content[0].text}`);
  assert.equal(match[1], reasons.join(', '));
  const decision = blocked._meta['dev.gait/gate'];
  assert.equal(decision.verdict, 'block');
  assert.deepEqual(decision.reason_codes, reasons);
  assert.equal(decision.trace_id, match[2]);
  assert.ok(existsSync(decision.trace_path), 'the trace file exists');
  assert.equal(JSON.parse(readFileSync(decision.trace_path, 'utf8')).trace_id, decision.trace_id);
  const verified = JSON.parse(execFileSync(gait, ['verify', 'chain', '--run', decision.pack_path, '--trace', decision.trace_path,
    '--public-key', join(keys, 'gait_public.key'), '--json'], { encoding: 'utf8' }));
  assert.equal(verified.ok, true, 'the signed trace and the call\'s runpack verify offline');

  assert.equal(calls(dirs, 'delete_note'), 0, 'the blocked tool never ran on the server');
  assert.equal(calls(dirs, 'read_note'), 1);
}

describe('gait mcp proxy with the official MCP TypeScript SDK', () => {
  test('stdio: the client spawns the proxy, the proxy spawns the server', async () => {
    const dirs = directories('stdio');
    const client = new Client({ name: 'acceptance', version: '1.0.0' });
    await client.connect(new StdioClientTransport({
      command: gait,
      args: [...proxyFlags(dirs), '--', 'node', server],
      env: { ...process.env, GAIT_MCP_COUNTER_DIR: dirs.counters },
    }));
    try {
      await checkThroughProxy(client, dirs);
    } finally {
      await client.close();
    }
  });

  test('streamable HTTP: the proxy listens, the server runs as its child', async () => {
    const dirs = directories('http-stdio');
    const url = await startListening(gait, [...proxyFlags(dirs), '--listen', '127.0.0.1:0', '--', 'node', server],
      { ...process.env, GAIT_MCP_COUNTER_DIR: dirs.counters });
    const client = new Client({ name: 'acceptance', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(url));
    try {
      await checkThroughProxy(client, dirs);
    } finally {
      await client.close();
    }
  });

  test('streamable HTTP: the proxy in front of a streamable HTTP server', async () => {
    const dirs = directories('http-http');
    const env = { ...process.env, GAIT_MCP_COUNTER_DIR: dirs.counters };
    const upstream = await startListening('node', [server, '--http', '0'], env);
    const url = await startListening(gait, [...proxyFlags(dirs), '--listen', '127.0.0.1:0', '--upstream-url', upstream.href], env);
    const client = new Client({ name: 'acceptance', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(url);
    await client.connect(transport);
    try {
      assert.ok(transport.sessionId, 'the upstream session id reaches the client');
      await checkThroughProxy(client, dirs);
    } finally {
      await client.close();
    }
  });
});
