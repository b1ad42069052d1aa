/**
 * Pick lists (docs/API.md "Pick lists"): reads the stock that could serve the order lines in a
 * few read batches, set-wise over the named items (pick-reads.ts), and leaves the allocation to
 * the pure `allocatePicks` (shared/pick-list.ts). Nothing is stored or reserved.
 */
import type { LedgerStore } from '../db/port';
import { allocatePicks, earliestExpiry, mayPick, type PickCandidate, type PickRules } from '../../shared/pick-list';
import type { PickListAnswer } from '../../shared/pick-answers';
import { problem, type Problem } from '../../shared/problems';
import { fromMilli } from '../../shared/rows';
import { nearestLocation } from '../../shared/locations';
import { shownValue } from '../../shared/identifiers';
import { LedgerError } from './errors';
import { passReads, rowsOf, serialReads, wholeOf, type PassRow, type UnitTake } from './pick-reads';

/** A pick-list request with its shapes checked (the route's job) and quantities in thousandths. */
export interface PickListInput {
  lines: { sku: string; qtyMilli: number }[];
  from: string[] | null;
  minShelfLifeDays: number;
  date: string;
}

interface ItemFound { id: number; sku: string; serialTracked: boolean }
interface LocationFound { id: number; code: string; quarantine: boolean }

/** The items the lines name and the workspace's locations, in one read batch. */
async function readMaster(db: LedgerStore, workspaceId: number, skus: string[]) {
  const [items, locations] = await db.read([
    {
      sql: 'SELECT i.id, i.sku, i.serial_tracked FROM json_each(?) k JOIN item i ON i.workspace_id = ? AND i.sku = k.value',
      args: [JSON.stringify(skus), workspaceId],
    },
    { sql: 'SELECT id, code, quarantine FROM location WHERE workspace_id = ?', args: [workspaceId] },
  ]);
  const itemList: ItemFound[] = items.rows.map((r) => ({ id: Number(r.id), sku: String(r.sku), serialTracked: Number(r.serial_tracked) === 1 }));
  const locationList: LocationFound[] = locations.rows.map((r) => ({ id: Number(r.id), code: String(r.code), quarantine: Number(r.quarantine) === 1 }));
  return { itemsBySku: new Map(itemList.map((i) => [i.sku, i])), locations: locationList };
}

/** Unknown SKUs and locations, and fractions of serial units, as problems (row: the line, or the index in `from`). */
async function problemsOf(db: LedgerStore, workspaceId: number, input: PickListInput, itemsBySku: Map<string, ItemFound>, locations: LocationFound[]) {
  const problems: Problem[] = [];
  let known: string[] | null = null;
  for (const [row, l] of input.lines.entries()) {
    const item = itemsBySku.get(l.sku);
    if (!item) {
      // The SKUs are read for a hint only when a line names an unknown one.
      known ??= (await db.read({ sql: 'SELECT sku FROM item WHERE workspace_id = ?', args: [workspaceId] })).rows.map((r) => String(r.sku));
      const near = nearestLocation(l.sku, known);
      problems.push(problem(row, 'sku', 'unknown_item', `SKU ${shownValue(l.sku)} is not in the item master${near ? `; did you mean ${near}?` : '.'}`));
    } else if (item.serialTracked && l.qtyMilli % 1000 !== 0) {
      problems.push(problem(row, 'qty', 'invalid', `${l.sku} is serial-tracked: pick whole units, not ${fromMilli(l.qtyMilli)}.`));
    }
  }
  const codes = new Set(locations.map((l) => l.code));
  for (const [row, code] of (input.from ?? []).entries()) {
    if (codes.has(code)) continue;
    const near = nearestLocation(code, codes);
    problems.push(problem(row, 'from', 'unknown_location', `Location ${shownValue(code)} is not known; ${near ? `did you mean ${near}?` : 'add it to the locations or fix the code.'}`));
  }
  return problems;
}

/** Lots read of each item in the first pass, then in the second; the third reads all. */
const PASS_LOTS = [2, 16, 1e9];

/**
 * Allocates a pick list first expiry first out. Unknown SKUs (field `sku`, row = line) and
 * unknown locations in `from` (field `from`, row = its index there) → `invalid_rows`.
 * @example await makePickList(db, 1, { lines: [{ sku: 'VAC-10', qtyMilli: 5000 }], from: null, minShelfLifeDays: 0, date: '2026-12-01' })
 */
