import { cpSync, readFileSync, rmSync } from 'node:fs';
import { afterAll } from 'vitest';
import { updateIndex } from '../../src/cli/update-index.ts';
import { readConfig } from '../../src/config.ts';
import { type Engine, search } from '../../src/search/search.ts';
import { tempDir } from '../hardening/tmp.ts';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of the seeds and an empty index folder; small segments so that even five pages make several. */
export function workspace(segmentSections = 60) {
  const seeds = tempDir('seeds');
  const index = tempDir('index');
  made.push(seeds, index);
  cpSync('seeds', seeds, { recursive: true });
  const config = readConfig({ SEEDS_DIR: seeds, INDEX_DIR: index });
  const lines: string[] = [];
  const run = (options: { merge?: boolean; full?: boolean; parallel?: boolean; workers?: number } = {}) => updateIndex(config, (l) => lines.push(l), { segmentSections, ...options });
  return { seeds, index, config, run, lines };
}

/** A page of our own (tests/fixtures/updates), in no seed: 无人机配送 finds only it. */
export const NEW_PAGE = readFileSync('tests/fixtures/updates/low-altitude.txt', 'utf8');
export const CHANGED = '003_8f52a2821bb8e2be';

const QUERIES = ['城市更新', '发展', '"一河六圈三带"', 'PM2.5', '棚改 -罗湖', '无人机配送', '养老'];

/** What a user sees of an answer: the sections in order with scores, the literal band, the facets. */
export function answers(engine: Engine) {
  return QUERIES.map((q) => {
    const r = search(engine, { q });
    return { q, hits: r.hits.map((h) => [h.section.key, h.score, h.literal]), literalCount: r.literalCount, facets: r.facets };
  });
}
