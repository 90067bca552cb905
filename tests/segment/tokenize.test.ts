import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldWidth, normalize, normalizeQuery } from '../../src/segment/normalize.ts';
import { toSimplified } from '../../src/segment/to-simplified.ts';
import { tokenize } from '../../src/segment/tokenize.ts';

describe('tokenize: text → normalised → tokens (src/segment/tokenize.ts)', () => {
  it.each([
    ['推进城市更新', '推进城市更新', ['推进', '城市', '更新', '城市更新']],
    ['棚戶區改造PM2.5', '棚户区改造pm2.5', ['棚户', '改造', '棚户区', '棚户区改造', 'pm2.5']],
    ['羅湖區城市更新局', '罗湖区城市更新局', ['罗湖', '湖区', '罗湖区', '城市', '更新', '城市更新局']],
    ['沿著河道建設綠道', '沿着河道建设绿道', ['沿着', '河道', '建设', '绿道']],
    ['显著提高', '显着提高', ['显着', '提高']],
    ['罗办发〔2017〕1号', '罗办发〔2017〕1号', ['罗', '办发', '2017', '1', '号']],
    ['ＧＤＰ增长７％', 'gdp增长7%', ['gdp', '增长', '7']],
    ['东门文化广场', '东门文化广场', ['东门', '文化', '广场']],
    ['2017年政府工作报告', '2017年政府工作报告', ['2017', '年', '政府', '工作', '报告']],
    ['一河六圈三带', '一河六圈三带', ['六圈', '一河六圈三带']],
  ])('%s → %s → %j', (input, normalised, tokens) => {
    expect(normalize(input)).toBe(normalised);
    expect(tokenize(input)).toEqual(tokens);
  });
});

describe('normalizeQuery: a query gets the cleaning pages get', () => {
  it.each([
    ['羅湖區(qū)', '罗湖区'],
    ['沿著', '沿着'],
    ['看著', '看着'],
    ['(2012年3月5日)(GDP)', '(2012年3月5日)(gdp)'],
    ['經(jīng)濟(jì)', '经济'],
  ])('%s → %s', (input, expected) => expect(normalizeQuery(input)).toBe(expected));
});

describe('script conversion and folding', () => {
  it('OpenCC hk → cn keeps simplified text (显著, 土著, 著称, 文件 stay)', () => {
    for (const w of ['显著', '土著', '著称', '著作', '著名', '文件']) expect(toSimplified(w)).toBe(w);
  });
  it('the display text keeps 著 while matching folds it: 显著 shows as 显著, matches as 显着', () => {
    expect(toSimplified('顯著')).toBe('显著');
    expect(normalize('顯著')).toBe(normalize('显着'));
  });
  it('foldWidth keeps one character in, one out (offsets survive), 著 included', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'著着ＡＢ１２（）　a显沿看土中文') }), (s) => foldWidth(s).length === s.length),
      { numRuns: 300 },
    );
  });
});
