import MiniSearch from 'minisearch';
import type { PolicyDocument } from '../domain.ts';
import { normalize } from '../segment/normalize.ts';
import { tokenizeNormalized } from '../segment/tokenize.ts';
import { type GramIndex, buildGramIndex } from './gram-index.ts';
import { type Corpus, type SectionRecord, documentDate, gramText } from './corpus.ts';
import { documentFieldText } from './document-fields.ts';
import { type IndexEntry, MINISEARCH_OPTIONS, WORD_SEPARATOR } from './schema.ts';

export interface BuiltIndex {
  corpus: Corpus;
  index: MiniSearch<IndexEntry>;
  /** Literal recall beside MiniSearch; ordinals are positions in `corpus.sections`. */
  grams: GramIndex;
}

/**
 * Builds the section-level index of ingested documents. Each text is normalised and tokenized once;
 * the words feed MiniSearch and the completion vocabulary. `onSection` is called after each section
 * (for progress).
 * Example: one document with sections s0, s1 → a MiniSearch with entries `000#s0`, `000#s1`.
 */
export function buildIndex(documents: PolicyDocument[], onSection?: () => void): BuiltIndex {
  const sections = sectionRecords(documents);
  const index = new MiniSearch<IndexEntry>(MINISEARCH_OPTIONS);
  const counts = new Map<string, number>();
  const count = (w: string, n = 1) => counts.set(w, (counts.get(w) ?? 0) + n);
  for (const r of sections) {
    const words = tokenizeNormalized(r.folded);
    for (const w of words) if ([...w].length >= 2 && !/^\d+$/.test(w)) count(w);
    const heading = r.heading ? normalize(r.heading) : '';
    if (heading) count(heading, 3);
    for (const d of [...r.lead, ...r.assist]) count(d, 2);
    const fields = r.fields ? tokenizeNormalized(r.fields).join(WORD_SEPARATOR) : '';
    index.add({ id: r.key, heading: tokenizeNormalized(heading).join(WORD_SEPARATOR), body: words.join(WORD_SEPARATOR), fields });
    onSection?.();
  }
  for (const d of documents) count(normalize(d.meta.title), 3);
  // Completions: words of two characters or more, headings, departments and titles, most frequent first.
  const collator = new Intl.Collator('zh-CN');
  const vocabulary = [...counts].sort((a, b) => b[1] - a[1] || collator.compare(a[0], b[0]));
  return { corpus: { documents, sections, vocabulary }, index, grams: buildGramIndex(sections.map(gramText)) };
}

/** What search keeps of each section. Example: one document with sections s0, s1 → records `000#s0`, `000#s1`. */
export function sectionRecords(documents: PolicyDocument[], folded?: (string | null)[]): SectionRecord[] {
  let i = 0;
  // A stored index passes the folded texts it kept (null: same as the text), sparing OpenCC at load.
  return documents.flatMap((doc) => {
    // Header fields ride on the document's first section: one match per document, no extra entry.
    const fields = normalize(documentFieldText(doc.meta)) || null;
    return doc.sections.map((s, k) => toRecord(doc, s, folded ? (folded[i++] ?? s.text) : normalize(s.text), k === 0 ? fields : null));
  });
}

function toRecord(doc: PolicyDocument, s: PolicyDocument['sections'][number], folded: string, fields: string | null): SectionRecord {
  const date = documentDate(doc.meta);
  return {
    key: `${doc.id}#${s.id}`,
    docId: doc.id,
    sectionId: s.id,
    heading: s.heading,
    number: s.number,
    path: s.path,
    text: s.text,
    folded,
    fields,
    lead: s.departments.lead,
    assist: s.departments.assist,
    district: doc.meta.district,
    year: date ? date.slice(0, 4) : null,
    type: doc.meta.type,
    validity: doc.meta.validity,
    deadline: s.deadline,
    date,
  };
}
