import { describe, expect, it } from 'vitest';
import { clock, formatProgress, startProgress } from '../../src/cli/progress.ts';

describe('progress lines', () => {
  it.each([
    [{ label: '读取', unit: 'files', done: 50, total: 200, elapsedMs: 5000 }, true, '读取 [######------------------]   25%  50/200 files  10.0 files/s  ETA 0:15'],
    [{ label: 'reading', unit: 'files', done: 50, total: 200, elapsedMs: 5000 }, false, 'reading:   25%  50/200 files  10.0 files/s  ETA 0:15'],
    [{ label: 'indexing', unit: 'sections', done: 0, total: 1000, elapsedMs: 0 }, false, 'indexing:    0%  0/1,000 sections  0.0 sections/s  ETA ?'],
    [{ label: 'indexing', unit: 'sections', done: 3, total: 0, elapsedMs: 10 }, false, 'indexing:  100%  3/0 sections  300.0 sections/s  ETA 0:00'],
  ])('%o (bar %s) → %s', (state, bar, line) => {
    expect(formatProgress(state, bar)).toBe(line);
  });

  it.each([
    [0, '0:00'],
    [75, '1:15'],
    [3725, '1:02:05'],
  ])('clock(%d) → %s', (s, text) => expect(clock(s)).toBe(text));

  it('off a terminal: one plain line per interval and a final line, no carriage returns', () => {
    let t = 0;
    const out: string[] = [];
    const p = startProgress('reading', 'files', 100, { stream: { write: (c: string) => out.push(c) }, everyMs: 5000, now: () => t });
    for (let i = 0; i < 100; i++) {
      t += 200; // 20 s in all: lines at 5, 10, 15 and 20 s
      p.tick();
    }
    p.finish();
    expect(out).toHaveLength(5);
    expect(out.every((l) => l.endsWith('\n') && !l.includes('\r'))).toBe(true);
    expect(out.at(-1)).toContain('100%  100/100 files');
  });

  it('on a terminal: the bar is redrawn in place at most ten times a second', () => {
    let t = 0;
    const out: string[] = [];
    const p = startProgress('reading', 'files', 1000, { stream: { write: (c: string) => out.push(c), isTTY: true }, now: () => t });
    for (let i = 0; i < 1000; i++) {
      t += 1; // 1 s in all
      p.tick();
    }
    p.finish();
    expect(out.length).toBeLessThanOrEqual(11);
    expect(out.every((l) => l.startsWith('\r'))).toBe(true);
    expect(out.at(-1)).toMatch(/\[#{24}\].*\n$/);
  });
});
