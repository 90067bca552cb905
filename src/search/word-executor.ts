import type { CompiledPostings } from '../index/compiled-postings.ts';
import { findTerm } from '../index/find-term.ts';
import { FIELD_BOOST, MINISEARCH_OPTIONS, SEARCH_FIELDS } from '../index/schema.ts';
import { gallop } from '../index/gallop.ts';
import { type Alloc, HEAP } from './scratch.ts';

/** Sections matching every query term, ascending by ordinal, with MiniSearch's score for each. */
export interface WordMatches {
  ordinals: Uint32Array;
  scores: Float64Array;
  /**
   * Position, among the searched fields, of the first field holding the query's last term. MiniSearch
   * lists a term's matches field by field and AND keeps the last term's order, so equal scores come
   * out in (this, ordinal) order; the top-k collector breaks ties the same way.
   */
  tieGroup: Uint8Array;
}

export interface WordQueryOptions {
  /** Fields searched, in MiniSearch's `fields` search-option order. */
  fields: readonly string[];
  /** MiniSearch's `boost`: a missing or zero boost counts as 1, as in MiniSearch. */
  boost: Readonly<Record<string, number>>;
  /** Ascending, distinct ordinals a match must be among (MiniSearch: `boostDocument` returning 0 elsewhere). */
  allowed?: Uint32Array;
  /** Where the result and the working arrays come from (default: fresh arrays the caller may keep). */
  alloc?: Alloc;
}

const EMPTY: WordMatches = { ordinals: new Uint32Array(0), scores: new Float64Array(0), tieGroup: new Uint8Array(0) };

/**
 * What `wordSearch` asks of MiniSearch — AND of exact tokens over heading and body with the field
 * boosts — answered from compiled postings: tokens are processed as MiniSearch's search options
 * process them. Example: `searchWords(p, ['城市', '更新'])` → the ordinals of the sections holding both
 * words, ascending, each with the score MiniSearch gives it.
 */
export function searchWords(p: CompiledPostings, tokens: readonly string[], allowed?: Uint32Array, alloc: Alloc = HEAP): WordMatches {
  const process = MINISEARCH_OPTIONS.searchOptions?.processTerm;
  const terms = tokens.map((token) => {
    const term = process ? process(token) : token;
    if (Array.isArray(term)) throw new Error('a processTerm that returns several terms is not supported');
    return term || ''; // MiniSearch drops a falsy term, and a query word without a term matches nothing
  });
  return matchTerms(p, terms, { fields: SEARCH_FIELDS, boost: FIELD_BOOST, allowed, alloc });
}

/**
 * AND of processed terms, scored exactly as MiniSearch scores them (BM25+ per field with its
 * document counts and average lengths, times the field boost, summed over fields and then over
 * terms in query order, times the number of distinct terms). Candidates come from a galloping
 * intersection, scores accumulate in a Float64Array: no object per matching section.
 * Example: terms [encodeTerm('城市')] → every section holding 城市 with its MiniSearch score.
 */
export function matchTerms(p: CompiledPostings, terms: readonly string[], options: WordQueryOptions): WordMatches {
  const ids = terms.map((t) => findTerm(p, t)); // an empty or unknown term matches nothing, as in MiniSearch
  if (ids.length === 0 || ids.includes(-1)) return EMPTY;
  const fields = options.fields.map((name) => p.fields.indexOf(name));
  const boosts = options.fields.map((name) => (Object.hasOwn(options.boost, name) && options.boost[name]) || 1);
  const alloc = options.alloc ?? HEAP;
  const candidates = intersectTerms(p, ids, options.allowed, alloc);
  const n = candidates.length;
  const score = alloc.f64(n);
  const termScore = alloc.f64(n);
  // Per candidate: the first searched field holding the current term, -1 while none does.
  const group = alloc.i8(n);
  const live = alloc.u8(n).fill(1);
  const at = alloc.u32(n);
  ids.forEach((t, q) => {
    postingPositions(p, t, candidates, at);
    group.fill(-1);
    fields.forEach((f, j) => {
      if (f >= 0) addFieldScores(p, f, inverseDocumentFrequency(p, p.documentFrequency[f][t]), boosts[j], j, candidates, at, termScore, group);
    });
    for (let i = 0; i < n; i++) {
      if (group[i] < 0) {
        live[i] = 0; // the term is only in fields not searched
        termScore[i] = 0;
      }
      score[i] = q === 0 ? termScore[i] : score[i] + termScore[i];
    }
  });
  return compact(candidates, score, group, live, new Set(terms).size, alloc);
}

