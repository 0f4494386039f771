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
// arrived and how. On either wire --log also gets {event: ...} lines for what the
// tools saw (a cancelled slow call, a request state that came back changed).
//
// Tools that need the person (written once: on 2026-07-28 they answer
// `input_required`, on 2025-11-25 the SDK turns that into the server's own
// elicitation/sampling/roots requests; HTTP's stateless 2025 leg has no session for
// those and refuses):
//   ask-name (form), ask-visit (URL), ask-model (sampling), ask-roots (roots).
// Tools that change the server: add-tool {name} (a new tool: tools list_changed),
// update-note {text} (dual://note: resources/updated). slow {seconds}: progress each
// second, ends early when cancelled. With --state FILE, what these change is kept in
// FILE and followed from it: stdio servers of different clients see one another's
// changes (a watcher in one process, the change made through another).
// Over HTTP, broken streams on purpose: reading dual://flaky breaks the answer's event
// stream the first time (then answers), and calling break-stream always does.
// Icons (MCP 2025-11-25), over HTTP served from /icons/ on its own address: the server's
// and echo's a PNG there (a light and a dark one for the server), route's an SVG with a
// script, count's on another host of this computer (another origin), ask-name's on a
// remote http: host, ask-visit's a 50 MB "PNG"; slow's and greet's are data: URIs.
import fs from 'node:fs';
import http from 'node:http';
import { McpServer, createMcpHandler, fromJsonSchema, inputRequired, inputResponse } from '@modelcontextprotocol/server';
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
const stateFile = opt('state', '');
const logEvent = (event) => {
  if (logFile) fs.appendFileSync(logFile, JSON.stringify(event) + '\n');
};

// What the change tools changed, shared by every instance (HTTP builds one per request).
const added = [];
let note = 'The first note.';
let notifier = { toolsChanged() {}, resourceUpdated() {} };
const instances = new Set(); // stdio: the pinned instance tells its own client

function addTool(name) {
  if (added.includes(name)) return;
  added.push(name);
  for (const s of instances) {
    try { registerAdded(s, name); } catch { /* a closed probe instance */ } // stdio: sends list_changed itself
  }
  notifier.toolsChanged();
}
function setNote(text) {
  if (text === note) return;
  note = text;
  for (const s of instances)
    s.server.sendResourceUpdated({ uri: 'dual://note' }).catch(() => {});
  notifier.resourceUpdated('dual://note');
}
function saveState() {
  if (stateFile) fs.writeFileSync(stateFile, JSON.stringify({ added, note }));
}
if (stateFile) {
  const follow = () => {
    let saved;
    try { saved = JSON.parse(fs.readFileSync(stateFile, 'utf8')); } catch { return; }
    for (const name of saved.added ?? []) addTool(name);
    if (typeof saved.note === 'string') setNote(saved.note);
  };
  follow();
  fs.watchFile(stateFile, { interval: 100 }, follow).unref(); // never what keeps it running
}

function registerAdded(server, name) {
  server.registerTool(name, { description: `Added by add-tool.`, inputSchema: z.object({}) },
    async () => ({ content: [{ type: 'text', text: `${name} ran` }] }));
}

// The state a round carries: checked when it comes back, as a server must.
const stateFor = (tool) => `${tool}:${Buffer.from(tool).toString('base64')}`;
function stateCameBack(tool, ctx) {
  const state = ctx?.mcpReq?.requestState?.();
  if (state !== undefined && state !== stateFor(tool)) {
    logEvent({ event: 'bad-state', tool, state });
    return false;
  }
  return true;
}
const answered = (ctx, key) => inputResponse(ctx?.mcpReq?.inputResponses, key);

// Icons: 16×16 PNGs (blue for light palettes, green for dark ones).
const PNG_LIGHT = 'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAFklEQVR4nGOQz39NEmIY1TCqYfhqAACg0HkQHnesywAAAABJRU5ErkJggg==';
const PNG_DARK = 'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAFklEQVR4nGPQW+BMEmIY1TCqYfhqAAAOjhEQe5pRjgAAAABJRU5ErkJggg==';
const HOSTILE_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16">' +
  '<script>fetch("http://127.0.0.1:1/")</script><rect width="16" height="16"/></svg>';
