import type { PlaceOrderInput } from '../bitmex/auth/order-requests.js';
import type { BitmexFill, OrderDelta, OrderRow } from '../bitmex/auth/private-rows.js';
import type { Instrument } from '../market/instruments.js';
import type { Fill, OpenOrder, OrderIntent } from '../strategy/sdk.js';
import type { ExecutionVenue, Reject } from '../venue/venue.js';

/** The order routes the venue uses (BitmexRestClient has them; tests may pass another client). */
export interface OrderApi {
  placeOrder(input: PlaceOrderInput): Promise<OrderRow>;
  cancelOrder(input: { clOrdID?: string; orderID?: string }): Promise<OrderRow[]>;
  cancelAll(input?: { symbol?: string }): Promise<OrderRow[]>;
}

/** Minor units per settlement-currency unit: BitMEX reports XBT amounts in satoshis (XBt), USDT in 1e-6 (USDt). */
const MINOR_UNITS: Record<'XBT' | 'USDT', number> = { XBT: 1e8, USDT: 1e6 };
const OPEN_STATUSES = new Set(['New', 'PartiallyFilled', 'Untriggered']);

interface Sent {
  intent: Extract<OrderIntent, { kind: 'market' | 'limit' }>;
  clientId: string | undefined;
  tag: string | undefined;
}

/** What an {@link ExchangeVenue} is set up with. */
export interface ExchangeVenueOptions {
  api: OrderApi;
  instruments: readonly Instrument[];
  /**
   * clOrdID prefix of this session (`hm-<8 hex of the session id>-`): executions of orders with it
   * are this session's fills, whichever run placed them.
   */
  sessionPrefix: string;
  /** Distinguishes this run's clOrdIDs from earlier runs' (base-36 start time). */
  runTag: string;
  /** Execution ids already booked (stored fills): never booked twice. */
  knownExecIds?: Iterable<string>;
  /** Wall clock, unix ms (rejects of asynchronous failures carry it). */
  nowMs?: () => number;
}

/**
 * The LIVE (and testnet) execution venue behind the same port as the simulated one: intents become
 * REST orders with idempotent clOrdIDs (`<sessionPrefix><runTag>-<n>`, ≤ 36 characters); fills arrive
 * from the private `execution` table ({@link onFill}) and open orders from the `order` table
 * ({@link onOrder}). The exchange decides fills and fees; this class only books what it reports,
 * each execution once. Requests are asynchronous: a failure becomes a reject at the next drain.
 */
export class ExchangeVenue implements ExecutionVenue {
  private readonly fills: Fill[] = [];
  private readonly rejects: Reject[] = [];
  private readonly sent = new Map<string, Sent>();
  private readonly open = new Map<string, OpenOrder>();
  /** orderID → clOrdID of this session's orders (order-table deltas carry only the orderID). */
  private readonly clOrdIds = new Map<string, string>();
  private readonly seenExecIds: Set<string>;
  private readonly byName: Map<string, Instrument>;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly clock: () => number;
  private seq = 0;
  private fillWaiters: (() => void)[] = [];

  constructor(private readonly o: ExchangeVenueOptions) {
    this.seenExecIds = new Set(o.knownExecIds ?? []);
    this.byName = new Map(o.instruments.map((i) => [i.symbol, i]));
    this.clock = o.nowMs ?? Date.now;
  }

  /** Whether a clOrdID belongs to this session (any run). */
  owns(clOrdID: string | null | undefined): boolean {
    return typeof clOrdID === 'string' && clOrdID.startsWith(this.o.sessionPrefix);
  }

  submit(intent: OrderIntent, nowMs: number): void {
    switch (intent.kind) {
      case 'timer':
        this.rejects.push({ intent, reason: 'timers are the kernel’s, not a venue’s', timeMs: nowMs });
        return;
      case 'cancel': {
        const order = [...this.open.values()].find((x) => x.clientId === intent.clientId);
        if (!order) {
          this.rejects.push({ intent, reason: `no open order with clientId ${intent.clientId}`, timeMs: nowMs });
          return;
        }
        this.track(intent, this.o.api.cancelOrder({ orderID: order.orderId }));
        return;
      }
      case 'cancelAll':
        this.track(intent, this.o.api.cancelAll(intent.symbol ? { symbol: intent.symbol } : {}));
        return;
      default:
        this.place(intent, nowMs);
    }
  }

