import type { SectionRecord } from '../../index/corpus.ts';
import type { Query } from '../../index/postgres/sql-client.ts';

/** A hit's document (doc_ord, doc_id, hash of its rows) as the search statement lists them. */
export type HitDocument = [number, string, string];

/**
 * Section records kept in Node, keyed by the hash of their document's rows (zc_documents.hash: every
 * stored column but the ordinals) and the section's position k, so a cached record is exactly the
 * one the snapshot holds: a changed document has a new hash and its sections are fetched again.
 * Searches then send ordinals and scores over the wire, not every matching section's text (10 MB of
 * JSON for a common word at 40k sections). Least recently used documents are dropped past `maxSections`.
 * Example: `await cache.records(q, [[7, 'luohu-2017', '3f2a…']], [[7, 0], [7, 3]])` → `[section 0, section 3]` of 罗湖 2017, from SQL once, then from memory.
 */
export class SectionCache {
  private readonly byHash = new Map<string, Map<number, SectionRecord>>();
  private held = 0;
  constructor(private readonly maxSections = 200_000) {}

  /** The records of `wanted` sections (doc_ord, k) of the listed documents, in order. */
  async records(q: Query, docs: HitDocument[], wanted: [number, number][]): Promise<SectionRecord[]> {
    const byOrd = new Map(docs.map(([ord, id, hash]) => [ord, { id, hash, records: this.touch(hash) }]));
    const missing = wanted.filter(([doc, k]) => !byOrd.get(doc)!.records.has(k));
    if (missing.length > 0) {
      // The same snapshot as the search: these rows are the ones the hashes describe.
      const ids = missing.map(([doc]) => byOrd.get(doc)!.id);
      const rows = await q<{ doc_ord: number; k: number; record: SectionRecord }>(
        'SELECT w.doc_ord, s.k, s.record FROM unnest($1::text[], $2::integer[], $3::integer[]) AS w(doc_id, k, doc_ord) JOIN zc_sections s ON s.doc_id = w.doc_id AND s.k = w.k',
        [ids, missing.map(([, k]) => k), missing.map(([doc]) => doc)],
      );
      for (const r of rows) byOrd.get(r.doc_ord)!.records.set(r.k, r.record);
      this.held += rows.length;
    }
    const out = wanted.map(([doc, k]) => byOrd.get(doc)!.records.get(k)!);
    this.evict();
    return out;
  }

  /** A document's cached sections, moved to the most recently used end. */
  private touch(hash: string): Map<number, SectionRecord> {
    const records = this.byHash.get(hash) ?? new Map<number, SectionRecord>();
    this.byHash.delete(hash);
    this.byHash.set(hash, records);
    return records;
  }

  private evict(): void {
    for (const [hash, records] of this.byHash) {
      if (this.held <= this.maxSections) break;
      this.byHash.delete(hash);
      this.held -= records.size;
    }
  }
}
