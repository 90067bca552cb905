import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { IndexUnusableError, SEARCH_FILE, readManifest } from './index-store.ts';
import { readJsonLines } from './read-json-lines.ts';
import { type IndexEntry, MINISEARCH_OPTIONS } from './schema.ts';

/**
 * The MiniSearch index of record of the current generation (search.jsonl), for tests and tools:
 * the server answers from postings.bin and never parses this file.
 * Example: `loadMiniSearch('index').search('城市')` → MiniSearch's own results, ids such as `000#s1`.
 */
export function loadMiniSearch(dir: string): MiniSearch<IndexEntry> {
  const manifest = readManifest(dir);
  if (!manifest) throw new IndexUnusableError(`no index in ${dir}/ (manifest.json missing); run \`npm run index\` to rebuild it`);
  const [header, ...entries] = readJsonLines(join(dir, manifest.generation, SEARCH_FILE)) as [Record<string, unknown>, ...unknown[]];
  // loadJS needs the options the index was built with: MINISEARCH_OPTIONS, the one place they live.
  return MiniSearch.loadJS<IndexEntry>({ ...header, index: entries } as Parameters<typeof MiniSearch.loadJS>[0], MINISEARCH_OPTIONS);
}
