/**
 * A second, deliberately plain ledger: the rules of docs/DESIGN.md for the rows the property test
 * makes, written without looking at the server's code paths. It says whether a batch or a
 * void must be accepted, and what on hand and each serial must then be; the test holds the
 * server's answers and reports to it.
 *
 * Dates: a row must hold as of its date and break nothing dated after it. The model says so
 * the plainest way: every counted movement, with the new row put after all of its own date,
 * replayed by date then posting order, must go through step by step (no stock below zero, each
 * serial moved only from where it is). Rows without a date all share one. A return brings back
 * no more than the party still holds (a serial only from the party it went to), and a void never
 * leaves a party holding less than nothing.
 */
import { ITEMS, LOCATIONS } from './ledger-target';

export interface ModelRow {
  date?: string;
  type: 'receive' | 'transfer' | 'ship' | 'return' | 'scrap' | 'adjust';
  sku: string;
  lot?: string;
  serial?: string;
  qty?: number;
  from?: string;
  to?: string;
  party?: string;
  ref?: string;
}

interface Unit { state: 'in_stock' | 'shipped' | 'scrapped'; location: string | null; party: string | null; lot: string | null }
interface Move { type: ModelRow['type']; sku: string; lot: string | null; serial: string | null; milli: number; from: string | null; to: string | null; party: string | null }
/** A movement in time: its date, and its place in posting order. */
interface Dated extends Move { date: string; seq: number }
type OnHandRow = { sku: string; lot: string | null; serial: string | null; location: string; qty: number; held: boolean };

const item = (sku: string) => ITEMS.find((i) => i.sku === sku);
const stockKey = (sku: string, lot: string | null, loc: string) => `${sku}|${lot ?? ''}|${loc}`;

/** @example const m = new LedgerModel(); m.post(rows) // true when the server must take it */
export class LedgerModel {
  stock = new Map<string, number>();
  units = new Map<string, Unit>();
  lots = new Set<string>();
  batches: { moves: Dated[]; voided: boolean; isVoid: boolean }[] = [];
  private seq = 0;

  /** The movements that count: those of batches not voided. */
  private counted(): Dated[] {
    return this.batches.filter((b) => !b.voided).flatMap((b) => b.moves);
  }

