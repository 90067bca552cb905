import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, expectChineseFont, useSeedBrowser } from './browser.ts';

const ctx = useSeedBrowser();

/** The value of the first checkbox under the 牵头单位 legend, and the checkbox itself. */
async function firstLeadDepartment(page: Page) {
  const box = page.locator('fieldset:has(legend:text-is("牵头单位")) input[type=checkbox]').first();
  return { box, value: (await box.getAttribute('value'))! };
}

/** Every lead-department tag per result row, as the user sees them. */
async function leadTagsPerRow(page: Page): Promise<string[][]> {
  return page.locator('ol.sections > li').evaluateAll((rows) =>
    rows.map((li) => [...li.querySelectorAll('.tag')].map((t) => t.textContent!.replace(/^牵头：/, ''))),
  );
}

describe('search flow in Chromium', () => {
  it('search → tick a lead department → click the first item → land on the highlighted section', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(ctx.base + '/');
    await page.fill('#q', '城市更新');
    await Promise.all([page.waitForURL(/\/search\?q=/), page.press('#q', 'Enter')]);

    const before = await page.locator('ol.sections > li').count();
    expect(before).toBeGreaterThan(0);
    const districts = await page.locator('article.doc .meta').allTextContents();
    expect(new Set(districts.map((m) => m.split(' · ')[0]))).toEqual(new Set(['罗湖区', '福田区', '盐田区']));

    const { box, value: dept } = await firstLeadDepartment(page);
    // site.js submits the facet form on change; no button press.
    await Promise.all([page.waitForURL((u) => u.searchParams.getAll('dept').includes(dept)), box.check()]);
    await expect.poll(() => page.locator('.chip').allTextContents()).toContain(`${dept} ×`);

    const rows = await leadTagsPerRow(page);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(before);
    for (const tags of rows) expect(tags).toContain(dept);
    expect(await page.locator('ol.sections mark').count()).toBeGreaterThan(0);
    await expectChineseFont(page);
    await page.screenshot({ path: `${ARTIFACTS}/search-results.png`, fullPage: false });

    const first = page.locator('ol.sections > li a.crumb').first();
    const href = (await first.getAttribute('href'))!;
    const sectionId = href.split('#')[1];
    await Promise.all([page.waitForURL(/\/docs\//), first.click()]);
    expect(new URL(page.url()).hash).toBe('#' + sectionId);

    const target = page.locator(`section[id="${sectionId}"]`);
    await expect.poll(() => target.evaluate((el) => el.matches(':target'))).toBe(true);
    const marks = target.locator('mark');
    expect(await marks.count()).toBeGreaterThan(0);
    await expect.poll(() => isInViewport(page, `section[id="${sectionId}"] mark`)).toBe(true);
    expect(await target.locator('.tag.lead').allTextContents()).toContain(`牵头：${dept}`);
    await page.screenshot({ path: `${ARTIFACTS}/document-section.png`, fullPage: false });
    await page.close();
  });

  it('works with JavaScript off: the 应用筛选 button applies the facet', async () => {
    const context = await ctx.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(ctx.base + '/search?q=' + encodeURIComponent('城市更新'));
    const { box, value: dept } = await firstLeadDepartment(page);
    await box.check();
    await Promise.all([page.waitForURL((u) => u.searchParams.getAll('dept').includes(dept)), page.click('button.apply')]);
    for (const tags of await leadTagsPerRow(page)) expect(tags).toContain(dept);
    await context.close();
  });
});

/** True when the first element matching the selector is at least partly inside the viewport. */
async function isInViewport(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth;
  });
}
