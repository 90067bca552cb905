import type { CompiledPostings } from './compiled-postings.ts';
import { combinePostings } from './combine-postings.ts';
import type { Corpus } from './corpus.ts';
import type { GramIndex } from './gram-index.ts';
import type { SearchableIndex } from './index-store.ts';

/** One loaded segment (what readSegmentFiles returns) and the ids of its documents no longer served. */
export interface SegmentPart {
  segment: Pick<SearchableIndex, 'corpus' | 'grams'> & { postings: CompiledPostings };
  deleted: ReadonlySet<string>;
}

/**
 * The segments of a generation as one searchable index: ordinals dense (segments in order, deleted
 * documents' sections left out), word statistics those of the live sections (so scores equal a
 * MiniSearch built from scratch over them), bigram lists and postings concatenated as typed arrays —
 * nothing is re-parsed or re-tokenized, and a segment without deletes is copied, not filtered. A
 * single segment without deletes is served as it is.
 * Example: segments [A: 000, 001 (001 deleted)], [B: 001] → sections of A's 000, then B's 001.
 */
export function combineSegments(parts: readonly SegmentPart[]): SearchableIndex & { postings: CompiledPostings } {
  if (parts.length === 0) throw new Error('combineSegments needs at least one segment');
  const live = parts.map(({ segment, deleted }) => liveSections(segment.corpus, deleted));
  if (parts.length === 1 && live[0] === null) return parts[0].segment;
  const corpus: Corpus = {
    documents: parts.flatMap(({ segment, deleted }) => (deleted.size === 0 ? segment.corpus.documents : segment.corpus.documents.filter((d) => !deleted.has(d.id)))),
    sections: parts.flatMap(({ segment }, k) => (live[k] === null ? segment.corpus.sections : segment.corpus.sections.filter((_, o) => live[k]![o] === 1))),
    vocabulary: sumVocabularies(parts.map(({ segment }) => segment.corpus.vocabulary)),
  };
  const postings = combinePostings(parts.map(({ segment }, k) => ({ postings: segment.postings, live: live[k] })));
  return { corpus, grams: combineGrams(parts.map(({ segment }) => segment.grams), live, parts.map(({ segment }) => segment.corpus.sections.length)), postings };
}

/** Per section: 1 when its document is not deleted; null when none is. */
function liveSections(corpus: Corpus, deleted: ReadonlySet<string>): Uint8Array | null {
  if (deleted.size === 0) return null;
  const live = Uint8Array.from(corpus.sections, (s) => (deleted.has(s.docId) ? 0 : 1));
  return live.every((x) => x === 1) ? null : live;
}

/**
 * Per gram, the parts' lists moved to the combined ordinals and concatenated (still ascending), all
 * in one buffer: one allocation rather than one per gram. `sizes` are the parts' section counts.
 * Example: 城市 [0, 2] in A (3 sections, 1 deleted) and [0] in B → [0, 1, 2].
 */
function combineGrams(grams: GramIndex[], live: (Uint8Array | null)[], sizes: number[]): GramIndex {
  const maps: (Int32Array | null)[] = [];
  const bases: number[] = [];
  let base = 0;
  grams.forEach((_, k) => {
    bases.push(base);
    const map = live[k] ? ordinalMap(live[k]!, base) : null;
    maps.push(map?.to ?? null);
    base += map ? map.live : sizes[k];
  });
  let total = 0;
  for (const g of grams) for (const list of g.lists.values()) total += list.length;
  const all = new Uint32Array(total);
  const lists = new Map<string, Uint32Array>();
  let at = 0;
  grams.forEach((g, first) => {
    for (const gram of g.lists.keys()) {
      if (lists.has(gram)) continue;
      const start = at;
      // The gram's lists from this part on, in part order (earlier parts do not hold it).
      for (let k = first; k < grams.length; k++) {
        const list = grams[k].lists.get(gram);
        if (list) at = moveList(list, bases[k], maps[k], all, at);
      }
      if (at > start) lists.set(gram, all.subarray(start, at));
    }
  });
  return { lists };
}

/** Writes a list at `at` in combined ordinals: shifted by base, or through the part's map when it has deletes. */
function moveList(list: Uint32Array, base: number, map: Int32Array | null, out: Uint32Array, at: number): number {
  if (map === null) {
    // One pass, copy and shift together: these loops move every gram posting of every segment at load.
    if (base === 0) out.set(list, at);
    else for (let i = 0, n = list.length; i < n; i++) out[at + i] = list[i] + base;
    return at + list.length;
  }
  for (let i = 0; i < list.length; i++) {
    const o = map[list[i]];
    if (o >= 0) out[at++] = o;
  }
  return at;
}

/** Old ordinal → combined ordinal (-1: deleted), and how many are live. */
function ordinalMap(live: Uint8Array, base: number): { to: Int32Array; live: number } {
  const to = new Int32Array(live.length);
  let next = 0;
  for (let o = 0; o < live.length; o++) to[o] = live[o] ? base + next++ : -1;
  return { to, live: next };
}

/**
 * The completion vocabulary of the parts: counts summed per word, most frequent first (ties in
 * zh-CN collation, as buildIndex orders them). Deleted documents' words stay counted until a merge.
 * Example: [[城市, 3]], [[城市, 1], [更新, 2]] → [[城市, 4], [更新, 2]].
 */
function sumVocabularies(vocabularies: Corpus['vocabulary'][]): Corpus['vocabulary'] {
  if (vocabularies.length === 1) return vocabularies[0];
  const counts = new Map<string, number>();
  for (const v of vocabularies) for (const [w, n] of v) counts.set(w, (counts.get(w) ?? 0) + n);
  const collator = new Intl.Collator('zh-CN');
  return [...counts].sort((a, b) => b[1] - a[1] || collator.compare(a[0], b[0]));
}
