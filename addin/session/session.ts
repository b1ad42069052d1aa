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
import { ApiRequestError, keepsIdempotencyKey, outcomeUnknown, type ApiClient, type BatchBody } from '../api/client';
import { cellAddress, rangeAddress } from '../workbook/address';
import type { Region, RegionData, WorkbookPort } from '../workbook/port';
import { mergeProblems, planMarks, postedText } from '../check/marks';
import { notices, type Notice } from './notices';
import { SheetMarks } from './sheet-marks';
import { cellOf, headerSignature, locateTable, masterRows, movementRows, widenHashedText, type ColumnOf, type SheetRows, type Table } from '../check/table';

export type { Notice } from './notices';
export type Phase = 'idle' | 'reading' | 'checking' | 'posting';

export interface ListedProblem {
  sheet: string;
  row: number;
  col: number | null;
  /** 'C7', or the row's Status cell when the field has no column. */
  address: string;
  severity: 'error' | 'warning';
  message: string;
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
  /** Batch id of the last post ('saved' for master data), cleared by any edit of the table. */
  postedBatch: string | null;
  notice: Notice | null;
}

export const MAPPING_SETTING = 'lotledger.columnMapping';

/** A random key for one post attempt; getRandomValues also works where randomUUID does not (plain http). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `pane-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
/** Edits are re-checked on the server after this pause, so typing a row does not send a dry run per key. */
const DRY_RUN_PAUSE_MS = 600;

export class SheetSession {
  state: SessionState = {
    phase: 'idle', progress: null, kind: 'movements', table: null, rows: 0, errors: 0, warnings: 0, problems: [],
    serverChecked: false, postedBatch: null, notice: null,
  };
  private listeners = new Set<(s: SessionState) => void>();
  private readonly onSheet: SheetMarks;
  private data: RegionData | null = null;
  private date1904 = false;
  private workbookName = '';
  private read: SheetRows<RawRow | Record<string, unknown>> | null = null;
  private local: Problem[] = [];
  private master: MasterData | null = null;
  /** The server's problems by sheet row, so they survive rows shifting in the index. */
  private server = new Map<number, Problem[]>();
  private attempt: { key: string; version: number } | null = null;
  /** Bumped by every check and edit: an answer for an older version is stale. */
  private version = 0;
  /** Rows or columns were inserted or deleted since the check: the table must be read again. */
  private stale = false;
  private dryRunTimer: ReturnType<typeof setTimeout> | null = null;
  private stopListening: () => void;
  /** Checks, edits, dry runs and posts run one after another, never interleaved. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly port: WorkbookPort,
    private readonly api: () => ApiClient | null,
    private readonly options: { defaultType: () => MovementType; today?: () => string; newKey?: () => string },
  ) {
    this.onSheet = new SheetMarks(port);
    this.stopListening = this.listen();
  }

  private listen(): () => void {
    return this.port.onEdit((r, change) => void this.serial(() => (change === 'structure' ? this.moved(r) : this.edited(r))));
  }

  /** Listens for edits again after dispose() (React may unmount and remount the pane). */
  resume(): void {
    this.stopListening();
    this.stopListening = this.listen();
  }

