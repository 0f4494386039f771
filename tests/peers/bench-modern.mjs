// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// Tool-call throughput on MCP 2026-07-28, for bench/run-modern.sh:
//   node bench-modern.mjs sdk|raw URL COUNT CONCURRENCY
// sdk: the official TypeScript SDK 2.x client (@modelcontextprotocol/client), pinned
//      to 2026-07-28, N `echo` calls, C in flight.
// raw: the floor — the same bytes a 2026-07-28 client sends (the _meta envelope, the
//      MCP-Protocol-Version, Mcp-Method and Mcp-Name headers) on one keep-alive HTTP
//      connection per call in flight, answers read without any MCP machinery.
// Prints: "<calls/s> <p50 ms> <p99 ms>".
import http from 'node:http';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

process.removeAllListeners('warning');

const [kind, target, countArg, concArg] = process.argv.slice(2);
const count = Number(countArg), concurrency = Number(concArg);
const VERSION = '2026-07-28';

async function run(callOnce) {
  const lat = [];
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) {
      const i = next++;
      const t = process.hrtime.bigint();
      await callOnce(i);
      lat.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }));
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  lat.sort((a, b) => a - b);
  const pct = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))];
  console.log(`${(count / s).toFixed(0)} ${pct(0.5).toFixed(3)} ${pct(0.99).toFixed(3)}`);
}

if (kind === 'sdk') {
  const client = new Client({ name: 'sdk-bench', version: '1' },
                            { versionNegotiation: { mode: { pin: VERSION } } });
  await client.connect(new StreamableHTTPClientTransport(new URL(target)));
  await client.listTools();
  await run(() => client.callTool({ name: 'echo', arguments: { message: 'bench' } }));
  await client.close();
} else {
  const url = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const meta = {
    'io.modelcontextprotocol/protocolVersion': VERSION,
    'io.modelcontextprotocol/clientCapabilities': {},
    'io.modelcontextprotocol/clientInfo': { name: 'raw-floor', version: '1' },
  };
  const echo = (id) => JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call',
    params: { name: 'echo', arguments: { message: 'bench' }, _meta: meta } });
  const post = (body) => new Promise((resolve, reject) => {
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream',
                      'MCP-Protocol-Version': VERSION, 'Mcp-Method': 'tools/call', 'Mcp-Name': 'echo' };
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}`));
      res.on('data', () => {});
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end(body);
  });
  await run((i) => post(echo(i + 1)));
  agent.destroy();
}
process.exit(0);
