import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import './components.css';
import { ToastContext, type Toaster, type ToastKind } from './toast-context';

interface Item {
  id: number;
  kind: ToastKind;
  message: string;
  count: number;
}

const MAX = 5;

/**
 * Holds the toasts of the page and draws them top right; a repeated message bumps a counter. While
 * the session drawer is open they sit in a band below it instead (components.css), and the drawer
 * ends where the band starts, so a toast never covers the drawer's buttons: the band's height is
 * published as `--toast-band` for the drawer's CSS.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<Item[]>([]);
  const nextId = useRef(1);
  const stack = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = stack.current;
    if (!el) return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => root.style.setProperty('--toast-band', `${el.offsetHeight}px`));
    observer.observe(el);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--toast-band');
    };
  }, []);
  const dismiss = useCallback((id: number) => setItems((list) => list.filter((t) => t.id !== id)), []);
  const show = useCallback(
    (kind: ToastKind, message: string, opts?: { sticky?: boolean }) => {
      const id = nextId.current++;
      setItems((list) => {
        const same = list.find((t) => t.kind === kind && t.message === message);
        if (same) return list.map((t) => (t === same ? { ...t, count: t.count + 1 } : t));
        return [...list, { id, kind, message, count: 1 }].slice(-MAX);
      });
      if (!opts?.sticky) setTimeout(() => dismiss(id), kind === 'error' ? 10_000 : 4_000);
    },
    [dismiss],
  );
  const toaster = useMemo<Toaster>(
    () => ({
      show,
      error: (m) => show('error', m),
      success: (m) => show('success', m),
      info: (m) => show('info', m),
    }),
    [show],
  );
  return (
    <ToastContext.Provider value={toaster}>
      {children}
      <div className="toasts" aria-live="polite" ref={stack} data-testid="toasts">
        {items.map((t) => (
          <div
            key={t.id}
            className={`toast ${t.kind}`}
            role={t.kind === 'error' ? 'alert' : 'status'}
            data-testid="toast"
          >
            <span className="toast-message">
              {t.message}
              {t.count > 1 && <b> ×{t.count}</b>}
            </span>
            <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
