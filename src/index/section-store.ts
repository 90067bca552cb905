import type { SectionRecord } from './corpus.ts';
import { type Columns, NO_FIELDS, NONE, SAME_FOLDED, SLOTS, type StoreHeader } from './section-store-file.ts';

/**
 * One segment's sections read from sections.bin: integer columns and one UTF-16LE text buffer.
 * Strings are decoded only when asked for, so a loaded segment holds no string per section.
 * Example: `store.text(0)` → `一、总体要求\n…`; `store.contains(0, '总体要求')` → true.
 */
export class SectionStore {
  readonly size: number;
  private readonly c: Columns;
  private readonly dict: string[];

  constructor(header: StoreHeader, columns: Columns, readonly docIds: readonly string[]) {
    this.size = header.sections;
    this.c = columns;
    this.dict = header.dict;
  }

  docOrdinal(o: number): number {
    return this.c.docOf[o];
  }
  docId(o: number): string {
    return this.docIds[this.c.docOf[o]];
  }
  sectionId(o: number): string {
    return this.dict[this.c.sectionId[o]];
  }
  number(o: number): string | null {
    return this.word(this.c.number[o]);
  }
  deadline(o: number): string | null {
    return this.word(this.c.deadline[o]);
  }
  /** A document-level value (district, year, type, validity, date) of section o's document. */
  docValue(o: number, column: 'district' | 'year' | 'type' | 'validity' | 'date'): string | null {
    return this.word(this.c[column][this.c.docOf[o]]);
  }
  list(o: number, kind: 'path' | 'lead' | 'assist'): string[] {
    const start = this.c[`${kind}Start`];
    const items = this.c[`${kind}Items`];
    const out: string[] = [];
    for (let i = start[o], end = start[o + 1]; i < end; i++) out.push(this.dict[items[i]]);
    return out;
  }
  heading(o: number): string {
    return this.slot(o, 0);
  }
  text(o: number): string {
    return this.slot(o, 1);
  }
  folded(o: number): string {
    return this.c.flags[o] & SAME_FOLDED ? this.slot(o, 1) : this.slot(o, 2);
  }
  fields(o: number): string | null {
    return this.c.flags[o] & NO_FIELDS ? null : this.slot(o, 3);
  }

  /**
   * Does section o's folded text, or its header fields, contain `needle`? Searched in the buffer
   * itself: a UTF-16LE match at an even byte offset is a match of code units, exactly what
   * String.includes answers, without decoding the section.
   */
  contains(o: number, needle: string): boolean {
    if (needle.length === 0) return true;
    const bytes = encoded(needle);
    const k = o * SLOTS;
    const flags = this.c.flags[o];
    return this.within(flags & SAME_FOLDED ? k + 1 : k + 2, bytes) || (!(flags & NO_FIELDS) && this.within(k + 3, bytes));
  }

  private within(slot: number, needle: Buffer): boolean {
    const start = this.c.textStart[slot] * 2;
    const end = this.c.textStart[slot + 1] * 2;
    if (end - start < needle.length) return false;
    const view = this.c.texts.subarray(start, end);
    for (let at = view.indexOf(needle); at >= 0; at = view.indexOf(needle, at + 1)) if ((at & 1) === 0) return true;
    return false;
  }

  private slot(o: number, k: number): string {
    const s = o * SLOTS + k;
    return this.c.texts.toString('utf16le', this.c.textStart[s] * 2, this.c.textStart[s + 1] * 2);
  }

  private word(id: number): string | null {
    return id === NONE ? null : this.dict[id];
  }
}

// Literal confirmation asks the same needle of many sections in a row: its bytes are made once.
let lastNeedle = '';
let lastBytes = Buffer.alloc(0);
function encoded(needle: string): Buffer {
  if (needle !== lastNeedle) {
    lastBytes = Buffer.from(needle, 'utf16le');
    lastNeedle = needle;
  }
  return lastBytes;
}

/**
 * A section record that reads its store on demand: two fields per section in memory, its strings
 * made when a caller reads them (the hits shown, an export). Serialises as the plain record.
 * Example: `new StoredSection(store, 0).key` → `000_3b22d4aff9f0ab3b#s0`.
 */
export class StoredSection implements SectionRecord {
  constructor(
    readonly store: SectionStore,
    readonly ordinal: number,
  ) {}
  get key(): string {
    return `${this.docId}#${this.sectionId}`;
  }
  get docId(): string {
    return this.store.docId(this.ordinal);
  }
  get sectionId(): string {
    return this.store.sectionId(this.ordinal);
  }
  get heading(): string {
    return this.store.heading(this.ordinal);
  }
  get number(): string | null {
    return this.store.number(this.ordinal);
  }
  get path(): string[] {
    return this.store.list(this.ordinal, 'path');
  }
  get text(): string {
    return this.store.text(this.ordinal);
  }
  get folded(): string {
    return this.store.folded(this.ordinal);
  }
  get fields(): string | null {
    return this.store.fields(this.ordinal);
  }
  get lead(): string[] {
    return this.store.list(this.ordinal, 'lead');
  }
  get assist(): string[] {
    return this.store.list(this.ordinal, 'assist');
  }
  get district(): string | null {
    return this.store.docValue(this.ordinal, 'district');
  }
  get year(): string | null {
    return this.store.docValue(this.ordinal, 'year');
  }
  get type(): string | null {
    return this.store.docValue(this.ordinal, 'type');
  }
  get validity(): string | null {
    return this.store.docValue(this.ordinal, 'validity');
  }
  get deadline(): string | null {
    return this.store.deadline(this.ordinal);
  }
  get date(): string | null {
    return this.store.docValue(this.ordinal, 'date');
  }
  /** The plain record (JSON, the PostgreSQL load, tests comparing with a built corpus). */
  toJSON(): SectionRecord {
    const { key, docId, sectionId, heading, number, path, text, folded, fields, lead, assist, district, year, type, validity, deadline, date } = this;
    return { key, docId, sectionId, heading, number, path, text, folded, fields, lead, assist, district, year, type, validity, deadline, date };
  }
}
