import type { SeriesMarker, UTCTimestamp } from 'lightweight-charts';
import type { Period } from '../gql/graphql';
import { bucketStart } from './periods';
import { DOWN, UP } from './theme';

/** A round trip as the markers need it (times in unix ms). */
export interface MarkerTrip {
  seq: number;
  side: string;
  entryMs: number;
  exitMs: number;
  pnl: number;
}

export interface MarkerOptions {
  period: Period;
  /** The oldest candle on the chart (unix s): markers before it would pile up on it, so are left out. */
  firstBarTime: number | null;
  /** P&L text of an exit marker, e.g. `+0.00012345`. */
  formatPnl: (pnl: number) => string;
}

/**
 * Entry and exit markers of round trips on the candles they happened in: an arrow up where the
 * strategy bought (long entry, short exit), down where it sold; entries coloured by side, exits by
 * result with the P&L as text. Sorted by time, as the chart needs them.
 */
export function roundTripMarkers(trips: readonly MarkerTrip[], o: MarkerOptions): SeriesMarker<UTCTimestamp>[] {
  const out: { marker: SeriesMarker<UTCTimestamp>; order: number }[] = [];
  const at = (ms: number) => bucketStart(Math.floor(ms / 1000), o.period) as UTCTimestamp;
  const shown = (time: number) => o.firstBarTime !== null && time >= o.firstBarTime;
  for (const t of trips) {
    const long = t.side === 'long';
    const entry = at(t.entryMs);
    const exit = at(t.exitMs);
    if (shown(entry)) {
      out.push({
        order: t.seq * 2,
        marker: {
          id: `entry-${t.seq}`,
          time: entry,
          position: long ? 'belowBar' : 'aboveBar',
          shape: long ? 'arrowUp' : 'arrowDown',
          color: long ? UP : DOWN,
          text: long ? 'L' : 'S',
        },
      });
    }
    if (shown(exit)) {
      out.push({
        order: t.seq * 2 + 1,
        marker: {
          id: `exit-${t.seq}`,
          time: exit,
          position: long ? 'aboveBar' : 'belowBar',
          shape: long ? 'arrowDown' : 'arrowUp',
          color: t.pnl >= 0 ? UP : DOWN,
          text: o.formatPnl(t.pnl),
        },
      });
    }
  }
  out.sort((a, b) => a.marker.time - b.marker.time || a.order - b.order);
  return out.map((m) => m.marker);
}
