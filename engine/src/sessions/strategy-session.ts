import type { Db, Session } from '@hm/db';
import type { Redis } from 'ioredis';
import { Kernel } from '../kernel/kernel.js';
import { LiveBatchSource } from '../kernel/live-source.js';
import { feeTable, leverageOf, marginGuard, sessionPortfolio } from '../kernel/wiring.js';
import { RiskGuard } from '../live/risk-guard.js';
import type { Logger } from '../log.js';
import { computeMetrics, METRICS_VERSION } from '../metrics/metrics.js';
import type { Portfolio } from '../portfolio/portfolio.js';
import type { EquityPoint } from '../portfolio/portfolio-port.js';
import type { Fill } from '../strategy/sdk.js';
import { SimulatedVenue } from '../venue/simulated-venue.js';
import { IndicatorStream } from './indicator-stream.js';
import { LogBudget } from './log-budget.js';
import { fundingRates, latestPrices } from './market-snapshot.js';
import type { RunningMode } from './running-mode.js';
import type { SessionLogger } from './session-logger.js';
import type { SessionPlan } from './session-plan.js';
import { SessionRecorder } from './session-recorder.js';
import { type RestoredSession, restoreSession } from './session-restore.js';
import { announce, type HeartbeatFields } from './session-status.js';
import { type SessionVenue, simulatedSessionVenue, type VenueBooks } from './session-venue.js';
import { storedEquity } from './stored-equity.js';

/** Funding rate per 8 h while a market's ticker has none (BitMEX's usual base rate; backtests default to it too). */
const FALLBACK_FUNDING_RATE = 0.0001;
/** Fill and reject lines logged per heartbeat period before the rest are only counted. */
const LINES_PER_PERIOD = 50;

/** What the venue factory gets: the books as the stored fills left them. */
export interface VenueSetup {
  portfolio: Portfolio;
  restored: RestoredSession;
  /** Unix ms this run started. */
  startMs: number;
}

/** What a strategy session runs with. */
export interface StrategySessionOptions {
  db: Db;
  /** Commands and publishing; the live source duplicates it for its blocking reads. */
  redis: Redis;
  row: Session;
  plan: SessionPlan;
  exchange: string;
  /** The session's own log (stored and streamed). */
  slog: SessionLogger;
  /** The worker's log (market-data warnings, storage errors). */
  log: Logger;
  /** Worker shutdown: the run is suspended, nothing closed. */
  signal?: AbortSignal;
  /** Stop as soon as it starts (a stop was pending): close what the stored fills left open. */
  stopAtStart: boolean;
  /** Wall-clock period of the live source, ms. */
  clockEveryMs?: number;
  /** The exchange venue (EXCHANGE sessions); default: the simulated venue (paper trading). */
  exchangeVenue?: (setup: VenueSetup) => Promise<SessionVenue>;
}

/**
 * A TEST or LIVE session: the strategy on live market data through the same {@link Kernel} as
 * backtests. The venue is the simulated one (paper trading) or an exchange account; a
 * {@link RiskGuard} sits in front of it whenever the session has risk limits (always on an
 * exchange). Starts from the session's stored fills (replayed into the portfolio), stores each new
 * fill and round trip as it happens. On stop, paper positions close at the last price as a backtest
 * does at its end; exchange positions close with real reduce-only orders. A breached limit or the
 * kill switch halts: orders cancelled, positions left, status HALTED.
 */
export class StrategySession implements RunningMode {
  private firstDecisionWritten: boolean;
  private haltedBecause: string | null = null;
  private stopping: Promise<void> | null = null;

  private constructor(
    private readonly o: StrategySessionOptions,
    private readonly restored: RestoredSession,
    private readonly portfolio: Portfolio,
    private readonly sessionVenue: SessionVenue,
    private readonly guard: RiskGuard | null,
    private readonly books: VenueBooks,
    private readonly source: LiveBatchSource,
    private readonly kernel: Kernel,
    private readonly recorder: SessionRecorder,
    private readonly funding: Map<string, number>,
    private readonly lines: { fills: LogBudget; rejects: LogBudget; firstDecisionMs: number | null },
    /** Unix ms the session first started (metrics span from it). */
    private readonly sessionStartMs: number,
  ) {
    this.firstDecisionWritten = o.row.firstDecisionAt !== null;
  }

