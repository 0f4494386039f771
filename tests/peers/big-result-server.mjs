// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// An MCP server of the project's own, built on the official TypeScript SDK, for
// results far larger than any real peer returns (server-everything refuses requests
// above 4 MB over HTTP and 10 MiB over stdio, so its echo cannot make one).
//
//   node big-result-server.mjs --port P
//
// Streamable HTTP on 127.0.0.1:P/mcp, stateless; each result is sent as one SSE
// event, after a progress notification when the caller asked for progress.
// Query parameters of the endpoint URL change what one request gets:
//   ?json=1         the answer comes as one application/json body, not SSE
//   ?listKib=K      tools/list answers about K KiB (K*1024 - 64 bytes of JSON-RPC
//                   message): generated tools, the last one's description padded
// Tools:
//   big-text        {megabytes = 20, lineLength = 100}: text of numbered lines
//                   ("000001 xxxx…"), each lineLength bytes with its newline;
//                   lineLength 0 gives one line without any newline.
//   big-structured  {items = 100000}: structuredContent {items: [{id, name, tags}]}
//   tone            {}: a 0.1 s 440 Hz WAV as audio content (no real peer returns audio)
//   --extra-tools N adds N generated tools, tool-00001 …, each with a small form
//   (a string, a bounded integer, a choice), for bench/scale_bench.
// Prints "listening P" when ready.
import http from 'node:http';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const args = process.argv.slice(2);
const opt = (name, def) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : def; };
const port = Number(opt('port', '0'));

const TOOLS = [
  {
    name: 'big-text',
    description: 'Returns a text result of the given size',
    inputSchema: {
      type: 'object',
      properties: {
        megabytes: { type: 'number', minimum: 0, default: 20 },
        lineLength: { type: 'integer', minimum: 0, default: 100 },
      },
    },
  },
  {
    name: 'big-structured',
    description: 'Returns structured content with many items',
    inputSchema: { type: 'object', properties: { items: { type: 'integer', minimum: 0, default: 100000 } } },
    outputSchema: {
      type: 'object',
      properties: { items: { type: 'array', items: { type: 'object', required: ['id', 'name'] } } },
      required: ['items'],
    },
  },
  { name: 'tone', description: 'Returns a short tone as audio', inputSchema: { type: 'object', properties: {} } },
];

const extra = Number(opt('extra-tools', '0'));
for (let i = 1; i <= extra; ++i) {
  TOOLS.push({
    name: `tool-${String(i).padStart(5, '0')}`,
    description: `Generated tool number ${i}, for measuring long tool lists`,
    inputSchema: {
      type: 'object',
      properties: {
        text: { type: 'string', description: 'Some text' },
        count: { type: 'integer', minimum: 0, maximum: 100, default: 1 },
        mode: { type: 'string', enum: ['fast', 'careful', 'thorough'] },
      },
      required: ['text'],
    },
  });
}

function tone() {
  const rate = 8000, samples = rate / 10;
  const b = Buffer.alloc(44 + samples * 2);
  b.write('RIFF', 0); b.writeUInt32LE(36 + samples * 2, 4); b.write('WAVE', 8);
  b.write('fmt ', 12); b.writeUInt32LE(16, 16); b.writeUInt16LE(1, 20); b.writeUInt16LE(1, 22);
  b.writeUInt32LE(rate, 24); b.writeUInt32LE(rate * 2, 28); b.writeUInt16LE(2, 32); b.writeUInt16LE(16, 34);
  b.write('data', 36); b.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; ++i) b.writeInt16LE(Math.round(8000 * Math.sin(2 * Math.PI * 440 * i / rate)), 44 + i * 2);
  return b.toString('base64');
}

function bigText(megabytes, lineLength) {
  const total = Math.round(megabytes * 1024 * 1024);
  if (lineLength <= 0) return 'x'.repeat(total);
  const lines = [];
  let size = 0;
  for (let n = 1; size + lineLength <= total; ++n) {
    const head = String(n).padStart(6, '0') + ' ';
    lines.push((head + 'x'.repeat(Math.max(0, lineLength - 1 - head.length))).slice(0, lineLength - 1));
    size += lineLength;
  }
  return lines.join('\n') + '\n';
}

// Tools whose tools/list message (`{"result":{"tools":[…]},"jsonrpc":"2.0","id":N}`)
// is `kib` KiB less 64 bytes.
function toolsOfSize(kib) {
  const target = kib * 1024 - 64 - '{"result":{"tools":},"jsonrpc":"2.0","id":99}'.length;
  const tools = [];
  let size = 2; // []
  for (let i = 1; ; ++i) {
    const tool = { name: `sized-${String(i).padStart(5, '0')}`, description: 'd'.repeat(1000), inputSchema: { type: 'object' } };
    const bytes = JSON.stringify(tool).length + (tools.length ? 1 : 0);
    if (size + bytes > target) break;
    tools.push(tool);
    size += bytes;
  }
  tools[tools.length - 1].description += 'd'.repeat(target - size);
  return tools;
}

function makeServer(listKib) {
  const server = new Server({ name: 'mcpdesk-big-result', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: listKib ? toolsOfSize(listKib) : TOOLS }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const a = request.params.arguments ?? {};
    const token = request.params._meta?.progressToken;
    if (token !== undefined)
      await extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: 0, total: 1, message: 'building the result' } });
    if (request.params.name === 'big-text') {
      const text = bigText(a.megabytes ?? 20, a.lineLength ?? 100);
      return { content: [{ type: 'text', text }] };
    }
    if (request.params.name === 'big-structured') {
      const count = a.items ?? 100000;
      const items = Array.from({ length: count }, (_, i) => ({ id: i, name: `item ${i}`, tags: ['a', 'b'] }));
      return { content: [{ type: 'text', text: `${count} items` }], structuredContent: { items } };
    }
    if (request.params.name === 'tone')
      return { content: [{ type: 'audio', data: tone(), mimeType: 'audio/wav' }] };
    return { content: [{ type: 'text', text: `Unknown tool ${request.params.name}` }], isError: true };
  });
  return server;
}

const httpServer = http.createServer(async (req, res) => {
  if (!req.url.startsWith('/mcp')) { res.writeHead(404).end(); return; }
  if (req.method !== 'POST') { res.writeHead(405, { Allow: 'POST' }).end(); return; }
  const query = new URL(req.url, 'http://127.0.0.1').searchParams;
  const server = makeServer(Number(query.get('listKib') ?? 0));
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: query.get('json') === '1',
  });
  res.on('close', () => { transport.close(); server.close(); });
  await server.connect(transport);
  await transport.handleRequest(req, res);
});
httpServer.listen(port, '127.0.0.1', () => console.log(`listening ${httpServer.address().port}`));
