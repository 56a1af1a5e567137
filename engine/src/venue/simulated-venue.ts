import { type Instrument, ticksToPrice } from '../market/instruments.js';
import type { OrderBook } from '../market/order-book.js';
import type { Fill, OpenOrder, OrderIntent, TradeView } from '../strategy/sdk.js';
import { DueQueue, limitTicks, type PendingIntent, validateIntent } from './sim-intents.js';
import { type FillRef, SimLedger } from './sim-ledger.js';
import {
  crossesBook,
  DEFAULT_FEE_RATES,
  type FeeRates,
  insertResting,
  type LimitIntent,
  matchTrade,
  type RestingOrder,
  removeResting,
  type SimMarket,
  walkBook,
} from './sim-orders.js';
import type { ExecutionVenue, Reject } from './venue.js';

type MarketIntent = Extract<OrderIntent, { kind: 'market' }>;

export { DEFAULT_FEE_RATES, defaultFees, type FeeRates } from './sim-orders.js';

/** How a {@link SimulatedVenue} is set up. */
export interface SimulatedVenueOptions {
  /** The markets it trades; intents for any other symbol are rejected. */
  instruments: readonly Instrument[];
  /** Fee rates per symbol; a symbol not listed pays {@link DEFAULT_FEE_RATES}. */
  fees?: Readonly<Record<string, FeeRates>>;
  /** Order latency, ms: an intent submitted at `t` (orders, cancels) takes effect at `t + latencyMs`. */
  latencyMs: number;
  /** The caller's signed position in contracts (> 0 long), for reduce-only; fills not yet drained are added. */
  positionOf: (symbol: string) => number;
  /** Prefix of order ids (`${idPrefix}${n}`, n = 1, 2, …); default `sim-`. */
  idPrefix?: string;
  /**
   * Initial-margin check (BitMEX rejects such orders for "insufficient Available Balance"): given
   * a market, the signed position an order leaves if it fills completely and its reference price
   * (a limit's price; for a market order the best opposite level, else the last print), the reason
   * to reject it, or null. Orders that do not grow |position| are not checked; resting orders hold
   * no margin. Absent = no check. See `marginGuard` (kernel/wiring.ts).
   */
  marginCheck?: (symbol: string, positionAfter: number, price: number) => string | null;
}

/**
 * A deterministic exchange simulator for backtests and paper tests: no randomness, no wall clock;
 * the same calls always give the same fills, rejects and order ids.
 *
 * - Latency: every intent takes effect at `submit time + latencyMs`, on the first `advance`,
 *   `onBook` or `onTrade` whose time is ≥ that; due intents act before the event's trade is matched,
 *   and their fills and rejects carry that event's time.
 * - Market orders walk the current L2 book of their market (asks for buys, best first), one taker
 *   fill per level at that level's price. The book is read, never consumed. With that side of the
 *   book empty (or no book yet) the whole order fills at the last trade price, or is rejected
 *   ("no liquidity") before the first trade; volume beyond the book's full depth is rejected.
 *   Our orders never enter the market's book, so two orders acting at once see the same liquidity.
 * - Limit orders must be on tick. Post-only ones that would cross are rejected; other crossing
 *   ones take liquidity up to their price like a market order and rest the remainder. A resting
 *   order queues behind the book's size at its price when it starts resting and fills as maker,
 *   at its own price, only from trade prints (see {@link matchTrade}).
 * - Reduce-only: rejected when it would grow |position|, cut to the position when it would flip;
 *   a resting one is clamped at each fill and cancelled (with a reject) once it could only grow it.
 * - Margin: with `marginCheck`, an order that grows |position| beyond what equity margins at the
 *   session's leverage is rejected when it takes effect ("insufficient margin").
 * - Quantities must be positive multiples of the lot size. Fee per fill = contract value × rate, in
 *   the settlement currency. Malformed intents (unknown market, bad qty, off-tick price, timers)
 *   are rejected at submit; the rest when they take effect.
 */
export class SimulatedVenue implements ExecutionVenue {
  private readonly markets = new Map<string, SimMarket>();
  /** The same markets as an array (hot checks loop over it without a Map iterator). */
  private readonly marketList: SimMarket[] = [];
  private readonly byClientId = new Map<string, RestingOrder>();
  private readonly pending = new DueQueue();
  private readonly ledger: SimLedger;
  private readonly latencyMs: number;
  private readonly marginCheck: SimulatedVenueOptions['marginCheck'];
  private readonly idPrefix: string;
  private seq = 0;
  private orderSeq = 0;

