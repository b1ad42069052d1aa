/**
 * The Batches section: this workbook's posts (from its memory) and the workspace's latest
 * (from the ledger), each with where its rows are; going to a batch's rows, and voiding one.
 */
import type { BatchSummary } from '../../shared/api-types';
import { ApiRequestError, type ApiClient } from '../api/client';
import { parseAddress } from '../workbook/address';
import type { WorkbookPort } from '../workbook/port';
import { notices, type Notice } from './notices';
import type { PostedRows } from './posted';

/** One batch as the section lists it. */
export interface BatchEntry {
  batchId: string;
  postedAt: string;
  postedBy: string;
  rows: number;
  sheet: string | null;
  range: string | null;
  voidedBy: string | null;
  /** Posted from this workbook: its rows can be gone to. */
  here: boolean;
}

export interface BatchesState { mine: BatchEntry[]; latest: BatchEntry[]; busy: boolean; notice: Notice | null }

/** How many of the workspace's latest batches are listed. */
const LATEST = 10;
/** How far back the workspace's latest are looked for. */
const LATEST_DAYS = 30;

const entryOf = (b: BatchSummary, here: boolean): BatchEntry => ({
  batchId: b.batchId, postedAt: b.postedAt, postedBy: b.postedBy, rows: b.rows,
  sheet: b.source?.sheet ?? null, range: b.source?.range ?? null, voidedBy: b.voidedBy, here,
});

export class BatchesView {
  state: BatchesState = { mine: [], latest: [], busy: false, notice: null };
  private listeners = new Set<(s: BatchesState) => void>();

  constructor(
    private readonly port: WorkbookPort, private readonly api: () => ApiClient | null, private readonly posted: PostedRows,
    private readonly now: () => Date = () => new Date(),
  ) {}

  subscribe(listener: (s: BatchesState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(patch: Partial<BatchesState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }

  /** Reads this workbook's posts and the workspace's latest batches again. */
  async refresh(): Promise<void> {
    const api = this.api();
    if (!api) return this.set({ notice: notices.notConnected() });
    this.set({ busy: true, notice: null });
    try {
      await this.posted.load();
      const since = new Date(this.now().getTime() - LATEST_DAYS * 86_400_000).toISOString().slice(0, 10);
      const oldest = this.posted.oldestLive();
      const listed = (await api.batches(oldest && oldest < since ? oldest : since)).batches;
      await this.posted.refreshVoided(listed);
      const byId = new Map(listed.map((b) => [b.batchId, b]));
      const mine = [...this.posted.memory.batches].reverse().map((b) => ({
        batchId: b.batchId, postedAt: byId.get(b.batchId)?.postedAt ?? b.postedAt, postedBy: byId.get(b.batchId)?.postedBy ?? b.postedBy,
        rows: b.rows, sheet: b.sheet, range: b.range, voidedBy: b.voidedBy, here: true,
      }));
      const ours = new Set(mine.map((b) => b.batchId));
      // A void's reversing batch is not listed apart: its batch shows "voided by" it.
      const latest = listed.filter((b) => !ours.has(b.batchId) && b.voids === null).slice(0, LATEST).map((b) => entryOf(b, false));
      this.set({ mine, latest, busy: false });
    } catch (e) {
      this.set({ busy: false, notice: notices.failed(e, 'Batches not read') });
    }
  }

  /** Selects the rows a batch of this workbook was posted from. */
  async goTo(entry: BatchEntry): Promise<void> {
    if (!entry.sheet || !entry.range) return;
    try {
      const box = parseAddress(entry.range);
      // The range holds the header row; the batch's rows are below it.
      await this.port.select(entry.sheet, box.top + 1, box.left, Math.max(1, box.rows - 1), box.cols);
    } catch (e) {
      this.set({ notice: { intent: 'warning', title: 'Rows not found', text: `Sheet “${entry.sheet}” is not in this workbook any more (${(e as Error).message}).` } });
    }
  }

  /** Voids a batch (clerk); a refusal is told in the ledger's own plain words. */
  async void(batchId: string, reason: string): Promise<boolean> {
    const api = this.api();
    if (!api) return false;
    if (!reason.trim()) {
      this.set({ notice: { intent: 'warning', title: 'A reason is needed', text: 'Say why the batch is voided (e.g. “posted twice”); the ledger keeps it.' } });
      return false;
    }
    this.set({ busy: true, notice: null });
    try {
      const voided = await api.voidBatch(batchId, reason.trim());
      await this.refresh();
      this.set({ notice: notices.voided(batchId, voided.batchId) });
      return true;
    } catch (e) {
      this.set({ busy: false, notice: voidRefusal(batchId, e) });
      return false;
    }
  }
}

/** Why a void was refused, as the clerk can act on it. */
export function voidRefusal(batchId: string, e: unknown): Notice {
  if (e instanceof ApiRequestError && e.code === 'void_blocked') {
    return { intent: 'error', title: `Batch ${batchId} cannot be voided`, text: `Later movements depend on it: ${e.message}` };
  }
  if (e instanceof ApiRequestError && e.code === 'already_voided') {
    return { intent: 'warning', title: `Batch ${batchId} is already voided`, text: e.message };
  }
  return notices.failed(e, 'Nothing was voided');
}
