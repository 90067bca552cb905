import type { PolicyDocument } from '../domain.ts';
import type { SectionRecord } from './corpus.ts';

/**
 * `sections.bin`: the section records of one segment as columns, read as buffers (no JSON parse of
 * texts, no object per section). Layout: magic, version, header length (u32 LE each), a JSON header
 * (counts, the dictionary of short repeated strings, the arrays' kinds and lengths), then the arrays,
 * each on an 8-byte boundary so the reader views them in place. Texts (heading, text, folded,
 * fields) are one UTF-16LE blob — two bytes a Chinese character, lone surrogates kept — with
 * offsets. Bump SECTION_STORE_VERSION when the layout changes: older files are refused.
 */
export const SECTION_STORE_VERSION = 1;
const MAGIC = 'zcsectns';
/** A null string (number, deadline, facet value) in a dictionary column. */
export const NONE = 0xffffffff;
/** Per section, flags: folded text equals the text (not stored twice); the section carries no header fields. */
export const SAME_FOLDED = 1;
export const NO_FIELDS = 2;
/** Text slots per section in `textStart`: heading, text, folded, fields. */
export const SLOTS = 4;

/** The arrays of the file, in file order; the writer and the reader both walk this list. */
export const ARRAYS = ['docOf', 'sectionId', 'number', 'deadline', 'flags', 'pathStart', 'pathItems', 'leadStart', 'leadItems', 'assistStart', 'assistItems', 'district', 'year', 'type', 'validity', 'date', 'textStart', 'texts'] as const;
export type ArrayName = (typeof ARRAYS)[number];
export type Columns = Record<Exclude<ArrayName, 'flags' | 'texts'>, Uint32Array> & { flags: Uint8Array; texts: Buffer };

export interface StoreHeader {
  version: number;
  sections: number;
  documents: number;
  /** Short strings that repeat (ids, numbers, names, facet values, path headings), each once. */
  dict: string[];
  /** Byte length of each array, in ARRAYS order. */
  bytes: number[];
}

/**
 * The file's bytes as chunks for a durable writer. `documents` give the document ordinals (records
 * name their document by id, in document order); a document's facet values are its first record's.
 * Example: 2 documents of 3 sections (`一、总体要求` …) → one chunk of header and one per array.
 */
export function serializeSectionStore(records: readonly SectionRecord[], documents: readonly Pick<PolicyDocument, 'id'>[]): Buffer[] {
  const dict: string[] = [];
  const ids = new Map<string, number>();
  const code = (s: string | null): number => {
    if (s === null) return NONE;
    let id = ids.get(s);
    if (id === undefined) ids.set(s, (id = dict.push(s) - 1));
    return id;
  };
  const docOrdinal = new Map(documents.map((d, i) => [d.id, i]));
  const n = records.length;
  const cols = {} as Columns;
  for (const name of ['docOf', 'sectionId', 'number', 'deadline'] as const) cols[name] = new Uint32Array(n);
  for (const name of ['district', 'year', 'type', 'validity', 'date'] as const) cols[name] = new Uint32Array(documents.length).fill(NONE);
  cols.flags = new Uint8Array(n);
  const lists = { path: [0], lead: [0], assist: [0] };
  const items = { path: [] as number[], lead: [] as number[], assist: [] as number[] };
  const seen = new Uint8Array(documents.length);
  records.forEach((r, o) => {
    const d = docOrdinal.get(r.docId);
    if (d === undefined) throw new Error(`section ${r.key} names document ${r.docId}, which is not among the segment's documents`);
    cols.docOf[o] = d;
    cols.sectionId[o] = code(r.sectionId);
    cols.number[o] = code(r.number);
    cols.deadline[o] = code(r.deadline);
    cols.flags[o] = (r.folded === r.text ? SAME_FOLDED : 0) | (r.fields === null ? NO_FIELDS : 0);
    for (const k of ['path', 'lead', 'assist'] as const) {
      for (const s of r[k === 'path' ? 'path' : k]) items[k].push(code(s));
      lists[k].push(items[k].length);
    }
    if (!seen[d]) {
      seen[d] = 1;
      for (const f of ['district', 'year', 'type', 'validity', 'date'] as const) cols[f][d] = code(r[f]);
    }
  });
  for (const k of ['path', 'lead', 'assist'] as const) {
    cols[`${k}Start`] = Uint32Array.from(lists[k]);
    cols[`${k}Items`] = Uint32Array.from(items[k]);
  }
  const { textStart, texts } = textBlob(records);
  cols.textStart = textStart;
  cols.texts = texts;
  const arrays = ARRAYS.map((name) => cols[name]);
  const header: StoreHeader = { version: SECTION_STORE_VERSION, sections: n, documents: documents.length, dict, bytes: arrays.map((a) => a.byteLength) };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const lead = Buffer.alloc(align8(16 + json.length));
  lead.write(MAGIC, 0, 'latin1');
  lead.writeUInt32LE(SECTION_STORE_VERSION, 8);
  lead.writeUInt32LE(json.length, 12);
  json.copy(lead, 16);
  const chunks: Buffer[] = [lead];
  for (const a of arrays) {
    chunks.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    const pad = align8(a.byteLength) - a.byteLength;
    if (pad > 0) chunks.push(Buffer.alloc(pad));
  }
  return chunks;
}

