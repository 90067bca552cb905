import { readConfig } from '../config.ts';
import { buildFromSeeds } from './build.ts';

// npm run index [-- --strict]: exit 1 when files were skipped under --strict, 2 on a fatal error.
try {
  const { skipped } = buildFromSeeds(readConfig());
  if (skipped > 0) {
    console.error(`${skipped} file(s) skipped; fix or remove them${process.argv.includes('--strict') ? '' : ' (the index was still written)'}`);
    if (process.argv.includes('--strict')) process.exitCode = 1;
  }
} catch (error) {
  console.error(`index build failed: ${(error as Error).message}`);
  process.exitCode = 2;
}
