import type { Options } from 'minisearch';

/** Bump when the stored shape or the tokenizer changes: older indexes are then refused and rebuilt (6: segments; 7: section store, lazy documents). */
export const SCHEMA_VERSION = 7;

/** One MiniSearch entry per section. */
export interface IndexEntry {
  /** `${docId}#${sectionId}` */
  id: string;
  /** The section's own numbered heading, as tokens joined by WORD_SEPARATOR: matches here weigh more. */
  heading: string;
  /** The body's tokens joined by WORD_SEPARATOR (tokenized once at build, see build-index.ts). */
  body: string;
  /** On a document's first section: the tokens of its title, 文号, issuers and 索引号; else empty. */
  fields: string;
}

/** Header-field matches (an exact title) weigh most, then headings, then the body. */
export const FIELD_BOOST = { fields: 5, heading: 3, body: 1 } as const;

/** Joins pre-computed tokens in an entry field; never occurs in normalised text. */
export const WORD_SEPARATOR = '\u0001';

/**
 * Each UTF-16 unit of a term as two Latin-1 characters. MiniSearch's radix tree scans a node's
 * children linearly, and Chinese terms give the root thousands of children; with this the fan-out
 * is at most 256. Only MiniSearch sees encoded terms: highlighting works from the query text.
 * Example: `城` (U+57CE) → `\u0057\u00ce`.
 */
export function encodeTerm(term: string): string {
  let out = '';
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    out += String.fromCharCode(c >> 8, c & 0xff);
  }
  return out;
}

/** The fields a word query searches, in the order MiniSearch sums their scores (order changes the last bits). */
export const SEARCH_FIELDS = ['heading', 'body', 'fields'];

/**
 * The MiniSearch options, the one place they live: build and load both use them (loadJSON needs
 * the options the index was built with). Fields arrive already tokenized and normalised.
 */
export const MINISEARCH_OPTIONS: Options<IndexEntry> = {
  idField: 'id',
  fields: SEARCH_FIELDS,
  storeFields: [],
  tokenize: (text: string) => (text ? text.split(WORD_SEPARATOR) : []),
  processTerm: encodeTerm,
  searchOptions: { tokenize: (text: string) => [text], processTerm: encodeTerm },
};
