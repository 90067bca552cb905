import type { DocumentMeta, PolicyDocument } from '../domain.ts';

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

/** Everything the server and search read, besides the MiniSearch index itself. */
export interface Corpus {
  documents: PolicyDocument[];
  sections: SectionRecord[];
  /** Completion vocabulary: words and headings with their frequencies, most frequent first. */
  vocabulary: [string, number][];
}

/** The date a document is filed under: written date, else publish date. */
export function documentDate(meta: DocumentMeta): string | null {
  return meta.publishDate ?? meta.writtenDate;
}
