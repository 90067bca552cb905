import { PINYIN_LETTERS, isPinyinSyllable } from '../segment/pinyin.ts';
import { gbkTable } from './gbk-table.ts';
import type { PageEvidence } from './page-evidence.ts';

/** `guī)` right after the `?`: the pinyin the page glued to the mis-decoded character the `?` replaced. */
const REMNANT = new RegExp(`^([${PINYIN_LETTERS}]{1,7})\\)`, 'u');
/** The character before the `?`, with the pinyin glued after it if any: `動(dòng)`. */
const BEFORE = new RegExp(`(\\p{Script=Han})(?:\\([${PINYIN_LETTERS}]{1,7}\\))?$`, 'u');

/**
 * A mis-decoded character the page glued pinyin to before it became `?`: `專家?guī)旌推渌…`.
 * A one-byte shift pairs the trail byte of the character before (家 = BC D2) with the lead byte of
 * the next (庫 = 8E EC), giving D2 8E = 規, which the page spelled `(guī)`. The syllable names the
 * mis-decoded character (from the page's own pinyin), its first byte must equal the previous
 * character's trail byte, and its second byte is the lead byte the run below is missing.
 * Returns the line with `?guī)` written as `?規`, once per candidate, for the run repair to decode
 * one byte later (規旌推渌嚓 → 庫和其他相…); empty when nothing fits.
 * Example: (`推動(dòng)?xùn)|門`, at 8) → [`推動(dòng)?訓|門`].
 */
export function gluedGarble(line: string, at: number, ev: PageEvidence): string[] {
  const remnant = REMNANT.exec(line.slice(at + 1));
  if (!remnant || !isPinyinSyllable(remnant[1])) return [];
  const before = BEFORE.exec(line.slice(0, at));
  const prevBytes = before ? gbkTable().encode(before[1]) : undefined;
  if (!prevBytes) return [];
  const known = [...(ev.pinyin.get(remnant[1])?.keys() ?? [])];
  const fits = known.filter((c) => gbkTable().encode(c)?.[0] === prevBytes[1]);
  const rest = line.slice(at + 1 + remnant[0].length);
  return fits.map((c) => `${line.slice(0, at + 1)}${c}${rest}`);
}
