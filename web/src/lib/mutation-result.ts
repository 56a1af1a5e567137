/** What a session mutation's result union turned into. */
export type Outcome<T> =
  | { ok: true; data: T }
  | { ok: false; message: string; code: string; field?: string | undefined; status?: string | undefined };

/** Any member of a `MutationXResult` union as selected by the dashboard's documents. */
type Payload = { __typename?: string } & ({ data: unknown } | { message: string; code?: string } | object);

type SuccessData<P> = P extends { data: infer T } ? T : never;

/**
 * Turns a mutation's union payload (or the transport error) into one {@link Outcome}: the success
 * member's `data`, or the typed error's message/code with InputError `field` / StateError `status`.
 * Never returns "nothing happened": a missing payload is an error too.
 */
export function outcomeOf<P extends Payload>(
  payload: P | null | undefined,
  error?: { message: string } | null,
): Outcome<SuccessData<P>> {
  if (error) return { ok: false, message: error.message, code: 'TRANSPORT' };
  if (!payload) return { ok: false, message: 'the server returned no result', code: 'EMPTY' };
  if ('data' in payload) return { ok: true, data: payload.data as SuccessData<P> };
  if ('message' in payload && typeof payload.message === 'string') {
    const p = payload as { message: string; code?: string; field?: string; status?: string };
    return {
      ok: false,
      message: p.message,
      code: p.code ?? payload.__typename ?? 'ERROR',
      field: p.field,
      status: p.status,
    };
  }
  return { ok: false, message: `unexpected result ${payload.__typename ?? ''}`.trim(), code: 'UNKNOWN' };
}
