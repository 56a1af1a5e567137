import { useCallback } from 'react';
import { useOptionalUrlParam, writeUrlParams } from '../../lib/url-state';

/**
 * The session shown in the detail drawer, kept in the URL (`?session=<id>`, plus `compare=<id>`
 * for the compare view), so it survives reloads and can be shared; Back closes it. `drawer=min`
 * keeps the session selected with the drawer put away, so the price chart it is drawn on shows.
 */
export function useSelectedSession() {
  const [id] = useOptionalUrlParam('session', true);
  const [compare] = useOptionalUrlParam('compare', true);
  const [drawer] = useOptionalUrlParam('drawer', true);
  const open = useCallback((next: string) => writeUrlParams({ session: next, compare: null, drawer: null }, true), []);
  const close = useCallback(() => writeUrlParams({ session: null, compare: null, drawer: null }, true), []);
  const openCompare = useCallback(
    (left: string, right: string | null) => writeUrlParams({ session: left, compare: right, drawer: null }, true),
    [],
  );
  const minimize = useCallback(() => writeUrlParams({ drawer: 'min' }, true), []);
  const restore = useCallback(() => writeUrlParams({ drawer: null }, true), []);
  return { id, compare, minimized: id !== null && drawer === 'min', open, close, openCompare, minimize, restore };
}