/** Every section's four texts in one UTF-16LE buffer; slot `4o + k` spans code units textStart[4o + k] … textStart[4o + k + 1]. */
function textBlob(records: readonly SectionRecord[]): { textStart: Uint32Array; texts: Buffer } {
  const pieces = (r: SectionRecord) => [r.heading, r.text, r.folded === r.text ? '' : r.folded, r.fields ?? ''];
  let units = 0;
  for (const r of records) for (const p of pieces(r)) units += p.length;
  if (units * 2 > 2 ** 32 - 1) throw new Error(`a segment's section texts exceed 4 GB (${units} UTF-16 units); write smaller segments`);
  const texts = Buffer.allocUnsafe(units * 2);
  const textStart = new Uint32Array(records.length * SLOTS + 1);
  let at = 0;
  records.forEach((r, o) => {
    pieces(r).forEach((p, k) => {
      textStart[o * SLOTS + k] = at;
      // 'utf16le' writes code units as they are (lone surrogates included): the round trip is exact.
      at += texts.write(p, at * 2, 'utf16le') / 2;
    });
  });
  textStart[records.length * SLOTS] = at;
  return { textStart, texts };
}

/** A sections.bin this code cannot read; the message names the fix. */
export class SectionStoreError extends Error {
  override name = 'SectionStoreError';
}

/**
 * Views the file's arrays in place (copying only when the buffer is not 8-byte aligned).
 * Example: the bytes serializeSectionStore wrote → `{ header: { sections: 3, … }, columns: { docOf: [0, 0, 1], … } }`.
 */
export function parseSectionStore(file: Buffer, path: string): { header: StoreHeader; columns: Columns } {
  const rebuild = 'run `npm run index` to rebuild it';
  if (file.length < 16 || file.toString('latin1', 0, 8) !== MAGIC) throw new SectionStoreError(`${path} is not a section store; ${rebuild}`);
  const version = file.readUInt32LE(8);
  if (version !== SECTION_STORE_VERSION) throw new SectionStoreError(`${path} has section store version ${version}, this code reads version ${SECTION_STORE_VERSION}; ${rebuild}`);
  if (file.length < 16 + file.readUInt32LE(12)) throw new SectionStoreError(`${path} is truncated (${file.length} bytes, shorter than its header); ${rebuild}`);
  const header = JSON.parse(file.toString('utf8', 16, 16 + file.readUInt32LE(12))) as StoreHeader;
  let at = align8(16 + file.readUInt32LE(12));
  const expected = header.bytes.reduce((sum, b) => sum + align8(b), at);
  if (file.length !== expected) throw new SectionStoreError(`${path} is truncated or padded (${file.length} bytes, its header says ${expected}); ${rebuild}`);
  const bytes = file.byteOffset % 8 === 0 ? file : Buffer.from(file);
  const columns = {} as Record<ArrayName, Uint32Array | Uint8Array | Buffer>;
  ARRAYS.forEach((name, k) => {
    const length = header.bytes[k];
    if (name === 'texts') columns[name] = bytes.subarray(at, at + length);
    else if (name === 'flags') columns[name] = new Uint8Array(bytes.buffer, bytes.byteOffset + at, length);
    else columns[name] = new Uint32Array(bytes.buffer, bytes.byteOffset + at, length / 4);
    at += align8(length);
  });
  return { header, columns: columns as Columns };
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;
