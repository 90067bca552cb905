import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { AssemblingMiniSearch } from '../../src/index/assembling-minisearch.ts';
import { type IndexEntry, MINISEARCH_OPTIONS, WORD_SEPARATOR } from '../../src/index/schema.ts';

// Words sharing prefixes (城, 城市, 城市更新) and a Latin run, so the radix tree splits and merges nodes.
const WORDS = ['城', '城市', '城市更新', '城区', '更新', '发展', '发展改革', '区', '罗湖', '罗湖区', 'pm2.5', 'pm', '𠀀字'];
const words = fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }).map((w) => w.join(WORD_SEPARATOR));
const entries = fc.array(fc.record({ heading: words, body: words, fields: words }), { minLength: 1, maxLength: 40 }).map((list) => list.map((e, i): IndexEntry => ({ id: `d#s${i}`, ...e })));

describe('AssemblingMiniSearch', () => {
  it('builds exactly the index plain adds build (same JSON), and searches and removes like it afterwards', () => {
    fc.assert(
      fc.property(entries, fc.constantFrom(...WORDS), (list, query) => {
        const plain = new MiniSearch<IndexEntry>(MINISEARCH_OPTIONS);
        for (const e of list) plain.add(e);
        const cached = new AssemblingMiniSearch(MINISEARCH_OPTIONS);
        cached.withTermCache(() => list.forEach((e) => cached.add(e)));
        expect(JSON.stringify(cached)).toBe(JSON.stringify(plain));
        expect(cached.search(query)).toEqual(plain.search(query));
        // The cache is gone: a removal that empties a term takes it out of the tree, as plainly.
        plain.remove(list[0]);
        cached.remove(list[0]);
        expect(JSON.stringify(cached)).toBe(JSON.stringify(plain));
      }),
      { numRuns: 300 },
    );
  });
});
