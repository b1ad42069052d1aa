/**
 * The one write path: every movement enters the ledger through `postBatch`, a sheet of
 * 100,000 rows or a single row typed in the pane alike.
 */
import type { Client } from '@libsql/client';
import type { CheckedRow, RawRow } from '../../shared/rows';
import type { Problem } from '../../shared/problems';
import { hasErrors } from '../../shared/problems';
import { checkRowsFields, masterData } from '../../shared/rules';
import { todayUtc } from '../../shared/dates';
import type { Auth } from '../env';
import { ApiError } from '../errors';
import { LedgerCheck, type NewLot } from './checks';
import { keysOf, loadLedgerState, loadMaster, type Master } from './state';
import {
  effectWrites, headWrites, isLedgerChanged, lotWrites, movementWrites, type BatchRecord, type MovementWrite, type WriteContext,
} from './writes';
import { openWrite } from '../db/write-stream';
import { finishKeyStatement } from './idempotency';
import { newBatchId } from './ids';
import { serialised } from './mutex';

export interface PostInput {
  rows: RawRow[];
  dryRun: boolean;
  source: BatchRecord['source'];
}

export type PostAnswer =
  | { status: 201; body: { batchId: string; posted: number; warnings: Problem[] } }
  | { status: 200; body: { ok: boolean; problems: Problem[] } };

/** Tries this many times when other posts keep getting in first, then asks the client to retry. */
export const MAX_ATTEMPTS = 5;

/** Rows the ledger rules check, and the write is given, at a time: one part is written while the next is checked. */
export const PART_ROWS = 5000;
/**
 * Rows checked between turns of the event loop: on an embedded file each statement of the write
 * starts from a callback on this thread, which waits until the thread is free.
 */
const TURN_ROWS = 500;

/**
 * Checks a batch against the field and ledger rules and, unless it is a dry run, appends it
 * atomically. Refuses with 422 `invalid_rows` (nothing stored) when any row has an error.
 * @example await postBatch(db, auth, { rows, dryRun: false, source: null }, { now: new Date(), idempotencyKey: null })
 */
export async function postBatch(
  db: Client, auth: Auth, input: PostInput, opts: { now: Date; idempotencyKey: string | null },
): Promise<PostAnswer> {
  const run = async (): Promise<PostAnswer> => {
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const answer = await attempt(db, auth, input, opts);
      if (answer !== 'retry') return answer;
    }
    throw new ApiError(503, 'conflict', 'The ledger is busy with other posts; nothing was posted. Try again in a moment.',
      undefined, { 'Retry-After': '1' });
  };
  return input.dryRun ? run() : serialised(db, run);
}

/**
 * One try: the field rules on every row and the ledger state they name, then the ledger rules a
 * part at a time, each clean part's lots and movements handed to the write as soon as it is
 * checked (on an embedded file SQLite writes one part while the next is checked), then the
 * projections and the commit. A problem anywhere and the write is abandoned: nothing is kept.
 */
async function attempt(
  db: Client, auth: Auth, input: PostInput, opts: { now: Date; idempotencyKey: string | null },
): Promise<PostAnswer | 'retry'> {
  const master = await loadMaster(db, auth.workspaceId);
  const fields = checkRowsFields(input.rows, masterData(master.items, master.locations), { today: todayUtc(opts.now) });
  const rows = fields.rows;
  const state = await loadLedgerState(db, master, keysOf(rows, master));
  const ledger = new LedgerCheck(master.itemsBySku, state);
  if (input.dryRun || hasErrors(fields.problems)) {
    ledger.check(rows, 0, rows.length);
    const problems = mergeByRow(fields.problems, ledger.problems);
    if (input.dryRun) return { status: 200, body: { ok: !hasErrors(problems), problems } };
    throw refusal(problems);
  }
  const ctx: WriteContext = {
    workspaceId: auth.workspaceId, master,
    batch: { id: newBatchId(opts.now), postedAt: opts.now.toISOString(), postedBy: auth.tokenName, source: input.source },
  };
  const write = await openWrite(db);
  let ended = false;
  try {
    write.push(headWrites(ctx, master.version, rows.length));
    const { lotsMade } = ledger.sim;
    const lotsWithoutExpiry: NewLot[] = []; // written before a later row of the batch gave their expiry, perhaps
    let lotsWritten = 0;
    for (let from = 0; from < rows.length; from += PART_ROWS) {
      const to = Math.min(rows.length, from + PART_ROWS);
      for (let a = from; a < to; a += TURN_ROWS) {
        ledger.check(rows, a, Math.min(to, a + TURN_ROWS));
        await write.turn();
      }
      if (ledger.errors > 0 || write.failed()) continue; // checked to the end, to report every problem; not written
      const lots = lotsMade.slice(lotsWritten);
      lotsWritten = lotsMade.length;
      for (const l of lots) if (l.expiry === null) lotsWithoutExpiry.push(l);
      write.push(lotWrites(ctx, lots));
      write.push(movementWrites(ctx, movementsOf(rows, from, to, master)));
      await write.turn();
    }
    const problems = mergeByRow(fields.problems, ledger.problems);
    if (ledger.errors > 0) throw refusal(problems);
    const answer: PostAnswer = { status: 201, body: { batchId: ctx.batch.id, posted: rows.length, warnings: problems } };
    write.push(effectWrites(ctx, ledger.sim.effects, lotsWithoutExpiry.filter((l): l is NewLot & { expiry: string } => l.expiry !== null)));
    if (opts.idempotencyKey) write.push([finishKeyStatement(auth.workspaceId, opts.idempotencyKey, 201, answer.body)]);
    ended = true;
    await write.commit();
    return answer;
  } catch (e) {
    if (!ended) await write.abort();
    if (isLedgerChanged(e)) return 'retry';
    throw e;
  }
}

/** The movements of rows `from` to `to`, made one at a time as the write's JSON is written. */
function* movementsOf(rows: readonly (CheckedRow | null)[], from: number, to: number, master: Master): Iterable<MovementWrite> {
  for (let i = from; i < to; i++) {
    const r = rows[i]!;
    yield {
      rowIndex: i, type: r.type, date: r.date, itemId: master.itemsBySku.get(r.sku)!.id, lot: r.lot, serial: r.serial,
      qtyMilli: r.qtyMilli, fromId: r.from === null ? null : master.locationIds.get(r.from)!,
      toId: r.to === null ? null : master.locationIds.get(r.to)!, party: r.party, ref: r.ref, note: r.note, reverses: null,
    };
  }
}

function refusal(problems: Problem[]): ApiError {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return new ApiError(422, 'invalid_rows',
    `${errors} problem${errors === 1 ? '' : 's'} in the rows; nothing was posted. Fix the marked cells and post again.`, problems);
}

/** Field and ledger problems together, in row order (stable within a row). */
function mergeByRow(a: Problem[], b: Problem[]): Problem[] {
  if (b.length === 0) return a;
  return [...a, ...b].sort((x, y) => x.row - y.row);
}
