/**
 * Profiling aid (not part of `npm run bench`): writes the bench archive once into HM_PROFILE_DIR
 * (default /tmp/hm-profile-archive) and runs one strategy's backtest over it `runs` times, printing
 * events/s. Run under `node --cpu-prof engine/bin/tsx-run.js …` or
 * `node --cpu-prof --import tsx engine/bench/profile-backtest.ts SDBot 3`.
 */
import { existsSync } from 'node:fs';
import { LocalArchiveStore } from '../src/archive/local-store.js';
import { runBacktest } from '../src/kernel/backtest.js';
import { createLogger } from '../src/log.js';
import { writeBenchArchive } from './backtest-throughput.js';

const [strategy = 'SDBot', runsText = '3', tradesText = '4000000'] = process.argv.slice(2);
const dir = process.env.HM_PROFILE_DIR ?? '/tmp/hm-profile-archive';
const store = new LocalArchiveStore(dir);
const fresh = !existsSync(dir);
const { fromMs, toMs } = fresh
  ? await writeBenchArchive(store, Number(tradesText))
  : {
      fromMs: Date.UTC(2024, 0, 15),
      toMs: Date.UTC(2024, 0, 15) + Math.ceil(Number(tradesText) / 400_000) * 3_600_000,
    };
const params = strategy === 'SazBot' ? { band_min: 0.00001, band_max: 0.001 } : {};
for (let r = 0; r < Number(runsText); r++) {
  const t = performance.now();
  const { result } = await runBacktest(
    store,
    { strategy, markets: ['XBTUSD'], fromMs, toMs, params },
    { log: createLogger('profile', 'error') },
  );
  const s = (performance.now() - t) / 1000;
  console.log(
    `${strategy}: ${result.events} events in ${s.toFixed(2)} s = ${(result.events / s / 1e6).toFixed(2)} M/s`,
  );
}
