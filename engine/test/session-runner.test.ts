import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb, type Db } from '@hm/db';
import type {} from '@hm/engine/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LocalArchiveStore } from '../src/archive/local-store.js';
import { readTrades } from '../src/archive/trade-archive.js';
import {
  SESSION_UPDATED_CHANNEL,
  type SessionFillEvent,
  type SessionLogEvent,
  type SessionUpdatedEvent,
  sessionControlChannel,
  sessionFillChannel,
  sessionLogChannel,
  sessionStopKey,
} from '../src/contracts/sessions.js';
import { createLogger } from '../src/log.js';
import { ensureRedis, type RunningRedis } from '../src/services/index.js';
import { runSession, type SessionRunnerOptions } from '../src/sessions/session-runner.js';
import { liveMarket } from './support/live-market.js';
import { waitFor } from './support/wait-for.js';

// The session runner in-process: the test run's Postgres, a Redis of its own (the trade stream of a
// real market is fixed per symbol, and other tests publish XBTUSD on the shared one).
let dir: string;
let redisServer: RunningRedis;
let redis: Redis;
let subscriber: Redis;
let db: Db;
let market: { stop(): Promise<void> };
const log = createLogger('session-runner-test', 'error');

/** Every message on the channels the test subscribed to, by channel. */
const messages = new Map<string, string[]>();

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'hm-session-runner-'));
  redisServer = await ensureRedis({ preferLocalDefault: false, dataDir: path.join(dir, 'redis') });
  redis = new Redis(redisServer.url);
  subscriber = new Redis(redisServer.url);
  subscriber.on('message', (ch: string, text: string) => messages.set(ch, [...(messages.get(ch) ?? []), text]));
  await subscriber.subscribe(SESSION_UPDATED_CHANNEL);
  db = createDb(inject('databaseUrl'));
  market = liveMarket(redis, 'XBTUSD', 50_000);
}, 60_000);

