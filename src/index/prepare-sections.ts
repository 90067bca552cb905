import type { PolicyDocument } from '../domain.ts';
import { normalize } from '../segment/normalize.ts';
import { tokenizeNormalized } from '../segment/tokenize.ts';
import { sectionRecords } from './section-records.ts';
import type { SectionRecord } from './corpus.ts';

/**
 * A section made ready for indexing: its record and its words, each computed once. Preparing is the
 * costly, per-section part of a build (normalising and jieba per section); assembling (MiniSearch,
 * grams, vocabulary) consumes prepared sections in order, on the same thread (a worker builds whole
 * segments, see src/pipeline/build-batch.ts).
 */
export interface PreparedSection {
  record: SectionRecord;
  /** Words of the section's own heading (normalised). */
  heading: string[];
  /** Words of the body (the record's folded text). */
  body: string[];
  /** Words of the document's header fields, on its first section only; else empty. */
  fields: string[];
}

/**
 * Example: one document with sections s0 (`一、城市更新`) and s1 → two prepared sections; the first
 * has heading words [`一`, `、`, `城市`, `更新`] … and the document's title words in `fields`.
 */
export function prepareSections(documents: PolicyDocument[]): PreparedSection[] {
  return sectionRecords(documents).map((record) => ({
    record,
    heading: record.heading ? tokenizeNormalized(normalize(record.heading)) : [],
    body: tokenizeNormalized(record.folded),
    fields: record.fields ? tokenizeNormalized(record.fields) : [],
  }));
}
