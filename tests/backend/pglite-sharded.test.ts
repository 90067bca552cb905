import { describe, expect } from 'vitest';
import type { BuiltIndex } from '../../src/index/build-index.ts';
import { seedIndex } from '../helpers.ts';
import { generatedIndex, pgliteShards } from './backends.ts';
import { contractSuite } from './contract.ts';

/** Shards must hold more than one district's sections each time, or merging is not exercised. */
async function shards(built: BuiltIndex) {
  const { backend, sizes } = await pgliteShards(built);
  expect(sizes.filter((n) => n > 0).length, `sections per shard: ${sizes.join(', ')}`).toBeGreaterThanOrEqual(2);
  return backend;
}

describe('three PostgreSQL shards by district (PGlite), merged in Node, on the seeds', () => {
  contractSuite(seedIndex(), () => shards(seedIndex()));
});

const generated = generatedIndex(800);
describe('three PostgreSQL shards by district (PGlite), merged in Node, on a generated corpus', () => {
  contractSuite(generated, () => shards(generated));
});
