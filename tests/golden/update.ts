/**
 * Regenerates the golden files: tests/golden/*.json from the seeds and tests/golden/pages/*.json from
 * the shape fixtures in tests/fixtures/pages. Read the diff before committing: it is the review.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestDocument } from '../../src/ingest/ingest-document.ts';
import { toGolden } from './golden-format.ts';

export const GOLDEN_SETS = [
  { pages: 'seeds', golden: 'tests/golden' },
  { pages: 'tests/fixtures/pages', golden: 'tests/golden/pages' },
];

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const { pages, golden } of GOLDEN_SETS) {
    mkdirSync(golden, { recursive: true });
    for (const file of readdirSync(pages).filter((f) => !f.startsWith('.')).sort()) {
      const doc = ingestDocument({ file, bytes: readFileSync(join(pages, file)) });
      writeFileSync(join(golden, `${doc.id}.json`), JSON.stringify(toGolden(doc), null, 2) + '\n');
      console.log(`wrote ${golden}/${doc.id}.json (${doc.sections.length} sections)`);
    }
  }
}
