import type { RankedSection } from './search.ts';

export interface DocumentGroup {
  docId: string;
  /** The sections shown: the best `perDocument`, or all of them for an open group. */
  sections: RankedSection[];
  /** All matching sections of the document. */
  total: number;
  /** Every matching section is shown. */
  open: boolean;
}

/** One page of document groups and how many pages there are. */
export interface GroupedPage {
  groups: DocumentGroup[];
  pages: number;
}

/**
 * Groups ranked sections by document in order of each document's best section, keeping up to
 * `perDocument` sections each (every section for the documents in `open`), and returns one page of groups.
 * Example: hits a#1, b#1, a#2 with perDocument 1 → groups [a (a#1; 2 in all), b (b#1)]; open [a] → a shows a#1, a#2.
 */
export function groupByDocument(hits: readonly RankedSection[], page: number, pageSize: number, perDocument = 3, open: readonly string[] = []): GroupedPage {
  const groups = new Map<string, DocumentGroup>();
  for (const hit of hits) {
    const docId = hit.section.docId;
    let g = groups.get(docId);
    if (!g) groups.set(docId, (g = { docId, sections: [], total: 0, open: open.includes(docId) }));
    g.total++;
    if (g.open || g.sections.length < perDocument) g.sections.push(hit);
  }
  const all = [...groups.values()];
  for (const g of all) g.open = g.sections.length === g.total;
  return { groups: all.slice((page - 1) * pageSize, page * pageSize), pages: Math.max(1, Math.ceil(all.length / pageSize)) };
}
