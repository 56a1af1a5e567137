import SchemaBuilder from '@pothos/core';
import type { Context } from './context.js';

/** The Pothos builder. Types live in schema/*.ts, one file per domain type; none here. */
export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  Scalars: { DateTime: { Input: Date; Output: Date } };
}>({
  defaultFieldNullability: false,
});

builder.queryType({ description: 'Read the platform: market data, sessions, health.' });
builder.subscriptionType({ description: 'Live streams pushed over graphql-ws on the same /graphql path.' });
