import { type ReactNode, useCallback, useMemo, useRef, useState } from 'react';
import './components.css';
import { ToastContext, type Toaster, type ToastKind } from './toast-context';

interface Item {
  id: number;
  kind: ToastKind;
  message: string;
  count: number;
}

const MAX = 5;

/** Holds the toasts of the page and draws them top right; a repeated message bumps a counter. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<Item[]>([]);
  const nextId = useRef(1);
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
      <div className="toasts" aria-live="polite">
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
