import { useCallback, useState } from 'react';

/**
 * Forward cursor paging (`first`/`after`) with a way back: remembers the cursor each page started
 * at. `reset` returns to the first page (after a filter change).
 */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const page = cursors.length - 1;
  return {
    page,
    after: cursors[page] ?? null,
    next: useCallback((endCursor: string | null | undefined) => {
      if (endCursor) setCursors((c) => [...c, endCursor]);
    }, []),
    prev: useCallback(() => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)), []),
    reset: useCallback(() => setCursors([null]), []),
  };
}
