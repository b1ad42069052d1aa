/**
 * What the ledger rules work over (checks.ts): the state the ledger holds for a batch's keys,
 * and the Simulation of the batch's rows applied one by one over it, which collects the
 * effects the write path stores.
 */
import type { UnitState } from '../../shared/report-answers';
import { emptyHistory, type LedgerHistory } from './history';
import { lotKey, partyKey, stockKey, unitKey } from './keys';

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
  /** What each party still holds (shipped − returned), in thousandths, by `partyKey`, for the keys of the batch's returns. */
  holdings?: Map<string, number>;
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
  /** The work order of each lot this batch produced first. */
  readonly #producedBy = new Map<string, string>();
  /** How the batch's shipments and returns so far changed what each party holds. */
  readonly #holdingDelta = new Map<string, number>();

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

  /** What `party` still holds of the lot (or untracked stock) after the batch's rows so far. */
  partyHolding(sku: string, lot: string | null, party: string): number {
    const k = partyKey(sku, lot, party);
    return (this.state.holdings?.get(k) ?? 0) + (this.#holdingDelta.get(k) ?? 0);
  }

  addHolding(sku: string, lot: string | null, party: string, delta: number): void {
    const k = partyKey(sku, lot, party);
    this.#holdingDelta.set(k, (this.#holdingDelta.get(k) ?? 0) + delta);
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

  /** Records a lot the batch receives (or produces, under work order `ref`) first (under `key`, see `lotKey`). */
  makeLot(key: string, lot: NewLot, ref: string | null = null): void {
    this.effects.newLots.set(key, lot);
    this.lotsMade.push(lot);
    if (ref !== null) this.#producedBy.set(key, ref);
  }

  /**
   * Whether a production under work order `ref` may make lot `key`: the lot is new, or this
   * batch's work order `ref` made it already, or every receipt of it was voided.
   */
  producedUnder(key: string, ref: string): boolean {
    const by = this.#producedBy.get(key);
    if (by !== undefined) return by === ref;
    if (this.effects.newLots.has(key)) return false;
    const known = this.state.lots.get(key);
    return known === undefined || known.firstReceived === '';
  }

  /** Records a receipt of the serial under `key`; false when this batch received it already. */
  markReceived(key: string): boolean {
    if (this.receivedHere.has(key)) return false;
    this.receivedHere.add(key);
    return true;
  }
}
