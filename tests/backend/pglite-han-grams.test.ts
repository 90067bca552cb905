import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { HAN_GRAMS } from '../../src/index/postgres/pg-schema.ts';
import { seedIndex } from '../helpers.ts';

/** Every Han character and adjacent Han pair of a text, from its runs of Han characters (as the bigram index counts them). */
function nodeGrams(text: string): string[] {
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

describe('zc_han_grams (PGlite)', () => {
  it('gives the lexemes of the Node bigram index (every Han character and adjacent pair) on every seed section and on edge cases', async () => {
    const db = await PGlite.create();
    await db.exec(HAN_GRAMS);
    const texts = [
      ...seedIndex().corpus.sections.map((s) => s.folded),
      '', 'abc 123', '城', '城a市', '城市更新ab区', '𠀀𠀁x𠀂', '〇一二', '（一）城市更新：规划引领。', "it's 城'市",
    ];
    const { rows } = await db.query<{ t: string; grams: string }>('SELECT t, zc_han_grams(t)::text AS grams FROM unnest($1::text[]) AS t', [texts]);
    expect(rows).toHaveLength(texts.length);
    for (const r of rows) {
      expect(lexemes(r.grams), r.t.slice(0, 40)).toEqual(nodeGrams(r.t));
    }
    await db.close();
  }, 120_000);
});
