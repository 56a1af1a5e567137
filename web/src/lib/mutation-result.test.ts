import { expect, it } from 'vitest';
import { outcomeOf } from './mutation-result.js';

type Payload =
  | { __typename: 'MutationStartSessionSuccess'; data: { id: string } }
  | { __typename: 'InputError'; message: string; code: string; field: string }
  | { __typename: 'StateError'; message: string; code: string; status: string };

it('returns the success member’s data', () => {
  const p: Payload = { __typename: 'MutationStartSessionSuccess', data: { id: 's1' } };
  expect(outcomeOf(p)).toEqual({ ok: true, data: { id: 's1' } });
});

it('keeps the InputError field and the StateError status', () => {
  const input: Payload = { __typename: 'InputError', message: 'bad', code: 'INPUT', field: 'params.period' };
  expect(outcomeOf(input)).toMatchObject({ ok: false, message: 'bad', code: 'INPUT', field: 'params.period' });
  const state: Payload = { __typename: 'StateError', message: 'running', code: 'STATE', status: 'RUNNING' };
  expect(outcomeOf(state)).toMatchObject({ ok: false, status: 'RUNNING' });
});

it('never reports success without a payload, and passes transport errors through', () => {
  expect(outcomeOf<Payload>(undefined)).toMatchObject({ ok: false, code: 'EMPTY' });
  expect(outcomeOf<Payload>(undefined, { message: '[Network] offline' })).toMatchObject({
    ok: false,
    message: '[Network] offline',
  });
});
