import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { generateCorpus } from '../../bench/corpus.ts';
import { type BuiltIndex, buildIndex } from '../../src/index/build-index.ts';
import { districtShard, loadGeneration, loadShards } from '../../src/index/postgres/load-generation.ts';
import { type Query, type SqlClient, pgliteClient } from '../../src/index/postgres/sql-client.ts';
import { readSeeds } from '../../src/pipeline/read-seeds.ts';
import { postgresBackend } from '../../src/search/postgres/postgres-backend.ts';
import { shardedBackend } from '../../src/search/postgres/sharded-backend.ts';
import type { SearchBackend } from '../../src/search/search-backend.ts';

/** A small generated corpus (bench/corpus.ts) ingested from raw pages in a temp folder. */
export function generatedIndex(sections: number): BuiltIndex {
  const dir = mkdtempSync(join(tmpdir(), 'zc-corpus-'));
  try {
    for (const page of generateCorpus(sections).pages) writeFileSync(join(dir, page.file), page.bytes);
    return buildIndex(readSeeds(dir).documents);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh in-process PostgreSQL (PGlite, WASM) with the corpus loaded as one generation. */
export async function pgliteBackend(built: BuiltIndex): Promise<{ backend: SearchBackend; client: SqlClient }> {
  const client = pgliteClient(await PGlite.create());
  await loadGeneration(client, built.corpus, 'test', new Date('2026-01-01T00:00:00Z'));
  return { backend: postgresBackend(client), client };
}

/** The client, also recording the plan of each search statement (EXPLAIN run before it, same parameters). */
export function explainingClient(client: SqlClient, plans: string[]): SqlClient {
  const explaining = (q: Query): Query => async <T>(text: string, params?: unknown[]) => {
    if (text.trimStart().startsWith('WITH m')) plans.push((await q<Record<string, string>>(`EXPLAIN ${text}`, params)).map((r) => Object.values(r)[0]).join('\n'));
    return q<T>(text, params);
  };
  return { ...client, read: (work) => client.read((q) => work(explaining(q))) };
}

/** The corpus split by district over three fresh PGlite databases, searched through the sharded backend. */
export async function pgliteShards(built: BuiltIndex, count = 3): Promise<{ backend: SearchBackend; sizes: number[] }> {
  const clients = await Promise.all(Array.from({ length: count }, async () => pgliteClient(await PGlite.create())));
  const shardOf = districtShard(count);
  await loadShards(clients, built.corpus, shardOf, 'test', new Date('2026-01-01T00:00:00Z'));
  const sizes = clients.map((_, i) => built.corpus.sections.filter((s) => shardOf(s) === i).length);
  return { backend: shardedBackend(clients), sizes };
}
