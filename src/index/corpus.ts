import type { DocumentMeta, PolicyDocument } from '../domain.ts';
import { StoredSection } from './section-store.ts';

/** What search needs of a section, precomputed at build time. */
export interface SectionRecord {
  key: string;
  docId: string;
  sectionId: string;
  heading: string;
  number: string | null;
  path: string[];
  text: string;
  /** The text width/case-folded and simplified: literal matching runs on this. */
  folded: string;
  /**
   * The document's searchable header fields (title, 文号, issuers, 索引号), normalised, on the
   * document's first section only, so a title query finds the document once; null elsewhere.
   */
  fields: string | null;
  lead: string[];
  assist: string[];
  district: string | null;
  year: string | null;
  type: string | null;
  /** The document's 有效性 (有效, 失效…), a facet. */
  validity: string | null;
  /** The item's stated deadline (2017年12月底前). */
  deadline: string | null;
  date: string | null;
}

/**
 * Everything the server and search read, besides the MiniSearch index itself. In a loaded index the
 * sections are StoredSection views of the segment's section store (strings made when read) and the
 * documents StoredDocuments (sections read from disk when a page needs them).
 */
export interface Corpus {
  documents: PolicyDocument[];
  sections: SectionRecord[];
  /** Completion vocabulary: words and headings with their frequencies, most frequent first. */
  vocabulary: [string, number][];
}

/**
 * Does the section's text (or, on a document's first section, its header fields) contain the
 * normalised string? The one containment test of literal matching.
 * Example: a first section of `罗办发〔2017〕1号` → `containsText(r, '罗办发〔2017〕1号')` → true.
 */
export function containsText(record: SectionRecord, text: string): boolean {
  // A loaded section is searched in its store's buffer, without making its text a string.
  if (record instanceof StoredSection) return record.store.contains(record.ordinal, text);
  return record.folded.includes(text) || (record.fields !== null && record.fields.includes(text));
}

/** What the bigram index holds for a section: its text, and its document's fields where it carries them. */
export function gramText(record: SectionRecord): string {
  return record.fields === null ? record.folded : `${record.folded}\n${record.fields}`;
}

/** The date a document is filed under: written date, else publish date. */
export function documentDate(meta: DocumentMeta): string | null {
  return meta.publishDate ?? meta.writtenDate;
}
