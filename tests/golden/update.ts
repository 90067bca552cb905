/** Regenerates tests/golden/*.json from the seeds. Read the diff before committing: it is the review. */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestDocument } from '../../src/ingest/ingest-document.ts';
import { toGolden } from './golden-format.ts';

const seeds = 'seeds';
for (const file of readdirSync(seeds).sort()) {
  const doc = ingestDocument({ file, bytes: readFileSync(join(seeds, file)) });
  writeFileSync(join('tests/golden', `${doc.id}.json`), JSON.stringify(toGolden(doc), null, 2) + '\n');
  console.log(`wrote tests/golden/${doc.id}.json (${doc.sections.length} sections)`);
}
