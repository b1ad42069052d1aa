/**
 * The one write path: every movement enters the ledger through `postBatch`, a sheet of
 * 100,000 rows or a single row typed in the pane alike.
 */
import type { LedgerStore, Statement } from '../db/port';
import type { CheckedRow, RawRow } from '../../shared/rows';
import type { DryRun, Posted } from '../../shared/api-types';
import type { Problem } from '../../shared/problems';
import { hasErrors } from '../../shared/problems';
import { checkRowsFields, masterData } from '../../shared/rules';
import { todayUtc } from '../../shared/dates';
import type { Auth } from '../env';
import { LedgerError } from './errors';
import { LedgerCheck, type NewLot } from './checks';
import { keysOf, loadLedgerState, loadMaster, type Master } from './state';
import { addRepeats, repeatableKeys, repeatKeysOf, repeatProblems, repeatRead, type Earlier } from './repeats';
import { GivenRows, PartReader, type FirstRead } from './post-parts';
import {
  effectWrites, headWrites, lotWrites, movementWrites, type BatchRecord, type MovementWrite, type WriteContext,
} from './writes';
import { answeredKeyStatement, finishKeyStatement, KeyTaken, keyRead } from './idempotency';
import { newBatchId } from './ids';
import { lotKey, makesLot } from './keys';
import { LedgerMovedOn, withWriteRetries } from './write-path';
import { isLedgerChanged } from '../db/errors';
import { forgetMaster, isCurrent, keepMaster, keptMaster, versionRead } from './master-cache';

export interface PostInput {
  rows: RawRow[];
  dryRun: boolean;
  /** Rows that repeat an earlier batch are posted, their possible_duplicate a warning. */
  duplicatesConfirmed?: boolean;
  source: BatchRecord['source'];
  /**
   * For rows still being parsed (a body read a part at a time, routes/batch-text.ts): makes
   * `rows` hold every row before `to`. It may throw the request's own error (a row of the
   * wrong shape), which the post lets through, having written nothing.
   */
  fill?: (to: number) => void;
}

/**
 * When the post is stamped, and the Idempotency-Key it answers with the hash of its body (a
 * promise: the hash of a large body is taken while the post writes, and needed only at its end).
 */
export interface PostOptions {
  now: Date;
  /**
   * `claimed`: the key was claimed before the post (claimKey), and the post records its answer.
   * Otherwise (a file only, whose writes read under the write lock) the post itself reads the key
   * with its first part and claims it with its answer, one commit for both; a key it finds used
   * already makes it throw KeyTaken, having written nothing, for the caller to claim as usual.
   */
  idempotency?: { key: string; bodyHash: Promise<string>; claimed: boolean };
  /** Called once, when half the batch's parts have gone to the database (the route's hook). */
  halfWritten?: () => void;
  /**
   * The given rows are the post's own: nobody reads them after it (the route parsed them for it
   * alone), so it may let go of each part once written (GivenRows).
   */
  ownRows?: boolean;
}

/** What a post did: appended the batch, or (a dry run) only checked it. */
export type PostAnswer =
  | { kind: 'posted'; body: Posted }
  | { kind: 'checked'; body: DryRun };

/** Rows the ledger rules check, and the write is given, at a time: one part is written while the next is checked. */
export const PART_ROWS = 5000;

/**
 * Checks a batch against the field and ledger rules and, unless it is a dry run, appends it
 * atomically. Refuses with `invalid_rows` (nothing stored) when any row has an error.
 * @example await postBatch(db, auth, { rows, dryRun: false, source: null }, { now: new Date() })
 */
export async function postBatch(
  db: LedgerStore, auth: Auth, input: PostInput, opts: PostOptions,
): Promise<PostAnswer> {
  const run = () => attempt(db, auth, input, opts);
  // A dry run writes nothing, so nothing can refuse it: it needs neither a turn nor retries.
  return input.dryRun ? run() : withWriteRetries(db, 'posted', run);
}

/**
 * One try. A dry run checks every row, then answers. A post opens the write first and goes a
 * part of PART_ROWS rows at a time: the field rules on the part and a read of the ledger state
 * it names (lots no earlier part named), then the ledger rules on it, then its new lots and its
 * movements go to the write. On an embedded file SQLite writes one part while the next is
 * checked, and each part's read runs inside the write, one part ahead of the writing; on a
 * server everything is read first and written as one batch at the end. After the last part come
 * the projections and the commit. A problem anywhere and the write is undone: nothing is kept.
 */
