import type { PolicyDocument } from '../../src/domain.ts';

/** The reviewed shape of a golden file: metadata, then one readable line per section. */
export interface Golden {
  meta: PolicyDocument['meta'];
  traditional: boolean;
  sections: string[];
  glossary: string[];
  /** Each □ (a character whose bytes were lost) or `?` (garble left as it was) in the body, in context. */
  unknown: string[];
}

/** `s3-5-1 1. 加大城市更新推进力度 | lead: 罗湖区重建局、… | assist: … | due: 2017年12月底前` */
export function toGolden(doc: PolicyDocument): Golden {
  return {
    meta: doc.meta,
    traditional: doc.traditional,
    sections: doc.sections.map((s) => {
      const parts = [`${'  '.repeat(Math.max(0, s.level - 1))}${s.id} ${s.number ?? ''}${s.heading}`.trimEnd()];
      if (s.departments.lead.length) parts.push(`lead: ${s.departments.lead.join('、')}`);
      if (s.departments.assist.length) parts.push(`assist: ${s.departments.assist.join('、')}`);
      if (s.deadline) parts.push(`due: ${s.deadline}`);
      if (s.footnotes.length) parts.push(`notes: ${s.footnotes.map((n) => `[${n}]`).join('')}`);
      return parts.join(' | ');
    }),
    glossary: doc.glossary.map((g) => `${g.n}. ${g.term}`),
    unknown: doc.body.flatMap((line) => [...line.matchAll(/.{0,6}[?□].{0,6}/gu)].map((m) => m[0])),
  };
}
