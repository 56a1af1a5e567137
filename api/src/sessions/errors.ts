/**
 * Expected failures of session operations. Mutations declare them (schema/errors.ts) so clients get
 * a typed member of the result union with a machine-readable `code`, never an opaque string.
 */

/** Input that cannot be used as given; `field` names it (e.g. `params.period`, `rangeTo`). */
export class InputError extends Error {
  readonly code = 'BAD_INPUT';
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** No session (or key) with that id. */
export class NotFoundError extends Error {
  readonly code = 'NOT_FOUND';
  constructor(
    readonly kind: string,
    readonly id: string,
  ) {
    super(`no ${kind} with id ${id}`);
    this.name = 'NotFoundError';
  }
}

/** The operation does not fit the session's state (e.g. deleting a running session). */
export class StateError extends Error {
  readonly code = 'INVALID_STATE';
  constructor(
    message: string,
    readonly status: string,
  ) {
    super(message);
    this.name = 'StateError';
  }
}
