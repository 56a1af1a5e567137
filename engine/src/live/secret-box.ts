import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Ciphertext format version; a new algorithm gets a new prefix, old rows stay readable. */
const VERSION = 'v1';
/** AES-256-GCM: 32-byte key, 12-byte nonce (NIST's recommended size), 16-byte tag. */
const KEY_BYTES = 32;
const IV_BYTES = 12;

/** The secrets key is missing or malformed, or a ciphertext does not open under it. */
export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

/** One-line fix-it hint shown wherever the key is missing. */
export const SECRETS_KEY_HINT =
  'set HM_SECRETS_KEY to 32 random bytes in base64 (e.g. `openssl rand -base64 32`); `npm start` creates one in HM_DATA_DIR/secrets.key';

/**
 * Encrypts exchange API credentials at rest (AES-256-GCM, authenticated): what the database holds is
 * `v1:<iv>:<tag>:<ciphertext>` in base64 parts, useless without HM_SECRETS_KEY. Plaintext never
 * leaves this object except through {@link open}; nothing here logs.
 */
export class SecretBox {
  private readonly key: Buffer;

  /** @param keyText HM_SECRETS_KEY: 32 bytes as base64 (44 chars) or hex (64 chars). */
  constructor(keyText: string | undefined) {
    const text = (keyText ?? '').trim();
    if (!text) throw new SecretBoxError(`HM_SECRETS_KEY is not set: ${SECRETS_KEY_HINT}`);
    const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
    if (key.length !== KEY_BYTES)
      throw new SecretBoxError(
        `HM_SECRETS_KEY must decode to ${KEY_BYTES} bytes (got ${key.length}): ${SECRETS_KEY_HINT}`,
      );
    this.key = key;
  }

  /** A fresh random key in the format {@link SecretBox} reads. */
  static generateKey(): string {
    return randomBytes(KEY_BYTES).toString('base64');
  }

  seal(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
  }

  open(sealed: string): string {
    const [version, iv, tag, data] = sealed.split(':');
    if (version !== VERSION || iv === undefined || tag === undefined || data === undefined)
      throw new SecretBoxError('not a sealed secret (expected v1:iv:tag:data)');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      // GCM's tag check failed: another key, or the row was altered. Never echo the ciphertext.
      throw new SecretBoxError('a stored secret does not open with HM_SECRETS_KEY (another key, or altered data)');
    }
  }
}
