// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// A small HTTP proxy of the project's own, in front of a real server, that cuts
// one SSE answer in the middle of an event — the fault a flaky network produces
// and no real server does on purpose.
//
//   node cutting-proxy.mjs --port P --upstream http://127.0.0.1:Q --cut-after-events N
//                          [--delay-get MS]
//
// The first POST answer streamed as text/event-stream is forwarded for N complete
// events (N < 0: never cut), then half of the next chunk, then the client connection
// is destroyed. Everything else (GET with Last-Event-ID included) passes through
// untouched; with --delay-get, each GET only after MS milliseconds, as a slow path
// for long-lived streams does.
// Prints "listening P", then "cut" when it cut, and "get <last-event-id>" per GET.
import http from 'node:http';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const port = Number(opt('port', '0'));
const upstream = new URL(opt('upstream', 'http://127.0.0.1:3001'));
const cutAfter = Number(opt('cut-after-events', '2'));
const delayGet = Number(opt('delay-get', '0'));
let cutDone = cutAfter < 0;

const server = http.createServer((req, res) => {
  if (req.method === 'GET') {
    console.log(`get ${req.headers['last-event-id'] ?? ''}`.trim());
    if (delayGet > 0) {
      req.pause();
      setTimeout(() => forward(req, res), delayGet);
      return;
    }
  }
  forward(req, res);
});

function forward(req, res) {
  const headers = { ...req.headers, host: upstream.host };
  const up = http.request({ hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers }, (ur) => {
    res.writeHead(ur.statusCode, ur.headers);
    const isSse = (ur.headers['content-type'] ?? '').startsWith('text/event-stream');
    if (!(req.method === 'POST' && isSse && !cutDone)) {
      ur.pipe(res);
      return;
    }
    let events = 0;
    ur.on('data', (chunk) => {
      if (cutDone) return;
      const text = chunk.toString('utf8');
      const complete = text.split('\n\n').length - 1;
      if (events + complete <= cutAfter) {
        events += complete;
        res.write(chunk);
        return;
      }
      // Forward half of this chunk, ending inside an event, then drop the line.
      cutDone = true;
      res.write(chunk.subarray(0, Math.max(1, Math.floor(chunk.length / 2))));
      console.log('cut');
      setTimeout(() => { res.socket?.destroy(); ur.destroy(); }, 20);
    });
    ur.on('end', () => { if (!cutDone) res.end(); });
  });
  up.on('error', () => { try { res.writeHead(502); res.end(); } catch {} });
  req.pipe(up);
  req.resume();
}
server.listen(port, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.on('SIGTERM', () => process.exit(0));
