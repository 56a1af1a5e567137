import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretBox, SecretBoxError } from '../src/live/secret-box.js';
import { ensureSecretsKey } from '../src/live/secrets-key.js';

const SECRET = 'chNOOS4KvNXR_Xq4k4c9qsfoKWvnDecLATCRlcBwyKDYnWgO';

describe('SecretBox (exchange credentials at rest)', () => {
  it('seals so that the stored text holds nothing of the secret, and opens it back with the same key', () => {
    const box = new SecretBox(SecretBox.generateKey());
    const sealed = box.seal(SECRET);
    expect(sealed).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(sealed).not.toContain(SECRET.slice(0, 8));
    expect(box.seal(SECRET), 'a fresh nonce each time').not.toBe(sealed);
    expect(box.open(sealed)).toBe(SECRET);
  });

  it('refuses another key and altered ciphertext without echoing either', () => {
    const sealed = new SecretBox(SecretBox.generateKey()).seal(SECRET);
    expect(() => new SecretBox(SecretBox.generateKey()).open(sealed)).toThrow(SecretBoxError);
    const box = new SecretBox(SecretBox.generateKey());
    const good = box.seal(SECRET);
    const parts = good.split(':');
    const data = Buffer.from(parts[3] ?? '', 'base64');
    data[0] = (data[0] ?? 0) ^ 1;
    const tampered = [parts[0], parts[1], parts[2], data.toString('base64')].join(':');
    expect(() => box.open(tampered)).toThrow(/does not open/);
    try {
      box.open(tampered);
    } catch (err) {
      expect((err as Error).message).not.toContain(parts[3]);
    }
  });

  it('names the fix when the key is missing or the wrong size', () => {
    expect(() => new SecretBox(undefined)).toThrow(/HM_SECRETS_KEY is not set: .*openssl rand -base64 32/);
    expect(() => new SecretBox(Buffer.alloc(16).toString('base64'))).toThrow(/must decode to 32 bytes \(got 16\)/);
    expect(() => new SecretBox('ab'.repeat(32))).not.toThrow(); // hex works too
  });

  it('npm start keeps one generated key in the data dir, owner-only, and reuses it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hm-secrets-'));
    try {
      const first = await ensureSecretsKey(dir);
      expect(await ensureSecretsKey(dir)).toBe(first);
      const file = path.join(dir, 'secrets.key');
      expect(readFileSync(file, 'utf8').trim()).toBe(first);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
