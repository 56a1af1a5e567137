import {
  type ApiKeyInfo,
  ApiKeyScopeName,
  type CreatedApiKey,
  createApiKey,
  listApiKeys,
  revokeApiKey,
} from '@hm/engine/auth';
import { builder } from '../builder.js';
import { badInput } from './inputs.js';

// API keys (engine/src/auth/api-keys.ts). Every field here needs an admin key (api/src/auth/scopes.ts).

const ApiKeyScopeRef = builder.enumType('ApiKeyScope', {
  description: 'What a key may do: READ everything, CONTROL sessions too, ADMIN also manage keys.',
  values: {
    READ: { value: 'read' },
    CONTROL: { value: 'control' },
    ADMIN: { value: 'admin' },
  } as const,
});

const ApiKeyRef = builder.objectRef<ApiKeyInfo>('ApiKey').implement({
  description: 'An API key as stored: never the key itself, only its first characters.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    scope: t.field({ type: ApiKeyScopeRef, resolve: (k) => k.scope }),
    prefix: t.exposeString('prefix', { description: 'First 11 characters of the key, e.g. `hm_3fQx9aB2`.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastUsedAt: t.expose('lastUsedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'Last accepted use (recorded at most once a minute).',
    }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
  }),
});

const CreatedApiKeyRef = builder.objectRef<{ key: string; apiKey: ApiKeyInfo }>('CreatedApiKey').implement({
  description: 'A new key. `key` is shown this once: store it now.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Send as `x-api-key: KEY` or `Authorization: Bearer KEY`.' }),
    apiKey: t.field({ type: ApiKeyRef, resolve: (c) => c.apiKey }),
  }),
});

builder.queryField('apiKeys', (t) =>
  t.field({
    type: [ApiKeyRef],
    description: 'Every API key, revoked ones included, newest first. Admin keys only.',
    resolve: (_root, _args, ctx) => listApiKeys(ctx.db),
  }),
);

builder.mutationField('createApiKey', (t) =>
  t.field({
    type: CreatedApiKeyRef,
    description: 'Creates an API key and returns it once. Admin keys only.',
    args: {
      name: t.arg.string({ required: true, description: 'What the key is for (1–100 characters).' }),
      scope: t.arg({ type: ApiKeyScopeRef, required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const name = args.name.trim();
      if (name.length < 1 || name.length > 100) throw badInput('name must be 1 to 100 characters');
      const { key, ...created }: CreatedApiKey = await createApiKey(ctx.db, {
        name,
        scope: ApiKeyScopeName.parse(args.scope),
      });
      return { key, apiKey: { ...created, lastUsedAt: null, revokedAt: null } };
    },
  }),
);

builder.mutationField('revokeApiKey', (t) =>
  t.field({
    type: ApiKeyRef,
    description: 'Revokes a key: it stops working at once (idempotent). Admin keys only.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const revoked = await revokeApiKey(ctx.db, String(args.id));
      if (!revoked) throw badInput(`no API key with id "${String(args.id)}"`);
      return revoked;
    },
  }),
);
