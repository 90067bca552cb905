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
  const out: string[] = [];
  for (const m of normalize(text).matchAll(RUN)) {
    if (m[1]) out.push(...policyJieba().cutForSearch(m[1], true).filter((t) => t.trim().length > 0));
    else out.push(m[2]);
  }
  return out;
}

/**
 * The recall field: every Han character and every overlapping Han bigram, plus Latin/digit runs,
 * so that any string occurring in a text can be found even where jieba cut it differently.
 * Example: `待处理` → `['待', '处', '理', '待处', '处理']`.
 */
export function grams(text: string): string[] {
  const out: string[] = [];
  for (const m of normalize(text).matchAll(RUN)) {
    if (m[2]) {
      out.push(m[2]);
      continue;
    }
    const chars = [...m[1]];
    out.push(...chars);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  }
  return out;
}
