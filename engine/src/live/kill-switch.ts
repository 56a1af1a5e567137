import type { Db } from '@hm/db';
import type { Redis } from 'ioredis';
import { BitmexRestClient } from '../bitmex/auth/rest-client.js';
import { KILL_SWITCH_CHANNEL, type KillSwitchEvent } from '../contracts/sessions.js';
import { endpointsOf } from './endpoints.js';
import { loadAllCredentials } from './exchange-accounts.js';
import { SecretBox } from './secret-box.js';

/** What pulling the kill switch did. */
export interface KillSwitchResult {
  /** Running TEST and LIVE sessions told to halt. */
  sessionsHalted: number;
  /** Per exchange account: orders the exchange cancelled, or why it could not. */
  accounts: { accountId: string; network: string; cancelled: number; error: string | null }[];
}

/**
 * The global kill switch: every running TEST/LIVE session halts (its runner hears
 * {@link KILL_SWITCH_CHANNEL}: orders cancelled, trading refused, status HALTED), and every exchange
 * account's open orders are cancelled directly (`DELETE /order/all`), so nothing stays working even
 * where no session runs or its worker is gone. Positions are left as they are: flattening them is
 * a trading decision.
 */
export async function pullKillSwitch(o: {
  db: Db;
  redis: Redis;
  reason: string;
  secretsKey: string | undefined;
  simulatorUrl: string | undefined;
}): Promise<KillSwitchResult> {
  const event: KillSwitchEvent = { type: 'kill', reason: o.reason, atMs: Date.now() };
  const sessionsHalted = await o.db.session.count({
    where: { status: { in: ['RUNNING', 'STOPPING'] }, mode: { in: ['TEST', 'LIVE'] } },
  });
  await o.redis.publish(KILL_SWITCH_CHANNEL, JSON.stringify(event));
  const accounts: KillSwitchResult['accounts'] = [];
  const count = await o.db.exchangeAccount.count({ where: { revokedAt: null } });
  if (count === 0) return { sessionsHalted, accounts };
  let creds: Awaited<ReturnType<typeof loadAllCredentials>>;
  try {
    creds = await loadAllCredentials(o.db, new SecretBox(o.secretsKey));
  } catch (err) {
    // Sessions are halted either way; say why the accounts could not be reached.
    const rows = await o.db.exchangeAccount.findMany({ where: { revokedAt: null } });
    const error = (err as Error).message;
    return {
      sessionsHalted,
      accounts: rows.map((r) => ({ accountId: r.id, network: r.network, cancelled: 0, error })),
    };
  }
  await Promise.all(
    creds.map(async (c) => {
      try {
        const ends = endpointsOf(c.network, o.simulatorUrl);
        const rest = new BitmexRestClient({
          baseUrl: ends.restUrl,
          apiKey: c.apiKey,
          apiSecret: c.apiSecret,
          maxAttempts: 2,
        });
        const rows = await rest.cancelAll();
        accounts.push({ accountId: c.accountId, network: c.network, cancelled: rows.length, error: null });
      } catch (err) {
        accounts.push({ accountId: c.accountId, network: c.network, cancelled: 0, error: (err as Error).message });
      }
    }),
  );
  return { sessionsHalted, accounts };
}
