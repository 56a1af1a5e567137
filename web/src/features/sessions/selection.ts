import { useCallback } from 'react';
import { useOptionalUrlParam, writeUrlParams } from '../../lib/url-state';

/**
 * The session shown in the detail drawer, kept in the URL (`?session=<id>`, plus `compare=<id>`
 * for the compare view), so it survives reloads and can be shared; Back closes it.
 */
export function useSelectedSession() {
  const [id] = useOptionalUrlParam('session', true);
  const [compare] = useOptionalUrlParam('compare', true);
  const open = useCallback((next: string) => writeUrlParams({ session: next, compare: null }, true), []);
  const close = useCallback(() => writeUrlParams({ session: null, compare: null }, true), []);
  const openCompare = useCallback(
    (left: string, right: string | null) => writeUrlParams({ session: left, compare: right }, true),
    [],
  );
  return { id, compare, open, close, openCompare };
}
