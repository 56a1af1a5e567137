import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { signatureMatches, signRealtime, signRequest } from '../src/bitmex/auth/signature.js';
import { repoRoot } from '../src/paths.js';
import { bitmexFixtures } from './support/paths.js';

const Vectors = z.object({
  apiKey: z.string(),
  apiSecret: z.string(),
  vectors: z.array(
    z.object({
      verb: z.string(),
      path: z.string(),
      expires: z.number().int(),
      body: z.string(),
      signature: z.string(),
    }),
  ),
});
const fixture = Vectors.parse(
  JSON.parse(readFileSync(path.join(bitmexFixtures, 'auth_signature_vectors.json'), 'utf8')),
);

/** The real CLI as a child process: `node --import tsx engine/src/cli/main.ts bitmex ...`. */
function hm(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'engine/src/cli/main.ts', 'bitmex', ...args],
      { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'warn' } },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }),
    );
  });
}

describe('BitMEX request signature', () => {
  it('has the four vectors the notes promise', () => {
    expect(fixture.vectors).toHaveLength(4);
  });

  for (const v of fixture.vectors) {
    it(`signRequest matches ${v.verb} ${v.path.slice(0, 40)} @${v.expires}`, () => {
      expect(signRequest(fixture.apiSecret, v)).toBe(v.signature);
      expect(signatureMatches(fixture.apiSecret, v, v.signature)).toBe(true);
      expect(signatureMatches(fixture.apiSecret, { ...v, expires: v.expires + 1 }, v.signature)).toBe(false);
    });
  }

  it('signRealtime is the GET /realtime vector', () => {
    const ws = fixture.vectors.find((v) => v.path === '/realtime');
    expect(ws).toBeDefined();
    expect(signRealtime(fixture.apiSecret, ws?.expires ?? 0)).toBe(ws?.signature);
  });
});

describe('hm bitmex sign', () => {
  it.each(fixture.vectors)('prints the $verb $expires vector signature on one line and exits 0', async (v) => {
    const args = [
      'sign',
      '--secret',
      fixture.apiSecret,
      '--verb',
      v.verb,
      '--path',
      v.path,
      '--expires',
      String(v.expires),
    ];
    if (v.body) args.push('--body', v.body);
    const r = await hm(...args);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${v.signature}\n`);
  });

  it('accepts a lower-case verb', async () => {
    const v = fixture.vectors[0];
    const r = await hm(
      'sign',
      '--secret',
      fixture.apiSecret,
      '--verb',
      'get',
      '--path',
      v?.path ?? '',
      '--expires',
      String(v?.expires),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(v?.signature);
  });

  const ok = ['--secret', 's', '--verb', 'GET', '--path', '/api/v1/order'];
  const badUsage: [string[], RegExp][] = [
    [['sign', ...ok], /--expires: required/],
    [['sign', ...ok, '--expires', '12.5'], /--expires: must be a non-negative integer/],
    [['sign', ...ok, '--expires', 'soon'], /--expires: must be a non-negative integer/],
    [['sign', '--verb', 'GET', '--path', '/x', '--expires', '1'], /--secret: required/],
    [
      ['sign', '--secret', 's', '--verb', 'PATCH', '--path', '/x', '--expires', '1'],
      /--verb: must be GET, POST, PUT or DELETE/,
    ],
    [['sign', '--secret', 's', '--verb', 'GET', '--path', 'x', '--expires', '1'], /--path: must start with \//],
    [['sign', ...ok, '--expires', '1', '--nonce', '5'], /Unknown option '--nonce'/],
    [['sign', ...ok, '--expires', '1', 'extra'], /unexpected argument: extra/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [[], /bitmex needs a command/],
  ];
  it.each(badUsage)('exits 2 with a specific message: %j', async (args, message) => {
    const r = await hm(...args);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/usage: hm bitmex sign/);
    expect(r.stdout).toBe('');
  });

  it('help prints the usage and exits 0', async () => {
    const r = await hm('help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/usage: hm bitmex sign --secret S --verb V --path P --expires E \[--body B\]/);
  });
});
