import { describe, expect, it } from 'vitest';
import { ARTIFACTS, useSeedBrowser } from './browser.ts';

const ctx = useSeedBrowser();

describe('department flow in Chromium', () => {
  it("result's department tag → department page → the item in its document", async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(ctx.base + '/search?q=' + encodeURIComponent('城市更新'));
    const tag = page.locator('ol.sections a.tag', { hasText: '罗湖区城市更新局' }).first();
    await Promise.all([page.waitForURL(/\/departments\//), tag.click()]);

    await expect.poll(() => page.locator('h1').textContent()).toBe('罗湖区城市更新局');
    const rows = page.locator('ol.sections > li');
    expect(await rows.count()).toBe(7);
    expect(await page.locator('ol.sections .tag.lead').count()).toBe(7);

    // Narrow by keyword with the page's own form.
    await page.fill('#dq', '风险');
    await Promise.all([page.waitForURL(/q=/), page.click('form.filters button')]);
    expect(await rows.count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/department-page.png` });

    const item = rows.first().locator('a.crumb');
    const sectionId = (await item.getAttribute('href'))!.split('#')[1];
    await Promise.all([page.waitForURL(/\/docs\//), item.click()]);
    const target = page.locator(`section[id="${sectionId}"]`);
    await expect.poll(() => target.evaluate((el) => el.matches(':target'))).toBe(true);
    const box = await target.boundingBox();
    expect(box && box.y >= 0 && box.y < 900).toBe(true);
    expect(await target.locator('.tag.lead').allTextContents()).toContain('牵头：罗湖区城市更新局');
    await page.screenshot({ path: `${ARTIFACTS}/department-item.png` });
    await page.close();
  });

  it('the comparison page shows the three districts side by side', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(ctx.base + '/compare?q=' + encodeURIComponent('城市更新'));
    const headers = await page.locator('table.counts th').allTextContents();
    expect(headers.sort()).toEqual(['盐田区', '福田区', '罗湖区'].sort());
    const tops = await page.locator('section.column').evaluateAll((cols) => cols.map((c) => Math.round(c.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1); // columns, not a stack, at desktop width
    await page.screenshot({ path: `${ARTIFACTS}/compare.png` });
    await page.close();
  });
});
