import { useCallback, useEffect, useState } from 'react';

/**
 * One query-string parameter as React state, so a view (market, period, session) is shareable by
 * URL and survives reloads. Uses replaceState: switching markets does not spam the history.
 */
export function useUrlParam<T extends string>(name: string, fallback: T, allowed?: readonly T[]): [T, (v: T) => void] {
  const read = useCallback((): T => {
    const raw = new URLSearchParams(window.location.search).get(name);
    if (raw === null) return fallback;
    if (allowed && !allowed.includes(raw as T)) return fallback;
    return raw as T;
  }, [name, fallback, allowed]);
  const [value, setValue] = useState<T>(read);
  useEffect(() => {
    const onPop = () => setValue(read());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [read]);
  const update = useCallback(
    (next: T) => {
      const params = new URLSearchParams(window.location.search);
      params.set(name, next);
      window.history.replaceState(null, '', `${window.location.pathname}?${params.toString()}`);
      setValue(next);
    },
    [name],
  );
  return [value, update];
}
