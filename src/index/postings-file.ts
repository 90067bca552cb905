import type { CompiledPostings, TermFrequencies } from './compiled-postings.ts';

/**
 * `postings.bin`: compiled postings as one binary file read as buffers (no JSON, no per-term
 * object). Layout, little-endian: a 72-byte header (magic, version, counts, BM25 parameters, total
 * size), then the arrays in a fixed order, each starting on an 8-byte boundary so the reader can
 * view them in place. Bump POSTINGS_VERSION when the layout changes: older files are then refused.
 */
export const POSTINGS_VERSION = 1;
const MAGIC = 'zcpostng';
const HEADER_BYTES = 72;
const REBUILD = 'run `npm run index` to rebuild it';

/** A postings file this code cannot read; the message names the fix. */
export class PostingsFileError extends Error {
  override name = 'PostingsFileError';
}

interface Counts {
  fields: number;
  ordinals: number;
  terms: number;
  termChars: number;
  postings: number;
}

type Kind = 'u8' | 'u16' | 'u32' | 'f64';
const BYTES: Record<Kind, number> = { u8: 1, u16: 2, u32: 4, f64: 8 };
const WIDTH_KIND: Record<number, Kind> = { 1: 'u8', 2: 'u16', 4: 'u32' };

/** The arrays after the field names, in file order: the writer and the reader both walk this list. */
function arrayParts(c: Counts, widths: number[]): [Kind, number][] {
  const perField = (kind: Kind, length: number) => Array.from({ length: c.fields }, (): [Kind, number] => [kind, length]);
  return [
    ['u8', c.fields], // term-frequency width per field
    ['f64', c.fields], // average field length
    ...perField('u32', c.ordinals), // field lengths
    ['u32', c.terms + 1], // termStart
    ['u16', c.termChars],
    ['u32', c.terms + 1], // postingStart
    ...perField('u32', c.terms), // document frequencies
    ['u32', c.postings], // ordinals
    ...widths.map((w): [Kind, number] => [WIDTH_KIND[w], c.postings]), // term frequencies
  ];
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;

/**
 * The file's bytes as chunks for a durable writer (the arrays are not copied).
 * Example: the seed index (260 sections, 5,586 terms, 22,875 postings) → chunks totalling 282 kB.
 */
export function serializePostings(p: CompiledPostings): Buffer[] {
  assertLittleEndian();
  const names = Buffer.from(p.fields.join('\n'), 'utf8');
  const widths = Uint8Array.from(p.termFrequency, (a) => a.BYTES_PER_ELEMENT);
  const arrays: ArrayBufferView[] = [widths, p.averageFieldLength, ...p.fieldLength, p.termStart, p.termChars, p.postingStart, ...p.documentFrequency, p.ordinals, ...p.termFrequency];
  const chunks: Buffer[] = [];
  let size = HEADER_BYTES;
  for (const bytes of [names, ...arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))]) {
    chunks.push(bytes);
    const padding = align8(bytes.byteLength) - bytes.byteLength;
    if (padding > 0) chunks.push(Buffer.alloc(padding));
    size += bytes.byteLength + padding;
  }
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(MAGIC, 0, 'latin1');
  [POSTINGS_VERSION, p.fields.length, p.documentCount, p.ordinalCount, p.termStart.length - 1, p.termChars.length, p.ordinals.length, names.byteLength].forEach((v, i) => header.writeUInt32LE(v, 8 + 4 * i));
  [p.bm25.k, p.bm25.b, p.bm25.d, size].forEach((v, i) => header.writeDoubleLE(v, 40 + 8 * i));
  return [header, ...chunks];
}

/**
 * Reads a postings file in place: the typed arrays are views of `bytes` (copied once only when
 * the buffer does not start on an 8-byte boundary). `source` names the file in errors.
 * Example: `parsePostings(readFileSync('index/gen-…/postings.bin'), 'postings.bin')` → CompiledPostings.
 */
