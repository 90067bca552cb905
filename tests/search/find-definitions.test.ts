import { describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../../src/domain.ts';
import { type DefinitionCard, definitionLookup } from '../../src/search/find-definitions.ts';
import { parseQuery } from '../../src/search/parse-query.ts';
import { normalize } from '../../src/segment/normalize.ts';
import { seedIndex } from '../helpers.ts';

const documents = seedIndex().corpus.documents;

/** The brute-force side: every entry of every document tested against the typed strings. */
function scanGlossaries(docs: readonly PolicyDocument[], q: string): DefinitionCard[] {
  const typed = new Set(parseQuery(q).clauses.flatMap((c) => c.filter((t) => !t.expanded).map((t) => t.text)));
  return docs.flatMap((doc) => doc.glossary.flatMap((entry) => {
    const term = normalize(entry.term);
    if (!typed.has(term) && !term.split(/[、,，]/u).some((part) => typed.has(part))) return [];
    return [{ term: entry.term, definition: entry.definition, docId: doc.id, docTitle: doc.meta.title, district: doc.meta.district, sectionId: `glossary-${entry.n}` }];
  }));
}

describe('glossary lookup', () => {
  const lookup = definitionLookup(documents);
  const terms = [...new Set(documents.flatMap((d) => d.glossary.flatMap((g) => [normalize(g.term), ...normalize(g.term).split(/[、,，]/u)])))].filter(Boolean);

  it('answers every glossary term and part exactly as scanning every document does (seed glossaries)', () => {
    expect(terms.length, 'the seed pages should carry glossaries; see tests/golden').toBeGreaterThan(10);
    for (const t of terms) expect(lookup(parseQuery(t)), `term ${t}`).toEqual(scanGlossaries(documents, t));
  });

  it('lists each entry once, in document order, when several typed strings name it', () => {
    for (let i = 0; i + 2 < terms.length; i += 3) {
      const q = `${terms[i + 2]} ${terms[i]} | ${terms[i + 1]} 发展`;
      expect(lookup(parseQuery(q)), q).toEqual(scanGlossaries(documents, q));
    }
  });

  it('finds nothing for a query that types no glossary term', () => {
    expect(lookup(parseQuery('发展'))).toEqual([]);
  });
});
