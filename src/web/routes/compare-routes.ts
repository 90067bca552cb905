import { Router } from 'express';
import { columnYears, compareByDistrict } from '../../search/compare.ts';
import type { AppContext } from '../context.ts';
import { searchLink } from '../links.ts';
import { parseSearchRequest } from '../params.ts';
import { yearChart } from '../year-chart.ts';

/** /compare: one column per district of the corpus, zeros included, with a department filter and a per-year chart. */
export function compareRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/compare', (req, res) => {
    // Every district is a column, so a district filter would only empty the others.
    const parsed = parseSearchRequest(req.query, 10, { cut: true });
    const params = { ...parsed, filters: { ...parsed.filters, district: [] } };
    const result = ctx.runSearch(params);
    const columns = compareByDistrict(result.hits, ctx.engine.facets.values.district);
    res.render('compare', {
      params, result, columns, docs: ctx.docs,
      chart: yearChart(columns, columnYears(columns)),
      departmentNames: ctx.departments.filter((d) => d.led > 0).map((d) => d.name),
      searchUrl: searchLink(params),
      link: (changes: Record<string, string | string[] | null>) => searchLink(params, changes, '/compare'),
    });
  });
  return router;
}