export function parsePostings(bytes: Uint8Array, source: string): CompiledPostings {
  assertLittleEndian();
  const fail = (what: string) => new PostingsFileError(`${source} ${what}; ${REBUILD}`);
  if (bytes.byteLength < HEADER_BYTES) throw fail(`is truncated (${bytes.byteLength} bytes, shorter than its header)`);
  const buf = bytes.byteOffset % 8 === 0 ? bytes : Uint8Array.from(bytes);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (Buffer.from(buf.buffer, buf.byteOffset, 8).toString('latin1') !== MAGIC) throw fail('is not a postings file (wrong magic)');
  const u32 = (i: number) => view.getUint32(8 + 4 * i, true);
  const version = u32(0);
  if (version !== POSTINGS_VERSION) throw fail(`has format version ${version}, this code reads version ${POSTINGS_VERSION}`);
  const c: Counts = { fields: u32(1), ordinals: u32(3), terms: u32(4), termChars: u32(5), postings: u32(6) };
  const f64 = (i: number) => view.getFloat64(40 + 8 * i, true);
  const size = f64(3);
  if (size !== buf.byteLength) throw fail(size > buf.byteLength ? `is truncated (${buf.byteLength} of ${size} bytes)` : `has ${buf.byteLength - size} bytes past its end`);
  let at = HEADER_BYTES;
  const names = Buffer.from(buf.buffer, buf.byteOffset + at, u32(7)).toString('utf8');
  at += align8(u32(7));
  const widths = [...buf.subarray(at + 0, at + c.fields)];
  if (widths.some((w) => !WIDTH_KIND[w])) throw fail('has a term-frequency width other than 1, 2 or 4 bytes');
  const arrays: ArrayBufferView[] = [];
  for (const [kind, length] of arrayParts(c, widths)) {
    const bytesLength = BYTES[kind] * length;
    if (at + bytesLength > buf.byteLength) throw fail('is truncated (its arrays run past the end)');
    arrays.push(typedView(kind, buf.buffer, buf.byteOffset + at, length));
    at += align8(bytesLength);
  }
  if (at !== buf.byteLength) throw fail('does not match its header (array sizes)');
  const F = c.fields;
  const [, averageFieldLength, ...rest] = arrays;
  const p: CompiledPostings = {
    fields: names.split('\n'),
    documentCount: u32(2),
    ordinalCount: c.ordinals,
    averageFieldLength: averageFieldLength as Float64Array,
    fieldLength: rest.slice(0, F) as Uint32Array[],
    bm25: { k: f64(0), b: f64(1), d: f64(2) },
    termStart: rest[F] as Uint32Array,
    termChars: rest[F + 1] as Uint16Array,
    postingStart: rest[F + 2] as Uint32Array,
    documentFrequency: rest.slice(F + 3, 2 * F + 3) as Uint32Array[],
    ordinals: rest[2 * F + 3] as Uint32Array,
    termFrequency: rest.slice(2 * F + 4) as TermFrequencies[],
  };
  if (p.fields.length !== F || !ascendingTo(p.termStart, c.termChars) || !ascendingTo(p.postingStart, c.postings)) throw fail('has inconsistent offsets (corrupt)');
  return p;
}

function typedView(kind: Kind, buffer: ArrayBufferLike, offset: number, length: number): ArrayBufferView {
  if (kind === 'u8') return new Uint8Array(buffer, offset, length);
  if (kind === 'u16') return new Uint16Array(buffer, offset, length);
  return kind === 'u32' ? new Uint32Array(buffer, offset, length) : new Float64Array(buffer, offset, length);
}

/** Offsets start at 0, never fall and end at the array length they index. */
function ascendingTo(offsets: Uint32Array, end: number): boolean {
  if (offsets[0] !== 0 || offsets[offsets.length - 1] !== end) return false;
  for (let i = 1; i < offsets.length; i++) if (offsets[i] < offsets[i - 1]) return false;
  return true;
}

/** Typed arrays are written in the machine's byte order; the format says little-endian. */
function assertLittleEndian(): void {
  if (new Uint8Array(Uint16Array.of(1).buffer)[0] !== 1) throw new PostingsFileError('postings files are little-endian and this machine is big-endian');
}
