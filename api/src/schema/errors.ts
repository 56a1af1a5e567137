import { builder } from '../builder.js';
import { InputError, NotFoundError, StateError } from '../sessions/errors.js';

/** What every expected error carries. */
export const ErrorInterface = builder.interfaceRef<Error & { code: string }>('Error').implement({
  description: 'An expected failure: a message for people and a stable code for programs.',
  fields: (t) => ({
    message: t.exposeString('message'),
    code: t.exposeString('code'),
  }),
});

builder.objectType(InputError, {
  name: 'InputError',
  description: 'An input could not be used; `field` names it.',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof InputError,
  fields: (t) => ({ field: t.exposeString('field') }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'Nothing with that id.',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof NotFoundError,
  fields: (t) => ({ kind: t.exposeString('kind'), id: t.exposeID('id') }),
});

builder.objectType(StateError, {
  name: 'StateError',
  description: 'Not possible in the session’s current status (e.g. deleting a running session).',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof StateError,
  fields: (t) => ({ status: t.exposeString('status') }),
});

/** The errors every session mutation may return. */
export const SESSION_ERRORS = [InputError, NotFoundError, StateError];
