// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// Small local stand-ins of GitHub's, Notion's and X's OAuth endpoints (the real
// ones are on the internet). Each checks the exact request its provider requires
// and answers in that provider's real response shape. Prints one line per request
// with what it saw, e.g. "github token accept=json auth=post verifier=yes".
//
//   node fake-providers.mjs --port P     (127.0.0.1 only; prints "listening P")
import http from 'node:http';
import { createHash } from 'node:crypto';

const args = process.argv.slice(2);
const port = Number(args[args.indexOf('--port') + 1] ?? 0);
const challenges = new Map(); // code -> code_challenge
let devicePolls = 0;
let n = 0;

function send(res, status, body, type = 'application/json') {
  res.writeHead(status, { 'Content-Type': type });
  res.end(type === 'application/json' ? JSON.stringify(body) : body);
}
function redirectWithCode(res, url, prefix) {
  const code = `${prefix}-code-${++n}`;
  challenges.set(code, url.searchParams.get('code_challenge'));
  const to = new URL(url.searchParams.get('redirect_uri'));
  to.searchParams.set('code', code);
  to.searchParams.set('state', url.searchParams.get('state'));
  res.writeHead(302, { Location: to.toString() });
  res.end();
}
function verifierOk(code, verifier) {
  const c = challenges.get(code);
  return !!c && !!verifier && createHash('sha256').update(verifier).digest('base64url') === c;
}
function basic(req) {
  const h = req.headers.authorization ?? '';
  if (!h.startsWith('Basic ')) return null;
  const [id, secret] = Buffer.from(h.slice(6), 'base64').toString().split(':').map(decodeURIComponent);
  return { id, secret };
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, `http://127.0.0.1:${server.address().port}`);
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    const form = new URLSearchParams(body);
    const json = (() => { try { return JSON.parse(body); } catch { return null; } })();
    const acceptJson = (req.headers.accept ?? '').includes('application/json');
    // ---- GitHub (OAuth App + device flow)
    if (url.pathname === '/github/login/oauth/authorize') {
      console.log(`github authorize scope=${url.searchParams.get('scope')}`);
      return redirectWithCode(res, url, 'gh');
    }
    if (url.pathname === '/github/login/device/code') {
      console.log(`github device scope=${form.get('scope')} secret=${form.has('client_secret') ? 'yes' : 'no'}`);
      devicePolls = 0;
      return send(res, 200, { device_code: 'gh-device-code', user_code: 'WDJB-MJHT',
        verification_uri: `http://127.0.0.1:${server.address().port}/github/login/device`, expires_in: 900, interval: 1 });
    }
    if (url.pathname === '/github/login/device') { console.log('github device page'); return send(res, 200, '<p>Enter the code</p>', 'text/html'); }
    if (url.pathname === '/github/login/oauth/access_token') {
      let out;
      if (form.get('grant_type') === 'urn:ietf:params:oauth:grant-type:device_code') {
        devicePolls++;
        console.log(`github device poll ${devicePolls} secret=${form.has('client_secret') ? 'yes' : 'no'}`);
        // GitHub answers these with HTTP 200 and an "error" member.
        if (devicePolls === 1) out = { error: 'authorization_pending' };
        else if (devicePolls === 2) out = { error: 'slow_down', interval: 6 };
        else out = { access_token: 'gho_device_token', token_type: 'bearer', scope: 'repo,read:user' };
      } else {
        const ok = form.get('client_id') === 'gh-client' && form.get('client_secret') === 'gh-secret' && challenges.has(form.get('code'));
        console.log(`github token accept=${acceptJson ? 'json' : 'other'} auth=${form.has('client_secret') ? 'post' : 'none'} verifier=${verifierOk(form.get('code'), form.get('code_verifier')) ? 'yes' : 'no'}`);
        out = ok ? { access_token: 'gho_browser_token', token_type: 'bearer', scope: 'repo,read:user' }
          : { error: 'bad_verification_code', error_description: 'The code passed is incorrect or expired.' };
      }
      // Without Accept: application/json, GitHub answers form-encoded.
      if (!acceptJson) return send(res, 200, new URLSearchParams(out).toString(), 'application/x-www-form-urlencoded');
      return send(res, 200, out);
    }
    // ---- Notion (public integration)
    if (url.pathname === '/notion/v1/oauth/authorize') {
      console.log(`notion authorize owner=${url.searchParams.get('owner')}`);
      if (url.searchParams.get('owner') !== 'user') return send(res, 400, { error: 'invalid_request' });
      return redirectWithCode(res, url, 'notion');
    }
    if (url.pathname === '/notion/v1/oauth/token') {
      const b = basic(req);
      const isJson = (req.headers['content-type'] ?? '').startsWith('application/json');
      console.log(`notion token ${json?.grant_type} basic=${b ? 'yes' : 'no'} json=${isJson ? 'yes' : 'no'}`);
      if (!b || b.id !== 'notion-client' || b.secret !== 'notion-secret' || !isJson) return send(res, 401, { error: 'invalid_client' });
      return send(res, 200, { access_token: `ntn_token_${++n}`, token_type: 'bearer', refresh_token: `ntn_refresh_${n}`, bot_id: 'b1',
        workspace_name: 'Test workspace', workspace_icon: null, workspace_id: 'w1', owner: { type: 'user', user: { id: 'u1' } }, duplicated_template_id: null });
    }
    // ---- X (OAuth 2.0 with PKCE)
    if (url.pathname === '/x/i/oauth2/authorize') {
      console.log(`x authorize pkce=${url.searchParams.get('code_challenge_method')} scope=${url.searchParams.get('scope')}`);
      if (url.searchParams.get('code_challenge_method') !== 'S256') return send(res, 400, { error: 'invalid_request' });
      return redirectWithCode(res, url, 'x');
    }
    if (url.pathname === '/x/2/oauth2/token') {
      const b = basic(req);
      const grant = form.get('grant_type');
      console.log(`x token ${grant} basic=${b ? 'yes' : 'no'} verifier=${grant === 'authorization_code' ? (verifierOk(form.get('code'), form.get('code_verifier')) ? 'yes' : 'no') : '-'}`);
      if (!b || b.id !== 'x-client' || b.secret !== 'x-secret') return send(res, 401, { error: 'unauthorized_client' });
      if (grant === 'authorization_code' && !verifierOk(form.get('code'), form.get('code_verifier'))) return send(res, 400, { error: 'invalid_request' });
      return send(res, 200, { token_type: 'bearer', expires_in: 7200, access_token: `x_access_${++n}`,
        scope: 'tweet.read users.read offline.access', refresh_token: `x_refresh_${n}` });
    }
    res.writeHead(404); res.end();
  });
});
server.listen(port, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.on('SIGTERM', () => process.exit(0));
