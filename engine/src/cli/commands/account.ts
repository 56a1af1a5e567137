import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { readEngineEnv } from '../../env.js';
import {
  createExchangeAccount,
  type ExchangeAccountInfo,
  listExchangeAccounts,
  revokeExchangeAccount,
} from '../../live/exchange-accounts.js';
import { SecretBox } from '../../live/secret-box.js';
import { ensureSecretsKey } from '../../live/secrets-key.js';
import { createLogger } from '../../log.js';
import { type CliDatabase, openCliDatabase } from '../database.js';
import { parseFlags } from '../flags.js';

const USAGE = `usage: hm account add --name NAME --network simulator|testnet|mainnet --key KEY_ID   secret from stdin or BITMEX_API_SECRET
       hm account list [--json]       accounts (network, key hint; never the key or the secret)
       hm account revoke ID           wipes the stored credentials; the account's sessions can no longer start
Credentials are stored encrypted under HM_SECRETS_KEY (default: HM_DATA_DIR/secrets.key, as \`hm start\` uses).`;

const AddFlags = z.object({
  name: z.string().trim().min(1).max(100),
  network: z.enum(['simulator', 'testnet', 'mainnet']),
  key: z.string().trim().min(8),
});
const ListFlags = z.object({ json: z.boolean().default(false) });
const RevokeArgs = z.tuple([z.string().uuid('not an account id (a UUID, see `hm account list`)')]);

/**
 * `hm account add|list|revoke`: exchange API credentials for LIVE and testnet sessions. The secret
 * is read from stdin (or BITMEX_API_SECRET), never from a flag, so it stays out of shell history
 * and process lists.
 */
export async function accountCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  const env = readEngineEnv();
  const log = createLogger('hm', env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL);
  let work: (database: CliDatabase) => Promise<void>;
  switch (sub) {
    case 'add': {
      const flags = parseFlags(rest, AddFlags, { command: 'account add', usage: USAGE });
      const secret = (process.env.BITMEX_API_SECRET ?? (process.stdin.isTTY ? '' : readFileSync(0, 'utf8'))).trim();
      if (secret.length < 8) usage('account add: give the API secret on stdin or in BITMEX_API_SECRET');
      work = async ({ db }) => {
        const box = new SecretBox(env.HM_SECRETS_KEY ?? (await ensureSecretsKey(env.HM_DATA_DIR)));
        const a = await createExchangeAccount(db, box, {
          name: flags.name,
          network: flags.network.toUpperCase() as 'SIMULATOR' | 'TESTNET' | 'MAINNET',
          apiKey: flags.key,
          apiSecret: secret,
        });
        console.log(`added exchange account "${a.name}" (${a.network}, key ${a.keyHint}, id ${a.id})`);
      };
      break;
    }
    case 'list': {
      const flags = parseFlags(rest, ListFlags, { command: 'account list', usage: USAGE, booleans: ['json'] });
      work = async ({ db }) => print(await listExchangeAccounts(db), flags.json);
      break;
    }
    case 'revoke': {
      const parsed = RevokeArgs.safeParse(rest);
      if (!parsed.success) usage(`account revoke: ${parsed.error.issues[0]?.message ?? 'give one account id'}`);
      const [id] = parsed.data;
      work = async ({ db }) => {
        const a = await revokeExchangeAccount(db, id);
        console.log(`revoked exchange account "${a.name}" (${a.network})`);
      };
      break;
    }
    default:
      usage(sub ? `unknown account command '${sub}'` : 'account needs a command');
  }
  let database: CliDatabase | undefined;
  try {
    database = await openCliDatabase(env, log);
    await work(database);
  } catch (err) {
    console.error(`hm account: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  } finally {
    await database?.close();
  }
  process.exit();
}

function print(accounts: ExchangeAccountInfo[], json: boolean): void {
  if (json) {
    console.log(JSON.stringify(accounts));
    return;
  }
  if (accounts.length === 0) {
    console.log('no exchange accounts yet: hm account add --name N --network testnet --key KEY_ID < secret.txt');
    return;
  }
  console.log(`${'id'.padEnd(36)}  ${'network'.padEnd(9)}  ${'key'.padEnd(6)}  ${'revoked'.padEnd(10)}  name`);
  for (const a of accounts)
    console.log(
      `${a.id}  ${a.network.padEnd(9)}  ${a.keyHint.padEnd(6)}  ${(a.revokedAt?.toISOString().slice(0, 10) ?? '—').padEnd(10)}  ${a.name}`,
    );
}

function usage(problem: string): never {
  console.error(`hm ${problem}\n${USAGE}`);
  process.exit(2);
}
