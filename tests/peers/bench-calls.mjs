// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// Tool-call throughput of the reference clients, for bench/run-calls.sh:
//   node bench-calls.mjs sdk|raw <http URL | stdio> COUNT CONCURRENCY
// sdk: the official TypeScript SDK client (StreamableHTTPClientTransport or
//      StdioClientTransport), N `echo` calls, C in flight.
// raw: the floor — the same JSON-RPC bytes on one keep-alive HTTP connection per
//      call in flight (or over the child's pipes), answers read without any MCP
//      machinery: what the server and loopback cost.
// Prints: "<calls/s> <p50 ms> <p99 ms>".
import http from 'node:http';
import { spawn } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

// The SDK adds one abort listener per call in flight; Node's warning about it is noise here.
process.removeAllListeners('warning');

const [kind, target, countArg, concArg] = process.argv.slice(2);
const count = Number(countArg), concurrency = Number(concArg);
const everything = new URL('./node_modules/@modelcontextprotocol/server-everything/dist/index.js', import.meta.url).pathname;

async function run(callOnce) {
  const lat = [];
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, async (_, lane) => {
    while (next < count) {
      const i = next++;
      const t = process.hrtime.bigint();
      await callOnce(i, lane);
      lat.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }));
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  lat.sort((a, b) => a - b);
  const pct = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))];
  console.log(`${(count / s).toFixed(0)} ${pct(0.5).toFixed(3)} ${pct(0.99).toFixed(3)}`);
}

const initialize = (id) => JSON.stringify({ jsonrpc: '2.0', id, method: 'initialize', params: {
  protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw-floor', version: '1' } } });
const initialized = JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' });
const echo = (id) => JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'echo', arguments: { message: 'bench' } } });

if (kind === 'sdk') {
  const client = new Client({ name: 'sdk-bench', version: '1' });
  const transport = target === 'stdio'
    ? new StdioClientTransport({ command: process.execPath, args: [everything, 'stdio'], stderr: 'ignore' })
    : new StreamableHTTPClientTransport(new URL(target));
  await client.connect(transport);
  await run(() => client.callTool({ name: 'echo', arguments: { message: 'bench' } }));
  await client.close();
} else if (target === 'stdio') {
  const child = spawn(process.execPath, [everything, 'stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const waiting = new Map();
  let buf = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d) => {
    buf += d;
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      const m = /"id":(\d+)/.exec(line.startsWith('{"result"') || line.includes('"result"') ? line : '');
      if (m && waiting.has(Number(m[1]))) { waiting.get(Number(m[1]))(); waiting.delete(Number(m[1])); }
    }
  });
  const ask = (id, body) => new Promise((resolve) => { waiting.set(id, resolve); child.stdin.write(body + '\n'); });
  await ask(0, initialize(0));
  child.stdin.write(initialized + '\n');
  await run((i) => ask(i + 1, echo(i + 1)));
  child.kill();
} else {
  const url = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let session = '';
  const post = (body) => new Promise((resolve, reject) => {
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream',
                      'MCP-Protocol-Version': '2025-11-25' };
    if (session) headers['Mcp-Session-Id'] = session;
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers }, (res) => {
      if (res.headers['mcp-session-id']) session = res.headers['mcp-session-id'];
      res.on('data', () => {});
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end(body);
  });
  await post(initialize(0));
  await post(initialized);
  await run((i) => post(echo(i + 1)));
  agent.destroy();
}
process.exit(0);
