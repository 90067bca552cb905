import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/build-index.ts';
import { ingestDocument } from '../../src/ingest/ingest-document.ts';
import { createEngine, search } from '../../src/search/search.ts';

/** Simplified word → the same word in traditional script, each used in a sentence of both pages. */
const PAIRS: [string, string][] = [
  ['沿着', '沿著'], ['看着', '看著'], ['显著', '顯著'], ['著称', '著稱'], ['干净', '乾淨'], ['干燥', '乾燥'],
  ['以后', '以後'], ['后来', '後來'], ['这里', '這裡'], ['里面', '裡面'], ['对于', '對於'], ['关于', '關於'],
  ['规范', '規範'], ['范围', '範圍'], ['制造', '製造'], ['面包', '麵包'], ['面条', '麵條'], ['了解', '瞭解'],
  ['头发', '頭髮'], ['钟表', '鐘錶'], ['台风', '颱風'], ['尽管', '儘管'], ['谷物', '穀物'], ['周末', '週末'],
  ['征求', '徵求'], ['余额', '餘額'], ['冲突', '衝突'], ['并购', '併購'], ['汇报', '彙報'], ['布局', '佈局'],
  ['复杂', '複雜'], ['采取', '採取'], ['准确', '準確'], ['联系', '聯繫'], ['向往', '嚮往'], ['划分', '劃分'],
];

// Two small pages saying the same things, one typed in simplified and one in traditional script.
const page = (file: string, words: string[]) =>
  ingestDocument({ file, bytes: new TextEncoder().encode(`测试页面\n${words.map((w, i) => `${i + 1}.条目${w}完毕。`).join('\n')}\n`) });
const engine = createEngine(buildIndex([page('simplified.txt', PAIRS.map(([s]) => s)), page('traditional.txt', PAIRS.map(([, t]) => t))]));
const keys = (q: string) => search(engine, { q }).hits.map((h) => h.section.key).sort();

describe(`traditional and simplified forms find the same sections (${PAIRS.length} pairs)`, () => {
  it.each(PAIRS)('%s ≡ %s', (simplified, traditional) => {
    const found = keys(simplified);
    expect(found, `${simplified} should be found on both pages; see src/segment/data/match-fold.json`).toHaveLength(2);
    expect(keys(traditional)).toEqual(found);
    expect(keys(`"${traditional}"`)).toEqual(found);
  });

  it('the page typed in traditional script still shows its own 著 (沿著 stays in the text)', () => {
    const doc = engine.docs.get('traditional')!;
    expect(doc.sections.find((s) => s.text.includes('沿著'))).toBeDefined();
  });

  it('土著, 著名 and 著作 are not turned into 着 in the displayed text', () => {
    const d = page('x.txt', ['土著', '著名', '著作']);
    expect(d.body.join('')).toContain('土著');
    expect(d.body.join('')).toContain('著名');
  });
});