  /**
   * Replays movements by date then posting order, up to `asOf` (inclusive); null when a step
   * cannot be taken (stock below zero, a serial moved from where it is not, received twice).
   */
  private replay(moves: readonly Dated[], asOf = '\uffff'): { stock: Map<string, number>; units: Map<string, Unit> } | null {
    const sorted = moves.filter((m) => m.date <= asOf).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.seq - b.seq));
    const stock = new Map<string, number>();
    const units = new Map<string, Unit>();
    for (const m of sorted) {
      if (m.serial !== null) {
        const uk = `${m.sku}|${m.serial}`;
        const u = units.get(uk);
        const creates = m.type === 'receive' || (m.type === 'adjust' && m.to !== null);
        if (creates ? u !== undefined : m.type === 'return' ? u?.state !== 'shipped' : u?.state !== 'in_stock' || u.location !== m.from) return null;
        const lot = u?.lot ?? m.lot;
        if (m.to !== null) units.set(uk, { state: 'in_stock', location: m.to, party: null, lot });
        else if (m.type === 'ship') units.set(uk, { state: 'shipped', location: null, party: m.party, lot });
        else units.set(uk, { state: 'scrapped', location: null, party: null, lot });
      }
      if (m.from !== null) {
        const k = stockKey(m.sku, m.lot, m.from);
        if ((stock.get(k) ?? 0) < m.milli) return null;
        stock.set(k, stock.get(k)! - m.milli);
      }
      if (m.to !== null) stock.set(stockKey(m.sku, m.lot, m.to), (stock.get(stockKey(m.sku, m.lot, m.to)) ?? 0) + m.milli);
    }
    return { stock, units };
  }

  /** On hand at the end of day `date`, by replaying the counted movements dated up to it. */
  onHandAsOf(date: string): OnHandRow[] {
    const state = this.replay(this.counted(), date);
    if (!state) throw new Error('the model accepted a history that does not replay');
    return rowsOf(state.stock, state.units);
  }

  /** Whether the row passes the field rules (no ledger state needed). */
  private fieldsOk(r: ModelRow): boolean {
    const it = item(r.sku);
    if (!it) return false;
    if (it.lotTracked && !r.lot) return false;
    if (it.serialTracked && !r.serial) return false;
    if (it.serialTracked && r.qty !== undefined && r.qty !== 1) return false;
    if (r.qty !== undefined && (!(r.qty > 0) || Math.round(r.qty * 1000) !== r.qty * 1000)) return false;
    for (const place of [r.from, r.to]) if (place !== undefined && !LOCATIONS.includes(place)) return false;
    const needs: Record<ModelRow['type'], [boolean, boolean]> = {
      receive: [false, true], transfer: [true, true], ship: [true, false], return: [false, true], scrap: [true, false], adjust: [false, false],
    };
    const [from, to] = needs[r.type];
    if (r.type === 'adjust') { if ((r.from === undefined) === (r.to === undefined) || !r.ref) return false; }
    else if ((r.from !== undefined) !== from || (r.to !== undefined) !== to) return false;
    if (r.type === 'transfer' && r.from === r.to) return false;
    if ((r.type === 'ship' || r.type === 'return') && !r.party) return false;
    if ((r.type === 'ship' || r.type === 'receive') && !r.ref) return false;
    return true;
  }

  /** Applies a batch if every row holds; answers whether it was taken. */
  post(rows: readonly ModelRow[]): boolean {
    if (!rows.every((r) => this.fieldsOk(r))) return false;
    const stock = new Map(this.stock);
    const units = new Map(this.units);
    const lots = new Set(this.lots);
    const receivedHere = new Set<string>();
    const moves: Dated[] = [];
    const history = this.counted();
    for (const r of rows) {
      const it = item(r.sku)!;
      const lot = r.lot ?? null;
      const milli = Math.round((r.qty ?? 1) * 1000);
      const from = r.from ?? null;
      const to = r.to ?? null;
      const creates = r.type === 'receive' || (r.type === 'adjust' && to !== null);
      if (lot !== null && !lots.has(`${r.sku}|${lot}`) && !creates) {
        if (r.type === 'return') return false;
        if (from !== null && !r.serial) return false;
      }
      const uk = `${r.sku}|${r.serial}`;
      const unit = it.serialTracked ? units.get(uk) ?? null : null;
      if (it.serialTracked) {
        if (creates) {
          if (receivedHere.has(uk) || unit) return false;
          receivedHere.add(uk);
        } else if (r.type === 'return') {
          if (!unit || unit.state !== 'shipped' || unit.party !== r.party) return false;
        } else if (from !== null && (!unit || unit.state !== 'in_stock' || unit.location !== from)) return false;
        if (unit && !creates && lot !== null && unit.lot !== null && unit.lot !== lot) return false;
      }
      if (from !== null && (stock.get(stockKey(r.sku, lot, from)) ?? 0) < milli) return false;
      // A lot (or untracked stock) comes back only as far as the party still holds it.
      if (r.type === 'return' && !it.serialTracked && holding([...history, ...moves], r.sku, lot, r.party!) < milli) return false;
      if (lot !== null && creates) lots.add(`${r.sku}|${lot}`);
      if (from !== null) stock.set(stockKey(r.sku, lot, from), (stock.get(stockKey(r.sku, lot, from)) ?? 0) - milli);
      if (to !== null) stock.set(stockKey(r.sku, lot, to), (stock.get(stockKey(r.sku, lot, to)) ?? 0) + milli);
      if (it.serialTracked) {
        const unitLot = unit?.lot ?? lot;
        if (to !== null) units.set(uk, { state: 'in_stock', location: to, party: null, lot: unitLot });
        else if (r.type === 'ship') units.set(uk, { state: 'shipped', location: null, party: r.party!, lot: unitLot });
        else units.set(uk, { state: 'scrapped', location: null, party: null, lot: unitLot });
      }
      moves.push({ type: r.type, sku: r.sku, lot, serial: it.serialTracked ? r.serial! : null, milli, from, to, party: r.party ?? null,
        date: r.date ?? '', seq: this.seq + moves.length });
      if (!this.replay([...history, ...moves])) return false;
    }
    this.seq += moves.length;
    this.stock = stock; this.units = units; this.lots = lots;
    this.batches.push({ moves, voided: false, isVoid: false });
    return true;
  }

  /**
   * Voids accepted batch `index`: undoes its moves last to first on what the ledger holds now.
   * Answers 'ok', 'already_voided' or 'void_blocked'.
   */
  void(index: number): 'ok' | 'already_voided' | 'void_blocked' {
    const b = this.batches[index];
    if (b.voided) return 'already_voided';
    if (b.isVoid) return 'void_blocked';
    const stock = new Map(this.stock);
    const units = new Map(this.units);
    const rest = this.batches.filter((x) => !x.voided && x !== b).flatMap((x) => x.moves);
    if (!this.replay(rest)) return 'void_blocked';
    // No party may be left holding less than nothing: a shipment it sent back stays until its return is voided.
    if (b.moves.some((m) => m.type === 'ship' && m.serial === null && holding(rest, m.sku, m.lot, m.party!) < 0)) return 'void_blocked';
    for (const m of [...b.moves].reverse()) {
      if (m.serial !== null) {
        const uk = `${m.sku}|${m.serial}`;
        const u = units.get(uk);
        const want = m.to !== null ? 'in_stock' : m.type === 'ship' ? 'shipped' : 'scrapped';
        if (!u || u.state !== want || u.location !== m.to || (want === 'shipped' && u.party !== m.party)) return 'void_blocked';
        if (m.from !== null) units.set(uk, { state: 'in_stock', location: m.from, party: null, lot: u.lot });
        else if (m.type === 'return') units.set(uk, { state: 'shipped', location: null, party: m.party, lot: u.lot });
        else units.delete(uk);
      }
      if (m.to !== null) {
        const k = stockKey(m.sku, m.lot, m.to);
        if ((stock.get(k) ?? 0) < m.milli) return 'void_blocked';
        stock.set(k, stock.get(k)! - m.milli);
      }
      if (m.from !== null) stock.set(stockKey(m.sku, m.lot, m.from), (stock.get(stockKey(m.sku, m.lot, m.from)) ?? 0) + m.milli);
    }
    this.stock = stock; this.units = units;
    b.voided = true;
    this.batches.push({ moves: [], voided: false, isVoid: true });
    return 'ok';
  }

  /** On hand as GET /v1/reports/on-hand answers it: stock by lot, serial units one by one. */
  onHand(): OnHandRow[] {
    return rowsOf(this.stock, this.units);
  }

  unit(sku: string, serial: string): Unit | null {
    return this.units.get(`${sku}|${serial}`) ?? null;
  }
}

