// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// A legacy (2025-11-25) stdio MCP server that ends as soon as it gets a request it
// does not know before `initialize` — as some servers of the handshake era do when
// a client probes with server/discover. Answers initialize, tools/list and an
// `echo` tool; writes "started" to stderr each time it starts.
import readline from 'node:readline';

process.stderr.write('started\n');
let initialized = false;
const send = (msg) => process.stdout.write(JSON.stringify(msg) + '\n');
const rl = readline.createInterface({ input: process.stdin });
rl.on('line', (line) => {
  let msg;
  try { msg = JSON.parse(line); } catch { process.exit(2); }
  if (msg.id === undefined) return; // notifications
  switch (msg.method) {
    case 'initialize':
      initialized = true;
      return send({ jsonrpc: '2.0', id: msg.id, result: {
        protocolVersion: '2025-11-25', capabilities: { tools: {} },
        serverInfo: { name: 'exits-on-unknown', version: '1.0.0' } } });
    case 'tools/list':
      return send({ jsonrpc: '2.0', id: msg.id, result: { tools: [{
        name: 'echo', inputSchema: { type: 'object', properties: { message: { type: 'string' } } } }] } });
    case 'tools/call':
      return send({ jsonrpc: '2.0', id: msg.id, result: {
        content: [{ type: 'text', text: `Echo: ${msg.params?.arguments?.message ?? ''}` }] } });
    default:
      if (!initialized) process.exit(1);
      return send({ jsonrpc: '2.0', id: msg.id, error: { code: -32601, message: 'Method not found' } });
  }
});
