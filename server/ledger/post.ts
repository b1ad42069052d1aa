/**
 * The one write path: every movement enters the ledger through `postBatch`, a sheet of
 * 100,000 rows or a single row typed in the pane alike.
 */
import type { Client, InStatement } from '@libsql/client';
import type { RawRow } from '../../shared/rows';
import type { Problem } from '../../shared/problems';
import { hasErrors } from '../../shared/problems';
import { checkRowsFields, masterData } from '../../shared/rules';
import { todayUtc } from '../../shared/dates';
import type { Auth } from '../env';
import { ApiError } from '../errors';
import { checkLedger } from './checks';
import { keysOf, loadLedgerState, loadMaster } from './state';
import { isLedgerChanged, ledgerWrites, type BatchRecord, type MovementList } from './writes';
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

/**
 * Checks a batch against the field and ledger rules and, unless it is a dry run, appends it
 * atomically. Refuses with 422 `invalid_rows` (nothing stored) when any row has an error.
 * @example await postBatch(db, auth, { rows, dryRun: false, source: null }, { now: new Date(), idempotencyKey: null })
 */
export async function postBatch(
  db: Client, auth: Auth, input: PostInput, opts: { now: Date; idempotencyKey: string | null },
): Promise<PostAnswer> {
  const attempt = async (): Promise<PostAnswer | 'retry'> => {
    const checked = await checkAndPrepare(db, auth, input, opts);
    if (!('write' in checked)) return checked;
    // Only the write's statements (their JSON) outlive the checks: the checked rows, the
    // effects and the state are garbage by now, so a large post holds one stage at a time.
    const { answer } = checked;
    try {
      await db.batch(checked.write, 'write');
    } catch (e) {
      if (isLedgerChanged(e)) return 'retry';
      throw e;
    }
    return answer;
  };
  const run = async (): Promise<PostAnswer> => {
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const answer = await attempt();
      if (answer !== 'retry') return answer;
    }
    throw new ApiError(503, 'conflict', 'The ledger is busy with other posts; nothing was posted. Try again in a moment.',
      undefined, { 'Retry-After': '1' });
  };
  return input.dryRun ? run() : serialised(db, run);
}

/** Checks the rows; answers the dry run's answer, or the answer and the write of a clean batch. */
async function checkAndPrepare(
  db: Client, auth: Auth, input: PostInput, opts: { now: Date; idempotencyKey: string | null },
): Promise<PostAnswer | { answer: PostAnswer; write: InStatement[] }> {
  const master = await loadMaster(db, auth.workspaceId);
  const fields = checkRowsFields(input.rows, masterData(master.items, master.locations), { today: todayUtc(opts.now) });
  const state = await loadLedgerState(db, master, keysOf(fields.rows, master));
  const ledger = checkLedger(fields.rows, master.itemsBySku, state);
  const problems = mergeByRow(fields.problems, ledger.problems);
  if (input.dryRun) return { status: 200, body: { ok: !hasErrors(problems), problems } };
  if (hasErrors(problems)) {
    const errors = problems.filter((p) => p.severity === 'error').length;
    throw new ApiError(422, 'invalid_rows',
      `${errors} problem${errors === 1 ? '' : 's'} in the rows; nothing was posted. Fix the marked cells and post again.`, problems);
  }
  const batch: BatchRecord = { id: newBatchId(opts.now), postedAt: opts.now.toISOString(), postedBy: auth.tokenName, source: input.source };
  const rows = fields.rows;
  const answer: PostAnswer = { status: 201, body: { batchId: batch.id, posted: rows.length, warnings: problems } };
  const extra = opts.idempotencyKey ? [finishKeyStatement(auth.workspaceId, opts.idempotencyKey, 201, answer.body)] : [];
  const movements: MovementList = {
    length: rows.length,
    *[Symbol.iterator]() {
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        yield {
          rowIndex: i, type: r.type, date: r.date, itemId: master.itemsBySku.get(r.sku)!.id, lot: r.lot, serial: r.serial,
          qtyMilli: r.qtyMilli, fromId: r.from === null ? null : master.locationIds.get(r.from)!,
          toId: r.to === null ? null : master.locationIds.get(r.to)!, party: r.party, ref: r.ref, note: r.note, reverses: null,
        };
      }
    },
  };
  return { answer, write: ledgerWrites(auth.workspaceId, master.version, master, batch, movements, ledger.effects, extra) };
}

/** Field and ledger problems together, in row order (stable within a row). */
function mergeByRow(a: Problem[], b: Problem[]): Problem[] {
  if (b.length === 0) return a;
  return [...a, ...b].sort((x, y) => x.row - y.row);
}
