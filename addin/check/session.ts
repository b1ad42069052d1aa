/**
 * One checked sheet, from "Check sheet" to "Post": reads the table through the workbook port,
 * checks it (Excel's damage, the shared rules, then the server's dry run), marks the cells,
 * writes the Status column, re-checks rows as they are edited, and posts with one
 * idempotency key per attempt. Plain TypeScript: the React pane only renders its state.
 */
import type { ColumnMap, SheetKind } from '../../shared/columns';
import { todayUtc } from '../../shared/dates';
import { checkItemRows, checkLocationRows } from '../../shared/master';
import type { Problem } from '../../shared/problems';
import type { MovementType, RawRow } from '../../shared/rows';
import { checkRowsFields, masterData, type MasterData } from '../../shared/rules';
import { ApiRequestError, NetworkError, type ApiClient } from '../api/client';
import { cellAddress, rangeAddress } from '../workbook/address';
import type { CellMark, Region, RegionData, WorkbookPort } from '../workbook/port';
import { mergeProblems, planMarks, postedText, type Plan } from './marks';
import { headerSignature, locateTable, masterRows, movementRows, cellOf, type ColumnOf, type SheetRows, type Table } from './table';

export type Phase = 'idle' | 'reading' | 'checking' | 'marking' | 'posting';

export interface ListedProblem {
  sheet: string;
  row: number;
  col: number | null;
  /** 'C7', or the row's Status cell when the field has no column. */
  address: string;
  severity: 'error' | 'warning';
  message: string;
}

export interface Notice {
  intent: 'success' | 'error' | 'warning' | 'info';
  title: string;
  text: string;
}

export interface SessionState {
  phase: Phase;
  progress: { label: string; done: number; total: number } | null;
  kind: SheetKind;
  table: Table | null;
  rows: number;
  errors: number;
  warnings: number;
  problems: ListedProblem[];
  /** The server's dry run has checked the sheet as it is now. */
  serverChecked: boolean;
  /** Batch id of the last post, cleared by any edit of the table. */
  postedBatch: string | null;
  notice: Notice | null;
}

export const MAPPING_SETTING = 'lotledger.columnMapping';
const STATUS_HEADER = 'Status';
/** Edits are re-checked on the server after this pause, so typing a row does not send a dry run per key. */
const DRY_RUN_PAUSE_MS = 600;

const initial = (kind: SheetKind): SessionState => ({
  phase: 'idle', progress: null, kind, table: null, rows: 0, errors: 0, warnings: 0, problems: [],
  serverChecked: false, postedBatch: null, notice: null,
});

