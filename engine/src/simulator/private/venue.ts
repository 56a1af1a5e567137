/**
 * The simulator's authenticated side in one object, for server.ts to wire in: REST under
 * `/api/v1`, the account-locked realtime tables and ops, matching after every model tick, the dead
 * man's switch, and test hooks that read an account's state.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MarketModel } from '../model.js';
import type { Row } from '../tables.js';
import { AccountState } from './account-state.js';
import { resolveAccounts, type SimulatorAccount } from './accounts.js';
import { DeadMansSwitch } from './dead-man.js';
import { PrivateExchange } from './exchange.js';
import { PrivateEvents } from './private-events.js';
import { PrivateTables } from './private-tables.js';
import { DEFAULT_REQUESTS_PER_MINUTE, RateLimiter } from './rate-limit.js';
import { API_PREFIX, handleRest } from './rest-routes.js';
import type { PrivateMessage } from './schemas.js';

/** How to build a {@link PrivateVenue}. */
export interface PrivateVenueOptions {
  model: MarketModel;
  /** The simulator's seed: order and execution ids are drawn from a stream of it. */
  seed: number;
  /** @default one account, {@link defaultTestAccount} */
  accounts?: readonly SimulatorAccount[] | undefined;
  /** REST token bucket per API key, requests per minute. @default 120 */
  rateLimitPerMinute?: number | undefined;
}

/** Read-only views of one account's exchange state (full REST-shaped rows), for tests. */
export interface AccountHooks {
  readonly account: number;
  /** Open orders (New / PartiallyFilled), oldest first. */
  openOrders(): Row[];
  /** Every order, oldest first. */
  orders(): Row[];
  /** Position rows of every market the account has traded. */
  positions(): Row[];
  /** Margin rows, one per currency (XBt, USDt). */
  margin(): Row[];
  /** Trade executions, oldest first. */
  executions(): Row[];
}

/** The private venue. */
export class PrivateVenue {
  readonly tables: PrivateTables;
  private readonly exchange: PrivateExchange;
  private readonly byKey = new Map<string, { account: AccountState; secret: string }>();
  private readonly deadMan: DeadMansSwitch;
  private readonly limiter: RateLimiter;
  private readonly symbols: ReadonlySet<string>;
  private readonly stopListening: () => void;
  /** Frames of a model step, held until its public frames are out (see {@link flush}). */
  private deferring = false;
  private pending: [account: number, message: PrivateMessage][] = [];

  constructor(opts: PrivateVenueOptions) {
    const events = new PrivateEvents((account, message) => this.send(account, message));
    this.exchange = new PrivateExchange(opts.model, events, opts.seed);
    for (const config of resolveAccounts(opts.accounts)) {
      const account = new AccountState(config, this.exchange.market);
      this.exchange.addAccount(account);
      this.byKey.set(config.apiKey, { account, secret: config.apiSecret });
    }
    this.symbols = new Set(opts.model.symbols);
    this.limiter = new RateLimiter(opts.rateLimitPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE);
    this.deadMan = new DeadMansSwitch((n) => this.deadManFired(n));
    const lookup = (apiKey: string) => this.byKey.get(apiKey);
    this.tables = new PrivateTables({ exchange: this.exchange, lookup, deadMan: this.deadMan, symbols: this.symbols });
    this.stopListening = opts.model.addTickListener((tick) => {
      this.deferring = true;
      this.exchange.onTick(tick);
    });
  }

  /** Whether an HTTP request is for the REST API. */
  handlesHttp(url: string | undefined): boolean {
    return (
      url === API_PREFIX || (url?.startsWith(`${API_PREFIX}/`) ?? false) || (url?.startsWith(`${API_PREFIX}?`) ?? false)
    );
  }

  /** Serves one REST request. */
  handleHttp(req: IncomingMessage, res: ServerResponse): void {
    const lookup = (apiKey: string) => this.byKey.get(apiKey);
    void handleRest(
      { exchange: this.exchange, lookup, limiter: this.limiter, deadMan: this.deadMan, symbols: this.symbols },
      req,
      res,
    );
  }

  /**
   * Sends what the last model steps produced for the accounts (after the public frames of the same
   * steps), then position and margin updates if the mark moved. Call after publishing each step.
   */
  flush(): void {
    this.deferring = false;
    const pending = this.pending;
    this.pending = [];
    for (const [account, message] of pending) this.tables.deliver(account, message);
    this.exchange.refreshMarks();
  }

  /** Test hook: the state of the account with this API key. */
  account(apiKey: string): AccountHooks {
    const found = this.byKey.get(apiKey);
    if (!found) throw new RangeError(`simulator has no account with API key ${apiKey}`);
    const acct = found.account;
    return {
      account: acct.account,
      openOrders: () => acct.openOrders().map((o) => this.exchange.row(o)),
      orders: () => acct.orders.map((o) => this.exchange.row(o)),
      positions: () => [...acct.positions.keys()].map((s) => acct.positionRow(s)).filter((r): r is Row => !!r),
      margin: () => [...acct.wallets.keys()].map((c) => acct.marginRow(c)),
      executions: () => [...acct.trades],
    };
  }

  /** Stops the dead man's timers and matching. */
  close(): void {
    this.deadMan.close();
    this.stopListening();
  }

  private send(account: number, message: PrivateMessage): void {
    if (this.deferring) this.pending.push([account, message]);
    else this.tables.deliver(account, message);
  }

  private deadManFired(accountNumber: number): void {
    for (const { account } of this.byKey.values()) {
      if (account.account === accountNumber) {
        this.exchange.cancelAll(account, () => true, 'Canceled: Cancel from cancelAllAfter');
      }
    }
  }
}
