/**
 * Voiding a batch: one reversing movement per original (from and to swapped, `reverses`
 * pointing at it), posted as a new batch through the same write as any post. Refused when
 * a later movement depends on the batch, since undoing it would make the ledger untrue.
 */
import type { LedgerStore, Statement } from '../db/port';
import type { Auth } from '../env';
import { LedgerError } from './errors';
import { Simulation, stockKey, type LedgerState, type Unit } from './checks';
import { addHistory, historyReads, type HistoryNeeds } from './history-reads';
import { keysOf, loadLedgerState, loadMaster, type Master } from './state';
import { ledgerWrites, type MovementWrite } from './writes';
import { newBatchId } from './ids';
import { withWriteRetries } from './write-path';
import { isUniqueViolation } from '../db/errors';

/** An original movement as the reversal needs it (places by code). */
export interface Original {
  id: number; rowIndex: number; type: string; date: string; sku: string; lot: string | null; serial: string | null;
  qtyMilli: number; from: string | null; to: string | null; party: string | null; ref: string | null; note: string | null;
  serialTracked: boolean;
}

/**
 * Undoes the movements last to first over the current state; answers why it cannot, or null.
 * @example reversalBlocker(sim, originals) // 'Serial SN-1 of PUMP-3 has moved on since (it is at WH1-B) …'
 */
export function reversalBlocker(sim: Simulation, originals: readonly Original[]): string | null {
  for (let i = originals.length - 1; i >= 0; i--) {
    const m = originals[i];
    const name = m.lot ? `${m.sku} lot ${m.lot}` : m.sku;
    if (m.serialTracked && m.serial) {
      const u = sim.unit(m.sku, m.serial);
      const expected: Unit | null = m.to !== null
        ? { state: 'in_stock', location: m.to, party: null, lot: u?.lot ?? null }
        : m.type === 'ship' ? { state: 'shipped', location: null, party: m.party, lot: u?.lot ?? null }
          : { state: 'scrapped', location: null, party: null, lot: u?.lot ?? null };
      if (!u || u.state !== expected.state || u.location !== expected.location || (expected.state === 'shipped' && u.party !== m.party)) {
        return `Serial ${m.serial} of ${m.sku} has moved on since this batch${u ? ` (it ${u.state === 'in_stock' ? `is at ${u.location}` : u.state === 'shipped' ? `was shipped to ${u.party}` : 'was scrapped'})` : ''}; void the later batch first.`;
      }
      let back: Unit | null;
      if (m.from !== null) back = { state: 'in_stock', location: m.from, party: null, lot: u.lot };
      else if (m.type === 'return') back = { state: 'shipped', location: null, party: m.party, lot: u.lot };
      else back = null; // a receipt (or a count found higher) undone: the unit was never here
      sim.setUnit(m.sku, m.serial, back, undefined, m.date);
    }
    if (!(m.serialTracked && m.serial) && m.party !== null && (m.type === 'ship' || m.type === 'return')) {
      const has = sim.partyHolding(m.sku, m.lot, m.party);
      if (m.type === 'ship' && has < m.qtyMilli) {
        return `${m.party} has sent back part of the ${m.qtyMilli / 1000} of ${name} this batch shipped (it holds ${Math.max(0, has) / 1000}); void the return first.`;
      }
      sim.addHolding(m.sku, m.lot, m.party, m.type === 'ship' ? -m.qtyMilli : m.qtyMilli);
    }
    if (m.to !== null) {
      const there = sim.onHand(m.sku, m.lot, m.to);
      if (there < m.qtyMilli) {
        return `Only ${there / 1000} of ${name} is left at ${m.to}, so the ${m.qtyMilli / 1000} this batch put there cannot be taken back; void the later batch first.`;
      }
      sim.addStock(m.sku, m.lot, m.to, -m.qtyMilli, m.date);
    }
    if (m.from !== null) sim.addStock(m.sku, m.lot, m.from, m.qtyMilli, m.date);
  }
  return null;
}

