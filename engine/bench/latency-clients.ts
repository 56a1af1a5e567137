/**
 * The latency bench's graphql-ws subscribers, in a process of their own (spawned by latency.ts), so
 * that decoding 100 k messages/s does not share an event loop with the frame source and the engine
 * pipeline (the product's clients are never in the engine's process either).
 *
 * Protocol (IPC, advanced serialisation): the parent starts it with HM_BENCH_WS_URL,
 * HM_BENCH_SUBSCRIBERS, HM_BENCH_QUERY and HM_BENCH_API_KEY (sent in connectionParams); the child answers `{ type: 'ready' }` once every
 * subscriber has received its first result; `{ type: 'record', on }` starts/stops recording;
 * `{ type: 'report' }` is answered with the samples (receive time − send time, ms; both
 * `performance.timeOrigin + performance.now()`, comparable across processes) in `samples` batches,
 * then `{ type: 'done', count }`. The child exits when the IPC channel closes.
 */
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { nowMs } from './stats.js';

const url = process.env.HM_BENCH_WS_URL ?? '';
const subscribers = Number(process.env.HM_BENCH_SUBSCRIBERS ?? 0);
const query = process.env.HM_BENCH_QUERY ?? '';
const apiKey = process.env.HM_BENCH_API_KEY ?? '';
const BATCH = 100_000;

let samples = new Float64Array(1 << 20);
let count = 0;
let recording = false;
let firstSeen = 0;

function record(sent: number): void {
  if (count === samples.length) {
    const grown = new Float64Array(samples.length * 2);
    grown.set(samples);
    samples = grown;
  }
  samples[count++] = nowMs() - sent;
}

/** Called with each result's send time (from the trade id `bench-N-<ms>`). */
function onResult(sent: number): void {
  if (recording && Number.isFinite(sent)) record(sent);
}

function ready(): void {
  firstSeen += 1;
  if (firstSeen === subscribers) process.send?.({ type: 'ready' });
}

/** The graphql-ws library's client: decodes and validates every message (~7 µs of CPU each here). */
function libraryClient(): { dispose(): unknown } {
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: { 'x-api-key': apiKey },
  });
  let first = true;
  client.subscribe(
    { query },
    {
      next: (v) => {
        if (first) {
          first = false;
          ready();
        }
        const id = (v.data as { trades?: { id: string } } | null)?.trades?.id ?? '';
        onResult(Number(id.slice(id.lastIndexOf('-') + 1)));
      },
      error: (err) => console.error('latency client: subscription error', err),
      complete: () => {},
    },
  );
  return client;
}

const ID_MARK = Buffer.from('"id":"bench-');
const QUOTE = 0x22;
const DASH = 0x2d;

/**
 * A lean graphql-ws subscriber (default): the `graphql-transport-ws` protocol spoken over `ws`
 * directly (connection_init with the key, subscribe, next / error / complete), each `next` read by
 * finding the trade id in the raw bytes instead of decoding the JSON. The clients share the bench's
 * 2 cores with the API, Redis and the engine, and the product's clients (browsers) never run there,
 * so the measuring side should take as little of them as it can.
 */
function leanClient(): { dispose(): unknown } {
  const ws = new WebSocket(url, 'graphql-transport-ws', { perMessageDeflate: false });
  let first = true;
  ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { 'x-api-key': apiKey } })));
  ws.on('message', (data: Buffer) => {
    const at = data.indexOf(ID_MARK);
    if (at >= 0) {
      if (first) {
        first = false;
        ready();
      }
      const end = data.indexOf(QUOTE, at + ID_MARK.length);
      const dash = data.lastIndexOf(DASH, end);
      onResult(Number(data.toString('latin1', dash + 1, end)));
      return;
    }
    const m = JSON.parse(data.toString()) as { type?: string; payload?: unknown };
    if (m.type === 'connection_ack') ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
    else if (m.type === 'ping') ws.send(JSON.stringify({ type: 'pong' }));
    else if (m.type === 'error' || m.type === 'complete')
      console.error('latency client: subscription ended', JSON.stringify(m.payload ?? m.type));
  });
  ws.on('error', (err) => console.error('latency client: socket error', err.message));
  return { dispose: () => ws.close() };
}

// HM_BENCH_CLIENT=graphql-ws measures with the library's client instead.
const clients = Array.from({ length: subscribers }, () =>
  process.env.HM_BENCH_CLIENT === 'graphql-ws' ? libraryClient() : leanClient(),
);

process.on('message', (m: { type?: string; on?: boolean }) => {
  if (m.type === 'record') {
    recording = m.on === true;
    if (recording) count = 0;
  } else if (m.type === 'report') {
    for (let i = 0; i < count; i += BATCH) {
      process.send?.({ type: 'samples', samples: samples.slice(i, Math.min(count, i + BATCH)) });
    }
    process.send?.({ type: 'done', count });
  }
});
process.on('disconnect', () => {
  void Promise.all(clients.map(async (c) => c.dispose())).finally(() => process.exit(0));
});
