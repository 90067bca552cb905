import { containsText } from '../index/corpus.ts';
import { candidates, probeGrams, probedExactly } from '../index/gram-index.ts';
import type { Engine } from './create-engine.ts';
import { type MatchSet, emptyMatchSet, gatherMatches } from './match-set.ts';
import { minimalTokens } from './minimal-tokens.ts';
import type { ParsedQuery, QueryTerm } from './parse-query.ts';
import { contentWords } from './stop-words.ts';
import { type WordMatches, searchWords } from './word-executor.ts';

/** Per-section match state for one term, clause or query, indexed by section ordinal. */
interface Matches {
  /** Matched ordinals, each once. */
  ords: number[];
  score: Float64Array;
  literal: Uint8Array;
  seen: Uint8Array;
}

function emptyMatches(n: number): Matches {
  return { ords: [], score: new Float64Array(n), literal: new Uint8Array(n), seen: new Uint8Array(n) };
}

/**
 * Every section matching the query, ascending by ordinal: per clause the union of its terms (literal
 * occurrences and word matches), clauses intersected, excluded strings removed. Scores add over
 * clauses; a section is literal when every clause matched it literally.
 * Example: `城市更新 -罗湖` → the sections holding 城市更新 (literal) or 城市 and 更新, none containing 罗湖.
 */
// Typed arrays indexed by section ordinal instead of maps keyed by strings, and a MatchSet out
// rather than an object per match: a common word matches tens of thousands of sections.
export function matchQuery(engine: Engine, query: ParsedQuery): MatchSet {
  if (query.clauses.length === 0) return emptyMatchSet();
  const n = engine.corpus.sections.length;
  let acc: Matches | null = null;
  for (const clause of query.clauses) {
    // One term is its own clause: no union to build.
    const c = clause.length === 1 ? matchTerm(engine, clause[0]) : emptyMatches(n);
    for (const term of clause.length === 1 ? [] : clause) {
      const t = matchTerm(engine, term);
      for (const o of t.ords) {
        if (!c.seen[o]) {
          c.seen[o] = 1;
          c.ords.push(o);
        }
        if (t.score[o] > c.score[o]) c.score[o] = t.score[o];
        c.literal[o] |= t.literal[o];
      }
    }
    if (acc === null) acc = c;
    else {
      const next = emptyMatches(n);
      const prev: Matches = acc;
      for (const o of c.ords) {
        if (!prev.seen[o]) continue;
        next.seen[o] = 1;
        next.ords.push(o);
        next.score[o] = prev.score[o] + c.score[o];
        next.literal[o] = prev.literal[o] & c.literal[o];
      }
      acc = next;
    }
  }
  const result = acc!;
  const sections = engine.corpus.sections;
  if (query.excluded.length > 0) for (const o of result.ords) if (query.excluded.some((x) => containsText(sections[o], x))) result.seen[o] = 0;
  return gatherMatches(result.seen, result.score, result.literal);
}

/** Sections matching one term: literal occurrences (via the bigram index) plus word matches. */
function matchTerm(engine: Engine, term: QueryTerm): Matches {
  const m = emptyMatches(engine.corpus.sections.length);
  // An expanded name was not typed: its occurrences do not put a section in the literal band.
  for (const o of literalOrdinals(engine, term.text)) {
    m.seen[o] = 1;
    m.ords.push(o);
    if (!term.expanded) m.literal[o] = 1;
  }
  const words = wordSearch(engine, contentWords(minimalTokens(term.text)));
  for (let i = 0; i < words.ordinals.length; i++) {
    const o = words.ordinals[i];
    if (!m.seen[o]) {
      if (term.phrase) continue; // a phrase only matches literally; words only rank it
      m.seen[o] = 1;
      m.ords.push(o);
    }
    m.score[o] = words.scores[i];
  }
  return m;
}

const NO_WORDS: WordMatches = { ordinals: new Uint32Array(0), scores: new Float64Array(0), tieGroup: new Uint8Array(0) };

/** AND of the tokens over the compiled postings, with MiniSearch's scores. */
function wordSearch(engine: Engine, tokens: string[]): WordMatches {
  if (tokens.length === 0) return NO_WORDS;
  // Every word match contains each token as written, so the bigram index bounds the candidates
  // and the executor intersects with them before scoring anything.
  const bound = ordinalsContaining(engine, tokens);
  return searchWords(engine.postings, tokens, bound ?? undefined);
}

/** Sections whose normalised text contains the string: bigram-index candidates, or every section when it has no Han character. */
function literalOrdinals(engine: Engine, text: string): Uint32Array | number[] {
  return ordinalsContaining(engine, [text]) ?? engine.corpus.sections.flatMap((s, i) => (containsText(s, text) ? [i] : []));
}

/**
 * Ascending ordinals of the sections containing every string, from the bigram index's candidates
 * confirmed on the text (not needed when each string is its own probe gram); null when the strings
 * have no Han character to probe with.
 */
function ordinalsContaining(engine: Engine, texts: string[]): Uint32Array | null {
  const found = candidates(engine.grams, [...new Set(texts.flatMap((t) => probeGrams(t)))]);
  if (found === null || texts.every(probedExactly)) return found;
  const sections = engine.corpus.sections;
  const out = new Uint32Array(found.length);
  let n = 0;
  for (const i of found) if (texts.every((t) => containsText(sections[i], t))) out[n++] = i;
  return out.subarray(0, n);
}
