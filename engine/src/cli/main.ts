/**
 * `hm`: the HM Trading command line. `hm start` runs the whole stack; further commands
 * (feed, archive, bench) arrive with their issues. Wrong usage prints help and exits 2.
 */
import { readEngineEnv } from '../env.js';
import { createLogger } from '../log.js';
import { startCommand } from './commands/start.js';

const HELP = `usage: hm <command>

commands:
  start       run the whole stack (Postgres, Redis, simulator, engine workers, API + dashboard)
  simulator   run only the BitMEX exchange simulator (prints its ws:// URL)
  worker      run one engine worker (needs REDIS_URL)
  feed replay --exchange bitmex --symbol SYM FILE   rebuild a book + trades from a recorded feed (JSON on stdout)
  feed record --exchange E --symbols A,B --out FILE   append raw feed frames to FILE ('hm feed help')
  archive     import BitMEX trade/quote files, generate history, info, verify ('hm archive help')
  candles     candles from the archive: --market --period --from --to [--json]
  backtest    a strategy over the archive: --strategy SDBot --market XBTUSD --from --to [--param k=v] [--json]
  apikey      API keys for the GraphQL API: create --scope read|control|admin [--name N], list, revoke ID
  account     exchange accounts for LIVE/testnet sessions: add --name N --network N --key K (secret on stdin), list, revoke ID
  bitmex      BitMEX tools: sign --secret S --verb V --path P --expires E [--body B] ('hm bitmex help')
  bench       live-path latency, subscriber capacity, archive read speed (docs/benchmarks.md)
  help        show this help

environment: see the README's table (PORT, DATABASE_URL, REDIS_URL, HM_FEED, ...)`;

const [command, ...rest] = process.argv.slice(2);
const env = readEngineEnv();
const log = createLogger('hm', env.LOG_LEVEL);

switch (command) {
  case 'start':
    if (rest.length) usage(`'hm start' takes no arguments (got: ${rest.join(' ')})`);
    await startCommand(env, log);
    break;
  case 'simulator':
    await import('../simulator/main.js');
    break;
  case 'worker':
    await import('../workers/main.js');
    break;
  case 'feed':
    await (await import('./commands/feed.js')).feedCommand(rest);
    break;
  case 'archive':
    await (await import('./commands/archive.js')).archiveCommand(rest);
    break;
  case 'candles':
    await (await import('./commands/candles.js')).candlesCommand(rest);
    break;
  case 'backtest':
    await (await import('./commands/backtest.js')).backtestCommand(rest);
    break;
  case 'apikey':
    await (await import('./commands/apikey.js')).apikeyCommand(rest);
    break;
  case 'account':
    await (await import('./commands/account.js')).accountCommand(rest);
    break;
  case 'bitmex':
    await (await import('./commands/bitmex.js')).bitmexCommand(rest);
    break;
  case 'bench':
    await (await import('../../bench/main.js')).benchCommand(rest);
    break;
  case 'help':
  case '--help':
  case '-h':
    console.log(HELP);
    break;
  default:
    usage(command ? `unknown command '${command}'` : 'no command given');
}

function usage(problem: string): never {
  console.error(`hm: ${problem}\n\n${HELP}`);
  process.exit(2);
}
