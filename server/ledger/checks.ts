/**
 * The ledger rules (docs/DESIGN.md "Ledger rules"), pure: the checked rows of a batch, applied in
 * row order over the state the ledger holds for them (simulation.ts). Answers the problems and,
 * for a clean batch, the effects the write path stores: new lots, the units' new places, stock deltas.
 */
import { problem, type Problem } from '../../shared/problems';
import type { CheckedRow, Item } from '../../shared/rows';
import { fromMilli } from '../../shared/rows';
import { serialHistoryBlocker, stockHistoryBlocker } from './dated-checks';
import { lotName, makesLot, lotKey, unitKey } from './keys';
import { Simulation, type Effects, type LedgerState, type Unit } from './simulation';

export {
  Simulation, emptyEffects, stockLedgerDate, unitLedgerDate,
  type Effects, type LedgerState, type Lot, type NewLot, type StockEffect, type Unit,
} from './simulation';
export { unitKey, lotKey, stockKey } from './keys';

const qtyText = (milli: number) => String(fromMilli(milli));
const where = (u: Unit) =>
  u.state === 'in_stock' ? `is at ${u.location}` : u.state === 'shipped' ? `was shipped to ${u.party}` : 'was scrapped';

/**
 * The ledger rules over a batch's checked rows, applied in row order a range at a time, so a post
 * can write one range while it checks the next. Null rows failed the field rules and are skipped.
 * @example const c = new LedgerCheck(itemsBySku, state); c.check(rows, 0, 5000); c.errors // 0
 */
export class LedgerCheck {
  readonly sim: Simulation;
  readonly problems: Problem[] = [];
  /** Problems of severity error so far. */
  errors = 0;
  // One reporter for all rows rather than a closure a row (measured: a tenth of a large check).
  readonly #at = { row: 0 };
  readonly #fail: Fail = (field, code, message) => { this.problems.push(problem(this.#at.row, field, code, message)); };

  constructor(private readonly items: ReadonlyMap<string, Item>, state: LedgerState) {
    this.sim = new Simulation(state);
  }

  /** Applies rows `from` to `to` (not included); call in row order. */
  check(rows: readonly (CheckedRow | null)[], from: number, to: number): void {
    const before = this.problems.length;
    for (let i = from; i < to; i++) {
      const row = rows[i];
      const item = row && this.items.get(row.sku);
      if (!row || !item) continue;
      this.#at.row = i;
      if (row.type === 'consume' && row.ref !== null) this.#consumed.add(row.ref);
      else if (row.type === 'produce') this.#produced.add(i);
      applyRow(this.sim, rows, i, item, this.problems, this.#fail);
    }
    this.#count(before);
  }

  /**
   * The rules over the whole batch, once every row is checked: each production has inputs, a
   * consume row of the same work order (wherever it stands in the batch).
   */
  finish(rows: readonly (CheckedRow | null)[]): void {
    const before = this.problems.length;
    for (const i of this.#produced) {
      const ref = rows[i]!.ref!;
      if (!this.#consumed.has(ref)) {
        this.problems.push(problem(i, 'ref', 'no_inputs',
          `Work order ${ref} produces ${rows[i]!.sku} but consumes nothing in this batch; add its consume rows (the inputs) with the same Ref.`));
      }
    }
    if (this.problems.length > before) this.problems.sort((a, b) => a.row - b.row);
    this.#count(before);
  }

  /** Whether `finish` reads row `i` again (a row that produces a lot). */
  keepsRow(i: number): boolean {
    return this.#produced.has(i);
  }

  #count(from: number): void {
    for (let n = from; n < this.problems.length; n++) if (this.problems[n].severity === 'error') this.errors++;
  }

  /** Work orders with a consume row, and the rows that produce. */
  readonly #consumed = new Set<string>();
  readonly #produced = new Set<number>();
}

/**
 * Applies the ledger rules to all the checked rows at once.
 * @example checkLedger(rows, itemsBySku, { units: new Map(), lots: new Map(), stock: new Map() }).problems
 */
export function checkLedger(
  rows: readonly (CheckedRow | null)[],
  items: ReadonlyMap<string, Item>,
  state: LedgerState,
): { problems: Problem[]; effects: Effects } {
  const check = new LedgerCheck(items, state);
  check.check(rows, 0, rows.length);
  check.finish(rows);
  return { problems: check.problems, effects: check.sim.effects };
}

type Fail = (field: string, code: Problem['code'], message: string) => void;