/**
 * Voids a batch of the workspace; answers the reversing batch's id.
 * `not_found` when the batch is not this workspace's, `already_voided`, `void_blocked`.
 */
export async function voidBatch(db: LedgerStore, auth: Auth, batchId: string, reason: string, now: Date): Promise<{ batchId: string }> {
  return withWriteRetries(db, 'voided', async () => {
    const master = await loadMaster(db, auth.workspaceId);
    const originals = await loadOriginals(db, auth.workspaceId, batchId);
    const keys = keysOf(originals, master);
    // What each party holds of what the batch shipped: undoing a shipment must not leave a party below zero.
    for (const m of originals) {
      if (m.type === 'ship' && m.party !== null && !(m.serialTracked && m.serial)) keys.parties.push([master.itemsBySku.get(m.sku)!.id, m.lot ?? '', m.party]);
    }
    const state = await loadLedgerState(db, master, keys);
    const sim = new Simulation(state);
    const blocker = reversalBlocker(sim, originals);
    if (blocker) throw new LedgerError('void_blocked', blocker);
    const needs = datedNeeds(originals, master);
    if (needs) {
      addHistory(state, master, needs, await db.read(historyReads(needs, '')));
      const dated = laterBlocker(state, needs, batchId);
      if (dated) throw new LedgerError('void_blocked', dated);
    }
    const id = newBatchId(now);
    // Last first, as they are undone: replayed in order, the record then tells one true
    // story (a serial received then moved is moved back before its receipt is taken back).
    const movements: MovementWrite[] = [...originals].reverse().map((m, i) => ({
      rowIndex: i, type: m.type, date: m.date, itemId: master.itemsBySku.get(m.sku)!.id, lot: m.lot, serial: m.serial,
      qtyMilli: m.qtyMilli, fromId: m.to === null ? null : master.locationIds.get(m.to)!,
      toId: m.from === null ? null : master.locationIds.get(m.from)!, party: m.party, ref: m.ref, note: m.note, reverses: m.id,
    }));
    const batch = { id, postedAt: now.toISOString(), postedBy: auth.tokenName, source: null, voids: batchId, reason };
    try {
      const stmts = ledgerWrites({ workspaceId: auth.workspaceId, master, batch }, master.version, movements, sim.effects,
        [lotsAfterVoid(batchId)]);
      await db.write(async (w) => w.push(stmts));
      return { batchId: id };
    } catch (e) {
      // Another void of it got in between our check and our write (batch_voids_once).
      if (isUniqueViolation(e)) throw new LedgerError('already_voided', `Batch ${batchId} was voided already.`);
      throw e;
    }
  });
}

/**
 * The places the batch brought stock to (serial units aside: their own chain holds them, and
 * reversalBlocker checks it), each from the day before the batch's earliest movement there.
 */
function datedNeeds(originals: readonly Original[], master: Master): HistoryNeeds | null {
  const stock = new Map<string, HistoryNeeds['stock'][number]>();
  for (const m of originals) {
    if ((m.serialTracked && m.serial) || m.to === null) continue;
    const key = stockKey(m.sku, m.lot, m.to);
    if (!stock.has(key)) stock.set(key, { args: [master.itemsBySku.get(m.sku)!.id, m.lot ?? '', master.locationIds.get(m.to)!, '9999-12-31'], key });
  }
  for (const m of originals) {
    for (const at of [m.from, m.to]) {
      const need = at === null ? undefined : stock.get(stockKey(m.sku, m.lot, at));
      if (need && dayBefore(m.date) < need.args[3]) need.args[3] = dayBefore(m.date);
    }
  }
  return stock.size === 0 ? null : { stock: [...stock.values()], serials: [] };
}

const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * Without the batch's movements, every balance at each place it brought stock to must stay at or
 * above zero on every later date: a later movement (by date) that took that stock depends on it.
 */
