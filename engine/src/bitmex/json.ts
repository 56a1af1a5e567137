/**
 * JSON.parse that keeps integers beyond 2^53 exact: they come back as strings (e.g. a huge
 * `totalTurnover`), so a money field is never silently rounded. Node 20's JSON.parse gives no
 * access to a number's source text, hence a quoting pass over the raw text first. It rewrites only
 * bare integer literals that are unsafe as doubles, never digits inside strings.
 */
export function parseJsonExact(text: string): unknown {
  return JSON.parse(quoteUnsafeIntegers(text));
}

const SIXTEEN_DIGITS = /\d{16}/;

export function quoteUnsafeIntegers(text: string): string {
  if (!SIXTEEN_DIGITS.test(text)) return text; // fast path: every message of ordinary size
  const parts: string[] = [];
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
      continue;
    }
    if (ch === 34) {
      inString = true;
      continue;
    }
    if ((ch >= 48 && ch <= 57) || ch === 45 /* - */) {
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      const next = text.charCodeAt(j);
      const isInteger = next !== 46 /* . */ && next !== 101 /* e */ && next !== 69; /* E */
      const literal = text.slice(i, j);
      if (isInteger && literal.length >= 16 && !Number.isSafeInteger(Number(literal))) {
        parts.push(text.slice(last, i), `"${literal}"`);
        last = j;
      }
      i = j - 1;
    }
  }
  if (last === 0) return text;
  parts.push(text.slice(last));
  return parts.join('');
}
