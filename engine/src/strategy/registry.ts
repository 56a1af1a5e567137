import { z } from 'zod';
import type { StrategyDefinition } from './sdk.js';
import { divergeBot } from './strategies/diverge-bot.js';
import { pairTradeBot } from './strategies/pair-trade-bot.js';
import { sazBot } from './strategies/saz-bot.js';
import { sdBot } from './strategies/sd-bot.js';
import { testBot } from './strategies/test-bot.js';

/** The built-in strategy types, by name. */
export const STRATEGIES: readonly StrategyDefinition[] = [testBot, sdBot, sazBot, divergeBot, pairTradeBot];

/** The strategy named `name` (exact, case-sensitive); throws an Error listing the valid names. */
export function getStrategy(name: string): StrategyDefinition {
  const def = STRATEGIES.find((s) => s.name === name);
  if (def === undefined)
    throw new Error(`unknown strategy "${name}"; valid names: ${STRATEGIES.map((s) => s.name).join(', ')}`);
  return def;
}

/**
 * JSON Schema of a strategy's parameters (zod v4 `z.toJSONSchema`), for forms: defaults, bounds
 * and `.describe()`d units become `default`, `minimum`/`maximum` and `description`. The schema
 * describes the INPUT (every defaulted param optional). Cross-field checks (`.refine`, e.g.
 * band_min < band_max) are not expressible there and are only enforced by `def.params.parse`.
 */
export function paramsJsonSchema(def: StrategyDefinition): Record<string, unknown> {
  return z.toJSONSchema(def.params, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
export type { IndicatorSpec, StrategyDefinition } from './sdk.js';