/** What `party` holds of a lot (or untracked stock) after `moves`: shipped to it less returned by it. */
export function holding(moves: readonly Move[], sku: string, lot: string | null, party: string): number {
  let milli = 0;
  for (const m of moves) {
    if (m.serial !== null || m.sku !== sku || m.lot !== lot || m.party !== party) continue;
    if (m.type === 'ship') milli += m.milli;
    else if (m.type === 'return') milli -= m.milli;
  }
  return milli;
}

function rowsOf(stock: Map<string, number>, units: Map<string, Unit>): OnHandRow[] {
  const rows: OnHandRow[] = [];
  for (const [k, milli] of stock) {
    const [sku, lot, location] = k.split('|');
    if (milli > 0 && !item(sku)!.serialTracked) rows.push({ sku, lot: lot === '' ? null : lot, serial: null, location, qty: milli / 1000, held: false });
  }
  for (const [k, u] of units) {
    const [sku, serial] = k.split('|');
    if (u.state === 'in_stock') rows.push({ sku, lot: u.lot, serial, location: u.location!, qty: 1, held: false });
  }
  return sortRows(rows);
}

/** A stable order for comparing report rows as sets. */
export const sortRows = <T>(rows: T[]): T[] => rows.map((r) => JSON.stringify(r)).sort().map((s) => JSON.parse(s) as T);
