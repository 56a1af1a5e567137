/** A start-up failure the user can fix; its message is one line that says how. */
export class FixItError extends Error {
  override readonly name = 'FixItError';
}