  private place(intent: Extract<OrderIntent, { kind: 'market' | 'limit' }>, nowMs: number): void {
    const inst = this.byName.get(intent.symbol);
    const bad = !inst
      ? `unknown market ${intent.symbol}`
      : !(intent.qty > 0) || intent.qty % inst.lotSize !== 0
        ? `qty ${intent.qty} is not a positive multiple of the lot size ${inst.lotSize}`
        : null;
    if (bad) {
      this.rejects.push({ intent, reason: bad, timeMs: nowMs });
      return;
    }
    const clOrdID = `${this.o.sessionPrefix}${this.o.runTag}-${++this.seq}`;
    const clientId = intent.kind === 'limit' ? intent.clientId : undefined;
    this.sent.set(clOrdID, { intent, clientId, tag: intent.tag });
    const execInst = [
      intent.kind === 'limit' && intent.postOnly ? 'ParticipateDoNotInitiate' : null,
      intent.reduceOnly ? 'ReduceOnly' : null,
    ].filter((x): x is string => x !== null);
    const request: PlaceOrderInput = {
      symbol: intent.symbol,
      side: intent.side === 'buy' ? 'Buy' : 'Sell',
      orderQty: intent.qty,
      ordType: intent.kind === 'limit' ? 'Limit' : 'Market',
      ...(intent.kind === 'limit' ? { price: intent.price } : {}),
      ...(execInst.length ? { execInst: execInst.join(',') } : {}),
      clOrdID,
    };
    this.track(
      intent,
      this.o.api.placeOrder(request).then((row) => {
        this.onOrder(row);
        // A post-only order that would cross comes back Canceled; any refusal is the strategy's reject.
        if (row.ordStatus === 'Canceled' || row.ordStatus === 'Rejected')
          this.rejects.push({ intent, reason: row.ordRejReason || row.text || row.ordStatus, timeMs: this.clock() });
      }),
    );
  }

  private track(intent: OrderIntent, request: Promise<unknown>): void {
    const p = request
      .catch((err: unknown) => {
        this.rejects.push({ intent, reason: `exchange: ${(err as Error).message}`, timeMs: this.clock() });
      })
      .finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  /** Resolves once every request sent so far has been answered (stop, tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** An execution the exchange reported (private `execution` table or trade history). Others' orders are ignored. */
  onFill(f: BitmexFill): Fill | null {
    if (!this.owns(f.clOrdID) || this.seenExecIds.has(f.execID)) return null;
    const inst = this.byName.get(f.symbol);
    if (!inst) return null;
    this.seenExecIds.add(f.execID);
    const sent = this.sent.get(f.clOrdID);
    const fill: Fill = {
      orderId: f.orderID,
      ...(sent?.tag !== undefined ? { tag: sent.tag } : {}),
      symbol: f.symbol,
      side: f.side === 'Buy' ? 'buy' : 'sell',
      price: f.lastPx,
      qty: f.lastQty,
      fee: f.execComm / MINOR_UNITS[inst.settleCurrency],
      liquidity: f.liquidityIndicator === 'AddedLiquidity' ? 'maker' : 'taker',
      timeMs: Date.parse(f.transactTime),
      execId: f.execID,
    };
    this.fills.push(fill);
    for (const wake of this.fillWaiters.splice(0)) wake();
    return fill;
  }

  /** Resolves at this session's next fill, or after `timeoutMs` (whichever comes first). */
  nextFill(timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, Math.max(0, timeoutMs));
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.fillWaiters.push(done);
    });
  }

  /** An order row or delta (REST answer or `order` table): keeps this session's open orders. */
  onOrder(row: OrderRow | OrderDelta): void {
    const known = this.open.get(row.orderID);
    const clOrdID = row.clOrdID || this.clOrdIds.get(row.orderID);
    if (!clOrdID || !this.owns(clOrdID)) return;
    this.clOrdIds.set(row.orderID, clOrdID);
    const status = row.ordStatus ?? (known ? 'New' : undefined);
    const leaves = row.leavesQty ?? known?.leavesQty ?? 0;
    if (!status || !OPEN_STATUSES.has(status) || leaves <= 0) {
      this.open.delete(row.orderID);
      return;
    }
    const side = row.side ?? (known?.side === 'sell' ? 'Sell' : 'Buy');
    this.open.set(row.orderID, {
      orderId: row.orderID,
      clientId: this.sent.get(clOrdID)?.clientId,
      symbol: row.symbol ?? known?.symbol ?? '',
      side: side === 'Sell' ? 'sell' : 'buy',
      price: row.price ?? known?.price ?? 0,
      leavesQty: leaves,
    });
  }

  onTrade(): void {}
  onBook(): void {}
  advance(): void {}

  drainFills(): Fill[] {
    return this.fills.splice(0, this.fills.length);
  }

  drainRejects(): Reject[] {
    return this.rejects.splice(0, this.rejects.length);
  }

  openOrders(symbol?: string): readonly OpenOrder[] {
    const all = [...this.open.values()];
    return symbol === undefined ? all : all.filter((x) => x.symbol === symbol);
  }
}