  constructor(options: SimulatedVenueOptions) {
    if (!Number.isFinite(options.latencyMs) || options.latencyMs < 0)
      throw new RangeError(`latencyMs must be a finite number >= 0 (got ${options.latencyMs})`);
    this.latencyMs = options.latencyMs;
    this.marginCheck = options.marginCheck;
    this.idPrefix = options.idPrefix ?? 'sim-';
    this.ledger = new SimLedger(this.markets, options.positionOf);
    for (const inst of options.instruments) {
      const fees = options.fees?.[inst.symbol] ?? DEFAULT_FEE_RATES;
      const m: SimMarket = {
        inst,
        fees: { maker: fees.maker, taker: fees.taker },
        book: null,
        lastPrice: Number.NaN,
        buys: [],
        sells: [],
        unsettled: 0,
      };
      this.markets.set(inst.symbol, m);
      this.marketList.push(m);
    }
  }

  submit(intent: OrderIntent, nowMs: number): void {
    const invalid = validateIntent(intent, this.markets);
    if (invalid !== null) {
      this.ledger.reject(intent, invalid, nowMs);
      return;
    }
    const isOrder = intent.kind === 'market' || intent.kind === 'limit';
    this.pending.push({
      dueMs: nowMs + this.latencyMs,
      intent,
      orderId: isOrder ? `${this.idPrefix}${++this.orderSeq}` : '',
      priceTicks: intent.kind === 'limit' ? (limitTicks(intent.price, this.market(intent.symbol)) ?? 0) : 0,
      seq: ++this.seq,
    });
  }

  onTrade(trade: TradeView): void {
    // Hot path (every trade of a backtest): with nothing pending and nothing resting on the side
    // the print hits, a map lookup and a few field reads, no allocation.
    const m = this.markets.get(trade.symbol);
    if (m === undefined) return;
    m.lastPrice = trade.price;
    if (!this.pending.isEmpty) this.processDue(trade.timeMs);
    const orders = trade.side === 1 ? m.sells : m.buys;
    if (orders.length !== 0) this.matchResting(m, orders, trade);
  }

  /** Out of line: its closures would make every `onTrade` call allocate a context. */
  private matchResting(m: SimMarket, orders: RestingOrder[], trade: TradeView): void {
    matchTrade(
      orders,
      trade,
      (o, qty) => this.makerFill(m, o, qty, trade.timeMs),
      (o) => this.forgetClientId(o),
    );
  }

  onBook(symbol: string, book: OrderBook, timeMs: number): void {
    const m = this.markets.get(symbol);
    if (m !== undefined) m.book = book;
    if (!this.pending.isEmpty) this.processDue(timeMs);
  }

  advance(nowMs: number): void {
    if (!this.pending.isEmpty) this.processDue(nowMs);
  }

  isIdle(): boolean {
    if (!this.pending.isEmpty || !this.ledger.isEmpty) return false;
    for (let i = 0; i < this.marketList.length; i++) {
      const m = this.marketList[i] as SimMarket;
      if (m.buys.length !== 0 || m.sells.length !== 0) return false;
    }
    return true;
  }

  drainFills(): Fill[] {
    return this.ledger.drainFills();
  }

  drainRejects(): Reject[] {
    return this.ledger.drainRejects();
  }

  openOrders(symbol?: string): readonly OpenOrder[] {
    const found: RestingOrder[] = [];
    for (const m of this.markets.values()) {
      if (symbol !== undefined && m.inst.symbol !== symbol) continue;
      found.push(...m.buys, ...m.sells);
    }
    found.sort((a, b) => a.seq - b.seq);
    return found.map((o) => ({
      orderId: o.orderId,
      clientId: o.intent.clientId,
      symbol: o.intent.symbol,
      side: o.side,
      price: o.intent.price,
      leavesQty: o.leavesQty,
    }));
  }

  /** Runs every intent due at or before `nowMs`, in due order; they act at `nowMs` (the book as it is now). */
  private processDue(nowMs: number): void {
    for (let p = this.pending.shiftDue(nowMs); p !== null; p = this.pending.shiftDue(nowMs)) this.execute(p, nowMs);
  }

  private execute(p: PendingIntent, nowMs: number): void {
    const reason = this.run(p, nowMs);
    if (reason !== null) this.ledger.reject(p.intent, reason, nowMs);
  }

  /** Lets a due intent act; returns why it was rejected, or null. */
  private run(p: PendingIntent, nowMs: number): string | null {
    const intent = p.intent;
    switch (intent.kind) {
      case 'market':
        return this.runMarket(p, intent, nowMs);
      case 'limit':
        return this.runLimit(p, intent, nowMs);
      case 'cancel': {
        const o = this.byClientId.get(intent.clientId);
        if (o === undefined) return 'unknown order';
        removeResting(this.market(o.intent.symbol), o);
        this.byClientId.delete(intent.clientId);
        return null;
      }
      case 'cancelAll':
        for (const m of this.markets.values()) {
          if (intent.symbol !== undefined && m.inst.symbol !== intent.symbol) continue;
          for (const o of m.buys) this.forgetClientId(o);
          for (const o of m.sells) this.forgetClientId(o);
          m.buys.length = 0;
          m.sells.length = 0;
        }
        return null;
      case 'timer':
        return null;
    }
  }

