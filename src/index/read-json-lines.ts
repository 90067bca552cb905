import { readFileSync } from 'node:fs';

/**
 * Parses each line of a JSON-lines file on its own (one JSON string of a large index passes V8's
 * string limit); a file not ending in a newline is truncated.
 * Example: a file `{"documents":5}\n[null]\n` → `[{ documents: 5 }, [null]]`.
 */
export function readJsonLines(path: string): unknown[] {
  const bytes = readFileSync(path);
  if (bytes.length === 0 || bytes[bytes.length - 1] !== 0x0a) throw new Error(`${path} is truncated`);
  const out: unknown[] = [];
  for (let start = 0; start < bytes.length; ) {
    const end = bytes.indexOf(0x0a, start);
    out.push(JSON.parse(bytes.toString('utf8', start, end)));
    start = end + 1;
  }
  return out;
}