export async function makePickList(db: LedgerStore, workspaceId: number, input: PickListInput): Promise<PickListAnswer> {
  const skus = [...new Set(input.lines.map((l) => l.sku))];
  const { itemsBySku, locations } = await readMaster(db, workspaceId, skus);
  const problems = await problemsOf(db, workspaceId, input, itemsBySku, locations);
  if (problems.length) throw new LedgerError('invalid_rows', 'The pick list names what is not known; nothing was allocated.', problems);

  const rules: PickRules = { date: input.date, minShelfLifeDays: input.minShelfLifeDays, from: input.from };
  const minExpiry = earliestExpiry(rules);
  const items = skus.map((s) => itemsBySku.get(s)!);
  const skuOf = new Map(items.map((i) => [i.id, i.sku]));
  const place = new Map(locations.map((l) => [l.id, l]));
  const need = new Map<string, number>();
  for (const l of input.lines) need.set(l.sku, (need.get(l.sku) ?? 0) + l.qtyMilli);
  const candidate = ([itemId, lot, locationId, qty, expiry, firstReceived, held]: PassRow, unitsAt: boolean): PickCandidate => {
    const at = place.get(locationId)!;
    return {
      sku: skuOf.get(itemId)!, lot, serial: null, location: at.code, qtyMilli: unitsAt ? qty * 1000 : qty,
      expiry, firstReceived, held: held === 1, quarantine: at.quarantine,
    };
  };

  // Passes read more lots of the items whose usable stock read so far does not cover their lines.
  // A serial item's units come as counts by lot and place (serial null) until the serials are read.
  // The reads are not one snapshot: a post landing between them can only make a line look
  // shorter than it is, and nothing is reserved anyway (the shipment's post checks again).
  const bySku = new Map<string, PickCandidate[]>();
  let pending = items;
  for (const n of PASS_LOTS) {
    if (pending.length === 0) break;
    const [stock, units] = await db.read(passReads(
      pending.filter((i) => !i.serialTracked).map((i) => i.id), pending.filter((i) => i.serialTracked).map((i) => i.id), minExpiry, n,
    ));
    for (const i of pending) bySku.set(i.sku, []);
    for (const row of rowsOf<PassRow>(stock)) bySku.get(skuOf.get(row[0])!)!.push(candidate(row, false));
    for (const row of rowsOf<PassRow>(units)) bySku.get(skuOf.get(row[0])!)!.push(candidate(row, true));
    const whole = new Set([...wholeOf(stock), ...wholeOf(units)]);
    const usable = (sku: string) => bySku.get(sku)!.reduce((sum, c) => sum + (mayPick(c, rules, minExpiry) ? c.qtyMilli : 0), 0);
    pending = pending.filter((i) => !whole.has(i.id) && usable(i.sku) < need.get(i.sku)!);
  }
  const counted = [...bySku.values()].flat();

  // Units: the same allocation over the counts says how many units each place gives; those
  // first serials are read and allocated one by one.
  const serialSkus = new Set(items.filter((i) => i.serialTracked).map((i) => i.sku));
  const idOf = new Map(items.map((i) => [i.sku, i.id]));
  const codeId = new Map(locations.map((l) => [l.code, l.id]));
  const takes = new Map<string, UnitTake>();
  const unitCounts = counted.filter((c) => serialSkus.has(c.sku));
  for (const l of allocatePicks(input.lines.filter((l) => serialSkus.has(l.sku)), unitCounts, rules)) {
    for (const p of l.picks) {
      const key = JSON.stringify([l.sku, p.lot, p.location]);
      const t = takes.get(key) ?? [idOf.get(l.sku)!, p.lot, codeId.get(p.location)!, 0];
      t[3] += p.qtyMilli / 1000;
      takes.set(key, t);
    }
  }
  const candidates = counted.filter((c) => !serialSkus.has(c.sku));
  if (takes.size) {
    const byPlace = new Map(unitCounts.map((c) => [JSON.stringify([c.sku, c.lot, c.location]), c]));
    const rs = await db.read(serialReads([...takes.values()]));
    for (const [itemId, lot, locationId, serial] of rowsOf<[number, string | null, number, string]>(rs)) {
      const group = byPlace.get(JSON.stringify([skuOf.get(itemId)!, lot, place.get(locationId)!.code]))!;
      candidates.push({ ...group, serial, qtyMilli: 1000 });
    }
  }

  return {
    lines: allocatePicks(input.lines, candidates, rules).map((l) => ({
      line: l.line, sku: l.sku, qty: fromMilli(l.qtyMilli), short: fromMilli(l.shortMilli),
      picks: l.picks.map((p) => ({ lot: p.lot, serial: p.serial, location: p.location, qty: fromMilli(p.qtyMilli), expiry: p.expiry })),
    })),
  };
}
