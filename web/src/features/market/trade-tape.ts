/** The fields the tape merges by. */
export interface TapeTrade {
  id: string;
}

/**
 * The tape after a batch of pushed trades (oldest first, as they arrived): newest first, each id
 * once (the server's snapshot may overlap the first live prints), at most `keep` rows.
 */
export function mergeTrades<T extends TapeTrade>(shown: readonly T[], batch: readonly T[], keep: number): T[] {
  const seen = new Set(shown.map((t) => t.id));
  const fresh: T[] = [];
  for (let i = batch.length - 1; i >= 0; i--) {
    const t = batch[i];
    if (t === undefined || seen.has(t.id)) continue;
    seen.add(t.id);
    fresh.push(t);
  }
  if (fresh.length === 0) return shown as T[];
  return [...fresh, ...shown].slice(0, keep);
}
