import { z } from 'zod';
import { type ArchiveCandle, archiveCandles } from '../../archive/archive-candles.js';
import { openArchiveStore } from '../../archive/open-store.js';
import { readEngineEnv } from '../../env.js';
import type { Period } from '../../market/periods.js';
import { isoFlag, parseFlags } from '../flags.js';

const PERIOD_FLAGS: Record<string, Period> = {
  '1m': 'M1',
  '5m': 'M5',
  '15m': 'M15',
  '1h': 'H1',
  '4h': 'H4',
  '1d': 'D1',
  '1w': 'W1',
};
const USAGE =
  'usage: hm candles --market XBTUSD --period 1m|5m|15m|1h|4h|1d|1w --from ISO --to ISO [--json] [--exchange bitmex]';

const Flags = z.object({
  market: z.string().min(1),
  period: z.enum(Object.keys(PERIOD_FLAGS) as [string, ...string[]]),
  from: isoFlag,
  to: isoFlag,
  json: z.boolean().default(false),
  exchange: z.string().default('bitmex'),
});

/**
 * `hm candles`: candles from the archive alone, every bucket with trades whose start lies in
 * [from, to), ascending; `time` = bucket start in unix seconds UTC (weeks start Monday).
 */
export async function candlesCommand(argv: string[]): Promise<void> {
  const flags = parseFlags(argv, Flags, { command: 'candles', usage: USAGE, booleans: ['json'] });
  const period = PERIOD_FLAGS[flags.period] as Period;
  const fromMs = Date.parse(flags.from);
  const toMs = Date.parse(flags.to);
  const store = openArchiveStore(readEngineEnv());
  let out: ArchiveCandle[];
  try {
    out = await archiveCandles(store, { exchange: flags.exchange, symbol: flags.market, period, fromMs, toMs });
  } catch (err) {
    console.error(`hm candles: ${(err as Error).message}`);
    process.exit(1);
  }
  if (flags.json) console.log(JSON.stringify(out));
  else
    for (const c of out)
      console.log(
        `${new Date(c.time * 1000).toISOString()}  O ${c.open}  H ${c.high}  L ${c.low}  C ${c.close}  V ${c.volume}`,
      );
}
