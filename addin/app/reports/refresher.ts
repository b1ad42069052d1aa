/**
 * Refresh and Refresh all: a report sheet asks its remembered query again (reports/kinds.ts)
 * and is rewritten in place, cells outside the report's own kept. When the new report needs
 * cells that hold the user's data, nothing is written to that sheet until the user says so.
 * Plain TypeScript: the Refresh bar only renders its state.
 */
import { notices, type Notice } from '../../session/notices';
import { makeReport } from '../../reports/kinds';
import type { ReportApi } from '../../reports/queries';
import type { ReportQuery, ReportRecord, ReportSheet, WorkbookPort } from '../../workbook/port';
import { someCells, userCellsUnder } from './user-cells';

/** A refreshed report waiting for the user's word, because it would write over their cells. */
export interface Held { sheet: string; query: ReportQuery; report: ReportSheet; cells: string[] }

export interface RefreshState {
  busy: boolean;
  progress: { label: string; done: number; total: number } | null;
  notice: Notice | null;
  /** Reports that need cells holding the user's data; the pane asks before writing them. */
  asking: { held: Held[]; text: string } | null;
}

const plural = (n: number, one: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : `${one}s`}`;
/** Steps of the progress bar per sheet, so one bar covers every sheet and each sheet's rows. */
const STEPS = 1000;

export class ReportRefresher {
  state: RefreshState = { busy: false, progress: null, notice: null, asking: null };
  private listeners = new Set<(s: RefreshState) => void>();

  constructor(private readonly port: WorkbookPort, private readonly api: () => ReportApi | null, private readonly now: () => Date = () => new Date()) {}

  subscribe(listener: (s: RefreshState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(patch: Partial<RefreshState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }

  /** "Refresh": the report sheet in front. */
  async refreshActive(): Promise<void> {
    await this.run(async () => {
      const { sheet } = await this.port.selection();
      const mine = (await this.port.reportSheets()).find((r) => r.sheet === sheet);
      if (!mine) return { intent: 'info', title: 'Not a report sheet', text: `“${sheet}” was not pulled by LotLedger; open a report sheet and press Refresh.` };
      return this.refresh([mine]);
    });
  }

  /** "Refresh all": every report sheet of the workbook, one progress bar for all. */
  async refreshAll(): Promise<void> {
    await this.run(async () => {
      const all = await this.port.reportSheets();
      if (all.length === 0) return { intent: 'info', title: 'No report sheets', text: 'Pull a report first: its sheet can then be refreshed.' };
      return this.refresh(all);
    });
  }

  /** The user agreed: the held reports are written over their cells. */
  async overwrite(): Promise<void> {
    const held = this.state.asking?.held ?? [];
    this.set({ asking: null });
    await this.run(async () => {
      for (const [i, h] of held.entries()) await this.write(h, i, held.length);
      return { intent: 'success', title: `Refreshed ${plural(held.length, 'sheet')}`, text: `${held.map((h) => `“${h.sheet}”`).join(', ')}: your cells in the report's way were written over.` };
    });
  }

  /** The user declined: those sheets stay as they were. */
  keepCells(): void {
    const held = this.state.asking?.held ?? [];
    this.set({ asking: null, notice: { intent: 'info', title: 'Not refreshed', text: `${held.map((h) => `“${h.sheet}”`).join(', ')} kept as ${held.length === 1 ? 'it was' : 'they were'}, your cells too.` } });
  }

  private async refresh(sheets: { sheet: string; record: ReportRecord }[]): Promise<Notice> {
    const api = this.api();
    if (!api) return { intent: 'warning', title: 'Not connected', text: 'Connect with your access token first: reports come from the ledger.' };
    const { date1904 } = await this.port.info();
    const held: Held[] = [];
    const failed: string[] = [];
    let done = 0;
    for (const [i, { sheet, record }] of sheets.entries()) {
      this.set({ progress: { label: this.label(sheet, i, sheets.length), done: i * STEPS, total: sheets.length * STEPS } });
      const made = await makeReport(api, record.query, {
        now: this.now(), date1904, progress: (label) => this.set({ progress: { label: `${this.label(sheet, i, sheets.length)} ${label}`, done: i * STEPS, total: sheets.length * STEPS } }),
      }).catch((e: unknown) => notices.failed(e, 'not refreshed').text);
      const report = typeof made === 'string' ? made : made.sheet;
      if (typeof report === 'string') {
        failed.push(`“${sheet}”: ${report}`);
        continue;
      }
      const cells = await userCellsUnder(this.port, sheet, record, report);
      if (cells.length > 0) {
        held.push({ sheet, query: record.query, report, cells });
        continue;
      }
      await this.write({ sheet, query: record.query, report, cells }, i, sheets.length);
      done++;
    }
    if (held.length) {
      const text = held.map((h) => `The refreshed “${h.sheet}” needs ${plural(h.cells.length, 'cell')} that hold your data (${someCells(h.cells)}).`).join(' ');
      this.set({ asking: { held, text: `${text} Write over ${held.reduce((n, h) => n + h.cells.length, 0) === 1 ? 'it' : 'them'}?` } });
    }
    if (failed.length) return { intent: 'warning', title: `${plural(failed.length, 'sheet')} not refreshed`, text: `${failed.join(' ')}${done ? ` ${plural(done, 'other sheet')} refreshed.` : ''}` };
    if (done === 0) return { intent: 'info', title: 'Waiting for your answer', text: 'Nothing written yet.' };
    return { intent: 'success', title: done === 1 && sheets.length === 1 ? `Refreshed “${sheets[0].sheet}”` : `Refreshed ${plural(done, 'report sheet')}`, text: held.length ? `${plural(held.length, 'sheet')} waiting for your answer.` : 'Every figure is as the ledger stands now.' };
  }

  private label(sheet: string, i: number, n: number): string {
    return n === 1 ? `Refreshing “${sheet}”…` : `Refreshing “${sheet}” (${i + 1} of ${n})…`;
  }

  private async write(h: Held, i: number, n: number): Promise<void> {
    await this.port.replaceReportSheet(h.sheet, h.report, h.query, (d, t) => this.set({
      progress: { label: this.label(h.sheet, i, n), done: i * STEPS + (t ? Math.floor((STEPS * d) / t) : STEPS), total: n * STEPS },
    }));
    // Cells the report flags (an FSMA record's missing key data elements) are marked again.
    if (h.report.marks?.length) await this.port.mark(h.sheet, h.report.marks);
  }

  private async run(work: () => Promise<Notice>): Promise<void> {
    if (this.state.busy) return;
    this.set({ busy: true, notice: null, asking: null, progress: { label: 'Asking the ledger…', done: 0, total: 0 } });
    try {
      this.set({ notice: await work() });
    } catch (e) {
      this.set({ notice: notices.failed(e, 'Not refreshed') });
    } finally {
      this.set({ busy: false, progress: null });
    }
  }
}
