import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIndex, readManifest } from '../../src/index/index-store.ts';
import { planMerge } from '../../src/index/plan-merge.ts';
import type { SegmentEntry } from '../../src/index/segment-manifest.ts';
import { createEngine } from '../../src/search/search.ts';
import { CHANGED, NEW_PAGE, answers, workspace } from './workspace.ts';

describe('merge', () => {
  it('`--merge` folds segments into fewer, drops deleted documents for good, removes the old folders and answers the same', async () => {
    const { seeds, index, run } = workspace(100_000);
    await run();
    for (const [n, text] of [NEW_PAGE, NEW_PAGE.replace('科技园', '后海')].entries()) {
      writeFileSync(join(seeds, `zz-${n}.txt`), text);
      await run();
    }
    writeFileSync(join(seeds, `${CHANGED}.txt`), NEW_PAGE.replace('低空物流配送', '城市绿道养护'));
    const unmerged = (await run()).manifest;
    expect(unmerged.segments.length).toBe(4);
    const before = answers(createEngine(loadIndex(index)));

    const { manifest } = await run({ merge: true });
    expect(manifest.segments).toHaveLength(1);
    expect(manifest.segments[0].deleted).toEqual([]);
    expect(readdirSync(index).sort()).toEqual([manifest.segments[0].name, 'manifest.json'].sort());
    expect(new Set(Object.values(manifest.files).map((f) => f.segment))).toEqual(new Set([manifest.segments[0].name]));
    expect(answers(createEngine(loadIndex(index)))).toEqual(before);
    // Files map still right after the merge: the next incremental run deletes from the merged segment.
    rmSync(join(seeds, 'zz-0.txt'));
    const after = (await run()).manifest;
    expect(after.segments[0].deleted).toEqual(['zz-0']);
  });

  it('an incremental run publishes its pages first, then folds small segments once more than 8 pile up', async () => {
    const { seeds, index, run, lines } = workspace(100_000);
    await run();
    for (let n = 0; n < 7; n++) {
      writeFileSync(join(seeds, `zz-${n}.txt`), NEW_PAGE.replace('科技园', `第${n}科技园`));
      expect((await run()).manifest.segments).toHaveLength(n + 2);
    }
    const before = readManifest(index)!;
    writeFileSync(join(seeds, 'zz-last.txt'), NEW_PAGE);
    const { manifest } = await run();
    expect(lines.at(-1)).toMatch(/then folded 9 segments into 1 \(generation \d+/);
    expect(manifest.generation).toBe(before.generation + 2); // the pages' generation, then the merged one
    expect(manifest.segments).toHaveLength(1);
    expect(manifest.counts.documents).toBe(13);
    expect(createEngine(loadIndex(index)).docs.size).toBe(13);
  });

  it('the policy folds small neighbours only once more than maxSmall pile up, each run within the segment size', () => {
    const seg = (name: string, sections: number, deleted: string[] = []): SegmentEntry => ({ name, documents: 10, sections, deleted, deletedSections: deleted.length });
    const big = [seg('seg-a', 1000), seg('seg-b', 900)];
    const small = Array.from({ length: 4 }, (_, i) => seg(`seg-s${i}`, 100));
    const policy = { segmentSections: 1000, maxSmall: 3, force: false };
    expect(planMerge([...big, ...small.slice(0, 3)], policy)).toEqual([]);
    expect(planMerge([...big, ...small], policy)).toEqual([small.map((s) => s.name)]);
    expect(planMerge([...big, ...small], { ...policy, segmentSections: 250 })).toEqual([]); // 100 is not small under 250
    // Forced, any neighbours that fit go together, big ones included.
    expect(planMerge([...big, ...small], { ...policy, force: true })).toEqual([['seg-b', 'seg-s0'], ['seg-s1', 'seg-s2', 'seg-s3']]);
    expect(planMerge([seg('seg-a', 1000, ['x']), ...small], { ...policy, force: true })).toEqual([['seg-a'], small.map((s) => s.name)]);
  });
});
