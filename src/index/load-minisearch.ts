import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { IndexUnusableError, SEARCH_FILE, readManifest } from './index-store.ts';
import { readJsonLines } from './read-json-lines.ts';
import { type IndexEntry, MINISEARCH_OPTIONS } from './schema.ts';

/**
 * The MiniSearch index of record of a one-segment generation (search.jsonl), for tests and tools:
 * the server answers from postings.bin and never parses this file.
 * Example: `loadMiniSearch('index').search('城市')` → MiniSearch's own results, ids such as `000#s1`.
 */
export function loadMiniSearch(dir: string): MiniSearch<IndexEntry> {
  const manifest = readManifest(dir);
  if (!manifest) throw new IndexUnusableError(`no index in ${dir}/ (manifest.json missing); run \`npm run index\` to rebuild it`);
  // MiniSearch instances do not merge: this reads an index of one segment without deletes.
  const [only, ...others] = manifest.segments;
  if (!only || others.length > 0 || only.deleted.length > 0) throw new IndexUnusableError(`the index in ${dir}/ has ${manifest.segments.length} segments (or deletes); loadMiniSearch reads one: run \`npm run index -- --full\` with a segment size above the corpus`);
  const [header, ...entries] = readJsonLines(join(dir, only.name, SEARCH_FILE)) as [Record<string, unknown>, ...unknown[]];
  // loadJS needs the options the index was built with: MINISEARCH_OPTIONS, the one place they live.
  return MiniSearch.loadJS<IndexEntry>({ ...header, index: entries } as Parameters<typeof MiniSearch.loadJS>[0], MINISEARCH_OPTIONS);
}
