/**
 * What the pane has put on the sheet — fills, notes and Status texts — so each new plan
 * touches only the cells that changed, and checking again can take everything away.
 */
import type { CellMark, Progress, WorkbookPort } from '../workbook/port';
import type { Plan } from '../check/marks';
import type { Table } from '../check/table';
import { rememberMarks, rememberedMarks } from './mark-memory';

export const STATUS_HEADER = 'Status';

const same = (a: CellMark | undefined, b: CellMark | undefined): boolean =>
  !!a && !!b && a.note === b.note && a.severity === b.severity;

export class SheetMarks {
  private marks = new Map<string, CellMark>();
  private status: string[] = [];

  constructor(private readonly port: WorkbookPort) {}

  /** Brings the sheet in line with a plan; writes the Status header too when asked. */
  async apply(table: Table, plan: Plan, opts: { header: boolean; progress: (label: string) => Progress }): Promise<void> {
    const next = new Map(plan.marks.map((m) => [`${m.row},${m.col}`, m]));
    const stale = [...this.marks].filter(([k, m]) => !same(m, next.get(k))).map(([, m]) => m);
    const fresh = plan.marks.filter((m) => !same(m, this.marks.get(`${m.row},${m.col}`)));
    if (stale.length) await this.port.clearMarks(table.sheet, stale);
    if (fresh.length) await this.port.mark(table.sheet, fresh, opts.progress('Marking cells'));
    this.marks = next;
    if (stale.length || fresh.length) await rememberMarks(this.port, table.sheet, plan.marks);
    if (opts.header) await this.port.writeColumn(table.sheet, table.headerRow, table.statusCol, [STATUS_HEADER]);
    await this.writeStatus(table, plan.status, opts.progress('Writing the Status column'));
  }

  /** Writes the Status texts that changed, in contiguous runs. */
  async writeStatus(table: Table, status: string[], progress?: Progress): Promise<void> {
    const before = this.status;
    for (let i = 0; i < status.length;) {
      if (status[i] === before[i]) { i++; continue; }
      let j = i;
      while (j < status.length && status[j] !== before[j]) j++;
      await this.port.writeColumn(table.sheet, table.dataTop + i, table.statusCol, status.slice(i, j), progress);
      i = j;
    }
    this.status = status;
  }

  /** The Status column with every row that holds data (not the blank ones) saying `text`. */
  statusSaying(table: Table, sheetRows: readonly number[], text: string): string[] {
    const status = [...this.status];
    for (const r of sheetRows) status[r - table.dataTop] = text;
    return status;
  }

  /**
   * Takes every mark away and forgets the Status texts, so the next plan writes them all; on
   * the sheet about to be checked, marks an earlier check left (remembered in the workbook) go too.
   */
  async clear(sheet: string | null, next: string): Promise<void> {
    if (sheet && this.marks.size) await this.port.clearMarks(sheet, [...this.marks.values()]);
    if (sheet && sheet !== next) await rememberMarks(this.port, sheet, []);
    const cleared = sheet === next ? this.marks : new Map<string, CellMark>();
    const left = (await rememberedMarks(this.port, next)).filter((c) => !cleared.has(`${c.row},${c.col}`));
    if (left.length) await this.port.clearMarks(next, left);
    await rememberMarks(this.port, next, []);
    this.marks = new Map();
    this.status = [];
  }
}
