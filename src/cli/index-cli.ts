import { readConfig } from '../config.ts';
import { buildFromSeeds } from './build.ts';

// npm run index [-- --strict]
// Exit 0: every file indexed. 1: some files skipped (named above), the index was written anyway.
// 2: nothing written — a fatal error, or a skipped file under --strict.
const strict = process.argv.includes('--strict');
try {
  const { skipped } = buildFromSeeds(readConfig(), console.log, { strict });
  if (skipped > 0) {
    console.error(`${skipped} file(s) skipped; fix or remove them (the index was written without them)`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`index build failed: ${(error as Error).message}`);
  process.exitCode = 2;
}
