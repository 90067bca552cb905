import MiniSearch, { type AsPlainObject, type BM25Params } from 'minisearch';
import type { IndexEntry } from './schema.ts';
import { MINISEARCH_OPTIONS } from './schema.ts';

/**
 * MiniSearch's postings as flat typed arrays, compiled from the MiniSearch index the indexer builds
 * (MiniSearch stays the index of record and the reference for scoring). Ids are section ordinals,
 * so a query reads integers and never builds an object per matching section.
 */
export interface CompiledPostings {
  /** Field names in MiniSearch's field-id order (`heading`, `body`). */
  fields: string[];
  /** MiniSearch's document count: the N of its inverse document frequency. */
  documentCount: number;
  /** Size of the ordinal space: `corpus.sections.length`. */
  ordinalCount: number;
  /** MiniSearch's running average of each field's length, copied as it computed it. */
  averageFieldLength: Float64Array;
  /** Per field, per ordinal: the field's number of distinct tokens (MiniSearch's field length). */
  fieldLength: Uint32Array[];
  bm25: BM25Params;
  /** Every term's UTF-16 code units, terms in code-unit order; term i is `termChars[termStart[i]..termStart[i + 1]]`. */
  termChars: Uint16Array;
  termStart: Uint32Array;
  /** Term i's postings are positions `postingStart[i]..postingStart[i + 1]` of the arrays below. */
  postingStart: Uint32Array;
  /** Per field, per term: how many sections hold the term in that field (MiniSearch's matching count). */
  documentFrequency: Uint32Array[];
  /** Per posting: the section ordinal, ascending within a term. */
  ordinals: Uint32Array;
  /** Per field, per posting: the term's frequency in that field, 0 when the field lacks it. */
  termFrequency: TermFrequencies[];
}

/** The narrowest array that holds a field's largest term frequency. */
export type TermFrequencies = Uint8Array | Uint16Array | Uint32Array;

/**
 * MiniSearch's default BM25+ parameters (`defaultBM25params` in minisearch/src/MiniSearch.ts; it
 * does not export them). MINISEARCH_OPTIONS sets none, so these are the ones it scores with; the
 * property test against MiniSearch fails if either side changes.
 */
export const MINISEARCH_BM25: BM25Params = { k: 1.2, b: 0.7, d: 0.5 };

/**
 * Compiles a MiniSearch index (or its `toJSON()`) whose document ids are `keys[ordinal]`.
 * Example: entries `000#s0` {body: 城市␁更新}, `000#s1` {body: 城市} with keys [`000#s0`, `000#s1`]
 * → term 城市 (encoded) → ordinals [0, 1], body frequencies [1, 1]; 更新 → [0].
 */
export function compilePostings(source: MiniSearch<IndexEntry> | AsPlainObject, keys: readonly string[]): CompiledPostings {
  const js = source instanceof MiniSearch ? source.toJSON() : source;
  // Discarded documents stay in MiniSearch's postings until vacuumed and shift its counts as it
  // meets them; the indexer never discards, so exactness is only promised for a clean index.
  if (js.dirtCount) throw new Error(`the MiniSearch index holds ${js.dirtCount} discarded documents; vacuum() it before compiling its postings`);
  const fields = Object.keys(js.fieldIds).sort((a, b) => js.fieldIds[a] - js.fieldIds[b]);
  const ordinalOfShort = shortIdOrdinals(js, keys);
  const fieldLength = fields.map(() => new Uint32Array(keys.length));
  for (const short in js.fieldLength) {
    const lengths = js.fieldLength[short];
    fields.forEach((_, f) => (fieldLength[f][ordinalOfShort[Number(short)]] = lengths[f] ?? 0));
  }
  return {
    fields,
    documentCount: js.documentCount,
    ordinalCount: keys.length,
    averageFieldLength: Float64Array.from(fields, (_, f) => js.averageFieldLength[f] ?? 0),
    fieldLength,
    bm25: { ...(MINISEARCH_OPTIONS.searchOptions?.bm25 ?? MINISEARCH_BM25) },
    ...compileTerms(js, fields.length, ordinalOfShort, keys.length),
  };
}

/**
 * MiniSearch short id → ordinal. Ordinals must rise with short ids: MiniSearch breaks score ties in
 * short-id order and the executor in ordinal order, and buildIndex adds sections in ordinal order.
 */
function shortIdOrdinals(js: AsPlainObject, keys: readonly string[]): Int32Array {
  const ordinalOfKey = new Map(keys.map((k, i) => [k, i]));
  const out = new Int32Array(js.nextId).fill(-1);
  let previous = -1;
  // Integer-like keys enumerate in ascending order, so this walks short ids upwards.
  for (const short in js.documentIds) {
    const ordinal = ordinalOfKey.get(js.documentIds[short]);
    if (ordinal === undefined) throw new Error(`MiniSearch document ${js.documentIds[short]} has no section ordinal`);
    if (ordinal <= previous) throw new Error(`section ordinals do not follow MiniSearch's insertion order at ${js.documentIds[short]}`);
    out[Number(short)] = previous = ordinal;
  }
  return out;
}

