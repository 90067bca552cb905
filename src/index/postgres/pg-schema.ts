import { FACETS } from '../../search/facet-registry.ts';
import { hanClass } from './han-class.ts';
import type { SqlClient } from './sql-client.ts';

/** Bump with a new entry in MIGRATIONS when the tables change; the server refuses a newer database. */
export const PG_SCHEMA_VERSION = 3;

/** The column holding a facet's values for a section. Example: `department` → `f_department`. */
export function facetColumn(facet: string): string {
  return `f_${facet}`;
}

/**
 * Every Han character and adjacent Han pair of a text, as lexemes: the bigram index of the embedded
 * engine, as an IMMUTABLE function so one GIN expression index holds it. Only the index evaluates it
 * (about 0.2 ms a row): queries never use it as a row filter.
 */
const HAN = hanClass();
export const HAN_GRAMS = `
CREATE OR REPLACE FUNCTION zc_han_grams(t text) RETURNS tsvector LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $f$
  SELECT coalesce(array_to_tsvector(array_agg(DISTINCT g)), ''::tsvector)
  FROM (SELECT ch, lead(ch) OVER (ORDER BY n) AS nx FROM unnest(string_to_array(t, NULL)) WITH ORDINALITY AS u(ch, n)) c,
  LATERAL (VALUES (CASE WHEN ch ~ '^[${HAN}]$' THEN ch END),
                  (CASE WHEN ch ~ '^[${HAN}]$' AND nx ~ '^[${HAN}]$' THEN ch || nx END)) AS v(g)
  WHERE g IS NOT NULL
$f$`;

/** The one GIN index searches probe: Han characters and pairs of the text, and the section's words. */
export const ACCESS_INDEX = 'CREATE INDEX zc_sections_access ON zc_sections USING gin ((zc_han_grams(folded) || strip(words)))';

/** Statements per version: MIGRATIONS[v - 1] brings a database from version v - 1 to v. */
const MIGRATIONS: string[][] = [
  [
    HAN_GRAMS,
    // One row: the generation readers use and the statistics BM25 needs (MiniSearch's), per field of SEARCH_FIELDS.
    // `folded` holds gramText (the text, and the header fields on a document's first section).
    `CREATE TABLE zc_state (one boolean PRIMARY KEY DEFAULT true CHECK (one), generation integer NOT NULL, sections integer NOT NULL,
      avg float8[] NOT NULL, seeds_hash text NOT NULL, built_at timestamptz NOT NULL)`,
    `CREATE TABLE zc_sections (generation integer NOT NULL, ord integer NOT NULL, doc_ord integer NOT NULL, key text NOT NULL,
      date text, ${FACETS.map((f) => `${facetColumn(f)} text[] NOT NULL`).join(', ')},
      folded text NOT NULL, words tsvector NOT NULL, tf jsonb NOT NULL, lens integer[] NOT NULL,
      record jsonb NOT NULL, PRIMARY KEY (generation, ord))`,
    ACCESS_INDEX,
    `CREATE TABLE zc_terms (generation integer NOT NULL, term text NOT NULL, df integer[] NOT NULL, PRIMARY KEY (generation, term))`,
    `CREATE TABLE zc_glossary_documents (generation integer NOT NULL, id text NOT NULL, doc jsonb NOT NULL, PRIMARY KEY (generation, id))`,
  ],
  [
    // Incremental loads: a section row belongs to its document (id, position k) and is kept while the
    // document's hash is unchanged; ordinals, which shift when documents come and go, live in
    // zc_documents (one row per document, rewritten by every load). The rows of version 1 cannot be
    // converted: the index is emptied and the next `npm run index` loads it again.
    'TRUNCATE zc_sections, zc_terms, zc_glossary_documents',
    'DELETE FROM zc_state',
    'ALTER TABLE zc_sections DROP CONSTRAINT zc_sections_pkey',
    'ALTER TABLE zc_sections DROP COLUMN generation, DROP COLUMN ord, DROP COLUMN doc_ord',
    'ALTER TABLE zc_sections ADD COLUMN doc_id text NOT NULL, ADD COLUMN k integer NOT NULL, ADD PRIMARY KEY (doc_id, k)',
    `CREATE TABLE zc_documents (generation integer NOT NULL, doc_id text NOT NULL, doc_ord integer NOT NULL, first_ord integer NOT NULL,
      hash text NOT NULL, PRIMARY KEY (generation, doc_id))`,
  ],
  [
    // A search reads every match's text, words, tf and facet values: those stay in the row (compressed
    // if need be), and only the record, read once per section into Node's SectionCache, is moved to
    // the TOAST table; with the record in the row, PostgreSQL moved the others out (about 29 buffer
    // reads a match). tf no longer lists the usual counts (USUAL_TF), which rows of version 2 still
    // do: the index is emptied and the next `npm run index` loads it again.
    'TRUNCATE zc_sections, zc_documents, zc_terms, zc_glossary_documents',
    'DELETE FROM zc_state',
    // The load a database's generation came from, the same on every shard of one sharded load: a
    // sharded reader answers only from shards agreeing on it.
    "ALTER TABLE zc_state ADD COLUMN load_id text NOT NULL DEFAULT ''",
    `ALTER TABLE zc_sections ${['key', 'date', ...FACETS.map(facetColumn), 'folded', 'words', 'tf', 'lens'].map((c) => `ALTER COLUMN ${c} SET STORAGE MAIN`).join(', ')}`,
  ],
];

/** Raised when the database was written by a newer version of the program. */
export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError';
}

/**
 * Creates the tables, or brings them up to PG_SCHEMA_VERSION, in one transaction.
 * Example: an empty database → version 1 with zc_state, zc_sections, zc_terms; a version-1 one → unchanged.
 */
export async function migrate(client: SqlClient): Promise<number> {
  return client.write(async (q) => {
    // One migrator at a time: two servers starting together must not both create the tables.
    await q('SELECT pg_advisory_xact_lock(160016)');
    await q('CREATE TABLE IF NOT EXISTS zc_schema_version (version integer NOT NULL)');
    const rows = await q<{ version: number }>('SELECT max(version) AS version FROM zc_schema_version');
    const current = rows[0]?.version ?? 0;
    if (current > PG_SCHEMA_VERSION) {
      throw new SchemaTooNewError(`the database holds index schema version ${current}, newer than this program's ${PG_SCHEMA_VERSION}; upgrade the program or point DATABASE_URL at another database`);
    }
    for (let v = current + 1; v <= PG_SCHEMA_VERSION; v++) {
      for (const statement of MIGRATIONS[v - 1]) await q(statement);
      await q('INSERT INTO zc_schema_version (version) VALUES ($1)', [v]);
    }
    return PG_SCHEMA_VERSION;
  });
}
