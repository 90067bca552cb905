import type { SearchBackend } from './search-backend.ts';
import { type Engine, search } from './search.ts';

/**
 * The in-process engine behind the backend contract, the default.
 * Example: `await embeddedBackend(engine).search({ q: '棚改' })` → `search(engine, { q: '棚改' })`.
 */
export function embeddedBackend(engine: Engine): SearchBackend {
  return {
    kind: 'embedded',
    search: async (params) => search(engine, params),
    healthy: async () => true,
    close: async () => {},
  };
}
