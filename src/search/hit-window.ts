import type { Engine } from './create-engine.ts';
import type { DocumentGroup, GroupedPage } from './group-results.ts';
import { firstInOrder, hitCompare } from './hit-order.ts';
import type { MatchSet } from './match-set.ts';
import type { RankedSection, SearchParams } from './search.ts';

/**
 * The kept matches of a search, ordered lazily: a window of the first pages comes from a heap,
 * anything reaching further sorts them all once, and a RankedSection is made only for the hits
 * handed out. Example: 20,000 matches, page 3 of 20 → a heap of 60 positions, 20 objects.
 */
export function hitWindow(engine: Engine, m: MatchSet, kept: Uint32Array, sort: SearchParams['sort']) {
  const compare = hitCompare(m, engine.order, sort);
  const sections = engine.corpus.sections;
  const toHit = (i: number): RankedSection => {
    const ordinal = m.ordinals[i];
    const hit: RankedSection = { section: sections[ordinal], ordinal, score: m.scores[i], literal: m.literal[i] === 1 };
    if (m.matched) hit.matched = m.matched[i];
    return hit;
  };
  let sorted: Uint32Array | null = null;
  let all: RankedSection[] | null = null;
  const window = (start: number, end: number): RankedSection[] => {
    end = Math.min(end, kept.length);
    if (start >= end) return [];
    if (start === 0 && end === kept.length) return (all ??= [...(sorted ??= firstInOrder(kept, compare, kept.length))].map(toHit));
    const first = sorted ?? firstInOrder(kept, compare, end);
    if (first.length === kept.length) sorted = first;
    return [...first.subarray(start, end)].map(toHit);
  };

  /**
   * What groupByDocument makes of the ordered hits, from one pass over the positions: documents
   * ordered by their best hit, and the hits of the page's documents only.
   */
  const groups = (page: number, pageSize: number, perDocument: number, open: readonly string[]): GroupedPage => {
    const doc = engine.facets.doc;
    const best = new Int32Array(engine.facets.documentCount).fill(-1);
    for (const p of kept) {
      const d = doc[m.ordinals[p]];
      if (best[d] < 0 || compare(p, best[d]) < 0) best[d] = p;
    }
    const leaders = Uint32Array.from(best.filter((p) => p >= 0));
    const shown = firstInOrder(leaders, compare, page * pageSize).subarray((page - 1) * pageSize);
    const slot = new Int32Array(best.length).fill(-1);
    shown.forEach((p, i) => (slot[doc[m.ordinals[p]]] = i));
    const members: number[][] = Array.from(shown, () => []);
    for (const p of kept) {
      const i = slot[doc[m.ordinals[p]]];
      if (i >= 0) members[i].push(p);
    }
    const out: DocumentGroup[] = members.map((list) => {
      const docId = sections[m.ordinals[list[0]]].docId;
      const keep = open.includes(docId) ? list.length : perDocument;
      const hits = firstInOrder(Uint32Array.from(list), compare, keep);
      return { docId, sections: [...hits].map(toHit), total: list.length, open: hits.length === list.length };
    });
    return { groups: out, pages: Math.max(1, Math.ceil(leaders.length / pageSize)) };
  };
  return { window, groups };
}

/** Every section as a match of score 0: browsing by filter. Example: 3 sections → ordinals [0, 1, 2]. */
export function everySection(n: number): MatchSet {
  return { ordinals: Uint32Array.from({ length: n }, (_, i) => i), scores: new Float64Array(n), literal: new Uint8Array(n), matched: null };
}
