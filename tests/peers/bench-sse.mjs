// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// SSE parsing throughput of the TypeScript SDK's pipeline (TextDecoderStream +
// eventsource-parser's EventSourceParserStream, as its Streamable HTTP client reads
// a response) and of eventsource-parser alone on pre-decoded text, over the files
// bench/sse_bench wrote. Prints lines like sse_bench: "<stream> <reader> <chunk> <MB/s> <min> <max>".
//   node bench-sse.mjs DIR [--runs R]   (here, beside the pinned eventsource-parser)
import fs from 'node:fs';
import { createParser } from 'eventsource-parser';
import { EventSourceParserStream } from 'eventsource-parser/stream';

const dir = process.argv[2];
const ri = process.argv.indexOf('--runs');
const runs = ri > 0 ? Number(process.argv[ri + 1]) : 5;

function chunks(buf, size) {
  const out = [];
  for (let i = 0; i < buf.length; i += size) out.push(buf.subarray(i, Math.min(i + size, buf.length)));
  return out;
}

async function sdkPipeline(buf, size) {
  const parts = chunks(buf, size);
  let events = 0;
  const t = process.hrtime.bigint();
  const source = new ReadableStream({
    start(c) { for (const p of parts) c.enqueue(p); c.close(); },
  });
  const reader = source.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    events += value.data.length > 0 ? 1 : 0;
  }
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  return [buf.length / 1e6 / s, events];
}

function parserAlone(text, bytes, size) {
  let events = 0;
  const p = createParser({ onEvent: () => { ++events; } });
  const t = process.hrtime.bigint();
  for (let i = 0; i < text.length; i += size) p.feed(text.slice(i, i + size));
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  return [bytes / 1e6 / s, events];
}

function report(stream, reader, chunk, values) {
  values.sort((a, b) => a - b);
  const f = (x) => x.toFixed(x < 10 ? 3 : 1);
  console.log(`${stream} ${reader} ${chunk} ${f(values[values.length >> 1])} ${f(values[0])} ${f(values[values.length - 1])}`);
}

for (const [name, file] of [['small-events', 'small.sse'], ['1MiB-events', 'big.sse']]) {
  const buf = fs.readFileSync(`${dir}/${file}`);
  const text = buf.toString('utf8');
  const sdk = [], alone = [];
  for (let r = 0; r < runs; ++r) {
    sdk.push((await sdkPipeline(buf, 64 * 1024))[0]);
    alone.push(parserAlone(text, buf.length, 64 * 1024)[0]);
  }
  report(name, 'sdk-pipeline', '64KiB', sdk);
  report(name, 'eventsource-parser', '64KiB', alone);
}
{
  const buf = fs.readFileSync(`${dir}/small-tiny.sse`);
  const sdk = [];
  for (let r = 0; r < runs; ++r) sdk.push((await sdkPipeline(buf, 1))[0]);
  report('small-events', 'sdk-pipeline', '1B', sdk);
}
