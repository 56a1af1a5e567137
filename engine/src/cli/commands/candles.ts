import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openArchiveStore } from '../../archive/open-store.js';
import { readTrades } from '../../archive/trade-archive.js';
import { readEngineEnv } from '../../env.js';
import { CandleBuilder, type TickCandle } from '../../market/candles.js';
import { PERIOD_SECONDS, type Period } from '../../market/periods.js';
import { fromTicks, toTicks } from '../../market/price-ticks.js';

/** BitMEX's finest price precision (1 satoshi). */
const FINEST_TICK = 1e-8;

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
  from: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO date'),
  to: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO date'),
  json: z.boolean().default(false),
  exchange: z.string().default('bitmex'),
});

/**
 * `hm candles`: candles from the archive alone, every bucket with trades whose start lies in
 * [from, to), ascending; `time` = bucket start in unix seconds UTC (weeks start Monday).
 */
export async function candlesCommand(argv: string[]): Promise<void> {
  let flags: z.infer<typeof Flags>;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        market: { type: 'string' },
        period: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        json: { type: 'boolean' },
        exchange: { type: 'string' },
      },
    });
    if (positionals.length > 0) throw new Error(`unexpected argument: ${positionals.join(' ')}`);
    flags = Flags.parse(values);
  } catch (err) {
    const msg =
      err instanceof z.ZodError
        ? err.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')
        : (err as Error).message;
    console.error(`hm candles: ${msg}\n${USAGE}`);
    process.exit(2);
  }
  const period = PERIOD_FLAGS[flags.period] as Period;
  const fromMs = Date.parse(flags.from);
  const toMs = Date.parse(flags.to);
  const builder = new CandleBuilder(period);
  const out: { time: number; open: number; high: number; low: number; close: number; volume: number }[] = [];
  // Segments may use different ticks (an hour with an off-grid price falls back to 1e-8); candles
  // are built in the finest tick so every segment converts exactly.
  const tick = FINEST_TICK;
  const emit = (c: TickCandle | null) => {
    if (c && c.time * 1000 >= fromMs && c.time * 1000 < toMs) {
      const px = (t: number) => fromTicks(t, tick);
      out.push({
        time: c.time,
        open: px(c.open),
        high: px(c.high),
        low: px(c.low),
        close: px(c.close),
        volume: c.volume,
      });
    }
  };
  const store = openArchiveStore(readEngineEnv());
  // A bucket starting in [from, to) holds trades from its start up to one period after `to`.
  try {
    for await (const batch of readTrades(
      store,
      flags.exchange,
      flags.market,
      fromMs,
      toMs + PERIOD_SECONDS[period] * 1000,
    )) {
      for (let i = 0; i < batch.ids.length; i++) {
        const update = builder.apply({
          id: batch.ids[i] ?? '',
          symbol: flags.market,
          timeMs: Number((batch.timeNs[i] ?? 0n) / 1_000_000n),
          priceTicks: toTicks(fromTicks(batch.priceTicks[i] ?? 0, batch.tickSize), tick) ?? Number.NaN,
          size: batch.size[i] ?? 0,
          side: (batch.side[i] ?? 1) > 0 ? 'BUY' : 'SELL',
        });
        if (update?.closed) emit(update.closed);
      }
    }
  } catch (err) {
    console.error(`hm candles: ${(err as Error).message}`);
    process.exit(1);
  }
  emit(builder.current());
  if (flags.json) console.log(JSON.stringify(out));
  else
    for (const c of out)
      console.log(
        `${new Date(c.time * 1000).toISOString()}  O ${c.open}  H ${c.high}  L ${c.low}  C ${c.close}  V ${c.volume}`,
      );
}
