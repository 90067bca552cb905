import { stringify } from 'csv-stringify/sync';

/**
 * RFC 4180 CSV for Excel, written by csv-stringify: a UTF-8 BOM (without it Excel opens UTF-8 as
 * the local code page and garbles Chinese), CRLF line ends, quotes where a field holds a comma,
 * quote or line break, and a leading ' on cells starting with = + - @ (half- or full-width), which
 * Excel would otherwise evaluate as a formula.
 * Example: ([['区', '内容']], [['罗湖区', '甲,乙']]) → `\ufeff区,内容\r\n罗湖区,"甲,乙"\r\n`.
 */
export function toCsv(header: string[], rows: string[][]): string {
  return stringify([header, ...rows], { bom: true, record_delimiter: 'windows', escape_formulas: true, quoted_match: /[\r\n]/ });
}