afterAll(async () => {
  await market?.stop();
  subscriber?.disconnect();
  redis?.disconnect();
  await db?.$disconnect();
  await redisServer?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const options = (extra: Partial<SessionRunnerOptions> = {}): SessionRunnerOptions => ({
  db,
  redis,
  log,
  workerId: 'test-host:1',
  heartbeatEveryMs: 300,
  clockEveryMs: 200,
  ...extra,
});

async function testBotSession(params: Record<string, number> = { trade_interval: 1 }) {
  const session = await db.session.create({
    data: { name: 'runner test', mode: 'TEST', status: 'QUEUED', strategy: 'TestBot', markets: ['XBTUSD'], params },
  });
  await subscriber.subscribe(sessionFillChannel(session.id), sessionLogChannel(session.id));
  return session;
}

/** Stops a session as the API does: the key, then the control message. */
async function requestStop(sessionId: string): Promise<void> {
  await redis.set(sessionStopKey(sessionId), String(Date.now()));
  await redis.publish(sessionControlChannel(sessionId), JSON.stringify({ type: 'stop' }));
}

const fillsOf = (sessionId: string) => db.sessionFill.findMany({ where: { sessionId }, orderBy: { seq: 'asc' } });
const signedQty = (f: { side: string; qty: { toString(): string } }) =>
  (f.side === 'buy' ? 1 : -1) * Number(f.qty.toString());
const logRows = (sessionId: string) => db.sessionLog.findMany({ where: { sessionId }, orderBy: { id: 'asc' } });
const parsed = <T>(channel: string): T[] => (messages.get(channel) ?? []).map((m) => JSON.parse(m) as T);

describe('the session runner', () => {
  it('paper-trades a TEST session on live data, stores fills and round trips as they happen, stops on request', async () => {
    const session = await testBotSession();
    const running = runSession(session.id, options());
    await waitFor(
      'RUNNING',
      async () => (await db.session.findUnique({ where: { id: session.id } }))?.status === 'RUNNING',
    );
    // Two round trips (buy, sell, buy, sell), stored while the session runs, and a heartbeat that counts them.
    await waitFor('two round trips', async () => (await db.roundTrip.count({ where: { sessionId: session.id } })) >= 2);
    const beat = await waitFor('a heartbeat with the fills', async () => {
      const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
      return row.fillCount >= 4 && row.roundTripCount >= 2 ? row : undefined;
    });
    expect(beat.workerId).toBe('test-host:1');
    expect(beat.heartbeatAt?.getTime()).toBeGreaterThan(session.createdAt.getTime());
    expect(beat.startedAt).not.toBeNull();
    expect(beat.firstDecisionAt).not.toBeNull();
    expect(beat.metricsVersion).toBe(1);
    expect(beat.settleCurrency).toBe('XBT');

    await requestStop(session.id);
    expect(await running).toEqual({ kind: 'stopped' });

    const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.status).toBe('STOPPED');
    expect(row.stoppedAt).not.toBeNull();
    expect(await redis.exists(sessionStopKey(session.id))).toBe(0);
    const fills = await fillsOf(session.id);
    expect(fills.map((f) => f.seq)).toEqual(fills.map((_, i) => i));
    expect(row.fillCount).toBe(fills.length);
    // Flat at the end: an open buy is closed at the last price when the session stops.
    expect(fills.reduce((a, f) => a + signedQty(f), 0)).toBe(0);
    const trips = await db.roundTrip.findMany({ where: { sessionId: session.id }, orderBy: { seq: 'asc' } });
    expect(trips.map((t) => t.seq)).toEqual(trips.map((_, i) => i));
    expect(row.roundTripCount).toBe(trips.length);
    const metrics = row.metrics as { fills: number; roundTrips: number; netPnl: number };
    expect(metrics.fills).toBe(fills.length);
    expect(metrics.roundTrips).toBe(trips.length);
    expect(Number(row.netPnl)).toBeCloseTo(metrics.netPnl, 12);
    const sumPnl = trips.reduce((a, t) => a + Number(t.pnl), 0);
    expect(metrics.netPnl).toBeCloseTo(sumPnl, 12);
    const equity = row.equity as { time: number; equity: number }[];
    expect(equity[0]?.equity).toBe(1);
    expect(equity.at(-1)?.equity).toBeCloseTo(1 + metrics.netPnl, 12);

    // Streamed: each fill with its seq, each log line with its id, and the status changes.
    const fillEvents = parsed<SessionFillEvent>(sessionFillChannel(session.id));
    expect(fillEvents.map((e) => e.seq)).toEqual(fills.map((f) => f.seq));
    const logs = await logRows(session.id);
    expect(logs.map((l) => l.message)).toEqual(
      expect.arrayContaining(['started', 'fill', 'stop requested', 'stopped']),
    );
    expect(logs.filter((l) => l.message === 'fill')).toHaveLength(fills.length);
    await waitFor('every log line published', () =>
      parsed<SessionLogEvent>(sessionLogChannel(session.id)).length >= logs.length ? true : undefined,
    );
    expect(parsed<SessionLogEvent>(sessionLogChannel(session.id)).map((e) => e.id)).toEqual(
      logs.map((l) => l.id.toString()),
    );
    const statuses = parsed<SessionUpdatedEvent>(SESSION_UPDATED_CHANNEL)
      .filter((e) => e.sessionId === session.id)
      .map((e) => e.status);
    expect(statuses[0]).toBe('RUNNING');
    expect(statuses.at(-1)).toBe('STOPPED');
  });

  it('resumes from the stored fills after its worker went away: position and numbering continue', async () => {
    const session = await testBotSession();
    const shutdown = new AbortController();
    const first = runSession(session.id, options({ signal: shutdown.signal, workerId: 'host-a:1' }));
    // The first fill (TestBot's buy) is out: the worker shuts down, leaving a long position.
    await waitFor('a first fill', () => (messages.get(sessionFillChannel(session.id))?.length ?? 0) > 0);
    shutdown.abort();
    expect((await first).kind).toBe('suspended');
    const suspended = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(suspended.status).toBe('RUNNING'); // not stopped: another worker takes it over
    const before = await fillsOf(session.id);
    const position = before.reduce((a, f) => a + signedQty(f), 0);
    expect(before.length).toBeGreaterThan(0);

    const second = runSession(session.id, options({ workerId: 'host-b:2' }));
    const resumed = await waitFor('the resumed line', async () =>
      (await logRows(session.id)).find((l) => l.message === 'resumed'),
    );
    expect(resumed.fields).toMatchObject({ fillsRestored: before.length, positions: { XBTUSD: position } });
    await waitFor('two more fills', async () => (await fillsOf(session.id)).length >= before.length + 2);
    const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.workerId).toBe('host-b:2');
    expect(row.startedAt).toEqual(suspended.startedAt); // the session's start, not the resume's

    await requestStop(session.id);
    expect(await second).toEqual({ kind: 'stopped' });
    const fills = await fillsOf(session.id);
    // One numbering across both runs, no gap, no duplicate; the first run's fills unchanged.
    expect(fills.map((f) => f.seq)).toEqual(fills.map((_, i) => i));
    expect(fills.slice(0, before.length).map((f) => f.id)).toEqual(before.map((f) => f.id));
    // Flat over both runs: the restored position was closed with the rest.
    expect(fills.reduce((a, f) => a + signedQty(f), 0)).toBe(0);
    const stopped = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(stopped.fillCount).toBe(fills.length);
    expect((stopped.metrics as { fills: number }).fills).toBe(fills.length);
  });

  it('logs refused orders as warnings', async () => {
    // 50 contracts is not a multiple of XBTUSD's lot (100): every order is refused.
    const session = await testBotSession({ trade_interval: 1, trade_size: 50 });
    const running = runSession(session.id, options());
    const warning = await waitFor('a warning', async () => (await logRows(session.id)).find((l) => l.level === 'warn'));
    expect(warning.message).toBe('order rejected');
    expect(JSON.stringify(warning.fields)).toContain('lot');
    await requestStop(session.id);
    expect(await running).toEqual({ kind: 'stopped' });
    expect(await db.sessionFill.count({ where: { sessionId: session.id } })).toBe(0);
  });

  it('fails a LIVE session without an exchange account and invalid parameters with the reason, and skips stopped ones', async () => {
    const live = await db.session.create({
      data: { name: 'live', mode: 'LIVE', status: 'QUEUED', strategy: 'TestBot', markets: ['XBTUSD'] },
    });
    const reason = 'a LIVE session on an exchange needs an exchange account';
    expect(await runSession(live.id, options())).toEqual({ kind: 'failed', error: reason });
    const row = await db.session.findUniqueOrThrow({ where: { id: live.id } });
    expect(row).toMatchObject({ status: 'FAILED', error: reason });

    const bad = await testBotSession({ trade_interval: 0 });
    const failed = await runSession(bad.id, options());
    expect(failed.kind).toBe('failed');
    expect((await db.session.findUniqueOrThrow({ where: { id: bad.id } })).error).toMatch(/trade_interval/);

    const stopped = await db.session.create({
      data: { name: 'stopped', mode: 'TEST', status: 'STOPPED', strategy: 'TestBot', markets: ['XBTUSD'] },
    });
    expect((await runSession(stopped.id, options({ claimWaitMs: 0 }))).kind).toBe('skipped');
  });

  it('collects a MARKET session into the archive until stopped, with counts in its heartbeats', async () => {
    const store = new LocalArchiveStore(path.join(dir, 'archive'));
    const fromMs = Date.now();
    const session = await db.session.create({
      data: { name: 'collect', mode: 'MARKET', status: 'QUEUED', strategy: 'Collector', markets: ['XBTUSD'] },
    });
    const running = runSession(session.id, options({ archive: store }));
    const beat = await waitFor('a heartbeat with trades collected', async () => {
      const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
      return ((row.metrics as { tradesCollected?: number } | null)?.tradesCollected ?? 0) > 0 ? row : undefined;
    });
    expect(beat.status).toBe('RUNNING');
    await requestStop(session.id);
    expect(await running).toEqual({ kind: 'stopped' });
    const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.status).toBe('STOPPED');
    const collected = (row.metrics as { tradesCollected: number }).tradesCollected;
    // Written on stop: the archive holds every trade the session counted.
    let archived = 0;
    for await (const cols of readTrades(store, 'bitmex', 'XBTUSD', fromMs - 60_000, Date.now() + 60_000))
      archived += cols.timeNs.length;
    expect(archived).toBeGreaterThanOrEqual(collected);
  });

  it('a stop pending when the job starts: the session stops at once', async () => {
    const session = await testBotSession();
    await redis.set(sessionStopKey(session.id), String(Date.now()));
    expect(await runSession(session.id, options())).toEqual({ kind: 'stopped' });
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).status).toBe('STOPPED');
    expect(await redis.exists(sessionStopKey(session.id))).toBe(0);
  });
});
