import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/web/app.ts';
import { readSeeds } from '../src/pipeline/read-seeds.ts';
import { type BuiltIndex, buildIndex } from '../src/index/build-index.ts';
import { createEngine, type Engine } from '../src/search/search.ts';
import type { LoadedIndex } from '../src/index/index-store.ts';
import { SCHEMA_VERSION } from '../src/index/schema.ts';

let cached: (LoadedIndex & BuiltIndex) | undefined;

/** The seeds ingested and indexed in memory (MiniSearch included, the reference), once per test file. */
export function seedIndex(): LoadedIndex & BuiltIndex {
  if (!cached) {
    const { documents } = readSeeds('seeds');
    const built = buildIndex(documents);
    cached = {
      ...built,
      manifest: { schemaVersion: SCHEMA_VERSION, generation: 1, builtAt: '2026-01-01T00:00:00.000Z', segments: [], files: {}, counts: { documents: documents.length, sections: built.corpus.sections.length }, skipped: [] },
    };
  }
  return cached;
}

export function seedEngine(): Engine {
  const loaded = seedIndex();
  return createEngine(loaded);
}

/** The app on the seed index, listening on an ephemeral 127.0.0.1 port. */
export async function startSeedServer(): Promise<{ base: string; port: number; server: Server }> {
  const app = createApp(seedIndex());
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  return { base: `http://127.0.0.1:${port}`, port, server };
}

/**
 * A stored corpus's records and documents read from their store as plain objects (what JSON
 * shows), so a loaded corpus compares with a built one field by field.
 * Example: `plain(loadIndex(dir).corpus.sections[0])` → `{ key: '000_…#s0', docId: '000_…', … }`.
 */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
