import type { Logger } from '../log.js';
import type { OrderBook } from '../market/order-book.js';
import type { PortfolioPort } from '../portfolio/portfolio-port.js';
import type { Mode, OpenOrder, StrategyContext } from '../strategy/sdk.js';
import type { ExecutionVenue } from '../venue/venue.js';

/** The kernel's read-only view for strategies: positions from the portfolio, orders from the venue. */
export class KernelContext implements StrategyContext {
  nowMs = 0;

  constructor(
    readonly mode: Mode,
    readonly markets: readonly string[],
    private readonly portfolio: PortfolioPort,
    private readonly venue: ExecutionVenue,
    private readonly books: ReadonlyMap<string, OrderBook>,
    private readonly logger: Logger,
    /** Last trade price of a market (the kernel keeps it per leg), or null before its first trade. */
    private readonly lastOf: (symbol: string) => number | null,
    /** Where `plot` values go (a session streams them); ignored when absent (backtests). */
    private readonly onPlot?: (name: string, timeMs: number, value: number) => void,
  ) {}

  position(symbol: string): number {
    return this.portfolio.positionQty(symbol);
  }

  avgEntryPrice(symbol: string): number | null {
    return this.portfolio.position(symbol).avgEntry;
  }

  openOrders(symbol?: string): readonly OpenOrder[] {
    return this.venue.openOrders(symbol);
  }

  lastPrice(symbol: string): number | null {
    return this.lastOf(symbol);
  }

  book(symbol: string): OrderBook | null {
    return this.books.get(symbol) ?? null;
  }

  plot(name: string, value: number): void {
    this.onPlot?.(name, this.nowMs, value);
  }

  log(message: string, fields?: Record<string, unknown>): void {
    this.logger.info(message, { ...fields, simTime: new Date(this.nowMs).toISOString() });
  }
}
