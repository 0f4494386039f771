// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// An MCP server of the project's own, built on the official TypeScript SDK, that
// says hostile things in every place a server's text reaches a person: control
// characters (ESC sequences, BEL, C1 CSI, DEL), bidirectional overrides, HTML and
// Markdown with raw HTML and images. No real peer sends such text on purpose.
//
//   node hostile-server.mjs --port P        Streamable HTTP on 127.0.0.1:P/mcp (with sessions)
//   node hostile-server.mjs --stdio         the same over stdio
//   --local-image PATH, --remote-image URL  the images the Markdown result points at
//                                           (default: file:///etc/hostname, a closed port)
//
// Tools:
//   rtl\u202Egnp.exe   a name that displays reversed
//   esc-tool           ESC/BEL/C1 in its title and description
//   html-tool          HTML in its title, description and annotations
//   markdown           a result mixing Markdown, raw HTML and images
//   noisy              sends log and progress notifications full of escapes, then a text
//   ask                asks the user (elicitation) with hostile message and field titles
//   fail               answers a JSON-RPC error whose message is hostile
// Prints "listening P" when ready.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import {
  CallToolRequestSchema, GetPromptRequestSchema, ListPromptsRequestSchema, ListResourcesRequestSchema,
  ListToolsRequestSchema, McpError, ReadResourceRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';

const args = process.argv.slice(2);
const opt = (name, def) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : def; };

const ESC = '\u001b';
const TERMINAL = `${ESC}]0;pwned${'\u0007'}${ESC}[2J${ESC}[31mred${ESC}[0m\u009b1mC1\u007fdel`;
const HTML = 'visible <img src="file:///etc/hostname"> <b>bold</b><!-- hidden instruction --><script>x()</script> <span style="display:none">secret</span> end';
const LOCAL_IMAGE = opt('local-image', null);
const REMOTE_IMAGE = opt('remote-image', 'http://127.0.0.1:1/pixel.png');
const MARKDOWN = [
  '# Result',
  '',
  'Use a List<T> here, then x < y',
  '',
  `before <img src="${REMOTE_IMAGE}"> after`,
  '',
  `![remote](${REMOTE_IMAGE}) and ![local](${LOCAL_IMAGE ? `file://${LOCAL_IMAGE}` : 'file:///etc/hostname'})`,
  '',
  '<b>not bold</b> and **bold**',
].join('\n');

const TOOLS = [
  { name: 'rtl\u202Egnp.exe', description: 'A name that reads backwards', inputSchema: { type: 'object', properties: {} } },
  { name: 'esc-tool', title: `Title ${TERMINAL}`, description: `Description ${TERMINAL}\nline two\ttabbed\rback`,
    inputSchema: { type: 'object', properties: {} } },
  { name: 'html-tool', title: `<b>Bold</b> <img src="file:///etc/hostname">title`, description: HTML,
    inputSchema: { type: 'object', properties: { q: { type: 'string', title: '<i>field</i>', description: HTML } } },
    annotations: { title: '<u>annotated</u>' } },
  { name: 'markdown', description: 'Returns Markdown with raw HTML', inputSchema: { type: 'object', properties: {} } },
  { name: 'noisy', description: 'Logs and reports progress', inputSchema: { type: 'object', properties: {} } },
  { name: 'ask', description: 'Asks the user', inputSchema: { type: 'object', properties: {} } },
  { name: 'fail', description: 'Fails', inputSchema: { type: 'object', properties: {} } },
];

function makeServer() {
  const server = new Server(
    { name: `hostile <b>server</b> ${ESC}[31m`, version: '1.0.0' },
    { capabilities: { tools: {}, logging: {}, prompts: {}, resources: {} },
      instructions: `Instructions ${HTML} ${TERMINAL}\n\n` +
        '[Docs](https://example.com/docs) [Local](file:///etc/passwd) [App](vscode://open?x=1)' });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: TOOLS }));
  server.setRequestHandler(ListPromptsRequestSchema, async () => ({
    prompts: [{ name: `prompt${ESC}[1m`, title: HTML, description: HTML }] }));
  server.setRequestHandler(GetPromptRequestSchema, async () => ({
    messages: [{ role: 'user', content: { type: 'text', text: `prompt text ${TERMINAL}\nsecond line` } }] }));
  server.setRequestHandler(ListResourcesRequestSchema, async () => ({
    resources: [{ uri: `hostile://r${ESC}[2J`, name: `res <img src="file:///etc/hostname"> ${TERMINAL}`,
      description: HTML, mimeType: 'text/markdown' }] }));
  server.setRequestHandler(ReadResourceRequestSchema, async (request) => ({
    contents: [{ uri: request.params.uri, mimeType: 'text/markdown', text: MARKDOWN }] }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const name = request.params.name;
    const token = request.params._meta?.progressToken;
    if (name === 'noisy') {
      await extra.sendNotification({ method: 'notifications/message',
        params: { level: 'warning', logger: `log${ESC}[2J`, data: `logged ${TERMINAL}\nsecond <b>line</b>` } });
      if (token !== undefined)
        await extra.sendNotification({ method: 'notifications/progress',
          params: { progressToken: token, progress: 1, total: 2, message: `step ${TERMINAL}\nnext` } });
      return { content: [{ type: 'text', text: `done ${TERMINAL}\nline two\tcell` }] };
    }
    if (name === 'markdown')
      return { content: [{ type: 'text', text: MARKDOWN }] };
    if (name === 'ask') {
      const answer = await extra.sendRequest({
        method: 'elicitation/create',
        params: {
          message: `Please confirm ${HTML} ${TERMINAL}`,
          requestedSchema: { type: 'object', properties: {
            choice: { type: 'string', title: `<b>Choice</b> ${ESC}[1m`, description: HTML },
          } },
        },
      }, (await import('@modelcontextprotocol/sdk/types.js')).ElicitResultSchema);
      return { content: [{ type: 'text', text: `answer: ${JSON.stringify(answer)}` }] };
    }
    if (name === 'fail')
      throw new McpError(-32000, `failed ${HTML} ${TERMINAL}`);
    return { content: [{ type: 'text', text: `called ${name} ${TERMINAL}` }] };
  });
  return server;
}

if (args.includes('--stdio')) {
  await makeServer().connect(new StdioServerTransport());
} else {
  const port = Number(opt('port', '0'));
  // With sessions: the answer to the server's own request (elicitation) comes in a
  // POST of its own and must reach the server that asked.
  const sessions = new Map();
  const httpServer = http.createServer(async (req, res) => {
    if (!req.url.startsWith('/mcp')) { res.writeHead(404).end(); return; }
    const id = req.headers['mcp-session-id'];
    let transport = id ? sessions.get(id) : undefined;
    if (!transport) {
      if (req.method !== 'POST' || id) { res.writeHead(id ? 404 : 405).end(); return; }
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (sid) => sessions.set(sid, transport),
      });
      transport.onclose = () => { if (transport.sessionId) sessions.delete(transport.sessionId); };
      await makeServer().connect(transport);
    }
    await transport.handleRequest(req, res);
  });
  httpServer.listen(port, '127.0.0.1', () => console.log(`listening ${httpServer.address().port}`));
}
