import { describe } from 'vitest';
import { generatedIndex, pgliteBackend } from './backends.ts';
import { contractSuite } from './contract.ts';

const built = generatedIndex(800);

describe('PostgreSQL backend (PGlite) on a generated corpus of about 800 sections', () => {
  contractSuite(built, async () => (await pgliteBackend(built)).backend);
});
