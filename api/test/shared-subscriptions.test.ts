import { channel, Topic, type TradeEvent } from '@hm/engine/contracts';
import { type ExecutionResult, GraphQLError } from 'graphql';
import type { Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import { expect, inject, it } from 'vitest';
import { SharedSubscriptions } from '../src/shared-subscriptions.js';
import { startTestApp, wsClient } from './support.js';

/** A controllable source: push results, count starts and returns. */
function source() {
  const pending: ((r: IteratorResult<ExecutionResult>) => void)[] = [];
  const stats = { starts: 0, returned: false };
  const iterable: AsyncIterable<ExecutionResult> = {
    [Symbol.asyncIterator]: () => ({
      next: () => new Promise((resolve) => pending.push(resolve)),
      return: async () => {
        stats.returned = true;
        for (const p of pending.splice(0)) p({ done: true, value: undefined });
        return { done: true, value: undefined };
      },
    }),
  };
  const emit = async (n: number) => {
    while (pending.length === 0) await new Promise((r) => setImmediate(r));
    pending.shift()?.({ done: false, value: { data: { n } } });
  };
  const start = async () => {
    stats.starts++;
    return iterable;
  };
  return { iterable, stats, emit, start };
}

async function take(stream: AsyncGenerator<ExecutionResult> | ExecutionResult, n: number): Promise<unknown[]> {
  if (!(Symbol.asyncIterator in stream)) throw new Error('not a stream');
  const out: unknown[] = [];
  for await (const r of stream) {
    out.push(r.data?.n);
    if (out.length === n) break;
  }
  return out;
}

/** The next n values without ending the stream (a for-await `break` would unsubscribe). */
async function pull(stream: AsyncGenerator<ExecutionResult> | ExecutionResult, n: number): Promise<unknown[]> {
  if (!(Symbol.asyncIterator in stream)) throw new Error('not a stream');
  const out: unknown[] = [];
  while (out.length < n) out.push((await stream.next()).value?.data?.n);
  return out;
}

it('executes identical subscriptions once; a late joiner of a state stream starts from the latest result', async () => {
  const shared = new SharedSubscriptions();
  const src = source();
  const a = await shared.subscribe('k', 'replay-last', src.start);
  const firstTwo = pull(a, 2);
  await src.emit(1);
  await src.emit(2);
  expect(await firstTwo).toEqual([1, 2]);
  const b = await shared.subscribe('k', 'replay-last', src.start);
  const late = take(b, 2);
  const aNext = pull(a, 1);
  await src.emit(3);
  expect(await late, 'snapshot = latest state, then live').toEqual([2, 3]);
  expect(await aNext).toEqual([3]);
  expect(src.stats.starts).toBe(1);
  expect(src.stats.returned, 'one subscriber is still there').toBe(false);
  if (Symbol.asyncIterator in a) await a.return(undefined);
  expect(src.stats.returned, 'the last subscriber leaving stops the execution').toBe(true);
  expect(shared.size).toBe(0);
});

it('an event stream joiner starts at the next event, and errors reach every subscriber', async () => {
  const shared = new SharedSubscriptions();
  let fail: (e: Error) => void = () => {};
  let started = 0;
  const iterable: AsyncIterable<ExecutionResult> = {
    [Symbol.asyncIterator]: () => ({
      next: () =>
        new Promise((_resolve, reject) => {
          fail = reject;
        }),
    }),
  };
  const start = async () => {
    started++;
    return iterable;
  };
  const a = await shared.subscribe('t', 'next-only', start);
  const b = await shared.subscribe('t', 'next-only', start);
  const results = Promise.allSettled([take(a, 1), take(b, 1)]);
  await new Promise((r) => setImmediate(r));
  fail(new Error('unknown market "NOPE"'));
  const settled = await results;
  expect(settled.map((s) => (s.status === 'rejected' ? String(s.reason) : 'ok'))).toEqual([
    'Error: unknown market "NOPE"',
    'Error: unknown market "NOPE"',
  ]);
  expect(started).toBe(1);
});

/** A fake graphql-ws connection: the WebSocket's state and the raw bytes written under it. */
function connection() {
  const chunks: Buffer[] = [];
  const socket = { readyState: 1, OPEN: 1, send: (data: string) => void chunks.push(frame(data)) };
  const transport = { write: (chunk: Uint8Array) => chunks.push(Buffer.from(chunk)) > 0 };
  /** The text frames written so far, parsed (and how many writes carried them). */
  const messages = () => {
    const out: unknown[] = [];
    const all = Buffer.concat(chunks);
    for (let at = 0; at < all.length; ) {
      expect(all[at], 'FIN + text opcode').toBe(0x81);
      let length = all[at + 1] ?? 0;
      at += 2;
      if (length === 126) {
        length = all.readUInt16BE(at);
        at += 2;
      }
      out.push(JSON.parse(all.subarray(at, at + length).toString()));
      at += length;
    }
    return out;
  };
  return { socket, transport, chunks, messages };
}

/** What `ws` would write for a text message (short ones only: tests). */
function frame(text: string): Buffer {
  const body = Buffer.from(text);
  return Buffer.concat([Buffer.from([0x81, body.length]), body]);
}

const tick = () => new Promise((r) => setImmediate(r));

it('direct fan-out: one serialisation, each socket gets graphql-ws next frames with its own id, batched per tick', async () => {
  const shared = new SharedSubscriptions();
  const src = source();
  const a = connection();
  const b = connection();
  const sent: unknown[] = [];
  const sa = await shared.subscribe('k', 'next-only', src.start, {
    id: 'a-1',
    socket: a.socket,
    transport: a.transport,
    onSent: (r) => sent.push(r.data?.n),
  });
  const sb = await shared.subscribe('k', 'next-only', src.start, {
    id: 'b"2',
    socket: b.socket,
    transport: b.transport,
  });
  if (!(Symbol.asyncIterator in sa) || !(Symbol.asyncIterator in sb)) throw new Error('not a stream');
  await src.emit(0);
  await tick();
  expect(a.messages(), 'nothing before graphql-ws starts iterating').toEqual([]);
  const aDone = sa.next(); // what graphql-ws's for-await does: one next() that settles at the end
  const bDone = sb.next();
  await tick();
  expect(a.messages(), 'held results are written once iterating starts').toEqual([
    { id: 'a-1', type: 'next', payload: { data: { n: 0 } } },
  ]);
  a.chunks.length = 0;
  await src.emit(1);
  await src.emit(2);
  await tick();
  expect(a.messages()).toEqual([
    { id: 'a-1', type: 'next', payload: { data: { n: 1 } } },
    { id: 'a-1', type: 'next', payload: { data: { n: 2 } } },
  ]);
  expect(b.messages()).toEqual([
    { id: 'b"2', type: 'next', payload: { data: { n: 0 } } },
    { id: 'b"2', type: 'next', payload: { data: { n: 1 } } },
    { id: 'b"2', type: 'next', payload: { data: { n: 2 } } },
  ]);
  expect(sent).toEqual([0, 1, 2]);

  // The client completes `b` (graphql-ws calls return()): its pending next() ends, nothing more arrives.
  b.chunks.length = 0;
  await sb.return(undefined);
  expect(await bDone).toEqual({ done: true, value: undefined });
  await src.emit(3);
  await tick();
  expect(b.messages()).toEqual([]);
  expect(a.messages().at(-1)).toEqual({ id: 'a-1', type: 'next', payload: { data: { n: 3 } } });
  expect(src.stats.starts).toBe(1);
  expect(src.stats.returned).toBe(false);
  await sa.return(undefined);
  expect(await aDone).toEqual({ done: true, value: undefined });
  expect(src.stats.returned, 'the last subscriber leaving stops the execution').toBe(true);
  expect(shared.size).toBe(0);
});

it('direct fan-out: a late state-stream joiner gets the latest result first; errors keep graphql-ws shape and order', async () => {
  const shared = new SharedSubscriptions();
  const src = source();
  const a = connection();
  const sa = await shared.subscribe('s', 'replay-last', src.start, {
    id: '1',
    socket: a.socket,
    transport: a.transport,
  });
  if (!(Symbol.asyncIterator in sa)) throw new Error('not a stream');
  void sa.next();
  await src.emit(1);
  await tick();
  const late = connection();
  const sl = await shared.subscribe('s', 'replay-last', src.start, { id: '9', socket: late.socket });
  if (!(Symbol.asyncIterator in sl)) throw new Error('not a stream');
  void sl.next();
  await tick();
  expect(late.messages(), 'snapshot = latest state (socket.send without a transport)').toEqual([
    { id: '9', type: 'next', payload: { data: { n: 1 } } },
  ]);
});

it('direct fan-out: when the shared execution fails, queued frames go out before the error reaches graphql-ws', async () => {
  const shared = new SharedSubscriptions();
  let fail: (e: Error) => void = () => {};
  let deliver: (r: IteratorResult<ExecutionResult>) => void = () => {};
  const iterable: AsyncIterable<ExecutionResult> = {
    [Symbol.asyncIterator]: () => ({
      next: () =>
        new Promise((resolve, reject) => {
          deliver = resolve;
          fail = reject;
        }),
    }),
  };
  const a = connection();
  const sa = await shared.subscribe('e', 'next-only', async () => iterable, {
    id: 'x',
    socket: a.socket,
    transport: a.transport,
  });
  if (!(Symbol.asyncIterator in sa)) throw new Error('not a stream');
  const ended = sa.next().then(
    () => 'done',
    (err: unknown) => ({ error: String(err), written: a.messages().length }),
  );
  await tick();
  deliver({ done: false, value: { data: { n: 1 }, errors: [new GraphQLError('partial')] } });
  await Promise.resolve();
  await Promise.resolve();
  fail(new Error('boom'));
  expect(await ended).toEqual({ error: 'Error: boom', written: 1 });
  expect(a.messages()).toEqual([
    { id: 'x', type: 'next', payload: { data: { n: 1 }, errors: [{ message: 'partial' }] } },
  ]);
});

it('over real graphql-ws: subscribers of one shared trades stream each get every print under their own id; one completing leaves the other', async () => {
  const app = await startTestApp();
  const redis = new Redis(inject('redisUrl'));
  const clients: Client[] = [];
  try {
    const market = 'XBTUSDT'; // published to directly: no recent-trades list written for other tests
    const ch = channel(Topic.trade, market);
    const query = `subscription { trades(market: "${market}", snapshot: 0) { id price } }`;
    const received: Record<string, unknown[]> = { a: [], b: [], other: [] };
    const stops: Record<string, () => void> = {};
    const ended: Record<string, Promise<void>> = {};
    for (const name of ['a', 'b', 'other']) {
      const client = wsClient(app.url);
      clients.push(client);
      ended[name] = new Promise<void>((resolve, reject) => {
        stops[name] = client.subscribe(
          // `other` asks for different fields: a stream of its own
          { query: name === 'other' ? query.replace(' price', '') : query },
          { next: (v) => received[name]?.push(v.data), error: reject, complete: resolve },
        );
      });
    }
    for (let i = 0; ; i++) {
      const [, count] = (await redis.pubsub('NUMSUB', ch)) as [string, number];
      if (count > 0) break;
      if (i > 1_000) throw new Error('not subscribed');
      await new Promise((r) => setTimeout(r, 10));
    }
    let seq = 1;
    const publish = async () => {
      const event: TradeEvent = {
        id: `t${seq}`,
        market,
        seq,
        timeMs: 1_760_000_000_000 + seq,
        price: 100 + seq,
        size: 1,
        side: 'BUY',
        tickDirection: null,
      };
      seq += 1;
      await redis.publish(ch, JSON.stringify(event));
    };
    // Until every subscriber has seen a print (they joined at slightly different times).
    while (Object.values(received).some((r) => r.length === 0)) {
      await publish();
      await new Promise((r) => setTimeout(r, 20));
    }
    for (const r of Object.values(received)) r.length = 0;
    await publish();
    await publish();
    while (Object.values(received).some((r) => r.length < 2)) await new Promise((r) => setTimeout(r, 10));
    const last2 = [
      { trades: { id: `t${seq - 2}`, price: 100 + seq - 2 } },
      { trades: { id: `t${seq - 1}`, price: 100 + seq - 1 } },
    ];
    expect(received.a).toEqual(last2);
    expect(received.b).toEqual(last2);
    expect(received.other).toEqual(last2.map((t) => ({ trades: { id: t.trades.id } })));

    stops.a?.();
    await ended.a;
    for (const r of Object.values(received)) r.length = 0;
    await publish();
    while ((received.b?.length ?? 0) < 1 || (received.other?.length ?? 0) < 1)
      await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50));
    expect(received.a, 'a completed: nothing more').toEqual([]);
    expect(received.b).toEqual([{ trades: { id: `t${seq - 1}`, price: 100 + seq - 1 } }]);
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
    redis.disconnect();
    await app.stop();
  }
});
