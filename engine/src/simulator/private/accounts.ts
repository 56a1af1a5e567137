/**
 * The simulator's trading accounts: API credentials and starting balances. Balances are integers in
 * the settlement currencies' minor units, as BitMEX keeps them: XBt (satoshis, 1e-8 XBT) and USDt
 * (1e-6 USDT).
 */

/** A settlement currency as BitMEX spells its minor unit. */
export type MarginCurrency = 'XBt' | 'USDt';

/** Every margin currency an account holds, in the order BitMEX lists them. */
export const MARGIN_CURRENCIES: readonly MarginCurrency[] = ['XBt', 'USDt'];

/** One account the simulator accepts authenticated requests for (`SimulatorOptions.accounts`). */
export interface SimulatorAccount {
  /** The API key id clients send as `api-key`. */
  apiKey: string;
  /** The secret requests are signed with; never logged. */
  apiSecret: string;
  /** BitMEX account number (the `account` column of every private row). */
  account: number;
  /** Starting wallet balances, minor units. @default {@link DEFAULT_BALANCES} */
  balances?: { XBt?: number; USDt?: number };
}

/** Starting balances when an account gives none: 1 XBT and 100 000 USDT. */
export const DEFAULT_BALANCES: Readonly<Record<MarginCurrency, number>> = {
  XBt: 100_000_000,
  USDt: 100_000_000_000,
};

/** An account with its balances resolved. */
export interface AccountConfig {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly account: number;
  /** Starting wallet balance per currency, minor units. */
  readonly balances: Readonly<Record<MarginCurrency, number>>;
}

/**
 * The deterministic account the simulator serves when `SimulatorOptions.accounts` is not given, so
 * `npm start` and the tests can trade with a known key. Shaped like BitMEX's: a 24-character key id
 * and a 48-character secret.
 */
export function defaultTestAccount(): Required<SimulatorAccount> {
  return {
    apiKey: 'HMSIMTESTKEY000000000001',
    apiSecret: 'hm-simulator-test-secret-not-for-real-money-0001',
    account: 100_001,
    balances: { ...DEFAULT_BALANCES },
  };
}

/** Validates the configured accounts (unique keys and numbers, integer balances) and fills in defaults. */
export function resolveAccounts(accounts: readonly SimulatorAccount[] | undefined): AccountConfig[] {
  const list = accounts ?? [defaultTestAccount()];
  const keys = new Set<string>();
  const numbers = new Set<number>();
  return list.map((a) => {
    if (!a.apiKey || !a.apiSecret) throw new RangeError('simulator account needs an apiKey and an apiSecret');
    if (keys.has(a.apiKey)) throw new RangeError(`duplicate simulator apiKey ${a.apiKey}`);
    if (!Number.isSafeInteger(a.account) || numbers.has(a.account)) {
      throw new RangeError(`simulator account number ${a.account} is not a unique integer`);
    }
    keys.add(a.apiKey);
    numbers.add(a.account);
    const balances = {
      XBt: a.balances?.XBt ?? DEFAULT_BALANCES.XBt,
      USDt: a.balances?.USDt ?? DEFAULT_BALANCES.USDt,
    };
    for (const [currency, amount] of Object.entries(balances)) {
      if (!Number.isSafeInteger(amount) || amount < 0) {
        throw new RangeError(`balance ${currency} of account ${a.account} must be a non-negative integer`);
      }
    }
    return { apiKey: a.apiKey, apiSecret: a.apiSecret, account: a.account, balances };
  });
}
