import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { compilePostings, type CompiledPostings } from '../../src/index/compiled-postings.ts';
import { POSTINGS_VERSION, PostingsFileError, parsePostings, serializePostings } from '../../src/index/postings-file.ts';
import { type IndexEntry, MINISEARCH_OPTIONS, WORD_SEPARATOR } from '../../src/index/schema.ts';
import { searchWords } from '../../src/search/word-executor.ts';
import { seedIndex } from '../helpers.ts';

function seedPostings(): CompiledPostings {
  const { corpus, index } = seedIndex();
  return compilePostings(index, corpus.sections.map((s) => s.key));
}

/** A tiny index whose body repeats one word 300 times: its term frequencies need two bytes. */
function repeatedWordPostings(): CompiledPostings {
  const index = new MiniSearch<IndexEntry>(MINISEARCH_OPTIONS);
  index.add({ id: 'a#s0', heading: '', body: Array(300).fill('发展').join(WORD_SEPARATOR), fields: '' });
  index.add({ id: 'a#s1', heading: ['城市', '更新'].join(WORD_SEPARATOR), body: '发展', fields: '' });
  return compilePostings(index, ['a#s0', 'a#s1']);
}

const bytesOf = (p: CompiledPostings) => Buffer.concat(serializePostings(p));

describe('postings.bin', () => {
  it('reads back exactly what was written, array types included, and answers the same queries', () => {
    for (const p of [seedPostings(), repeatedWordPostings()]) {
      const back = parsePostings(bytesOf(p), 'postings.bin');
      expect(back).toStrictEqual(p);
      for (const words of [['发展'], ['城市', '更新'], ['不存在的词']]) expect(searchWords(back, words)).toStrictEqual(searchWords(p, words));
    }
    expect(repeatedWordPostings().termFrequency.map((a) => a.BYTES_PER_ELEMENT)).toEqual([1, 2, 1]);
  });

  it('reads a buffer that does not start on an 8-byte boundary (copied once, then viewed)', () => {
    const p = repeatedWordPostings();
    const bytes = bytesOf(p);
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expect(parsePostings(shifted.subarray(3), 'postings.bin')).toStrictEqual(p);
  });

  it('views the arrays in place when the buffer is aligned: no copy of the postings', () => {
    const bytes = new Uint8Array(bytesOf(seedPostings()));
    const back = parsePostings(bytes, 'postings.bin');
    expect(back.ordinals.buffer).toBe(bytes.buffer);
    expect(back.termFrequency[1].buffer).toBe(bytes.buffer);
  });

  it('refuses a truncated file at any length with an error naming `npm run index`', () => {
    const bytes = bytesOf(repeatedWordPostings());
    for (const length of [0, 7, 40, 71, 72, 100, bytes.length - 8, bytes.length - 1]) {
      expect(() => parsePostings(bytes.subarray(0, length), 'index/gen-1-2/postings.bin'), `cut at ${length}`).toThrow(PostingsFileError);
      expect(() => parsePostings(bytes.subarray(0, length), 'index/gen-1-2/postings.bin')).toThrow(/index\/gen-1-2\/postings\.bin is truncated.*npm run index/);
    }
  });

  it('refuses another format version, another file type, trailing bytes and broken offsets, naming the fix', () => {
    const bytes = bytesOf(repeatedWordPostings());
    const otherVersion = Buffer.from(bytes);
    otherVersion.writeUInt32LE(POSTINGS_VERSION + 1, 8);
    expect(() => parsePostings(otherVersion, 'postings.bin')).toThrow(`postings.bin has format version ${POSTINGS_VERSION + 1}, this code reads version ${POSTINGS_VERSION}; run \`npm run index\``);
    const otherMagic = Buffer.from(bytes);
    otherMagic.write('{"index"', 0, 'latin1');
    expect(() => parsePostings(otherMagic, 'postings.bin')).toThrow(/not a postings file.*npm run index/);
    expect(() => parsePostings(Buffer.concat([bytes, Buffer.alloc(8)]), 'postings.bin')).toThrow(/8 bytes past its end.*npm run index/);
    const brokenOffsets = new Uint8Array(bytes); // offset 0: the parse views it in place
    // The last termStart entry sits right before termChars; make it point past the characters.
    const p = parsePostings(brokenOffsets, 'postings.bin');
    p.termStart[p.termStart.length - 1] += 1;
    expect(() => parsePostings(brokenOffsets, 'postings.bin')).toThrow(/inconsistent offsets.*npm run index/);
  });
});
