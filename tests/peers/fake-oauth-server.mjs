// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// An MCP server with its own tiny authorization server, of the project's own,
// for what no real peer here does on demand: short-lived tokens, refresh-token
// rotation, a refresh that gets refused, revocation.
//
//   node fake-oauth-server.mjs --port P [--token-seconds N] [--hide-expiry]
//        [--deny DESCRIPTION] [--iss exact|slash|wrong|none] [--iss-supported]
//        [--metadata-issuer-slash] [--hang-token] [--tls DIR]
//
// --deny: the authorization endpoint answers error=access_denied with that
// error_description (form-encoded: spaces as "+"). --iss: the `iss` of the
// authorization response is the issuer, the issuer with a "/" added, another
// issuer, or left out. --iss-supported: the metadata says responses carry `iss`.
// --metadata-issuer-slash: the metadata's `issuer` has a "/" the PRM's does not.
// --hang-token: the token endpoint takes each request and never answers ("token hang").
// --tls DIR: everything over HTTPS with DIR/key.pem and DIR/cert.pem (a test's own CA).
//
// 127.0.0.1 only. Prints "listening P", then one line per event: "register",
// "authorize", "token code", "refresh <refresh-token>", "refresh refused",
// "revoke <token>", "mcp <method> ok|401".
// GET /control/refuse-refresh makes every later refresh fail with invalid_grant.
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { createHash } from 'node:crypto';

const args = process.argv.slice(2);
const opt = (name, def) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : def; };
const port = Number(opt('port', '0'));
const tokenSeconds = Number(opt('token-seconds', '2'));
const hideExpiry = args.includes('--hide-expiry');
const deny = opt('deny', null);
const issMode = opt('iss', 'exact');
const issSupported = args.includes('--iss-supported');
const metadataIssuerSlash = args.includes('--metadata-issuer-slash');
const hangToken = args.includes('--hang-token');
const tlsDir = opt('tls', '');

let generation = 0;
let accessToken = null;
let accessExpires = 0;
let refreshToken = null;
let refuseRefresh = false;
const codes = new Map(); // code -> {challenge, redirect}

