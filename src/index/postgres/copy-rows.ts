import { FACETS } from '../../search/facet-registry.ts';
import { facetColumn } from './pg-schema.ts';
import type { SectionRow } from './section-rows.ts';

/** zc_sections' columns in the order copyLines writes them. */
export const SECTION_COLUMNS = ['doc_id', 'k', 'key', 'date', ...FACETS.map(facetColumn), 'folded', 'words', 'tf', 'lens', 'record'];

/** A value as one field of COPY's text format: backslash, tab, newline and return escaped; null as \N. Example: `a\tb` → `a\\tb`. */
function field(value: string | null): string {
  return value === null ? '\\N' : value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
}

/** A text[] literal, every element quoted. Example: `['罗湖区', 'a"b']` → `{"罗湖区","a\"b"}`. */
function textArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/**
 * A tsvector literal of the words, each quoted (so no character of a word is read as syntax) and
 * without positions, as array_to_tsvector made them. Example: `['城市', "it's"]` → `'城市' 'it''s'`.
 */
function tsvector(words: string[]): string {
  return words.map((w) => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' ');
}

/**
 * zc_sections rows as lines of COPY's text format, in SECTION_COLUMNS order; PostgreSQL parses
 * the words as a tsvector literal, never the text.
 * Example: the row of 罗湖 2017's section 0 → `luohu-2017\t0\tluohu-2017#s0\t2017-03-01\t{"罗湖区"}…\n`.
 */
export function* copyLines(rows: SectionRow[]): Generator<string> {
  // A few hundred rows a chunk: few stream writes, no string of the whole corpus.
  const CHUNK = 200;
  for (let i = 0; i < rows.length; i += CHUNK) {
    let chunk = '';
    for (const r of rows.slice(i, i + CHUNK)) {
      const fields = [
        field(r.doc_id as string),
        String(r.k),
        field(r.key as string),
        field((r.date as string | null) ?? null),
        ...FACETS.map((f) => field(textArray(r[facetColumn(f)] as string[]))),
        field(r.folded as string),
        field(tsvector(r.words as string[])),
        field(JSON.stringify(r.tf)),
        `{${(r.lens as number[]).join(',')}}`,
        field(JSON.stringify(r.record)),
      ];
      chunk += fields.join('\t') + '\n';
    }
    yield chunk;
  }
}