/** Where each candidate sits in term t's postings (every candidate holds t): a galloping walk, or plain positions when the candidates are the whole list. */
function postingPositions(p: CompiledPostings, t: number, candidates: Uint32Array, at: Uint32Array): void {
  const start = p.postingStart[t];
  const end = p.postingStart[t + 1];
  if (candidates.length === end - start) {
    for (let i = 0; i < candidates.length; i++) at[i] = start + i;
    return;
  }
  let from = start;
  for (let i = 0; i < candidates.length; i++) at[i] = from = gallop(p.ordinals, from, end, candidates[i]);
}

/**
 * One field's weighted BM25+ for one term, added per candidate in field order: the same operations in
 * the same order as MiniSearch's termResults, so scores are bit-identical. `group` records the first
 * field (position j among the searched ones) that held the term.
 */
function addFieldScores(p: CompiledPostings, f: number, invDocFreq: number, boost: number, j: number, candidates: Uint32Array, at: Uint32Array, termScore: Float64Array, group: Int8Array): void {
  const tf = p.termFrequency[f];
  const length = p.fieldLength[f];
  const avgFieldLength = p.averageFieldLength[f];
  const { k, b, d } = p.bm25;
  for (let i = 0; i < candidates.length; i++) {
    const termFreq = tf[at[i]];
    if (termFreq === 0) continue;
    const fieldLength = length[candidates[i]];
    // MiniSearch's calcBM25Score, written as it writes it, times the field boost.
    const weighted = boost * (invDocFreq * (d + termFreq * (k + 1) / (termFreq + k * (1 - b + b * fieldLength / avgFieldLength))));
    if (group[i] < 0) {
      termScore[i] = weighted;
      group[i] = j;
    } else termScore[i] += weighted;
  }
}

/** Ascending ordinals holding every term (in any field), and within `allowed` when given. */
function intersectTerms(p: CompiledPostings, ids: number[], allowed: Uint32Array | undefined, alloc: Alloc): Uint32Array {
  const unique = [...new Set(ids)].sort((a, b) => listLength(p, a) - listLength(p, b));
  const first = unique[0];
  let acc = p.ordinals.subarray(p.postingStart[first], p.postingStart[first + 1]);
  if (allowed) acc = acc.length <= allowed.length ? keepIn(acc, allowed, 0, allowed.length, alloc) : keepIn(allowed, acc, 0, acc.length, alloc);
  for (let i = 1; i < unique.length && acc.length > 0; i++) acc = keepIn(acc, p.ordinals, p.postingStart[unique[i]], p.postingStart[unique[i] + 1], alloc);
  return acc;
}

/** gallop.ts's intersectRange, writing into an array from `alloc`: the values of `small` also in `list[from..to)`. */
function keepIn(small: Uint32Array, list: Uint32Array, from: number, to: number, alloc: Alloc): Uint32Array {
  const out = alloc.u32(Math.min(small.length, to - from));
  let n = 0;
  for (let i = 0, at = from; i < small.length && at < to; i++) {
    at = gallop(list, at, to, small[i]);
    if (at < to && list[at] === small[i]) out[n++] = small[i];
  }
  return out.subarray(0, n);
}

const listLength = (p: CompiledPostings, t: number) => p.postingStart[t + 1] - p.postingStart[t];

/** MiniSearch's invDocFreq: N is its document count, n the sections holding the term in this field. */
function inverseDocumentFrequency(p: CompiledPostings, n: number): number {
  return Math.log(1 + (p.documentCount - n + 0.5) / (n + 0.5));
}

/** Drops candidates a term matched only outside the searched fields; MiniSearch multiplies by its distinct-term count ("quality"). */
function compact(candidates: Uint32Array, score: Float64Array, group: Int8Array, live: Uint8Array, quality: number, alloc: Alloc): WordMatches {
  let n = 0;
  for (let i = 0; i < candidates.length; i++) n += live[i];
  const ordinals = alloc.u32(n);
  const scores = alloc.f64(n);
  const tieGroup = alloc.u8(n);
  n = 0;
  for (let i = 0; i < candidates.length; i++) {
    if (!live[i]) continue;
    ordinals[n] = candidates[i];
    scores[n] = score[i] * quality;
    tieGroup[n++] = group[i];
  }
  return { ordinals, scores, tieGroup };
}