async function attempt(
  db: LedgerStore, auth: Auth, input: PostInput, opts: PostOptions,
): Promise<PostAnswer> {
  // On a file a post takes the master data it was last posted with, if its version is still the
  // ledger's (the first read, inside the write, tells); a dry run reads it afresh, and so does a
  // post to a server, which reads everything first anyway and must keep its round trips.
  const keeps = !input.dryRun && db.live;
  const kept = keeps ? keptMaster(db, auth.workspaceId) : undefined;
  const master = kept ?? await loadMaster(db, auth.workspaceId);
  if (!kept && keeps) keepMaster(db, auth.workspaceId, master);
  try {
    return await attemptWith(db, auth, input, opts, master, kept ? versionRead(auth.workspaceId) : null);
  } catch (e) {
    // The ledger moved on: the next try reads the master data again.
    if (e instanceof LedgerMovedOn || isLedgerChanged(e)) forgetMaster(db, auth.workspaceId);
    throw e;
  }
}

/** `attempt` with this master data; `versionCheck`, if given, is read with the first part's state to tell it is current. */
async function attemptWith(
  db: LedgerStore, auth: Auth, input: PostInput, opts: PostOptions,
  master: Master, versionCheck: Statement | null,
): Promise<PostAnswer> {
  const rules = masterData(master.items, master.locations);
  const today = todayUtc(opts.now);
  const n = input.rows.length;
  if (input.dryRun) {
    input.fill?.(n);
    const fields = checkRowsFields(input.rows, rules, { today });
    const repeatKeys = repeatKeysOf(fields.rows, master, 0, n, new Set());
    // On a server a round trip costs more than the look-up: all keys, beside the state read.
    const early = !db.live && repeatKeys.length ? db.read([repeatRead(repeatKeys, '')]) : null;
    const state = await loadLedgerState(db, master, keysOf(fields.rows, master), fields.rows);
    const repeatable = early ? [] : repeatableKeys(repeatKeys, master, (sku, lot) => state.lots.has(lotKey(sku, lot)));
    const repeatAnswers = early ? await early : repeatable.length ? await db.read([repeatRead(repeatable, '')]) : [];
    const ledger = new LedgerCheck(master.itemsBySku, state);
    ledger.check(fields.rows, 0, n);
    ledger.finish(fields.rows);
    const found = new Map<string, Earlier>();
    for (const a of repeatAnswers) addRepeats(found, a);
    const repeats = repeatProblems(fields.rows, master, 0, n, found, input.duplicatesConfirmed === true);
    const problems = mergeByRow(fields.problems, mergeByRow(ledger.problems, repeats));
    return { kind: 'checked', body: { ok: !hasErrors(problems), problems } };
  }
  const ctx: WriteContext = {
    workspaceId: auth.workspaceId, master,
    batch: { id: newBatchId(opts.now), postedAt: opts.now.toISOString(), postedBy: auth.tokenName, source: input.source },
  };
  return db.write(async (write) => {
    // With kept master data the head (which moves the version on) waits until the first read has
    // seen the version it was kept at.
    const head = headWrites(ctx, master.version, n);
    if (!versionCheck) write.push(head);
    const firstReads: FirstRead[] = [];
    if (versionCheck) {
      firstReads.push({
        read: versionCheck,
        seen: (answer) => {
          if (!isCurrent(master, answer)) throw new LedgerMovedOn('The master data changed since it was kept.');
          write.push(head);
        },
      });
    }
    const { idempotency } = opts;
    if (idempotency && !idempotency.claimed) {
      if (!write.live) throw new Error('Only a write that reads under its lock can claim its key itself.');
      firstReads.push({
        read: keyRead(auth.workspaceId, idempotency.key),
        seen: (answer) => { if (answer.rows.length > 0) throw new KeyTaken(); },
      });
    }
    // Read parts: all rows at once when the write sends everything at its end anyway.
    const parts = new PartReader(write, input, master, rules, today, write.live ? PART_ROWS : Math.max(1, n), ctx.batch.id,
      firstReads);
    const confirmed = input.duplicatesConfirmed === true;
    const ownRows = opts.ownRows && write.live ? new GivenRows(input.rows, idempotency?.bodyHash) : null;
    const repeats: Problem[] = [];
    const { rows } = parts;
    const ledger = new LedgerCheck(master.itemsBySku, parts.state);
    const { lotsMade } = ledger.sim;
    const lotsWithoutExpiry: NewLot[] = []; // written before a later row of the batch gave their expiry, perhaps
    let lotsWritten = 0;
    for (let from = 0; from < n; from += PART_ROWS) {
      const to = Math.min(n, from + PART_ROWS);
      const here = parts.read(from);
      parts.readAhead(from); // the next part is read before this one is written
      await here;
      ledger.check(rows, from, to);
      repeats.push(...repeatProblems(rows, master, from, to, parts.repeats, confirmed));
      // A part with a problem is still checked, to report every problem, but nothing more is written.
      if (ledger.errors > 0 || parts.errors > 0 || (repeats.length > 0 && !confirmed) || write.failed()) continue;
      const lots = lotsMade.slice(lotsWritten);
      lotsWritten = lotsMade.length;
      for (const l of lots) if (l.expiry === null) lotsWithoutExpiry.push(l);
      write.push(lotWrites(ctx, lots));
      write.push(movementWrites(ctx, movementsOf(rows, from, to, master)));
      if (from === Math.floor(n / PART_ROWS / 2) * PART_ROWS) opts.halfWritten?.();
      // Written: its checked rows are let go (a row that produces a lot stays for ledger.finish),
      // so a 100,000-row post does not hold all of them until it commits; and its given rows
      // too, when they are the post's own (see `ownRows`).
      for (let i = from; i < to; i++) if (!ledger.keepsRow(i)) rows[i] = null;
      if (ownRows) ownRows.written(to);
    }
    ledger.finish(rows);
    const problems = mergeByRow(parts.problems, mergeByRow(ledger.problems, repeats));
    if (hasErrors(problems)) throw refusal(problems);
    const answer: PostAnswer = { kind: 'posted', body: { batchId: ctx.batch.id, posted: n, warnings: problems } };
    write.push(effectWrites(ctx, ledger.sim.effects, lotsWithoutExpiry.filter((l): l is NewLot & { expiry: string } => l.expiry !== null)));
    if (idempotency) {
      const { key, claimed } = idempotency;
      const bodyHash = await idempotency.bodyHash;
      write.push([claimed
        ? finishKeyStatement(auth.workspaceId, key, bodyHash, answer.body)
        : answeredKeyStatement(auth.workspaceId, key, bodyHash, answer.body, opts.now)]);
    }
    return answer;
  }).then((answer) => {
    // The post moved the version on; a store whose posts take no kept master keeps none.
    if (db.live) keepMaster(db, auth.workspaceId, { ...master, version: master.version + 1 });
    return answer;
  });
}

