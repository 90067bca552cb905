import type { Departments, PolicyDocument, RawPage } from '../domain.ts';
import { cleanLines } from './clean-lines.ts';
import { decodeBytes, isHtmlFile } from './decode-bytes.ts';
import { canonicalDepartment, extractDepartments } from './extract-departments.ts';
import { extractMetadata } from './extract-metadata.ts';
import { htmlToText } from './html-to-text.ts';
import { IngestError } from './ingest-error.ts';
import { readDeadline } from './read-deadline.ts';
import { splitSections } from './split-sections.ts';

/**
 * The ingest stage order, written once: decode → (HTML → text lines) → clean (mojibake, pinyin, chrome, simplified)
 * → metadata → sections → departments.
 * Example: a page `羅湖區(qū)…一、指導(dǎo)思想…` → a PolicyDocument with meta.district `罗湖区`
 * and a section `s1` headed `指导思想`.
 */
export function ingestDocument(page: RawPage): PolicyDocument {
  const decoded = decodeBytes(page);
  const lines = cleanLines(isHtmlFile(page.file) ? htmlToText(decoded.text) : decoded.text);
  if (lines.length === 0) throw new IngestError(page.file, 'no text left after cleaning (only page furniture?)');
  const { meta, headerLines } = extractMetadata(lines, page.file.replace(/\.[^.]+$/, ''));
  const header = new Set(headerLines);
  const bodyLines = lines.filter((_, i) => !header.has(i));
  const sections = splitSections(bodyLines).map((s) => ({
    ...s,
    // A table row's departments come from its columns; other items name them in a note.
    departments: s.kind === 'row' ? qualify(s.departments, meta.district) : extractDepartments(s.text, meta.district),
    deadline: s.deadline ?? (s.kind === 'preface' ? null : readDeadline(s.text)),
  }));
  return {
    id: documentId(page.file),
    file: page.file,
    encoding: decoded.encoding,
    traditional: lines.some((l) => l.original !== l.text),
    meta,
    sections,
    body: bodyLines.map((l) => l.text),
    glossary: sections.flatMap((s) => (s.glossary ? [s.glossary] : [])),
  };
}

/**
 * A URL-safe id from the file name, stable across rebuilds.
 * Example: `000_3b22d4aff9f0ab3b.txt` → `000_3b22d4aff9f0ab3b`; `罗湖 计划.txt` → `罗湖-计划`.
 */
export function documentId(file: string): string {
  return file
    .replace(/\.[^.]+$/, '')
    .replace(/[\s/\\?#%&"'<>]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'document';
}

function qualify(d: Departments, district: string | null): Departments {
  const canon = (names: string[]) => [...new Set(names.map((n) => canonicalDepartment(n, district)))];
  return { lead: canon(d.lead), assist: canon(d.assist) };
}
