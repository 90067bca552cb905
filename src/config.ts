/** The only reader of process.env. */
export interface Config {
  seedsDir: string;
  indexDir: string;
  port: number;
  /** Interface to listen on; unset means every interface (HOST=127.0.0.1 keeps it local). */
  host: string | undefined;
  /** Which engine answers searches: the in-process one (default) or PostgreSQL. */
  searchBackend: 'embedded' | 'postgres';
  /** PostgreSQL connection string (SEARCH_BACKEND=postgres): the primary, where the index is written. */
  databaseUrl: string | null;
  /** Read replicas of DATABASE_URL (comma-separated URLs): searches are spread over them. */
  databaseReplicaUrls: string[];
  /** Shards by district (comma-separated URLs): loads split the corpus over them, searches merge their answers. */
  databaseShardUrls: string[];
}

/** Example: `{ SEEDS_DIR: 'data' }` → `{ seedsDir: 'data', indexDir: 'index', port: 3000, host: undefined, searchBackend: 'embedded', … }`. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT=${env.PORT} is not a port number; set PORT to an integer between 0 and 65535`);
  }
  const searchBackend = env.SEARCH_BACKEND || 'embedded';
  if (searchBackend !== 'embedded' && searchBackend !== 'postgres') {
    throw new Error(`SEARCH_BACKEND=${searchBackend} is not a backend; set it to embedded (the default) or postgres`);
  }
  const databaseUrl = env.DATABASE_URL || null;
  if (searchBackend === 'postgres' && !databaseUrl) {
    throw new Error('SEARCH_BACKEND=postgres needs DATABASE_URL, for example DATABASE_URL=postgres://user@localhost:5432/zhengce');
  }
  return {
    seedsDir: env.SEEDS_DIR ?? 'seeds', indexDir: env.INDEX_DIR ?? 'index', port, host: env.HOST || undefined,
    searchBackend, databaseUrl, databaseReplicaUrls: urlList(env.DATABASE_REPLICA_URLS), databaseShardUrls: urlList(env.DATABASE_SHARD_URLS),
  };
}

function urlList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((u) => u.trim()).filter(Boolean);
}
