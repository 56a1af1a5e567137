import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import type { Context } from './context.js';

/** The Pothos builder. Types live in schema/*.ts, one file per domain type; none here. */
export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  defaultFieldNullability: false,
  plugins: [ErrorsPlugin, RelayPlugin],
  // Connections only: ids stay the plain UUIDs scripts see in the database and in URLs.
  relay: { clientMutationId: 'omit', cursorType: 'String', nodeQueryOptions: false, nodesQueryOptions: false },
  // Expected failures of mutations come back as typed members of a result union (see schema/errors.ts).
  errors: { defaultTypes: [] },
});

builder.queryType({ description: 'Read the platform: market data, sessions, health.' });
builder.mutationType({ description: 'Change the platform: sessions, backtests, API keys. Needs a `control` key.' });
builder.subscriptionType({ description: 'Live streams pushed over graphql-ws on the same /graphql path.' });
