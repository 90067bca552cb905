import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { textGrams } from '../../src/index/gram-index.ts';
import { loadGeneration } from '../../src/index/postgres/load-generation.ts';
import { HAN_GRAMS, migrate } from '../../src/index/postgres/pg-schema.ts';
import { pgliteClient } from '../../src/index/postgres/sql-client.ts';
import { postgresBackend } from '../../src/search/postgres/postgres-backend.ts';
import { seedIndex } from '../helpers.ts';
import { CONTRACT_QUERIES, comparable } from './contract.ts';

/** Every Han character and adjacent Han pair of a text, from its runs of Han characters (as the bigram index counts them). */
function runGrams(text: string): string[] {
  const out = new Set<string>();
  for (const [run] of text.matchAll(/\p{Script=Han}+/gu)) {
    const chars = [...run];
    chars.forEach((c, i) => out.add(c).add(i > 0 ? chars[i - 1] + c : c));
  }
  return [...out].sort();
}

/** The lexemes of a tsvector's text form. Example: `'城' 'it''s'` → ['城', "it's"]. */
function lexemes(tsvector: string): string[] {
  return [...tsvector.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1].replace(/''/g, "'")).sort();
}

const texts = [
  ...seedIndex().corpus.sections.map((s) => s.folded),
  '', 'abc 123', '城', '城a市', '城市更新ab区', '𠀀𠀁x𠀂', '〇一二', '（一）城市更新：规划引领。', "it's 城'市",
];

describe('Han grams: the load (Node) and zc_han_grams (SQL, converting version-3 rows)', () => {
  it('textGrams gives every Han character and adjacent pair, each once', () => {
    for (const t of texts) expect([...textGrams(t)].sort(), t.slice(0, 40)).toEqual(runGrams(t));
    expect(textGrams('城市城市')).toEqual(['城', '市', '城市', '市城']);
  });

  it('zc_han_grams gives the lexemes of textGrams on every seed section and on edge cases', async () => {
    const db = await PGlite.create();
    await db.exec(HAN_GRAMS);
    const { rows } = await db.query<{ t: string; grams: string }>('SELECT t, zc_han_grams(t)::text AS grams FROM unnest($1::text[]) AS t', [texts]);
    expect(rows).toHaveLength(texts.length);
    for (const r of rows) {
      expect(lexemes(r.grams), r.t.slice(0, 40)).toEqual([...textGrams(r.t)].sort());
    }
    await db.close();
  }, 120_000);

  it('migrating a version-3 database converts its rows to the lexemes a load writes, and searches answer the same', async () => {
    const db = await PGlite.create();
    const client = pgliteClient(db);
    const seeds = seedIndex().corpus;
    await loadGeneration(client, seeds, 'test', new Date('2026-01-01T00:00:00Z'));
    const backend = postgresBackend(client);
    const answers = () => Promise.all(CONTRACT_QUERIES.map(async (params) => comparable(await backend.search(params))));
    const answered = await answers();
    const access = () => client.read((q) => q<{ doc_id: string; k: number; access: string }>('SELECT doc_id, k, access::text AS access FROM zc_sections ORDER BY doc_id, k'));
    const loaded = await access();
    // Back to version 3's shape: no access column, the expression index, the function.
    await db.exec(`DROP INDEX zc_sections_access; ALTER TABLE zc_sections DROP COLUMN access; ${HAN_GRAMS};
      CREATE INDEX zc_sections_access ON zc_sections USING gin ((zc_han_grams(folded) || strip(words)));
      DELETE FROM zc_schema_version WHERE version = 4`);
    expect(await migrate(client)).toBe(4);
    expect(await access()).toEqual(loaded);
    expect(loaded).toHaveLength(seeds.sections.length);
    expect(await answers()).toEqual(answered);
    expect(answered[0].keys.length).toBeGreaterThan(0);
    await db.close();
  }, 120_000);
});
