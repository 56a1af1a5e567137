/**
 * BitMEX's REST error replies: `{"error":{"message":"...","name":"HTTPError"|"ValidationError"|...}}`
 * with an HTTP status (bitmex-protocol notes §2.4).
 */

/** BitMEX's error names. */
export type BitmexErrorName = 'HTTPError' | 'ValidationError' | 'RateLimitError' | 'Error';

/** A request the simulator refuses, thrown by a route and turned into BitMEX's error reply. */
export class BitmexHttpError extends Error {
  override readonly name = 'BitmexHttpError';

  constructor(
    readonly status: number,
    message: string,
    readonly errorName: BitmexErrorName = status === 400 ? 'ValidationError' : 'HTTPError',
  ) {
    super(message);
  }

  /** The reply body. */
  body(): { error: { message: string; name: BitmexErrorName } } {
    return { error: { message: this.message, name: this.errorName } };
  }
}

/** A 400 `ValidationError`: the request is well-formed JSON but a value is not acceptable. */
export const invalid = (message: string): BitmexHttpError => new BitmexHttpError(400, message, 'ValidationError');
