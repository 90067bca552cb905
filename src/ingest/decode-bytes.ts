import type { DecodedPage, RawPage, SourceEncoding } from '../domain.ts';
import { declaredCharset } from './html-to-text.ts';
import { IngestError } from './ingest-error.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030', { fatal: false });
const latin1 = new TextDecoder('latin1');

/** Share of control bytes (other than tab/CR/LF/FF/ESC) above which a file is taken as binary. */
const BINARY_CONTROL_SHARE = 0.01;

/**
 * Decodes a seed page, detecting its encoding rather than assuming it.
 *
 * BOMs decide first (UTF-8, UTF-16 LE/BE); otherwise strict UTF-8 is tried, then GB18030
 * (a superset of GBK and GB2312). Example: the GBK bytes `C2DE BAFE C7F8` → `{ encoding: 'gb18030', text: '罗湖区' }`.
 * Throws IngestError for empty or binary files so the caller can report and skip them.
 */
export function decodeBytes(page: RawPage): DecodedPage {
  const { file, bytes } = page;
  if (bytes.length === 0) throw new IngestError(file, 'the file is empty');
  const bom = detectBom(bytes);
  if (bom) {
    const text = new TextDecoder(bom.label).decode(bytes.subarray(bom.skip));
    return { file, encoding: bom.encoding, text: stripNul(text) };
  }
  if (looksBinary(bytes)) {
    throw new IngestError(file, 'the file is binary (not a text page); remove it from the seeds folder');
  }
  // A saved web page says its charset in a <meta> near the top; GBK pages say gbk or gb2312.
  if (isHtmlFile(file) && /^(gbk|gb2312|gb18030|x-gbk)$/.test(declaredCharset(latin1.decode(bytes.subarray(0, 4096))) ?? '')) {
    return { file, encoding: 'gb18030', text: stripNul(gb18030.decode(bytes)) };
  }
  try {
    return { file, encoding: 'utf-8', text: stripNul(utf8.decode(bytes)) };
  } catch {
    return { file, encoding: 'gb18030', text: stripNul(gb18030.decode(bytes)) };
  }
}

function detectBom(b: Uint8Array): { label: string; skip: number; encoding: SourceEncoding } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { label: 'utf-8', skip: 3, encoding: 'utf-8-bom' };
  if (b[0] === 0xff && b[1] === 0xfe) return { label: 'utf-16le', skip: 2, encoding: 'utf-16le' };
  if (b[0] === 0xfe && b[1] === 0xff) return { label: 'utf-16be', skip: 2, encoding: 'utf-16be' };
  return null;
}

/** Text pages have almost no control bytes; PDFs, images and archives have many. */
function looksBinary(b: Uint8Array): boolean {
  const sample = b.subarray(0, 64 * 1024);
  let controls = 0;
  for (const byte of sample) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) controls++;
  }
  return controls / sample.length > BINARY_CONTROL_SHARE;
}

/** Stray NUL characters carry no meaning in a page and break later stages. */
function stripNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}

/** Pages saved from a browser: `通知.html`, `index.htm`. */
export function isHtmlFile(file: string): boolean {
  return /\.html?$/i.test(file);
}
