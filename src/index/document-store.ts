import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { LRUCache } from 'lru-cache';
import type { PolicyDocument, Section } from '../domain.ts';

/** What every page needs of a document at once (listing, facets, glossary cards): parsed at load. */
export type DocumentHead = Pick<PolicyDocument, 'id' | 'file' | 'encoding' | 'traditional' | 'meta' | 'glossary'>;
/** documents.json: the heads, the completion vocabulary, and each body's byte length in bodies.jsonl. */
export interface DocumentsFile {
  heads: DocumentHead[];
  bytes: number[];
  vocabulary: [string, number][];
}

/**
 * A document's sections as stored in bodies.jsonl (one line each): only what cannot be derived —
 * 原文 and a section's text only where they differ from its paragraphs; the body is its sections' lines.
 * Example: a section `{ paragraphs: ['一、总体要求'], original: ['一、总体要求'], text: '一、总体要求' }` → `{ paragraphs: ['一、总体要求'] }`.
 */
export function bodyLine(d: PolicyDocument): string {
  const sections = d.sections.map((s) => ({ ...s, original: sameLines(s.original, s.paragraphs) ? undefined : s.original, text: s.text === s.paragraphs.join('\n') ? undefined : s.text }));
  return JSON.stringify(sections) + '\n';
}

/** The head of a document (its fields other than sections and body). Example: 罗湖 2017 plan → `{ id, file, encoding, traditional, meta, glossary }`. */
export function documentHead(d: PolicyDocument): DocumentHead {
  return { id: d.id, file: d.file, encoding: d.encoding, traditional: d.traditional, meta: d.meta, glossary: d.glossary };
}

function sameLines(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((line, i) => line === b[i]);
}

/**
 * bodies.jsonl read a line at a time when a page needs a document (its page, an export, a
 * comparison), the last few kept parsed. The file stays open (a merge may remove the segment's
 * folder while this generation is still served) and is closed when the store is collected.
 * Example: `bodies.sections(3)` → the fourth document's Section[].
 */
export class DocumentBodies {
  private readonly fd: number;
  private readonly start: Float64Array;
  private readonly cache = new LRUCache<number, Section[]>({ max: 64 });

  constructor(path: string, bytes: readonly number[]) {
    this.start = new Float64Array(bytes.length + 1);
    bytes.forEach((b, i) => (this.start[i + 1] = this.start[i] + b));
    this.fd = openSync(path, 'r');
    const size = fstatSync(this.fd).size;
    if (size !== this.start[bytes.length]) {
      closeSync(this.fd);
      throw new Error(`${path} has ${size} bytes, documents.json says ${this.start[bytes.length]} (truncated or from another build)`);
    }
    CLOSE.register(this, this.fd);
  }

  sections(k: number): Section[] {
    let sections = this.cache.get(k);
    if (!sections) {
      const length = this.start[k + 1] - this.start[k];
      const line = Buffer.allocUnsafe(length);
      for (let at = 0; at < length; ) at += readSync(this.fd, line, at, length - at, this.start[k] + at);
      const stored = JSON.parse(line.toString('utf8')) as (Omit<Section, 'original' | 'text'> & Partial<Pick<Section, 'original' | 'text'>>)[];
      sections = stored.map((s) => ({ ...s, original: s.original ?? s.paragraphs, text: s.text ?? s.paragraphs.join('\n') }));
      this.cache.set(k, sections);
    }
    return sections;
  }
}

const CLOSE = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
});

/**
 * A PolicyDocument whose head is in memory and whose sections are read from bodies.jsonl when
 * first asked for. Serialises as the plain document.
 * Example: `doc.meta.title` costs nothing; `doc.sections` reads one line of bodies.jsonl.
 */
export class StoredDocument implements PolicyDocument {
  readonly id: string;
  readonly file: string;
  readonly encoding: PolicyDocument['encoding'];
  readonly traditional: boolean;
  readonly meta: PolicyDocument['meta'];
  readonly glossary: PolicyDocument['glossary'];

  constructor(
    head: DocumentHead,
    private readonly bodies: DocumentBodies,
    private readonly k: number,
    /** How many sections it has, known without reading them (the section store counts them). */
    readonly sectionCount: number,
  ) {
    ({ id: this.id, file: this.file, encoding: this.encoding, traditional: this.traditional, meta: this.meta, glossary: this.glossary } = head);
  }
  get sections(): Section[] {
    return this.bodies.sections(this.k);
  }
  get body(): string[] {
    return this.sections.flatMap((s) => s.paragraphs);
  }
  toJSON(): PolicyDocument {
    return { ...documentHead(this), sections: this.sections, body: this.body };
  }
}

/** A document's section count: from the store when it is a stored one, so its sections are not read. Example: → 58. */
export function sectionCount(d: PolicyDocument): number {
  return d instanceof StoredDocument ? d.sectionCount : d.sections.length;
}
