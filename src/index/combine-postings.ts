import type { CompiledPostings, TermFrequencies } from './compiled-postings.ts';

/** One segment's compiled postings and which of its sections are still served. */
export interface PostingsPart {
  postings: CompiledPostings;
  /** Per section ordinal of the part: 1 when live; null when every section is. */
  live: Uint8Array | null;
}

/**
 * The postings of several segments as one, over dense ordinals (parts in order, dead sections left
 * out), with the statistics MiniSearch would hold had it been built from the live sections alone:
 * document count, document frequencies per field, and its running average of field lengths (taken
 * in the same order, so it is the same number). Terms merge in code-unit order; a term no live
 * section holds is dropped. Lists are copied whole where a part has no dead section.
 * Example: part A (城市: ordinals [0, 1], section 1 dead) + part B (城市: [0]) → 城市: [0, 1].
 */
export function combinePostings(parts: readonly PostingsPart[]): CompiledPostings {
  const first = parts[0].postings;
  const fields = first.fields;
  for (const { postings: p } of parts) {
    if (p.fields.join() !== fields.join()) throw new Error(`segments index different fields (${p.fields.join()} vs ${fields.join()})`);
  }
  const F = fields.length;
  // Old ordinal → new ordinal per part (-1: dead).
  const remap: Int32Array[] = [];
  let ordinalCount = 0;
  for (const { postings: p, live } of parts) {
    const map = new Int32Array(p.ordinalCount);
    for (let o = 0; o < p.ordinalCount; o++) map[o] = live === null || live[o] ? ordinalCount++ : -1;
    remap.push(map);
  }
  const fieldLength = Array.from({ length: F }, () => new Uint32Array(ordinalCount));
  const averageFieldLength = new Float64Array(F);
  let count = 0;
  parts.forEach(({ postings: p }, k) => {
    for (let o = 0; o < p.ordinalCount; o++) {
      const to = remap[k][o];
      if (to < 0) continue;
      for (let f = 0; f < F; f++) {
        const length = p.fieldLength[f][o];
        fieldLength[f][to] = length;
        // MiniSearch's addFieldLength, section by section in ordinal order.
        averageFieldLength[f] = (averageFieldLength[f] * count + length) / (count + 1);
      }
      count++;
    }
  });
  return { fields: [...fields], documentCount: ordinalCount, ordinalCount, averageFieldLength, fieldLength, bm25: { ...first.bm25 }, ...mergeTerms(parts, remap, F) };
}

type TermArrays = Pick<CompiledPostings, 'termChars' | 'termStart' | 'postingStart' | 'documentFrequency' | 'ordinals' | 'termFrequency'>;

function mergeTerms(parts: readonly PostingsPart[], remap: Int32Array[], F: number): TermArrays {
  const ps = parts.map((part) => part.postings);
  const maxTerms = ps.reduce((n, p) => n + p.termStart.length - 1, 0);
  const maxPostings = ps.reduce((n, p) => n + p.ordinals.length, 0);
  const maxChars = ps.reduce((n, p) => n + p.termChars.length, 0);
  const widths = Array.from({ length: F }, (_, f) => Math.max(...ps.map((p) => p.termFrequency[f].BYTES_PER_ELEMENT)));
  const out: TermArrays = {
    termChars: new Uint16Array(maxChars),
    termStart: new Uint32Array(maxTerms + 1),
    postingStart: new Uint32Array(maxTerms + 1),
    documentFrequency: Array.from({ length: F }, () => new Uint32Array(maxTerms)),
    ordinals: new Uint32Array(maxPostings),
    termFrequency: widths.map((w) => (w === 1 ? new Uint8Array(maxPostings) : w === 2 ? new Uint16Array(maxPostings) : new Uint32Array(maxPostings))),
  };
  const cursor = new Uint32Array(ps.length);
  const df = new Uint32Array(F);
  const bases = remap.map((map) => (map.length > 0 ? map[0] : 0));
  let terms = 0;
  let chars = 0;
  let at = 0;
  for (;;) {
    // The smallest next term among the parts (code-unit order); usually few parts.
    let min = -1;
    for (let k = 0; k < ps.length; k++) if (cursor[k] < ps[k].termStart.length - 1 && (min < 0 || compareTerms(ps[k], cursor[k], ps[min], cursor[min]) < 0)) min = k;
    if (min < 0) break;
    if (parts[min].live === null) {
      // A run of terms only this part holds, none of its sections dead: copied as whole ranges.
      const end = runEnd(ps, cursor, min);
      if (end - cursor[min] > 1) {
        ({ terms, chars, at } = copyRun(ps[min], cursor[min], end, bases[min], out, terms, chars, at));
        cursor[min] = end;
        continue;
      }
    }
    const start = at;
    df.fill(0);
    const term = cursor[min];
    for (let k = min; k < ps.length; k++) {
      if (cursor[k] >= ps[k].termStart.length - 1 || (k !== min && compareTerms(ps[k], cursor[k], ps[min], term) !== 0)) continue;
      const t = cursor[k]++;
      at = appendList(ps[k], t, parts[k].live === null ? bases[k] : -1, remap[k], out, at, df);
    }
    if (at === start) continue; // only dead sections hold it
    const p = ps[min];
    out.termChars.set(p.termChars.subarray(p.termStart[term], p.termStart[term + 1]), chars);
    chars += p.termStart[term + 1] - p.termStart[term];
    for (let f = 0; f < F; f++) out.documentFrequency[f][terms] = df[f];
    terms++;
    out.termStart[terms] = chars;
    out.postingStart[terms] = at;
  }
  // Views, not copies: the arrays were sized for every posting, and only deleted ones are unused.
  return {
    termChars: out.termChars.subarray(0, chars),
    termStart: out.termStart.subarray(0, terms + 1),
    postingStart: out.postingStart.subarray(0, terms + 1),
    documentFrequency: out.documentFrequency.map((a) => a.subarray(0, terms)),
    ordinals: out.ordinals.subarray(0, at),
    termFrequency: out.termFrequency.map((a) => a.subarray(0, at)),
  };
}

