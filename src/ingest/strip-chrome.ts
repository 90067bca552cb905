import rules from './data/chrome-rules.json' with { type: 'json' };

/** One named piece of page furniture: what it matches and why it is not content. */
export interface ChromeRule {
  name: string;
  why: string;
  pattern: RegExp;
}

/** Whole-line rules: anchored, so a policy sentence that only contains the words never matches. */
export const LINE_RULES: readonly ChromeRule[] = rules.lines.map((r) => ({ name: r.name, why: r.why, pattern: new RegExp(`^(?:${r.pattern})$`, 'u') }));
/** Fragment rules: cut out of a line that also holds content. */
export const FRAGMENT_RULES: readonly ChromeRule[] = rules.fragments.map((r) => ({ name: r.name, why: r.why, pattern: new RegExp(r.pattern, 'gu') }));

/**
 * The name of the rule that makes a whole (simplified, trimmed) line furniture, or null for content.
 * Example: `浏览量:273` → `view-count`; `网站年浏览量达到500万次以上。` → null.
 */
export function chromeRule(line: string): string | null {
  const t = line.trim();
  return LINE_RULES.find((r) => r.pattern.test(t))?.name ?? null;
}

/**
 * A line without its furniture: '' when the whole line is furniture, else the line with chrome
 * fragments cut out. Example: `来源:龙华区 日期:2019年01月28日 【字体:` → `来源:龙华区 日期:2019年01月28日`.
 */
export function stripChrome(line: string): string {
  if (chromeRule(line)) return '';
  let out = line;
  for (const r of FRAGMENT_RULES) out = out.replace(r.pattern, ' ');
  out = out.replace(/ {2,}/g, ' ').trim();
  // A line that was only fragments is furniture too; a line the cut emptied of words is never content.
  return out === line.trim() || chromeRule(out) === null ? out : '';
}
