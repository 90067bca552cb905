import { describe, expect, it } from 'vitest';
import rules from '../../src/ingest/data/chrome-rules.json' with { type: 'json' };
import { cleanLines } from '../../src/ingest/clean-lines.ts';
import { chromeRule, stripChrome } from '../../src/ingest/strip-chrome.ts';

// Each rule in src/ingest/data/chrome-rules.json lists what it drops and what it must keep.
describe('whole-line chrome rules (src/ingest/data/chrome-rules.json `lines`)', () => {
  for (const rule of rules.lines) {
    describe(rule.name, () => {
      it.each(rule.drops)(`drops %s`, (line) => expect(chromeRule(line)).toBe(rule.name));
      it.each(rule.keeps)(`keeps the policy line %s`, (line) => {
        expect(chromeRule(line), `rule ${rule.name} (or another) took a content line`).toBeNull();
        expect(cleanLines(line).map((l) => l.text)).toEqual([line]);
      });
    });
  }
});

describe('chrome fragments cut from a content line (`fragments`)', () => {
  for (const rule of rules.fragments) {
    describe(rule.name, () => {
      it.each(rule.drops)(`%s → %s`, (line, kept) => expect(stripChrome(line)).toBe(kept));
      it.each(rule.keeps)(`keeps %s whole`, (line) => expect(stripChrome(line)).toBe(line));
    });
  }
});

describe('a page of chrome around policy lines', () => {
  it('keeps every policy line, even those using the same words as the chrome', () => {
    const page = [
      '当前位置: 首页 > 信息公开 > 规划计划',
      '设为首页收藏本站',
      '查看: 2297|回复: 0',
      '政策君 发表于 2021-3-4 10:23 | 显示全部楼层',
      '签到天数: 15 天',
      '浏览量:273',
      '【字体:大 中 小】',
      '---|---|---',
      '加强对回复群众来信情况的考核，查看办理结果。',
      '网站年浏览量达到500万次以上。',
      '统一公文字体字号，规范公文格式。',
      '当前位置优越，交通便利，宜加快开发。',
    ].join('\n');
    expect(cleanLines(page).map((l) => l.text)).toEqual([
      '加强对回复群众来信情况的考核，查看办理结果。',
      '网站年浏览量达到500万次以上。',
      '统一公文字体字号，规范公文格式。',
      '当前位置优越，交通便利，宜加快开发。',
    ]);
  });

  it('turns tab-separated cells into a | row', () => {
    expect(cleanLines('1\t推进城市更新\t区城市更新局').map((l) => l.text)).toEqual(['1 | 推进城市更新 | 区城市更新局']);
  });
});
