import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { useSeedBrowser } from './browser.ts';

const ctx = useSeedBrowser();
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const e = encodeURIComponent;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

const PAGES: [name: string, path: string][] = [
  ['home', '/'],
  ['results', `/search?q=${e('城市更新')}`],
  ['results, filtered', `/search?q=${e('城市更新')}&dept=${e('罗湖区城市更新局')}`],
  ['document', `/docs/004_3c0b11c1ebd16181?q=${e('城市更新')}#s3-3-1`],
  ['department', `/departments/${e('罗湖区城市更新局')}`],
  ['comparison', `/compare?q=${e('棚户区改造')}`],
];

describe('accessibility (axe-core in Chromium)', () => {
  it.each(PAGES)('%s page has no serious or critical violations', async (_name, path) => {
    // axe is injected as a script; the site's CSP allows only its own scripts, so this test context bypasses it.
    const context = await ctx.browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(ctx.base + path);
    await page.addScriptTag({ content: AXE });
    const { violations, passed } = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Violation[]; passes: unknown[] }> } }).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return { passed: result.passes.length, violations: result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) })) };
    });
    expect(passed, 'axe ran no rules: was axe-core injected?').toBeGreaterThan(10);
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious, JSON.stringify(serious, null, 1)).toEqual([]);
    await context.close();
  });
});
