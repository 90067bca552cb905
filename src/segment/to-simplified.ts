import * as OpenCC from 'opencc-js';

type DictGroup = (typeof OpenCC.Locale.from)[string][number];
/** The hk → cn conversion OpenCC runs: CJK compatibility forms unified, then its conversion chain. */
type Config = (typeof OpenCC.Locale.configs)[string] & { normalizationChain?: readonly DictGroup[] };

let converter: ((text: string) => string) | undefined;
let triggers: Uint8Array | null | undefined;

/**
 * Converts traditional Chinese (Hong Kong or Taiwan forms) to simplified, leaving simplified text alone.
 * Example: `toSimplified('羅湖區城市更新局')` → `'罗湖区城市更新局'`.
 * Uses OpenCC's `hk` → `cn` tables: `tw` would rewrite simplified 显著 to 显着.
 */
export function toSimplified(text: string): string {
  converter ??= OpenCC.Converter({ from: 'hk', to: 'cn' }) as (text: string) => string;
  triggers ??= triggerTable(OpenCC.Locale.configs?.hk2s);
  return triggers && !hasTrigger(text, triggers) ? text : converter(text);
}

/**
 * Most text reaching here is already simplified, and OpenCC walks its tries at every character all
 * the same. OpenCC replaces only dictionary keys it finds whole in the text, and a key whose
 * replacement is itself changes nothing however it segments the text. So for each key that does
 * change something one of its characters is enough to mark it (the first that differs from the
 * replacement, 臺 of 臺灣 → 台湾): a text with none of the marks cannot change. Marks are BMP code
 * units; a text with any surrogate is converted (rare, and astral keys exist). null when OpenCC's
 * tables are not where this expects them: every text is then converted.
 */
function triggerTable(config: Config | undefined): Uint8Array | null {
  if (!config || !Array.isArray(config.conversionChain)) return null;
  const table = new Uint8Array(0x10000);
  for (const group of [...(config.normalizationChain ?? []), ...config.conversionChain]) {
    for (const dict of group) {
      const pairs = typeof dict === 'string' ? dict.split('|').map((line) => line.split(' ')) : dict;
      for (const [key, value] of pairs) {
        if (key === value) continue;
        const k = [...key];
        const v = [...value];
        const mark = k.find((c, i) => c !== v[i]) ?? k[k.length - 1];
        if (mark.length === 1) table[mark.charCodeAt(0)] = 1;
      }
    }
  }
  // Surrogates always convert: marks of astral keys are not in the table.
  table.fill(1, 0xd800, 0xe000);
  return table;
}

function hasTrigger(text: string, table: Uint8Array): boolean {
  for (let i = 0; i < text.length; i++) if (table[text.charCodeAt(i)] === 1) return true;
  return false;
}