  dispose(): void {
    this.stopListening();
    if (this.dryRunTimer) clearTimeout(this.dryRunTimer);
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Resolves when every queued check, re-check and post has finished. */
  idle(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  subscribe(listener: (s: SessionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(patch: Partial<SessionState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }

  private progress = (label: string) => (done: number, total: number) => this.set({ progress: { label, done, total } });

  /** True when Post may be pressed: a checked sheet without errors, unchanged since its last post. */
  get canPost(): boolean {
    const s = this.state;
    return s.phase === 'idle' && s.table !== null && !this.stale && s.serverChecked && s.errors === 0 && s.rows > 0 && s.postedBatch === null;
  }

  /** Reads and checks the table around the selection; a mapping given corrects the columns and is remembered. */
  check(kind: SheetKind = 'movements', mapping?: ColumnMap<string>): Promise<void> {
    return this.serial(() => this.checkNow(kind, mapping));
  }

  private async checkNow(kind: SheetKind, mapping?: ColumnMap<string>): Promise<void> {
    const api = this.api();
    if (!api) return this.set({ notice: notices.notConnected() });
    if (this.dryRunTimer) clearTimeout(this.dryRunTimer);
    this.set({ phase: 'reading', kind, progress: null, notice: null });
    try {
      const region = await this.port.tableRegion();
      if (!region) return this.set({ phase: 'idle', notice: notices.noTable() });
      const info = await this.port.info();
      this.workbookName = info.name;
      this.date1904 = info.date1904;
      const data = widenHashedText(await this.port.read(region, this.progress('Reading the sheet')), info.date1904);
      // Checking again starts from a clean sheet: old marks and status go, wherever the table was.
      await this.onSheet.clear(this.state.table?.sheet ?? null);
      let table = locateTable(kind, data, null);
      if (!table) return this.set({ phase: 'idle', table: null, progress: null, problems: [], notice: notices.noHeader() });
      const remembered = await this.rememberedMappings();
      const saved = mapping ?? remembered[headerSignature(table.headers)];
      if (saved) table = locateTable(kind, data, saved as ColumnMap<ColumnOf<typeof kind>>)!;
      if (mapping) await this.rememberMapping(table.headers, mapping);
      this.master = null;
      this.stale = false;
      this.data = data;
      this.server.clear();
      this.attempt = null;
      this.version++;
      this.set({ phase: 'checking', table, postedBatch: null, serverChecked: false });
      await this.checkLocally(api);
      await this.show(true);
      if (kind === 'movements') await this.dryRun(api);
      else this.set({ serverChecked: true, notice: notices.summary(this.state) });
      this.set({ phase: 'idle', progress: null });
    } catch (e) {
      this.set({ phase: 'idle', progress: null, notice: notices.failed(e, 'Checking stopped') });
    }
  }

  private async rememberedMappings(): Promise<Record<string, ColumnMap<string>>> {
    try {
      return JSON.parse((await this.port.getSetting(MAPPING_SETTING)) ?? '{}');
    } catch {
      return {};
    }
  }

  private async rememberMapping(headers: string[], mapping: ColumnMap<string>): Promise<void> {
    const all = await this.rememberedMappings();
    all[headerSignature(headers)] = mapping;
    await this.port.setSetting(MAPPING_SETTING, JSON.stringify(all));
  }

  /** Excel's damage and the shared rules, over the table held in memory. */
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
      const defaultType = this.options.defaultType();
      const read = movementRows(data, table as Table<'movements'>, { date1904: this.date1904, defaultType, today });
      this.read = read;
      this.local = mergeProblems(read.damage, checkRowsFields(read.rows, this.master, { today, defaultType }).problems);
    } else {
      const read = masterRows(data, table as Table<'items'>);
      this.read = read;
      this.local = mergeProblems(read.damage, (table.kind === 'items' ? checkItemRows(read.rows) : checkLocationRows(read.rows)).problems);
    }
  }

  /** Keeps the server's problems by sheet row (they point at rows of the body sent). */
  private keepServerProblems(problems: readonly Problem[]): void {
    this.server.clear();
    for (const p of problems) {
      const sheetRow = this.read!.sheetRows[p.row];
      if (sheetRow !== undefined) (this.server.get(sheetRow) ?? this.server.set(sheetRow, []).get(sheetRow)!).push(p);
    }
  }

  /** Marks the sheet, writes Status and lists the problems, from the local and server problems now known. */
  private async show(header = false): Promise<void> {
    const table = this.state.table!;
    const sheetRows = this.read!.sheetRows;
    const index = new Map(sheetRows.map((r, i) => [r, i]));
    const server: Problem[] = [];
    for (const [sheetRow, list] of this.server) {
      const i = index.get(sheetRow);
      if (i !== undefined) for (const p of list) server.push({ ...p, row: i });
    }
    const problems = mergeProblems([], this.local, server);
    const plan = planMarks(problems, sheetRows, table.dataTop, table.dataRows, (p) => cellOf(table, p, sheetRows));
    await this.onSheet.apply(table, plan, { header, progress: this.progress });
    this.set({
      rows: sheetRows.length,
      errors: plan.errors,
      warnings: plan.warnings,
      problems: problems.map((p) => {
        const cell = cellOf(table, p, sheetRows);
        const row = cell?.row ?? sheetRows[p.row];
        return { sheet: table.sheet, row, col: cell?.col ?? null, address: cellAddress(row, cell?.col ?? table.statusCol), severity: p.severity, message: p.message };
      }),
    });
  }

  private body(): BatchBody {
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
    let problems: Problem[];
    try {
      problems = (await api.dryRun(this.body())).problems;
    } catch (e) {
      // A deployment may answer a dry run as it answers a post: the problems in a 422.
      if (!(e instanceof ApiRequestError && e.code === 'invalid_rows' && e.problems.length)) {
        return this.set({ progress: null, notice: notices.failed(e, 'Checked in the pane only') });
      }
      problems = e.problems;
    }
    if (version !== this.version) return; // edited meanwhile: a newer dry run follows
    this.keepServerProblems(problems);
    await this.show();
    const keep = this.state.notice?.title === notices.changedAfterPost('').title;
    this.set({ serverChecked: true, progress: null, notice: keep ? this.state.notice : notices.summary(this.state) });
  }

  /** Rows, columns or cells inserted or deleted on the checked sheet: where the table is, is no longer known. */
  private async moved(region: Region): Promise<void> {
    const table = this.state.table;
    if (!table || region.sheet !== table.sheet) return;
    this.stale = true;
    this.version++;
    this.attempt = null;
    if (this.dryRunTimer) clearTimeout(this.dryRunTimer);
    this.set({ serverChecked: false, postedBatch: null, notice: notices.moved() });
  }

  /** A user edit: re-check the rows it touched at once, then the whole sheet with the ledger after a pause. */
  private async edited(region: Region): Promise<void> {
    const table = this.state.table;
    const data = this.data;
    if (!table || !data || this.stale || region.sheet !== table.sheet) return;
    const top = Math.max(region.top, table.dataTop);
    const bottom = Math.min(region.top + region.rows, table.dataTop + table.dataRows);
    const left = Math.max(region.left, table.left);
    const right = Math.min(region.left + region.cols, table.left + table.columns.length);
    if (top >= bottom || left >= right) return;
    const fresh = widenHashedText(await this.port.read({ sheet: table.sheet, top, left, rows: bottom - top, cols: right - left }), this.date1904);
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
      await this.show();
    } catch (e) {
      return this.set({ notice: notices.failed(e, 'Re-checking stopped') });
    }
    const movements = table.kind === 'movements';
    this.set({ notice: wasPosted && movements ? notices.changedAfterPost(wasPosted) : notices.summary(this.state) });
    if (!movements) return;
    if (this.dryRunTimer) clearTimeout(this.dryRunTimer);
    this.dryRunTimer = setTimeout(() => void this.serial(() => this.dryRun(api)), DRY_RUN_PAUSE_MS);
  }

  /** Posts the checked rows (or saves master data); a retry of the same attempt reuses its idempotency key. */
  post(): Promise<void> {
    return this.serial(() => this.postNow());
  }

  private async postNow(): Promise<void> {
    const api = this.api();
    if (!api || !this.canPost) return;
    if (this.state.kind !== 'movements') return this.saveMaster(api);
    if (!this.attempt || this.attempt.version !== this.version) {
      this.attempt = { key: this.options.newKey?.() ?? newIdempotencyKey(), version: this.version };
    }
    const { key, version } = this.attempt;
    const table = this.state.table!;
    this.set({ phase: 'posting', progress: { label: `Posting ${this.state.rows} rows`, done: 0, total: 0 }, notice: null });
    try {
      const posted = await api.postBatch(this.body(), key);
      this.attempt = null;
      if (version === this.version) await this.onSheet.writeStatus(table, this.onSheet.statusSaying(table, this.read!.sheetRows, postedText(posted.batchId)));
      this.set({ phase: 'idle', progress: null, postedBatch: posted.batchId, notice: notices.posted(posted) });
    } catch (e) {
      const notice = outcomeUnknown(e) ? notices.unknownOutcome(e)
        : e instanceof ApiRequestError && e.code === 'idempotency_in_progress' ? notices.stillPosting()
        : e instanceof ApiRequestError && e.problems.length ? notices.refused()
        : notices.failed(e, 'Nothing was posted');
      // The next Post repeats this attempt (same key, same rows) unless the server refused it.
      if (!keepsIdempotencyKey(e)) this.attempt = null;
      if (e instanceof ApiRequestError && e.problems.length) {
        this.keepServerProblems(e.problems);
        await this.show();
      }
      this.set({ phase: 'idle', progress: null, notice });
    }
  }

  /** Saves an item or location table to the master data (admin). */
  private async saveMaster(api: ApiClient): Promise<void> {
    const kind = this.state.kind;
    const table = this.state.table!;
    const read = this.read!;
    this.set({ phase: 'posting', progress: { label: `Saving ${this.state.rows} ${kind}`, done: 0, total: 0 }, notice: null });
    try {
      const answer = kind === 'items'
        ? await api.postItems(checkItemRows(read.rows).items)
        : await api.postLocations(checkLocationRows(read.rows).locations);
      await this.onSheet.writeStatus(table, this.onSheet.statusSaying(table, read.sheetRows, 'Saved'));
      this.set({ phase: 'idle', progress: null, postedBatch: 'saved', notice: notices.saved(answer.upserted, kind) });
    } catch (e) {
      if (e instanceof ApiRequestError && e.problems.length) {
        this.keepServerProblems(e.problems);
        await this.show();
      }
      this.set({ phase: 'idle', progress: null, notice: notices.failed(e, 'Nothing was saved') });
    }
  }

  /** Selects the cell of a listed problem. */
  async select(p: ListedProblem): Promise<void> {
    await this.port.select(p.sheet, p.row, p.col ?? this.state.table?.statusCol ?? 0);
  }
}
