/**
 * Is the dashboard responsive under a busy feed? Starts the stack as the e2e tests do (its own
 * Redis and data dir, `hm start`) with the simulator sped up until XBTUSD prints ≥ 20 trades/s and
 * the book changes ≥ 10 times/s, opens the dashboard in headless Chromium, and for 30 s records
 * PerformanceObserver 'longtask' entries (main-thread tasks over 50 ms) together with the book and
 * trade updates the page actually rendered (DOM commits, not messages received). Prints a JSON
 * summary. A measurement, not a test: run it by hand after changing the market panels.
 *
 * Long tasks measure wall time, so on a busy machine a short task the OS preempted counts too.
 * `--cpu-trace` also records a DevTools trace of the window and reports the page main thread's own
 * CPU time (`mainThread`): tasks over 50 ms of CPU are the page's fault, the others are contention.
 *
 *   node --import tsx web/bench/ui-long-tasks.ts [--seconds 30] [--speed 2] [--cpu-throttle 1] [--cpu-trace]
 *
 * HM_WEB_DIST=/other/dist measures another build of the dashboard (the API serves that folder).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureRedis } from '@hm/engine/services';
import type { Page } from 'playwright-core';
import { launchChromium } from '../e2e/chromium.js';
import { isAlive, type Stack, startStack } from '../e2e/stack.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '30' },
    // Simulated ms per real ms. At 1 XBTUSD prints ≈ 19 trades/s (4 taker orders per simulated
    // second, several prints each), at 2 ≈ 38/s. The book is not faster at higher speeds: the
    // simulator steps every 100 ms and the engine conflates book snapshots to ≤ 10/s per market.
    speed: { type: 'string', default: '2' },
    // Chromium CPU slowdown factor (DevTools emulation), to see how a slower machine fares.
    'cpu-throttle': { type: 'string', default: '1' },
    'cpu-trace': { type: 'boolean', default: false },
  },
});
const seconds = Number(args.seconds);
const speed = Number(args.speed);
const cpuThrottle = Number(args['cpu-throttle']);
const cpuTrace = args['cpu-trace'];

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** The renderer main thread's tasks in a DevTools trace: wall and CPU time, and tasks over 50 ms of CPU. */
function mainThreadLoad(events: readonly TraceEvent[], durationMs: number) {
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const tasks = events.filter(
    (e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === main?.pid && e.tid === main?.tid,
  );
  const ms = (us: number | undefined) => (us ?? 0) / 1000;
  const wall = tasks.reduce((sum, t) => sum + ms(t.dur), 0);
  const cpu = tasks.reduce((sum, t) => sum + ms(t.tdur), 0);
  return {
    tasks: tasks.length,
    busyPct: Math.round((wall / durationMs) * 1000) / 10,
    cpuPct: Math.round((cpu / durationMs) * 1000) / 10,
    tasksOver50msWall: tasks.filter((t) => ms(t.dur) > 50).length,
    tasksOver50msCpu: tasks.filter((t) => ms(t.tdur) > 50).length,
    maxTaskCpuMs: Math.round(Math.max(0, ...tasks.map((t) => ms(t.tdur)))),
  };
}

/** What the page records, on `window.__bench` (installed before any of the app's scripts run). */
interface PageBench {
  t0: number;
  longTasks: { startTime: number; duration: number }[];
  bookCommits: number;
  tradeRows: number;
  start(): void;
}

/**
 * Runs in the page before the app: long-task observer and DOM-commit counters for book and tape.
 * Source text rather than a function: tsx's name helpers would not exist inside the page.
 */
const INSTRUMENT = `(() => {
  const bench = { t0: 0, longTasks: [], bookCommits: 0, tradeRows: 0 };
  bench.start = () => {
    bench.t0 = performance.now();
    bench.longTasks = [];
    bench.bookCommits = 0;
    bench.tradeRows = 0;
  };
  window.__bench = bench;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.longTasks.push({ startTime: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  // One MutationObserver callback per rendered change of the book (a commit touches it once);
  // each trade row inserted into the tape is one trade shown.
  const bookObserver = new MutationObserver(() => { bench.bookCommits++; });
  const tapeObserver = new MutationObserver((records) => {
    for (const r of records) {
      for (const node of r.addedNodes) {
        if (node instanceof HTMLElement && node.dataset.testid === 'trade-row') bench.tradeRows++;
      }
    }
  });
  const attach = () => {
    const book = document.querySelector('[data-testid="order-book"] tbody');
    const tape = document.querySelector('[data-testid="recent-trades"] tbody');
    if (!book || !tape) return void setTimeout(attach, 50);
    bookObserver.observe(book, { childList: true, subtree: true, characterData: true, attributes: true });
    tapeObserver.observe(tape, { childList: true, subtree: true });
  };
  attach();
})();`;

/** Counts the book and trade events the server pushed (graphql-ws `next` frames per subscription). */
function countPushes(page: Page): { book: number; trades: number } {
  const counts = { book: 0, trades: 0 };
  const kindOf = new Map<string, 'book' | 'trades'>();
  page.on('websocket', (ws) => {
    ws.on('framesent', ({ payload }) => {
      const msg = JSON.parse(String(payload)) as { id?: string; type: string; payload?: { query?: string } };
      const query = msg.payload?.query ?? '';
      if (msg.type !== 'subscribe' || !msg.id) return;
      if (/subscription OrderBook\b/.test(query)) kindOf.set(msg.id, 'book');
      else if (/subscription Trades\b/.test(query)) kindOf.set(msg.id, 'trades');
    });
    ws.on('framereceived', ({ payload }) => {
      const msg = JSON.parse(String(payload)) as { id?: string; type: string };
      const kind = msg.type === 'next' && msg.id ? kindOf.get(msg.id) : undefined;
      if (kind) counts[kind]++;
    });
  });
  return counts;
}

async function measure(stack: Stack) {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const signIn = await context.newPage();
    await signIn.goto(stack.signInUrl);
    await signIn.close();
    const page = await context.newPage();
    await page.addInitScript(INSTRUMENT);
    const cdp = await context.newCDPSession(page);
    if (cpuThrottle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottle });
    const pushed = countPushes(page);
    await page.goto(`${stack.url}/?market=XBTUSD&period=M1`);
    // Warmed up: chart history drawn, book and a full tape on screen.
    await page.getByTestId('book-bid-row').first().waitFor({ timeout: 60_000 });
    await page.getByTestId('trade-row').nth(20).waitFor({ timeout: 60_000 });
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="price-chart"]')?.getAttribute('data-candle-updates')) >= 2,
      undefined,
      { timeout: 60_000 },
    );
    const trace: TraceEvent[] = [];
    const traced = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    if (cpuTrace) {
      // CDP types trace events as string maps; they carry numbers (ts, dur, tdur, pid, tid).
      cdp.on('Tracing.dataCollected', (e) => trace.push(...(e.value as unknown as TraceEvent[])));
      await cdp.send('Tracing.start', {
        transferMode: 'ReportEvents',
        traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] },
      });
    }
    await page.evaluate(() => (window as unknown as { __bench: PageBench }).__bench.start());
    const pushedBefore = { ...pushed };
    const started = Date.now();
    // The measurement window itself (a fixed duration is the point here, not a wait for a state).
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const durationMs = Date.now() - started;
    // Read the window's counts before the trace is stopped (collecting it is itself a long task).
    const result = await page.evaluate(() => {
      const b = (window as unknown as { __bench: PageBench }).__bench;
      return {
        longTasks: b.longTasks.filter((t) => t.startTime >= b.t0),
        bookCommits: b.bookCommits,
        tradeRows: b.tradeRows,
        t0: b.t0,
      };
    });
    const pushedAtEnd = { ...pushed };
    if (cpuTrace) {
      await cdp.send('Tracing.end');
      await traced;
    }
    const perSec = (n: number) => Math.round((n / durationMs) * 10_000) / 10;
    const longTasks = result.longTasks.map((t) => ({
      atMs: Math.round(t.startTime - result.t0),
      durationMs: Math.round(t.duration),
    }));
    return {
      durationMs,
      simulatorSpeed: speed,
      cpuThrottle,
      bookUpdatesPerSec: perSec(result.bookCommits),
      tradesPerSec: perSec(result.tradeRows),
      pushedPerSec: {
        book: perSec(pushedAtEnd.book - pushedBefore.book),
        trades: perSec(pushedAtEnd.trades - pushedBefore.trades),
      },
      longTasks,
      maxLongTaskMs: longTasks.reduce((m, t) => Math.max(m, t.durationMs), 0),
      ...(cpuTrace ? { mainThread: mainThreadLoad(trace, durationMs) } : {}),
    };
  } finally {
    await browser.close();
  }
}

const dir = await mkdtemp(path.join(tmpdir(), 'hm-bench-ui-'));
// A Redis of its own (feed job and channels must not meet another stack's); Postgres embedded by `hm start`.
const redis = await ensureRedis({ preferLocalDefault: false, dataDir: path.join(dir, 'redis') });
let stack: Stack | undefined;
try {
  stack = await startStack({
    REDIS_URL: redis.url,
    PORT: '0',
    HM_DATA_DIR: path.join(dir, 'data'),
    HM_HISTORY_DAYS: '1',
    HM_SIM_SPEED: String(speed),
    LOG_LEVEL: 'warn',
  });
  console.log(JSON.stringify(await measure(stack), null, 2));
} finally {
  if (stack && isAlive(stack.process.pid ?? -1)) {
    const exited = new Promise((resolve) => stack?.process.once('exit', resolve));
    stack.process.kill('SIGINT');
    await exited;
  }
  await redis.stop();
  await rm(dir, { recursive: true, force: true });
}
