// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// A dual-era MCP server of the project's own, built on the official TypeScript SDK
// 2.x (`createMcpHandler` over HTTP, `serveStdio` over stdio): it speaks MCP
// 2026-07-28 (no initialize, `_meta` on every request, SEP-2243 headers) and, unless
// told --modern-only, 2025-11-25 too (the SDK's stateless fallback).
//
//   node dual-era-server.mjs --port P [--modern-only] [--log FILE]   (HTTP on 127.0.0.1)
//   node dual-era-server.mjs --stdio [--modern-only]
//
// Over HTTP it prints "listening P" when ready, and with --log appends one JSON line
// per POST it gets: {method, era, headers (the MCP ones), meta} — so tests see what
// arrived and how.
import fs from 'node:fs';
import http from 'node:http';
import { McpServer, createMcpHandler, fromJsonSchema } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { toNodeHandler } from '@modelcontextprotocol/node';
import * as z from 'zod';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const modernOnly = args.includes('--modern-only');
const stdio = args.includes('--stdio');
const logFile = opt('log', '');

function makeServer() {
  const server = new McpServer(
    { name: 'mcpdesk-dual-era', title: 'McpDesk dual-era test server', version: '1.0.0' },
    { capabilities: { tools: {}, resources: {}, prompts: {}, logging: {} },
      instructions: 'A test server that speaks MCP 2026-07-28 and 2025-11-25.' });
  server.registerTool('echo', {
    title: 'Echo',
    description: 'Echoes the message back.',
    inputSchema: z.object({ message: z.string() }),
  }, async ({ message }) => ({ content: [{ type: 'text', text: `Echo: ${message}` }] }));
  // SEP-2243: these arguments travel as Mcp-Param-* headers too.
  server.registerTool('route', {
    description: 'Says where a request would be routed; region, priority and dryRun are mirrored into headers.',
    inputSchema: fromJsonSchema({
      type: 'object',
      properties: {
        region: { type: 'string', 'x-mcp-header': 'Region' },
        priority: { type: 'integer', 'x-mcp-header': 'Priority' },
        dryRun: { type: 'boolean', 'x-mcp-header': 'Dry-Run' },
        note: { type: 'string' },
      },
      required: ['region'],
    }),
  }, async (a) => ({
    content: [{ type: 'text', text: `routed to ${a.region} priority ${a.priority ?? 0}${a.dryRun ? ' (dry run)' : ''}` }],
  }));
  server.registerTool('count', {
    description: 'Counts to n, reporting progress at each step.',
    inputSchema: z.object({ n: z.number().int().min(1).max(20) }),
  }, async ({ n }, ctx) => {
    const token = ctx?.mcpReq?._meta?.progressToken;
    for (let i = 1; i <= n; i++) {
      if (token !== undefined && ctx?.mcpReq?.notify)
        await ctx.mcpReq.notify({ method: 'notifications/progress',
                                  params: { progressToken: token, progress: i, total: n } });
    }
    return { content: [{ type: 'text', text: `counted to ${n}` }] };
  });
  server.registerResource('readme', 'dual://readme',
    { title: 'Read me', mimeType: 'text/plain', description: 'A short text.' },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: 'text/plain', text: 'Hello from both eras.' }] }));
  server.registerPrompt('greet', {
    description: 'Greets someone.',
    argsSchema: z.object({ name: z.string() }),
  }, ({ name }) => ({ messages: [{ role: 'user', content: { type: 'text', text: `Say hello to ${name}.` } }] }));
  return server;
}

if (stdio) {
  serveStdio(makeServer, { legacy: modernOnly ? 'reject' : 'serve' });
} else {
  const handler = createMcpHandler(makeServer, { legacy: modernOnly ? 'reject' : 'stateless' });
  const node = toNodeHandler(handler);
  const server = http.createServer(async (req, res) => {
    if (req.method !== 'POST') return node(req, res);
    const chunks = [];
    for await (const c of req) chunks.push(c);
    let body;
    try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { body = undefined; }
    if (logFile && body && typeof body === 'object') {
      const headers = {};
      for (const [k, v] of Object.entries(req.headers))
        if (k.startsWith('mcp-')) headers[k] = v;
      const meta = body.params?._meta ?? null;
      fs.appendFileSync(logFile, JSON.stringify({
        method: body.method ?? null, id: body.id ?? null,
        era: meta && meta['io.modelcontextprotocol/protocolVersion'] ? 'modern' : 'legacy',
        headers, meta }) + '\n');
    }
    return node(req, res, body);
  });
  server.listen(Number(opt('port', '0')), '127.0.0.1', () => {
    console.log(`listening ${server.address().port}`);
  });
}