export class SheetSession {
  state: SessionState = initial('movements');
  private listeners = new Set<(s: SessionState) => void>();
  private data: RegionData | null = null;
  private date1904 = false;
  private workbookName = '';
  private read: SheetRows<RawRow | Record<string, unknown>> | null = null;
  private local: Problem[] = [];
  private master: MasterData | null = null;
  /** Server problems by sheet row, so they survive rows shifting in the index. */
  private server = new Map<number, Problem[]>();
  private applied = new Map<string, CellMark>();
  private appliedStatus: string[] = [];
  private attempt: { key: string; version: number } | null = null;
  private version = 0;
  private dryRunTimer: ReturnType<typeof setTimeout> | null = null;
  private stopListening: () => void;
  /** Checks, edits, dry runs and posts run one after another, never interleaved. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly port: WorkbookPort,
    private readonly api: () => ApiClient | null,
    private readonly options: { defaultType: () => MovementType; today?: () => string; newKey?: () => string },
  ) {
    this.stopListening = this.listen();
  }

  private listen(): () => void {
    return this.port.onEdit((r) => void this.serial(() => this.edited(r)));
  }

  /** Listens for edits again after dispose() (React may unmount and remount the pane). */
  resume(): void {
    this.stopListening();
    this.stopListening = this.listen();
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Resolves when every queued check, re-check and post has finished (for tests and the UI). */
  idle(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  subscribe(listener: (s: SessionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.stopListening();
    if (this.dryRunTimer) clearTimeout(this.dryRunTimer);
  }

  private set(patch: Partial<SessionState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }

  private progress = (label: string) => (done: number, total: number) => this.set({ progress: { label, done, total } });

  /** True when Post may be pressed: a checked sheet without errors, unchanged since its last post. */
  get canPost(): boolean {
    const s = this.state;
    return s.phase === 'idle' && s.table !== null && s.serverChecked && s.errors === 0 && s.rows > 0 && s.postedBatch === null;
  }

  /** Reads and checks the table around the selection. */
  check(kind: SheetKind = 'movements', mapping?: ColumnMap<string>): Promise<void> {
    return this.serial(() => this.checkNow(kind, mapping));
  }

  private async checkNow(kind: SheetKind, mapping?: ColumnMap<string>): Promise<void> {
    const api = this.api();
    if (!api) return this.set({ notice: { intent: 'warning', title: 'Not connected', text: 'Connect with your access token first: checking needs the item master.' } });
    if (this.dryRunTimer) clearTimeout(this.dryRunTimer);
    this.set({ phase: 'reading', kind, progress: null, notice: null });
    try {
      const region = await this.port.tableRegion();
      if (!region) return this.set({ phase: 'idle', notice: { intent: 'warning', title: 'No table here', text: 'Select a cell inside the table (or the whole table) and check again.' } });
      const info = await this.port.info();
      this.workbookName = info.name;
      this.date1904 = info.date1904;
      const data = await this.port.read(region, this.progress('Reading the sheet'));
      const remembered = await this.rememberedMapping();
      let table = locateTable(kind, data, null);
      if (!table) {
        await this.clearAll();
        return this.set({ phase: 'idle', table: null, progress: null, notice: { intent: 'warning', title: 'No header row found', text: 'The table needs a header row naming its columns (e.g. PO #, Item code, Lot #, Qty, Location).' } });
      }
      const saved = mapping ?? remembered[headerSignature(table.headers)];
      if (saved) table = locateTable(kind, data, saved as ColumnMap<ColumnOf<typeof kind>>)!;
      if (mapping) await this.rememberMapping(table.headers, mapping);
      // Checking again starts from a clean sheet: old marks and status go, wherever the table was.
      await this.clearAll();
      this.master = null;
      this.data = data;
      this.server.clear();
      this.attempt = null;
      this.version++;
      this.set({ phase: 'checking', table, postedBatch: null, serverChecked: false });
      await this.checkLocally(api);
      await this.apply(this.plan(), true);
      if (kind === 'movements') await this.dryRun(api);
      else this.set({ serverChecked: true });
      this.set({ phase: 'idle', progress: null });
    } catch (e) {
      this.failed(e, 'Checking stopped');
    }
  }

  private async rememberedMapping(): Promise<Record<string, ColumnMap<string>>> {
    try {
      return JSON.parse((await this.port.getSetting(MAPPING_SETTING)) ?? '{}');
    } catch {
      return {};
    }
  }

  private async rememberMapping(headers: string[], mapping: ColumnMap<string>): Promise<void> {
    const all = await this.rememberedMapping();
    all[headerSignature(headers)] = mapping;
    await this.port.setSetting(MAPPING_SETTING, JSON.stringify(all));
  }

  /** Damage and the shared rules, over the table held in memory. */
  private async checkLocally(api: ApiClient): Promise<void> {
    const table = this.state.table!;
    const data = this.data!;
    if (table.kind === 'movements') {
      // The item master is fetched once per check, not per edit.
      if (!this.master) {
        const [items, locations] = await Promise.all([api.items(), api.locations()]);
        this.master = masterData(items, locations);
      }
      const today = this.options.today?.() ?? todayUtc();
      const read = movementRows(data, table as Table<'movements'>, { date1904: this.date1904, defaultType: this.options.defaultType(), today });
      const rules = checkRowsFields(read.rows, this.master, { today, defaultType: this.options.defaultType() });
      this.read = read;
      this.local = mergeProblems(read.damage, rules.problems);
    } else {
      const read = masterRows(data, table as Table<'items'>);
      const checked = table.kind === 'items' ? checkItemRows(read.rows) : checkLocationRows(read.rows);
      this.read = read;
      this.local = mergeProblems(read.damage, checked.problems);
    }
  }

  private problemsNow(): Problem[] {
    const index = new Map(this.read!.sheetRows.map((r, i) => [r, i]));
    const server: Problem[] = [];
    for (const [sheetRow, list] of this.server) {
      const i = index.get(sheetRow);
      if (i !== undefined) for (const p of list) server.push({ ...p, row: i });
    }
    return mergeProblems([], this.local, server);
  }

  private plan(): Plan & { problems: Problem[] } {
    const table = this.state.table!;
    const problems = this.problemsNow();
    const sheetRows = this.read!.sheetRows;
    return { ...planMarks(problems, sheetRows, table.dataTop, table.dataRows, (p) => cellOf(table, p, sheetRows)), problems };
  }

  /** Brings the sheet in line with a plan, touching only the cells whose mark or status changed. */
  private async apply(plan: Plan & { problems: Problem[] }, writeHeader: boolean): Promise<void> {
    const table = this.state.table!;
    this.set({ phase: this.state.phase === 'idle' ? 'idle' : 'marking' });
    const next = new Map(plan.marks.map((m) => [`${m.row},${m.col}`, m]));
    const stale = [...this.applied].filter(([k, m]) => { const n = next.get(k); return !n || n.note !== m.note || n.severity !== m.severity; });
    const fresh = plan.marks.filter((m) => { const a = this.applied.get(`${m.row},${m.col}`); return !a || a.note !== m.note || a.severity !== m.severity; });
    if (stale.length) await this.port.clearMarks(table.sheet, stale.map(([, m]) => m));
    if (fresh.length) await this.port.mark(table.sheet, fresh, this.progress('Marking cells'));
    this.applied = next;
    if (writeHeader) await this.port.writeColumn(table.sheet, table.headerRow, table.statusCol, [STATUS_HEADER]);
    await this.writeStatus(plan.status);
    const sheetRows = this.read!.sheetRows;
    this.set({
      rows: sheetRows.length,
      errors: plan.errors,
      warnings: plan.warnings,
      problems: plan.problems.map((p) => {
        const cell = cellOf(table, p, sheetRows);
        const row = cell?.row ?? sheetRows[p.row];
        return { sheet: table.sheet, row, col: cell?.col ?? null, address: cellAddress(row, cell?.col ?? table.statusCol), severity: p.severity, message: p.message };
      }),
    });
  }

  /** Writes the Status texts that changed, in contiguous runs. */
  private async writeStatus(status: string[]): Promise<void> {
    const table = this.state.table!;
    const before = this.appliedStatus;
    let i = 0;
    while (i < status.length) {
      if (status[i] === before[i]) { i++; continue; }
      let j = i;
      while (j < status.length && status[j] !== before[j]) j++;
      await this.port.writeColumn(table.sheet, table.dataTop + i, table.statusCol, status.slice(i, j), this.progress('Writing the Status column'));
      i = j;
    }
    this.appliedStatus = status;
  }

  private body(): { rows: RawRow[]; source: { workbook: string; sheet: string; range: string } } {
    const t = this.state.table!;
    return {
      rows: this.read!.rows as RawRow[],
      source: { workbook: this.workbookName, sheet: t.sheet, range: rangeAddress(t.headerRow, t.left, t.dataRows + 1, t.columns.length) },
    };
  }

  /** The ledger rules, on the server, over the whole table; stores nothing. */
  private async dryRun(api: ApiClient): Promise<void> {
    const version = this.version;
    this.set({ progress: { label: 'Checking with the ledger', done: 0, total: 0 } });
    try {
      const answer = await api.dryRun(this.body());
      if (version !== this.version) return; // edited meanwhile: a newer dry run follows
      this.server.clear();
      for (const p of answer.problems) {
        const sheetRow = this.read!.sheetRows[p.row];
        if (sheetRow !== undefined) (this.server.get(sheetRow) ?? this.server.set(sheetRow, []).get(sheetRow)!).push(p);
      }
      await this.apply(this.plan(), false);
      const keep = this.state.notice?.title === 'Changed after posting';
      this.set({ serverChecked: true, progress: null, notice: keep ? this.state.notice : this.summary() });
    } catch (e) {
      if (e instanceof ApiRequestError && e.code === 'invalid_rows' && e.problems.length) {
        // Some deployments answer a dry run like a post: problems in a 422.
        this.server.clear();
        for (const p of e.problems) {
          const sheetRow = this.read!.sheetRows[p.row];
          if (sheetRow !== undefined) (this.server.get(sheetRow) ?? this.server.set(sheetRow, []).get(sheetRow)!).push(p);
        }
        await this.apply(this.plan(), false);
        return this.set({ serverChecked: true, progress: null, notice: this.summary() });
      }
      this.set({ progress: null });
      this.failed(e, 'Checked in the pane only');
    }
  }

  private summary(): Notice {
    const { errors, warnings, rows } = this.state;
    if (errors > 0) return { intent: 'error', title: `${errors} ${errors === 1 ? 'error' : 'errors'}`, text: `Fix the marked cells; ${rows} rows checked${warnings ? `, ${warnings} warnings` : ''}. Edited rows are checked again as you type.` };
    return { intent: 'success', title: 'Ready to post', text: `${rows} rows checked, no errors${warnings ? `, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}` : ''}.` };
  }

  /** A user edit: re-check the rows it touched, then the whole sheet with the ledger after a pause. */
  private async edited(region: Region): Promise<void> {
    const table = this.state.table;
    if (!table || !this.data || region.sheet !== table.sheet) return;
    const data = this.data;
    const top = Math.max(region.top, table.dataTop);
    const bottom = Math.min(region.top + region.rows, table.dataTop + table.dataRows);
    const left = Math.max(region.left, table.left);
    const right = Math.min(region.left + region.cols, table.left + table.columns.length);
    if (top >= bottom || left >= right) return;
    const fresh = await this.port.read({ sheet: table.sheet, top, left, rows: bottom - top, cols: right - left });
    for (let i = 0; i < fresh.rows; i++) {
      for (let j = 0; j < fresh.cols; j++) {
        const r = top + i - data.top, c = left + j - data.left;
        data.values[r][c] = fresh.values[i][j];
        data.text[r][c] = fresh.text[i][j];
        data.numberFormat[r][c] = fresh.numberFormat[i][j];
      }
    }
    for (let r = top; r < bottom; r++) this.server.delete(r);
    this.version++;
    this.attempt = null;
    const wasPosted = this.state.postedBatch;
    this.set({ postedBatch: null, serverChecked: table.kind !== 'movements' });
    const api = this.api();
    if (!api) return;
    try {
      await this.checkLocally(api);
      await this.apply(this.plan(), false);
      this.set({
        notice: wasPosted && table.kind === 'movements'
          ? { intent: 'warning', title: 'Changed after posting', text: `This sheet was posted as batch ${wasPosted}. Posting it again records all its rows again; to correct the ledger, void that batch first.` }
          : this.summary(),
      });
    } catch (e) {
      return this.failed(e, 'Re-checking stopped');
    }
    if (table.kind !== 'movements') return;
    if (this.dryRunTimer) clearTimeout(this.dryRunTimer);
    this.dryRunTimer = setTimeout(() => void this.serial(() => this.dryRun(api)), DRY_RUN_PAUSE_MS);
  }

  /** Posts the checked rows; a retry of the same attempt reuses its idempotency key. */
  post(): Promise<void> {
    return this.serial(() => this.postNow());
  }

  private async postNow(): Promise<void> {
    const api = this.api();
    if (!api || !this.canPost) return;
    if (this.state.kind !== 'movements') return this.saveMaster(api);
    if (!this.attempt || this.attempt.version !== this.version) this.attempt = { key: this.newKey(), version: this.version };
    const { key, version } = this.attempt;
    this.set({ phase: 'posting', progress: { label: `Posting ${this.state.rows} rows`, done: 0, total: 0 }, notice: null });
    try {
      const posted = await api.postBatch(this.body(), key);
      if (version !== this.version) return this.set({ phase: 'idle', progress: null });
      this.attempt = null;
      const text = postedText(posted.batchId);
      const status = this.withStatus(text);
      await this.writeStatus(status);
      this.set({
        phase: 'idle', progress: null, postedBatch: posted.batchId,
        notice: { intent: 'success', title: `Posted as batch ${posted.batchId}`, text: `${posted.posted} rows are in the ledger${posted.replayed ? ' (this post had already arrived; nothing was posted twice)' : ''}.` },
      });
    } catch (e) {
      if (e instanceof ApiRequestError && e.problems.length) {
        this.attempt = null;
        this.server.clear();
        for (const p of e.problems) {
          const sheetRow = this.read!.sheetRows[p.row];
          if (sheetRow !== undefined) (this.server.get(sheetRow) ?? this.server.set(sheetRow, []).get(sheetRow)!).push(p);
        }
        await this.apply(this.plan(), false);
        return this.set({ phase: 'idle', progress: null, notice: { intent: 'error', title: 'Nothing was posted', text: 'The ledger refused some rows (marked); fix them and post again.' } });
      }
      if (e instanceof NetworkError) {
        return this.set({
          phase: 'idle', progress: null,
          notice: { intent: 'error', title: 'No answer from the server', text: `${e.message} The rows may or may not have been posted. Pressing Post again is safe: it repeats this same post, which the ledger records at most once.` },
        });
      }
      if (e instanceof ApiRequestError && e.code === 'idempotency_in_progress') {
        return this.set({ phase: 'idle', progress: null, notice: { intent: 'warning', title: 'Still being posted', text: 'The server is still processing this post. Wait a moment and press Post again; it will not post twice.' } });
      }
      this.attempt = null;
      this.failed(e, 'Nothing was posted');
    }
  }

  /** The Status column with every data row (not the blank ones) saying `text`. */
  private withStatus(text: string): string[] {
    const status = [...this.appliedStatus];
    for (const r of this.read!.sheetRows) status[r - this.state.table!.dataTop] = text;
    return status;
  }

  private newKey(): string {
    return this.options.newKey?.() ?? crypto.randomUUID();
  }

  /** Saves an item or location table to the master data (admin). */
  private async saveMaster(api: ApiClient): Promise<void> {
    const kind = this.state.kind;
    this.set({ phase: 'posting', progress: { label: `Saving ${this.state.rows} ${kind}`, done: 0, total: 0 }, notice: null });
    try {
      const read = this.read!;
      const answer = kind === 'items'
        ? await api.postItems(checkItemRows(read.rows).items)
        : await api.postLocations(checkLocationRows(read.rows).locations);
      const status = this.withStatus('Saved');
      await this.writeStatus(status);
      this.set({ phase: 'idle', progress: null, postedBatch: 'saved', notice: { intent: 'success', title: `Saved ${answer.upserted} ${answer.upserted === 1 ? kind.replace(/s$/, '') : kind}`, text: 'The master data is up to date.' } });
    } catch (e) {
      if (e instanceof ApiRequestError && e.problems.length) {
        for (const p of e.problems) {
          const sheetRow = this.read!.sheetRows[p.row];
          if (sheetRow !== undefined) (this.server.get(sheetRow) ?? this.server.set(sheetRow, []).get(sheetRow)!).push(p);
        }
        await this.apply(this.plan(), false);
        return this.set({ phase: 'idle', progress: null, notice: { intent: 'error', title: 'Nothing was saved', text: e.message } });
      }
      this.failed(e, 'Nothing was saved');
    }
  }

  /** Selects the cell of a listed problem. */
  async select(p: ListedProblem): Promise<void> {
    await this.port.select(p.sheet, p.row, p.col ?? this.state.table?.statusCol ?? 0);
  }

  private async clearAll(): Promise<void> {
    const table = this.state.table;
    if (table && this.applied.size) await this.port.clearMarks(table.sheet, [...this.applied.values()]);
    this.applied = new Map();
    this.appliedStatus = [];
  }

  private failed(e: unknown, title: string): void {
    const text = e instanceof ApiRequestError || e instanceof NetworkError ? e.message : `Excel reported: ${(e as Error)?.message ?? String(e)}`;
    this.set({ phase: 'idle', progress: null, notice: { intent: 'error', title, text } });
  }
}
