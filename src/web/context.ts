import type { PolicyDocument } from '../domain.ts';
import type { SectionRecord } from '../index/corpus.ts';
import type { LoadedIndex } from '../index/index-store.ts';
import { type DepartmentSummary, listDepartments } from '../search/departments.ts';
import { EXPORT_COLUMNS, exportRows } from '../search/export-rows.ts';
import { embeddedBackend } from '../search/embedded-backend.ts';
import type { HitReads, SearchBackend } from '../search/search-backend.ts';
import { type Engine, type SearchResult, createEngine, search } from '../search/search.ts';
import { resolveDepartment } from '../search/resolve-department.ts';
import type { Request, Response } from 'express';
import { toCsv } from './csv.ts';
import { docUrl } from './links.ts';
import { BadRequest, type SearchRequest } from './params.ts';

/** What every route module reads: the engine and what is derived from the index once. */
export interface AppContext {
  loaded: LoadedIndex;
  engine: Engine;
  docs: ReadonlyMap<string, PolicyDocument>;
  departments: DepartmentSummary[];
  departmentsByName: ReadonlyMap<string, DepartmentSummary>;
  /** The one search call behind the page, the API, the exports, the feed and the comparison; `reads`: the hits the route reads (all when absent). */
  runSearch: (params: SearchRequest, reads?: HitReads) => Promise<SearchResult>;
  /** Who answers searches (embedded engine or PostgreSQL). */
  backend: SearchBackend;
  /** Known departments a name stands for (short names and aliases; see resolveDepartment). */
  resolveDepartment: (name: string) => string[];
}

/**
 * Searches go to `backend` (the in-process engine when none is given); documents, departments and
 * completions are read from the loaded index either way.
 * Example: `createContext(loaded).departmentsByName.get('罗湖区城市更新局').led` → 7.
 */
export function createContext(loaded: LoadedIndex, given?: SearchBackend): AppContext {
  const engine = createEngine(loaded);
  search(engine, { q: '预热' }); // load jieba and OpenCC now, not on the first user's request
  const departments = listDepartments(engine);
  const names = departments.map((d) => d.name);
  const backend = given ?? embeddedBackend(engine);
  return {
    loaded,
    engine,
    docs: engine.docs,
    departments,
    departmentsByName: new Map(departments.map((d) => [d.name, d])),
    backend,
    runSearch: (p, reads) => backend.search({ q: p.q, filters: p.filters, sort: p.sort, expand: p.expand, from: p.from, to: p.to }, reads),
    resolveDepartment: (name) => resolveDepartment(name, names, engine.facets.values.district),
  };
}

/** All the given sections as CSV (with BOM, for Excel) or JSON; `format` is the route's extension. */
export function sendExport(ctx: AppContext, req: Request, res: Response, sections: SectionRecord[], name: string) {
  const format = req.params.format;
  if (format !== 'csv' && format !== 'json') throw new BadRequest('bad_format', '导出格式只能是 csv 或 json。');
  const rows = exportRows(sections, ctx.docs, `${req.protocol}://${req.get('host')}`, (docId, sectionId) => docUrl(docId, sectionId));
  const file = `${name.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60)}.${format}`;
  res.set('Content-Disposition', `attachment; filename="export.${format}"; filename*=UTF-8''${encodeURIComponent(file)}`);
  if (format === 'json') return res.json(rows);
  res.type('text/csv; charset=utf-8').send(toCsv(EXPORT_COLUMNS.map(([, label]) => label), rows.map((r) => EXPORT_COLUMNS.map(([k]) => r[k]))));
}
