import { gbkTable } from './gbk-table.ts';
import { PINYIN_GLUE, PINYIN_LETTERS, isPinyinSyllable } from '../segment/pinyin.ts';
import { toSimplified } from '../segment/to-simplified.ts';
import { gluedGarble } from './glued-garble.ts';
import { bestByWords, chooseLost, isHan, recoverLeadingLoss, splitLostPair } from './lost-characters.ts';
import { type PageEvidence, pageEvidence } from './page-evidence.ts';
import { strayCharacters } from './reads-as-text.ts';
import { wordStats } from './word-stats.ts';

/**
 * Repairs GBK text that a site decoded one byte out of step, e.g. ` ?。ㄒ唬┙?jīng)濟` → `（一）經濟`.
 *
 * A run of mojibake starts after a `?` (the byte that was lost) or a `?guī)` (a mis-decoded
 * character the page glued pinyin to: 專家?guī)旌推渌… → 專家庫和其他…). Re-encoding the run as GBK
 * and decoding it one byte later gives the real text back. Where a byte is lost for good, the missing
 * character is chosen from the pinyin the page glued after it and from the words it forms with its
 * neighbours; a heading number that cannot be recovered is restored from its siblings.
 * Confidence check: a repair is made only when it reads as text (each character in a dictionary
 * word, and each chosen character in a pair the page itself uses); a character that cannot be told
 * is shown as □, never guessed; a run that does not read as text is left as it was.
 */
export function repairMojibake(lines: readonly string[]): string[] {
  // Every run starts at a `?`: a page without one (most pages) never needs its evidence read.
  let evidence: PageEvidence | undefined;
  const repaired = lines.map((line) => (line.includes('?') ? repairLine(line, (evidence ??= pageEvidence(lines))) : line));
  return restoreHeadingNumbers(repaired).map(dropGarbage);
}

/** Characters that never belong in policy text: bopomofo, box drawing, private use, U+FFFD. */
export const MOJIBAKE_CHARS = /[\u3100-\u312f\u2500-\u257f\ue000-\uf8ff\ufffd]/u;

/** Marks a heading whose number was lost; replaced by restoreHeadingNumbers. */
const LOST_NUMBER = '\u0000';
const CN_DIGITS = '〇一二三四五六七八九十';
const PINYIN_REMNANT = new RegExp(`^([${PINYIN_LETTERS}]{1,7})\\)`, 'u');
/** `(chǎn)` left behind when the character it followed was consumed by the repair. */
const PINYIN_REMNANT_GLUED = new RegExp(`^\\(([${PINYIN_LETTERS}]{1,7})\\)`, 'u');
/**
 * A character known to be there whose bytes are lost: shown as □, the mark Chinese print uses for a
 * missing character, never guessed without evidence (and never a `?`, which would start a new run).
 */
export const UNKNOWN = '□';

/** Marks the next character as chosen without its bytes (a guess): it needs the page's own evidence. */
const GUESS = '\u0002';

function guessed(text: string): string {
  return [...text].map((c) => GUESS + c).join('');
}

function unmarked(text: string): string {
  return text.replaceAll(GUESS, '');
}

/** At most one stray character per this many repaired ones; more and the run is left as it was. */
const MAX_STRAY_SHARE = 4;

function repairLine(line: string, ev: PageEvidence): string {
  let out = line;
  for (let from = 0; ; ) {
    const at = out.indexOf('?', from);
    if (at < 0) return out;
    // A `?` standing for a glued mis-decoded character first (its pinyin names it), then a lost byte.
    let fixed: { line: string; resume: number } | null = null;
    for (const candidate of gluedGarble(out, at, ev)) if (!fixed) fixed = repairRunAt(candidate, at, ev, true);
    fixed ??= repairRunAt(out, at, ev, false);
    if (fixed) {
      out = fixed.line;
      from = fixed.resume;
    } else {
      from = at + 1;
    }
  }
}

interface Run {
  chars: string[];
  /** Index just past the run in the line. */
  end: number;
}

/**
 * Possible mojibake runs after a `?`: non-ASCII characters, where an ASCII character in between is
 * either a trail byte that ends the run (續 = C0 6D reads as `…m`) or a full-width form the scraper
 * folded (`Ｕ` → `U`). Both readings are offered; the scorer decides.
 */
