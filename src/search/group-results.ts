import type { RankedSection } from './search.ts';

export interface DocumentGroup {
  docId: string;
  /** The best sections, at most `perDocument`. */
  sections: RankedSection[];
  /** All matching sections of the document. */
  total: number;
}

/**
 * Groups ranked sections by document in order of each document's best section, keeping up to
 * `perDocument` sections each, and returns one page of groups.
 * Example: hits a#1, b#1, a#2 → groups [a (a#1, a#2), b (b#1)].
 */
export function groupByDocument(hits: RankedSection[], page: number, pageSize: number, perDocument = 3): { groups: DocumentGroup[]; pages: number } {
  const groups = new Map<string, DocumentGroup>();
  for (const hit of hits) {
    const g = groups.get(hit.section.docId) ?? { docId: hit.section.docId, sections: [], total: 0 };
    g.total++;
    if (g.sections.length < perDocument) g.sections.push(hit);
    groups.set(hit.section.docId, g);
  }
  const all = [...groups.values()];
  return { groups: all.slice((page - 1) * pageSize, page * pageSize), pages: Math.max(1, Math.ceil(all.length / pageSize)) };
}
