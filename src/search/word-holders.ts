import type { CompiledPostings } from '../index/compiled-postings.ts';
import { findTerm } from '../index/find-term.ts';
import { MINISEARCH_OPTIONS } from '../index/schema.ts';
import { type Alloc, HEAP } from './scratch.ts';

/** The searched fields whose words are cut from the text literal matching reads (the folded body, the header fields); the heading is cut from its own normalisation. */
const TEXT_FIELDS = ['body', 'fields'];

/**
 * Ascending ordinals of the sections whose body or header fields hold `text` as one of their words.
 * Those words are pieces of the very text literal matching searches, so each of these sections
 * contains `text`: its text need not be read to confirm it.
 * Example: `sectionsHoldingWord(p, '城市更新')` → the sections jieba cut 城市更新 out of (a subset of those containing it).
 */
export function sectionsHoldingWord(p: CompiledPostings, text: string, alloc: Alloc = HEAP): Uint32Array {
  const processed = MINISEARCH_OPTIONS.processTerm?.(text);
  const t = typeof processed === 'string' && processed ? findTerm(p, processed) : -1;
  if (t < 0) return new Uint32Array(0);
  const frequencies = TEXT_FIELDS.map((name) => p.fields.indexOf(name)).filter((f) => f >= 0).map((f) => p.termFrequency[f]);
  const start = p.postingStart[t];
  const end = p.postingStart[t + 1];
  const out = alloc.u32(end - start);
  let n = 0;
  for (let i = start; i < end; i++) {
    for (const tf of frequencies) {
      if (tf[i] === 0) continue;
      out[n++] = p.ordinals[i];
      break;
    }
  }
  return out.subarray(0, n);
}
