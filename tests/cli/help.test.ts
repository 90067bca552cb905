import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../hardening/tmp.ts';

/** Runs an npm script as a user would (`npm run -s <script> -- …`) against a fresh index folder. */
function npmRun(script: string, args: string[], env: Record<string, string> = {}) {
  const run = spawnSync('npm', ['run', '-s', script, '--', ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr.replace(/^npm warn.*\n/gm, '') };
}

describe('CLI usage lines', () => {
  it.each([
    ['index', 'Usage: npm run index'],
    ['search', 'Usage: npm run search'],
    ['start', 'Usage: npm start'],
  ])('npm run %s -- --help prints its usage, exits 0 and does nothing else', (script, usage) => {
    const index = tempDir('index');
    const run = npmRun(script, ['--help'], { INDEX_DIR: index, PORT: '0' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(usage);
    expect(readdirSync(index), '--help must not build or write an index').toEqual([]);
  });

  it('npm run search with no words or filters prints the usage on stderr and exits 2', () => {
    const run = npmRun('search', []);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('No search words or filters given');
    expect(run.stderr).toContain('Usage: npm run search');
    expect(run.stdout).not.toContain('0 sections');
  });

  it('an unknown option names the option and shows the usage, without a stack trace', () => {
    const run = npmRun('search', ['城市更新', '--bogus']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("Unknown option '--bogus'");
    expect(run.stderr).toContain('Usage: npm run search');
    expect(run.stderr).not.toMatch(/ERR_PARSE_ARGS|\n\s+at /);
  });

  it('a word starting with a dash is an exclusion, not an option', () => {
    const index = tempDir('index');
    expect(npmRun('index', [], { INDEX_DIR: index }).status).toBe(0);
    const all = npmRun('search', ['城市更新'], { INDEX_DIR: index });
    const without = npmRun('search', ['城市更新', '-棚户区'], { INDEX_DIR: index });
    expect(without.status, without.stderr).toBe(0);
    const count = (out: string) => Number(/^(\d+) 个条目/.exec(out)![1]);
    expect(count(without.stdout)).toBeLessThan(count(all.stdout));
  });

  it('npm run index off a terminal prints plain progress lines and a summary', () => {
    const index = tempDir('index');
    const run = npmRun('index', [], { INDEX_DIR: index });
    expect(run.status).toBe(0);
    // One step: files are read, prepared and written as segments as they come (bounded memory).
    expect(run.stderr).toMatch(/^reading and indexing: +100% {2}5\/5 files {2}[\d.]+ files\/s {2}ETA 0:00$/m);
    expect(run.stderr).not.toContain('\r');
    expect(run.stdout).toMatch(/^indexed 5 documents, \d+ sections, \d+ departments into .+ in [\d.]+ s \(\d+ sections\/s\)$/m);
    const again = npmRun('index', [], { INDEX_DIR: index });
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/is up to date with seeds\/ \(5 documents, generation 1\)$/m);
    expect(again.stderr).toBe('');
  });
});
