import { intersectRange } from './gallop.ts';

/**
 * The literal-recall index, kept beside MiniSearch: every Han character and Han bigram of each
 * section's normalised text → the sorted ordinals of the sections holding it. A query string is
 * found by intersecting its bigrams' lists and confirming on the text, so any string that occurs is
 * found however jieba cut it. Plain sorted Uint32Arrays: MiniSearch scored every posting of every
 * bigram, which made literal matching cost as much as a full-text search of each bigram.
 */
export interface GramIndex {
  /** gram → ascending section ordinals */
  lists: Map<string, Uint32Array>;
}

const HAN_RE = /\p{Script=Han}/u;
/** Per BMP code unit: is it a Han character (the regex once per code unit, not once per character read). */
const HAN_BMP = (() => {
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) if ((c < 0xd800 || c > 0xdfff) && HAN_RE.test(String.fromCharCode(c))) table[c] = 1;
  return table;
})();
const HAN = { test: (c: string) => (c.length === 1 ? HAN_BMP[c.charCodeAt(0)] === 1 : HAN_RE.test(c)) };

/**
 * Example: `buildGramIndex(['城市更新', '更新'])` → `更新: [0, 1]`, `城市: [0]`, `城: [0]` …
 */
export function buildGramIndex(foldedTexts: string[]): GramIndex {
  const growing = new Map<GramKey, number[]>();
  const add = (gram: GramKey, ordinal: number) => {
    const list = growing.get(gram);
    if (!list) growing.set(gram, [ordinal]);
    else if (list[list.length - 1] !== ordinal) list.push(ordinal);
  };
  foldedTexts.forEach((text, ordinal) => forEachGram(text, (gram) => add(gram, ordinal)));
  // Named in first-seen order: the order the lists are written in.
  const lists = new Map<string, Uint32Array>();
  for (const [gram, list] of growing) lists.set(gramName(gram), Uint32Array.from(list));
  return { lists };
}

/**
 * A gram while the index grows: a number for BMP grams, so reading a character builds no string
 * (a Han character: its code unit; a pair of them: above 0xffff, from their places among Han
 * characters, under 2^30 so V8 keeps it a small integer); a string for grams with an astral character.
 */
type GramKey = number | string;
const HAN_CODES = Uint16Array.from({ length: 0x10000 }, (_, c) => c).filter((c) => HAN_BMP[c] === 1);
const HAN_PLACE = (() => {
  const place = new Int32Array(0x10000).fill(-1);
  HAN_CODES.forEach((c, i) => (place[c] = i));
  return place;
})();
const PAIR_BASE = 0x10000;

/** Each Han character and adjacent Han pair of the text, in reading order (a character before the pair it ends). */
function forEachGram(text: string, emit: (gram: GramKey) => void): void {
  let previous = -1; // the previous Han character: a BMP code unit, or -2 when astral (then previousText)
  let previousText = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      const c = text.slice(i, i + 2);
      i++;
      if (!HAN.test(c)) {
        previous = -1;
        continue;
      }
      emit(c);
      if (previous !== -1) emit((previous === -2 ? previousText : String.fromCharCode(previous)) + c);
      [previous, previousText] = [-2, c];
    } else if (HAN_BMP[code] === 1) {
      emit(code);
      if (previous === -2) emit(previousText + String.fromCharCode(code));
      else if (previous !== -1) emit(PAIR_BASE + HAN_PLACE[previous] * HAN_CODES.length + HAN_PLACE[code]);
      previous = code;
    } else previous = -1;
  }
}

/**
 * The distinct grams of one text, as the bigram index keys them (every Han character and adjacent Han
 * pair): what the PostgreSQL backend stores per section, so both engines probe the same grams.
 * Example: `城市更新ab区` → `['城', '市', '城市', '更', '市更', '新', '更新', '区']`.
 */
