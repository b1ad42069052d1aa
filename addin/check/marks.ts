/**
 * From problems to what the clerk sees in the sheet: a fill and a note on each bad cell and a
 * line of text per row in the Status column.
 */
import type { Problem } from '../../shared/problems';
import type { CellMark } from './cells';

/**
 * Joins problems from Excel's damage, the shared rules and the server's dry run. Damage
 * explains a cell best, so other problems on the same cell give way to it; the same problem
 * found by the pane and again by the server is told once.
 */
export function mergeProblems(damage: readonly Problem[], ...others: (readonly Problem[])[]): Problem[] {
  // Only damage that is an error explains its cell: a warning (a serial held as a number) must not hide the ledger's errors there.
  const damaged = new Set(damage.filter((p) => p.severity === 'error').map((p) => `${p.row}|${p.field}`));
  const seen = new Set<string>();
  const out: Problem[] = [...damage];
  for (const list of others) {
    for (const p of list) {
      const key = `${p.row}|${p.field}|${p.code}`;
      if (damaged.has(`${p.row}|${p.field}`) || seen.has(key)) continue;
      seen.add(key);
      out.push(p);
    }
  }
  return out.sort((a, b) => a.row - b.row);
}

/**
 * The Status cell of one row: its errors, or OK followed by its warnings.
 * @example statusText([]) // 'OK'
 */
export function statusText(problems: readonly Problem[]): string {
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) return errors.map((p) => p.message).join(' ');
  const warnings = problems.map((p) => p.message);
  return warnings.length > 0 ? `OK — warning: ${warnings.join(' ')}` : 'OK';
}

/** The Status cell of a row once posted: the batch id, which finds it again in the ledger. */
export const postedText = (batchId: string): string => `Posted ${batchId}`;

export interface Plan {
  marks: CellMark[];
  /** One Status text per sheet row from the table's first data row down ('' for blank rows). */
  status: string[];
  errors: number;
  warnings: number;
}

/**
 * Plans marks and status texts. `cellOf` finds the cell of a problem (null when its field
 * has no column); `sheetRows[i]` is the sheet row of rows[i].
 */
export function planMarks(
  problems: readonly Problem[],
  sheetRows: readonly number[],
  dataTop: number,
  dataRows: number,
  cellOf: (p: Problem) => { row: number; col: number } | null,
): Plan {
  const byCell = new Map<string, CellMark>();
  const byRow = new Map<number, Problem[]>();
  for (const p of problems) {
    (byRow.get(p.row) ?? byRow.set(p.row, []).get(p.row)!).push(p);
    const cell = cellOf(p);
    if (!cell) continue;
    const k = `${cell.row},${cell.col}`;
    const m = byCell.get(k);
    if (!m) byCell.set(k, { ...cell, severity: p.severity, note: p.message });
    else {
      m.note = `${m.note}\n${p.message}`;
      if (p.severity === 'error') m.severity = 'error';
    }
  }
  const status = new Array<string>(dataRows).fill('');
  sheetRows.forEach((sheetRow, i) => {
    status[sheetRow - dataTop] = statusText(byRow.get(i) ?? []);
  });
  return {
    marks: [...byCell.values()],
    status,
    errors: problems.filter((p) => p.severity === 'error').length,
    warnings: problems.filter((p) => p.severity === 'warning').length,
  };
}
