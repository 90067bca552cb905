import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useSeedBrowser } from './browser.ts';

/** The usual filter-evasion payloads; each would set window.__xss or open a dialog if it ran. */
const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '"><script>window.__xss=1</script>',
  '\'><img src=x onerror="window.__xss=1">',
  '<img src=x onerror=alert(1)>',
  '<svg/onload=window.__xss=1>',
  '</mark><img src=x onerror=window.__xss=1><mark>',
  '<mark onmouseover=alert(1)>城市更新</mark>',
  'javascript:window.__xss=1',
  '<a href="javascript:window.__xss=1">城市</a>',
  '<iframe src="javascript:window.__xss=1"></iframe>',
  '%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E',
  '&lt;script&gt;window.__xss=1&lt;/script&gt;',
  '<scr<script>ipt>window.__xss=1</script>',
  '<SCRIPT SRC=//example.invalid/x.js></SCRIPT>',
  '" autofocus onfocus="window.__xss=1',
  '<style>body{display:none}</style>',
  '<base href="//example.invalid/">',
  '城市更新<details open ontoggle=window.__xss=1>',
];

const ctx = useSeedBrowser();

/** What an injection would leave behind in the rendered page. */
async function injectionTraces(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const traces: string[] = [];
    if ((window as unknown as { __xss?: unknown }).__xss !== undefined) traces.push('window.__xss was set');
    const scripts = [...document.scripts].map((s) => s.getAttribute('src'));
    if (scripts.length !== 1 || scripts[0] !== '/static/site.js') traces.push(`scripts: ${JSON.stringify(scripts)}`);
    for (const el of document.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) if (attr.startsWith('on')) traces.push(`<${el.localName} ${attr}>`);
      // The templates' own: the facet panel's <details> and the comparison chart's <svg>s.
      const own = (el.localName === 'details' && el.classList.contains('facet-panel')) || (el.localName === 'svg' && el.closest('figure.chart') !== null);
      if (!own && ['img', 'svg', 'iframe', 'style', 'base', 'details', 'object', 'embed'].includes(el.localName)) traces.push(`<${el.localName}>`);
    }
    for (const a of document.querySelectorAll('a[href]')) if (/^\s*javascript:/i.test(a.getAttribute('href')!)) traces.push(`javascript: link`);
    if (getComputedStyle(document.body).display === 'none') traces.push('body hidden by injected style');
    return traces;
  });
}

describe('XSS in the real browser', () => {
  it.each(PAYLOADS)('%s through q, facet values and document ids', async (payload) => {
    const page = await ctx.browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    const enc = encodeURIComponent(payload);
    const urls = [
      `/search?q=${enc}`,
      `/search?q=${encodeURIComponent('城市更新')}&district=${enc}&dept=${enc}&year=${enc}&type=${enc}`,
      `/docs/${enc}`,
      `/docs/004_3c0b11c1ebd16181?q=${enc}`,
      `/docs/003_8f52a2821bb8e2be?view=original&q=${enc}`,
      `/compare?q=${enc}`,
      `/departments/${enc}`,
      `/departments/${encodeURIComponent('罗湖区财政局')}?q=${enc}`,
    ];
    for (const url of urls) {
      await page.goto(ctx.base + url);
      expect(await injectionTraces(page), url).toEqual([]);
      if (url.startsWith('/search?q=' + enc) || url.startsWith('/compare?q=' + enc)) expect(await page.inputValue('#q')).toBe(payload);
    }
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