export function textGrams(folded: string): string[] {
  const grams = new Set<GramKey>();
  forEachGram(folded, (gram) => grams.add(gram));
  return [...grams].map(gramName);
}

function gramName(gram: GramKey): string {
  if (typeof gram === 'string') return gram;
  if (gram < PAIR_BASE) return String.fromCharCode(gram);
  const pair = gram - PAIR_BASE;
  return String.fromCharCode(HAN_CODES[Math.floor(pair / HAN_CODES.length)], HAN_CODES[pair % HAN_CODES.length]);
}

/**
 * Han bigrams (or single characters when there is no bigram) a literal match must contain; empty
 * when the string has no Han character (then every section is a candidate).
 * Example: `城市更新pm2.5` → `['城市', '市更', '更新']`.
 */
export function probeGrams(folded: string): string[] {
  const grams = new Set<string>();
  const singles = new Set<string>();
  let previous = '';
  for (const c of folded) {
    if (!HAN.test(c)) {
      previous = '';
      continue;
    }
    singles.add(c);
    if (previous) grams.add(previous + c);
    previous = c;
  }
  return [...(grams.size > 0 ? grams : singles)];
}

/**
 * Whether the probe grams of a string are the string itself: one or two Han characters. Then the
 * gram's list is exactly the sections containing it, and no text needs reading to confirm.
 * Example: `发展` → true; `城市更新` → false (城市, 市更, 更新 may occur apart); `5G` → false.
 */
export function probedExactly(folded: string): boolean {
  const chars = [...folded];
  return chars.length > 0 && chars.length <= 2 && chars.every((c) => HAN.test(c));
}

/**
 * Ordinals of the sections holding every probe gram (candidates; the caller confirms on the text),
 * or null when there is nothing to probe with. Example: probes [城市, 更新] → [0, 7, 12].
 */
export function candidates(index: GramIndex, probes: string[]): Uint32Array | null {
  if (probes.length === 0) return null;
  const lists: Uint32Array[] = [];
  for (const p of probes) {
    const list = index.lists.get(p);
    if (!list) return new Uint32Array(0);
    lists.push(list);
  }
  lists.sort((a, b) => a.length - b.length);
  let acc = lists[0];
  for (let i = 1; i < lists.length && acc.length > 0; i++) acc = intersectRange(acc, lists[i], 0, lists[i].length);
  return acc;
}

/**
 * Serialised as a term table (JSON) and one binary blob of all lists, so saving and loading never
 * build one giant string. Example: → `{ terms: ['城', '城市'], lengths: [2, 1] }` + 12 bytes.
 */
export function serializeGramIndex(index: GramIndex): { table: { terms: string[]; lengths: number[] }; blob: Buffer } {
  const terms = [...index.lists.keys()];
  const lengths = terms.map((t) => index.lists.get(t)!.length);
  const all = new Uint32Array(lengths.reduce((a, b) => a + b, 0));
  let at = 0;
  for (const t of terms) {
    const list = index.lists.get(t)!;
    all.set(list, at);
    at += list.length;
  }
  return { table: { terms, lengths }, blob: Buffer.from(all.buffer, all.byteOffset, all.byteLength) };
}

export function deserializeGramIndex(table: { terms: string[]; lengths: number[] }, blob: Buffer): GramIndex {
  if (blob.byteLength % 4 !== 0) throw new Error('gram postings are truncated');
  // Copy into an aligned buffer: a Buffer from readFileSync may start at any byte offset.
  const all = new Uint32Array(blob.byteLength / 4);
  new Uint8Array(all.buffer).set(blob);
  const total = table.lengths.reduce((a, b) => a + b, 0);
  if (total !== all.length || table.terms.length !== table.lengths.length) throw new Error('gram table does not match its postings');
  const lists = new Map<string, Uint32Array>();
  let at = 0;
  table.terms.forEach((t, i) => {
    lists.set(t, all.subarray(at, at + table.lengths[i]));
    at += table.lengths[i];
  });
  return { lists };
}
