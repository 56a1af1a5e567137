import { useCallback, useEffect, useRef } from 'react';

/**
 * Collects pushed items and hands them over in one batch per animation frame, and at most once per
 * `everyMs`: a feed of 40 trades/s then costs a handful of React renders (and layouts) a second
 * instead of one per event, and no event is dropped (unlike reading a subscription's latest
 * value). Only the newest `keep` items are held, so a hidden tab (no frames) does not pile them
 * up. Returns `push` and `clear` (e.g. on a market change, so the old market's items never reach
 * the new view).
 */
export function useFrameQueue<T>(
  onFlush: (items: T[]) => void,
  keep: number,
  everyMs = 0,
): { push: (item: T) => void; clear: () => void } {
  const handler = useRef(onFlush);
  handler.current = onFlush;
  const queue = useRef<T[]>([]);
  const frame = useRef<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastFlush = useRef(0);

  const clear = useCallback(() => {
    queue.current = [];
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    if (timer.current !== null) clearTimeout(timer.current);
    frame.current = null;
    timer.current = null;
  }, []);
  useEffect(() => clear, [clear]);

  const push = useCallback(
    (item: T) => {
      queue.current.push(item);
      if (queue.current.length > keep) queue.current.splice(0, queue.current.length - keep);
      if (frame.current !== null || timer.current !== null) return;
      const flushOnFrame = () => {
        timer.current = null;
        frame.current = requestAnimationFrame(() => {
          frame.current = null;
          lastFlush.current = performance.now();
          const items = queue.current;
          queue.current = [];
          if (items.length > 0) handler.current(items);
        });
      };
      const wait = lastFlush.current + everyMs - performance.now();
      if (wait > 0) timer.current = setTimeout(flushOnFrame, wait);
      else flushOnFrame();
    },
    [keep, everyMs],
  );
  return { push, clear };
}
