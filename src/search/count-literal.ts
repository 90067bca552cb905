import type { RankedSection, SearchParams } from './search.ts';

/**
 * The literal band's size: in rank order the literal hits lead, so it is where they stop; sorted by
 * date they are spread out, so it is how many there are.
 * Example: literal, literal, word, literal by relevance → 2; by date → 3.
 */
export function countLiteral(hits: readonly RankedSection[], sort: SearchParams['sort']): number {
  if (sort && sort !== 'relevance') return hits.filter((h) => h.literal).length;
  let n = 0;
  while (n < hits.length && hits[n].literal) n++;
  return n;
}
