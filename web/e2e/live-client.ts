import type { OrderDelta, PositionDelta } from '../../engine/src/bitmex/auth/private-rows.js';
import { BitmexPrivateStream } from '../../engine/src/bitmex/auth/private-stream.js';
import { BitmexRestClient } from '../../engine/src/bitmex/auth/rest-client.js';
import { signRequest } from '../../engine/src/bitmex/auth/signature.js';
import { createLogger } from '../../engine/src/log.js';
import { defaultTestAccount } from '../../engine/src/simulator/private/accounts.js';

/** The simulator's built-in account: what `hm start` registers as the exchange account "Simulator". */
export const SIM_ACCOUNT = defaultTestAccount();

/** The test's own view of the simulator account: REST for state, the private stream for every change. */
export async function simulatorObserver(simPort: number) {
  const restUrl = `http://127.0.0.1:${simPort}`;
  const rest = new BitmexRestClient({ baseUrl: restUrl, apiKey: SIM_ACCOUNT.apiKey, apiSecret: SIM_ACCOUNT.apiSecret });
  const orders: OrderDelta[] = [];
  const positions: PositionDelta[] = [];
  const waiters: { test: () => boolean; resolve: () => void }[] = [];
  const wake = () => {
    for (const w of [...waiters])
      if (w.test()) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
  };
  const stream = new BitmexPrivateStream({
    url: `ws://127.0.0.1:${simPort}/realtime`,
    apiKey: SIM_ACCOUNT.apiKey,
    apiSecret: SIM_ACCOUNT.apiSecret,
    log: createLogger('e2e-observer', 'error'),
    // The observer must not arm a dead man's switch of its own: the session's is under test.
    cancelAllAfterMs: 0,
    onOrder: (u) => {
      orders.push(...u.rows);
      wake();
    },
    onPosition: (u) => {
      positions.push(...u.rows);
      wake();
    },
  });
  await stream.start();
  return {
    rest,
    orders,
    positions,
    /** Resolves once `test` holds, re-checked at every order or position change. */
    until(test: () => boolean): Promise<void> {
      if (test()) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ test, resolve }));
    },
    /** Every execution of the account (BitMEX's trade history), newest first. */
    async executions(): Promise<{ execID: string; clOrdID: string; side: string; lastQty: number }[]> {
      const path = '/api/v1/execution/tradeHistory?count=500&reverse=true';
      const expires = Math.floor(Date.now() / 1000) + 60;
      const res = await fetch(`${restUrl}${path}`, {
        headers: {
          'api-key': SIM_ACCOUNT.apiKey,
          'api-expires': String(expires),
          'api-signature': signRequest(SIM_ACCOUNT.apiSecret, { verb: 'GET', path, expires }),
        },
      });
      if (!res.ok) throw new Error(`tradeHistory: ${res.status} ${await res.text()}`);
      return (await res.json()) as { execID: string; clOrdID: string; side: string; lastQty: number }[];
    },
    close: () => stream.close(),
  };
}
