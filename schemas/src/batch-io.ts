/**
 * Checks shared by the batch codecs (internal): a reader must refuse a foreign, truncated or
 * inconsistent file with a reason instead of returning views on garbage.
 */
import * as flatbuffers from 'flatbuffers';
import { ARCHIVE_SCHEMA_VERSION, ArchiveFormatError } from './archive-format.js';

/**
 * `bytes` itself when it starts on an 8-byte boundary (so 8-byte columns can be views on it),
 * else a copy that does.
 */
export function aligned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset % 8 === 0 ? bytes : new Uint8Array(bytes);
}

/**
 * A ByteBuffer on `bytes` once its identifier, root table and vtable lie inside the file; throws
 * ArchiveFormatError naming `what` otherwise. The FlatBuffers runtime does no bounds checks.
 */
export function openBatch(bytes: Uint8Array, identifier: string, what: string): flatbuffers.ByteBuffer {
  const bb = new flatbuffers.ByteBuffer(bytes);
  if (bytes.length < 8 || !bb.__has_identifier(identifier)) {
    throw new ArchiveFormatError(`not a ${what} (identifier ${identifier} missing)`);
  }
  const root = bb.readUint32(0);
  if (root + 4 > bytes.length) throw new ArchiveFormatError(`truncated ${what}: root table beyond the file`);
  const vtable = root - bb.readInt32(root);
  if (vtable < 0 || vtable + 4 > bytes.length)
    throw new ArchiveFormatError(`truncated ${what}: vtable beyond the file`);
  if (vtable + bb.readUint16(vtable) > bytes.length || root + bb.readUint16(vtable + 2) > bytes.length) {
    throw new ArchiveFormatError(`truncated ${what}: table beyond the file`);
  }
  return bb;
}

/** Throws unless the file's schema version is the one this code reads. */
export function checkVersion(version: number, what: string): void {
  if (version !== ARCHIVE_SCHEMA_VERSION) {
    throw new ArchiveFormatError(
      `unsupported ${what} schema version ${version} (this build reads ${ARCHIVE_SCHEMA_VERSION})`,
    );
  }
}

/**
 * Start (from the file's first byte) and length of the vector in field number `field` (0-based, in
 * schema order) of the table at `tablePos`, once it lies inside the file; null when absent.
 */
export function vectorAt(
  bb: flatbuffers.ByteBuffer,
  tablePos: number,
  field: number,
  elementBytes: number,
  name: string,
): { start: number; length: number } | null {
  // A field's vtable slot is 4 bytes of vtable header plus 2 bytes per preceding field.
  const o = bb.__offset(tablePos, 4 + 2 * field);
  if (o === 0) return null;
  const at = tablePos + o; // holds the offset from here to the vector
  const beyond = () => new ArchiveFormatError(`truncated batch: column ${name} beyond the file`);
  if (at + 4 > bb.capacity()) throw beyond();
  const start = bb.__vector(at); // first element; the int32 length precedes it
  if (start < 4) throw new ArchiveFormatError(`corrupt batch: column ${name} starts before the file`);
  if (start > bb.capacity()) throw beyond();
  const length = bb.readInt32(start - 4);
  if (length < 0) throw new ArchiveFormatError(`corrupt batch: column ${name} has a negative length`);
  if (start + length * elementBytes > bb.capacity()) {
    throw new ArchiveFormatError(`truncated batch: column ${name} extends beyond the file`);
  }
  if (start % Math.min(elementBytes, 8) !== 0) {
    throw new ArchiveFormatError(`corrupt batch: column ${name} is not ${elementBytes}-byte aligned`);
  }
  return { start, length };
}

/** A typed-array constructor for views on a buffer. */
export interface ColumnType<T> {
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

/**
 * The vector in field number `field` (0-based, schema order) of the table at `tablePos` as a view
 * on `bytes` (which must start 8-byte aligned, see `aligned`); empty when the field is absent. The
 * generated `…Array()` accessors do no bounds checks and there are none for 64-bit integers.
 */
export function columnAt<T>(
  bytes: Uint8Array,
  bb: flatbuffers.ByteBuffer,
  tablePos: number,
  field: number,
  type: ColumnType<T>,
  name: string,
): T {
  const v = vectorAt(bb, tablePos, field, type.BYTES_PER_ELEMENT, name);
  return new type(bytes.buffer, bytes.byteOffset + (v?.start ?? 0), v?.length ?? 0);
}

/**
 * Throws unless each string field (name → field number) lies inside the file: the FlatBuffers
 * runtime would read a cut-off string as garbage instead of failing.
 */
export function checkStrings(bb: flatbuffers.ByteBuffer, tablePos: number, fields: Record<string, number>): void {
  for (const [name, field] of Object.entries(fields)) {
    const v = vectorAt(bb, tablePos, field, 1, name);
    if (v && v.start + v.length + 1 > bb.capacity()) {
      throw new ArchiveFormatError(`truncated batch: ${name} extends beyond the file`);
    }
  }
}

/**
 * A Builder's initial size for about `bytes` of output, a multiple of 8: the Builder aligns data
 * to the end of its buffer, so this keeps the finished bytes 8-byte aligned and decodable as views
 * without a copy.
 */
export const builderSize = (bytes: number): number => Math.ceil(bytes / 8) * 8;

/** The first column whose length is not `n`, as "name has L, expected n"; null when all match. */
export function lengthMismatch(n: number, lengths: Record<string, number>): string | null {
  for (const [name, len] of Object.entries(lengths)) {
    if (len !== n) return `${name} has ${len} entries, expected ${n}`;
  }
  return null;
}

/** Wraps a decoder so that whatever the FlatBuffers runtime throws on garbage becomes an ArchiveFormatError. */
export function decoding<T>(what: string, decode: () => T): T {
  try {
    return decode();
  } catch (err) {
    if (err instanceof ArchiveFormatError) throw err;
    throw new ArchiveFormatError(`unreadable ${what}: ${(err as Error).message}`);
  }
}

/** An unsigned 32-bit integer field value, or a RangeError naming it. */
export function checkUint32(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) {
    throw new RangeError(`${name} must be an integer in [0, 2^32), got ${value}`);
  }
  return value;
}
