import { normalizeQuery } from '../segment/normalize.ts';

/** One alternative of a query clause: a word as typed, or a quoted phrase. */
export interface QueryTerm {
  /** Normalised text (simplified, folded). */
  text: string;
  /** Quoted: only literal occurrences match. */
  phrase: boolean;
  /** Added by abbreviation expansion, not typed: its matches rank after the typed words'. */
  expanded?: boolean;
}

export interface ParsedQuery {
  /** Clauses are ANDed; the terms inside a clause are ORed. */
  clauses: QueryTerm[][];
  /** Normalised strings a section must not contain. */
  excluded: string[];
}

const TOKEN = /(-?)(?:"([^"]*)"|(\S+))/gu;

/**
 * Parses a query; never throws. Words are ANDed, `"…"` is a phrase, `-词` excludes, `A OR B` is either.
 * Example: `"城市更新" 棚戶區 OR 旧改 -罗湖` → clauses `[[城市更新 (phrase)], [棚户区, 旧改]]`, excluded `[罗湖]`.
 */
export function parseQuery(input: string): ParsedQuery {
  // Curly quotes act as phrase quotes only in pairs: a lone “ is part of the text searched for.
  const text = input.replace(/[“＂]([^“”＂"]*)[”＂]/gu, '"$1"').replace(/\s+/gu, ' ');
  const clauses: QueryTerm[][] = [];
  const excluded: string[] = [];
  let pendingOr = false;
  for (const m of text.matchAll(TOKEN)) {
    const [, minus, quoted, bare] = m;
    if (bare === 'OR' && !minus && clauses.length > 0) {
      pendingOr = true;
      continue;
    }
    const value = normalizeQuery(quoted ?? bare ?? '').trim();
    if (!value) continue;
    if (minus && value) {
      excluded.push(value);
      pendingOr = false;
      continue;
    }
    const term: QueryTerm = { text: value, phrase: quoted !== undefined };
    if (pendingOr) clauses[clauses.length - 1].push(term);
    else clauses.push([term]);
    pendingOr = false;
  }
  return { clauses, excluded };
}
