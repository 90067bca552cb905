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

/**
 * Glossary entries whose term is what the user typed (or one of the 、-joined terms of an entry).
 * Example: `一河六圈三带` → `[{ term: '一河六圈三带', definition: '一河:指深圳河…', docId: '000_…', sectionId: 'glossary-1' }]`.
 */
export function findDefinitions(corpus: Corpus, query: ParsedQuery): DefinitionCard[] {
  const typed = new Set(query.clauses.flatMap((c) => c.filter((t) => !t.expanded).map((t) => t.text)));
  if (typed.size === 0) return [];
  const cards: DefinitionCard[] = [];
  for (const doc of corpus.documents) {
    for (const entry of doc.glossary) {
      const term = normalize(entry.term);
      if (!typed.has(term) && !term.split(/[、,，]/u).some((part) => typed.has(part))) continue;
      cards.push({ term: entry.term, definition: entry.definition, docId: doc.id, docTitle: doc.meta.title, district: doc.meta.district, sectionId: `glossary-${entry.n}` });
    }
  }
  return cards;
}
