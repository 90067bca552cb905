import { readConfig } from '../config.ts';
import { loadIndex } from '../index/index-store.ts';
import { groupByDocument } from '../search/group-results.ts';
import { createEngine, search } from '../search/search.ts';
import { makeSnippet } from '../search/snippet.ts';
import { parseCli } from './usage.ts';

const USAGE = `Usage: npm run search -- <words…> [--dept 单位] [--district 区] [--year 年] [--type 类型] [--validity 有效]

Searches the index in INDEX_DIR (default index/; build it with \`npm run index\`) and prints the
matching items grouped by document, highlighted. Words are ANDed; "短语" matches literally;
-词 excludes; A OR B matches either. Each filter may be repeated; with filters only, every item
they select is listed.

Examples:
  npm run search -- 城市更新 --dept 罗湖区城市更新局
  npm run search -- "城市更新" -棚户区 --district 罗湖区 --year 2017`;

const { values, positionals } = parseCli(USAGE, {
  dept: { type: 'string', multiple: true },
  district: { type: 'string', multiple: true },
  year: { type: 'string', multiple: true },
  type: { type: 'string', multiple: true },
  validity: { type: 'string', multiple: true },
});
const filters = { department: values.dept, district: values.district, year: values.year, type: values.type, validity: values.validity };
if (positionals.join('').trim() === '' && !Object.values(filters).some((v) => v?.length)) {
  process.stderr.write(`No search words or filters given.\n\n${USAGE}\n`);
  process.exit(2);
}
const config = readConfig();
try {
  const loaded = loadIndex(config.indexDir);
  const engine = createEngine(loaded);
  const result = search(engine, { q: positionals.join(' '), filters });
  const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1;31m${s}\x1b[0m` : `【${s}】`);
  console.log(`${result.hits.length} sections in ${result.totalDocuments} documents (segmented: ${result.segmented.map((c) => c.join('/')).join(' + ')})`);
  for (const g of groupByDocument(result.hits, 1, 20).groups) {
    const doc = engine.corpus.documents.find((d) => d.id === g.docId)!;
    console.log(`\n${doc.meta.title} [${doc.meta.district ?? '—'} ${doc.meta.publishDate ?? ''}] (${g.total} sections)`);
    for (const h of g.sections) {
      const s = h.section;
      const snippet = makeSnippet(s.text, result.highlight).map((p) => (p.hit ? bold(p.text) : p.text)).join('');
      console.log(`  #${s.sectionId} ${[...s.path, `${s.number ?? ''}${s.heading}`].join(' › ')}${s.lead.length ? `  [牵头: ${s.lead.join('、')}]` : ''}`);
      console.log(`    ${snippet}`);
    }
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 2;
}
