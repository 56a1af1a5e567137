import { createContext, useContext } from 'react';

export type ToastKind = 'error' | 'success' | 'info';

export interface Toaster {
  /** Shows a message; errors stay 10 s (until closed when `sticky`), others 4 s. */
  show: (kind: ToastKind, message: string, opts?: { sticky?: boolean }) => void;
  error: (message: string) => void;
  success: (message: string) => void;
  info: (message: string) => void;
}

export const ToastContext = createContext<Toaster | null>(null);

/** The page's toaster; errors must go here rather than being swallowed. */
export function useToast(): Toaster {
  const toaster = useContext(ToastContext);
  if (!toaster) throw new Error('useToast needs a <ToastProvider> above it');
  return toaster;
}
