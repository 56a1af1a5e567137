import { OperationTypeNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { presentedKey } from '../src/auth/credentials.js';
import { rootFields } from '../src/auth/root-fields.js';
import { requiredScope } from '../src/auth/scopes.js';
import { DEFAULT_LIMITS } from '../src/limits/config.js';
import { operationCost } from '../src/limits/cost.js';
import { depthAndAliasErrors } from '../src/limits/depth-aliases.js';
import { schema } from '../src/schema/index.js';

// The pure parts of authorisation and the limits, without a server.

/** Fragments F0..F(n-1), each spreading the next twice: 2^n paths if expanded naively. */
function fragmentChain(n: number, leaf: string): string {
  const frags = Array.from({ length: n }, (_, i) =>
    i === n - 1 ? `fragment F${i} on Query { ${leaf} }` : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
  );
  return `{ ...F0 } ${frags.join(' ')}`;
}

describe('operation cost', () => {
  const cost = (query: string, variables: Record<string, unknown> = {}) =>
    operationCost(schema, parse(query), undefined, variables);

  it('charges fields with a selection, at least 1 per item, and multiplies by sized fields', () => {
    expect(cost('{ health { ok database } }')).toBe(2);
    const candles = 'candles(market: "XBTUSD", period: M1, limit: $n) { time open high low close volume }';
    expect(cost(`query ($n: Int) { ${candles} }`, { n: 1000 })).toBe(1 + 1000);
    expect(cost('{ candles(market: "XBTUSD", period: M1) { time } }'), 'the default limit (500)').toBe(501);
    expect(cost('{ orderBook(market: "XBTUSD", depth: 10) { bids { price size total } asks { price } } }')).toBe(
      1 + 10 * (2 + 2),
    );
    const pages =
      'query ($n: Int) { sessions(first: $n) { edges { node { fills(first: 100) { edges { node { seq } } } } } } }';
    expect(cost(pages, { n: 200 })).toBe(1 + 200 * (1 + (1 + (1 + 100 * (1 + (1 + 1))))));
    expect(cost('{ ...M } fragment M on Query { markets { symbol } }')).toBe(2);
  });

  it('measures each fragment once, however often it is spread', () => {
    expect(cost(fragmentChain(40, 'health { ok }'))).toBe(2 ** 39 * 2);
    expect(depthAndAliasErrors(parse(fragmentChain(40, 'a: health { ok }')), DEFAULT_LIMITS)).toEqual([]);
  });
});

describe('depth', () => {
  it('counts field nesting through fragments; introspection may go deeper', () => {
    const doc = (levels: number) => parse(`{ ${'a { '.repeat(levels - 1)}a${' }'.repeat(levels - 1)} }`);
    expect(depthAndAliasErrors(doc(12), DEFAULT_LIMITS)).toEqual([]);
    expect(depthAndAliasErrors(doc(13), DEFAULT_LIMITS)[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_DEEP',
      value: 13,
    });
    const viaFragment = parse(
      '{ a { ...F } } fragment F on A { b { c { d { e { f { g { h { i { j { k { l { m } } } } } } } } } } } }',
    );
    expect(depthAndAliasErrors(viaFragment, DEFAULT_LIMITS)[0]?.extensions?.value).toBe(13);
    const introspection = parse(`{ __schema { ${'types { '.repeat(14)}name${' }'.repeat(14)} } }`);
    expect(depthAndAliasErrors(introspection, DEFAULT_LIMITS)).toEqual([]);
  });
});

describe('scopes', () => {
  it('public health and meta fields; read for queries and subscriptions; control for mutations; admin for keys', () => {
    expect(requiredScope(OperationTypeNode.QUERY, 'health')).toBeNull();
    expect(requiredScope(OperationTypeNode.QUERY, '__schema')).toBeNull();
    expect(requiredScope(OperationTypeNode.QUERY, '__typename')).toBeNull();
    expect(requiredScope(OperationTypeNode.QUERY, 'markets')).toBe('read');
    expect(requiredScope(OperationTypeNode.SUBSCRIPTION, 'candles')).toBe('read');
    expect(requiredScope(OperationTypeNode.MUTATION, 'startSession')).toBe('control');
    expect(requiredScope(OperationTypeNode.MUTATION, 'createApiKey')).toBe('admin');
    expect(requiredScope(OperationTypeNode.QUERY, 'apiKeys')).toBe('admin');
  });

  it('finds root fields through inline fragments and spreads, for the named operation', () => {
    const doc = parse(
      'query A { health ... on Query { markets } ...F } query B { ticker(market: "X") { market } } fragment F on Query { apiKeys { id } }',
    );
    expect(rootFields(doc, 'A')).toEqual({ operation: 'query', fields: ['health', 'markets', 'apiKeys'] });
    expect(rootFields(doc, 'B')?.fields).toEqual(['ticker']);
    expect(rootFields(doc, 'C')).toBeNull();
  });
});

describe('presented key', () => {
  const key = 'hm_key';
  it('takes connectionParams, then x-api-key, then Bearer, then the cookie (same origin only)', () => {
    expect(presentedKey({}, { 'X-Api-Key': 'p' })).toBe('p');
    expect(presentedKey({}, { authorization: 'Bearer p2' })).toBe('p2');
    expect(presentedKey({ 'x-api-key': 'h', authorization: 'Bearer b' })).toBe('h');
    expect(presentedKey({ authorization: 'bearer b' })).toBe('b');
    expect(presentedKey({ authorization: 'Basic abc' })).toBeNull();
    expect(presentedKey({ cookie: `a=1; hm_key=${key}` })).toBe(key);
    expect(presentedKey({ cookie: `hm_key=${key}`, host: 'h:1', origin: 'http://h:1' })).toBe(key);
    expect(presentedKey({ cookie: `hm_key=${key}`, host: 'h:1', origin: 'http://evil:1' })).toBeNull();
    expect(presentedKey({})).toBeNull();
  });
});
