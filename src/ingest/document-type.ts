import types from './data/document-types.json' with { type: 'json' };

/**
 * The document type a title names; for 印发…的通知 the type of what it transmits.
 * Example: `关于印发《罗湖区2017年改革计划》的通知` → `计划`; `2017年政府工作报告(在…会议上)` → `报告`.
 */
export function documentType(title: string): string | null {
  const transmitted = /印发(.+)的通知/.exec(title)?.[1];
  if (transmitted) {
    const own = classify(transmitted);
    if (own) return own;
    const quoted = /《([^《》]+)》\s*$/.exec(transmitted)?.[1];
    if (quoted && classify(quoted)) return classify(quoted);
  }
  return classify(title);
}

function classify(title: string): string | null {
  const bare = stripQuoted(title).replace(/[（(][^（）()]*[）)]/g, '').trim();
  for (const [ending, type] of types.types) if (bare.endsWith(ending)) return type;
  return null;
}

function stripQuoted(text: string): string {
  let out = text;
  for (let prev = ''; prev !== out; ) {
    prev = out;
    out = out.replace(/《[^《》]*》/g, '');
  }
  return out;
}
