/**
 * One account's position in one market, kept the way BitMEX reports it: signed contracts, entry
 * price (contract-weighted harmonic mean for inverse contracts), realised and unrealised P&L in the
 * settlement currency's minor unit (XBt satoshis or USDt), and the position's margin.
 */
import { type Instrument, ticksToPrice } from '../../market/instruments.js';
import { averageEntry, positionPnl } from '../../portfolio/contract-math.js';
import { notionals } from '../prints.js';
import { isoTime, type Row } from '../tables.js';
import { minorPerUnit, type Side, settleCurrencyOf } from './order-rows.js';

/** Initial-margin leverage of every simulated position (cross margin): initial margin = value / 10. */
export const DEFAULT_LEVERAGE = 10;
/** BitMEX's maintenance margin rate of the perpetuals (the instrument rows' `maintMargin`). */
export const MAINT_MARGIN_REQ = 0.005;
/** Highest price BitMEX accepts (`maxPrice`); a position that cannot be liquidated shows it. */
export const MAX_PRICE = 1_000_000;

/**
 * BitMEX's signed cost of `qty` contracts (> 0 bought) at `price`, minor units, unrounded:
 * `qty × multiplier / price` for inverse (negative for a long), `qty × multiplier × price` for quanto,
 * `qty / underlyingToPositionMultiplier × price` in USDt for linear.
 */
export function signedCost(inst: Instrument, qty: number, price: number): number {
  switch (inst.kind) {
    case 'inverse':
      return (qty * inst.multiplier) / price;
    case 'quanto':
      return qty * inst.multiplier * price;
    case 'linear':
      return (qty / (inst.underlyingToPositionMultiplier ?? 1)) * price * 1e6;
  }
}

/** Open orders of the position's market, for its row. */
export interface OpenOrderExposure {
  /** Contracts still to buy / sell on open orders. */
  buyQty: number;
  sellQty: number;
  /** Initial margin those orders hold, minor units. */
  margin: number;
}

/** The position of one account in one market. */
export class Position {
  /** Signed contracts: > 0 long. */
  qty = 0;
  /** Entry price, quote currency; `null` while flat. */
  avgEntry: number | null = null;
  /** Realised price P&L, minor units, unrounded (rounded once when reported, so it never drifts). */
  private realisedGross = 0;
  /** Fees paid, minor units (negative: rebates). */
  private comm = 0;
  private execBuyQty = 0;
  private execSellQty = 0;
  private execBuyCost = 0;
  private execSellCost = 0;
  /** Simulated time of the last fill, unix ms. */
  private changedMs: number;

  constructor(
    readonly account: number,
    readonly inst: Instrument,
    /** Taker fee rate, reported as the position's `commission`. */
    private readonly takerFee: number,
    nowMs: number,
  ) {
    this.changedMs = nowMs;
  }

  /** Realised P&L (price P&L minus fees), minor units: what the wallet has gained from this market. */
  get realisedPnl(): number {
    return Math.round(this.realisedGross) - this.comm;
  }

  /**
   * Applies one fill of `qty` contracts at `price` with fee `execComm` (minor units) and returns how
   * much the account's realised P&L changed, minor units (integer).
   */
  applyFill(side: Side, qty: number, price: number, execComm: number, timeMs: number): number {
    const before = this.realisedPnl;
    const signed = side === 'Buy' ? qty : -qty;
    const cost = Math.round(signedCost(this.inst, signed, price));
    if (side === 'Buy') {
      this.execBuyQty += qty;
      this.execBuyCost += cost;
    } else {
      this.execSellQty += qty;
      this.execSellCost += cost;
    }
    if (this.qty === 0 || Math.sign(this.qty) === Math.sign(signed) || this.avgEntry === null) {
      this.avgEntry =
        this.qty === 0 || this.avgEntry === null
          ? price
          : averageEntry(this.inst, Math.abs(this.qty), this.avgEntry, qty, price);
      this.qty += signed;
    } else {
      const closing = Math.min(qty, Math.abs(this.qty));
      this.realisedGross +=
        positionPnl(this.inst, Math.sign(this.qty) * closing, this.avgEntry, price) * minorPerUnit(this.inst);
      this.qty += signed;
      if (this.qty === 0) this.avgEntry = null;
      else if (qty > closing) this.avgEntry = price; // flipped: the rest opened at this price
    }
    this.comm += execComm;
    this.changedMs = timeMs;
    return this.realisedPnl - before;
  }

  /** Unrealised P&L at `mark`, minor units. */
  unrealisedPnl(mark: number): number {
    if (this.qty === 0 || this.avgEntry === null) return 0;
    return Math.round(positionPnl(this.inst, this.qty, this.avgEntry, mark) * minorPerUnit(this.inst));
  }

