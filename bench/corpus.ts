// A deterministic synthetic corpus made of the real seed text: real part headings, sub-headings and
// task items recombined into new documents for every Shenzhen district, with varied years, document
// types and lead departments, written as raw pages in the shape the seeds use, so the full ingest
// runs on them. Term frequencies stay those of policy text.
import { readSeeds } from '../src/pipeline/read-seeds.ts';
import districts from '../src/ingest/data/districts.json' with { type: 'json' };

export interface SyntheticCorpus {
  pages: { file: string; bytes: Uint8Array }[];
  /** Sections the pages will split into (the ingest is checked against this). */
  sections: number;
  chars: number;
  /** A project name that occurs in few sections: the mix's rare term. */
  rareTerm: string;
}

const TITLES: [string, string][] = [
  ['年改革计划', '计划'], ['年工作要点', '要点'], ['年行动计划', '计划'], ['年政府工作报告', '报告'],
  ['年实施方案', '实施方案'], ['年重点工作任务分解方案', '方案'], ['年民生实事实施意见', '意见'],
];
const PLACE_A = [...'东西南北前后上下新旧金银青翠梅莲桃柳松竹沙湾岭湖河湾港田园泉石'];
const PLACE_B = ['片区', '社区', '园区', '街区', '村'];

/** Seeded xorshift32: the same corpus on every run and machine. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x / 0x100000000;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(a: readonly T[]) => a[Math.floor(next() * a.length)] };
}

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
const NOTE = /[（(][^（）()]*(?:牵头|协办|配合|责任单位)[^（）()]*[）)]/gu;

/** Pools of real text from the seeds, numbering and department notes removed. */
function pools() {
  const docs = readSeeds('seeds').documents;
  const parts = new Set<string>();
  const subs = new Set<string>();
  const items = new Set<string>();
  const departments = new Set<string>();
  for (const d of docs) {
    for (const s of d.sections) {
      for (const name of [...s.departments.lead, ...s.departments.assist]) {
        const local = d.meta.district && name.startsWith(d.meta.district) ? '区' + name.slice(d.meta.district.length) : null;
        if (local) departments.add(local);
      }
      if (s.level === 1 && s.heading) parts.add(s.heading);
      else if (s.level === 2 && s.kind === 'paren-cn' && s.heading) subs.add(s.heading);
      else if (s.level >= 2 && s.kind !== 'glossary-entry') {
        const body = s.text.replace(/^\S*?[.、．]/u, '').replace(NOTE, '').replace(/\s+/g, '');
        if (body.length >= 40) items.add(body);
      }
    }
  }
  return { parts: [...parts], subs: [...subs], items: [...items], departments: [...departments] };
}

/**
 * Pages totalling about `sections` sections. Example: `generateCorpus(1000)` → ~15 pages such as
 * `bench-00003.txt`: `龙华区2019年改革计划` / `发布时间:2019-04-12` / 一、… / （一）… / 1.…（牵头单位:区财政局）.
 */
export function generateCorpus(sections: number, seed = 20261121): SyntheticCorpus {
  const r = rng(seed);
  const pool = pools();
  const places = Array.from({ length: 3000 }, (_, i) => PLACE_A[i % PLACE_A.length] + PLACE_A[Math.floor(i / PLACE_A.length) % PLACE_A.length] + PLACE_B[Math.floor(i / 900) % PLACE_B.length]);
  let rareTerm = '';
  const pages: SyntheticCorpus['pages'] = [];
  const encoder = new TextEncoder();
  let made = 0;
  let chars = 0;
  for (let n = 0; made < sections; n++) {
    const district = r.pick(districts);
    const year = 2012 + r.int(13);
    const [ending] = r.pick(TITLES);
    const lines = [`${district}${year}${ending}`, `发布时间:${year}-${String(1 + r.int(12)).padStart(2, '0')}-${String(1 + r.int(28)).padStart(2, '0')}`, `为推进${district}${year}年各项工作,制定本${ending.replace(/^年/, '')}。`];
    made += 1; // the preface section
    const partCount = 2 + r.int(5);
    for (let p = 0; p < partCount && made < sections; p++) {
      lines.push(`${CN[p]}、${r.pick(pool.parts)}`);
      made++;
      const subCount = 1 + r.int(4);
      for (let s = 0; s < subCount && made < sections; s++) {
        lines.push(`（${CN[s]}）${r.pick(pool.subs)}`);
        made++;
        const itemCount = 2 + r.int(8);
        for (let i = 1; i <= itemCount && made < sections; i++) {
          const lead = [r.pick(pool.departments), ...(r.next() < 0.3 ? [r.pick(pool.departments)] : [])];
          const assist = r.next() < 0.4 ? `;协办单位:${r.pick(pool.departments)}` : '';
          const place = r.next() < 0.5 ? r.pick(places) : null;
          if (place && !rareTerm) rareTerm = `${place}综合整治`; // about one section in 6,000 names it
          const project = place ? `推进${place}综合整治。` : '';
          lines.push(`${i}.${r.pick(pool.items)}${project}(牵头单位:${[...new Set(lead)].join('、')}${assist})`);
          made++;
        }
      }
    }
    const text = lines.join('\n') + '\n';
    chars += text.length;
    pages.push({ file: `bench-${String(n).padStart(5, '0')}.txt`, bytes: encoder.encode(text) });
  }
  return { pages, sections: made, chars, rareTerm };
}
