import { Router, type Request, type Response } from 'express';
import { departmentItems, groupDepartmentItems } from '../../search/departments.ts';
import { departmentAliasesOf, nearestDepartments } from '../../search/resolve-department.ts';
import { queryHighlight } from '../../search/search.ts';
import { termsToMark } from '../../search/highlight-terms.ts';
import { makeSnippet } from '../../search/snippet.ts';
import type { SectionRecord } from '../../index/corpus.ts';
import { type AppContext, sendExport } from '../context.ts';
import { notFound } from '../errors.ts';
import { departmentUrl, docUrl } from '../links.ts';
import { parseDepartmentRequest } from '../params.ts';

/** /departments and /departments/:name (short names and aliases redirect to the canonical name). */
export function departmentRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/departments', (_req, res) => {
    res.render('departments', { departments: ctx.departments });
  });

  router.get('/departments/:name', (req, res) => {
    const dept = ctx.departmentsByName.get(req.params.name);
    if (!dept) return redirectOrMiss(ctx, req, res, '');
    const filter = parseDepartmentRequest(req.query);
    const items = departmentItems(ctx.engine, dept.name, filter);
    const groups = filter.q ? queryHighlight(filter.q) : [];
    res.render('department', {
      dept, filter, items, docs: ctx.docs, aliases: departmentAliasesOf(dept.name, dept.district),
      years: dept.years,
      groups: groupDepartmentItems(items),
      exportUrl: (format: string) => departmentUrl(dept.name, filter, `/export.${format}`),
      itemUrl: (s: SectionRecord) => docUrl(s.docId, s.sectionId, filter.q ? { q: filter.q } : null),
      docLink: (docId: string) => docUrl(docId),
      snippet: (s: SectionRecord) => makeSnippet(s.text, termsToMark(s.text, groups)),
    });
  });

  router.get('/departments/:name/export.:format', (req, res) => {
    const dept = ctx.departmentsByName.get(req.params.name);
    if (!dept) return redirectOrMiss(ctx, req, res, `/export.${req.params.format}`);
    const items = departmentItems(ctx.engine, dept.name, parseDepartmentRequest(req.query));
    sendExport(ctx, req, res, items.map((i) => i.section), dept.name);
  });
  return router;
}

/**
 * A name that is not a canonical department: one department it stands for → redirect there (罗湖区住建局 →
 * 罗湖区住房和建设局); several (城市更新局) → a list to choose from; none → 404 naming the nearest ones.
 */
function redirectOrMiss(ctx: AppContext, req: Request, res: Response, suffix: string) {
  const asked = req.params.name as string;
  const names = ctx.resolveDepartment(asked);
  const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
  if (names.length === 1) return res.redirect(301, departmentUrl(names[0], {}, suffix) + query);
  if (names.length > 1) return res.render('departments', { departments: names.map((n) => ctx.departmentsByName.get(n)!), asked });
  const nearest = nearestDepartments(asked, ctx.departments.map((d) => d.name));
  notFound(req, res, 'unknown_department', `没有名为“${asked}”的单位。${nearest.length ? '您是否要找下列单位？' : '请在“责任单位”页面查找。'}`, {
    suggestions: nearest.map((n) => ({ label: n, url: departmentUrl(n) })),
  });
}