  /** Initial margin of the open position (value at entry / leverage), minor units. */
  positionMargin(): number {
    if (this.qty === 0 || this.avgEntry === null) return 0;
    return Math.round(Math.abs(signedCost(this.inst, this.qty, this.avgEntry)) / DEFAULT_LEVERAGE);
  }

  /**
   * The price at which the account's margin in this currency would fall to the maintenance margin,
   * with `walletBalance` (minor units) backing this position alone (cross margin, one position).
   */
  liquidationPrice(walletBalance: number): number | null {
    const { qty: q, avgEntry: e, inst } = this;
    if (q === 0 || e === null) return null;
    const w = walletBalance / minorPerUnit(inst);
    const m = MAINT_MARGIN_REQ;
    let price: number;
    if (inst.kind === 'inverse') {
      const denominator = w + q / e;
      price = denominator > 0 ? (q + m * Math.abs(q)) / denominator : MAX_PRICE;
      if (price <= 0) price = MAX_PRICE;
    } else {
      const k = inst.kind === 'linear' ? 1 / (inst.underlyingToPositionMultiplier ?? 1) : inst.multiplier * 1e-8;
      price = (k * q * e - w) / (k * (q - m * Math.abs(q)));
      if (price <= 0) price = q > 0 ? 0 : MAX_PRICE;
    }
    const ticks = Math.round(Math.min(price, MAX_PRICE) / inst.tickSize);
    return ticksToPrice(ticks, inst.tickSize);
  }

  /** The full `position` row at `mark` / `last` (quote currency), `null` where BitMEX has no value. */
  row(mark: number, last: number, orders: OpenOrderExposure, walletBalance: number, nowMs: number): Row {
    const { inst, qty } = this;
    const posCost = this.avgEntry === null ? 0 : Math.round(signedCost(inst, qty, this.avgEntry));
    const markValue = Math.round(signedCost(inst, qty, mark)) || 0; // never -0
    const unrealised = this.unrealisedPnl(mark);
    const posInit = this.positionMargin();
    const posMaint = Math.round(Math.abs(posCost) * MAINT_MARGIN_REQ);
    // Notionals as the trade table reports them (prints.ts), signed: a long is short the quote currency.
    const sizes = notionals(inst, Math.abs(qty), mark);
    const sign = Math.sign(qty);
    const pnlPcnt = posCost === 0 ? 0 : round(unrealised / Math.abs(posCost), 4);
    return {
      account: this.account,
      symbol: inst.symbol,
      currency: settleCurrencyOf(inst),
      underlying: inst.underlying,
      quoteCurrency: inst.quoteCurrency,
      commission: this.takerFee,
      initMarginReq: round(1 / DEFAULT_LEVERAGE, 4),
      maintMarginReq: MAINT_MARGIN_REQ,
      leverage: DEFAULT_LEVERAGE,
      crossMargin: true,
      openOrderBuyQty: orders.buyQty,
      openOrderSellQty: orders.sellQty,
      execBuyQty: this.execBuyQty,
      execBuyCost: this.execBuyCost,
      execSellQty: this.execSellQty,
      execSellCost: this.execSellCost,
      execQty: this.execBuyQty - this.execSellQty,
      execCost: this.execBuyCost + this.execSellCost,
      execComm: this.comm,
      currentTimestamp: isoTime(this.changedMs),
      currentQty: qty,
      currentCost: posCost,
      currentComm: this.comm,
      isOpen: qty !== 0,
      markPrice: mark,
      markValue,
      homeNotional: round(sign * sizes.homeNotional, 8) || 0,
      foreignNotional: round(-sign * sizes.foreignNotional, 8) || 0,
      posState: '',
      posCost,
      posInit,
      posMargin: posInit,
      posMaint,
      initMargin: orders.margin,
      maintMargin: posInit,
      realisedGrossPnl: Math.round(this.realisedGross),
      realisedPnl: this.realisedPnl,
      unrealisedGrossPnl: unrealised,
      unrealisedPnl: unrealised,
      unrealisedPnlPcnt: pnlPcnt,
      unrealisedRoePcnt: round(pnlPcnt * DEFAULT_LEVERAGE, 4),
      avgCostPrice: this.avgEntry,
      avgEntryPrice: this.avgEntry,
      liquidationPrice: this.liquidationPrice(walletBalance),
      lastPrice: last,
      timestamp: isoTime(nowMs),
    };
  }
}

/** `x` to `decimals` places (drops float noise such as 30025.300000000003). */
export function round(x: number, decimals: number): number {
  return Number(x.toFixed(decimals));
}
