/**
 * One checked sheet, from "Check sheet" to "Post": reads the table through the workbook port,
 * checks it (Excel's damage, the shared rules, then the server's dry run), marks the cells,
 * writes the Status column, re-checks rows as they are edited, and posts with one
 * idempotency key per attempt. Plain TypeScript: the React pane only renders its state.
 */
import type { ColumnMap, SheetKind } from '../../shared/columns';
import { todayUtc } from '../../shared/dates';
import type { Problem } from '../../shared/problems';
import type { MovementType, RawRow } from '../../shared/rows';
import { masterData, type MasterData } from '../../shared/rules';
import type { BatchRequest, BatchSummary } from '../../shared/api-types';
import { ApiRequestError, type ApiClient } from '../api/client';
import type { Region, RegionData } from '../check/cells';
import { checkTable } from '../check/check-table';
import { mergeProblems, planMarks, postedText } from '../check/marks';
import { cellOf, type SheetRows } from '../check/table';
import type { WorkbookPort } from '../workbook/port';
import { saveMasterRows } from './master-data';
import { notices } from './notices';
import { batchBody, PostAttempt, postFailedNotice } from './posting';
import { listProblems, ServerProblems, type ListedProblem } from './problems';
import { initialState, type SessionState } from './state';
import { editedCells, mappedTable, readRegion, rereadCells } from './read-sheet';
import { SheetMarks } from './sheet-marks';
import { duplicateGroups, PostedRows, withWho } from './posted';

export type { Notice } from './notices';
export type { Phase, SessionState } from './state';

/** Edits are re-checked on the server after this pause, so typing a row does not send a dry run per key. */
const DRY_RUN_PAUSE_MS = 600;

