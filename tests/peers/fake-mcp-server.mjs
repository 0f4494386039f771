// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// A small MCP server of the project's own, for behaviour no real peer shows:
// pagination (no real peer sends nextCursor) and faults (HTML errors, broken JSON,
// streams cut mid-event, unsupported versions, silence, 401, a 100 MB event
// without a newline, one byte per second), and a server that wants an API key header
// (--mode apikey --api-key VALUE).
//
//   node fake-mcp-server.mjs --port P --mode MODE
//
// Listens on 127.0.0.1 only. Prints "listening P" when ready and one line
// "received <method>" per JSON-RPC message it gets, so tests can see what arrived.
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const port = Number(opt('port', '0'));
const mode = opt('mode', 'paging');

const PAGE_SIZE = 3;
const TOOLS = Array.from({ length: 8 }, (_, i) => ({
  name: `tool-${i + 1}`,
  description: `Paged tool number ${i + 1}`,
  inputSchema: { type: 'object', properties: {} },
}));
const RESOURCES = Array.from({ length: 5 }, (_, i) => ({
  uri: `fake://resource/${i + 1}`, name: `Resource ${i + 1}`,
}));
const PROMPTS = Array.from({ length: 4 }, (_, i) => ({ name: `prompt-${i + 1}` }));

function page(items, cursor) {
  const start = cursor ? Number(Buffer.from(cursor, 'base64url').toString()) : 0;
  const slice = items.slice(start, start + PAGE_SIZE);
  const next = start + PAGE_SIZE < items.length
    ? Buffer.from(String(start + PAGE_SIZE)).toString('base64url') : undefined;
  return next ? { slice, next } : { slice };
}

let sessionCounter = 0;
let currentSession = '';
let requestsInSession = 0;

function json(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function result(id, r) { return { jsonrpc: '2.0', id, result: r }; }

function initResult(msg, version) {
  return result(msg.id, {
    protocolVersion: version ?? msg.params?.protocolVersion,
    capabilities: { tools: { listChanged: true }, resources: {}, prompts: {}, logging: {} },
    serverInfo: { name: `fake-${mode}`, version: '1.0.0' },
  });
}

function handle(msg, req, res) {
  console.log(`received ${msg.method ?? 'response'}`);
  if (msg.id === undefined || msg.method === undefined) {
    res.writeHead(202);
    res.end();
    return;
  }
  if (mode === 'redirect') {
    // Sends every request elsewhere (--redirect-to URL): another origin must never
    // receive the client's Authorization header.
    res.writeHead(307, { Location: opt('redirect-to', 'http://127.0.0.1:9/mcp') });
    res.end();
    return;
  }
  if (mode === 'apikey' && req.headers['x-api-key'] !== opt('api-key', '')) {
    // A server that wants an API key header (as many hosted servers do).
    return json(res, 401, { jsonrpc: '2.0', id: msg.id, error: { code: -32001, message: 'API key missing or wrong' } });
  }
  if (mode === 'unauthorized') {
    res.writeHead(401, {
      'WWW-Authenticate': 'Bearer resource_metadata="http://127.0.0.1/.well-known/oauth-protected-resource"',
    });
    res.end();
    return;
  }
  if (mode === 'forgetful' && msg.method !== 'initialize') {
    // Forgets every session after it answered two requests in it: 404, as the spec says.
    const sid = req.headers['mcp-session-id'];
    if (sid !== currentSession || requestsInSession >= 2) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32001, message: 'Session not found' } }));
      return;
    }
    if (msg.id !== undefined) requestsInSession++;
  }
  if (msg.method === 'initialize') {
    if (mode === 'forgetful') {
      sessionCounter++;
      currentSession = `fake-session-${sessionCounter}`;
      requestsInSession = 0;
      return json(res, 200, initResult(msg), { 'Mcp-Session-Id': currentSession });
    }
    if (mode === 'badversion') return json(res, 200, initResult(msg, '1999-01-01'));
    if (mode === 'html500') {
      res.writeHead(500, { 'Content-Type': 'text/html' });
      res.end('<!DOCTYPE html><html><body><h1>Internal Server Error</h1><p>Something broke</p></body></html>');
      return;
    }
    if (mode === 'notjson') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"jsonrpc": "2.0", "id": 1, "result": {oops');
      return;
    }
    return json(res, 200, initResult(msg), { 'Mcp-Session-Id': 'fake-session-1' });
  }
  switch (msg.method) {
    case 'tools/list': {
      if (mode === 'loopcursor') return json(res, 200, result(msg.id, { tools: TOOLS.slice(0, 1), nextCursor: 'again' }));
      const p = page(TOOLS, msg.params?.cursor);
      return json(res, 200, result(msg.id, { tools: p.slice, ...(p.next ? { nextCursor: p.next } : {}) }));
    }
    case 'resources/list': {
      const p = page(RESOURCES, msg.params?.cursor);
      return json(res, 200, result(msg.id, { resources: p.slice, ...(p.next ? { nextCursor: p.next } : {}) }));
    }
    case 'prompts/list': {
      const p = page(PROMPTS, msg.params?.cursor);
      return json(res, 200, result(msg.id, { prompts: p.slice, ...(p.next ? { nextCursor: p.next } : {}) }));
    }
    case 'tools/call': {
      if (mode === 'cutstream' || mode === 'cutstream-id') {
        // Start an SSE answer, send half an event, then drop the connection.
        // With an event id the client may try to resume (this server answers 405).
        res.writeHead(200, { 'Content-Type': 'text/event-stream' });
        res.write(mode === 'cutstream-id' ? `id: 1\nretry: ${opt('retry-ms', '100')}\ndata: \n\n` : ': no ids here\n\n');
        res.write('event: message\ndata: {"jsonrpc":"2.0","id":' + msg.id + ',"result":{"con');
        setTimeout(() => res.socket.destroy(), 50);
        return;
      }
      if (mode === 'silent') return; // never answers
      if (mode === 'hugeevent') {
        // One SSE event of 100 MB without a single newline, written as fast as the
        // client reads; stops when the client hangs up.
        res.writeHead(200, { 'Content-Type': 'text/event-stream' });
        res.write('event: message\ndata: ');
        const chunk = Buffer.alloc(1024 * 1024, 'x');
        let left = 100;
        const pump = () => {
          while (left > 0) {
            --left;
            if (!res.write(chunk)) return res.once('drain', pump);
          }
          res.end();
        };
        res.on('close', () => { left = 0; });
        pump();
        return;
      }
      if (mode === 'trickle') {
        // One byte per second of a valid answer, for as long as the client listens.
        const body = 'event: message\ndata: ' + JSON.stringify(result(msg.id, { content: [{ type: 'text', text: 'slow' }] })) + '\n\n';
        res.writeHead(200, { 'Content-Type': 'text/event-stream' });
        let i = 0;
        const timer = setInterval(() => {
          if (i >= body.length) { clearInterval(timer); res.end(); return; }
          res.write(body[i++]);
        }, 1000);
        res.on('close', () => {
          clearInterval(timer);
          if (i < body.length) console.log('closed tools/call'); // the client hung up
        });
        return;
      }
      if (msg.params?.name === 'add-tool') {
        // Answer on an SSE stream: first tools/list_changed, then the result.
        TOOLS.push({ name: `tool-${TOOLS.length + 1}`, inputSchema: { type: 'object' } });
        res.writeHead(200, { 'Content-Type': 'text/event-stream' });
        res.write(`event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' })}\n\n`);
        res.end(`event: message\ndata: ${JSON.stringify(result(msg.id, { content: [{ type: 'text', text: 'added' }] }))}\n\n`);
        return;
      }
      if (mode === 'rpcerror') {
        return json(res, 200, { jsonrpc: '2.0', id: msg.id, error: { code: -32603, message: 'Database is on fire' } });
      }
      return json(res, 200, result(msg.id, { content: [{ type: 'text', text: 'ok' }] }));
    }
    default:
      return json(res, 200, result(msg.id, {}));
  }
}

