import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { districtShard, loadGeneration, loadShards } from '../../src/index/postgres/load-generation.ts';
import { pgliteClient } from '../../src/index/postgres/sql-client.ts';
import { shardedBackend } from '../../src/search/postgres/sharded-backend.ts';
import { SearchUnavailableError } from '../../src/search/search-backend.ts';
import { seedIndex } from '../helpers.ts';

const seeds = seedIndex().corpus;
const firstTwo = { documents: seeds.documents.slice(0, 2), sections: seeds.sections.filter((s) => seeds.documents.slice(0, 2).some((d) => d.id === s.docId)) };
const shardOf = districtShard(3);
const keys = async (backend: ReturnType<typeof shardedBackend>) => (await backend.search({ q: '城市更新' })).hits.map((h) => h.section.key);

describe('sharded loads (three PGlite shards)', () => {
  it('answers only from shards holding the same load, and every search during a load sees the old corpus or the new one', async () => {
    const clients = await Promise.all([0, 1, 2].map(async () => pgliteClient(await PGlite.create())));
    const backend = shardedBackend(clients);
    await loadShards(clients, firstTwo, shardOf, 'a', new Date());
    const before = await keys(backend);
    expect(before.length).toBeGreaterThan(0);
    // One shard loaded on its own, as the per-shard switch of earlier versions did: no answer mixes the two.
    await loadGeneration(clients[0], seeds, 'b', new Date());
    await expect(backend.search({ q: '城市更新' })).rejects.toThrow(SearchUnavailableError);
    await expect(backend.search({ q: '城市更新' })).rejects.toThrow(/different index loads/);
    await loadShards(clients, seeds, shardOf, 'c', new Date());
    const after = await keys(backend);
    expect(after.length).toBeGreaterThan(before.length);
    // Back and forth while searching: every answer is one of the two corpora's, whole.
    let loading = true;
    const seen: string[][] = [];
    const searching = (async () => {
      while (loading) seen.push(await keys(backend));
    })();
    await loadShards(clients, firstTwo, shardOf, 'd', new Date());
    loading = false;
    await searching;
    expect(seen.length).toBeGreaterThan(0);
    for (const answer of seen) expect([before, after]).toContainEqual(answer);
    expect(await keys(backend)).toEqual(before);
    await backend.close();
  }, 120_000);

  it('rolls every shard back when one shard fails to load', async () => {
    const clients = await Promise.all([0, 1, 2].map(async () => pgliteClient(await PGlite.create())));
    const backend = shardedBackend(clients);
    await loadShards(clients, firstTwo, shardOf, 'a', new Date());
    const before = await keys(backend);
    // PostgreSQL text cannot hold NUL: the shard holding the last section fails part-way.
    const broken = { documents: seeds.documents, sections: seeds.sections.map((s, i) => (i === seeds.sections.length - 1 ? { ...s, folded: s.folded + '\u0000' } : s)) };
    await expect(loadShards(clients, broken, shardOf, 'b', new Date())).rejects.toThrow();
    expect(await keys(backend)).toEqual(before);
    const generations = await Promise.all(clients.map((c) => c.read((q) => q<{ generation: number }>('SELECT generation FROM zc_state'))));
    expect(generations.map((g) => g[0].generation)).toEqual([1, 1, 1]);
    await backend.close();
  }, 120_000);
});
