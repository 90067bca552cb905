import type { Config } from '../config.ts';
import type { BuiltIndex } from '../index/build-index.ts';
import { loadGeneration } from '../index/postgres/load-generation.ts';
import { migrate } from '../index/postgres/pg-schema.ts';
import { pgClient } from '../index/postgres/sql-client.ts';
import { postgresBackend } from '../search/postgres/postgres-backend.ts';
import type { SearchBackend } from '../search/search-backend.ts';

/**
 * Loads a built index into PostgreSQL as a new generation (readers switch at the commit).
 * Example: the seeds → `loaded 260 sections into PostgreSQL as generation 3 in 4.2 s`.
 */
export async function loadIntoPostgres(config: Config, built: BuiltIndex, seedsHash: string, log: (line: string) => void = console.log): Promise<void> {
  const started = Date.now();
  // Loading a large corpus takes minutes (mostly the GIN index): no statement timeout here.
  const client = pgClient(config.databaseUrl!, { statementTimeoutMs: 0, max: 1 });
  try {
    const generation = await loadGeneration(client, built.corpus, seedsHash, new Date());
    log(`loaded ${built.corpus.sections.length} sections into PostgreSQL as generation ${generation} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await client.close();
  }
}

/** The configured search backend for the server: PostgreSQL (schema migrated on start) when SEARCH_BACKEND=postgres, else none (the embedded engine). */
export async function configuredBackend(config: Config): Promise<SearchBackend | undefined> {
  if (config.searchBackend !== 'postgres') return undefined;
  const client = pgClient(config.databaseUrl!);
  try {
    await migrate(client);
  } catch (error) {
    await client.close();
    throw new Error(`cannot use the PostgreSQL search backend at DATABASE_URL: ${(error as Error).message}`);
  }
  return postgresBackend(client);
}
