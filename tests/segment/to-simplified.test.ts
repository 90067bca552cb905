import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { toSimplified } from '../../src/segment/to-simplified.ts';

// The reference: OpenCC's converter called on every text, as toSimplified did before it learnt to
// skip texts that cannot change.
const reference = OpenCC.Converter({ from: 'hk', to: 'cn' }) as (text: string) => string;

const lines = (dir: string) => readdirSync(dir).flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'));

// Simplified, traditional and shared characters, phrase parts whose replacement depends on the
// neighbours (乾隆 keeps 乾, 乾淨 → 干净), variant round trips (台 → 臺 → 台), a compatibility
// ideograph (U+F900) and an astral character.
const POOL = [...'平台臺灣湾乾隆淨净干著着显顯沿里裡后後发髮發面麵户戶温溫税稅一二城市更新罗羅区區', '\uf900', '𠀀', 'a', '1', ' ', '，'];

describe('toSimplified', () => {
  it('gives what OpenCC gives for every line of the seeds and the fixture pages', () => {
    for (const line of [...lines('seeds'), ...lines('tests/fixtures/pages')]) expect(toSimplified(line), line).toBe(reference(line));
  });

  it('gives what OpenCC gives for random mixes of characters that do and do not convert', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...POOL), { maxLength: 12 }), (chars) => {
        const text = chars.join('');
        expect(toSimplified(text)).toBe(reference(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('returns simplified text untouched and converts traditional text (triples)', () => {
    expect(toSimplified('推进城市更新')).toBe('推进城市更新');
    expect(toSimplified('羅湖區城市更新局')).toBe('罗湖区城市更新局');
    expect(toSimplified('平台')).toBe('平台');
    expect(toSimplified('乾隆年間乾淨')).toBe('乾隆年间干净');
  });
});
