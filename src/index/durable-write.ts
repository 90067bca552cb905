import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';

/** Writes the chunks in order, each in full, then fsyncs: the data is on disk before anything points at it. */
export function writeDurably(path: string, chunks: Iterable<string | Buffer>): void {
  const fd = openSync(path, 'w');
  try {
    for (const chunk of chunks) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** fsyncs a directory, so a rename or a new file in it survives a power cut. */
export function syncDirectory(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