let base = ''; // http://127.0.0.1:PORT once listening (HTTP only)
const icon = (src, extra = {}) => [{ src, ...extra }];
const dataPng = `data:image/png;base64,${PNG_LIGHT}`;
const iconsOf = (tool) => {
  if (!base) return tool === 'slow' ? icon(dataPng) : undefined;
  const port = new URL(base).port;
  return {
    echo: icon(`${base}/icons/light.png`, { mimeType: 'image/png' }),
    route: icon(`${base}/icons/hostile.svg`, { mimeType: 'image/svg+xml' }),
    count: icon(`http://127.0.0.2:${port}/icons/light.png`),
    'ask-name': icon('http://icons.example.invalid/remote.png'),
    'ask-visit': icon(`${base}/icons/huge.png`),
    slow: icon(dataPng),
  }[tool];
};
function serveIcon(req, res) {
  const name = req.url.slice('/icons/'.length);
  logEvent({ event: 'icon', name, cookie: req.headers.cookie ?? null,
             authorization: req.headers.authorization ?? null });
  if (name === 'light.png' || name === 'dark.png') {
    res.writeHead(200, { 'content-type': 'image/png' });
    return res.end(Buffer.from(name === 'light.png' ? PNG_LIGHT : PNG_DARK, 'base64'));
  }
  if (name === 'hostile.svg') {
    res.writeHead(200, { 'content-type': 'image/svg+xml' });
    return res.end(HOSTILE_SVG);
  }
  if (name === 'huge.png') {
    // 50 MB: a PNG signature, then zeros, sent as long as the client reads.
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(50 * 1024 * 1024) });
    res.write(Buffer.from(PNG_LIGHT, 'base64').subarray(0, 8));
    let left = 50 * 1024 * 1024 - 8;
    const chunk = Buffer.alloc(64 * 1024);
    const more = () => {
      while (left > 0) {
        const n = Math.min(left, chunk.length);
        left -= n;
        if (!res.write(chunk.subarray(0, n))) return res.once('drain', more);
      }
      res.end();
    };
    res.on('close', () => { left = 0; });
    return more();
  }
  res.writeHead(404);
  res.end();
}

function makeServer() {
  const server = new McpServer(
    { name: 'mcpdesk-dual-era', title: 'McpDesk dual-era test server', version: '1.0.0',
      ...(base ? { icons: [{ src: `${base}/icons/light.png`, theme: 'light' },
                           { src: `${base}/icons/dark.png`, theme: 'dark' }] } : {}) },
    { capabilities: { tools: { listChanged: true }, resources: { subscribe: true, listChanged: true },
                      prompts: {}, logging: {} },
      instructions: 'A test server that speaks MCP 2026-07-28 and 2025-11-25.' });
  server.registerTool('echo', {
    title: 'Echo',
    icons: iconsOf('echo'),
    description: 'Echoes the message back.',
    inputSchema: z.object({ message: z.string() }),
  }, async ({ message }) => ({ content: [{ type: 'text', text: `Echo: ${message}` }] }));
  // SEP-2243: these arguments travel as Mcp-Param-* headers too.
  server.registerTool('route', {
    icons: iconsOf('route'),
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
    icons: iconsOf('count'),
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
  server.registerTool('ask-name', {
    icons: iconsOf('ask-name'),
    description: 'Asks for your name (a form), then greets you.',
    inputSchema: z.object({}),
  }, async (_a, ctx) => {
    if (!stateCameBack('ask-name', ctx))
      return { content: [{ type: 'text', text: 'the request state came back changed' }], isError: true };
    const a = answered(ctx, 'name');
    if (a.kind === 'missing')
      return inputRequired({
        inputRequests: { name: inputRequired.elicit({
          message: 'Who is asking?',
          requestedSchema: { type: 'object',
            properties: { name: { type: 'string', title: 'Your name' },
                          age: { type: 'integer', title: 'Age', minimum: 0 } },
            required: ['name'] } }) },
        requestState: stateFor('ask-name') });
    if (a.kind !== 'elicit' || a.action !== 'accept')
      return { content: [{ type: 'text', text: `no name: ${a.action ?? a.kind}` }] };
    const age = a.content?.age === undefined ? '' : ` (${a.content.age})`;
    return { content: [{ type: 'text', text: `Hello, ${a.content?.name}${age}!` }] };
  });
  server.registerTool('ask-visit', {
    icons: iconsOf('ask-visit'),
    description: 'Asks you to visit a page (URL elicitation).',
    inputSchema: z.object({}),
  }, async (_a, ctx) => {
    const a = answered(ctx, 'visit');
    if (a.kind === 'missing')
      return inputRequired({ inputRequests: { visit: inputRequired.elicitUrl({
        message: 'Link your account on this page.', url: 'https://example.invalid/link?code=42' }) } });
    return { content: [{ type: 'text', text: a.kind === 'elicit' && a.action === 'accept'
      ? 'visit consented' : `visit ${a.action ?? a.kind}` }] };
  });
  server.registerTool('ask-model', {
    description: 'Asks your model for a word (sampling).',
    inputSchema: z.object({}),
  }, async (_a, ctx) => {
    const a = answered(ctx, 'word');
    if (a.kind === 'missing')
      return inputRequired({ inputRequests: { word: inputRequired.createMessage({
        messages: [{ role: 'user', content: { type: 'text', text: 'Say one word.' } }],
        maxTokens: 20 }) } });
    const c = a.kind === 'sampling' ? a.result.content : undefined;
    const text = Array.isArray(c) ? c.map((x) => x.text ?? '').join('') : c?.text;
    return { content: [{ type: 'text', text: `the model said: ${text ?? '(nothing)'}` }] };
  });
  server.registerTool('ask-roots', {
    description: 'Asks which folders it may see (roots).',
    inputSchema: z.object({}),
  }, async (_a, ctx) => {
    const a = answered(ctx, 'roots');
    if (a.kind === 'missing')
      return inputRequired({ inputRequests: { roots: inputRequired.listRoots() } });
    const roots = a.kind === 'roots' ? a.roots : [];
    return { content: [{ type: 'text', text: roots.length
      ? `roots: ${roots.map((r) => r.uri).join(' ')}` : 'no roots' }] };
  });
  server.registerTool('add-tool', {
    description: 'Adds a tool with the given name (listeners hear of it).',
    inputSchema: z.object({ name: z.string().regex(/^[a-z][a-z0-9-]{0,30}$/) }),
  }, async ({ name }) => {
    addTool(name);
    saveState();
    return { content: [{ type: 'text', text: `added ${name}` }] };
  });
  server.registerTool('update-note', {
    description: 'Changes dual://note (subscribers hear of it).',
    inputSchema: z.object({ text: z.string() }),
  }, async ({ text }) => {
    setNote(text);
    saveState();
    return { content: [{ type: 'text', text: 'note updated' }] };
  });
  server.registerTool('slow', {
    icons: iconsOf('slow'),
    description: 'Takes its time: progress each second, for the given seconds.',
    inputSchema: z.object({ seconds: z.number().min(0).max(600) }),
  }, async ({ seconds }, ctx) => {
    const signal = ctx?.mcpReq?.signal;
    const token = ctx?.mcpReq?._meta?.progressToken;
    for (let i = 0; i < seconds; i++) {
      const ended = await new Promise((resolve) => {
        const t = setTimeout(() => resolve(false), 1000);
        signal?.addEventListener('abort', () => { clearTimeout(t); resolve(true); }, { once: true });
      });
      if (ended || signal?.aborted) {
        logEvent({ event: 'cancelled', tool: 'slow', after: i });
        throw new Error('cancelled');
      }
      if (token !== undefined)
        await ctx.mcpReq.notify({ method: 'notifications/progress',
                                  params: { progressToken: token, progress: i + 1, total: seconds } });
    }
    return { content: [{ type: 'text', text: `slept ${seconds} s` }] };
  });
  server.registerTool('break-stream', {
    description: 'Over HTTP, its answer stream breaks off before the answer (it ran).',
    inputSchema: z.object({}),
  }, async () => ({ content: [{ type: 'text', text: 'not broken: not over HTTP' }] }));
  server.registerResource('flaky', 'dual://flaky',
    { title: 'Flaky', mimeType: 'text/plain', description: 'Over HTTP, lost once on the way.' },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: 'text/plain', text: 'Here at last.' }] }));
  server.registerResource('note', 'dual://note',
    { title: 'Note', mimeType: 'text/plain', description: 'Changed by update-note.' },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: 'text/plain', text: note }] }));
  for (const name of added) registerAdded(server, name);
  // 2025-11-25 clients subscribe to updates (2026-07-28 ones listen instead).
  for (const method of ['resources/subscribe', 'resources/unsubscribe']) {
    try { server.server.setRequestHandler(method, async () => ({})); } catch { /* not on this era */ }
  }
  server.registerPrompt('greet', {
    icons: icon(dataPng),
    description: 'Greets someone.',
    argsSchema: z.object({ name: z.string() }),
  }, ({ name }) => ({ messages: [{ role: 'user', content: { type: 'text', text: `Say hello to ${name}.` } }] }));
  return server;
}