export function laterBlocker(state: LedgerState, needs: HistoryNeeds, batchId: string): string | null {
  for (const need of needs.stock) {
    const moves = state.history!.stock.get(need.key)!.moves;
    let balance = state.stock.get(need.key) ?? 0;
    for (const m of moves) balance -= m.delta;
    for (const m of moves) {
      if (m.batchId === batchId) continue;
      balance += m.delta;
      if (balance < 0) {
        const [sku, lot, location] = need.key.split('\u0000');
        return `Without this batch, ${lot ? `${sku} lot ${lot}` : sku} at ${location} would be at ${balance / 1000} on ${m.date}: `
          + `batch ${m.batchId} takes stock this batch brought; void that batch first.`;
      }
    }
  }
  return null;
}

/** Receipts, productions and counts found higher: the movements that make a lot and may name its expiry (keys.ts makesLot). */
const CREATES = `m.type IN ('receive', 'produce', 'adjust') AND m.to_location_id IS NOT NULL`;
/** Movements that count: not reversals, not of a voided batch (the void's batch row is already in). */
const COUNTED = 'm.reverses IS NULL AND NOT EXISTS (SELECT 1 FROM batch v WHERE v.voids = m.batch_id)';

/**
 * A void undoes everything its batch did to a lot: its expiry and first receipt are again what
 * its remaining receipts say (no expiry when none names one; first_received '' when none is left,
 * which reports answer as null and the next receipt fills in).
 */
function lotsAfterVoid(voided: string): Statement {
  return {
    sql: `UPDATE lot SET
            expiry = (SELECT m.expiry FROM movement m WHERE m.lot_id = lot.id AND ${CREATES} AND ${COUNTED} AND m.expiry IS NOT NULL
                      ORDER BY m.date, m.id LIMIT 1),
            first_received = COALESCE((SELECT MIN(m.date) FROM movement m WHERE m.lot_id = lot.id AND ${CREATES} AND ${COUNTED}), '')
          WHERE lot.id IN (SELECT m.lot_id FROM movement m WHERE m.batch_id = ? AND m.lot_id IS NOT NULL AND ${CREATES})`,
    args: [voided],
  };
}

async function loadOriginals(db: LedgerStore, workspaceId: number, batchId: string): Promise<Original[]> {
  const [batch, moves] = await db.read([
    {
      sql: `SELECT b.voids, (SELECT v.id FROM batch v WHERE v.voids = b.id) AS voided_by
            FROM batch b WHERE b.workspace_id = ? AND b.id = ?`,
      args: [workspaceId, batchId],
    },
    {
      sql: `SELECT m.id, m.row_index, m.type, m.date, i.sku, i.serial_tracked, l.code AS lot, m.serial, m.qty_milli,
                   fl.code AS from_code, tl.code AS to_code, m.party, m.ref, m.note
            FROM movement m JOIN item i ON i.id = m.item_id LEFT JOIN lot l ON l.id = m.lot_id
            LEFT JOIN location fl ON fl.id = m.from_location_id LEFT JOIN location tl ON tl.id = m.to_location_id
            WHERE m.workspace_id = ? AND m.batch_id = ? ORDER BY m.row_index, m.id`,
      args: [workspaceId, batchId],
    },
  ]);
  const b = batch.rows[0];
  if (!b) throw new LedgerError('not_found', `There is no batch ${batchId} in this workspace.`);
  if (b.voided_by !== null) throw new LedgerError('already_voided', `Batch ${batchId} was voided already, by ${b.voided_by}.`);
  if (b.voids !== null) {
    throw new LedgerError('void_blocked', `Batch ${batchId} is itself the void of ${b.voids}; post the rows again instead of voiding a void.`);
  }
  const text = (v: unknown) => (v === null ? null : String(v));
  return moves.rows.map((r) => ({
    id: Number(r.id), rowIndex: Number(r.row_index), type: String(r.type), date: String(r.date), sku: String(r.sku),
    lot: text(r.lot), serial: text(r.serial), qtyMilli: Number(r.qty_milli), from: text(r.from_code), to: text(r.to_code),
    party: text(r.party), ref: text(r.ref), note: text(r.note), serialTracked: Number(r.serial_tracked) === 1,
  }));
}
