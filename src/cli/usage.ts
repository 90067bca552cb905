import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Marks a word like `-棚户区` (an exclusion) so parseArgs does not read it as short options. */
const WORD = '\u0000';

/**
 * Parses a CLI's arguments, adding `--help`/`-h`. Help prints the usage text and exits 0; a wrong
 * option prints what was wrong and the usage text on stderr and exits 2 (no stack trace). A dash
 * before a non-Latin character is a search word (`-棚户区` excludes), not an option.
 * Example: `['城市更新', '-棚户区', '--dept', '罗湖区城市更新局']` →
 * positionals `['城市更新', '-棚户区']`, values `{ dept: ['罗湖区城市更新局'] }`.
 */
export function parseCli<O extends Options>(usage: string, options: O, argv: string[] = process.argv.slice(2)) {
  const args = argv.map((a) => (/^-[^-A-Za-z]/.test(a) ? WORD + a : a));
  const config = { args, allowPositionals: true as const, strict: true as const, options: { ...options, help: { type: 'boolean' as const, short: 'h' } } };
  let parsed;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    process.stderr.write(`${(error as Error).message.split('. ')[0]}\n\n${usage}\n`);
    process.exit(2);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  return { values: parsed.values, positionals: parsed.positionals.map((p) => (p.startsWith(WORD) ? p.slice(1) : p)) };
}
