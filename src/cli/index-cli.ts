import { readConfig } from '../config.ts';
import { readLiveCorpus } from '../index/index-store.ts';
import { seedsHash } from '../pipeline/read-seeds.ts';
import { loadIntoPostgres } from './load-postgres.ts';
import { SEGMENT_SECTIONS, updateIndex } from './update-index.ts';
import { parseCli } from './usage.ts';

const USAGE = `Usage: npm run index [-- --strict] [-- --verbose] [-- --full] [-- --merge]

Brings the search index in INDEX_DIR (default index/) up to date with the pages in SEEDS_DIR
(default seeds/). Only new or changed files are read (size and time, then sha256); they go into a
new segment, and the documents they replace or that were removed are marked deleted. A running
server picks up the new generation within about a second. With no usable index (none yet, or one
written by another version) every file is read, in segments of bounded size. With
SEARCH_BACKEND=postgres the sections are also loaded into DATABASE_URL as a new generation,
switched to in one transaction.

Options:
  --strict    any file that cannot be read aborts the run; nothing is published
  --verbose   one line per document read (file id, district, date, sections, title)
  --full      read every file again and rewrite every segment
  --merge     fold small segments (and drop deleted documents for good) now
  --segment-sections N   sections per segment (default ${SEGMENT_SECTIONS}; memory follows it)
  -h, --help  this text

Progress goes to stderr: a bar with rate and time left on a terminal, a plain line every 5 s otherwise.
Exit status: 0 every file indexed; 1 some files skipped (named above), index written without them;
2 nothing written (an error, or a skipped file under --strict).`;

const { values } = parseCli(USAGE, {
  strict: { type: 'boolean' }, verbose: { type: 'boolean' }, full: { type: 'boolean' }, merge: { type: 'boolean' }, 'segment-sections': { type: 'string' },
});
try {
  const config = readConfig();
  const segmentSections = values['segment-sections'] === undefined ? undefined : Number(values['segment-sections']);
  if (segmentSections !== undefined && !(Number.isInteger(segmentSections) && segmentSections > 0)) throw new Error(`--segment-sections ${values['segment-sections']} is not a positive whole number`);
  const result = await updateIndex(config, console.log, {
    strict: values.strict, verbose: values.verbose, full: values.full, merge: values.merge, segmentSections, progress: process.stderr,
  });
  if (!result.published) console.log(`${config.indexDir}/ is up to date with ${config.seedsDir}/ (${result.manifest.counts.documents} documents, generation ${result.manifest.generation})`);
  // PostgreSQL takes the whole live corpus each time, read back from the segments (held in memory
  // whole, as before segments; only its documents and records, no postings).
  if (config.searchBackend === 'postgres') await loadIntoPostgres(config, { corpus: readLiveCorpus(config.indexDir) }, seedsHash(config.seedsDir));
  if (result.skipped > 0) {
    console.error(`${result.skipped} file(s) skipped; fix or remove them (the index was written without them)`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`index build failed: ${(error as Error).message}`);
  process.exitCode = 2;
}
