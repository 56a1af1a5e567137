/**
 * Server-side latency probe for `npm run bench` (docs/benchmarks.md, goal G13: frame arrives at the
 * worker → result written to the subscriber socket). Enabled only with HM_BENCH_PROBE=1: the bench's
 * frames carry their send time in the trade id (`bench-<n>-<ms>`); each result handed to a socket
 * adds one sample; the bench asks for a summary over IPC.
 */
export function benchProbe(): (result: unknown) => void {
  let samples: number[] = [];
  process.on('message', (m: unknown) => {
    if ((m as { type?: unknown }).type !== 'probe-report') return;
    const sorted = samples.sort((a, b) => a - b);
    const at = (p: number) =>
      sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
    process.send?.({
      type: 'probe',
      count: sorted.length,
      p50Ms: at(50),
      p99Ms: at(99),
      maxMs: sorted.at(-1) ?? Number.NaN,
    });
    samples = [];
  });
  return (result) => {
    const id = (result as { data?: { trades?: { id?: unknown } } }).data?.trades?.id;
    if (typeof id !== 'string' || !id.startsWith('bench-')) return;
    samples.push(performance.timeOrigin + performance.now() - Number(id.slice(id.lastIndexOf('-') + 1)));
  };
}
