import type { Config } from '../config.ts';
import type { Corpus } from '../index/corpus.ts';
import { districtShard, loadGeneration, loadShards } from '../index/postgres/load-generation.ts';
import { migrate } from '../index/postgres/pg-schema.ts';
import { pgClient, replicatedClient } from '../index/postgres/sql-client.ts';
import { postgresBackend } from '../search/postgres/postgres-backend.ts';
import { shardedBackend } from '../search/postgres/sharded-backend.ts';
import type { SearchBackend } from '../search/search-backend.ts';

/**
 * Loads an index's live corpus into PostgreSQL as a new generation (readers switch at the commit); with
 * DATABASE_SHARD_URLS, split by district over the shards, each switching in its own transaction.
 * Example: the seeds → `loaded 260 sections into PostgreSQL as generation 3 in 4.2 s`.
 */
export async function loadIntoPostgres(config: Config, built: { corpus: Pick<Corpus, 'documents' | 'sections'> }, seedsHash: string, log: (line: string) => void = console.log): Promise<void> {
  const started = Date.now();
  // Loading a large corpus can take minutes (tokenizing, COPY, the GIN index): no statement timeout here.
  const urls = config.databaseShardUrls.length > 0 ? config.databaseShardUrls : [config.databaseUrl!];
  const clients = urls.map((url) => pgClient(url, { statementTimeoutMs: 0, max: 1 }));
  try {
    const generations = clients.length > 1
      ? await loadShards(clients, built.corpus, districtShard(clients.length), seedsHash, new Date())
      : [await loadGeneration(clients[0], built.corpus, seedsHash, new Date())];
    log(`loaded ${built.corpus.sections.length} sections into PostgreSQL (${clients.length > 1 ? `${clients.length} shards by district` : 'one database'}) as generation ${generations.join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}

/**
 * The configured search backend for the server, none (the embedded engine) unless SEARCH_BACKEND=postgres:
 * DATABASE_SHARD_URLS → shards merged in Node; else DATABASE_URL, its reads spread over DATABASE_REPLICA_URLS.
 * The schema is migrated on start (on the primary or each shard).
 */
export async function configuredBackend(config: Config): Promise<SearchBackend | undefined> {
  if (config.searchBackend !== 'postgres') return undefined;
  const writers = config.databaseShardUrls.length > 0 ? config.databaseShardUrls.map((url) => pgClient(url)) : [pgClient(config.databaseUrl!)];
  const replicas = config.databaseShardUrls.length > 0 ? [] : config.databaseReplicaUrls.map((url) => pgClient(url));
  try {
    for (const client of writers) await migrate(client);
  } catch (error) {
    await Promise.all([...writers, ...replicas].map((c) => c.close()));
    const where = config.databaseShardUrls.length > 0 ? 'DATABASE_SHARD_URLS' : 'DATABASE_URL';
    throw new Error(`cannot use the PostgreSQL search backend at ${where}: ${(error as Error).message}`);
  }
  return writers.length > 1 ? shardedBackend(writers) : postgresBackend(replicatedClient(writers[0], replicas));
}
