import type { ExchangeNetwork } from '@hm/db';

/** Where an account's orders and private tables go. */
export interface ExchangeEndpoints {
  /** REST origin; routes are under `/api/v1`. */
  restUrl: string;
  /** Realtime WebSocket URL (`…/realtime`). */
  wsUrl: string;
}

/** A network whose endpoints are not known in this process. */
export class EndpointError extends Error {
  override name = 'EndpointError';
}

const BITMEX: Record<'MAINNET' | 'TESTNET', ExchangeEndpoints> = {
  MAINNET: { restUrl: 'https://www.bitmex.com', wsUrl: 'wss://ws.bitmex.com/realtime' },
  TESTNET: { restUrl: 'https://testnet.bitmex.com', wsUrl: 'wss://ws.testnet.bitmex.com/realtime' },
};

/**
 * The endpoints of `network`. The local simulator's come from its realtime URL (`HM_SIM_URL`, which
 * `hm start` sets for every process it runs): the REST API is served on the same host and port.
 */
export function endpointsOf(network: ExchangeNetwork, simulatorUrl: string | undefined): ExchangeEndpoints {
  if (network !== 'SIMULATOR') return BITMEX[network];
  if (!simulatorUrl) throw new EndpointError('the simulator account needs HM_SIM_URL (set by `hm start`)');
  const ws = new URL(simulatorUrl);
  const restUrl = `${ws.protocol === 'wss:' ? 'https:' : 'http:'}//${ws.host}`;
  return { restUrl, wsUrl: `${ws.protocol}//${ws.host}/realtime` };
}
