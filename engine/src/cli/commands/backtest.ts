import { z } from 'zod';
import { openArchiveStore } from '../../archive/open-store.js';
import { readEngineEnv } from '../../env.js';
import { type BacktestRequest, type BacktestResult, runBacktest } from '../../kernel/backtest.js';
import { createLogger } from '../../log.js';
import { STRATEGIES } from '../../strategy/registry.js';
import { asciiChart } from '../ascii-chart.js';
import { isoFlag, parseFlags } from '../flags.js';
import { progressBar } from '../progress.js';

const USAGE = `usage: hm backtest --strategy NAME --market XBTUSD [--market2 XBTUSDT] --from ISO --to ISO
                   [--param k=v ...] [--balance N] [--latency-ms N] [--maker-fee F] [--taker-fee F]
                   [--funding-rate F] [--json]
strategies: ${STRATEGIES.map((s) => s.name).join(', ')}
Runs in-process on the archive (HM_ARCHIVE_DIR or S3_BUCKET); no database or Redis needed.`;

const num = z.coerce.number();
const Flags = z.object({
  strategy: z.string().min(1),
  market: z.string().min(1),
  market2: z.string().min(1).optional(),
  from: isoFlag,
  to: isoFlag,
  param: z.array(z.string().regex(/^[A-Za-z_][\w]*=.+$/, 'must be key=value')).default([]),
  balance: num.positive().optional(),
  'latency-ms': num.int().min(0).optional(),
  'maker-fee': num.optional(),
  'taker-fee': num.optional(),
  'funding-rate': num.optional(),
  json: z.boolean().default(false),
});

/** `key=value` → value as number or boolean when it reads as one (strategy schemas validate further). */
function paramValue(text: string): unknown {
  if (/^-?\d+(\.\d+)?(e-?\d+)?$/i.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  return text;
}

/** `hm backtest`: one strategy over the archive, in this process, with a progress bar on a TTY. */
export async function backtestCommand(argv: string[]): Promise<void> {
  const flags = parseFlags(argv, Flags, { command: 'backtest', usage: USAGE, booleans: ['json'], multiple: ['param'] });
  const request: BacktestRequest = {
    strategy: flags.strategy,
    markets: flags.market2 ? [flags.market, flags.market2] : [flags.market],
    fromMs: Date.parse(flags.from),
    toMs: Date.parse(flags.to),
    params: Object.fromEntries(
      flags.param.map((p) => [p.slice(0, p.indexOf('=')), paramValue(p.slice(p.indexOf('=') + 1))]),
    ),
    ...(flags.balance !== undefined ? { initialBalance: flags.balance } : {}),
    ...(flags['latency-ms'] !== undefined ? { latencyMs: flags['latency-ms'] } : {}),
    ...(flags['maker-fee'] !== undefined ? { makerFee: flags['maker-fee'] } : {}),
    ...(flags['taker-fee'] !== undefined ? { takerFee: flags['taker-fee'] } : {}),
    ...(flags['funding-rate'] !== undefined ? { fundingRate: flags['funding-rate'] } : {}),
  };
  const env = readEngineEnv();
  const bar = process.stderr.isTTY ? progressBar('backtest', 100, '%') : null;
  let result: BacktestResult;
  try {
    ({ result } = await runBacktest(openArchiveStore(env), request, {
      log: createLogger('backtest', env.LOG_LEVEL),
      onProgress: (p) =>
        bar?.update(
          Math.floor(p.fraction * 100),
          `${new Date(p.simTimeMs).toISOString().slice(0, 16)}, ${(p.eventsPerSec / 1e6).toFixed(2)} M events/s`,
        ),
    }));
  } catch (err) {
    const message = err instanceof z.ZodError ? err.issues.map((i) => i.message).join('; ') : (err as Error).message;
    console.error(`\nhm backtest: ${message}`);
    process.exit(err instanceof RangeError || err instanceof z.ZodError ? 2 : 1);
  }
  bar?.finish(`${result.events.toLocaleString('en-US')} events`);
  if (flags.json) {
    console.log(JSON.stringify(result));
    return;
  }
  printSummary(result);
}

function printSummary(r: BacktestResult): void {
  const m = r.metrics;
  const f = (v: number | null, digits = 4) => (v === null ? '—' : v.toFixed(digits));
  console.log(`${r.strategy} on ${r.markets.join(' / ')}  ${r.from} → ${r.to}  (${r.events} events)`);
  console.log(
    `net P&L ${f(m.netPnl, 8)} ${r.settleCurrency}  return ${f(m.returnPct, 2)} %  Sharpe ${f(m.sharpe, 2)} (${m.sharpeBasis})  Sortino ${f(m.sortino, 2)}`,
  );
  console.log(
    `max drawdown ${f(m.maxDrawdown, 8)} (${f(m.maxDrawdownPct, 2)} %)  profit factor ${f(m.profitFactor, 2)}  win rate ${f(m.winRate === null ? null : m.winRate * 100, 1)} %`,
  );
  console.log(
    `round trips ${m.roundTrips}  fills ${m.fills}  fees ${f(m.feesPaid, 8)}  funding ${f(m.fundingPaid, 8)} ${r.settleCurrency}`,
  );
  console.log('\nequity');
  console.log(asciiChart(r.equity.map((p) => p.equity)));
}
