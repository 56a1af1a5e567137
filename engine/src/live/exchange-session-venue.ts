import type { Db } from '@hm/db';
import { type ExecutionRow, type OrderDelta, toFill } from '../bitmex/auth/private-rows.js';
import { BitmexPrivateStream } from '../bitmex/auth/private-stream.js';
import { BitmexRestClient } from '../bitmex/auth/rest-client.js';
import type { Logger } from '../log.js';
import type { Instrument } from '../market/instruments.js';
import type { SessionLogger } from '../sessions/session-logger.js';
import type { SessionVenue, VenueBooks } from '../sessions/session-venue.js';
import type { Fill } from '../strategy/sdk.js';
import { endpointsOf } from './endpoints.js';
import { type ExchangeCredentials, loadCredentials } from './exchange-accounts.js';
import { ExchangeVenue } from './exchange-venue.js';
import { reconcile } from './reconcile.js';
import { SecretBox } from './secret-box.js';

/** How long `flatten` waits for the closing fills to come back, ms. */
const FLATTEN_WAIT_MS = 15_000;

/** What an exchange session venue needs. */
export interface ExchangeSessionVenueOptions {
  db: Db;
  sessionId: string;
  mode: 'TEST' | 'LIVE';
  accountId: string;
  instruments: readonly Instrument[];
  /** Execution ids of the stored fills (never booked twice). */
  knownExecIds: Iterable<string>;
  /**
   * Whether an earlier run of the session traded (it is being resumed): only then is an exchange
   * position the session does not book adopted as its own. A first run never claims what it finds.
   */
  resumed: boolean;
  /** HM_SECRETS_KEY, HM_SIM_URL, dead man's switch timeout (ms). */
  secretsKey: string | undefined;
  simulatorUrl: string | undefined;
  deadManMs: number;
  slog: SessionLogger;
  log: Logger;
}

/** The clOrdID prefix of a session: `hm-` + the first 8 hex digits of its id + `-`. */
export const sessionOrderPrefix = (sessionId: string) => `hm-${sessionId.replaceAll('-', '').slice(0, 8)}-`;

/**
 * Trading on an exchange account (LIVE, or TEST on testnet / the simulator) for one session run:
 * REST orders, the private stream for fills and orders with the dead man's switch armed, and
 * reconciliation — at open, executions missed while no worker ran are booked from the stream's
 * partial, then any remaining position difference is adopted (a fill tagged `reconcile` at the
 * exchange's average entry price) instead of being traded again, and this session's orphaned
 * orders are cancelled; at each heartbeat a difference that persists becomes the session warning.
 */
export class ExchangeSessionVenue implements SessionVenue {
  readonly closesLocally = false;
  readonly label: string;
  private pendingMismatch: string | null = null;

  private constructor(
    private readonly o: ExchangeSessionVenueOptions,
    private readonly rest: BitmexRestClient,
    private readonly stream: BitmexPrivateStream,
    readonly venue: ExchangeVenue,
    network: string,
  ) {
    this.label = `exchange (${network})`;
  }

  static async create(o: ExchangeSessionVenueOptions): Promise<ExchangeSessionVenue> {
    const creds = await loadCredentials(o.db, new SecretBox(o.secretsKey), o.accountId);
    if (o.mode === 'TEST' && creds.network === 'MAINNET')
      throw new Error('a TEST session trades only on testnet or the simulator, never on a mainnet account');
    const ends = endpointsOf(creds.network, o.simulatorUrl);
    const rest = new BitmexRestClient({
      baseUrl: ends.restUrl,
      apiKey: creds.apiKey,
      apiSecret: creds.apiSecret,
      log: o.log,
    });
    const venue = new ExchangeVenue({
      api: rest,
      instruments: o.instruments,
      sessionPrefix: sessionOrderPrefix(o.sessionId),
      runTag: Date.now().toString(36),
      knownExecIds: o.knownExecIds,
    });
    const stream = privateStream(o, creds, ends.wsUrl, venue);
    return new ExchangeSessionVenue(o, rest, stream, venue, creds.network);
  }

