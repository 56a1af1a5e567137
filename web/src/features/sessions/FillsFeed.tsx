import { useEffect } from 'react';
import { type FillRow, useFillsFeed } from './useFillsFeed';

interface Props {
  id: string;
  limit: number;
  onFills: (id: string, fills: readonly FillRow[], error: string | null) => void;
}

/** Invisible: follows one session's fills and hands them to the panel that merges several. */
export function FillsFeed({ id, limit, onFills }: Props) {
  const feed = useFillsFeed(id, { scope: 'recent', limit });
  useEffect(() => onFills(id, feed.fills, feed.error), [id, feed.fills, feed.error, onFills]);
  return null;
}