export class SheetSession {
  state: SessionState = initialState();
  private listeners = new Set<(s: SessionState) => void>();
  private readonly onSheet: SheetMarks;
  private data: RegionData | null = null;
  private date1904 = false;
  private workbookName = '';
  private read: SheetRows<RawRow | Record<string, unknown>> | null = null;
  private local: Problem[] = [];
  private master: MasterData | null = null;
  private readonly server = new ServerProblems();
  private readonly attempt: PostAttempt;
  /** What this workbook posted before, and the clerk's choice on repeats. */
  readonly posted: PostedRows;
  /** Indexes of the rows read that the last body sent (the server's problems point into it). */
  private sent: number[] = [];
  /** Batches the ledger listed at the last check (who posted a repeated batch, and when). */
  private known: BatchSummary[] = [];
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
    private readonly options: { defaultType: () => MovementType; today?: () => string; newKey?: () => string; who?: () => string },
  ) {
    this.onSheet = new SheetMarks(port);
    this.posted = new PostedRows(port);
    this.attempt = new PostAttempt(options.newKey);
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
    return s.phase === 'idle' && s.table !== null && !this.stale && s.serverChecked && s.errors === 0 && s.toPost > 0 && s.postedBatch === null;
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
      const read = await readRegion(this.port, this.progress('Reading the sheet'));
      if (!read) return this.set({ phase: 'idle', notice: notices.noTable() });
      this.workbookName = read.info.name;
      this.date1904 = read.info.date1904;
      // Checking again starts from a clean sheet: old marks and status go, wherever the table was.
      await this.onSheet.clear(this.state.table?.sheet ?? null, read.data.sheet);
      const table = await mappedTable(this.port, kind, read.data, mapping);
      if (!table) return this.set({ phase: 'idle', table: null, progress: null, problems: [], notice: notices.noHeader() });
      this.master = null;
      this.stale = false;
      this.data = read.data;
      this.server.clear();
      this.attempt.end();
      this.version++;
      this.posted.reset();
      this.set({ phase: 'checking', table, postedBatch: null, serverChecked: false, duplicates: [] });
      if (kind === 'movements') await this.recall(api);
      await this.checkLocally(api);
      await this.show(true);
      if (kind === 'movements') await this.dryRun(api);
      else this.set({ serverChecked: true, notice: notices.summary(this.state) });
      this.set({ phase: 'idle', progress: null });
    } catch (e) {
      this.set({ phase: 'idle', progress: null, notice: notices.failed(e, 'Checking stopped') });
    }
  }

  /** Excel's damage and the shared rules, over the table held in memory. */
  private async checkLocally(api: ApiClient): Promise<void> {
    const table = this.state.table!;
    // The item master is fetched once per check, not per edit.
    if (table.kind === 'movements' && !this.master) {
      const [items, locations] = await Promise.all([api.items(), api.locations()]);
      this.master = masterData(items, locations);
    }
    const checked = checkTable(this.data!, table, {
      master: this.master, date1904: this.date1904, defaultType: this.options.defaultType(), today: this.options.today?.() ?? todayUtc(),
    });
    this.read = checked.read;
    this.local = checked.problems;
    if (table.kind === 'movements') this.posted.see(this.read.rows as RawRow[]);
    this.sent = table.kind === 'movements' ? this.posted.sendable(this.read.sheetRows) : this.read.rows.map((_, i) => i);
  }

  /** Loads what the workbook posted before, and which of those batches the ledger has voided since. */
  private async recall(api: ApiClient): Promise<void> {
    await this.posted.load();
    const from = this.posted.oldestLive();
    this.known = (await api.batches(from ?? undefined)).batches;
    await this.posted.refreshVoided(this.known);
  }

  /** Keeps the server's problems by sheet row (they point at rows of the body sent). */
  private keepServerProblems(problems: readonly Problem[]): void {
    const sheetRows = this.read!.sheetRows;
    this.server.keep(problems, this.sent.map((i) => sheetRows[i]));
  }

  /** Marks the sheet, writes Status and lists the problems, from the local and server problems now known. */
  private async show(header = false): Promise<void> {
    const table = this.state.table!;
    const sheetRows = this.read!.sheetRows;
    // Rows not sent (posted before, or skipped) are neither checked nor counted.
    const sending = new Set(this.sent);
    const confirmed = this.posted.confirmed;
    const problems = mergeProblems([], this.local, this.server.on(sheetRows))
      .filter((p) => sending.has(p.row))
      .map((p) => (confirmed && p.code === 'possible_duplicate' ? { ...p, severity: 'warning' as const } : p));
    const plan = planMarks(problems, sheetRows, table.dataTop, table.dataRows, (p) => cellOf(table, p, sheetRows));
    if (table.kind === 'movements') this.posted.statusOfUnsent(plan.status, sheetRows, table.dataTop);
    await this.onSheet.apply(table, plan, { header, progress: this.progress });
    this.set({
      rows: sheetRows.length,
      toPost: this.sent.length,
      postedEarlier: table.kind === 'movements' ? this.posted.postedEarlier : 0,
      errors: plan.errors,
      warnings: plan.warnings,
      problems: listProblems(table, problems, sheetRows),
      numberColumns: this.read!.numberColumns,
      duplicates: duplicateGroups(problems, this.known),
    });
  }

  private body(): BatchRequest {
    const rows = this.read!.rows as RawRow[];
    const body: BatchRequest = batchBody(this.sent.map((i) => rows[i]), this.workbookName, this.state.table!);
    return this.posted.confirmed ? { ...body, duplicatesConfirmed: true } : body;
  }

  /** Asks the ledger who posted, and when, the repeated batches the last check did not list (rare: older batches). */
  private async whoRepeated(api: ApiClient): Promise<void> {
    const unknown = this.state.duplicates.filter((d) => d.postedAt === null);
    if (!unknown.length) return;
    for (const d of unknown) this.known.push(await api.batch(d.batchId));
    this.set({ duplicates: withWho(this.state.duplicates, this.known) });
  }

  /** Leaves out the rows that repeat an earlier batch, and checks the others again. */
  skipDuplicates(): Promise<void> {
    return this.serial(async () => {
      const api = this.api();
      if (!api || !this.read) return;
      const sheetRows = this.read.sheetRows;
      this.posted.skip(this.server.on(sheetRows), sheetRows);
      this.sent = this.posted.sendable(sheetRows);
      this.version++;
      await this.dryRun(api);
    });
  }

  /** Posts the rows that repeat an earlier batch all the same (duplicatesConfirmed), once checked again. */
  confirmDuplicates(): Promise<void> {
    return this.serial(async () => {
      const api = this.api();
      if (!api || !this.read) return;
      this.posted.confirmed = true;
      this.version++;
      await this.dryRun(api);
    });
  }

  /** The ledger rules, on the server, over the whole table; stores nothing. */
  private async dryRun(api: ApiClient): Promise<void> {
    const version = this.version;
    let problems: Problem[] = [];
    this.set({ progress: { label: 'Checking with the ledger', done: 0, total: 0 } });
    try {
      // Nothing to send (every row posted before): nothing for the ledger to check.
      if (this.sent.length) problems = (await api.dryRun(this.body())).problems;
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
    const s = this.state;
    const repeats = s.duplicates.reduce((n, d) => n + d.rows, 0);
    const summary = s.toPost === 0 && s.postedEarlier > 0 ? notices.allPosted(s.postedEarlier)
      : repeats > 0 && repeats === s.errors ? notices.repeats(repeats) : notices.summary(s);
    this.set({ serverChecked: true, progress: null, notice: keep ? s.notice : summary });
    await this.whoRepeated(api);
  }

  /** Rows, columns or cells inserted or deleted on the checked sheet: where the table is, is no longer known. */
  private async moved(region: Region): Promise<void> {
    const table = this.state.table;
    if (!table || region.sheet !== table.sheet) return;
    this.stale = true;
    this.version++;
    this.attempt.end();
    if (this.dryRunTimer) clearTimeout(this.dryRunTimer);
    this.set({ serverChecked: false, postedBatch: null, notice: notices.moved() });
  }

  /** A user edit: re-check the rows it touched at once, then the whole sheet with the ledger after a pause. */
  private async edited(region: Region): Promise<void> {
    const table = this.state.table;
    const data = this.data;
    if (!table || !data || this.stale || region.sheet !== table.sheet) return;
    const cells = editedCells(table, region);
    if (!cells) return;
    await rereadCells(this.port, data, cells, this.date1904);
    this.server.forget(cells.top, cells.top + cells.rows);
    this.version++;
    this.attempt.end();
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
    const version = this.version;
    const key = this.attempt.keyFor(version);
    const table = this.state.table!;
    this.set({ phase: 'posting', progress: { label: `Posting ${this.state.toPost} ${this.state.toPost === 1 ? 'row' : 'rows'}`, done: 0, total: 0 }, notice: null });
    try {
      const body = this.body();
      const posted = await api.postBatch(body, key);
      this.attempt.end();
      await this.posted.remember({
        batchId: posted.batchId, postedAt: new Date().toISOString(), postedBy: this.options.who?.() ?? '',
        sheet: table.sheet, range: body.source?.range ?? '',
      }, body.rows);
      if (version === this.version) {
        const sheetRows = this.read!.sheetRows;
        await this.onSheet.writeStatus(table, this.onSheet.statusSaying(table, this.sent.map((i) => sheetRows[i]), postedText(posted.batchId)));
        this.posted.see(this.read!.rows as RawRow[]);
      }
      this.sent = [];
      this.set({ phase: 'idle', progress: null, postedBatch: posted.batchId, toPost: 0, postedEarlier: this.posted.postedEarlier, notice: notices.posted(posted) });
    } catch (e) {
      const notice = postFailedNotice(e);
      this.attempt.failed(e);
      if (e instanceof ApiRequestError && e.problems.length) {
        this.keepServerProblems(e.problems);
        await this.show();
      }
      this.set({ phase: 'idle', progress: null, notice });
    }
  }

  /** Saves an item, location or party table to the master data (admin). */
  private async saveMaster(api: ApiClient): Promise<void> {
    const kind = this.state.kind;
    const table = this.state.table!;
    const read = this.read!;
    this.set({ phase: 'posting', progress: { label: `Saving ${this.state.rows} ${kind}`, done: 0, total: 0 }, notice: null });
    try {
      const upserted = await saveMasterRows(api, kind as Exclude<SheetKind, 'movements'>, read.rows);
      await this.onSheet.writeStatus(table, this.onSheet.statusSaying(table, read.sheetRows, 'Saved'));
      this.set({ phase: 'idle', progress: null, postedBatch: 'saved', notice: notices.saved(upserted, kind) });
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