  async open(books: VenueBooks): Promise<void> {
    await this.stream.start();
    // Fills made while no worker listened (the stream's partial starts empty) come from the trade
    // history; the venue books each execution once, so the ones already stored are skipped.
    if (this.o.resumed) {
      for (const row of (await this.rest.tradeHistory({ count: 500 })).reverse()) {
        const fill = toFillOrNull(row);
        if (fill) this.venue.onFill(fill);
      }
    }
    for (const f of this.venue.drainFills()) books.book(f);
    const symbols = this.o.instruments.map((i) => i.symbol);
    const [positions, openOrders] = await Promise.all([this.rest.positions(), this.rest.openOrders()]);
    const found = reconcile({
      symbols,
      positions,
      openOrders,
      localPosition: (s) => books.portfolio.positionQty(s),
      localOpenOrderIds: new Set(),
      owns: (id) => this.venue.owns(id),
    });
    const foreign: string[] = [];
    for (const m of found) {
      if (m.kind === 'unknown-order' && typeof m.exchange === 'string') {
        await this.rest.cancelOrder({ orderID: m.exchange });
        this.o.slog.warn('cancelled an order an earlier run left open', { orderID: m.exchange, symbol: m.symbol });
      } else if (m.kind === 'position' && !this.o.resumed) {
        // Someone else's position (another session or manual trading on the account): not ours to adopt.
        this.o.slog.warn('the account holds a position this session did not open; it is left alone', {
          symbol: m.symbol,
          exchange: m.exchange,
        });
        foreign.push(`${m.detail} (not adopted: this session did not open it)`);
      } else if (m.kind === 'position' && typeof m.exchange === 'number' && typeof m.local === 'number') {
        const row = positions.find((p) => p.symbol === m.symbol);
        const diff = m.exchange - m.local;
        const price = row?.avgEntryPrice ?? row?.markPrice ?? null;
        if (price === null || !(price > 0)) {
          foreign.push(`${m.detail}; no entry price to adopt it at`);
          continue;
        }
        const fill: Fill = {
          orderId: 'reconcile',
          tag: 'reconcile',
          symbol: m.symbol,
          side: diff > 0 ? 'buy' : 'sell',
          price,
          qty: Math.abs(diff),
          fee: 0,
          liquidity: 'taker',
          timeMs: Date.now(),
        };
        books.book(fill);
        this.o.slog.warn('adopted the exchange position', {
          symbol: m.symbol,
          exchange: m.exchange,
          booked: m.local,
          price,
        });
      }
    }
    // Every order of ours found open was an earlier run's and is cancelled above: this run starts with none.
    await books.warn(foreign.length ? foreign.join('; ') : null);
  }

  async check(books: VenueBooks): Promise<void> {
    const [positions, openOrders] = await Promise.all([this.rest.positions(), this.rest.openOrders()]);
    const found = reconcile({
      symbols: this.o.instruments.map((i) => i.symbol),
      positions,
      openOrders,
      localPosition: (s) => books.portfolio.positionQty(s),
      localOpenOrderIds: new Set(this.venue.openOrders().map((x) => x.orderId)),
      owns: (id) => this.venue.owns(id),
    });
    const summary = found.map((m) => m.detail).join('; ') || null;
    // Fills in flight make one check disagree; a difference seen twice in a row is real.
    if (summary !== null && summary === this.pendingMismatch) {
      this.o.slog.warn('reconciliation mismatch', { mismatches: found });
      await books.warn(summary);
    } else if (summary === null) {
      if (this.pendingMismatch !== null) await books.warn(null);
    }
    this.pendingMismatch = summary;
  }

  async flatten(books: VenueBooks): Promise<void> {
    await this.rest.cancelAll();
    const nowMs = Date.now();
    for (const inst of this.o.instruments) {
      const qty = books.portfolio.positionQty(inst.symbol);
      if (qty === 0) continue;
      this.venue.submit(
        {
          kind: 'market',
          symbol: inst.symbol,
          side: qty > 0 ? 'sell' : 'buy',
          qty: Math.abs(qty),
          reduceOnly: true,
          tag: 'stop',
        },
        nowMs,
      );
    }
    await this.venue.idle();
    const deadline = Date.now() + FLATTEN_WAIT_MS;
    const flat = () => this.o.instruments.every((i) => books.portfolio.positionQty(i.symbol) === 0);
    while (!flat() && Date.now() < deadline) {
      await this.venue.nextFill(deadline - Date.now());
      for (const f of this.venue.drainFills()) books.book(f);
    }
    for (const r of this.venue.drainRejects()) this.o.slog.warn('closing order refused', { reason: r.reason });
    if (!flat()) this.o.slog.error('positions still open on the exchange after the stop', {});
  }

  async close(how: 'stopped' | 'halted' | 'suspended'): Promise<void> {
    // Suspended: another worker resumes; until then the dead man's switch guards the orders.
    if (how === 'suspended') this.stream.abandon();
    else await this.stream.close();
  }
}

function privateStream(
  o: ExchangeSessionVenueOptions,
  creds: ExchangeCredentials,
  url: string,
  venue: ExchangeVenue,
): BitmexPrivateStream {
  return new BitmexPrivateStream({
    url,
    apiKey: creds.apiKey,
    apiSecret: creds.apiSecret,
    log: o.log,
    cancelAllAfterMs: o.deadManMs,
    refreshMs: Math.max(1_000, Math.floor(o.deadManMs / 4)),
    onFill: (f) => {
      venue.onFill(f);
    },
    onOrder: (u) => {
      for (const row of u.rows as OrderDelta[]) venue.onOrder(row);
    },
    onStatus: (s) => {
      if (s.state === 'failed') o.slog.error('exchange refused the credentials', { error: s.error.message });
      else if (s.state === 'disconnected')
        o.slog.warn('exchange stream disconnected', { reconnectInMs: s.reconnectInMs });
    },
  });
}

/** A trade-history row as a fill; null for non-trade rows and for rows missing what a fill needs. */
function toFillOrNull(row: ExecutionRow) {
  try {
    return toFill(row);
  } catch {
    return null;
  }
}
