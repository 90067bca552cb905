import { toSimplified } from '../segment/to-simplified.ts';
import { gbkTable } from './gbk-table.ts';
import { type PageEvidence, familiarity } from './page-evidence.ts';
import { wordStats } from './word-stats.ts';

/*
 * Choosing characters whose bytes a garbled run lost, for repairMojibake: from the bytes that are
 * left, the page's own pinyin, and the words the choice makes with its neighbours.
 */

/** Evidence a dictionary word must have before a lost character is put back. */
const MIN_WORD_FREQ = 50;
/** Below this summed word frequency a character is too rare to trust as a repair. */
const RARE_CHAR_FREQ = 2000;
/** How much stronger a split's words must be than a common joined character's to replace it. */
const SPLIT_MARGIN = 10;

/**
 * Some sites drop the private-use characters a mis-decode produces, losing two bytes: 力資 (C1A6 D959)
 * then reads as 罽 (C1 59). Try "lead + lost, lost + trail" instead, where the two lost bytes make a
 * cell the site drops, keeping the pair that forms the strongest dictionary words with its
 * neighbours; a common joined character stays unless the split's words are far stronger.
 */
export function splitLostPair(
  lead: number,
  trail: number,
  prev: string,
  next: string,
  joined: string,
  heard: string | null,
  ev: PageEvidence,
): string {
  const stats = wordStats();
  if (heard && ev.pinyin.get(heard)?.has(joined)) return joined;
  // Only inside running text: after punctuation (a heading's number) there is no word to rebuild.
  if (!isHan(prev.slice(-1))) return joined;
  const table = gbkTable();
  const firsts = table.withLead(lead).filter(isHan);
  const known = heard ? ev.pinyin.get(heard) : undefined;
  const seconds = table.withTrail(trail).filter((c) => isHan(c) && (!known || known.has(c)));
  const f = (w: string) => stats.wordFreq(toSimplified(w));
  // A common joined character stays unless a split forms far stronger words with the neighbours.
  const common = stats.charFreq(toSimplified(joined)) > RARE_CHAR_FREQ && !heard;
  const joinedFreq = common ? Math.max(MIN_WORD_FREQ, f(prev.slice(-1) + joined) + (next ? f(joined + next[0]) : 0)) * SPLIT_MARGIN : 0;
  let best = joined;
  let bestFreq = joinedFreq;
  for (const c1 of firsts) {
    const left = prev ? f(prev + c1) : 0;
    const lostLead = table.encode(c1)![1];
    for (const c2 of seconds) {
      // The two bytes between them must make a cell the site drops (a private-use character).
      if (!isDropped(lostLead, table.encode(c2)![0])) continue;
      const inner = f(c1 + c2);
      const right = next ? f(c2 + next[0]) : 0;
      const bound = inner >= MIN_WORD_FREQ || (left >= MIN_WORD_FREQ && (right >= MIN_WORD_FREQ || known));
      const total = (left + inner + right) * familiarity(c1, ev) * familiarity(c2, ev);
      if (bound && total > bestFreq) {
        best = c1 + c2;
        bestFreq = total;
      }
    }
  }
  return best;
}

/** Does the pair decode to a private-use character, which sites drop (losing both bytes)? */
function isDropped(lead: number, trail: number): boolean {
  const c = gbkTable().decode(lead, trail);
  return c !== undefined && c >= '\ue000' && c <= '\uf8ff';
}

export function isHan(c: string): boolean {
  return /\p{Script=Han}/u.test(c);
}

/** The byte before the run was the trail of a character whose lead byte is lost: 確?… → 確保… */
export function recoverLeadingLoss(trail: number, prev: string, next: string, ev: PageEvidence): string {
  if (!/\p{Script=Han}/u.test(prev)) return '';
  const candidates: string[] = [];
  const table = gbkTable();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    const c = table.decode(lead, trail);
    if (c && /\p{Script=Han}/u.test(c)) candidates.push(c);
  }
  return bestByWords(candidates, prev, next, ev) ?? '';
}

/** Chooses the character whose trail byte was lost, from its pinyin and its neighbours. */
export function chooseLost(
  candidates: string[],
  prev: string,
  next: string,
  heard: string | null,
  ev: PageEvidence,
): string | null {
  const han = candidates.filter((c) => /\p{Script=Han}/u.test(c));
  if (heard) {
    const known = ev.pinyin.get(heard);
    const sounding = han.filter((c) => known?.has(c));
    if (sounding.length === 1) return sounding[0];
    if (sounding.length > 1) return bestByWords(sounding, prev, next, ev) ?? sounding[0];
  }
  if (heard && ev.pinyin.has(heard)) return null;
  return bestByWords(han, prev, next, ev);
}

/** The candidate forming the most frequent dictionary word with a neighbour, if any is frequent enough. */
export function bestByWords(candidates: string[], prev: string, next: string, ev: PageEvidence): string | null {
  const stats = wordStats();
  let best: string | null = null;
  let bestFreq = MIN_WORD_FREQ - 1;
  for (const c of candidates) {
    const s = toSimplified(c);
    const freq =
      familiarity(c, ev) *
      Math.max(
        prev ? stats.wordFreq(toSimplified(prev) + s) : 0,
        next ? stats.wordFreq(s + toSimplified(next[0])) : 0,
        next.length > 1 ? stats.wordFreq(s + toSimplified(next)) : 0,
      );
    if (freq > bestFreq) {
      best = c;
      bestFreq = freq;
    }
  }
  return best;
}
