import { documentDate } from '../index/corpus.ts';
import { readConfig } from '../config.ts';
import { loadIndex } from '../index/index-store.ts';
import { FACET_REGISTRY, type Filters } from '../search/facet-registry.ts';
import { groupByDocument } from '../search/group-results.ts';
import { termsToMark } from '../search/highlight-terms.ts';
import { createEngine, hitCount, hitPage, search } from '../search/search.ts';
import { makeSnippet } from '../search/snippet.ts';
import { parseCli } from './usage.ts';

const USAGE = `Usage: npm run search -- <words…> [--dept 单位] [--district 区] [--year 年] [--type 类型] [--validity 有效]
                         [--from 2015] [--to 2017-06] [--sort date|date-asc] [--limit N [--page P]]

Searches the index in INDEX_DIR (default index/; build it with \`npm run index\`) and prints every
matching item, grouped by document, highlighted. Words are ANDed (stop words such as 的 and 关于 need
not match; when no item has every word, the items with most of them are listed and it says so);
"短语" matches literally; -词 excludes; A OR B matches either. Each filter may be repeated; a
department may be a short name or alias (城市更新局 = every district's 城市更新局). With filters
only, every item they select is listed. --limit pages the list and says how many are left.

Examples:
  npm run search -- 城市更新 --dept 城市更新局
  npm run search -- "城市更新" -棚户区 --district 罗湖区 --year 2017
  npm run search -- 城市更新 --sort date --limit 10 --page 2`;

const { values, positionals } = parseCli(USAGE, {
  ...Object.fromEntries(FACET_REGISTRY.map((f) => [f.param, { type: 'string' as const, multiple: true as const }])),
  from: { type: 'string' }, to: { type: 'string' }, sort: { type: 'string' }, limit: { type: 'string' }, page: { type: 'string' },
});
const given = values as Record<string, string | string[] | undefined>;
const filters = Object.fromEntries(FACET_REGISTRY.map((f) => [f.name, (given[f.param] as string[] | undefined) ?? []])) as Filters;
if (positionals.join('').trim() === '' && !Object.values(filters).some((v) => v.length) && !given.from && !given.to) {
  process.stderr.write(`No search words or filters given.\n\n${USAGE}\n`);
  process.exit(2);
}
const config = readConfig();
try {
  const engine = createEngine(loadIndex(config.indexDir));
  const sort = given.sort === 'date' || given.sort === 'date-asc' ? given.sort : 'relevance';
  const result = search(engine, { q: positionals.join(' '), filters, from: given.from as string | undefined, to: given.to as string | undefined, sort });
  // Every item by default; --limit pages through them (and says how to see the rest).
  const limit = given.limit ? Math.max(1, Number(given.limit) || 1) : Math.max(1, hitCount(result));
  const page = Math.max(1, Number(given.page ?? 1) || 1);
  const shown = hitPage(result, (page - 1) * limit, page * limit);
  const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1;31m${s}\x1b[0m` : `【${s}】`);
  console.log(`${hitCount(result)} 个条目，来自 ${result.totalDocuments} 份文件（分词：${result.segmented.map((c) => c.join('/')).join(' + ')}）`);
  if (result.relaxed) console.log('没有同时包含全部词语的条目，以下条目包含其中大部分。');
  for (const r of result.resolvedDepartments) console.log(r.names.length ? `牵头单位“${r.asked}”按 ${r.names.join('、')} 检索。` : `没有名为“${r.asked}”的牵头单位。`);
  for (const g of groupByDocument(shown, 1, shown.length || 1, Infinity).groups) {
    const doc = engine.docs.get(g.docId)!;
    console.log(`\n${doc.meta.title} [${doc.meta.district ?? '—'} ${documentDate(doc.meta) ?? ''}] (${g.total} 个条目)`);
    for (const h of g.sections) {
      const s = h.section;
      const snippet = makeSnippet(s.text, termsToMark(s.text, result.highlightGroups)).map((p) => (p.hit ? bold(p.text) : p.text)).join('');
      console.log(`  #${s.sectionId} ${[...s.path, `${s.number ?? ''}${s.heading}`].join(' › ')}${s.lead.length ? `  [牵头: ${s.lead.join('、')}]` : ''}`);
      console.log(`    ${snippet}`);
    }
  }
  const rest = hitCount(result) - page * limit;
  if (rest > 0) console.log(`\n还有 ${rest} 个条目：加 --page ${page + 1} 查看下一页（每页 ${limit} 个），或去掉 --limit 全部列出。`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 2;
}
