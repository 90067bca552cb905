import { foldWidth } from '../segment/normalize.ts';

/** A piece of snippet text; `hit` pieces are what the query matched. Views escape and mark them. */
export interface SnippetPart {
  text: string;
  hit: boolean;
}

const SENTENCE = /[^。；！？!?;\n]+[。；！？!?;]?/gu;
const MAX_CHARS = 160;
const MIN_CHARS = 60;

/**
 * Sentence-bounded windows around the matched terms, joined with …, every term marked.
 * Example: (`一、总体要求。推进城市更新。加强保障。`, [`城市更新`]) →
 * `[{text:'推进', hit:false}, {text:'城市更新', hit:true}, {text:'。…', hit:false}]` (roughly).
 */
export function makeSnippet(text: string, terms: string[]): SnippetPart[] {
  const folded = foldWidth(text);
  const ranges = findRanges(folded, terms);
  const sentences = [...text.matchAll(SENTENCE)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
  if (sentences.length === 0) return [];
  const withHits = sentences.filter((s) => ranges.some((r) => r.start < s.end && r.end > s.start));
  const chosen: { start: number; end: number }[] = [];
  let used = 0;
  for (const s of withHits.length > 0 ? withHits : sentences) {
    if (used >= MAX_CHARS) break;
    const window = clip(s, ranges, MAX_CHARS - used);
    chosen.push(window);
    used += window.end - window.start;
  }
  if (used < MIN_CHARS && chosen.length > 0) {
    const last = chosen[chosen.length - 1];
    const next = sentences.find((s) => s.start >= last.end);
    if (next && !chosen.includes(next)) chosen.push(clip(next, [], MIN_CHARS - used + 20));
  }
  chosen.sort((a, b) => a.start - b.start);
  const parts: SnippetPart[] = [];
  chosen.forEach((w, i) => {
    if (i > 0 || w.start > 0) {
      const gap = i === 0 ? w.start > 0 : w.start > chosen[i - 1].end;
      if (gap) parts.push({ text: '…', hit: false });
    }
    parts.push(...mark(text, w, ranges));
  });
  if (chosen[chosen.length - 1].end < text.trimEnd().length) parts.push({ text: '…', hit: false });
  return merge(parts);
}

/**
 * The whole text as parts, every term marked (the document page's highlighting).
 * Example: (`推进城市更新`, [`城市更新`]) → `[{text:'推进', hit:false}, {text:'城市更新', hit:true}]`.
 */
export function markText(text: string, terms: string[]): SnippetPart[] {
  return mark(text, { start: 0, end: text.length }, findRanges(foldWidth(text), terms));
}

/** Every occurrence of every term, longest first, overlapping ranges merged. */
export function findRanges(folded: string, terms: string[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const term of [...new Set(terms)].filter(Boolean).sort((a, b) => b.length - a.length)) {
    for (let at = folded.indexOf(term); at >= 0; at = folded.indexOf(term, at + term.length)) {
      out.push({ start: at, end: at + term.length });
    }
  }
  out.sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const r of out) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

/** Shortens a long sentence to a window centred on its first hit. */
function clip(s: { start: number; end: number }, ranges: { start: number; end: number }[], budget: number) {
  const size = Math.max(Math.min(budget, MAX_CHARS), 40);
  if (s.end - s.start <= size) return s;
  const hit = ranges.find((r) => r.start >= s.start && r.start < s.end);
  const centre = hit ? hit.start : s.start;
  const start = Math.max(s.start, Math.min(centre - Math.floor(size / 3), s.end - size));
  return { start, end: Math.min(s.end, start + size) };
}

function mark(text: string, w: { start: number; end: number }, ranges: { start: number; end: number }[]): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let at = w.start;
  for (const r of ranges) {
    if (r.end <= w.start || r.start >= w.end) continue;
    const s = Math.max(r.start, w.start);
    const e = Math.min(r.end, w.end);
    if (s > at) parts.push({ text: text.slice(at, s), hit: false });
    parts.push({ text: text.slice(s, e), hit: true });
    at = e;
  }
  if (at < w.end) parts.push({ text: text.slice(at, w.end), hit: false });
  return parts;
}

function merge(parts: SnippetPart[]): SnippetPart[] {
  const out: SnippetPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (last && last.hit === p.hit) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}
