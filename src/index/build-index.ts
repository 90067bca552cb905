import MiniSearch from 'minisearch';
import type { PolicyDocument } from '../domain.ts';
import { normalize } from '../segment/normalize.ts';
import { type GramIndex, buildGramIndex } from './gram-index.ts';
import { type Corpus, gramText } from './corpus.ts';
import { type PreparedSection, prepareSections } from './prepare-sections.ts';
import { AssemblingMiniSearch } from './assembling-minisearch.ts';
import { type IndexEntry, MINISEARCH_OPTIONS, WORD_SEPARATOR } from './schema.ts';

export interface BuiltIndex {
  corpus: Corpus;
  index: MiniSearch<IndexEntry>;
  /** Literal recall beside MiniSearch; ordinals are positions in `corpus.sections`. */
  grams: GramIndex;
}

/**
 * Builds the section-level index of ingested documents. Each text is normalised and tokenized once;
 * the words feed MiniSearch and the completion vocabulary. `onSection` is called after each section
 * (for progress).
 * Example: one document with sections s0, s1 → a MiniSearch with entries `000#s0`, `000#s1`.
 */
export function buildIndex(documents: PolicyDocument[], onSection?: () => void): BuiltIndex {
  return assembleIndex(documents, prepareSections(documents), onSection);
}

/**
 * Builds the index from sections already prepared (tokenized), in the documents' section order:
 * MiniSearch entries, the bigram index and the completion vocabulary.
 * Example: `assembleIndex(docs, prepareSections(docs))` ≡ `buildIndex(docs)`.
 */
export function assembleIndex(documents: PolicyDocument[], prepared: PreparedSection[], onSection?: () => void): BuiltIndex {
  const sections = prepared.map((p) => p.record);
  const index = new AssemblingMiniSearch(MINISEARCH_OPTIONS);
  const counts = new Map<string, number>();
  const count = (w: string, n = 1) => counts.set(w, (counts.get(w) ?? 0) + n);
  index.withTermCache(() => {
    for (const { record: r, heading, body, fields } of prepared) {
      for (const w of body) if (twoCharactersOrMore(w) && !/^\d+$/.test(w)) count(w);
      const normalizedHeading = r.heading ? normalize(r.heading) : '';
      if (normalizedHeading) count(normalizedHeading, 3);
      for (const d of r.lead) count(d, 2);
      for (const d of r.assist) count(d, 2);
      index.add({ id: r.key, heading: heading.join(WORD_SEPARATOR), body: body.join(WORD_SEPARATOR), fields: fields.join(WORD_SEPARATOR) });
      onSection?.();
    }
  });
  for (const d of documents) count(normalize(d.meta.title), 3);
  // Completions: words of two characters or more, headings, departments and titles, most frequent first.
  const collator = new Intl.Collator('zh-CN');
  const vocabulary = [...counts].sort((a, b) => b[1] - a[1] || collator.compare(a[0], b[0]));
  return { corpus: { documents, sections, vocabulary }, index, grams: buildGramIndex(sections.map(gramText)) };
}

/** `[...w].length >= 2` without building an array per word: only a lone surrogate pair is one character in two units. */
function twoCharactersOrMore(w: string): boolean {
  if (w.length !== 2) return w.length > 2;
  const high = w.charCodeAt(0);
  const low = w.charCodeAt(1);
  return !(high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff);
}
