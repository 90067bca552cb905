// The benchmark's queries, derived from the corpus by rules so no query is picked by hand: words by
// document frequency band (common / mid / rare), pairs of mid words that occur in one section (AND),
// and 3–5 character substrings cut from section text (literal). Each class is sent three ways — as is,
// with a district filter, and for page 3 — and every query string is used once, so no cache answers it.
import stopWords from '../src/search/data/stop-words.json' with { type: 'json' };

export type QueryClass = 'common' | 'mid' | 'rare' | 'and' | 'literal';
export type QueryVariant = 'cold' | 'district' | 'page3';
export const CLASSES: readonly QueryClass[] = ['common', 'mid', 'rare', 'and', 'literal'];
export const VARIANTS: readonly QueryVariant[] = ['cold', 'district', 'page3'];

export interface GeneratedQuery {
  cls: QueryClass;
  variant: QueryVariant;
  q: string;
  district?: string;
  page?: number;
}

/** A sampled section: its text and district, and its jieba words (distinct). */
export interface SampleSection {
  text: string;
  district: string | null;
  words: string[];
}

/**
 * Document-frequency bands as fractions of the sections (a word in ≥ 5% of them is common, 0.3–3% mid,
 * ≤ 0.05% rare (or one section, in a sample too small for that)); the gaps keep the classes apart.
 */
const BANDS: Record<'common' | 'mid' | 'rare', [number, number]> = { common: [0.05, 1], mid: [0.003, 0.03], rare: [0, 0.0005] };
const STOP: ReadonlySet<string> = new Set(stopWords.words);
const HAN = /^\p{Script=Han}+$/u;

/** Seeded xorshift32, so the same corpus gives the same queries on every machine. */
export function seededRandom(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x / 0x100000000;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/**
 * Up to `perRow` queries per class and variant (fewer where the corpus has fewer distinct candidates;
 * the report prints how many). Example: a 10k-section sample, perRow 100 → common `发展`, mid `城市更新`,
 * rare `湖翠园区`, AND `改革 创新`, literal `推进城市` (each with its variant's district or page).
 */
export function makeQueries(sample: SampleSection[], perRow: number, seed = 20261123): GeneratedQuery[] {
  const random = seededRandom(seed);
  const df = new Map<string, number>();
  for (const s of sample) for (const w of s.words) if (w.length >= 2 && HAN.test(w) && !STOP.has(w)) df.set(w, (df.get(w) ?? 0) + 1);
  const band = (cls: keyof typeof BANDS) => {
    const [lo, hi] = BANDS[cls];
    // In a small sample one section is already over the rare fraction: there, rare means one section.
    const [min, max] = [Math.max(1, lo * sample.length), Math.max(1, hi * sample.length)];
    return [...df].filter(([, n]) => n >= min && n <= max).map(([w]) => w).sort();
  };
  const used = new Set<string>();
  const out: GeneratedQuery[] = [];
  const districts = [...new Set(sample.map((s) => s.district).filter((d): d is string => d !== null))].sort();
  const deal = (cls: QueryClass, candidates: { q: string; district: string | null }[]) => {
    const fresh = candidates.filter((c) => !used.has(c.q) && used.add(c.q));
    const rows = Math.min(perRow, Math.floor(fresh.length / VARIANTS.length));
    VARIANTS.forEach((variant, v) => {
      for (const c of fresh.slice(v * rows, (v + 1) * rows)) {
        const district = c.district ?? districts[Math.floor(random() * districts.length)];
        out.push({ cls, variant, q: c.q, ...(variant === 'district' ? { district } : {}), ...(variant === 'page3' ? { page: 3 } : {}) });
      }
    });
  };
  const fromSection = (w: string) => ({ q: w, district: null });
  for (const cls of ['common', 'mid', 'rare'] as const) deal(cls, shuffle(band(cls), random).map(fromSection));
  deal('and', andPairs(sample, new Set(band('mid')), perRow * VARIANTS.length * 2, random));
  deal('literal', literals(sample, perRow * VARIANTS.length * 2, random));
  return out;
}

/** Two mid words from one section (neither inside the other), with that section's district. */
function andPairs(sample: SampleSection[], mid: Set<string>, wanted: number, random: () => number) {
  const pairs = new Map<string, string | null>();
  for (let tries = 0; pairs.size < wanted && tries < wanted * 50; tries++) {
    const s = sample[Math.floor(random() * sample.length)];
    const words = s.words.filter((w) => mid.has(w));
    if (words.length < 2) continue;
    const a = words[Math.floor(random() * words.length)];
    const b = words[Math.floor(random() * words.length)];
    if (a.includes(b) || b.includes(a)) continue;
    const q = a < b ? `${a} ${b}` : `${b} ${a}`;
    if (!pairs.has(q)) pairs.set(q, s.district);
  }
  return [...pairs].map(([q, district]) => ({ q, district }));
}

/** Substrings of 3–5 Han characters at random positions of random sections, with that section's district. */
function literals(sample: SampleSection[], wanted: number, random: () => number) {
  const cuts = new Map<string, string | null>();
  for (let tries = 0; cuts.size < wanted && tries < wanted * 50; tries++) {
    const s = sample[Math.floor(random() * sample.length)];
    const chars = [...s.text];
    const length = 3 + Math.floor(random() * 3);
    if (chars.length < length) continue;
    const at = Math.floor(random() * (chars.length - length + 1));
    const cut = chars.slice(at, at + length).join('');
    if (HAN.test(cut) && !cuts.has(cut)) cuts.set(cut, s.district);
  }
  return [...cuts].map(([q, district]) => ({ q, district }));
}