/** The movements of rows `from` to `to`, made one at a time as the write's JSON is written. */
function* movementsOf(rows: readonly (CheckedRow | null)[], from: number, to: number, master: Master): Iterable<MovementWrite> {
  for (let i = from; i < to; i++) {
    const r = rows[i]!;
    yield {
      rowIndex: i, type: r.type, date: r.date, itemId: master.itemsBySku.get(r.sku)!.id, lot: r.lot, serial: r.serial,
      qtyMilli: r.qtyMilli, fromId: r.from === null ? null : master.locationIds.get(r.from)!,
      toId: r.to === null ? null : master.locationIds.get(r.to)!, party: r.party, ref: r.ref, note: r.note, reverses: null,
      expiry: r.lot !== null && makesLot(r) ? r.expiry : null,
      tlcSource: r.tlcSource ?? null, tlcSourceRef: r.tlcSourceRef ?? null, refType: r.refType ?? null,
    };
  }
}

function refusal(problems: Problem[]): LedgerError {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return new LedgerError('invalid_rows',
    `${errors} problem${errors === 1 ? '' : 's'} in the rows; nothing was posted. Fix the marked cells and post again.`, problems);
}

/** Field and ledger problems together, in row order (stable within a row). */
function mergeByRow(a: Problem[], b: Problem[]): Problem[] {
  if (b.length === 0) return a;
  return [...a, ...b].sort((x, y) => x.row - y.row);
}
