import * as OpenCC from 'opencc-js';

let converter: ((text: string) => string) | undefined;

/**
 * Converts traditional Chinese (Hong Kong or Taiwan forms) to simplified, leaving simplified text alone.
 * Example: `toSimplified('羅湖區城市更新局')` → `'罗湖区城市更新局'`.
 * Uses OpenCC's `hk` → `cn` tables: `tw` would rewrite simplified 显著 to 显着.
 */
export function toSimplified(text: string): string {
  converter ??= OpenCC.Converter({ from: "hk", to: "cn" }) as (text: string) => string;
  return converter(text);
}
