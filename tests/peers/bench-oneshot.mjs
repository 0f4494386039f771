// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// The one-shot reference for bench/run-oneshot.sh: the official TypeScript SDK client
// as a script — start, connect over Streamable HTTP, call `echo` once, print its text,
// exit. The same work as `mcpdesk-cli call URL echo --args '{"message":"hi"}'`.
//   node bench-oneshot.mjs URL
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const client = new Client({ name: 'bench-oneshot', version: '1.0.0' });
await client.connect(new StreamableHTTPClientTransport(new URL(process.argv[2])));
const result = await client.callTool({ name: 'echo', arguments: { message: 'hi' } });
console.log(result.content.map((c) => c.text).join('\n'));
await client.close();