function readRuns(line: string, start: number): Run[] {
  const runs: Run[] = [];
  const chars: string[] = [];
  for (let i = start; i <= line.length; i++) {
    const c = line[i];
    if (c !== undefined && c > '\u007f') {
      chars.push(c);
      continue;
    }
    if (chars.length > 0) runs.push({ chars: [...chars], end: i });
    const next = line[i + 1];
    // A run may start with a folded full-width mark (`?！敖…` shows as `?!敖…`) that cannot be a
    // trail byte (below 0x40; `@`, letters and the like are the lost character's trail), and is not
    // punctuation reposts write half-width anyway (, ; : . ( )).
    const opens = chars.length > 0 || (i === start && c !== undefined && /[!"#$%&'*+\-/<=>]/.test(c));
    const foldable = c !== undefined && c !== '?' && c !== '(' && next !== undefined && next > '\u007f' && opens;
    if (!foldable) break;
    chars.push(c === ' ' ? '\u3000' : String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  }
  return runs;
}

/**
 * Repairs the run after the `?` at `at`. `overlap`: the run starts with a character whose first byte
 * is the trail byte of the character before it (see gluedGarble), so no lead byte was lost.
 */
function repairRunAt(line: string, at: number, ev: PageEvidence, overlap: boolean): { line: string; resume: number } | null {
  const runs = readRuns(line, at + 1);
  if (runs.length === 0) return null;
  const span = Math.max(...runs.map((r) => r.end)) + 4;
  let best: { run: Run; end: number; gain: number } | null = null;
  for (const run of runs) {
    // Readings compete on plain decoding; lost pairs are filled in only for the winner.
    const attempt = decodeRun(line, run, ev, false);
    if (!attempt) continue;
    const rest = line.slice(attempt.end, span).replace(PINYIN_GLUE, '$1');
    const gain = score(unmarked(attempt.text) + rest) - score(line.slice(at + 1, span).replace(PINYIN_GLUE, '$1'));
    if (!best || gain > best.gain) best = { run, end: attempt.end, gain };
  }
  // The glued form already proved its shift (a byte shared with the character before): the
  // confidence check below decides; a plain `?` must also make the text clearly more plausible.
  if (!best || best.gain <= (overlap ? 0 : 0.5)) return null;
  const winner = decodeRun(line, best.run, ev, true);
  // A glued `?` whose run decodes to nothing recovered nothing: the garble stays visible.
  if (!winner || (overlap && !winner.text)) return null;
  const before = line.slice(0, at);
  const firstByte = gbkTable().encode(runs[0].chars[0])?.[0] ?? 0;
  const prevChar = before.replace(PINYIN_GLUE, '$1').trimEnd().slice(-1);
  // Inside running text the `?` hid the lead byte of exactly one character: chosen, or shown as □.
  const leadChar = overlap ? '' : recoverLeadingLoss(firstByte, prevChar, unmarked(winner.text).slice(0, 2), ev);
  const lead = leadChar ? guessed(leadChar) : !overlap && isHan(prevChar) ? UNKNOWN : '';
  const heading = /^\s*$/.test(before) ? markLostNumber(winner.text) : winner.text;
  const after = stripOrphanPinyin(line.slice(winner.end), ev);
  // The confidence check: a repair must read as text, and a character chosen without its bytes
  // needs the page's own backing; one such stray in a few is marked, more and the run stays.
  const prefix = /^\s*（[^）]*）/u.exec(lead + heading)?.[0] ?? '';
  const marked = [...(lead + heading).slice(prefix.length)];
  const repaired = marked.filter((c) => c !== GUESS);
  const isGuess = marked.flatMap((c, i) => (c === GUESS ? [] : [marked[i - 1] === GUESS]));
  const stray = strayCharacters(before.replace(PINYIN_GLUE, '$1'), repaired.join(''), after.replace(PINYIN_GLUE, '$1'), ev, isGuess);
  const han = repaired.filter(isHan).length;
  if (!stray || stray.length >= Math.max(1, han) || stray.length > Math.max(1, Math.floor(han / MAX_STRAY_SHARE))) return null;
  // A stray character is shown as unknown (□), never as a wrong character and never silently lost.
  for (const k of stray) repaired[k] = UNKNOWN;
  const text = before + prefix + repaired.join('');
  return { line: text + after, resume: text.length };
}

/** Decodes a run one byte later; a lead byte left over at the end takes the next byte or is lost. */
function decodeRun(line: string, run: Run, ev: PageEvidence, split: boolean): { text: string; end: number } | null {
  const table = gbkTable();
  const bytes: number[] = [];
  for (const c of run.chars) {
    const pair = table.encode(c);
    if (!pair) return null;
    bytes.push(...pair);
  }
  const decoded: string[] = [];
  for (let i = 1; i + 1 < bytes.length; i += 2) decoded.push(table.decode(bytes[i], bytes[i + 1]) ?? '\ufffd');
  const tail = bytes.length % 2 === 1 ? { text: '', end: run.end } : decodeTail(line, run.end, bytes[bytes.length - 1], decoded.at(-1) ?? '', ev);
  // Lost pairs are judged with both neighbours known, the tail and the text after it included.
  const rest = tail.text + line.slice(tail.end).replace(PINYIN_GLUE, '$1');
  for (let k = 0, i = 1; split && k < decoded.length; k++, i += 2) {
    const after = decoded.slice(k + 1).join('') + rest;
    const pair = splitLostPair(bytes[i], bytes[i + 1], decoded[k - 1] ?? '', after, decoded[k], null, ev);
    decoded[k] = pair === decoded[k] ? pair : guessed(pair);
  }
  return { text: decoded.join('') + tail.text, end: tail.end };
}

/** A lead byte left over at the end of a run: it takes the next byte, or its character is chosen. */
function decodeTail(line: string, runEnd: number, dangling: number, prev: string, ev: PageEvidence): { text: string; end: number } {
  const table = gbkTable();
  let end = runEnd;
  const terminator = line[end];
  const joined = terminator && terminator !== '?' ? table.decode(dangling, terminator.charCodeAt(0)) : undefined;
  if (joined) {
    end++;
    const glued = PINYIN_REMNANT_GLUED.exec(line.slice(end));
    const heard = glued && isPinyinSyllable(glued[1]) ? glued[1] : null;
    if (glued && heard) end += glued[0].length;
    const next = line.slice(end).replace(PINYIN_GLUE, '$1').slice(0, 2);
    const pair = splitLostPair(dangling, terminator.charCodeAt(0), prev, next, joined, heard, ev);
    return { text: pair === joined || heard ? pair : guessed(pair), end };
  }
  if (terminator === '?') end++;
  const remnant = PINYIN_REMNANT.exec(line.slice(end));
  const heard = remnant && isPinyinSyllable(remnant[1]) ? remnant[1] : null;
  if (remnant && heard) end += remnant[0].length;
  const next = line.slice(end).replace(PINYIN_GLUE, '$1').slice(0, 2);
  const lost = chooseLost(table.withLead(dangling), prev, next, heard, ev);
  // The dangling lead byte is one character whose trail byte is lost: chosen, or shown as unknown.
  if (lost || !heard) return { text: lost ? (heard ? lost : guessed(lost)) : UNKNOWN, end };
  // The pinyin belongs to a character lost whole; the leftover lead byte stays unknown.
  const whole = chooseLost([...(ev.pinyin.get(heard)?.keys() ?? [])], '', next, heard, ev);
  return { text: '\ufffd' + (whole ?? ''), end };
}

/**
 * A pinyin remnant with no character before it (`qiáng)區`) means the character itself was lost:
 * put back the one the page spells that way, if the dictionary agrees; otherwise drop the remnant.
 */
function stripOrphanPinyin(rest: string, ev: PageEvidence): string {
  const remnant = PINYIN_REMNANT.exec(rest);
  if (!remnant || !isPinyinSyllable(remnant[1])) return rest;
  const after = rest.slice(remnant[0].length);
  const next = after.replace(PINYIN_GLUE, '$1').slice(0, 2);
  const known = [...(ev.pinyin.get(remnant[1])?.keys() ?? [])];
  const lost = known.length === 1 ? known[0] : bestByWords(known, '', next, ev);
  return (lost ?? '') + after;
}

/** A repaired heading must start `（N）`; when the number's bytes are lost, mark it for restoring. */
function markLostNumber(text: string): string {
  const body = text.replace(/^[\s\u3000]+/, '');
  if (!body.startsWith('（')) return body;
  if (/^（[一二三四五六七八九十]+）/.test(body)) return body;
  const numeral = /^（([一二三四五六七八九十]+)/.exec(body);
  if (numeral) return `（${numeral[1]}）${body.slice(numeral[0].length)}`;
  // The character after （ stands for the lost "N）".
  return `（${LOST_NUMBER}）${body.slice(2)}`;
}

/** Fills lost heading numbers from the sibling sequence: the previous （N） since the last 一、 plus one. */
function restoreHeadingNumbers(lines: string[]): string[] {
  let previous = 0;
  return lines.map((line) => {
    const trimmed = line.trim();
    if (/^[一二三四五六七八九十]+、/.test(trimmed)) previous = 0;
    const m = /^[（(]([一二三四五六七八九十]+|\u0000)[）)]/.exec(trimmed);
    if (!m) return line;
    const n = m[1] === LOST_NUMBER ? previous + 1 : chineseNumber(m[1]);
    previous = n;
    return m[1] === LOST_NUMBER ? line.replace(LOST_NUMBER, toChineseNumber(n)) : line;
  });
}

/** 十二 → 12 for the numerals headings use (1–99). */
export function chineseNumber(text: string): number {
  if (text === '十') return 10;
  const [tens, ones] = text.includes('十') ? text.split('十') : ['', text];
  const t = text.includes('十') ? (tens ? CN_DIGITS.indexOf(tens) : 1) : 0;
  return t * 10 + (ones ? CN_DIGITS.indexOf(ones) : 0);
}

function toChineseNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n];
  const t = Math.floor(n / 10);
  return `${t > 1 ? CN_DIGITS[t] : ''}十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
}

function dropGarbage(line: string): string {
  return MOJIBAKE_CHARS.test(line) ? line.replace(new RegExp(MOJIBAKE_CHARS.source, 'gu'), '') : line;
}

/** Mean plausibility of a string: common characters high, rare ones low, mojibake negative. */
function score(text: string): number {
  const stats = wordStats();
  const chars = [...toSimplified(text)];
  if (chars.length === 0) return 0;
  let total = 0;
  for (const c of chars) {
    if (c === '\ufffd') continue;
    if (MOJIBAKE_CHARS.test(c) || /[\u0100-\u024f]/u.test(c)) total -= 5;
    else if (/\p{Script=Han}/u.test(c)) total += Math.log10(stats.charFreq(c) + 1);
    else total += 3;
  }
  return total / chars.length;
}
