import type { ExchangeAccount } from '@hm/db';
import {
  createExchangeAccount,
  EXCHANGE_NETWORKS,
  ExchangeAccountError,
  type ExchangeAccountInfo,
  type KillSwitchResult,
  listExchangeAccounts,
  pullKillSwitch,
  type RiskLimits,
  revokeExchangeAccount,
  SecretBox,
  SecretBoxError,
} from '@hm/engine/live';
import { builder } from '../builder.js';
import { badInput } from './inputs.js';

// Exchange trading: accounts (credentials sealed at rest, never returned), risk limits as sessions
// report them, and the kill switch. Managing accounts needs an admin key (api/src/auth/scopes.ts).

export const SessionVenueRef = builder.enumType('SessionVenue', {
  description: 'Where orders go: SIMULATED fills (paper, backtest) or the EXCHANGE account (LIVE, or TEST on testnet).',
  values: ['SIMULATED', 'EXCHANGE'] as const,
});

const ExchangeNetworkRef = builder.enumType('ExchangeNetwork', {
  description: 'BitMEX MAINNET (real money), BitMEX TESTNET, or the local exchange SIMULATOR.',
  values: EXCHANGE_NETWORKS,
});

export const ExchangeAccountRef = builder.objectRef<ExchangeAccountInfo>('ExchangeAccount').implement({
  description: 'Exchange API credentials as stored: a hint of the key id, never the key or the secret.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    network: t.field({ type: ExchangeNetworkRef, resolve: (a) => a.network }),
    keyHint: t.exposeString('keyHint', { description: 'First 4 characters of the API key id.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
  }),
});

/** A stored row as the API shows it (ciphertexts dropped). */
export const toAccountInfo = (r: ExchangeAccount): ExchangeAccountInfo => ({
  id: r.id,
  name: r.name,
  network: r.network,
  keyHint: r.keyHint,
  createdAt: r.createdAt,
  revokedAt: r.revokedAt,
});

export const RiskLimitsRef = builder.objectRef<RiskLimits>('RiskLimits').implement({
  description: 'Risk limits (settlement currency, contracts); see RiskLimitsInput.',
  fields: (t) => ({
    maxPosition: t.exposeInt('maxPosition'),
    maxOrderNotional: t.exposeFloat('maxOrderNotional'),
    maxOrdersPerMinute: t.exposeInt('maxOrdersPerMinute'),
    dailyLossLimit: t.exposeFloat('dailyLossLimit'),
  }),
});

const KillSwitchAccountRef = builder.objectRef<KillSwitchResult['accounts'][number]>('KillSwitchAccount').implement({
  fields: (t) => ({
    accountId: t.exposeID('accountId'),
    network: t.exposeString('network'),
    cancelled: t.exposeInt('cancelled', { description: 'Orders the exchange cancelled.' }),
    error: t.exposeString('error', { nullable: true }),
  }),
});

const KillSwitchResultRef = builder.objectRef<KillSwitchResult>('KillSwitchResult').implement({
  fields: (t) => ({
    sessionsHalted: t.exposeInt('sessionsHalted', { description: 'Running TEST and LIVE sessions told to halt.' }),
    accounts: t.field({ type: [KillSwitchAccountRef], resolve: (r) => r.accounts }),
  }),
});

/** What the kill switch mutation must be given, so it is never pulled by accident. */
const KILL_CONFIRMATION = 'KILL';

const sealer = (key: string | undefined) => {
  try {
    return new SecretBox(key);
  } catch (err) {
    if (err instanceof SecretBoxError) throw badInput(err.message);
    throw err;
  }
};

builder.queryField('exchangeAccounts', (t) =>
  t.field({
    type: [ExchangeAccountRef],
    description: 'Exchange accounts, newest first (revoked ones included). Admin keys only.',
    resolve: (_r, _a, ctx) => listExchangeAccounts(ctx.db),
  }),
);

builder.mutationFields((t) => ({
  createExchangeAccount: t.field({
    type: ExchangeAccountRef,
    description:
      'Stores exchange API credentials, encrypted under HM_SECRETS_KEY; they are never returned. Admin keys only.',
    args: {
      name: t.arg.string({ required: true }),
      network: t.arg({ type: ExchangeNetworkRef, required: true }),
      apiKey: t.arg.string({ required: true }),
      apiSecret: t.arg.string({ required: true }),
    },
    resolve: async (_r, args, ctx) => {
      try {
        return await createExchangeAccount(ctx.db, sealer(ctx.live.secretsKey), args);
      } catch (err) {
        if (err instanceof ExchangeAccountError) throw badInput(err.message);
        if (err instanceof Error && err.name === 'ZodError')
          throw badInput('name 1–100 characters, apiKey ≥ 8, apiSecret ≥ 8');
        throw err;
      }
    },
  }),
  revokeExchangeAccount: t.field({
    type: ExchangeAccountRef,
    description:
      'Revokes an account and wipes its stored credentials; its sessions can no longer start. Admin keys only.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_r, { id }, ctx) => {
      try {
        return await revokeExchangeAccount(ctx.db, String(id));
      } catch (err) {
        if (err instanceof ExchangeAccountError) throw badInput(err.message);
        throw err;
      }
    },
  }),
  killSwitch: t.field({
    type: KillSwitchResultRef,
    description: `Halts every running TEST and LIVE session and cancels every open order on every exchange account. Positions are left as they are. \`confirm\` must be "${KILL_CONFIRMATION}".`,
    args: {
      confirm: t.arg.string({ required: true }),
      reason: t.arg.string({ required: false, description: 'Recorded in each session’s log.' }),
    },
    resolve: async (_r, { confirm, reason }, ctx) => {
      if (confirm !== KILL_CONFIRMATION) throw badInput(`confirm must be "${KILL_CONFIRMATION}"`);
      return pullKillSwitch({
        db: ctx.db,
        redis: ctx.redis,
        reason: (reason ?? `kill switch by ${ctx.auth?.name ?? 'an API key'}`).slice(0, 500),
        secretsKey: ctx.live.secretsKey,
        simulatorUrl: ctx.live.simulatorUrl,
      });
    },
  }),
}));
