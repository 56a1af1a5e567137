/**
 * Trade ids as a lazy list: a decoded batch formats an id only when it is read, so reading an
 * archive hour costs nothing per trade until a caller actually looks at ids.
 */

/** Trade ids in trade order, decoded only when read. A plain string[] satisfies it. */
export interface TradeIds {
  readonly length: number;
  at(i: number): string | undefined;
}

/** Every id, in order, as a plain array (decodes them all). */
export function idsToArray(ids: TradeIds): string[] {
  const out = new Array<string>(ids.length);
  for (let i = 0; i < ids.length; i++) out[i] = ids.at(i) ?? '';
  return out;
}

/** Bytes of one UUID. */
export const UUID_BYTES = 16;
/**
 * A canonical lowercase UUID. Uppercase ones are left to the string column, so every id decodes
 * to exactly the string that was encoded (BitMEX trdMatchIDs are lowercase).
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** String offsets of the 16 hex pairs of a canonical UUID (dashes skipped). */
const PAIRS = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

const nibble = (code: number) => (code <= 57 ? code - 48 : code - 87); // '0'..'9' or 'a'..'f'

/** The ids as 16 bytes each when every one is a canonical lowercase UUID, else null. */
export function packUuids(ids: TradeIds): Uint8Array | null {
  const out = new Uint8Array(ids.length * UUID_BYTES);
  for (let i = 0; i < ids.length; i++) {
    const id = ids.at(i);
    if (id === undefined || !UUID.test(id)) return null;
    for (let k = 0; k < UUID_BYTES; k++) {
      const p = PAIRS[k] ?? 0;
      out[i * UUID_BYTES + k] = (nibble(id.charCodeAt(p)) << 4) | nibble(id.charCodeAt(p + 1));
    }
  }
  return out;
}

/** Array.prototype.at's index rule: negative counts from the end; out of range is undefined. */
function index(i: number, length: number): number | undefined {
  const k = Math.trunc(i) < 0 ? Math.trunc(i) + length : Math.trunc(i);
  return k >= 0 && k < length ? k : undefined;
}

/** Ids stored as 16 UUID bytes each (a view on the file), formatted canonically when read. */
export class UuidIds implements TradeIds {
  readonly length: number;
  constructor(private readonly bytes: Uint8Array) {
    this.length = Math.floor(bytes.length / UUID_BYTES);
  }

  at(i: number): string | undefined {
    const k = index(i, this.length);
    if (k === undefined) return undefined;
    const o = k * UUID_BYTES;
    const h = (j: number) => HEX[this.bytes[o + j] ?? 0] ?? '00';
    return `${h(0)}${h(1)}${h(2)}${h(3)}-${h(4)}${h(5)}-${h(6)}${h(7)}-${h(8)}${h(9)}-${h(10)}${h(11)}${h(12)}${h(13)}${h(14)}${h(15)}`;
  }
}

/** Ids stored as strings in the file, each read (UTF-8 decoded) only when asked for. */
export class StringIds implements TradeIds {
  constructor(
    readonly length: number,
    private readonly read: (i: number) => string | null,
  ) {}

  at(i: number): string | undefined {
    const k = index(i, this.length);
    return k === undefined ? undefined : (this.read(k) ?? undefined);
  }
}
