/**
 * The ledger rules (docs/DESIGN.md "Ledger rules"), pure: the checked rows of a batch, applied in
 * row order over the state the ledger holds for them. Answers the problems and, for a clean
 * batch, the effects the write path stores: new lots, the units' new places, stock deltas.
 */
import { problem, type Problem } from '../../shared/problems';
import type { CheckedRow, Item } from '../../shared/rows';
import type { UnitState } from '../../shared/report-answers';
import { fromMilli } from '../../shared/rows';
import { emptyHistory, type LedgerHistory } from './history';
import { serialHistoryBlocker, stockHistoryBlocker } from './dated-checks';
import { lotName, stockKey, unitKey, lotKey } from './keys';


/** A serial unit where the ledger has it; `location` when in stock, `party` when shipped. */
export interface Unit {
  state: UnitState;
  location: string | null;
  party: string | null;
  lot: string | null;
  /** The latest date of any movement of the serial in the ledger (null: unknown, so any; absent: none). */
  lastDate?: string | null;
}

export interface Lot { expiry: string | null; firstReceived?: string }

/** What the ledger holds for the items, lots and serials a batch names (keys: see `key`). */
export interface LedgerState {
  units: Map<string, Unit>;
  lots: Map<string, Lot>;
  /** On hand in thousandths by item, lot ('' when none) and location. */
  stock: Map<string, number>;
  /** The latest date of any movement at each key of `stock` (null: unknown, so any; absent: none). */
  stockDates?: Map<string, string | null>;
  /** The dated history of the keys whose rows are dated before their latest movement (history.ts). */
  history?: LedgerHistory;
  /** Active holds by lot key and by unit key: the reason. */
  heldLots?: Map<string, string>;
  heldUnits?: Map<string, string>;
  /** Quarantine location codes: held stock may be moved there. */
  quarantine?: ReadonlySet<string>;
}

export interface NewLot { sku: string; code: string; expiry: string | null; firstReceived: string }

export interface Effects {
  newLots: Map<string, NewLot>;
  /** Known lots without an expiry that a receipt now names one for. */
  lotExpiries: Map<string, { sku: string; code: string; expiry: string }>;
  /** Known lots that a receipt dated before their first receipt now reaches back to. */
  firstReceived: Map<string, { sku: string; code: string; date: string }>;
  /** Each touched unit's place after the batch (null: the unit no longer exists, after a void). */
  units: Map<string, (Unit & { sku: string; serial: string; lastDate: string }) | null>;
  /** Net change of stock per item, lot and location, in thousandths. */
  stock: Map<string, StockEffect>;
}

/**
 * A batch's change of stock at one item, lot and location: the net change, the latest row date,
 * and its rows there (row index, or its bitwise complement when the row takes stock out).
 */
export interface StockEffect { sku: string; lot: string | null; location: string; delta: number; lastDate: string; legs: number[] }

export { unitKey, lotKey, stockKey } from './keys';

export const emptyEffects = (): Effects => ({ newLots: new Map(), lotExpiries: new Map(), firstReceived: new Map(), units: new Map(), stock: new Map() });

/** Sorts after every date: a key whose latest date is unknown goes to the dated history. */
const UNKNOWN_DATE = '9999-12-31';
/** A date read as null (unknown) is any date; one never read (a state made by hand) is none. */
const ledgerDate = (date: string | null | undefined) => (date === undefined ? '' : date ?? UNKNOWN_DATE);

/** The latest date the ledger holds for a serial ('' when none). */
export const unitLedgerDate = (state: LedgerState, key: string): string => ledgerDate(state.units.get(key)?.lastDate);

/** The latest date the ledger holds for a stock key ('' when none). */
export const stockLedgerDate = (state: LedgerState, key: string): string =>
  (state.stock.has(key) ? ledgerDate(state.stockDates?.get(key)) : '');

/** Tracks the ledger as the rows of a batch change it, so later rows see earlier ones. */
export class Simulation {
  readonly effects = emptyEffects();
  /** The batch's new lots in the order its rows made them (effects.newLots, as a list). */
  readonly lotsMade: NewLot[] = [];
  /** Serials received by this batch, for duplicate_serial. */
  private readonly receivedHere = new Set<string>();

  constructor(private readonly state: LedgerState) {}

  /** The unit under `key` (see `unitKey`) as this batch has left it so far. */
  unitAt(key: string): Unit | null {
    const changed = this.effects.units.get(key);
    if (changed !== undefined) return changed;
    return this.state.units.get(key) ?? null;
  }

  unit(sku: string, serial: string): Unit | null {
    return this.unitAt(unitKey(sku, serial));
  }