const base = () => `${tlsDir ? 'https' : 'http'}://127.0.0.1:${server.address().port}`;
function json(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
function issue(res) {
  generation++;
  accessToken = `at-${generation}-${Math.random().toString(36).slice(2)}`;
  refreshToken = `rt-${generation}-${Math.random().toString(36).slice(2)}`;
  accessExpires = Date.now() + tokenSeconds * 1000;
  json(res, 200, { access_token: accessToken, token_type: 'Bearer', refresh_token: refreshToken,
    scope: 'mcp', ...(hideExpiry ? {} : { expires_in: tokenSeconds }) });
}
function readBody(req, cb) { let b = ''; req.setEncoding('utf8'); req.on('data', (c) => { b += c; }); req.on('end', () => cb(b)); }

const listener = (req, res) => {
  const url = new URL(req.url, base());
  if (req.method === 'GET' && url.pathname === '/control/refuse-refresh') { refuseRefresh = true; res.end('ok'); return; }
  if (req.method === 'GET' && url.pathname.startsWith('/.well-known/oauth-protected-resource')) {
    return json(res, 200, { resource: `${base()}/mcp`, authorization_servers: [base()], scopes_supported: ['mcp'] });
  }
  if (req.method === 'GET' && url.pathname === '/.well-known/oauth-authorization-server') {
    return json(res, 200, { issuer: metadataIssuerSlash ? `${base()}/` : base(),
      ...(issSupported ? { authorization_response_iss_parameter_supported: true } : {}),
      authorization_endpoint: `${base()}/authorize`, token_endpoint: `${base()}/token`,
      registration_endpoint: `${base()}/register`, revocation_endpoint: `${base()}/revoke`,
      code_challenge_methods_supported: ['S256'], grant_types_supported: ['authorization_code', 'refresh_token'],
      token_endpoint_auth_methods_supported: ['none'], response_types_supported: ['code'], scopes_supported: ['mcp'] });
  }
  if (req.method === 'GET' && url.pathname === '/authorize') {
    console.log('authorize');
    const code = `code-${Math.random().toString(36).slice(2)}`;
    codes.set(code, { challenge: url.searchParams.get('code_challenge'), redirect: url.searchParams.get('redirect_uri') });
    const to = new URL(url.searchParams.get('redirect_uri'));
    if (deny !== null) {
      to.searchParams.set('error', 'access_denied');
      to.searchParams.set('error_description', deny);
    } else {
      to.searchParams.set('code', code);
    }
    to.searchParams.set('state', url.searchParams.get('state'));
    const iss = { exact: base(), slash: `${base()}/`, wrong: 'http://issuer.invalid' }[issMode];
    if (iss) to.searchParams.set('iss', iss);
    res.writeHead(302, { Location: to.toString() });
    res.end();
    return;
  }
  readBody(req, (body) => {
    if (url.pathname === '/register') {
      console.log('register');
      return json(res, 201, { client_id: 'fake-client', token_endpoint_auth_method: 'none' });
    }
    if (url.pathname === '/token') {
      if (hangToken) { console.log('token hang'); return; }
      const p = new URLSearchParams(body);
      if (p.get('grant_type') === 'authorization_code') {
        const c = codes.get(p.get('code'));
        codes.delete(p.get('code'));
        const ok = c && createHash('sha256').update(p.get('code_verifier') ?? '').digest('base64url') === c.challenge
          && p.get('redirect_uri') === c.redirect && p.get('resource') === `${base()}/mcp`;
        if (!ok) return json(res, 400, { error: 'invalid_grant', error_description: 'bad code, verifier, redirect or resource' });
        console.log('token code');
        return issue(res);
      }
      if (p.get('grant_type') === 'refresh_token') {
        const given = p.get('refresh_token');
        if (refuseRefresh || given !== refreshToken || p.get('resource') !== `${base()}/mcp`) {
          console.log('refresh refused');
          return json(res, 400, { error: 'invalid_grant', error_description: 'The refresh token is no longer valid' });
        }
        console.log(`refresh ${given}`);
        return issue(res);
      }
      return json(res, 400, { error: 'unsupported_grant_type' });
    }
    if (url.pathname === '/revoke') {
      const p = new URLSearchParams(body);
      console.log(`revoke ${p.get('token')}`);
      if (p.get('token') === refreshToken) { refreshToken = null; accessToken = null; }
      res.writeHead(200); res.end();
      return;
    }
    if (url.pathname === '/mcp' && req.method === 'POST') {
      let msg = {};
      try { msg = JSON.parse(body); } catch {}
      const auth = req.headers.authorization ?? '';
      if (auth !== `Bearer ${accessToken}` || !accessToken || Date.now() > accessExpires) {
        console.log(`mcp ${msg.method} 401`);
        res.writeHead(401, { 'WWW-Authenticate': `Bearer error="invalid_token", resource_metadata="${base()}/.well-known/oauth-protected-resource/mcp"` });
        res.end();
        return;
      }
      console.log(`mcp ${msg.method} ok`);
      if (msg.id === undefined) { res.writeHead(202); res.end(); return; }
      const result = msg.method === 'initialize'
        ? { protocolVersion: msg.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'fake-oauth', version: '1' } }
        : msg.method === 'tools/list' ? { tools: [{ name: 'echo', inputSchema: { type: 'object' } }] }
        : msg.method === 'tools/call' ? { content: [{ type: 'text', text: `ok ${generation}` }] } : {};
      return json(res, 200, { jsonrpc: '2.0', id: msg.id, result });
    }
    res.writeHead(404); res.end();
  });
};
const server = tlsDir
  ? https.createServer({ key: fs.readFileSync(`${tlsDir}/key.pem`), cert: fs.readFileSync(`${tlsDir}/cert.pem`) }, listener)
  : http.createServer(listener);
server.listen(port, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.on('SIGTERM', () => process.exit(0));
