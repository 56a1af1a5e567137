import { z } from 'zod';
import {
  API_KEY_SCOPES,
  type ApiKeyInfo,
  ApiKeyScopeName,
  createApiKey,
  listApiKeys,
  revokeApiKey,
} from '../../auth/api-keys.js';
import { type EngineEnv, readEngineEnv } from '../../env.js';
import { createLogger, type Logger } from '../../log.js';
import { type CliDatabase, openCliDatabase } from '../database.js';
import { parseFlags } from '../flags.js';

const USAGE = `usage: hm apikey create --scope ${API_KEY_SCOPES.join('|')} [--name NAME]   prints the new key as its last line
       hm apikey list [--json]                                   every key (prefix, scope, last use; never the key)
       hm apikey revoke ID                                       the key stops working at once
Uses DATABASE_URL, else the embedded Postgres under HM_DATA_DIR.`;

const CreateFlags = z.object({
  scope: ApiKeyScopeName,
  name: z.string().trim().min(1).max(100).default('cli'),
});
const ListFlags = z.object({ json: z.boolean().default(false) });
const RevokeArgs = z.tuple([z.string().uuid('not a key id (a UUID, see `hm apikey list`)')]);

/** `hm apikey create|list|revoke`: API keys for the GraphQL API (README, "API keys"). */
export async function apikeyCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  const env = readEngineEnv();
  // Progress (embedded Postgres, migrations) goes to stderr: stdout is the command's answer.
  const log = createLogger('hm', env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL);
  let work: (database: CliDatabase) => Promise<void>;
  switch (sub) {
    case 'create': {
      const flags = parseFlags(rest, CreateFlags, { command: 'apikey create', usage: USAGE });
      work = async ({ db }) => {
        const created = await createApiKey(db, flags);
        console.log(`created API key "${created.name}" (scope ${created.scope}, id ${created.id})`);
        console.log('store it now; it is not shown again:');
        console.log(created.key);
      };
      break;
    }
    case 'list': {
      const flags = parseFlags(rest, ListFlags, { command: 'apikey list', usage: USAGE, booleans: ['json'] });
      work = async ({ db }) => printList(await listApiKeys(db), flags.json);
      break;
    }
    case 'revoke': {
      const parsed = RevokeArgs.safeParse(rest);
      if (!parsed.success) usage(`apikey revoke: ${parsed.error.issues[0]?.message ?? 'give one key id'}`);
      const [id] = parsed.data;
      work = async ({ db }) => {
        const key = await revokeApiKey(db, id);
        if (!key) {
          console.error(`hm apikey revoke: no API key with id ${id}`);
          process.exitCode = 1;
          return;
        }
        console.log(`revoked API key "${key.name}" (${key.prefix}…, scope ${key.scope})`);
      };
      break;
    }
    default:
      usage(sub ? `unknown apikey command '${sub}'` : 'apikey needs a command');
  }
  await run(work, env, log);
}

async function run(work: (database: CliDatabase) => Promise<void>, env: EngineEnv, log: Logger): Promise<never> {
  let database: CliDatabase | undefined;
  try {
    database = await openCliDatabase(env, log);
    await work(database);
  } catch (err) {
    console.error(`hm apikey: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  } finally {
    await database?.close();
  }
  // Exit at once: the migrations' schema engine keeps a connection open that would hold the process ~10 s.
  process.exit();
}

function printList(keys: ApiKeyInfo[], json: boolean): void {
  if (json) {
    console.log(JSON.stringify(keys));
    return;
  }
  if (keys.length === 0) {
    console.log('no API keys yet: hm apikey create --scope read');
    return;
  }
  const day = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') : '—');
  console.log(
    `${'id'.padEnd(36)}  ${'prefix'.padEnd(11)}  ${'scope'.padEnd(7)}  ${'last used'.padEnd(16)}  ${'revoked'.padEnd(16)}  name`,
  );
  for (const k of keys) {
    console.log(
      `${k.id}  ${k.prefix.padEnd(11)}  ${k.scope.padEnd(7)}  ${day(k.lastUsedAt).padEnd(16)}  ${day(k.revokedAt).padEnd(16)}  ${k.name}`,
    );
  }
}

function usage(problem: string): never {
  console.error(`hm ${problem}\n${USAGE}`);
  process.exit(2);
}
