import { describe } from 'vitest';
import { seedIndex } from '../helpers.ts';
import { pgliteBackend } from './backends.ts';
import { contractSuite } from './contract.ts';

describe('PostgreSQL backend (PGlite) on the seeds', () => {
  contractSuite(seedIndex(), async () => (await pgliteBackend(seedIndex())).backend);
});