/** The most of one lot (or untracked item) at one place: every quantity a report sums stays exact as a JSON number. */
export const MAX_STOCK_MILLI = 1e15;

function applyRow(sim: Simulation, rows: readonly (CheckedRow | null)[], i: number, item: Item, problems: Problem[], fail: Fail): void {
  const row = rows[i]!;
  const before = problems.length;
  const { sku, serial, lot } = row;
  const out = row.from; // the place stock leaves, if any
  const into = row.to; // the place stock arrives, if any

  // The lot: one expiry; a receipt, a production (or a count found higher) may create it.
  const creates = makesLot(row);
  const lk = lot === null ? '' : lotKey(sku, lot);
  const knownExpiry = lot === null ? undefined : sim.lotExpiry(lk);
  // A production makes a new lot (so no lot is ever made from itself); more of it under the same work order is fine.
  const lotTaken = row.type === 'produce' && lot !== null && knownExpiry !== undefined && !sim.producedUnder(lk, row.ref!);
  if (lotTaken) {
    fail('lot', 'lot_exists', `Lot ${lot} of ${sku} already exists${sim.lotFromBatch(lk) ? ' (an earlier row of this batch makes it)' : ''}; a production makes a new lot, so give the output a lot code of its own.`);
  } else if (lot !== null) {
    if (knownExpiry !== undefined && creates && row.expiry !== null && knownExpiry !== null && knownExpiry !== row.expiry) {
      fail('expiry', 'expiry_conflict',
        `Lot ${lot} of ${sku} has expiry ${knownExpiry} (${sim.lotFromBatch(lk) ? 'from an earlier row of this batch' : 'in the ledger'}); this row says ${row.expiry}.`);
    }
    if (knownExpiry === undefined && !creates) {
      if (row.type === 'return') {
        fail('lot', 'invalid', `Lot ${lot} of ${sku} was never received, so it cannot come back; check the lot.`);
      } else if (out !== null && !serial) {
        fail('qty', 'insufficient_stock', `There is no ${lotName(sku, lot)} at ${out}; this row takes ${qtyText(row.qtyMilli)}.`);
      }
    }
    if (row.type === 'ship' && knownExpiry && knownExpiry < row.date) {
      problems.push(problem(i, 'lot', 'expired', `Lot ${lot} of ${sku} expired on ${knownExpiry}, before this shipment's date ${row.date}.`, 'warning'));
    }
  }

  // The serial: received once, moved only from where it is, returned only if shipped.
  const tracked = item.serialTracked && serial !== null;
  const uk = tracked ? unitKey(sku, serial!) : '';
  const unit = tracked ? sim.unitAt(uk) : null;
  // A row dated before the serial's latest movement is held to where the serial was on its date.
  const datedBlocker = unit && !creates && (out !== null || row.type === 'return') ? serialHistoryBlocker(sim, uk, row) : null;
  if (datedBlocker) {
    fail('serial', row.type === 'return' ? 'serial_not_shipped' : 'serial_not_at_location', datedBlocker);
  } else if (tracked) {
    if (creates) {
      if (!sim.markReceived(uk)) {
        fail('serial', 'duplicate_serial', `Serial ${serial} of ${sku} is already received by an earlier row of this batch.`);
      } else if (unit) {
        fail('serial', 'serial_exists', `Serial ${serial} of ${sku} is already in the ledger (it ${where(unit)}); a serial is received once.`);
      }
    } else if (row.type === 'return') {
      if (!unit) fail('serial', 'serial_not_shipped', `Serial ${serial} of ${sku} is not in the ledger, so it cannot come back; check the serial.`);
      else if (unit.state !== 'shipped') {
        fail('serial', 'serial_not_shipped', `Serial ${serial} of ${sku} ${where(unit)}; only a shipped serial can be returned.`);
      } else if (row.party !== null && unit.party !== row.party) {
        fail('party', 'serial_not_with_party', `Serial ${serial} of ${sku} was shipped to ${unit.party}, not ${row.party}; it comes back from ${unit.party}.`);
      }
    } else if (out !== null) {
      if (!unit) fail('serial', 'serial_not_at_location', `Serial ${serial} of ${sku} is not in the ledger; receive it first.`);
      else if (unit.state !== 'in_stock' || unit.location !== out) {
        fail('serial', 'serial_not_at_location', `Serial ${serial} ${unit.state === 'in_stock' ? `is at ${unit.location}, not ${out}` : where(unit)}.`);
      }
    }
    if (unit && !creates && lot !== null && unit.lot !== null && unit.lot !== lot && problems.length === before) {
      fail('lot', 'invalid', `Serial ${serial} of ${sku} belongs to lot ${unit.lot}, not ${lot}.`);
    }
  }

  // A lot (or untracked stock) comes back only as far as the party still holds it.
  if (row.type === 'return' && !tracked && row.party !== null && problems.length === before) {
    const has = sim.partyHolding(sku, lot, row.party);
    if (has < row.qtyMilli) {
      fail('qty', 'return_exceeds_shipped', has <= 0
        ? `${row.party} holds no ${lotName(sku, lot)} (nothing shipped to it that has not come back); this return brings back ${qtyText(row.qtyMilli)}.`
        : `${row.party} holds only ${qtyText(has)} of ${lotName(sku, lot)}; this return brings back ${qtyText(row.qtyMilli)}.`);
    }
  }

  // Held stock stays where it is, except into quarantine or to scrap.
  if (out !== null && problems.length === before && row.type !== 'scrap' && !(row.type === 'transfer' && sim.isQuarantine(into!))) {
    const heldLot = lot ?? unit?.lot ?? null;
    const reason = sim.holdOf(heldLot === null ? '' : lotKey(sku, heldLot), uk);
    if (reason !== undefined) {
      const what = tracked ? `Serial ${serial} of ${sku}${sim.holdOf('', uk) === undefined ? ` (lot ${heldLot})` : ''}` : `Lot ${lot} of ${sku}`;
      fail(tracked ? 'serial' : 'lot', 'lot_on_hold',
        `${what} is on hold (${reason}); it may only be moved into a quarantine location or scrapped until the hold is released.`);
    }
  }

  // Stock: nothing goes below zero anywhere.
  if (out !== null && problems.length === before) {
    const there = sim.onHand(sku, lot, out);
    // A row dated before the latest movement at its place is held to every balance from its date
    // on (a serial's is held by its own chain, above).
    const dated = tracked ? undefined : stockHistoryBlocker(sim, rows, row, there);
    if (dated) fail('qty', 'insufficient_stock', dated);
    else if (dated === undefined && there < row.qtyMilli) {
      fail('qty', 'insufficient_stock', there === 0
        ? `There is no ${lotName(sku, lot)} at ${out}; this row takes ${qtyText(row.qtyMilli)}.`
        : `Only ${qtyText(there)} of ${lotName(sku, lot)} is at ${out}; this row takes ${qtyText(row.qtyMilli)}.`);
    }
  }
  if (into !== null && !tracked && problems.length === before) {
    const after = sim.onHand(sku, lot, into) + row.qtyMilli;
    if (after > MAX_STOCK_MILLI) {
      fail('qty', 'invalid', `This row would bring ${lotName(sku, lot)} at ${into} to ${qtyText(after)}; one lot at one place holds at most ${qtyText(MAX_STOCK_MILLI)}.`);
    }
  }

  for (let n = before; n < problems.length; n++) if (problems[n].severity === 'error') return;

  // The row holds: apply it.
  if (lot !== null && creates) {
    if (knownExpiry === undefined) {
      sim.makeLot(lk, { sku, code: lot, expiry: row.expiry, firstReceived: row.date }, row.type === 'produce' ? row.ref : null);
    } else {
      const made = sim.effects.newLots.get(lk);
      if (knownExpiry === null && row.expiry !== null) {
        if (made) made.expiry = row.expiry;
        else sim.effects.lotExpiries.set(lk, { sku, code: lot, expiry: row.expiry });
      }
      if (made) { if (row.date < made.firstReceived) made.firstReceived = row.date; } else sim.reachBack(lk, sku, lot, row.date);
    }
  }
  if (!tracked && row.party !== null && (row.type === 'ship' || row.type === 'return')) {
    sim.addHolding(sku, lot, row.party, row.type === 'ship' ? row.qtyMilli : -row.qtyMilli);
  }
  if (out !== null) sim.addStock(sku, lot, out, -row.qtyMilli, row.date, ~i);
  if (into !== null) sim.addStock(sku, lot, into, row.qtyMilli, row.date, i);
  if (tracked) {
    const unitLot = unit?.lot ?? lot;
    if (into !== null) sim.setUnit(sku, serial!, { state: 'in_stock', location: into, party: null, lot: unitLot }, uk, row.date);
    else if (row.type === 'ship') sim.setUnit(sku, serial!, { state: 'shipped', location: null, party: row.party, lot: unitLot }, uk, row.date);
    else sim.setUnit(sku, serial!, { state: 'scrapped', location: null, party: null, lot: unitLot }, uk, row.date);
  }
}