type TermArrays = Pick<CompiledPostings, 'termChars' | 'termStart' | 'postingStart' | 'documentFrequency' | 'ordinals' | 'termFrequency'>;

function compileTerms(js: AsPlainObject, fieldCount: number, ordinalOfShort: Int32Array, ordinalCount: number): TermArrays {
  const entries = js.index;
  const order = entries.map((_, i) => i).sort((i, j) => (entries[i][0] < entries[j][0] ? -1 : 1));
  const size = measureTerms(entries, fieldCount);
  const out: TermArrays = {
    termChars: new Uint16Array(size.chars),
    termStart: new Uint32Array(entries.length + 1),
    postingStart: new Uint32Array(entries.length + 1),
    documentFrequency: Array.from({ length: fieldCount }, () => new Uint32Array(entries.length)),
    ordinals: new Uint32Array(size.postings),
    termFrequency: size.maxFrequency.map((max) => frequencyArray(max, size.postings)),
  };
  const lists = fieldLists(fieldCount, ordinalCount);
  let c = 0;
  let p = 0;
  order.forEach((e, t) => {
    const [term, byField] = entries[e];
    for (let i = 0; i < term.length; i++) out.termChars[c++] = term.charCodeAt(i);
    out.termStart[t + 1] = c;
    readFieldLists(byField, ordinalOfShort, lists);
    lists.lengths.forEach((n, f) => (out.documentFrequency[f][t] = n));
    p = mergeFieldLists(lists, out, p);
    out.postingStart[t + 1] = p;
  });
  return { ...out, ordinals: out.ordinals.slice(0, p), termFrequency: out.termFrequency.map((a) => a.slice(0, p)) };
}

type Postings = AsPlainObject['index'][number][1];

/** Sizes before allocating: postings are at most the sum over fields; the largest frequency picks each array's width. */
function measureTerms(entries: AsPlainObject['index'], fieldCount: number) {
  let postings = 0;
  let chars = 0;
  const maxFrequency = new Array<number>(fieldCount).fill(0);
  for (const [term, byField] of entries) {
    chars += term.length;
    for (const f in byField) {
      for (const short in byField[f]) {
        postings++;
        maxFrequency[Number(f)] = Math.max(maxFrequency[Number(f)], byField[f][short]);
      }
    }
  }
  return { postings, chars, maxFrequency };
}

/** One term's postings per field, before the merge; reused for every term. */
interface FieldLists {
  ordinals: Uint32Array[];
  frequencies: Uint32Array[];
  lengths: Uint32Array;
  cursor: Uint32Array;
}

function fieldLists(fieldCount: number, ordinalCount: number): FieldLists {
  const each = () => Array.from({ length: fieldCount }, () => new Uint32Array(ordinalCount));
  return { ordinals: each(), frequencies: each(), lengths: new Uint32Array(fieldCount), cursor: new Uint32Array(fieldCount) };
}

/**
 * Ordinals ascend within a field's list: MiniSearch's short-id keys enumerate in ascending order
 * (integer-like keys do) and ordinals rise with short ids.
 */
function readFieldLists(byField: Postings, ordinalOfShort: Int32Array, lists: FieldLists): void {
  lists.lengths.fill(0);
  for (const key in byField) {
    const f = Number(key);
    const freqs = byField[key];
    let n = 0;
    for (const short in freqs) {
      const ordinal = ordinalOfShort[Number(short)];
      if (ordinal < 0) throw new Error(`a MiniSearch posting names short id ${short}, which is no document`);
      lists.ordinals[f][n] = ordinal;
      lists.frequencies[f][n++] = freqs[short];
    }
    lists.lengths[f] = n;
  }
}

/** Writes the union of the fields' lists from position p: each ordinal once, with its frequency in every field holding it. */
function mergeFieldLists(lists: FieldLists, out: TermArrays, p: number): number {
  const { ordinals, frequencies, lengths, cursor } = lists;
  const fieldCount = lengths.length;
  cursor.fill(0);
  for (;;) {
    let next = -1;
    for (let f = 0; f < fieldCount; f++) if (cursor[f] < lengths[f] && (next < 0 || ordinals[f][cursor[f]] < next)) next = ordinals[f][cursor[f]];
    if (next < 0) return p;
    out.ordinals[p] = next;
    for (let f = 0; f < fieldCount; f++) if (cursor[f] < lengths[f] && ordinals[f][cursor[f]] === next) out.termFrequency[f][p] = frequencies[f][cursor[f]++];
    p++;
  }
}

function frequencyArray(max: number, length: number): TermFrequencies {
  if (max <= 0xff) return new Uint8Array(length);
  return max <= 0xffff ? new Uint16Array(length) : new Uint32Array(length);
}
