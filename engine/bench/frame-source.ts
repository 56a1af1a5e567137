import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { nowMs } from './stats.js';

/**
 * A minimal BitMEX-protocol source that sends `trade` insert frames at a fixed rate, each carrying
 * its send time (ms, sub-ms resolution) in `trdMatchID`, so a subscriber can measure the whole path.
 * Other subscribed tables get an empty partial.
 */
export async function startFrameSource(ratePerSec: number): Promise<{ url: string; close(): Promise<void> }> {
  const http = createServer();
  const wss = new WebSocketServer({ server: http, path: '/realtime' });
  let n = 0;
  let price = 900_000; // ticks of 0.1
  wss.on('connection', (socket) => {
    socket.send(JSON.stringify({ info: 'Welcome to the BitMEX Realtime API.', version: '2.0.0' }));
    socket.on('message', (data) => {
      const text = data.toString();
      if (text === 'ping') return socket.send('pong');
      const args = (JSON.parse(text) as { args?: string[] }).args ?? [];
      for (const topic of args) {
        socket.send(JSON.stringify({ success: true, subscribe: topic }));
        socket.send(JSON.stringify({ table: topic.split(':')[0], action: 'partial', keys: [], data: [] }));
      }
    });
  });
  // Paced against the clock, not by counting timer ticks (timers drift under load): each tick sends
  // the frames due by now, so the rate holds and frames go out in small groups, not 10-frame bursts.
  const started = nowMs();
  const sendFrame = () => {
    n += 1;
    price += n % 2 === 0 ? 1 : -1;
    const frame = JSON.stringify({
      table: 'trade',
      action: 'insert',
      data: [
        {
          timestamp: new Date().toISOString(),
          symbol: 'XBTUSD',
          side: n % 2 === 0 ? 'Buy' : 'Sell',
          size: 100,
          price: price / 10,
          tickDirection: 'PlusTick',
          trdMatchID: `bench-${n}-${nowMs().toFixed(3)}`,
        },
      ],
    });
    for (const client of wss.clients) client.send(frame);
  };
  let due = 0;
  const timer = setInterval(() => {
    if (wss.clients.size === 0) return;
    const target = Math.floor(((nowMs() - started) * ratePerSec) / 1000);
    if (due === 0) due = target; // start counting at the first subscriber
    while (due < target) {
      due += 1;
      sendFrame();
    }
  }, 1);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/realtime`,
    async close() {
      clearInterval(timer);
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
