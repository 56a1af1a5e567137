import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { repoRoot } from '../src/paths.js';

const dir = mkdtempSync(path.join(tmpdir(), 'hm-feed-record-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PARTIAL =
  '{"table":"trade","action":"partial","filter":{"symbol":"XBTUSD"},"data":[{"timestamp":"2024-01-01T00:00:00.000Z","symbol":"XBTUSD","side":"Buy","size":100,"price":42000.5,"trdMatchID":"a"}]}';
const PRETTY = '{\n  "table": "trade",\n  "action": "insert",\n  "data": []\n}';

type Exit = { code: number | null; stdout: string; stderr: string };

function run(args: string[]): { child: ChildProcess; exited: Promise<Exit> } {
  const child = spawn(process.execPath, ['engine/bin/hm.js', 'feed', 'record', ...args], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = once(child, 'close').then(([code]) => ({ code: code as number | null, stdout, stderr }));
  return { child, exited };
}

describe('hm feed record', () => {
  it('appends every raw frame as one line, subscribes the requested topics, and stops on SIGINT', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/realtime' });
    await once(wss, 'listening');
    const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/realtime`;
    const out = path.join(dir, 'rec.jsonl');
    writeFileSync(out, 'earlier line\n'); // record appends, it never truncates
    const subscribed: unknown[] = [];
    let connections = 0;
    const reconnected = new Promise<void>((resolve) => {
      wss.on('connection', (ws) => {
        connections += 1;
        if (connections > 1) return resolve();
        ws.on('message', (data) => {
          subscribed.push(JSON.parse(data.toString()));
          ws.send('{"info":"Welcome","version":"test"}');
          ws.send(PARTIAL);
          ws.send(PRETTY);
          ws.send('pong');
          // Closing makes the client reconnect; when it does, it has handled every frame above.
          ws.close();
        });
      });
    });
    const { child, exited } = run([
      '--exchange',
      'simulator',
      '--url',
      url,
      '--symbols',
      'XBTUSD,ETHUSD',
      '--tables',
      'trade,orderBookL2',
      '--out',
      out,
    ]);
    await reconnected;
    child.kill('SIGINT');
    const { code, stdout, stderr } = await exited;
    wss.close();

    expect(code, stderr).toBe(0);
    expect(subscribed).toEqual([
      { op: 'subscribe', args: ['trade:XBTUSD', 'orderBookL2:XBTUSD', 'trade:ETHUSD', 'orderBookL2:ETHUSD'] },
    ]);
    const lines = [
      '{"info":"Welcome","version":"test"}',
      PARTIAL,
      '{   "table": "trade",   "action": "insert",   "data": [] }',
      'pong',
    ];
    expect(readFileSync(out, 'utf8')).toBe(`earlier line\n${lines.map((l) => `${l}\n`).join('')}`);
    const bytes = lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
    expect(code).toBe(0);
    expect(stdout).toBe(`recorded 4 messages (${bytes} bytes) to ${out}\n`);
  });

  it('stops by itself after --duration-sec', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/realtime' });
    await once(wss, 'listening');
    const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/realtime`;
    const out = path.join(dir, 'timed.jsonl');
    const { exited } = run([
      '--exchange',
      'simulator',
      '--url',
      url,
      '--symbols',
      'XBTUSD',
      '--out',
      out,
      '--duration-sec',
      '0.5',
    ]);
    const { code, stdout } = await exited;
    wss.close();
    expect(code).toBe(0);
    expect(stdout).toMatch(/^recorded \d+ messages \(\d+ bytes\) to /);
  });

  it('exits 1 with one line when the output file cannot be opened', async () => {
    const { exited } = run([
      '--exchange',
      'simulator',
      '--url',
      'ws://127.0.0.1:9/realtime',
      '--symbols',
      'XBTUSD',
      '--out',
      path.join(dir, 'no-such-dir', 'x.jsonl'),
    ]);
    const { code, stderr } = await exited;
    expect(code).toBe(1);
    expect(stderr).toMatch(/^hm feed record: cannot write .*x\.jsonl: ENOENT[^\n]*\n$/);
  });
});