// --tls DIR: serve HTTPS with DIR/key.pem and DIR/cert.pem (a test's self-signed pair).
const tlsDir = opt('tls', '');
// --mode oauth-evil: a server whose sign-in metadata points the browser at
// --auth-endpoint (javascript:, shell metacharacters …).
const evilEndpoint = opt('auth-endpoint', 'javascript:alert(1)');
function serveEvilMetadata(req, res) {
  const base = `http://127.0.0.1:${server.address().port}`;
  if (req.url.startsWith('/.well-known/oauth-protected-resource')) {
    json(res, 200, { resource: `${base}/mcp`, authorization_servers: [base] });
    return true;
  }
  if (req.url.startsWith('/.well-known/oauth-authorization-server')) {
    json(res, 200, {
      issuer: base, authorization_endpoint: evilEndpoint, token_endpoint: `${base}/token`,
      registration_endpoint: `${base}/register`, code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['none'], response_types_supported: ['code'],
    });
    return true;
  }
  return false;
}

const listener = (req, res) => {
  if (mode === 'oauth-evil') {
    if (req.method === 'GET' && serveEvilMetadata(req, res)) return;
    if (req.method === 'POST' && req.url === '/register') {
      console.log('received register');
      return json(res, 201, { client_id: 'evil-client', redirect_uris: [] });
    }
    if (req.method === 'POST' && req.url === '/mcp') {
      const base = `http://127.0.0.1:${server.address().port}`;
      res.writeHead(401, { 'WWW-Authenticate': `Bearer resource_metadata="${base}/.well-known/oauth-protected-resource/mcp"` });
      res.end();
      return;
    }
  }
  if (req.method === 'DELETE') { console.log('received DELETE'); res.writeHead(200); res.end(); return; }
  if (req.method === 'GET') { console.log(`received GET ${req.headers['last-event-id'] ?? ''}`.trim()); res.writeHead(405); res.end(); return; }
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    let msg;
    try { msg = JSON.parse(body); } catch { return json(res, 400, { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } }); }
    const seen = {};
    for (const h of ['mcp-protocol-version', 'mcp-session-id', 'x-mcpdesk-test', 'authorization']) {
      if (req.headers[h] !== undefined) seen[h] = h === 'authorization' ? '(present)' : req.headers[h];
    }
    console.log(`headers ${msg.method ?? 'response'} ${JSON.stringify(seen)}`);
    handle(msg, req, res);
  });
};
const server = tlsDir
  ? https.createServer({ key: fs.readFileSync(`${tlsDir}/key.pem`), cert: fs.readFileSync(`${tlsDir}/cert.pem`) }, listener)
  : http.createServer(listener);
server.listen(port, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.on('SIGTERM', () => process.exit(0));
