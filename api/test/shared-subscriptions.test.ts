import type { ExecutionResult } from 'graphql';
import { expect, it } from 'vitest';
import { SharedSubscriptions } from '../src/shared-subscriptions.js';

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
