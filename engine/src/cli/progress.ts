/**
 * A progress bar on stderr for long CLI work. On a terminal it redraws one line; otherwise (CI,
 * logs, pipes) it prints a plain line every 10 % so logs stay readable.
 */
export interface Progress {
  /** `done` of `total` units, plus an optional note (e.g. "1.2M trades"). */
  update(done: number, note?: string): void;
  /** Ends the bar with a final line. */
  finish(note?: string): void;
}

const WIDTH = 30;

export function progressBar(label: string, total: number, unit: string): Progress {
  const tty = process.stderr.isTTY === true;
  const started = Date.now();
  let lastDecile = -1;
  let lastDraw = 0;
  const line = (done: number, note?: string) => {
    const frac = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(frac * WIDTH);
    const elapsedS = (Date.now() - started) / 1000;
    const eta = frac > 0 && frac < 1 ? ` eta ${Math.ceil((elapsedS / frac) * (1 - frac))} s` : '';
    return `${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${(frac * 100).toFixed(0).padStart(3)}% ${done}/${total} ${unit}${note ? `, ${note}` : ''}${eta}`;
  };
  return {
    update(done, note) {
      if (tty) {
        const now = Date.now();
        if (now - lastDraw < 100 && done < total) return;
        lastDraw = now;
        process.stderr.write(`\r${line(done, note)}\x1b[K`);
        return;
      }
      const decile = Math.floor((total > 0 ? done / total : 1) * 10);
      if (decile > lastDecile) {
        lastDecile = decile;
        process.stderr.write(`${line(done, note)}\n`);
      }
    },
    finish(note) {
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      process.stderr.write(`${tty ? '\r' : ''}${line(total, note)} in ${secs} s${tty ? '\x1b[K' : ''}\n`);
    },
  };
}
