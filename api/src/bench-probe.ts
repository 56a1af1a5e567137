/**
 * Server-side latency probe for `npm run bench` (docs/benchmarks.md, goal G13: frame arrives at the
 * worker → result written to the subscriber socket). Enabled only with HM_BENCH_PROBE=1: the bench's
 * frames carry their send time in the trade id (`bench-<n>-<ms>`); each result handed to a socket
 * adds one sample; the bench asks for a summary over IPC. Cheap per call (a shared result handed to
 * 100 sockets is parsed once; samples go to a typed array) so the probe does not load what it measures.
 */
export function benchProbe(): (result: unknown) => void {
  let samples = new Float64Array(1 << 20);
  let count = 0;
  let lastResult: unknown;
  let lastSent = Number.NaN;
  process.on('message', (m: unknown) => {
    if ((m as { type?: unknown }).type !== 'probe-report') return;
    const sorted = samples.subarray(0, count).sort();
    const at = (p: number) =>
      sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
    process.send?.({
      type: 'probe',
      count: sorted.length,
      p50Ms: at(50),
      p99Ms: at(99),
      maxMs: sorted.at(-1) ?? Number.NaN,
    });
    count = 0;
  });
  return (result) => {
    if (result !== lastResult) {
      lastResult = result;
      const id = (result as { data?: { trades?: { id?: unknown } } }).data?.trades?.id;
      lastSent =
        typeof id === 'string' && id.startsWith('bench-') ? Number(id.slice(id.lastIndexOf('-') + 1)) : Number.NaN;
    }
    if (Number.isNaN(lastSent)) return;
    if (count === samples.length) {
      const grown = new Float64Array(samples.length * 2);
      grown.set(samples);
      samples = grown;
    }
    samples[count++] = performance.timeOrigin + performance.now() - lastSent;
  };
}