  setUnit(sku: string, serial: string, unit: Unit | null, key = unitKey(sku, serial), date = ''): void {
    this.effects.units.set(key, unit && { state: unit.state, location: unit.location, party: unit.party, lot: unit.lot, sku, serial, lastDate: date });
  }

  unitLedgerDate(key: string): string {
    return unitLedgerDate(this.state, key);
  }

  stockLedgerDate(key: string): string {
    return stockLedgerDate(this.state, key);
  }

  get history(): LedgerHistory {
    return (this.state.history ??= emptyHistory());
  }

  /** The expiry a lot has so far (undefined: the lot is not known), and whether this batch set it. */
  lotExpiry(key: string): string | null | undefined {
    const made = this.effects.newLots.get(key);
    if (made) return made.expiry;
    const filled = this.effects.lotExpiries.get(key);
    if (filled) return filled.expiry;
    const known = this.state.lots.get(key);
    return known ? known.expiry : undefined;
  }

  /** Records a receipt of a known lot dated before its first receipt so far. */
  reachBack(key: string, sku: string, code: string, date: string): void {
    const first = this.effects.firstReceived.get(key)?.date ?? this.state.lots.get(key)?.firstReceived;
    // '' when no receipt of the lot counts (all voided): any receipt is the first.
    if (first !== undefined && (date < first || first === '')) this.effects.firstReceived.set(key, { sku, code, date });
  }

  /** Why the lot (lot key) or the unit (unit key) is on hold, or undefined when it is not. */
  holdOf(lk: string, uk: string): string | undefined {
    return (uk === '' ? undefined : this.state.heldUnits?.get(uk)) ?? (lk === '' ? undefined : this.state.heldLots?.get(lk));
  }

  isQuarantine(location: string): boolean {
    return this.state.quarantine?.has(location) ?? false;
  }

  lotFromBatch(key: string): boolean {
    return this.effects.newLots.has(key) || this.effects.lotExpiries.has(key);
  }

  lot(sku: string, code: string): (Lot & { fromBatch: boolean }) | null {
    const k = lotKey(sku, code);
    const expiry = this.lotExpiry(k);
    return expiry === undefined ? null : { expiry, fromBatch: this.lotFromBatch(k) };
  }

  onHand(sku: string, lot: string | null, location: string): number {
    const k = stockKey(sku, lot, location);
    return (this.state.stock.get(k) ?? 0) + (this.effects.stock.get(k)?.delta ?? 0);
  }

  /** Adds `delta` at the key; `date` and `leg` (see StockEffect.legs) when a row of the batch does it. */
  addStock(sku: string, lot: string | null, location: string, delta: number, date = '', leg?: number): void {
    const k = stockKey(sku, lot, location);
    let entry = this.effects.stock.get(k);
    if (entry) {
      entry.delta += delta;
      if (date > entry.lastDate) entry.lastDate = date;
    } else this.effects.stock.set(k, (entry = { sku, lot, location, delta, lastDate: date, legs: [] }));
    if (leg !== undefined) entry.legs.push(leg);
  }

  /** Records a lot the batch receives first (under `key`, see `lotKey`). */
  makeLot(key: string, lot: NewLot): void {
    this.effects.newLots.set(key, lot);
    this.lotsMade.push(lot);
  }

  /** Records a receipt of the serial under `key`; false when this batch received it already. */
  markReceived(key: string): boolean {
    if (this.receivedHere.has(key)) return false;
    this.receivedHere.add(key);
    return true;
  }
}

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
      applyRow(this.sim, rows, i, item, this.problems, this.#fail);
    }
    for (let n = before; n < this.problems.length; n++) if (this.problems[n].severity === 'error') this.errors++;
  }
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

  // The lot: one expiry; a receipt (or a count found higher) may create it.
  const creates = row.type === 'receive' || (row.type === 'adjust' && into !== null);
  const lk = lot === null ? '' : lotKey(sku, lot);
  const knownExpiry = lot === null ? undefined : sim.lotExpiry(lk);
  if (lot !== null) {
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
      sim.makeLot(lk, { sku, code: lot, expiry: row.expiry, firstReceived: row.date });
    } else {
      const made = sim.effects.newLots.get(lk);
      if (knownExpiry === null && row.expiry !== null) {
        if (made) made.expiry = row.expiry;
        else sim.effects.lotExpiries.set(lk, { sku, code: lot, expiry: row.expiry });
      }
      if (made) { if (row.date < made.firstReceived) made.firstReceived = row.date; } else sim.reachBack(lk, sku, lot, row.date);
    }
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
