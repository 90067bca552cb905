import type { PolicyDocument } from '../../domain.ts';
import type { SectionRecord } from '../corpus.ts';
import { FACETS } from '../../search/facet-registry.ts';
import { facetColumn, migrate } from './pg-schema.ts';
import { sectionRows } from './section-rows.ts';
import type { SqlClient } from './sql-client.ts';

/** Rows per INSERT: one JSON parameter each, well under PostgreSQL's 1 GB value limit. */
const BATCH = 500;

/**
 * Writes a corpus as a new generation and switches readers to it, all in one transaction: readers
 * keep the previous generation until the commit and never see a half-loaded corpus; the old
 * generation's rows are deleted in the same transaction.
 * Example: the seeds (5 documents, 260 sections) → generation 1; loading again → generation 2.
 */
export async function loadGeneration(client: SqlClient, corpus: { documents: PolicyDocument[]; sections: SectionRecord[] }, seedsHash: string, now: Date): Promise<number> {
  await migrate(client);
  const stats = sectionRows(corpus.sections);
  return client.write(async (q) => {
    // Two loads at once would both take generation n + 1.
    await q('SELECT pg_advisory_xact_lock(160017)');
    const previous = (await q<{ generation: number }>('SELECT generation FROM zc_state'))[0]?.generation ?? 0;
    const generation = previous + 1;
    const facetColumns = FACETS.map(facetColumn);
    for (let i = 0; i < stats.rows.length; i += BATCH) {
      await q(
        `INSERT INTO zc_sections (generation, ord, doc_ord, key, date, ${facetColumns.join(', ')}, folded, words, tf, lens, record)
         SELECT $1, r.ord, r.doc_ord, r.key, r.date, ${facetColumns.map((c) => `r.${c}`).join(', ')}, r.folded,
                array_to_tsvector(ARRAY(SELECT jsonb_array_elements_text(r.words))), r.tf, r.lens, r.record
         FROM jsonb_to_recordset($2::jsonb) AS r(ord integer, doc_ord integer, key text, date text, ${facetColumns.map((c) => `${c} text[]`).join(', ')},
              folded text, words jsonb, tf jsonb, lens integer[], record jsonb)`,
        [generation, JSON.stringify(stats.rows.slice(i, i + BATCH))],
      );
    }
    const terms = [...stats.df].map(([term, df]) => ({ term, df }));
    for (let i = 0; i < terms.length; i += BATCH * 10) {
      await q(`INSERT INTO zc_terms (generation, term, df) SELECT $1, t.term, t.df FROM jsonb_to_recordset($2::jsonb) AS t(term text, df integer[])`, [generation, JSON.stringify(terms.slice(i, i + BATCH * 10))]);
    }
    const glossaries = corpus.documents.filter((d) => d.glossary.length > 0);
    for (const d of glossaries) await q('INSERT INTO zc_glossary_documents (generation, id, doc) VALUES ($1, $2, $3::jsonb)', [generation, d.id, JSON.stringify(d)]);
    await q('DELETE FROM zc_state');
    await q('INSERT INTO zc_state (generation, sections, avg, seeds_hash, built_at) VALUES ($1, $2, $3::float8[], $4, $5)', [generation, stats.rows.length, stats.avg, seedsHash, now.toISOString()]);
    for (const table of ['zc_sections', 'zc_terms', 'zc_glossary_documents']) await q(`DELETE FROM ${table} WHERE generation <> $1`, [generation]);
    // Fresh statistics for the planner: the GIN probe's selectivity depends on them.
    await q('ANALYZE zc_sections');
    await q('ANALYZE zc_terms');
    return generation;
  });
}
