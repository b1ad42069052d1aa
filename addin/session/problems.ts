/**
 * The problems the pane lists: the server's kept by sheet row (so they stay on their rows while
 * edits shift the rows read), and each one pointed at its cell.
 */
import type { Problem } from '../../shared/problems';
import { cellOf, type Table } from '../check/table';
import { cellAddress } from '../workbook/address';

export interface ListedProblem {
  sheet: string;
  row: number;
  col: number | null;
  /** 'C7', or the row's Status cell when the field has no column. */
  address: string;
  severity: 'error' | 'warning';
  message: string;
}

/** The server's problems (from a dry run or a refused post) by the sheet row they are about. */
export class ServerProblems {
  private byRow = new Map<number, Problem[]>();

  /** Keeps a new answer's problems, which point at rows of the body sent (`sheetRows[i]`). */
  keep(problems: readonly Problem[], sheetRows: readonly number[]): void {
    this.byRow.clear();
    for (const p of problems) {
      const sheetRow = sheetRows[p.row];
      if (sheetRow !== undefined) (this.byRow.get(sheetRow) ?? this.byRow.set(sheetRow, []).get(sheetRow)!).push(p);
    }
  }

  /** Forgets the problems of sheet rows top..bottom-1 (they were edited). */
  forget(top: number, bottom: number): void {
    for (let r = top; r < bottom; r++) this.byRow.delete(r);
  }

  clear(): void {
    this.byRow.clear();
  }

  /** The problems kept, pointed at the rows read now (`sheetRows[i]` is row i). */
  on(sheetRows: readonly number[]): Problem[] {
    const index = new Map(sheetRows.map((r, i) => [r, i]));
    const out: Problem[] = [];
    for (const [sheetRow, list] of this.byRow) {
      const i = index.get(sheetRow);
      if (i !== undefined) for (const p of list) out.push({ ...p, row: i });
    }
    return out;
  }
}

/** Problems as the pane lists them, each at its cell (or its row's Status cell). */
export function listProblems(table: Table, problems: readonly Problem[], sheetRows: readonly number[]): ListedProblem[] {
  return problems.map((p) => {
    const cell = cellOf(table, p, sheetRows);
    const row = cell?.row ?? sheetRows[p.row];
    return { sheet: table.sheet, row, col: cell?.col ?? null, address: cellAddress(row, cell?.col ?? table.statusCol), severity: p.severity, message: p.message };
  });
}
