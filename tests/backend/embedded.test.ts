import { describe } from 'vitest';
import { embeddedBackend } from '../../src/search/embedded-backend.ts';
import { createEngine } from '../../src/search/search.ts';
import { seedIndex } from '../helpers.ts';
import { contractSuite } from './contract.ts';

describe('embedded backend on the seeds', () => {
  contractSuite(seedIndex(), async () => embeddedBackend(createEngine(seedIndex())));
});
