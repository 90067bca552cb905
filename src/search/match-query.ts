import { containsText } from '../index/corpus.ts';
import { candidates, probeGrams } from '../index/gram-index.ts';
import type { Engine } from './create-engine.ts';
import { minimalTokens } from './minimal-tokens.ts';
import type { ParsedQuery, QueryTerm } from './parse-query.ts';
import type { RankedSection } from './search.ts';
import { contentWords } from './stop-words.ts';
import { type WordMatches, searchWords } from './word-executor.ts';

/** Per-section match state for one term, clause or query, indexed by section ordinal. */
interface Matches {
  /** Matched ordinals, each once. */
  ords: number[];
  score: Float64Array;
  literal: Uint8Array;
}

type Tracked = Matches & { seen: Uint8Array };

function emptyMatches(n: number): Tracked {
  return { ords: [], score: new Float64Array(n), literal: new Uint8Array(n), seen: new Uint8Array(n) };
}

/**
 * Every section matching the query, unordered: per clause the union of its terms (literal
 * occurrences and word matches), clauses intersected, excluded strings removed. Scores add over
 * clauses; a section is literal when every clause matched it literally.
 * Example: `城市更新 -罗湖` → the sections holding 城市更新 (literal) or 城市 and 更新, none containing 罗湖.
 */
// Typed arrays indexed by section ordinal instead of maps keyed by strings: a common word matches
// tens of thousands of sections, and per-hit objects and hashing were most of a query's time.
export function matchQuery(engine: Engine, query: ParsedQuery): RankedSection[] {
  if (query.clauses.length === 0) return [];
  const n = engine.corpus.sections.length;
  let acc: Tracked | null = null;
  for (const clause of query.clauses) {
    const c = emptyMatches(n);
    for (const term of clause) {
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
      const prev: Tracked = acc;
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
  const sections = engine.corpus.sections;
  const out: RankedSection[] = [];
  for (const o of acc!.ords) {
    const section = sections[o];
    if (query.excluded.some((x) => containsText(section, x))) continue;
    out.push({ section, ordinal: o, score: acc!.score[o], literal: acc!.literal[o] === 1 });
  }
  return out;
}

/** Sections matching one term: literal occurrences (via the bigram index) plus word matches. */
function matchTerm(engine: Engine, term: QueryTerm): Matches {
  const n = engine.corpus.sections.length;
  const m = emptyMatches(n);
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
  return searchWords(engine.postings, tokens, bound ? Uint32Array.from(bound) : undefined);
}

/** Sections whose normalised text contains the string: bigram-index candidates, or every section when it has no Han character. */
function literalOrdinals(engine: Engine, text: string): number[] {
  return ordinalsContaining(engine, [text]) ?? engine.corpus.sections.flatMap((s, i) => (containsText(s, text) ? [i] : []));
}

/**
 * Ordinals of the sections containing every string, from the bigram index's candidates confirmed on
 * the text; null when the strings have no Han character to probe with.
 */
function ordinalsContaining(engine: Engine, texts: string[]): number[] | null {
  const found = candidates(engine.grams, [...new Set(texts.flatMap((t) => probeGrams(t)))]);
  if (found === null) return null;
  const sections = engine.corpus.sections;
  const out: number[] = [];
  for (const i of found) if (texts.every((t) => containsText(sections[i], t))) out.push(i);
  return out;
}
