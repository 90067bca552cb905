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

/** A header row: names a task column and a lead or deadline column. */
function headerOf(cells: string[]): (Column | null)[] | null {
  const columns = cells.map(columnOf);
  return columns.includes('task') && (columns.includes('lead') || columns.includes('deadline')) ? columns : null;
}

/**
 * A row whose cell wrapped onto the next line (as a page copied from a table prints it): the first
 * cell of the continuation finishes the last cell so far, the others follow it.
 * Example: (['1', '新建充电桩，其中'], ['快充站二十座', '区发改局牵头']) → ['1', '新建充电桩，其中快充站二十座', '区发改局牵头'].
 */
export function joinWrapped(cells: string[], more: string[]): string[] {
  if (cells.length === 0) return more;
  if (more.length === 0) return cells;
  return [...cells.slice(0, -1), cells[cells.length - 1] + more[0], ...more.slice(1)];
}

/**
 * The rows of every task table in a page, by line index: a header row (序号 | 工作任务 | 责任单位 |
 * 完成时限, also when its cells wrap onto a second line) maps columns; each following row with a task
 * cell is one item — a row with fewer cells than the header takes the next lines until it is whole
 * (a wrapped cell) — until a line that is not a row.
 * Example: `['序号|工作任务|牵头单位|配合单位|完成时限', '1|推进城市更新|区城市更新局|区发改局|2017年12月底前']`
 * → `Map { 1 => { number: '1', task: '推进城市更新', departments: { lead: ['区城市更新局'], assist: ['区发展和改革局'] }, deadline: '2017年12月底前' } }`.
 */
export function readTableRows(lines: readonly string[]): Map<number, TableRow> {
  const rows = new Map<number, TableRow>();
  let header: (Column | null)[] | null = null;
  for (let i = 0; i < lines.length; i++) {
    const cells = tableCells(lines[i]);
    const alone = headerOf(cells);
    // A header whose last cell wrapped (完成 / 时限) names more columns read with its second line.
    const wrapped = cells.length >= 2 && i + 1 < lines.length && !startsItem(lines[i + 1], alone ?? []) ? headerOf(joinWrapped(cells, rowPart(lines[i + 1]))) : null;
    if (wrapped && known(wrapped) > known(alone ?? [])) {
      header = wrapped;
      i++;
      continue;
    }
    if (alone) {
      header = alone;
      continue;
    }
    if (!header || cells.length < 2) {
      header = null;
      continue;
    }
    const first = i;
    let whole = cells;
    // A wrapped row: take lines until it has a cell per column, or the next line starts a new item.
    while (whole.length < header.length && i + 1 < lines.length && !startsItem(lines[i + 1], header)) {
      whole = joinWrapped(whole, rowPart(lines[++i]));
    }
    const row = readRow(whole, header);
    if (row) rows.set(first, row);
  }
  return rows;
}

function known(columns: readonly (Column | null)[]): number {
  return columns.filter(Boolean).length;
}

/** A continuation line's cells: its `|` cells, or the whole line as one cell. */
function rowPart(line: string): string[] {
  const cells = tableCells(line);
  return cells.length > 0 ? cells : [line.trim()];
}

/** Does this line begin the next item (its 序号 cell is a number), rather than continue a wrapped one? */
function startsItem(line: string, header: readonly (Column | null)[]): boolean {
  const cells = tableCells(line);
  const at = header.indexOf('number');
  if (at < 0) return cells.length >= header.length;
  return cells.length > at && /^\d{1,3}[.、．]?$/u.test(cells[at]);
}

/** One row read through its header, or null when it has no task cell. */
function readRow(cells: string[], header: readonly (Column | null)[]): TableRow | null {
  const cell = (c: Column) => {
    const at = header.indexOf(c);
    return at >= 0 && at < cells.length && cells[at] ? cells[at] : null;
  };
  const task = cell('task');
  if (!task) return null;
  return { number: cell('number'), task, departments: rowDepartments(cell('lead'), cell('assist')), deadline: cell('deadline') };
}
/** A 责任单位 cell may itself say who leads (`区城管局牵头，区住建局配合`); else it lists the leads. */
function rowDepartments(lead: string | null, assist: string | null): Departments {
  if (lead && /牵头|配合|协办/u.test(lead) && !assist) return extractDepartments(`（${lead.replace(/[（(](牵头|配合|协办)[）)]/gu, '$1')}）`, null);
  const note = [lead ? `牵头单位：${lead}` : '', assist ? `配合单位：${assist}` : ''].filter(Boolean).join('；');
  return note ? extractDepartments(`（${note}）`, null) : { lead: [], assist: [] };
}
