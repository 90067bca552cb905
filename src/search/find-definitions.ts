import type { PolicyDocument } from '../domain.ts';
import type { Corpus } from '../index/corpus.ts';
import { normalize } from '../segment/normalize.ts';
import type { ParsedQuery } from './parse-query.ts';

/** A glossary (名词解释) entry that defines what was searched for. */
export interface DefinitionCard {
  term: string;
  definition: string;
  docId: string;
  docTitle: string;
  district: string | null;
  /** The glossary entry's section id, for a deep link. */
  sectionId: string;
}

/** The glossary entries that define what a query typed, in document then entry order. */
export type DefinitionLookup = (query: ParsedQuery) => DefinitionCard[];

/**
 * Glossary entries whose term is what the user typed (or one of the 、-joined terms of an entry).
 * Example: `一河六圈三带` → `[{ term: '一河六圈三带', definition: '一河:指深圳河…', docId: '000_…', sectionId: 'glossary-1' }]`.
 */
export function findDefinitions(corpus: Corpus, query: ParsedQuery): DefinitionCard[] {
  return definitionLookup(corpus.documents)(query);
}

/**
 * Indexes every glossary entry once under its normalised term and each 、-joined part of it, so a
 * query looks up its typed strings instead of normalising every entry of every document again.
 * Example: an entry `棚户区改造、城市更新` → found by `棚户区改造`, `城市更新` and the whole term.
 */
export function definitionLookup(documents: readonly PolicyDocument[]): DefinitionLookup {
  const cards: DefinitionCard[] = [];
  const byKey = new Map<string, number[]>();
  for (const doc of documents) {
    for (const entry of doc.glossary) {
      const term = normalize(entry.term);
      const at = cards.push({ term: entry.term, definition: entry.definition, docId: doc.id, docTitle: doc.meta.title, district: doc.meta.district, sectionId: `glossary-${entry.n}` }) - 1;
      for (const key of new Set([term, ...term.split(/[、,，]/u)])) {
        const list = byKey.get(key);
        if (list) list.push(at);
        else byKey.set(key, [at]);
      }
    }
  }
  return (query) => {
    const typed = new Set(query.clauses.flatMap((c) => c.filter((t) => !t.expanded).map((t) => t.text)));
    // Several typed strings can name one entry: each entry once, in the order the documents list them.
    const found = [...new Set([...typed].flatMap((text) => byKey.get(text) ?? []))].sort((a, b) => a - b);
    // Fresh objects per answer, as before: callers may hold or change them.
    return found.map((i) => ({ ...cards[i] }));
  };
}
