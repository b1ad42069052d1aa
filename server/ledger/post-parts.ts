/**
 * The parts of a post (post.ts): the given rows read and checked a part at a time with the ledger
 * state they name (PartReader), and let go of once written (GivenRows).
 */
import type { Rows, Statement, Write } from '../db/port';
import type { CheckedRow, RawRow } from '../../shared/rows';
import type { Problem } from '../../shared/problems';
import { checkRowsFieldsInto, type MasterData } from '../../shared/rules';
import { addState, emptyState, keysOf, stateReads, type Master } from './state';
import { addRepeats, repeatableKeys, repeatKeysOf, repeatRead, type Earlier } from './repeats';
import { addHistory, historyNeeds, historyReads } from './history-reads';
import { lotKey } from './keys';

/**
 * The field rules and the ledger state of a batch, a read part at a time and each part once:
 * its rows are checked, then the state they name that no earlier part named is read through the
 * write, and added to `state`.
 */
export class PartReader {
  readonly rows: (CheckedRow | null)[];
  readonly problems: Problem[] = [];
  readonly state = emptyState();
  /** The earlier batches the rows read so far repeat (repeats.ts), by repeat key. */
  readonly repeats = new Map<string, Earlier>();
  /** Field problems of severity error so far. */
  errors = 0;
  readonly #reads = new Map<number, Promise<unknown>>();
  readonly #seenLots = new Set<string>();
  readonly #seenRepeats = new Set<string>();

  private readonly given: readonly RawRow[];
  private readonly fill: ((to: number) => void) | undefined;

  constructor(
    private readonly write: Write, input: { rows: readonly RawRow[]; fill?: (to: number) => void }, private readonly master: Master,
    private readonly rules: MasterData, private readonly today: string, private readonly size: number,
    private readonly batchId: string,
    private readonly firstReads: readonly FirstRead[],
  ) {
    this.given = input.rows;
    this.fill = input.fill;
    this.rows = new Array(input.rows.length);
  }

  /** The read of the part that row `row` is in: resolves once its state is in `state`. */
  read(row: number): Promise<unknown> {
    const part = Math.floor(row / this.size);
    let done = this.#reads.get(part);
    if (!done) {
      const from = part * this.size, to = Math.min(this.given.length, from + this.size);
      const before = this.problems.length;
      this.fill?.(to);
      checkRowsFieldsInto(this.given, this.rules, { today: this.today }, { from, to, checked: this.rows, problems: this.problems });
      for (let i = before; i < this.problems.length; i++) if (this.problems[i].severity === 'error') this.errors++;
      const keys = keysOf(this.rows, this.master, from, to, this.#seenLots);
      const repeatKeys = repeatKeysOf(this.rows, this.master, from, to, this.#seenRepeats);
      const first = part === 0 ? this.firstReads : [];
      const reads = [...stateReads(keys, this.batchId), ...first.map((f) => f.read)];
      // On a server a round trip costs more than the look-up: all keys, beside the state read.
      const early = !this.write.live && repeatKeys.length
        ? this.write.read([repeatRead(repeatKeys, this.batchId)]).then(([a]) => addRepeats(this.repeats, a)) : null;
      const stateRead = this.write.read(reads).then((answers) => {
        // The first part's own reads go last, after the state reads, in their order.
        const own = answers.splice(answers.length - first.length);
        first.forEach((f, i) => f.seen(own[i]));
        addState(this.state, this.master, answers);
        const more: Promise<unknown>[] = [];
        // On a file, the rows that could repeat an earlier batch (those of lots the ledger already held): one more read.
        const repeatable = early ? [] : repeatableKeys(repeatKeys, this.master, (sku, lot) => this.state.lots.has(lotKey(sku, lot)));
        if (repeatable.length) more.push(this.write.read([repeatRead(repeatable, this.batchId)]).then(([a]) => addRepeats(this.repeats, a)));
        // Rows dated before the latest movement of their key need its dated history: one more read.
        const needs = historyNeeds(this.state, this.rows, this.master, from, to);
        if (needs) more.push(this.write.read(historyReads(needs, this.batchId)).then((h) => addHistory(this.state, this.master, needs, h)));
        return Promise.all(more);
      });
      done = early ? Promise.all([stateRead, early]) : stateRead;
      done.catch(() => undefined); // awaited in its turn; a failure meanwhile is not unhandled
      this.#reads.set(part, done);
    }
    return done;
  }

  /** Starts the read of the part after the one row `row` is in, if there is one. */
  readAhead(row: number): void {
    const next = (Math.floor(row / this.size) + 1) * this.size;
    if (next < this.given.length) void this.read(next);
  }
}

/**
 * The given rows of a post that owns them, let go a part at a time once written. Only on a file:
 * from its first part's reads on such a post holds the write lock, so nothing can send it back
 * to its rows for another try (on a server the version guard may, at the commit). A row also
 * waits for the body's hash, which is taken from the given rows while the post writes.
 */
export class GivenRows {
  #hashed: boolean;
  #released = 0;
  #written = 0;

  constructor(private readonly given: (RawRow | null)[], hash: Promise<unknown> | undefined) {
    this.#hashed = hash === undefined;
    void hash?.then(() => {
      this.#hashed = true;
      this.written(this.#written);
    }, () => undefined);
  }

  /** Rows before `to` are written. */
  written(to: number): void {
    this.#written = to;
    if (!this.#hashed) return;
    for (; this.#released < to; this.#released++) this.given[this.#released] = null;
  }
}

/** A read that goes with the first part's state read, and what is done with its answer (it may throw). */
export interface FirstRead {
  read: Statement;
  seen: (answer: Rows) => void;
}
