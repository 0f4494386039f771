// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// Tool-call throughput on MCP 2026-07-28, for bench/run-modern.sh:
//   node bench-modern.mjs sdk|raw URL COUNT CONCURRENCY [echo|ask-name]
// sdk: the official TypeScript SDK 2.x client (@modelcontextprotocol/client), pinned
//      to 2026-07-28, N calls, C in flight; ask-name (a form asked for with
//      input_required, then the call again) answered by its auto-fulfilment.
// raw: the floor — the same bytes a 2026-07-28 client sends (the _meta envelope, the
//      MCP-Protocol-Version, Mcp-Method and Mcp-Name headers) on one keep-alive HTTP
//      connection per call in flight, answers read without any MCP machinery; for
//      ask-name the answer is parsed for its requestState and the call sent again.
// Prints: "<calls/s> <p50 ms> <p99 ms>".
import http from 'node:http';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

process.removeAllListeners('warning');

const [kind, target, countArg, concArg, toolArg] = process.argv.slice(2);
const tool = toolArg ?? 'echo';
const args = tool === 'echo' ? { message: 'bench' } : {};
const answer = { action: 'accept', content: { name: 'bench' } };
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
                            { versionNegotiation: { mode: { pin: VERSION } },
                              capabilities: { elicitation: { form: {} } } });
  client.setRequestHandler('elicitation/create', async () => answer);
  await client.connect(new StreamableHTTPClientTransport(new URL(target)));
  await client.listTools();
  await run(async () => {
    const r = await client.callTool({ name: tool, arguments: args });
    if (tool !== 'echo' && !JSON.stringify(r).includes('Hello, bench')) throw new Error(JSON.stringify(r));
  });
  await client.close();
} else {
  const url = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const meta = {
    'io.modelcontextprotocol/protocolVersion': VERSION,
    'io.modelcontextprotocol/clientCapabilities': tool === 'echo' ? {} : { elicitation: { form: {} } },
    'io.modelcontextprotocol/clientInfo': { name: 'raw-floor', version: '1' },
  };
  const call = (id, more = {}) => JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call',
    params: { name: tool, arguments: args, ...more, _meta: meta } });
  const post = (body) => new Promise((resolve, reject) => {
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream',
                      'MCP-Protocol-Version': VERSION, 'Mcp-Method': 'tools/call', 'Mcp-Name': tool };
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}`));
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    req.on('error', reject);
    req.end(body);
  });
  const resultOf = (text) => {
    const data = text.startsWith('{') ? text : text.split('\n').filter((l) => l.startsWith('data:')).pop().slice(5);
    return JSON.parse(data).result;
  };
  if (tool === 'echo') {
    await run((i) => post(call(2 * i + 1)));
  } else {
    await run(async (i) => {
      const first = resultOf(await post(call(2 * i + 1)));
      if (first.resultType !== 'input_required') throw new Error(JSON.stringify(first));
      const done = resultOf(await post(call(2 * i + 2, {
        inputResponses: { name: answer },
        ...(first.requestState !== undefined && { requestState: first.requestState }) })));
      if (!JSON.stringify(done).includes('Hello, bench')) throw new Error(JSON.stringify(done));
    });
  }
  agent.destroy();
}
process.exit(0);
