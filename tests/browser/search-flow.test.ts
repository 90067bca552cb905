import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, expectChineseFont, useSeedBrowser } from './browser.ts';

const ctx = useSeedBrowser();
const DEPT = '罗湖区城市更新局';
const deptBox = (page: Page, value: string) => page.locator(`fieldset:has(legend:text-is("牵头单位")) input[type=checkbox][value="${value}"]`);

/** Every lead-department tag per result row, as the user sees them. */
async function leadTagsPerRow(page: Page): Promise<string[][]> {
  return page.locator('ol.sections > li').evaluateAll((rows) =>
    rows.map((li) => [...li.querySelectorAll('.tag')].map((t) => t.textContent!.replace(/^牵头：/, ''))),
  );
}

describe('search flow in Chromium', () => {
  it('search → tick 罗湖区城市更新局 → all 7 items listed, focus kept on the facet → land on an item with breadcrumb, 返回结果 and focus inside it', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(ctx.base + '/');
    await page.fill('#q', '城市更新');
    await Promise.all([page.waitForURL(/\/search\?q=/), page.press('#q', 'Enter')]);
    const districts = await page.locator('article.doc .meta').allTextContents();
    expect(new Set(districts.map((m) => m.split(' · ')[0]))).toEqual(new Set(['罗湖区', '福田区', '盐田区']));

    // site.js submits the facet form on change; no button press.
    await Promise.all([page.waitForURL((u) => u.searchParams.getAll('dept').includes(DEPT)), deptBox(page, DEPT).check()]);
    await expect.poll(() => page.locator('.chip').allTextContents()).toContain(`${DEPT} ×`);
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe(DEPT);
    const rows = await leadTagsPerRow(page);
    expect(rows).toHaveLength(7);
    expect(await page.locator('.summary strong').nth(1).textContent()).toBe('7');
    for (const tags of rows) expect(tags).toContain(DEPT);
    expect(await page.locator('ol.sections mark').count()).toBeGreaterThan(0);
    await expectChineseFont(page);
    await page.screenshot({ path: `${ARTIFACTS}/search-results.png`, fullPage: false });

    const first = page.locator('ol.sections > li a.crumb').first();
    const sectionId = (await first.getAttribute('href'))!.split('#')[1];
    await Promise.all([page.waitForURL(/\/docs\//), first.click()]);
    expect(new URL(page.url()).hash).toBe('#' + sectionId);
    const target = page.locator(`section[id="${sectionId}"]`);
    await expect.poll(() => target.evaluate((el) => el.matches(':target'))).toBe(true);
    const title = (await page.locator('h1').textContent())!;
    const crumbs = target.locator('.landing .crumbs');
    expect(await crumbs.isVisible()).toBe(true);
    expect((await crumbs.textContent())!.startsWith(title + ' › ')).toBe(true);
    const back = target.locator('.landing a', { hasText: '返回结果' });
    expect(await back.isVisible()).toBe(true);
    expect(new URL((await back.getAttribute('href'))!, ctx.base).searchParams.getAll('dept')).toEqual([DEPT]);
    expect(await target.locator('.matchnav').textContent()).toMatch(/第 \d+ \/ \d+ 处匹配/);
    expect(await target.locator('mark').count()).toBeGreaterThan(0);
    await expect.poll(() => target.evaluate((el) => document.activeElement === el)).toBe(true);
    await page.keyboard.press('Tab');
    expect(await target.evaluate((el) => el.contains(document.activeElement) && document.activeElement !== el)).toBe(true);
    expect(await target.locator('.tag.lead').allTextContents()).toContain(`牵头：${DEPT}`);
    await page.screenshot({ path: `${ARTIFACTS}/document-section.png`, fullPage: false });

    await Promise.all([page.waitForURL(/\/search\?/), back.click()]);
    expect(await page.locator('ol.sections > li').count()).toBe(7);
    await page.close();
  });

  it('a document group expands in place to all its matching items, filters kept', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(ctx.base + '/search?q=' + encodeURIComponent('城市更新'));
    const group = page.locator('article.doc', { has: page.locator('p.more') }).first();
    const id = (await group.getAttribute('id'))!;
    const total = Number(/(\d+) 个条目匹配/.exec((await group.locator('.meta').textContent())!)![1]);
    expect(await group.locator('ol.sections > li').count()).toBeLessThan(total);
    await Promise.all([page.waitForURL((u) => u.searchParams.has('open')), group.locator('p.more a').click()]);
    const opened = page.locator(`article[id="${id}"]`);
    expect(await opened.locator('ol.sections > li').count()).toBe(total);
    expect(await opened.locator('p.more').count()).toBe(0);
    const box = (await opened.boundingBox())!;
    expect(box.y).toBeLessThan(900);
    expect(box.y + box.height).toBeGreaterThan(0);
    await page.close();
  });

  it('works with JavaScript off: the 应用筛选 button applies the facet', async () => {
    const context = await ctx.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(ctx.base + '/search?q=' + encodeURIComponent('城市更新'));
    await deptBox(page, DEPT).check();
    await Promise.all([page.waitForURL((u) => u.searchParams.getAll('dept').includes(DEPT)), page.click('button.apply')]);
    const rows = await leadTagsPerRow(page);
    expect(rows).toHaveLength(7);
    for (const tags of rows) expect(tags).toContain(DEPT);
    await context.close();
  });

  it('at 390 px the first result is above the fold and the facets sit behind 筛选', async () => {
    const context = await ctx.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await page.goto(ctx.base + '/search?q=' + encodeURIComponent('城市更新'));
    await expectChineseFont(page);
    const first = (await page.locator('ol.sections > li').first().boundingBox())!;
    expect(first.y + 40).toBeLessThan(844);
    expect(await deptBox(page, DEPT).isVisible()).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS}/search-phone.png`, fullPage: false });
    await page.locator('.facet-panel > summary').click();
    expect(await deptBox(page, DEPT).isVisible()).toBe(true);
    await context.close();
  });
});
