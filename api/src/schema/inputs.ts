import { findInstrument, type Instrument } from '@hm/engine/contracts';
import { GraphQLError } from 'graphql';

/** A user-input error: GraphQL `BAD_USER_INPUT` with a message that says what to change. */
export function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** The instrument for a `market` argument, or a clear error naming the known markets. */
export function marketArg(symbol: string): Instrument {
  const instrument = findInstrument(symbol);
  if (!instrument) throw badInput(`unknown market "${symbol}"`);
  return instrument;
}

/** An integer argument within bounds, or a clear error. */
export function intArg(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badInput(`${name} must be an integer from ${min} to ${max} (got ${value})`);
  }
  return value;
}
