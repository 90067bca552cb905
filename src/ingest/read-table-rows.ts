import type { Departments } from '../domain.ts';
import data from './data/table-columns.json' with { type: 'json' };
import { extractDepartments } from './extract-departments.ts';

type Column = keyof typeof data.columns;

/** One task-table row read through its table's header. Departments are not yet district-qualified. */
export interface TableRow {
  /** The 序号 cell as printed, e.g. `1`. */
  number: string | null;
  task: string;
  departments: Departments;
  deadline: string | null;
}

/** Splits a `|` row into cells: `| 1 | 推进城市更新 |` → `['1', '推进城市更新']`. */
export function tableCells(line: string): string[] {
  if (!line.includes('|')) return [];
  return line.replace(/^\s*\|/, '').replace(/\|\s*$/, '').split('|').map((c) => c.trim());
}

/** The column a header cell names: `牵头单位` → lead; `完成时限` → deadline. */
function columnOf(cell: string): Column | null {
  const bare = cell.replace(/\s+/g, '');
  for (const [column, names] of Object.entries(data.columns) as [Column, string[]][]) if (names.includes(bare)) return column;
  return null;
}

/**
 * The rows of every task table in a page, by line index: a header row (序号 | 工作任务 | 责任单位 |
 * 完成时限) maps columns; each following `|` row with a task cell is one item, until a line that is
 * not a row. Example: `['序号|工作任务|牵头单位|配合单位|完成时限', '1|推进城市更新|区城市更新局|区发改局|2017年12月底前']`
 * → `Map { 1 => { number: '1', task: '推进城市更新', departments: { lead: ['区城市更新局'], assist: ['区发展和改革局'] }, deadline: '2017年12月底前' } }`.
 */
export function readTableRows(lines: readonly string[]): Map<number, TableRow> {
  const rows = new Map<number, TableRow>();
  let header: (Column | null)[] | null = null;
  lines.forEach((line, i) => {
    const cells = tableCells(line);
    const columns = cells.map(columnOf);
    if (columns.includes('task') && (columns.includes('lead') || columns.includes('deadline'))) {
      header = columns;
      return;
    }
    if (!header || cells.length < 2) {
      header = null;
      return;
    }
    const cell = (c: Column) => {
      const at = header!.indexOf(c);
      return at >= 0 && at < cells.length && cells[at] ? cells[at] : null;
    };
    const task = cell('task');
    if (!task) return;
    rows.set(i, { number: cell('number'), task, departments: rowDepartments(cell('lead'), cell('assist')), deadline: cell('deadline') });
  });
  return rows;
}

/** A 责任单位 cell may itself say who leads (`区城管局牵头，区住建局配合`); else it lists the leads. */
function rowDepartments(lead: string | null, assist: string | null): Departments {
  if (lead && /牵头|配合|协办/u.test(lead) && !assist) return extractDepartments(`（${lead.replace(/[（(](牵头|配合|协办)[）)]/gu, '$1')}）`, null);
  const note = [lead ? `牵头单位：${lead}` : '', assist ? `配合单位：${assist}` : ''].filter(Boolean).join('；');
  return note ? extractDepartments(`（${note}）`, null) : { lead: [], assist: [] };
}
