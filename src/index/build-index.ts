import MiniSearch from 'minisearch';
import type { PolicyDocument } from '../domain.ts';
import { normalize } from '../segment/normalize.ts';
import { tokenize } from '../segment/tokenize.ts';
import { type Corpus, type SectionRecord, documentDate } from './corpus.ts';
import { type IndexEntry, MINISEARCH_OPTIONS } from './schema.ts';

export interface BuiltIndex {
  corpus: Corpus;
  index: MiniSearch<IndexEntry>;
}

/**
 * Builds the section-level index of ingested documents.
 * Example: one document with sections s0, s1 → a MiniSearch with entries `000#s0`, `000#s1`.
 */
export function buildIndex(documents: PolicyDocument[]): BuiltIndex {
  const sections = sectionRecords(documents);
  const index = new MiniSearch<IndexEntry>(MINISEARCH_OPTIONS);
  index.addAll(
    sections.map((r) => ({
      id: r.key,
      heading: r.heading,
      body: r.text,
      grams: r.text,
    })),
  );
  return { corpus: { documents, sections, vocabulary: vocabulary(documents, sections) }, index };
}

/** What search keeps of each section. Example: one document with sections s0, s1 → records `000#s0`, `000#s1`. */
export function sectionRecords(documents: PolicyDocument[]): SectionRecord[] {
  return documents.flatMap((doc) => doc.sections.map((s) => toRecord(doc, s)));
}

function toRecord(doc: PolicyDocument, s: PolicyDocument['sections'][number]): SectionRecord {
  const date = documentDate(doc.meta);
  return {
    key: `${doc.id}#${s.id}`,
    docId: doc.id,
    sectionId: s.id,
    heading: s.heading,
    number: s.number,
    path: s.path,
    text: s.text,
    folded: normalize(s.text),
    lead: s.departments.lead,
    assist: s.departments.assist,
    district: doc.meta.district,
    year: date ? date.slice(0, 4) : null,
    type: doc.meta.type,
    date,
  };
}

/** Words (two characters or more) and headings, counted, for completions. */
function vocabulary(documents: PolicyDocument[], sections: SectionRecord[]): [string, number][] {
  const counts = new Map<string, number>();
  const add = (w: string, n = 1) => counts.set(w, (counts.get(w) ?? 0) + n);
  for (const s of sections) {
    for (const t of tokenize(s.text)) if ([...t].length >= 2 && !/^\d+$/.test(t)) add(t);
    if (s.heading) add(normalize(s.heading), 3);
    for (const d of [...s.lead, ...s.assist]) add(d, 2);
  }
  for (const d of documents) add(normalize(d.meta.title), 3);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
