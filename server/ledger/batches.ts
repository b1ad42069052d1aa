/** Reading batches back: the list (newest first) and one batch with its movements. */
import type { LedgerStore, Row } from '../db/port';
import { LedgerError } from './errors';
import { isIsoDate } from '../../shared/dates';
import { selectMovements } from './movement-rows';
import type { BatchDetail, BatchSummary } from '../../shared/api-types';

const BATCH_SELECT = `SELECT b.id, b.posted_at, b.posted_by, b.rows, b.source_workbook, b.source_sheet, b.source_range,
  b.voids, b.reason, (SELECT v.id FROM batch v WHERE v.voids = b.id) AS voided_by FROM batch b`;

const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

function toSummary(r: Row): BatchSummary {
  const source = r.source_workbook === null && r.source_sheet === null && r.source_range === null
    ? null
    : { workbook: text(r.source_workbook), sheet: text(r.source_sheet), range: text(r.source_range) };
  return {
    batchId: String(r.id), postedAt: String(r.posted_at), postedBy: String(r.posted_by), rows: Number(r.rows),
    source, voidedBy: text(r.voided_by), voids: text(r.voids), reason: text(r.reason),
  };
}

/**
 * The workspace's batches posted between two UTC days (inclusive; either may be open), newest first.
 * @example await listBatches(db, 1, '2026-11-01', null)
 */
export async function listBatches(db: LedgerStore, workspaceId: number, from: string | null, to: string | null): Promise<BatchSummary[]> {
  const rs = await db.read({
    sql: `${BATCH_SELECT} WHERE b.workspace_id = ?1 AND (?2 IS NULL OR b.posted_at >= ?2) AND (?3 IS NULL OR b.posted_at < ?3)
          ORDER BY b.posted_at DESC, b.id DESC`,
    args: [workspaceId, from, to === null ? null : nextDay(to)],
  });
  return rs.rows.map(toSummary);
}

/**
 * The days a batch list covers, from `from` and `to` as given (absent or empty: open); 400
 * `invalid_query` for a date that is no date or a window that ends before it starts.
 * @example batchWindow('2026-11-01', undefined) // { from: '2026-11-01', to: null }
 */
export function batchWindow(from: string | undefined, to: string | undefined): { from: string | null; to: string | null } {
  const day = (v: string | undefined, name: string) => {
    if (v === undefined || v === '') return null;
    if (!isIsoDate(v)) throw new LedgerError('invalid_query', `${name}=${v} is not a date; write it as YYYY-MM-DD.`);
    return v;
  };
  const window = { from: day(from, 'from'), to: day(to, 'to') };
  if (window.from && window.to && window.from > window.to) {
    throw new LedgerError('invalid_query', `from=${window.from} is after to=${window.to}.`);
  }
  return window;
}

/**
 * Why a batch is voided, trimmed: a text of 1–1,000 characters, else 400 `invalid_request`.
 * @example voidReason(' wrong customer ') // 'wrong customer'
 */
export function voidReason(reason: unknown): string {
  if (reason === undefined || reason === null || (typeof reason === 'string' && reason.trim() === '')) {
    throw new LedgerError('invalid_request', 'Say why the batch is voided: {"reason": "..."}.');
  }
  if (typeof reason !== 'string' || reason.length > 1000) {
    throw new LedgerError('invalid_request', 'The reason must be a text of at most 1,000 characters.');
  }
  return reason.trim();
}

/** One batch of the workspace with its movements in row order; 404 when it is not this workspace's. */
export async function getBatch(db: LedgerStore, workspaceId: number, batchId: string): Promise<BatchDetail> {
  const rs = await db.read({ sql: `${BATCH_SELECT} WHERE b.workspace_id = ? AND b.id = ?`, args: [workspaceId, batchId] });
  if (rs.rows.length === 0) throw new LedgerError('not_found', `There is no batch ${batchId} in this workspace.`);
  const movements = await selectMovements(db, 'WHERE m.batch_id = ? AND m.workspace_id = ? ORDER BY m.row_index, m.id', [batchId, workspaceId]);
  return { ...toSummary(rs.rows[0]), movements };
}

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
