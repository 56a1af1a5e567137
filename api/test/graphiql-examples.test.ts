import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { GRAPHIQL_TABS } from '../src/graphiql-examples.js';
import { schema } from '../src/schema/index.js';

describe('GraphiQL example tabs', () => {
  it('are valid operations against the schema', () => {
    expect(GRAPHIQL_TABS.length).toBeGreaterThanOrEqual(3);
    for (const tab of GRAPHIQL_TABS) {
      const errors = validate(schema, parse(tab.query));
      expect(
        errors.map((e) => e.message),
        tab.query.split('\n')[0],
      ).toEqual([]);
      if (tab.variables) expect(() => JSON.parse(tab.variables as string)).not.toThrow();
    }
  });
});
