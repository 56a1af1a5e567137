/** The exchange simulator as a process: `hm simulator` and `hm start` run this. */
import { readEngineEnv } from '../env.js';
import { createLogger } from '../log.js';
import { listInstruments } from '../market/instruments.js';
import { startSimulator } from './server.js';

const env = readEngineEnv();
const log = createLogger('simulator', env.LOG_LEVEL);
const sim = await startSimulator({
  port: env.HM_SIM_PORT,
  seed: env.HM_SIM_SEED,
  speed: env.HM_SIM_SPEED,
  instruments: listInstruments(),
});
log.info('exchange simulator listening', { url: sim.url, seed: env.HM_SIM_SEED, speed: env.HM_SIM_SPEED });
process.send?.({ type: 'ready', url: sim.url });
if (!process.send) console.log(sim.url);

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await sim.close();
  log.info('exchange simulator stopped');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
process.on('disconnect', () => void shutdown());
