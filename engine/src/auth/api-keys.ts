/**
 * API keys: the one place they are made and checked. A key is `hm_` + 32 random bytes (base64url);
 * only its SHA-256 is stored, with its first 11 characters (the prefix) to recognise it in lists.
 * Scopes are ordered read < control < admin: a key may do what its scope and every lower one allow.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ApiKey, Db } from '@hm/db';
import { z } from 'zod';

export const API_KEY_SCOPES = ['read', 'control', 'admin'] as const;
/** What a key may do: `read` everything, `control` sessions too, `admin` also manage keys. */
export type ApiKeyScopeName = (typeof API_KEY_SCOPES)[number];
export const ApiKeyScopeName = z.enum(API_KEY_SCOPES);

/** Characters of the key kept in clear (`hm_` + 8). */
export const API_KEY_PREFIX_LENGTH = 11;
/** `hm_` and 43 base64url characters (32 bytes). */
const KEY_FORMAT = /^hm_[A-Za-z0-9_-]{43}$/;
/** `lastUsedAt` is written at most this often per key, so checking a key is (almost always) one read. */
const LAST_USED_RESOLUTION_MS = 60_000;

const TO_DB = { read: 'READ', control: 'CONTROL', admin: 'ADMIN' } as const;
const FROM_DB = { READ: 'read', CONTROL: 'control', ADMIN: 'admin' } as const;

/** An API key as lists show it: never the key itself. */
export interface ApiKeyInfo {
  id: string;
  name: string;
  scope: ApiKeyScopeName;
  /** First characters of the key, e.g. `hm_3fQx9aB2`. */
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** A key just created: `key` is shown once and stored nowhere. */
export interface CreatedApiKey {
  id: string;
  key: string;
  prefix: string;
  scope: ApiKeyScopeName;
  name: string;
  createdAt: Date;
}

/** Whether a key of scope `have` may do what needs scope `need`. */
export function scopeAllows(have: ApiKeyScopeName, need: ApiKeyScopeName): boolean {
  return API_KEY_SCOPES.indexOf(have) >= API_KEY_SCOPES.indexOf(need);
}

/** A new random key: `hm_` + 32 random bytes, base64url (46 characters). */
export function generateApiKey(): string {
  return `hm_${randomBytes(32).toString('base64url')}`;
}

/** Hex SHA-256 of the whole key: what the database stores and looks keys up by. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Creates a key; stores only its hash and prefix. The returned `key` is the only copy. */
export async function createApiKey(db: Db, opts: { scope: ApiKeyScopeName; name: string }): Promise<CreatedApiKey> {
  const scope = ApiKeyScopeName.parse(opts.scope);
  const name = z.string().trim().min(1).max(100).parse(opts.name);
  const key = generateApiKey();
  const row = await db.apiKey.create({
    data: { name, scope: TO_DB[scope], prefix: key.slice(0, API_KEY_PREFIX_LENGTH), hash: hashApiKey(key) },
  });
  return { id: row.id, key, prefix: row.prefix, scope, name: row.name, createdAt: row.createdAt };
}

/**
 * The active (not revoked) key matching `key`, or null. Marks it used (`lastUsedAt`) at most once a
 * minute. A string that cannot be a key is refused without a query.
 */
export async function findApiKey(db: Db, key: string): Promise<ApiKeyInfo | null> {
  if (!KEY_FORMAT.test(key)) return null;
  const row = await db.apiKey.findUnique({ where: { hash: hashApiKey(key) } });
  if (!row || row.revokedAt) return null;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Conditional, so concurrent checks of one key write once per minute, not once each.
    await db.apiKey.updateMany({
      where: {
        id: row.id,
        OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }],
      },
      data: { lastUsedAt: now },
    });
    row.lastUsedAt = now;
  }
  return toInfo(row);
}

/** Revokes a key (idempotent: an already revoked key keeps its first `revokedAt`). Null when no key has that id. */
export async function revokeApiKey(db: Db, id: string): Promise<ApiKeyInfo | null> {
  if (!z.string().uuid().safeParse(id).success) return null;
  await db.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  const row = await db.apiKey.findUnique({ where: { id } });
  return row ? toInfo(row) : null;
}

/** Every key, revoked ones included, newest first. */
export async function listApiKeys(db: Db): Promise<ApiKeyInfo[]> {
  const rows = await db.apiKey.findMany({ orderBy: { createdAt: 'desc' } });
  return rows.map(toInfo);
}

function toInfo(row: ApiKey): ApiKeyInfo {
  return {
    id: row.id,
    name: row.name,
    scope: FROM_DB[row.scope],
    prefix: row.prefix,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}
