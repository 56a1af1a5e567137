import { describe, expect, it } from 'vitest';
import { getStrategy, paramsJsonSchema, STRATEGIES } from '../src/strategy/registry.js';
import { PENDING_TIMEOUT_MS, PendingGuard } from '../src/strategy/strategies/common.js';

const NAMES = ['TestBot', 'SDBot', 'SazBot', 'DivergeBot', 'PairTradeBot'];

describe('strategy registry', () => {
  it('lists the five strategies with their legs', () => {
    expect(STRATEGIES.map((s) => s.name)).toEqual(NAMES);
    expect(STRATEGIES.map((s) => s.legs)).toEqual([1, 1, 1, 2, 2]);
    expect(getStrategy('SazBot').usesBook).toBe(true);
  });

  it('throws on an unknown name, listing the valid ones', () => {
    expect(() => getStrategy('sdbot')).toThrow(
      'unknown strategy "sdbot"; valid names: TestBot, SDBot, SazBot, DivergeBot, PairTradeBot',
    );
  });

  it.each(NAMES)('%s: JSON Schema with a description, default and bounds for every param', (name) => {
    const schema = paramsJsonSchema(getStrategy(name));
    expect(schema.type).toBe('object');
    const props = schema.properties as Record<string, Record<string, unknown>>;
    expect(props.trade_size).toMatchObject({ type: 'integer', default: 100, exclusiveMinimum: 0 });
    expect(props.leverage).toMatchObject({ default: 1, minimum: 1, maximum: 100 });
    for (const [key, prop] of Object.entries(props)) {
      expect(prop.description, key).toMatch(/\(.+\)$/); // ends with its unit
      expect(prop.default, key).toBeDefined();
    }
  });

  it.each(NAMES)('%s: defaults parse from {}, bad values are rejected with clear messages', (name) => {
    const { params } = getStrategy(name);
    expect(params.parse({})).toMatchObject({ trade_size: 100, leverage: 1 });
    const bad = params.safeParse({ trade_size: -5, leverage: 101, tradesize: 3 });
    expect(bad.success).toBe(false);
    const issues = bad.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    expect(issues).toContain('trade_size: Too small: expected number to be >0');
    expect(issues).toContain('leverage: Too big: expected number to be <=100');
    expect(issues.join('\n')).toMatch(/Unrecognized key: "tradesize"/);
    expect(params.safeParse({ trade_size: 1.5 }).error?.issues[0]?.message).toMatch(/expected int/);
  });

  it('checks strategy-specific bounds and cross-field rules', () => {
    const msg = (name: string, input: object) => getStrategy(name).params.safeParse(input).error?.issues[0]?.message;
    expect(msg('SDBot', { candle_period: 'M2' })).toMatch(/Invalid option/);
    expect(msg('SDBot', { period: 1 })).toMatch(/>=2/);
    expect(msg('TestBot', { trade_interval: 0 })).toMatch(/>=1/);
    expect(msg('SazBot', { band_min: 0.3, band_max: 0.2 })).toBe('band_min must be below band_max');
    expect(msg('DivergeBot', { threshold: 0.001, exit_threshold: 0.002 })).toBe(
      'exit_threshold must be below threshold',
    );
    expect(msg('PairTradeBot', { entry_z: 1, exit_z: 1 })).toBe('exit_z must be below entry_z');
    expect(getStrategy('SazBot').params.parse({})).toMatchObject({
      band_min: 0.01,
      band_max: 0.25,
      entry_ratio: 1.5,
      timeout_s: 300,
      eval_interval_ms: 0,
    });
  });
});

describe('PendingGuard', () => {
  it('is active until the armed quantity filled (liquidations ignored) or the timeout passed', () => {
    const g = new PendingGuard();
    expect(g.active(0)).toBe(false);
    g.arm(200, 1_000);
    const f = { orderId: 'o', symbol: 'X', side: 'buy', price: 1, fee: 0, liquidity: 'taker', timeMs: 0 } as const;
    g.onFill({ ...f, qty: 100 });
    g.onFill({ ...f, qty: 100, liquidation: true });
    expect(g.active(1_001)).toBe(true);
    g.onFill({ ...f, qty: 100 });
    expect(g.active(1_002)).toBe(false);
    g.arm(100, 5_000);
    expect(g.active(5_000 + PENDING_TIMEOUT_MS - 1)).toBe(true);
    expect(g.active(5_000 + PENDING_TIMEOUT_MS)).toBe(false);
  });
});
