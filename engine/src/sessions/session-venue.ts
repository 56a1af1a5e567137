import type { Portfolio } from '../portfolio/portfolio.js';
import type { Fill } from '../strategy/sdk.js';
import type { ExecutionVenue } from '../venue/venue.js';

/** What a session venue may touch while it opens and checks: the books the session keeps. */
export interface VenueBooks {
  portfolio: Portfolio;
  /** Books a fill the kernel did not see (adopted at start, or made while closing): portfolio + storage + log. */
  book(fill: Fill): void;
  /** Stores (or clears, with null) the session's reconciliation warning. */
  warn(warning: string | null): Promise<void>;
}

/**
 * The execution side of a strategy session: the venue the kernel trades through plus what must
 * happen around the run. Paper sessions use the simulated venue (nothing to open or check);
 * exchange sessions connect, reconcile and keep the dead man's switch armed.
 */
export interface SessionVenue {
  /** What the kernel submits intents to and drains fills from. */
  readonly venue: ExecutionVenue;
  /** `simulated`, or the exchange network traded on (for logs). */
  readonly label: string;
  /** Whether the kernel may close positions itself at the end (simulated fills); an exchange closes with real orders. */
  readonly closesLocally: boolean;
  /** Before the kernel starts, after the portfolio holds the stored fills. */
  open(books: VenueBooks): Promise<void>;
  /** At each heartbeat. */
  check(books: VenueBooks): Promise<void>;
  /**
   * Before the run ends on a stop: cancel what is open and close positions with real orders.
   * Resolves once flat (or when it gives up, logged).
   */
  flatten(books: VenueBooks): Promise<void>;
  /** After the run: `stopped` and `halted` release the connection; `suspended` leaves the dead man's switch to act. */
  close(how: 'stopped' | 'halted' | 'suspended'): Promise<void>;
}

/** Paper trading: the simulated venue, nothing to connect or reconcile. */
export function simulatedSessionVenue(venue: ExecutionVenue): SessionVenue {
  return {
    venue,
    label: 'simulated',
    closesLocally: true,
    open: async () => {},
    check: async () => {},
    flatten: async () => {},
    close: async () => {},
  };
}
