// The exactness check, in a fresh process after the timed run: our server's HTTP answers against
// brute force over the same index (loaded as the server loads it).
//   node --import tsx bench/check-exact.ts <index folder> <answers.json>   (answers: { queries, ours })
// Per query: total and every facet count equal a brute-force count over the full match list (each facet
// counted with every filter but its own, as the page does); the literal band equals a scan of every
// section's text for the query (filter applied); the page's hits are the in-process ranking's.
import { readFileSync } from 'node:fs';
import { containsText } from '../src/index/corpus.ts';
import { loadIndex } from '../src/index/index-store.ts';
import { FACETS, type FacetName, facetValues } from '../src/search/facet-registry.ts';
import { createEngine, search } from '../src/search/search.ts';
import { normalizeQuery } from '../src/segment/normalize.ts';
import type { GeneratedQuery } from './make-queries.ts';
import type { Answer } from './send-queries.ts';

const [indexDir, answersFile] = process.argv.slice(2);
const { queries, ours } = JSON.parse(readFileSync(answersFile, 'utf8')) as { queries: GeneratedQuery[]; ours: Answer[] };
const started = performance.now();
const loaded = loadIndex(indexDir);
const loadMs = performance.now() - started;
const engine = createEngine(loaded, { cache: false });
const sections = loaded.corpus.sections;
const problems: string[] = [];
let literalChecks = 0;

const same = (a: [string, number][], b: Map<string, number>) => a.length === b.size && a.every(([v, n]) => b.get(v) === n);

queries.forEach((g, i) => {
  const answer = ours[i];
  const where = `${g.cls}/${g.variant} "${g.q}"${g.district ? ` district ${g.district}` : ''}`;
  const inDistrict = (s: (typeof sections)[number]) => !g.district || facetValues(s, 'district').includes(g.district);
  const all = search(engine, { q: g.q });
  const counted = (facet: FacetName) => {
    const counts = new Map<string, number>();
    for (const h of all.hits) {
      if (facet !== 'district' && !inDistrict(h.section)) continue;
      for (const v of facetValues(h.section, facet)) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    return counts;
  };
  const total = all.hits.filter((h) => inDistrict(h.section)).length;
  if (answer.total !== total) problems.push(`${where}: total ${answer.total} over HTTP, brute-force count ${total}`);
  for (const f of FACETS) if (!same(answer.facets[f] ?? [], counted(f))) problems.push(`${where}: ${f} facet counts over HTTP differ from a brute-force count over all matches`);
  const filtered = search(engine, { q: g.q, filters: g.district ? { district: [g.district] } : {} });
  const start = ((g.page ?? 1) - 1) * 20;
  const page = filtered.hits.slice(start, start + 20).map((h) => h.section.key);
  if (page.join() !== answer.keys.join()) problems.push(`${where}: page ${g.page ?? 1} over HTTP is not the in-process ranking's`);
  if (g.q.includes(' ') || answer.expansions) return;
  literalChecks++;
  const text = normalizeQuery(g.q);
  const scanned = sections.filter((s) => inDistrict(s) && containsText(s, text)).map((s) => s.key).sort();
  const band = filtered.hits.slice(0, filtered.literalCount).map((h) => h.section.key).sort();
  if (answer.literalCount !== scanned.length) problems.push(`${where}: literal band ${answer.literalCount} over HTTP, ${scanned.length} sections contain it`);
  else if (band.join() !== scanned.join()) problems.push(`${where}: the literal band is not the set of sections containing it`);
});
console.log('RESULT ' + JSON.stringify({ loadMs, checked: queries.length, literalChecks, problems }));