if (stdio) {
  // One connection: the instance it is pinned to sends its own change notifications.
  serveStdio(() => {
    const server = makeServer();
    instances.add(server);
    return server;
  }, { legacy: modernOnly ? 'reject' : 'serve' });
} else {
  const handler = createMcpHandler(makeServer, { legacy: modernOnly ? 'reject' : 'stateless' });
  notifier = handler.notify;
  let flakyBroken = false;
  const node = toNodeHandler(handler);
  const server = http.createServer(async (req, res) => {
    if (req.method === 'GET' && req.url.startsWith('/icons/')) return serveIcon(req, res);
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
    const broken = (body?.method === 'resources/read' && body.params?.uri === 'dual://flaky' && !flakyBroken)
      || (body?.method === 'tools/call' && body.params?.name === 'break-stream');
    if (broken) {
      // An event stream that starts, then breaks off before the answer.
      if (body.method === 'resources/read') flakyBroken = true;
      logEvent({ event: 'broke', tool: body.params?.name ?? body.params?.uri });
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': working\n\n');
      setTimeout(() => res.socket?.destroy(), 50);
      return;
    }
    return node(req, res, body);
  });
  // Every address of this computer's loopback (127.0.0.2 is "another host" for icons).
  server.listen(Number(opt('port', '0')), '0.0.0.0', () => {
    base = `http://127.0.0.1:${server.address().port}`;
    console.log(`listening ${server.address().port}`);
  });
}