/** The first term of part `min`, from its cursor on, that another part's next term does not follow. */
function runEnd(ps: CompiledPostings[], cursor: Uint32Array, min: number): number {
  let other = -1;
  for (let k = 0; k < ps.length; k++) {
    if (k !== min && cursor[k] < ps[k].termStart.length - 1 && (other < 0 || compareTerms(ps[k], cursor[k], ps[other], cursor[other]) < 0)) other = k;
  }
  const p = ps[min];
  let lo = cursor[min];
  let hi = p.termStart.length - 1;
  if (other < 0) return hi;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareTerms(p, mid, ps[other], cursor[other]) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Copies terms from..end of a part without dead sections: characters, offsets, frequencies and postings in bulk. */
function copyRun(p: CompiledPostings, from: number, end: number, base: number, out: TermArrays, terms: number, chars: number, at: number) {
  const c0 = p.termStart[from];
  const p0 = p.postingStart[from];
  const p1 = p.postingStart[end];
  out.termChars.set(p.termChars.subarray(c0, p.termStart[end]), chars);
  for (let t = from; t < end; t++) {
    out.termStart[terms + 1 + t - from] = chars + p.termStart[t + 1] - c0;
    out.postingStart[terms + 1 + t - from] = at + p.postingStart[t + 1] - p0;
  }
  out.documentFrequency.forEach((df, f) => df.set(p.documentFrequency[f].subarray(from, end), terms));
  out.ordinals.set(p.ordinals.subarray(p0, p1), at);
  if (base > 0) for (let i = at; i < at + p1 - p0; i++) out.ordinals[i] += base;
  out.termFrequency.forEach((tf, f) => tf.set(p.termFrequency[f].subarray(p0, p1) as TermFrequencies, at));
  return { terms: terms + end - from, chars: chars + p.termStart[end] - c0, at: at + p1 - p0 };
}

/**
 * Appends term t's postings of one part at `at`, counting document frequencies into df. `base` ≥ 0:
 * the part has no dead section, so its list is copied whole and shifted by base.
 */
function appendList(p: CompiledPostings, t: number, base: number, map: Int32Array, out: TermArrays, at: number, df: Uint32Array): number {
  const from = p.postingStart[t];
  const to = p.postingStart[t + 1];
  const F = df.length;
  if (base >= 0) {
    out.ordinals.set(p.ordinals.subarray(from, to), at);
    if (base > 0) for (let i = at; i < at + to - from; i++) out.ordinals[i] += base;
    for (let f = 0; f < F; f++) {
      out.termFrequency[f].set(p.termFrequency[f].subarray(from, to) as TermFrequencies, at);
      df[f] += p.documentFrequency[f][t];
    }
    return at + to - from;
  }
  for (let i = from; i < to; i++) {
    const o = map[p.ordinals[i]];
    if (o < 0) continue;
    out.ordinals[at] = o;
    for (let f = 0; f < F; f++) {
      const tf = p.termFrequency[f][i];
      out.termFrequency[f][at] = tf;
      if (tf > 0) df[f]++;
    }
    at++;
  }
  return at;
}

/** Sign of (term i of a − term j of b), in code-unit order. */
function compareTerms(a: CompiledPostings, i: number, b: CompiledPostings, j: number): number {
  const as = a.termStart[i];
  const al = a.termStart[i + 1] - as;
  const bs = b.termStart[j];
  const bl = b.termStart[j + 1] - bs;
  const n = Math.min(al, bl);
  for (let k = 0; k < n; k++) {
    const d = a.termChars[as + k] - b.termChars[bs + k];
    if (d !== 0) return d;
  }
  return al - bl;
}
