import { useCallback, useEffect, useState } from 'react';

/** Fired on window whenever one of these hooks changes the query string, so every reader follows. */
const CHANGE = 'hm:urlchange';

function readParam(name: string): string | null {
  return new URLSearchParams(window.location.search).get(name);
}

/** Writes (or with null removes) parameters; `push` adds a history entry (Back undoes it). */
export function writeUrlParams(changes: Record<string, string | null>, push = false): void {
  const params = new URLSearchParams(window.location.search);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) params.delete(name);
    else params.set(name, value);
  }
  const query = params.toString();
  const url = `${window.location.pathname}${query ? `?${query}` : ''}`;
  if (push) window.history.pushState(null, '', url);
  else window.history.replaceState(null, '', url);
  window.dispatchEvent(new Event(CHANGE));
}

/** Re-reads on Back/Forward and on changes made by other hooks. */
function useUrlFollow(read: () => void): void {
  useEffect(() => {
    window.addEventListener('popstate', read);
    window.addEventListener(CHANGE, read);
    return () => {
      window.removeEventListener('popstate', read);
      window.removeEventListener(CHANGE, read);
    };
  }, [read]);
}

/**
 * One query-string parameter as React state, so a view (market, period, session) is shareable by
 * URL and survives reloads. Uses replaceState: switching markets does not spam the history.
 */
export function useUrlParam<T extends string>(name: string, fallback: T, allowed?: readonly T[]): [T, (v: T) => void] {
  const read = useCallback((): T => {
    const raw = readParam(name);
    if (raw === null) return fallback;
    if (allowed && !allowed.includes(raw as T)) return fallback;
    return raw as T;
  }, [name, fallback, allowed]);
  const [value, setValue] = useState<T>(read);
  useUrlFollow(useCallback(() => setValue(read()), [read]));
  const update = useCallback(
    (next: T) => {
      writeUrlParams({ [name]: next });
      setValue(next);
    },
    [name],
  );
  return [value, update];
}

/**
 * An optional parameter (e.g. `session=<id>`): null when absent; setting null removes it. With
 * `push`, opening adds a history entry so the browser's Back closes it again.
 */
export function useOptionalUrlParam(name: string, push = false): [string | null, (v: string | null) => void] {
  const [value, setValue] = useState<string | null>(() => readParam(name) || null);
  useUrlFollow(useCallback(() => setValue(readParam(name) || null), [name]));
  const update = useCallback(
    (next: string | null) => {
      writeUrlParams({ [name]: next || null }, push && next !== null);
      setValue(next || null);
    },
    [name, push],
  );
  return [value, update];
}
