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

const clients = Array.from({ length: subscribers }, () => {
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
          firstSeen += 1;
          if (firstSeen === subscribers) process.send?.({ type: 'ready' });
        }
        if (!recording) return;
        const id = (v.data as { trades?: { id: string } } | null)?.trades?.id ?? '';
        const sent = Number(id.slice(id.lastIndexOf('-') + 1));
        if (Number.isFinite(sent)) record(sent);
      },
      error: (err) => console.error('latency client: subscription error', err),
      complete: () => {},
    },
  );
  return client;
});

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
  void Promise.all(clients.map((c) => c.dispose())).finally(() => process.exit(0));
});
