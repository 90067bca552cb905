import { readConfig } from '../config.ts';
import { buildFromSeeds } from './build.ts';
import { parseCli } from './usage.ts';

const USAGE = `Usage: npm run index [-- --strict] [-- --verbose]

Reads every page in SEEDS_DIR (default seeds/) and writes the search index to INDEX_DIR (default
index/). A running server keeps its old index until it restarts.

Options:
  --strict    any file that cannot be read aborts the build; nothing is written
  --verbose   one line per document (file id, district, date, sections, title)
  -h, --help  this text

Progress goes to stderr: a bar with rate and time left on a terminal, a plain line every 5 s otherwise.
Exit status: 0 every file indexed; 1 some files skipped (named above), index written without them;
2 nothing written (an error, or a skipped file under --strict).`;

const { values } = parseCli(USAGE, { strict: { type: 'boolean' }, verbose: { type: 'boolean' } });
try {
  const { skipped } = buildFromSeeds(readConfig(), console.log, { strict: values.strict, verbose: values.verbose, progress: process.stderr });
  if (skipped > 0) {
    console.error(`${skipped} file(s) skipped; fix or remove them (the index was written without them)`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`index build failed: ${(error as Error).message}`);
  process.exitCode = 2;
}
