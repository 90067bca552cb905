import type { PolicyDocument } from '../domain.ts';
import { normalize } from '../segment/normalize.ts';
import { type SectionRecord, documentDate } from './corpus.ts';
import { documentFieldText } from './document-fields.ts';

/** What search keeps of each section. Example: one document with sections s0, s1 → records `000#s0`, `000#s1`. */
export function sectionRecords(documents: PolicyDocument[], folded?: (string | null)[]): SectionRecord[] {
  let i = 0;
  // A caller holding the folded texts (null: same as the text) passes them, sparing OpenCC.
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
