import { probeGrams } from '../../index/gram-index.ts';
import { USUAL_TF } from '../../index/postgres/section-rows.ts';
import { FIELD_BOOST, SEARCH_FIELDS } from '../../index/schema.ts';
import type { ParsedQuery, QueryTerm } from '../parse-query.ts';
import { minimalTokens } from '../minimal-tokens.ts';
import { contentWords } from '../stop-words.ts';

/** Collects statement parameters; `add` returns the placeholder. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    return `$${this.values.push(value)}`;
  }
}

/** Per word: how many sections hold it, per field of SEARCH_FIELDS (zc_terms). */
export type TermStats = Map<string, number[]>;

/** BM25 context: MiniSearch's parameters and the corpus statistics. */
export interface Bm25 {
  sections: number;
  /** Mean field length per field of SEARCH_FIELDS. */
  avg: number[];
  df: TermStats;
  params: Params;
}

/** SQL for one clause (or relaxed unit): whether a row matches, its score, its literal flag, and the index probe. */
export interface ClauseSql {
  match: string;
  score: string;
  literal: string;
  /** tsquery text over grams and words; null when a term has no Han character to probe with. */
  access: string | null;
}

const K = 1.2;
const B = 0.7;
const D = 0.5;
/** The searched fields in MiniSearch's summing order, with their boosts. */
const FIELDS = SEARCH_FIELDS.map((name, i) => ({ i, boost: FIELD_BOOST[name as keyof typeof FIELD_BOOST] }));

/** A lexeme quoted for tsquery input. Example: `城市` → `'城市'`. */
function lexeme(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * One word's score as MiniSearch computes it, operation for operation (same doubles): per field
 * `idf * (d + tf * (k + 1) / (tf + k * (1 - b + b * len / avg)))` times the field boost, added in
 * SEARCH_FIELDS order. The idf is computed in Node with Math.log, as MiniSearch does.
 */
function wordScore(word: string, bm: Bm25): string {
  const df = bm.df.get(word) ?? [];
  const parts = FIELDS.filter((f) => (df[f.i] ?? 0) > 0).map((f) => {
    const idf = Math.log(1 + (bm.sections - df[f.i] + 0.5) / (df[f.i] + 0.5));
    // Only called where the section has the word (the term's words match), so a word absent from tf has USUAL_TF.
    const tf = `coalesce((s.tf -> ${bm.params.add(word)} ->> ${f.i})::float8, ${USUAL_TF[f.i]})`;
    const raw = `${bm.params.add(idf)}::float8 * (${D}::float8 + ${tf} * (${K}::float8 + 1) / (${tf} + ${K}::float8 * (1 - ${B}::float8 + ${B}::float8 * s.lens[${f.i + 1}] / ${bm.params.add(bm.avg[f.i])}::float8)))`;
    return `(CASE WHEN ${tf} > 0 THEN ${f.boost}::float8 * (${raw}) ELSE 0::float8 END)`;
  });
  return parts.length === 0 ? '0::float8' : parts.reduce((a, b) => `(${a} + ${b})`);
}

/** The word part of a term: all its content words in the section (and, like the embedded bound, in its text). */
function termWords(term: QueryTerm, bm: Bm25): { match: string; score: string; words: string[] } | null {
  const words = contentWords(minimalTokens(term.text));
  if (words.length === 0 || words.some((w) => !w)) return null;
  const all = `s.words @@ ${bm.params.add(words.map(lexeme).join(' & '))}::tsquery`;
  // The embedded engine bounds word matches by the bigram index when any word has a Han character.
  const bound = words.some((w) => probeGrams(w).length > 0) ? words.map((w) => ` AND strpos(s.folded, ${bm.params.add(w)}) > 0`).join('') : '';
  const score = `(${words.map((w) => wordScore(w, bm)).reduce((a, b) => `(${a} + ${b})`)}) * ${words.length}::float8`;
  return { match: `(${all}${bound})`, score, words };
}

/**
 * A clause's SQL: terms ORed; a term matches literally (strpos on the normalised text) or, unless
 * quoted, by its words; score is the best term's word score; literal if a typed term occurs as written.
 * Example: `[[城市更新]]` → match `strpos(s.folded, '城市更新') > 0 OR (words …)`, access `('城市' & '市更' & '更新') | ('城市' & '更新')`.
 */
export function clauseSql(clause: QueryTerm[], bm: Bm25): ClauseSql {
  const matches: string[] = [];
  const scores: string[] = [];
  const literals: string[] = [];
  const accesses: (string | null)[] = [];
  for (const term of clause) {
    const lit = `strpos(s.folded, ${bm.params.add(term.text)}) > 0`;
    const words = termWords(term, bm);
    matches.push(words && !term.phrase ? `(${lit} OR ${words.match})` : `(${lit})`);
    if (words) scores.push(`(CASE WHEN ${words.match}${term.phrase ? ` AND ${lit}` : ''} THEN ${words.score} ELSE 0::float8 END)`);
    literals.push(term.expanded ? 'false' : lit);
    const grams = probeGrams(term.text);
    const alternatives = [grams.length > 0 ? grams.map(lexeme).join(' & ') : null, words && !term.phrase ? words.words.map(lexeme).join(' & ') : null];
    accesses.push(grams.length === 0 ? null : alternatives.filter(Boolean).map((a) => `(${a})`).join(' | '));
  }
  return {
    match: `(${matches.join(' OR ')})`,
    score: scores.length === 0 ? '0::float8' : `GREATEST(0::float8, ${scores.join(', ')})`,
    literal: `(${literals.join(' OR ')})`,
    access: accesses.some((a) => a === null) ? null : accesses.map((a) => `(${a})`).join(' | '),
  };
}

/** Rows containing none of the excluded strings. Example: `-罗湖` → `NOT strpos(s.folded, '罗湖') > 0`. */
export function excludedSql(query: ParsedQuery, params: Params): string {
  return query.excluded.map((x) => ` AND NOT strpos(s.folded, ${params.add(x)}) > 0`).join('');
}

/** The access condition for the GIN index, or '' when some clause has nothing to probe with. */
export function accessSql(accesses: (string | null)[], params: Params, combine: ' & ' | ' | '): string {
  const usable = combine === ' | ' && accesses.some((a) => a === null) ? [] : accesses.filter((a): a is string => a !== null);
  return usable.length === 0 ? '' : ` AND s.access @@ ${params.add(usable.map((a) => `(${a})`).join(combine))}::tsquery`;
}
