import { createHash } from 'node:crypto';
import { FACETS, facetValues } from '../../search/facet-registry.ts';
import { normalize } from '../../segment/normalize.ts';
import { tokenizeNormalized } from '../../segment/tokenize.ts';
import { type SectionRecord, gramText } from '../corpus.ts';
import { SEARCH_FIELDS, WORD_SEPARATOR } from '../schema.ts';
import { facetColumn } from './pg-schema.ts';

/**
 * The commonest per-field counts of a word in a section (once in the body, nowhere else; three
 * quarters of all entries on the generated corpus): left out of a row's `tf`, so the column stays
 * small enough to be read without decompressing a large value. A word the section has (`words`)
 * and `tf` lacks has these counts.
 */
export const USUAL_TF = SEARCH_FIELDS.map((name) => (name === 'body' ? 1 : 0));

/** One zc_sections row before insertion (JSON for jsonb_to_recordset). */
export type SectionRow = Record<string, unknown>;

export interface CorpusStats {
  rows: SectionRow[];
  /** term → sections with it, per field of SEARCH_FIELDS */
  df: Map<string, number[]>;
  /** Mean field length per field of SEARCH_FIELDS. */
  avg: number[];
}

/** The terms of a field as MiniSearch's tokenize sees them: the joined tokens split again. */
function fieldTerms(tokens: string[]): string[] {
  const joined = tokens.join(WORD_SEPARATOR);
  return joined ? joined.split(WORD_SEPARATOR) : [];
}

/**
 * The rows and BM25 statistics of a corpus, computed exactly as MiniSearch computes them at build
 * (per field of SEARCH_FIELDS: length = distinct terms; the average kept as MiniSearch's running mean), so scores in SQL
 * equal the embedded engine's. Words come from the project's tokenizer; PostgreSQL never parses text.
 * Example: the section `1.突出城市更新规划引领` → words 突出 · 城市 · 更新 …, tf `{ 城市: [1, 1, 0] }` (heading, body, header fields; a word only once in the body is not listed: USUAL_TF).
 */
export function sectionRows(sections: SectionRecord[]): CorpusStats {
  const df = new Map<string, number[]>();
  const avg = SEARCH_FIELDS.map(() => 0);
  const docOrdinal = new Map<string, number>();
  const firstOrd = new Map<string, number>();
  const rows = sections.map((s, ord) => {
    const text: Record<string, string> = { heading: s.heading ? normalize(s.heading) : '', body: s.folded, fields: s.fields ?? '' };
    const fields = SEARCH_FIELDS.map((name) => fieldTerms(tokenizeNormalized(text[name])));
    const tf: Record<string, number[]> = {};
    const lengths = fields.map((terms, f) => {
      for (const t of terms) {
        if (!t) continue;
        const counts = (tf[t] ??= SEARCH_FIELDS.map(() => 0));
        if (counts[f]++ === 0) {
          const d = df.get(t) ?? SEARCH_FIELDS.map(() => 0);
          d[f]++;
          df.set(t, d);
        }
      }
      const length = new Set(terms).size;
      avg[f] = (avg[f] * ord + length) / (ord + 1);
      return length;
    });
    if (!firstOrd.has(s.docId)) firstOrd.set(s.docId, ord);
    let doc = docOrdinal.get(s.docId);
    if (doc === undefined) docOrdinal.set(s.docId, (doc = docOrdinal.size));
    const facets = Object.fromEntries(FACETS.map((f) => [facetColumn(f), facetValues(s, f)]));
    const unusual = Object.fromEntries(Object.entries(tf).filter(([, counts]) => counts.some((n, f) => n !== USUAL_TF[f])));
    return { ord, doc_ord: doc, doc_id: s.docId, k: ord - firstOrd.get(s.docId)!, key: s.key, date: s.date, ...facets, folded: gramText(s), words: Object.keys(tf), tf: unusual, lens: lengths, record: s };
  });
  return { rows, df, avg };
}

/** One zc_documents row: where a document's sections start in the global order, and the hash of its rows. */
export interface DocumentRow {
  doc_id: string;
  doc_ord: number;
  first_ord: number;
  hash: string;
}

/**
 * Per document of `rows` (in order): its ordinals and a hash of everything its section rows store
 * except the ordinals, so a document moved in the order by others' arrival keeps its hash, and any
 * change of its text, metadata or tokenization changes it.
 * Example: rows of 罗湖 2017 (sections 0–57) → `{ doc_id: 'luohu-2017', doc_ord: 0, first_ord: 0, hash: '3f2a…' }`.
 */
export function documentRows(rows: SectionRow[]): DocumentRow[] {
  const byDoc = new Map<string, { doc_ord: number; first_ord: number; hash: ReturnType<typeof createHash> }>();
  for (const { ord, doc_ord: docOrd, ...stored } of rows) {
    const id = stored.doc_id as string;
    let doc = byDoc.get(id);
    // From the global ordinal and the position in the document: right even where a shard holds only part of it.
    if (!doc) byDoc.set(id, (doc = { doc_ord: docOrd as number, first_ord: (ord as number) - (stored.k as number), hash: createHash('sha256') }));
    doc.hash.update(JSON.stringify(stored)).update('\n');
  }
  return [...byDoc].map(([id, d]) => ({ doc_id: id, doc_ord: d.doc_ord, first_ord: d.first_ord, hash: d.hash.digest('hex') }));
}
