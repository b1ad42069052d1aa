/**
 * The promises of docs/DESIGN.md "What always holds", read straight from the database file:
 * the file is sound, every batch is whole, on hand is the sum of the movements, each serial
 * is where its last movement put it, and nothing is below zero. Answers the broken ones as
 * sentences (empty when all hold), so a failing test says what broke.
 */
import type { LedgerStore } from '../../../server/db/port';

const num = (v: unknown) => Number(v);

/** Every invariant of the ledger, over all workspaces of the file. */
export async function ledgerViolations(db: LedgerStore): Promise<string[]> {
  const out: string[] = [];
  const integrity = await db.read('PRAGMA integrity_check');
  const verdict = integrity.rows.map((r) => String(Object.values(r)[0])).join('; ');
  if (verdict !== 'ok') out.push(`integrity_check: ${verdict}`);

  // Each batch whole: its row count is the number of its movements.
  const partial = await db.read(`
    SELECT b.id, b.rows, (SELECT COUNT(*) FROM movement m WHERE m.batch_id = b.id) AS n
    FROM batch b WHERE b.rows <> (SELECT COUNT(*) FROM movement m WHERE m.batch_id = b.id)`);
  for (const r of partial.rows) out.push(`batch ${r.id} says ${r.rows} rows but has ${r.n} movements`);

  // On hand = sum of movements, per item, lot and location.
  const sums = await db.read(`
    SELECT item_id, lot, loc, SUM(q) AS q FROM (
      SELECT item_id, COALESCE(lot_id, 0) AS lot, to_location_id AS loc, qty_milli AS q FROM movement WHERE to_location_id IS NOT NULL
      UNION ALL
      SELECT item_id, COALESCE(lot_id, 0), from_location_id, -qty_milli FROM movement WHERE from_location_id IS NOT NULL
    ) GROUP BY item_id, lot, loc`);
  const stock = await db.read('SELECT item_id, lot_id, location_id, qty_milli FROM stock');
  const expected = new Map<string, number>();
  for (const r of sums.rows) {
    const k = `${r.item_id}/${r.lot}/${r.loc}`;
    expected.set(k, num(r.q));
    if (num(r.q) < 0) out.push(`movements take item ${r.item_id} lot ${r.lot} at location ${r.loc} below zero (${num(r.q) / 1000})`);
  }
  const seen = new Set<string>();
  for (const r of stock.rows) {
    const k = `${r.item_id}/${r.lot_id}/${r.location_id}`;
    seen.add(k);
    if (num(r.qty_milli) < 0) out.push(`stock ${k} is below zero`);
    if (num(r.qty_milli) !== (expected.get(k) ?? 0)) out.push(`stock ${k} is ${num(r.qty_milli) / 1000}, movements say ${(expected.get(k) ?? 0) / 1000}`);
  }
  for (const [k, q] of expected) if (q !== 0 && !seen.has(k)) out.push(`movements put ${q / 1000} at ${k} but stock has no row`);

  // Each serial in one place: the unit projection is what its last movement says.
  const last = await db.read(`
    SELECT m.item_id, m.serial, m.type, m.to_location_id AS to_id, m.party, m.reverses, o.type AS reversed_type
    FROM movement m JOIN item i ON i.id = m.item_id AND i.serial_tracked = 1
    LEFT JOIN movement o ON o.id = m.reverses
    WHERE m.serial IS NOT NULL
      AND m.id = (SELECT MAX(x.id) FROM movement x WHERE x.item_id = m.item_id AND x.serial = m.serial)`);
  const units = await db.read('SELECT item_id, serial, state, location_id, party FROM unit');
  const unitOf = new Map(units.rows.map((u) => [`${u.item_id}/${u.serial}`, u]));
  for (const m of last.rows) {
    const k = `${m.item_id}/${m.serial}`;
    let want: { state: string; location: number | null; party: unknown } | null;
    if (m.to_id !== null) want = { state: 'in_stock', location: num(m.to_id), party: null };
    else if (m.reverses !== null) want = m.reversed_type === 'return' ? { state: 'shipped', location: null, party: m.party } : null;
    else if (m.type === 'ship') want = { state: 'shipped', location: null, party: m.party };
    else want = { state: 'scrapped', location: null, party: null };
    const u = unitOf.get(k);
    unitOf.delete(k);
    const have = u ? { state: String(u.state), location: u.location_id === null ? null : num(u.location_id), party: u.party } : null;
    if (JSON.stringify(have) !== JSON.stringify(want)) {
      out.push(`serial ${k}: unit says ${JSON.stringify(have)}, its last movement (${m.type}${m.reverses !== null ? ', a reversal' : ''}) says ${JSON.stringify(want)}`);
    }
  }
  for (const k of unitOf.keys()) out.push(`serial ${k} has a unit but no movement`);

  // Nothing reversed twice, and each reversal belongs to the void of the original's batch.
  const reversals = await db.read(`
    SELECT r.id FROM movement r JOIN movement o ON o.id = r.reverses
    JOIN batch rb ON rb.id = r.batch_id WHERE rb.voids IS NOT o.batch_id`);
  for (const r of reversals.rows) out.push(`reversal ${r.id} is not in the void of its original's batch`);

  // A key marked done answers a batch that is there (they commit together).
  const keys = await db.read(`SELECT key, response FROM idempotency WHERE state = 'done' AND status = 201`);
  const ids = new Set((await db.read('SELECT id FROM batch')).rows.map((r) => String(r.id)));
  for (const k of keys.rows) {
    const batchId = JSON.parse(String(k.response)).batchId;
    if (!ids.has(batchId)) out.push(`idempotency key ${k.key} answers batch ${batchId}, which is not in the ledger`);
  }
  return out;
}

/** Row counts of every table: what a refused request must leave unchanged. */
export async function tableCounts(db: LedgerStore): Promise<Record<string, number>> {
  const tables = ['workspace', 'token', 'item', 'location', 'lot', 'batch', 'movement', 'unit', 'stock', 'idempotency', 'hold'];
  const rs = await db.read(tables.map((t) => `SELECT COUNT(*) AS n FROM ${t}`));
  const counts: Record<string, number> = {};
  tables.forEach((t, i) => { counts[t] = num(rs[i].rows[0].n); });
  const revoked = await db.read('SELECT COUNT(*) AS n FROM token WHERE revoked_at IS NOT NULL');
  counts.revokedTokens = num(revoked.rows[0].n);
  const version = await db.read('SELECT COALESCE(SUM(ledger_version), 0) AS v FROM workspace');
  counts.ledgerVersions = num(version.rows[0].v);
  return counts;
}
