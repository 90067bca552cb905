import type { PolicyDocument } from '../../domain.ts';
import type { SectionRecord } from '../corpus.ts';
import { FACETS } from '../../search/facet-registry.ts';
import { facetColumn, migrate } from './pg-schema.ts';
import { type CorpusStats, sectionRows } from './section-rows.ts';
import type { SqlClient } from './sql-client.ts';

/** One shard's part of a corpus: the whole corpus's rows and statistics, and which sections this shard keeps. */
export interface ShardPart {
  stats: CorpusStats;
  keep: (s: SectionRecord) => boolean;
}

/**
 * Loads a corpus split across databases by district (`shardOf` picks a section's database); every
 * shard gets the global BM25 statistics and global ordinals. Each shard switches in its own transaction.
 * Example: three databases, shardOf by district hash → 罗湖区 on one, 福田区 on another …; returns each one's generation.
 */
export async function loadShards(clients: SqlClient[], corpus: { documents: PolicyDocument[]; sections: SectionRecord[] }, shardOf: (s: SectionRecord) => number, seedsHash: string, now: Date): Promise<number[]> {
  const stats = sectionRows(corpus.sections);
  const generations: number[] = [];
  for (const [i, client] of clients.entries()) generations.push(await loadGeneration(client, corpus, seedsHash, now, { stats, keep: (s) => shardOf(s) === i }));
  return generations;
}

/** Rows per INSERT: one JSON parameter each, well under PostgreSQL's 1 GB value limit. */
const BATCH = 500;

/**
 * Writes a corpus as a new generation and switches readers to it, all in one transaction: readers
 * keep the previous generation until the commit and never see a half-loaded corpus; the old
 * generation's rows are deleted in the same transaction.
 * Example: the seeds (5 documents, 260 sections) → generation 1; loading again → generation 2.
 */
export async function loadGeneration(client: SqlClient, corpus: { documents: PolicyDocument[]; sections: SectionRecord[] }, seedsHash: string, now: Date, shard?: ShardPart): Promise<number> {
  await migrate(client);
  const whole = shard?.stats ?? sectionRows(corpus.sections);
  const stats = shard ? { ...whole, rows: whole.rows.filter((_, ord) => shard.keep(corpus.sections[ord])) } : whole;
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
    const held = new Set(stats.rows.map((r) => corpus.sections[r.ord as number].docId));
    const glossaries = corpus.documents.filter((d) => d.glossary.length > 0 && held.has(d.id));
    for (const d of glossaries) await q('INSERT INTO zc_glossary_documents (generation, id, doc) VALUES ($1, $2, $3::jsonb)', [generation, d.id, JSON.stringify(d)]);
    await q('DELETE FROM zc_state');
    // A shard stores the whole corpus's statistics, so its BM25 scores are the single node's.
    await q('INSERT INTO zc_state (generation, sections, avg, seeds_hash, built_at) VALUES ($1, $2, $3::float8[], $4, $5)', [generation, whole.rows.length, stats.avg, seedsHash, now.toISOString()]);
    for (const table of ['zc_sections', 'zc_terms', 'zc_glossary_documents']) await q(`DELETE FROM ${table} WHERE generation <> $1`, [generation]);
    // Fresh statistics for the planner: the GIN probe's selectivity depends on them.
    await q('ANALYZE zc_sections');
    await q('ANALYZE zc_terms');
    return generation;
  });
}

/**
 * The shard of a section by its district (a stable string hash), so a district's documents live
 * together; sections without a district go to shard 0. Example: `districtShard(3)({ district: '罗湖区' … })` → 0, 1 or 2, always the same.
 */
export function districtShard(shards: number): (s: SectionRecord) => number {
  return (s) => {
    let h = 0;
    for (const c of s.district ?? '') h = (h * 31 + c.codePointAt(0)!) >>> 0;
    return s.district === null ? 0 : h % shards;
  };
}
