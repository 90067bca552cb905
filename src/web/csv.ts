/** UTF-8 byte order mark: without it Excel opens UTF-8 CSV as the local code page and garbles Chinese. */
const BOM = '\ufeff';

/**
 * RFC 4180 CSV with a BOM and CRLF line ends; fields holding commas, quotes or newlines are quoted.
 * Example: ([['区', '内容']], [['罗湖区', '甲,乙']]) → `\ufeff区,内容\r\n罗湖区,"甲,乙"\r\n`.
 */
export function toCsv(header: string[], rows: string[][]): string {
  return BOM + [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

function field(value: string): string {
  // A leading = + - @ would make Excel evaluate the cell as a formula.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