  /** Restores the stored fills and wires portfolio, venue, live source and kernel. */
  static async create(o: StrategySessionOptions): Promise<StrategySession> {
    const { row, plan, slog } = o;
    const strategy = plan.strategy;
    if (!strategy) throw new Error('a paper session needs a strategy');
    const symbols = plan.instruments.map((i) => i.symbol);
    const startMs = Date.now();
    const [restored, prices, funding] = await Promise.all([
      restoreSession(o.db, row),
      latestPrices(o.redis, symbols),
      fundingRates(o.redis, symbols),
    ]);
    let kernel: Kernel | null = null;
    // Replayed fills of a market in another currency convert at the XBT price of their time.
    let replayXbt: number | null = prices.XBTUSD ?? prices.XBTUSDT ?? null;
    const portfolio = sessionPortfolio(
      plan.instruments,
      plan.initialBalance,
      () => kernel?.lastPrice('XBTUSD') ?? kernel?.lastPrice('XBTUSDT') ?? replayXbt,
    );
    for (const f of restored.fills) {
      if (f.symbol === 'XBTUSD' || f.symbol === 'XBTUSDT') replayXbt = f.price;
      portfolio.applyFill(f);
    }
    const fees = feeTable(plan.instruments, plan.fees.makerFee, plan.fees.takerFee);
    const sessionVenue = o.exchangeVenue
      ? await o.exchangeVenue({ portfolio, restored, startMs })
      : simulatedSessionVenue(
          new SimulatedVenue({
            instruments: plan.instruments,
            fees,
            latencyMs: plan.fees.latencyMs ?? 0,
            positionOf: (symbol) => portfolio.positionQty(symbol),
            marginCheck: marginGuard(portfolio, leverageOf(strategy.params)),
            // Order ids stay unique across the session's runs.
            idPrefix: `paper-${startMs.toString(36)}-`,
          }),
        );
    let halt: (reason: string) => void = () => {};
    const guard = plan.risk
      ? new RiskGuard(sessionVenue.venue, {
          limits: plan.risk,
          instruments: plan.instruments,
          positionOf: (symbol) => portfolio.positionQty(symbol),
          lastPrice: (symbol) => kernel?.lastPrice(symbol) ?? prices[symbol] ?? null,
          equity: () => portfolio.equity(),
          onHalt: (reason) => halt(reason),
        })
      : null;
    const recorder = new SessionRecorder(
      o.db,
      o.redis,
      row.id,
      { fillSeq: restored.nextFillSeq, tripSeq: restored.nextTripSeq },
      o.log,
    );
    recorder.roundTrips(portfolio.roundTrips()); // any a crash kept from being stored
    const books: VenueBooks = {
      portfolio,
      book: (f) => {
        portfolio.applyFill(f);
        const seq = recorder.fill(f);
        recorder.roundTrips(portfolio.roundTrips());
        slog.info('fill', fillFields(seq, f));
      },
      warn: async (warning) => {
        await o.db.session.update({ where: { id: row.id }, data: { warning } });
        await announce(o.redis, row.id, 'RUNNING');
      },
    };
    const usesBook = strategy.def.usesBook === true;
    const source = new LiveBatchSource({
      redis: o.redis,
      exchange: o.exchange,
      markets: plan.instruments,
      book: usesBook,
      startMs,
      log: o.log,
      ...(o.clockEveryMs !== undefined ? { clockEveryMs: o.clockEveryMs } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
    });
    const lines = {
      fills: new LogBudget(LINES_PER_PERIOD),
      rejects: new LogBudget(LINES_PER_PERIOD),
      firstDecisionMs: null as number | null,
    };
    kernel = new Kernel({
      mode: 'test',
      strategy: strategy.def.create(strategy.params, symbols),
      candles: strategy.def.candles?.(strategy.params) ?? [],
      usesBook,
      markets: plan.instruments,
      source,
      venue: guard ?? sessionVenue.venue,
      portfolio,
      fromMs: startMs,
      toMs: Number.POSITIVE_INFINITY,
      fundingRate: FALLBACK_FUNDING_RATE,
      fundingRateOf: (symbol) => funding.get(symbol) ?? FALLBACK_FUNDING_RATE,
      closingFeeRate: (symbol) => fees[symbol]?.taker ?? 0,
      localSettlement: sessionVenue.closesLocally,
      initialPrices: prices,
      keepFills: false,
      log: slog,
      ...(o.signal ? { signal: o.signal } : {}),
      onFill: (f) => {
        const seq = recorder.fill(f);
        recorder.roundTrips(portfolio.roundTrips());
        if (lines.fills.allow()) slog.info('fill', fillFields(seq, f));
      },
      onReject: (r) => {
        if (lines.rejects.allow())
          slog.warn('order rejected', { reason: r.reason, intent: r.intent, time: new Date(r.timeMs).toISOString() });
      },
      onIntent: (_intent, timeMs) => {
        lines.firstDecisionMs ??= timeMs;
      },
      onIndicator: new IndicatorStream(o.redis, row.id, o.log).plot,
    });
    const created = new StrategySession(
      o,
      restored,
      portfolio,
      sessionVenue,
      guard,
      books,
      source,
      kernel,
      recorder,
      funding,
      lines,
      row.startedAt?.getTime() ?? startMs,
    );
    if (restored.fills.length > 0) {
      slog.info('resumed', {
        fillsRestored: restored.fills.length,
        positions: Object.fromEntries(symbols.map((s) => [s, portfolio.positionQty(s)])),
        note: 'open paper orders of the previous run were lost; strategy state rebuilds from live data',
      });
    }
    halt = (reason) => created.onHalt(reason);
    try {
      await sessionVenue.open(books);
    } catch (err) {
      await sessionVenue.close('stopped').catch(() => {});
      throw err;
    }
    if (o.stopAtStart) created.stop();
    return created;
  }

  async run(): Promise<'stopped' | 'suspended'> {
    const { slog } = this.o;
    const { plan } = this.o;
    slog.info(`trading live data on the ${this.sessionVenue.label} venue`, {
      markets: plan.instruments.map((i) => i.symbol),
      strategy: this.o.row.strategy,
      params: plan.strategy?.params,
      fees: plan.fees,
      ...(plan.risk ? { risk: plan.risk } : {}),
    });
    try {
      await this.kernel.run();
    } catch (err) {
      await this.recorder.flush(); // what happened before the end is kept either way
      if (this.o.signal?.aborted) {
        await this.sessionVenue.close('suspended');
        return 'suspended';
      }
      await this.sessionVenue.close('stopped').catch(() => {});
      throw err;
    }
    await this.stopping;
    await this.sessionVenue.close(this.haltedBecause ? 'halted' : 'stopped');
    const open = this.sessionVenue.venue.openOrders();
    if (open.length > 0 && this.sessionVenue.closesLocally) slog.info('paper orders cancelled', { count: open.length });
    return 'stopped';
  }

  /** Why the session halted (risk limit, kill switch), or null. */
  haltReason(): string | null {
    return this.haltedBecause;
  }

  /** The kill switch: halts as a breached limit does (orders cancelled, positions left). */
  halt(reason: string): void {
    if (this.guard) this.guard.halt(reason, Date.now());
    else {
      this.sessionVenue.venue.submit({ kind: 'cancelAll' }, Date.now());
      this.onHalt(reason);
    }
  }

  private onHalt(reason: string): void {
    if (this.haltedBecause !== null) return;
    this.haltedBecause = reason;
    this.o.slog.error('trading halted', { reason });
    this.source.stop();
  }

  /** Ends the run; an exchange session first closes its positions with real orders. */
  stop(): void {
    if (this.stopping) return;
    if (this.sessionVenue.closesLocally || this.haltedBecause !== null) {
      this.stopping = Promise.resolve();
      this.source.stop();
      return;
    }
    this.guard?.block('the session is stopping');
    this.stopping = this.sessionVenue
      .flatten(this.books)
      .catch((err: unknown) => this.o.slog.error('closing positions failed', { error: (err as Error).message }))
      .finally(() => this.source.stop());
  }

  async beat(): Promise<HeartbeatFields> {
    const { o, portfolio, kernel, restored } = this;
    await this.sessionVenue
      .check(this.books)
      .catch((err: unknown) => o.slog.warn('reconciliation failed', { error: (err as Error).message }));
    await this.recorder.flush();
    for (const [label, budget] of [
      ['fills', this.lines.fills],
      ['rejects', this.lines.rejects],
    ] as const) {
      const skipped = budget.take();
      if (skipped > 0) o.slog.info(`${skipped} more ${label} not logged line by line`, { [label]: skipped });
    }
    // The exchange's funding rate moves: read it again for the next funding instant.
    const symbols = o.plan.instruments.map((i) => i.symbol);
    for (const [symbol, rate] of await fundingRates(o.redis, symbols).catch(() => new Map<string, number>()))
      this.funding.set(symbol, rate);
    const state = kernel.state();
    const nowMs = Math.max(Date.now(), state.nowMs);
    const curve: EquityPoint[] = [...restored.equity, ...state.equity];
    if ((curve.at(-1)?.time ?? -1) < nowMs) curve.push({ time: nowMs, equity: portfolio.equity() });
    const trips = portfolio.roundTrips();
    const metrics = computeMetrics({
      equity: curve,
      roundTrips: trips,
      fills: this.recorder.fillCount,
      feesPaid: portfolio.feesPaid(),
      fundingPaid: portfolio.fundingPaid(),
      exposureMs: restored.exposureMs + state.exposureMs,
      fromMs: this.sessionStartMs,
      toMs: nowMs,
    });
    const fields: HeartbeatFields = {
      fillCount: this.recorder.fillCount,
      roundTripCount: trips.length,
      netPnl: metrics.netPnl === null ? null : String(metrics.netPnl),
      metrics: JSON.parse(JSON.stringify(metrics)),
      metricsVersion: METRICS_VERSION,
      equity: storedEquity(curve),
    };
    if (this.lines.firstDecisionMs !== null && !this.firstDecisionWritten) {
      fields.firstDecisionAt = new Date(this.lines.firstDecisionMs);
      this.firstDecisionWritten = true;
    }
    return fields;
  }
}

/** A fill as the fields of its log line. */
function fillFields(seq: number, f: Fill): Record<string, unknown> {
  return {
    seq,
    orderId: f.orderId,
    ...(f.tag !== undefined ? { tag: f.tag } : {}),
    symbol: f.symbol,
    side: f.side,
    price: f.price,
    qty: f.qty,
    fee: f.fee,
    liquidity: f.liquidity,
    ...(f.liquidation ? { liquidation: true } : {}),
    time: new Date(f.timeMs).toISOString(),
  };
}
