/**
 * The rows a workbook posted, kept in its settings (not only in the Status column, which a
 * re-check or a copy to another sheet loses): which rows of a checked table were posted before
 * and must not be offered again, which the clerk chose to skip as repeats of an earlier batch,
 * and which a post just made.
 */
import type { BatchSummary } from '../../shared/api-types';
import type { Problem } from '../../shared/problems';
import type { RawRow } from '../../shared/rows';
import { emptyMemory, parseMemory, recognise, rowKey, type PostedBatch, type PostedMemory, type Recognised } from '../check/posted-rows';
import type { WorkbookPort } from '../workbook/port';

/** The workbook setting that holds the memory. */
export const POSTED_SETTING = 'lotledger.postedRows';

/** Rows that repeat one earlier batch, as the dry run found them. */
export interface DuplicateGroup { batchId: string; postedAt: string | null; postedBy: string | null; rows: number }

export class PostedRows {
  memory: PostedMemory = emptyMemory();
  private found: Recognised = { posted: new Map(), voided: new Map() };
  /** Sheet rows the clerk chose to leave out, with the batch they repeat. */
  private skipped = new Map<number, string>();
  /** The clerk chose to post the repeats anyway. */
  confirmed = false;

  /** Loads and saves run one after another: a load never overtakes the save of a post. */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(private readonly port: WorkbookPort) {}

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const next = this.turn.then(work, work);
    this.turn = next.catch(() => undefined);
    return next;
  }

  load(): Promise<void> {
    return this.inTurn(async () => { this.memory = parseMemory(await this.port.getSetting(POSTED_SETTING)); });
  }

  private save(): Promise<void> {
    return this.port.setSetting(POSTED_SETTING, JSON.stringify(this.memory));
  }

  /** A new check: no choice made yet. */
  reset(): void {
    this.skipped.clear();
    this.confirmed = false;
  }

  /** Recognises the rows read (by their content) against the memory. */
  see(rows: readonly RawRow[]): void {
    this.found = recognise(rows.map(rowKey), this.memory);
  }

  /** The indexes of the rows a post sends: neither posted before nor skipped. */
  sendable(sheetRows: readonly number[]): number[] {
    const out: number[] = [];
    sheetRows.forEach((r, i) => { if (!this.found.posted.has(i) && !this.skipped.has(r)) out.push(i); });
    return out;
  }

  get postedEarlier(): number {
    return this.found.posted.size;
  }

  /**
   * Sets the Status of rows not sent (posted before: "Posted B-…"; skipped: which batch they
   * repeat), and puts the voiding batch before the Status of rows whose earlier post was voided.
   */
  statusOfUnsent(status: string[], sheetRows: readonly number[], dataTop: number): void {
    sheetRows.forEach((r, i) => {
      const batch = this.found.posted.get(i);
      const repeats = this.skipped.get(r);
      const voidedBy = this.found.voided.get(i);
      if (batch) status[r - dataTop] = `Posted ${batch}`;
      else if (repeats) status[r - dataTop] = `Skipped: repeats batch ${repeats}`;
      else if (voidedBy) status[r - dataTop] = `Voided by ${voidedBy}. ${status[r - dataTop]}`;
    });
  }

  /** Leaves out the rows that repeat an earlier batch. */
  skip(problems: readonly Problem[], sheetRows: readonly number[]): void {
    for (const p of problems) if (p.code === 'possible_duplicate' && p.batchId) this.skipped.set(sheetRows[p.row], p.batchId);
  }

  /** Remembers a post of `rows` (as sent). */
  remember(batch: Omit<PostedBatch, 'keys' | 'rows' | 'voidedBy'>, rows: readonly RawRow[]): Promise<void> {
    return this.inTurn(() => {
      this.memory.batches.push({ ...batch, rows: rows.length, keys: rows.map(rowKey).join(' '), voidedBy: null });
      return this.save();
    });
  }

  /** Takes the ledger's word on which remembered batches are voided; saves when that changed anything. */
  refreshVoided(list: readonly BatchSummary[]): Promise<void> {
    return this.inTurn(async () => {
      const byId = new Map(list.map((b) => [b.batchId, b]));
      let changed = false;
      for (const b of this.memory.batches) {
        const now = byId.get(b.batchId)?.voidedBy;
        if (now && b.voidedBy !== now) { b.voidedBy = now; changed = true; }
      }
      if (changed) await this.save();
    });
  }

  /** The oldest day a remembered, unvoided batch was posted (to ask the ledger about), or null. */
  oldestLive(): string | null {
    const days = this.memory.batches.filter((b) => !b.voidedBy).map((b) => b.postedAt.slice(0, 10)).sort();
    return days[0] ?? null;
  }
}

/** The rows that repeat earlier batches, by batch, with when and by whom each was posted (when the list knows). */
export function duplicateGroups(problems: readonly Problem[], known: readonly BatchSummary[]): DuplicateGroup[] {
  const counts = new Map<string, number>();
  for (const p of problems) {
    if (p.code === 'possible_duplicate' && p.severity === 'error' && p.batchId) counts.set(p.batchId, (counts.get(p.batchId) ?? 0) + 1);
  }
  return withWho([...counts].map(([batchId, rows]) => ({ batchId, postedAt: null, postedBy: null, rows })), known);
}

/** The groups with when and by whom each batch was posted, from batches read since. */
export function withWho(groups: readonly DuplicateGroup[], known: readonly BatchSummary[]): DuplicateGroup[] {
  const byId = new Map(known.map((b) => [b.batchId, b]));
  return groups.map((g) => ({ ...g, postedAt: byId.get(g.batchId)?.postedAt ?? g.postedAt, postedBy: byId.get(g.batchId)?.postedBy ?? g.postedBy }));
}