  private runMarket(p: PendingIntent, intent: MarketIntent, nowMs: number): string | null {
    const m = this.market(intent.symbol);
    const qty = intent.reduceOnly ? this.ledger.reducible(m, intent.side, intent.qty) : intent.qty;
    if (qty <= 0) return 'reduce-only order would increase the position';
    const ref: FillRef = { orderId: p.orderId, tag: intent.tag, side: intent.side };
    const book = m.book;
    const best = book === null ? null : intent.side === 'buy' ? book.bestAsk() : book.bestBid();
    const margin = this.checkMargin(
      m,
      intent.side,
      qty,
      best === null ? m.lastPrice : ticksToPrice(best, m.inst.tickSize),
    );
    if (margin !== null) return margin;
    if (book === null || book.depth(intent.side === 'buy' ? 'ask' : 'bid') === 0) {
      if (Number.isNaN(m.lastPrice)) return 'no liquidity: empty book and no trade yet';
      // Nothing to walk: the last print's price is the best estimate the simulation has.
      this.ledger.fill(m, ref, m.lastPrice, qty, 'taker', nowMs);
      return null;
    }
    const taken = this.take(m, book, ref, qty, null, nowMs);
    return taken < qty ? `no liquidity: ${qty - taken} of ${qty} contracts beyond the book's depth` : null;
  }

  private runLimit(p: PendingIntent, intent: LimitIntent, nowMs: number): string | null {
    const m = this.market(intent.symbol);
    if (intent.clientId !== undefined && this.byClientId.has(intent.clientId))
      return `duplicate clientId ${intent.clientId}`;
    const qty = intent.reduceOnly ? this.ledger.reducible(m, intent.side, intent.qty) : intent.qty;
    if (qty <= 0) return 'reduce-only order would increase the position';
    const ref: FillRef = { orderId: p.orderId, tag: intent.tag, side: intent.side };
    const margin = this.checkMargin(m, intent.side, qty, intent.price);
    if (margin !== null) return margin;
    let leaves = qty;
    if (m.book !== null && crossesBook(m.book, intent.side, p.priceTicks)) {
      if (intent.postOnly) return 'post-only order would cross the book';
      leaves -= this.take(m, m.book, ref, qty, p.priceTicks, nowMs);
    }
    if (leaves <= 0) return null;
    const order: RestingOrder = {
      orderId: p.orderId,
      intent,
      tag: intent.tag,
      side: intent.side,
      priceTicks: p.priceTicks,
      leavesQty: leaves,
      // The market's volume already at our price is ahead of us (0 when the level is empty).
      queueAhead: m.book?.sizeAt(intent.side === 'buy' ? 'bid' : 'ask', p.priceTicks) ?? 0,
      seq: p.seq,
    };
    insertResting(m, order);
    if (intent.clientId !== undefined) this.byClientId.set(intent.clientId, order);
    return null;
  }

  /** The margin check's verdict on an order of `qty` (null = fine, or no check, or it does not grow |position|). */
  private checkMargin(m: SimMarket, side: 'buy' | 'sell', qty: number, price: number): string | null {
    if (!this.marginCheck || !(price > 0)) return null;
    const position = this.ledger.position(m);
    const after = position + (side === 'buy' ? qty : -qty);
    return Math.abs(after) > Math.abs(position) ? this.marginCheck(m.inst.symbol, after, price) : null;
  }

  /** Taker fills against the book (one per level, at its price) up to `limitTicks`; returns the contracts taken. */
  private take(m: SimMarket, book: OrderBook, ref: FillRef, qty: number, limit: number | null, nowMs: number): number {
    const tick = m.inst.tickSize;
    return walkBook(book, ref.side, qty, limit, (ticks, q) =>
      this.ledger.fill(m, ref, ticksToPrice(ticks, tick), q, 'taker', nowMs),
    );
  }

  /** A maker fill of a resting order at its own price, clamped for reduce-only; -1 cancels the order. */
  private makerFill(m: SimMarket, o: RestingOrder, qty: number, nowMs: number): number {
    const q = o.intent.reduceOnly ? this.ledger.reducible(m, o.side, qty) : qty;
    if (q <= 0) {
      this.ledger.reject(o.intent, 'reduce-only order cancelled: it would increase the position', nowMs);
      return -1;
    }
    this.ledger.fill(m, o, o.intent.price, q, 'maker', nowMs);
    return q;
  }

  private forgetClientId(o: RestingOrder): void {
    const id = o.intent.clientId;
    if (id !== undefined && this.byClientId.get(id) === o) this.byClientId.delete(id);
  }

  private market(symbol: string): SimMarket {
    const m = this.markets.get(symbol);
    if (m === undefined) throw new Error(`unknown market ${symbol}`);
    return m;
  }
}
