// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// The strict end-to-end sign-in peer, of the project's own configuration:
//  - oidc-provider (a certified OAuth 2.1 / OpenID server) as the authorization
//    server: open dynamic registration, PKCE S256 required, resource indicators
//    issuing JWT access tokens whose `aud` is the MCP server, short access-token
//    lifetimes, refresh-token rotation, revocation. Its interactions (login and
//    consent) are completed at once for a test user, so a test browser only has
//    to follow redirects (with cookies).
//  - a token-checking resource server in front of a real server-everything: it
//    verifies each JWT against the provider's JWKS (signature, issuer, aud, exp),
//    answers 401 with WWW-Authenticate and serves protected-resource metadata.
//
//   node strict-oauth.mjs --port P --auth-port Q --upstream http://127.0.0.1:R [--token-seconds N]
//
// 127.0.0.1 only. Prints "listening P" when both are up, then one line per event:
// "token <grant_type>", "revoke", "mcp ok", "mcp 401 <reason>".
import http from 'node:http';
import Provider, { errors } from 'oidc-provider';
import { createRemoteJWKSet, jwtVerify } from 'jose';

const args = process.argv.slice(2);
const opt = (name, def) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : def; };
const port = Number(opt('port', '0'));
const authPort = Number(opt('auth-port', '0'));
const upstream = new URL(opt('upstream', 'http://127.0.0.1:3001'));
const tokenSeconds = Number(opt('token-seconds', '60'));

const issuer = `http://127.0.0.1:${authPort}`;
const resource = `http://127.0.0.1:${port}/mcp`;
const accountId = 'mcpdesk-test-user';

const provider = new Provider(issuer, {
  clients: [],
  findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id }) }),
  scopes: ['openid', 'offline_access', 'mcp'],
  features: {
    devInteractions: { enabled: false },
    registration: { enabled: true },
    revocation: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: async () => resource,
      useGrantedResource: async () => true,
      getResourceServerInfo: async (_ctx, indicator) => {
        if (indicator !== resource) throw new errors.InvalidTarget();
        return { scope: 'mcp', audience: resource, accessTokenTTL: tokenSeconds, accessTokenFormat: 'jwt' };
      },
    },
  },
  pkce: { required: () => true },
  ttl: { AccessToken: tokenSeconds, RefreshToken: 3600, AuthorizationCode: 60, Interaction: 600, Session: 3600, Grant: 3600 },
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
  rotateRefreshToken: true,
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
});
provider.on('grant.success', (ctx) => console.log(`token ${ctx.oidc.params.grant_type}`));
provider.on('grant.revoked', () => console.log('revoke'));
provider.on('server_error', (_ctx, err) => console.error('provider error', err));

// Login and consent, granted at once for the test user.
async function interaction(req, res) {
  try {
    const details = await provider.interactionDetails(req, res);
    const { prompt, params } = details;
    if (prompt.name === 'login') {
      await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
      return;
    }
    const grant = details.grantId ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId, clientId: params.client_id });
    const d = prompt.details;
    if (d.missingOIDCScope) grant.addOIDCScope(d.missingOIDCScope.join(' '));
    if (d.missingOIDCClaims) grant.addOIDCClaims(d.missingOIDCClaims);
    if (d.missingResourceScopes) {
      for (const [indicator, scopes] of Object.entries(d.missingResourceScopes)) grant.addResourceScope(indicator, scopes.join(' '));
    }
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  } catch (e) {
    res.writeHead(500, { 'Content-Type': 'text/plain' });
    res.end(String(e));
  }
}

const authServer = http.createServer((req, res) => {
  if (req.url.startsWith('/interaction/')) return interaction(req, res);
  return provider.callback()(req, res);
});

const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`));
const challenge = `Bearer resource_metadata="http://127.0.0.1:${port}/.well-known/oauth-protected-resource/mcp"`;

const resourceServer = http.createServer(async (req, res) => {
  if (req.url.startsWith('/.well-known/oauth-protected-resource')) {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ resource, authorization_servers: [issuer], scopes_supported: ['mcp'], bearer_methods_supported: ['header'] }));
    return;
  }
  if (!req.url.startsWith('/mcp')) { res.writeHead(404); res.end(); return; }
  const auth = req.headers.authorization ?? '';
  try {
    if (!auth.startsWith('Bearer ')) throw new Error('no token');
    await jwtVerify(auth.slice(7), jwks, { issuer, audience: resource });
  } catch (e) {
    console.log(`mcp 401 ${e.code ?? e.message}`);
    res.writeHead(401, { 'WWW-Authenticate': `${challenge}, error="invalid_token"`, 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ error: 'invalid_token' }));
    return;
  }
  console.log('mcp ok');
  // The token is ours to check, not the upstream's: it is not passed on.
  const headers = { ...req.headers, host: upstream.host };
  delete headers.authorization;
  const up = http.request({ hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers }, (ur) => {
    res.writeHead(ur.statusCode, ur.headers);
    ur.pipe(res);
  });
  up.on('error', () => { try { res.writeHead(502); res.end(); } catch {} });
  req.pipe(up);
});

let up = 0;
const ready = () => { if (++up === 2) console.log(`listening ${port}`); };
authServer.listen(authPort, '127.0.0.1', ready);
resourceServer.listen(port, '127.0.0.1', ready);
process.on('SIGTERM', () => process.exit(0));
