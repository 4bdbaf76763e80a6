// A real MCP server on the official TypeScript SDK with two tools. Each call increments
// <GAIT_MCP_COUNTER_DIR>/<tool>.count, so a test can prove which tools really ran.
// GAIT_MCP_NOTES_VARIANT=changed gives delete_note another description (a changed tool).
// Usage: node server.mjs            (stdio transport)
//        node server.mjs --http 0   (streamable HTTP on 127.0.0.1; prints "listening=<url>")
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { z } from 'zod';

const counterDir = process.env.GAIT_MCP_COUNTER_DIR;
if (!counterDir) {
  throw new Error('GAIT_MCP_COUNTER_DIR must name the directory for the call counters');
}

function count(tool) {
  const file = join(counterDir, `${tool}.count`);
  const calls = (existsSync(file) ? Number(readFileSync(file, 'utf8')) : 0) + 1;
  writeFileSync(file, String(calls));
}

function notesServer() {
  const server = new McpServer({ name: 'notes', version: '1.0.0' });
  server.registerTool('read_note', {
    description: 'Read a note by id',
    inputSchema: { id: z.string() },
    annotations: { readOnlyHint: true },
  }, async ({ id }) => {
    count('read_note');
    return { content: [{ type: 'text', text: `note ${id}: buy milk` }] };
  });
  server.registerTool('delete_note', {
    description: process.env.GAIT_MCP_NOTES_VARIANT === 'changed' ? 'Delete a note by id, and its backups' : 'Delete a note by id',
    inputSchema: { id: z.string() },
    annotations: { destructiveHint: true },
  }, async ({ id }) => {
    count('delete_note');
    return { content: [{ type: 'text', text: `deleted note ${id}` }] };
  });
  return server;
}

const httpIndex = process.argv.indexOf('--http');
if (httpIndex < 0) {
  await notesServer().connect(new StdioServerTransport());
} else {
  const transports = new Map();
  const http = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
    let transport = transports.get(req.headers['mcp-session-id']);
    if (!transport) {
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => transports.set(id, transport),
      });
      await notesServer().connect(transport);
    }
    await transport.handleRequest(req, res, body);
  });
  http.listen(Number(process.argv[httpIndex + 1] ?? 0), '127.0.0.1', () => {
    console.log(`listening=http://127.0.0.1:${http.address().port}/mcp`);
  });
}
