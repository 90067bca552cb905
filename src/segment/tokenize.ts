import { policyJieba } from './jieba.ts';
import { normalize } from './normalize.ts';

/** Han runs go to jieba; Latin/digit runs (2017, pm2.5, gep) stay whole. */
const RUN = /(\p{Script=Han}+)|([a-z0-9]+(?:[.\-_][a-z0-9]+)*)/gu;

/**
 * The one tokenizer, used by indexing and by queries: simplified → width/case folded → jieba
 * search-mode words for Han text, whole Latin/digit runs.
 * Example: `棚戶區改造PM2.5` → `['棚户', '棚户区', '改造', '棚户区改造', 'pm2.5']` (jieba's order).
 */
export function tokenize(text: string): string[] {
  return tokenizeNormalized(normalize(text));
}

/** The same for text already normalised (the index builder normalises each section once). */
export function tokenizeNormalized(folded: string): string[] {
  const out: string[] = [];
  for (const m of folded.matchAll(RUN)) {
    if (m[1]) out.push(...policyJieba().cutForSearch(m[1], true).filter((t) => t.trim().length > 0));
    else out.push(m[2]);
  }
  return out;
}
