import type { PolicyDocument } from '../domain.ts';
import type { PreparedSection } from '../index/prepare-sections.ts';
import { WORD_SEPARATOR } from '../index/schema.ts';
import { sectionRecords } from '../index/section-records.ts';
import type { PreparedFile } from './prepare-files.ts';

/**
 * A PreparedFile as a worker thread sends it. Structured clone copies every string it meets and
 * every small string costs a clone and an allocation on the receiving (busiest) thread, so the
 * section records, which repeat the document's texts, are not sent but rebuilt from the document,
 * and each section's words travel as one joined string.
 */
export type CompactPreparedFile =
  | { file: string; document: PolicyDocument; folded: (string | null)[]; words: string[] }
  | Extract<PreparedFile, { problem: unknown }>;

/**
 * Example: a file whose one section `城市更新` has heading words [] and body [`城市`, `更新`] →
 * `{ folded: [null], words: ['', '城市\u0001更新', ''] }` beside its document.
 */
export function compactPreparedFile(prepared: PreparedFile): CompactPreparedFile {
  if ('problem' in prepared) return prepared;
  const { file, document, sections } = prepared;
  const folded = sections.map((s) => (s.record.folded === s.record.text ? null : s.record.folded));
  const words = sections.flatMap((s) => [s.heading.join(WORD_SEPARATOR), s.body.join(WORD_SEPARATOR), s.fields.join(WORD_SEPARATOR)]);
  return { file, document, folded, words };
}

/** The inverse: `expandPreparedFile(compactPreparedFile(p))` deep-equals `p`. */
export function expandPreparedFile(compact: CompactPreparedFile): PreparedFile {
  if ('problem' in compact) return compact;
  const { file, document, folded, words } = compact;
  const records = sectionRecords([document], folded);
  const split = (joined: string) => (joined ? joined.split(WORD_SEPARATOR) : []);
  const sections: PreparedSection[] = records.map((record, i) => ({
    record,
    heading: split(words[3 * i]),
    body: split(words[3 * i + 1]),
    fields: split(words[3 * i + 2]),
  }));
  return { file, document, sections };
}
