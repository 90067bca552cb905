import type { Options } from 'minisearch';
import { grams, tokenize } from '../segment/tokenize.ts';

/** Bump when the stored shape or the tokenizer changes: older indexes are then refused and rebuilt. */
export const SCHEMA_VERSION = 1;

/** One MiniSearch entry per section. */
export interface IndexEntry {
  /** `${docId}#${sectionId}` */
  id: string;
  /** The section's own numbered heading: matches here weigh more. */
  heading: string;
  body: string;
  grams: string;
}

/** Heading matches weigh more than body matches; the recall field only decides membership. */
export const FIELD_BOOST = { heading: 3, body: 1 } as const;

/**
 * The MiniSearch options, the one place they live: build and load both use them (loadJSON needs
 * the options the index was built with). Terms arrive already normalised by the tokenizer.
 */
export const MINISEARCH_OPTIONS: Options<IndexEntry> = {
  idField: 'id',
  fields: ['heading', 'body', 'grams'],
  storeFields: [],
  tokenize: (text: string, field?: string) => (field === 'grams' ? grams(text) : tokenize(text)),
  processTerm: (term: string) => term,
  searchOptions: { tokenize: (text: string) => [text], processTerm: (term: string) => term },
};
