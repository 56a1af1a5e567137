/**
 * Runs a backtest through the GraphQL API, follows its progress over graphql-ws and prints its
 * metrics. A typed example for scripts:
 *
 *   HM_API_KEY=hm_... npx tsx api/examples/run-backtest.ts --strategy SDBot --market XBTUSD \
 *     --from 2026-11-01T00:00:00Z --to 2026-11-02T00:00:00Z [--url http://127.0.0.1:4000]
 *
 * Needs a key with the `control` scope (`npx hm apikey create --scope control`).
 */
import { parseArgs } from 'node:util';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

interface Metrics {
  netPnl: number | null;
  returnPct: number | null;
  sharpe: number | null;
  sharpeBasis: string;
  maxDrawdownPct: number | null;
  winRate: number | null;
  profitFactor: number | null;
  roundTrips: number;
  fills: number;
  feesPaid: number;
}
type RunResult =
  | { __typename: 'MutationRunBacktestSuccess'; data: { id: string; status: string } }
  | { __typename: 'InputError' | 'NotFoundError' | 'StateError'; message: string; code: string; field?: string };
interface Progress {
  status: string;
  percent: number;
  eventsPerSec: number;
}

const { values } = parseArgs({
  options: {
    strategy: { type: 'string', default: 'SDBot' },
    market: { type: 'string', multiple: true, default: ['XBTUSD'] },
    from: { type: 'string' },
    to: { type: 'string' },
    url: { type: 'string', default: process.env.HM_API_URL ?? 'http://127.0.0.1:4000' },
  },
});
const key = process.env.HM_API_KEY;
if (!key || !values.from || !values.to) {
  console.error('usage: HM_API_KEY=... run-backtest.ts --from ISO --to ISO [--strategy S] [--market M ...] [--url U]');
  process.exit(2);
}

/** One GraphQL request over HTTP with the key; throws on transport or GraphQL errors. */
async function request<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${values.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key as string },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data as T;
}

const { runBacktest } = await request<{ runBacktest: RunResult }>(
  `mutation($input: RunBacktestInput!) {
    runBacktest(input: $input) {
      __typename
      ... on MutationRunBacktestSuccess { data { id status } }
      ... on Error { message code }
      ... on InputError { field }
    }
  }`,
  { input: { strategy: values.strategy, markets: values.market, rangeFrom: values.from, rangeTo: values.to } },
);
if (runBacktest.__typename !== 'MutationRunBacktestSuccess') {
  console.error(
    `refused (${runBacktest.code}${runBacktest.field ? `, ${runBacktest.field}` : ''}): ${runBacktest.message}`,
  );
  process.exit(1);
}
const id = runBacktest.data.id;
console.error(`backtest ${id} queued`);

const ws = createClient({
  url: `${(values.url as string).replace(/^http/, 'ws')}/graphql`,
  webSocketImpl: WebSocket,
  connectionParams: { 'x-api-key': key },
});
let final = 'RUNNING';
for await (const msg of ws.iterate<{ backtestProgress: Progress }>({
  query: 'subscription($id: ID!) { backtestProgress(id: $id) { status percent eventsPerSec } }',
  variables: { id },
})) {
  const p = msg.data?.backtestProgress;
  if (!p) continue;
  process.stderr.write(
    `\r${p.status.padEnd(9)} ${p.percent.toFixed(1).padStart(5)} %  ${Math.round(p.eventsPerSec)} events/s   `,
  );
  final = p.status;
  if (p.status !== 'RUNNING' && p.status !== 'QUEUED') break;
}
process.stderr.write('\n');
await ws.dispose();

const { session } = await request<{ session: { status: string; error: string | null; metrics: Metrics | null } }>(
  `query($id: ID!) { session(id: $id) { status error
      metrics { netPnl returnPct sharpe sharpeBasis maxDrawdownPct winRate profitFactor roundTrips fills feesPaid } } }`,
  { id },
);
if (final !== 'COMPLETED' || !session.metrics) {
  console.error(`backtest ended ${session.status}: ${session.error ?? 'no metrics'}`);
  process.exit(1);
}
console.table(session.metrics);
