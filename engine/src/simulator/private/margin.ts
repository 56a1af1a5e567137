/**
 * An account's margin in one settlement currency (BitMEX's `margin` row): wallet balance, realised
 * and unrealised P&L, the margin its positions and open orders hold, and what is left. Every amount
 * is an integer in the currency's minor unit (XBt satoshis or USDt, 1e-6 USDT).
 */
import { isoTime, type Row } from '../tables.js';
import type { MarginCurrency } from './accounts.js';
import { round } from './positions.js';

/** What the account's positions and orders in this currency add up to, minor units. */
export interface MarginUse {
  /** Σ unrealised P&L of the positions at the mark. */
  unrealisedPnl: number;
  /** Σ initial margin held by open orders. */
  orderMargin: number;
  /** Σ initial margin held by positions. */
  positionMargin: number;
  /** Σ |value at the mark| of the positions. */
  grossMarkValue: number;
  /** Σ |value| of open orders' remaining quantity. */
  grossOpenCost: number;
}

/** No positions, no orders. */
export const NO_MARGIN_USE: MarginUse = {
  unrealisedPnl: 0,
  orderMargin: 0,
  positionMargin: 0,
  grossMarkValue: 0,
  grossOpenCost: 0,
};

/** One account's wallet in one currency. */
export class Wallet {
  /** Realised P&L since the start (fills' price P&L minus fees), minor units. */
  realisedPnl = 0;
  /** Fees paid, minor units (negative: rebates). */
  grossComm = 0;

  constructor(
    readonly account: number,
    readonly currency: MarginCurrency,
    /** Deposited balance, minor units. */
    readonly amount: number,
  ) {}

  /** Deposits plus realised P&L, minor units. */
  get walletBalance(): number {
    return this.amount + this.realisedPnl;
  }

  /** What is free for new orders given `use`, minor units (never below 0). */
  availableMargin(use: MarginUse): number {
    return Math.max(0, this.walletBalance + use.unrealisedPnl - use.orderMargin - use.positionMargin);
  }

  /** The full `margin` row. */
  row(use: MarginUse, nowMs: number): Row {
    const marginBalance = this.walletBalance + use.unrealisedPnl;
    const available = this.availableMargin(use);
    const used = use.orderMargin + use.positionMargin;
    return {
      account: this.account,
      currency: this.currency,
      riskLimit: 1_000_000_000_000,
      amount: this.amount,
      prevRealisedPnl: 0,
      grossComm: this.grossComm,
      grossOpenCost: use.grossOpenCost,
      grossMarkValue: use.grossMarkValue,
      riskValue: use.grossMarkValue + use.grossOpenCost,
      initMargin: use.orderMargin,
      maintMargin: use.positionMargin,
      realisedPnl: this.realisedPnl,
      unrealisedPnl: use.unrealisedPnl,
      walletBalance: this.walletBalance,
      marginBalance,
      marginLeverage: marginBalance > 0 ? round(use.grossMarkValue / marginBalance, 4) : 0,
      marginUsedPcnt: marginBalance > 0 ? round(Math.min(1, used / marginBalance), 4) : 0,
      excessMargin: available,
      availableMargin: available,
      withdrawableMargin: Math.min(available, this.walletBalance),
      timestamp: isoTime(nowMs),
    };
  }
}
