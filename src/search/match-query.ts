import { containsText } from '../index/corpus.ts';
import { candidates, probeGrams, probedExactly } from '../index/gram-index.ts';
import type { Engine } from './create-engine.ts';
import { type MatchSet, emptyMatchSet, filterMatches, intersectMatches, ownedMatches, unionMatches } from './match-set.ts';
import { minimalTokens } from './minimal-tokens.ts';
import type { ParsedQuery, QueryTerm } from './parse-query.ts';
import { contentWords } from './stop-words.ts';
import { type WordMatches, searchWords } from './word-executor.ts';
import { sectionsHoldingWord } from './word-holders.ts';

/**
 * Every section matching the query, ascending by ordinal: per clause the union of its terms (literal
 * occurrences and word matches), clauses intersected, excluded strings removed. Scores add over
 * clauses; a section is literal when every clause matched it literally.
 * Example: `城市更新 -罗湖` → the sections holding 城市更新 (literal) or 城市 and 更新, none containing 罗湖.
 */
export function matchQuery(engine: Engine, query: ParsedQuery): MatchSet {
  engine.scratch.reset();
  return ownedMatches(matchInScratch(engine, query));
}

/**
 * matchQuery's set in the engine's scratch memory: valid until the scratch is next reset (the
 * caller resets it before a query and copies out what it keeps).
 */
// Sorted typed arrays merged list against list: the cost follows the matches, not the corpus size,
// and there is no object per match (a common word matches tens of thousands of sections). Every
// working array comes from the scratch, so a query leaves no garbage in proportion to its matches.
export function matchInScratch(engine: Engine, query: ParsedQuery): MatchSet {
  if (query.clauses.length === 0) return emptyMatchSet();
  const alloc = engine.scratch;
  let acc: MatchSet | null = null;
  const containing = containingOnce(engine);
  for (const clause of query.clauses) {
    let c = matchTerm(engine, clause[0], containing);
    for (let t = 1; t < clause.length; t++) c = unionMatches(c, matchTerm(engine, clause[t], containing), false, alloc);
    acc = acc === null ? c : intersectMatches(acc, c, alloc);
  }
  const sections = engine.corpus.sections;
  return query.excluded.length === 0 ? acc! : filterMatches(acc!, (o) => !query.excluded.some((x) => containsText(sections[o], x)), alloc);
}

/** ordinalsContaining, asked once per set of strings within one query. */
type Containing = (texts: string[]) => Uint32Array | null;

/**
 * A query word that jieba keeps whole (发展) asks the bigram index for the same string twice — for
 * its literal occurrences and to bound its word matches — so each set of strings is looked up once.
 */
function containingOnce(engine: Engine): Containing {
  const found = new Map<string, Uint32Array | null>();
  return (texts) => {
    const key = [...new Set(texts)].sort().join('\u0000');
    if (!found.has(key)) found.set(key, ordinalsContaining(engine, texts));
    return found.get(key)!;
  };
}

/** Sections matching one term: literal occurrences (via the bigram index) plus word matches. */
function matchTerm(engine: Engine, term: QueryTerm, containing: Containing): MatchSet {
  const alloc = engine.scratch;
  const found = containing([term.text]) ?? everyContaining(engine, term.text);
  // An expanded name was not typed: its occurrences do not put a section in the literal band.
  const literal: MatchSet = { ordinals: found instanceof Uint32Array ? found : Uint32Array.from(found), scores: alloc.f64(found.length), literal: alloc.u8(found.length).fill(term.expanded ? 0 : 1), matched: null };
  const words = wordSearch(engine, contentWords(minimalTokens(term.text)), containing);
  // A phrase only matches literally; its words only rank it.
  return unionMatches(literal, { ordinals: words.ordinals, scores: words.scores, literal: alloc.u8(words.ordinals.length), matched: null }, term.phrase, alloc);
}

const NO_WORDS: WordMatches = { ordinals: new Uint32Array(0), scores: new Float64Array(0), tieGroup: new Uint8Array(0) };

/** AND of the tokens over the compiled postings, with MiniSearch's scores. */
function wordSearch(engine: Engine, tokens: string[], containing: Containing): WordMatches {
  if (tokens.length === 0) return NO_WORDS;
  // Every word match contains each token as written, so the bigram index bounds the candidates
  // and the executor intersects with them before scoring anything.
  const bound = containing(tokens);
  return searchWords(engine.postings, tokens, bound ?? undefined, engine.scratch);
}

/** Sections whose normalised text contains a string with no Han character to probe the bigram index with: a scan. */
function everyContaining(engine: Engine, text: string): number[] {
  return engine.corpus.sections.flatMap((s, i) => (containsText(s, text) ? [i] : []));
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
  // A common word's candidates are mostly sections that hold it as a word: those are known to
  // contain it, so only the others are read (string search over each text was most of the cost).
  const holders = texts.map((t) => sectionsHoldingWord(engine.postings, t, engine.scratch));
  const at = new Uint32Array(texts.length);
  const out = engine.scratch.u32(found.length);
  let n = 0;
  for (const i of found) {
    let all = true;
    for (let t = 0; t < texts.length && all; t++) {
      const held = holders[t];
      while (at[t] < held.length && held[at[t]] < i) at[t]++;
      all = (at[t] < held.length && held[at[t]] === i) || containsText(sections[i], texts[t]);
    }
    if (all) out[n++] = i;
  }
  return out.subarray(0, n);
}
