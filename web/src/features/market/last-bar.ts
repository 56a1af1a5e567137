import { useSyncExternalStore } from 'react';
import type { Bar } from '../../charts/candle-chart';

/**
 * The chart's newest bar, for the header's last price and the OHLC readout. A store rather than
 * App state: bars arrive up to 10 a second, and only these two small readers should re-render,
 * not the whole page.
 */
export class LastBarStore {
  private bar: Bar | null = null;
  private readonly listeners = new Set<() => void>();

  readonly get = (): Bar | null => this.bar;

  readonly subscribe = (onChange: () => void): (() => void) => {
    this.listeners.add(onChange);
    return () => this.listeners.delete(onChange);
  };

  set(bar: Bar | null): void {
    if (bar === this.bar) return;
    this.bar = bar;
    for (const l of this.listeners) l();
  }
}

export function useLastBar(store: LastBarStore): Bar | null {
  return useSyncExternalStore(store.subscribe, store.get);
}
