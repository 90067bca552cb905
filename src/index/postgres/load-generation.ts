import { randomUUID } from 'node:crypto';
import type { PolicyDocument } from '../../domain.ts';
import type { SectionRecord } from '../corpus.ts';
import { SECTION_COLUMNS, copyLines } from './copy-rows.ts';
import { ACCESS_INDEX, migrate } from './pg-schema.ts';
import { type CorpusStats, documentRows, sectionRows } from './section-rows.ts';
import type { SqlClient } from './sql-client.ts';

/** One shard's part of a corpus: the whole corpus's rows and statistics, and which sections this shard keeps. */
export interface ShardPart {
  stats: CorpusStats;
  keep: (s: SectionRecord) => boolean;
  /** The sharded load's id, stored in every shard's zc_state. */
  loadId: string;
  /** Called when this shard's rows are written, awaited before its commit: resolves once every shard has, rejects when one failed. */
  loaded: () => Promise<void>;
}

/**
 * Loads a corpus split across databases by district (`shardOf` picks a section's database); every
 * shard gets the global BM25 statistics and global ordinals. All shards load at once, each in its
 * own transaction, and none commits before all have loaded (one failing rolls all back); the
 * commits then follow each other within milliseconds, and a reader that still catches shards with
 * different load ids retries (shardedBackend), so no answer mixes two loads.
 * Example: three databases, shardOf by district hash → 罗湖区 on one, 福田区 on another …; returns each one's generation.
 */
export async function loadShards(clients: SqlClient[], corpus: { documents: PolicyDocument[]; sections: SectionRecord[] }, shardOf: (s: SectionRecord) => number, seedsHash: string, now: Date): Promise<number[]> {
  const stats = sectionRows(corpus.sections);
  const loadId = randomUUID();
  let written = 0;
  let release!: () => void;
  let abort!: (error: unknown) => void;
  const all = new Promise<void>((resolve, reject) => ((release = resolve), (abort = reject)));
  all.catch(() => {}); // handled by each waiting shard
  const loaded = () => {
    if (++written === clients.length) release();
    return all;
  };
  const loads = clients.map((client, i) =>
    loadGeneration(client, corpus, seedsHash, now, { stats, keep: (s) => shardOf(s) === i, loadId, loaded }).catch((error) => {
      abort(error);
      throw error;
    }),
  );
  const results = await Promise.allSettled(loads);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<number>).value);
}

/** Rows per INSERT of the small tables: one JSON parameter each, well under PostgreSQL's 1 GB value limit. */
const BATCH = 5000;

/**
 * Writes a corpus as a new generation and switches readers to it, all in one transaction: readers
 * keep the previous corpus until the commit and never see a half-loaded one. Incremental by
 * document hash: only the rows of new or changed documents are written (their words, GIN entries),
 * rows of removed or changed documents are deleted, unchanged documents' rows are left as they are;
 * the small tables (documents with their ordinals, term statistics, glossaries) are written whole.
 * Example: the seeds (5 documents, 260 sections) → generation 1; the same seeds again → generation 2, no section row written.
 */
export async function loadGeneration(client: SqlClient, corpus: { documents: PolicyDocument[]; sections: SectionRecord[] }, seedsHash: string, now: Date, shard?: ShardPart): Promise<number> {
  await migrate(client);
  const whole = shard?.stats ?? sectionRows(corpus.sections);
  const stats = shard ? { ...whole, rows: whole.rows.filter((_, ord) => shard.keep(corpus.sections[ord])) } : whole;
  const documents = documentRows(stats.rows);
  return client.write(async (q, copy) => {
    // Two loads at once would both take generation n + 1.
    await q('SELECT pg_advisory_xact_lock(160017)');
    const previous = (await q<{ generation: number }>('SELECT generation FROM zc_state'))[0]?.generation ?? 0;
    const generation = previous + 1;
    const stored = new Map((await q<{ doc_id: string; hash: string }>('SELECT doc_id, hash FROM zc_documents WHERE generation = $1', [previous])).map((r) => [r.doc_id, r.hash]));
    const current = new Map(documents.map((d) => [d.doc_id, d.hash]));
    const gone = [...stored.keys()].filter((id) => current.get(id) !== stored.get(id));
    // Removed and changed documents lose their rows; sections of a document never stored before are new.
    await q('DELETE FROM zc_sections WHERE doc_id = ANY($1::text[])', [gone]);
    const fresh = stats.rows.filter((r) => current.get(r.doc_id as string) !== stored.get(r.doc_id as string));
    // With no generation readable yet no search touches the sections: the GIN index is built once
    // after the rows are in (far faster than growing it row by row), still in this transaction.
    // Later loads add their rows to the live index, so searches go on reading the previous generation.
    const rebuild = previous === 0 && fresh.length > 0;
    if (rebuild) await q('DROP INDEX zc_sections_access');
    await copy('zc_sections', SECTION_COLUMNS, copyLines(fresh));
    if (rebuild) {
      await q("SET LOCAL maintenance_work_mem = '256MB'");
      await q(ACCESS_INDEX);
    }
    for (let i = 0; i < documents.length; i += BATCH) {
      await q(`INSERT INTO zc_documents (generation, doc_id, doc_ord, first_ord, hash) SELECT $1, d.doc_id, d.doc_ord, d.first_ord, d.hash
        FROM jsonb_to_recordset($2::jsonb) AS d(doc_id text, doc_ord integer, first_ord integer, hash text)`, [generation, JSON.stringify(documents.slice(i, i + BATCH))]);
    }
    const terms = [...stats.df].map(([term, df]) => ({ term, df }));
    for (let i = 0; i < terms.length; i += BATCH) {
      await q(`INSERT INTO zc_terms (generation, term, df) SELECT $1, t.term, t.df FROM jsonb_to_recordset($2::jsonb) AS t(term text, df integer[])`, [generation, JSON.stringify(terms.slice(i, i + BATCH))]);
    }
    const glossaries = corpus.documents.filter((d) => d.glossary.length > 0 && current.has(d.id));
    for (const d of glossaries) await q('INSERT INTO zc_glossary_documents (generation, id, doc) VALUES ($1, $2, $3::jsonb)', [generation, d.id, JSON.stringify(d)]);
    await q('DELETE FROM zc_state');
    // A shard stores the whole corpus's statistics, so its BM25 scores are the single node's.
    await q('INSERT INTO zc_state (generation, sections, avg, seeds_hash, built_at, load_id) VALUES ($1, $2, $3::float8[], $4, $5, $6)', [generation, whole.rows.length, stats.avg, seedsHash, now.toISOString(), shard?.loadId ?? randomUUID()]);
    for (const table of ['zc_documents', 'zc_terms', 'zc_glossary_documents']) await q(`DELETE FROM ${table} WHERE generation <> $1`, [generation]);
    // Fresh statistics for the planner: the GIN probe's selectivity depends on them.
    for (const table of ['zc_sections', 'zc_documents', 'zc_terms']) await q(`ANALYZE ${table}`);
    await shard?.loaded();
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
