import { describe, expect, it } from 'vitest';
import { containsText } from '../../src/index/corpus.ts';
import { matchQuery } from '../../src/search/match-query.ts';
import { parseQuery } from '../../src/search/parse-query.ts';
import { sectionsHoldingWord } from '../../src/search/word-holders.ts';
import { seedEngine } from '../helpers.ts';

const engine = seedEngine();
const sections = engine.corpus.sections;
const HAN3 = /^\p{Script=Han}{3,8}$/u;
/** Words of three or more characters (confirmed on the text, not by bigrams alone), and strings spanning two words. */
const words = engine.corpus.vocabulary.map(([w]) => w).filter((w) => HAN3.test(w)).slice(0, 400);
const spans = engine.corpus.vocabulary.map(([w]) => w).filter((w) => /^\p{Script=Han}{2}$/u.test(w)).slice(0, 60).flatMap((w, i, all) => (i > 0 ? [all[i - 1] + w] : []));

function literalOrdinals(q: string): number[] {
  const m = matchQuery(engine, parseQuery(q));
  return [...m.ordinals].filter((_, i) => m.literal[i] === 1);
}

describe('the literal band of a word query', () => {
  it('equals a brute-force scan of every section for 3–8 character words and two-word strings (seed index)', () => {
    expect(words.length, 'the seed vocabulary should hold 3+ character words').toBeGreaterThan(50);
    for (const q of [...words, ...spans]) {
      const text = parseQuery(q).clauses[0][0].text;
      const scan = sections.flatMap((s, i) => (containsText(s, text) ? [i] : []));
      expect(literalOrdinals(q), `literal band of ${q}; see ordinalsContaining in src/search/match-query.ts`).toEqual(scan);
    }
  });

  it('every section holding a word in its body or header fields contains the word (what lets confirmation skip them)', () => {
    for (const w of words) for (const o of sectionsHoldingWord(engine.postings, w)) expect(containsText(sections[o], w), `${w} in ${sections[o].key}`).toBe(true);
  });
});
