import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LedgerStore } from '../db/port';
import { openDatabase } from '../db/client';
import { migrate } from '../db/migrate';
import { createWorkspace } from '../workspaces';
import { upsertItems, upsertLocations } from './master-data';
import { PART_ROWS, postBatch } from './post';
import { LedgerError } from './errors';
import type { Auth } from '../env';
import { interferingBeforeFirstWrite } from '../../test/support/racing-client';

let dir: string;
let url: string;
let db: LedgerStore;
let auth: Auth;
const today = new Date().toISOString().slice(0, 10);
const receipt = (serial: string) => ({ type: 'receive', date: today, sku: 'PUMP-3', serial, to: 'WH1-A', ref: 'PO-1' });

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lotledger-post-'));
  url = `file:${path.join(dir, 'ledger.db')}`;
  db = await openDatabase(url);
  await migrate(db);
  const { workspaceId } = await createWorkspace(db, 'post-test');
  auth = { workspaceId, workspace: 'post-test', role: 'clerk', tokenName: 'clerk' };
  await upsertItems(db, workspaceId, [
    { sku: 'PUMP-3', name: 'Pump', unit: 'each', lotTracked: false, serialTracked: true, requiresExpiry: false, gtin: null },
    { sku: 'SWAB', name: 'Swabs', unit: 'box', lotTracked: true, serialTracked: false, requiresExpiry: false, gtin: null },
  ]);
  await upsertLocations(db, workspaceId, [{ code: 'WH1-A', name: null }, { code: 'WH1-B', name: null }]);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (client: LedgerStore, serial: string) =>
  postBatch(client, auth, { rows: [receipt(serial)], dryRun: false, source: null }, { now: new Date() });

describe('the write path', () => {
  it('reads the master data again when another process changed it after this one last posted', async () => {
    // This process keeps the master data of its last post; the other one's changes are seen
    // through the ledger version alone.
    await post(db, 'SN-KEPT');
    const other = await openDatabase(url);
    await upsertLocations(other, auth.workspaceId, [{ code: 'WH1-C', name: null }]);
    expect((await postBatch(db, auth, { rows: [{ ...receipt('SN-C'), to: 'WH1-C' }], dryRun: false, source: null },
      { now: new Date() })).kind).toBe('posted');
    await upsertItems(other, auth.workspaceId, [
      { sku: 'PUMP-4', name: 'Pump 4', unit: 'each', lotTracked: false, serialTracked: true, requiresExpiry: false, gtin: null },
    ]);
    other.close();
    expect((await postBatch(db, auth, { rows: [{ ...receipt('SN-4'), sku: 'PUMP-4' }], dryRun: false, source: null },
      { now: new Date() })).kind).toBe('posted');
  });

  it('re-checks and refuses a post when another one changed the ledger between its check and its write', async () => {
    // A second process (its own client, no shared in-process lock) posts the same serial
    // just after our checks have passed; our version guard must catch it.
    const other = await openDatabase(url);
    const racing = interferingBeforeFirstWrite(db, () => post(other, 'SN-RACE'));
    const refused = await post(racing, 'SN-RACE').catch((e: unknown) => e);
    other.close();
    expect(racing.interfered()).toBe(true);
    expect(refused).toBeInstanceOf(LedgerError);
    expect((refused as LedgerError).problems?.map((p) => p.code)).toEqual(['serial_exists']);
    const { rows } = await db.read(`SELECT count(*) AS n FROM movement WHERE serial = 'SN-RACE'`);
    expect(Number(rows[0].n)).toBe(1);
  });

  it('posts after a retry when the interfering post touched something else', async () => {
    const other = await openDatabase(url);
    const racing = interferingBeforeFirstWrite(db, () => post(other, 'SN-OTHER'));
    const answer = await post(racing, 'SN-MINE');
    other.close();
    expect(answer.kind).toBe('posted');
    const { rows } = await db.read({ sql: 'SELECT ledger_version FROM workspace WHERE id = ?', args: [auth.workspaceId] });
    // items upsert, locations upsert, the other post, ours
    expect(Number(rows[0].ledger_version)).toBe(4);
  });

  it('lets exactly one of many processes receive the same serial', async () => {
    const clients = await Promise.all(Array.from({ length: 4 }, () => openDatabase(url)));
    const outcomes = await Promise.all(clients.map((c) => post(c, 'SN-ONE').then(() => 'posted', (e: LedgerError) => e.code)));
    for (const c of clients) c.close();
    expect(outcomes.filter((o) => o === 'posted')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'invalid_rows')).toHaveLength(3);
  });
});

// A post checks and writes a part of PART_ROWS rows at a time: these batches span several parts.
describe('a batch of several parts', () => {
  const rows = 2 * PART_ROWS + 500;
  const lotReceipt = (i: number, lot: string, expiry: string | null = null) =>
    ({ type: 'receive', date: today, sku: 'SWAB', lot, expiry, qty: 10, to: 'WH1-A', ref: 'PO-9' });
  const postRows = (batch: Record<string, unknown>[]) =>
    postBatch(db, auth, { rows: batch, dryRun: false, source: null }, { now: new Date() });
  const count = async (sql: string) => Number((await db.read(sql)).rows[0].n);

  it('gives a lot the expiry a later part names, when an earlier part received it without one', async () => {
    const batch = Array.from({ length: rows }, (_, i) => lotReceipt(i, `L-${i}`));
    batch[0] = lotReceipt(0, 'L-LATE');
    batch[rows - 1] = lotReceipt(rows - 1, 'L-LATE', '2031-01-31');
    expect((await postRows(batch)).kind).toBe('posted');
    const { rows: lots } = await db.read(`SELECT expiry FROM lot WHERE code = 'L-LATE'`);
    expect(lots.map((l) => l.expiry)).toEqual(['2031-01-31']);
  });

  it('finds the lots of earlier parts for the movements of later ones', async () => {
    const batch: Record<string, unknown>[] = Array.from({ length: PART_ROWS }, (_, i) => lotReceipt(i, `L-${i}`));
    for (let i = 0; i < rows - PART_ROWS; i++) {
      batch.push({ type: 'transfer', date: today, sku: 'SWAB', lot: `L-${i % PART_ROWS}`, qty: 1, from: 'WH1-A', to: 'WH1-B' });
    }
    const answer = await postRows(batch);
    expect(answer.kind).toBe('posted');
    const { rows: moved } = await db.read(`SELECT m.row_index, l.code FROM movement m LEFT JOIN lot l ON l.id = m.lot_id ORDER BY m.row_index`);
    expect(moved.map((m) => m.code)).toEqual(batch.map((r) => r.lot));
    expect(await count(`SELECT sum(qty_milli) AS n FROM stock s JOIN location loc ON loc.id = s.location_id WHERE loc.code = 'WH1-B'`))
      .toBe((rows - PART_ROWS) * 1000);
  });

  it('follows a serial from part to part, and knows it is received already in a later one', async () => {
    const batch: Record<string, unknown>[] = Array.from({ length: rows }, (_, i) => lotReceipt(i, `L-${i}`));
    batch[1] = receipt('SN-ROAM');
    batch[PART_ROWS + 1] = { type: 'transfer', date: today, sku: 'PUMP-3', serial: 'SN-ROAM', from: 'WH1-A', to: 'WH1-B' };
    batch[2 * PART_ROWS + 1] = { type: 'ship', date: today, sku: 'PUMP-3', serial: 'SN-ROAM', from: 'WH1-B', party: 'Clinic', ref: 'SO-2' };
    const again = [...batch];
    again[2 * PART_ROWS + 2] = receipt('SN-ROAM');
    const refused = await postRows(again).catch((e: unknown) => e);
    expect((refused as LedgerError).problems?.map((p) => [p.row, p.code])).toEqual([[2 * PART_ROWS + 2, 'duplicate_serial']]);
    expect((await postRows(batch)).kind).toBe('posted');
    const { rows: units } = await db.read(`SELECT state, party FROM unit WHERE serial = 'SN-ROAM'`);
    expect(units.map((u) => [u.state, u.party])).toEqual([['shipped', 'Clinic']]);
  });

  it('lets other work run while it checks and writes', async () => {
    const batch = Array.from({ length: rows }, (_, i) => lotReceipt(i, `L-${i}`));
    let ticks = 0;
    const timer = setInterval(() => { ticks++; }, 1);
    const answer = await postRows(batch);
    clearInterval(timer);
    expect(answer.kind).toBe('posted');
    expect(ticks).toBeGreaterThan(5);
  });

  it('keeps nothing of the parts already written when a later part breaks a rule', async () => {
    const batch: Record<string, unknown>[] = Array.from({ length: rows }, (_, i) => lotReceipt(i, `L-${i}`));
    batch[rows - 1] = { type: 'ship', date: today, sku: 'SWAB', lot: 'L-0', qty: 11, from: 'WH1-A', party: 'Clinic', ref: 'SO-1' };
    batch[PART_ROWS + 7] = { ...lotReceipt(PART_ROWS + 7, 'L-X'), date: 'not a date' };
    const refused = await postRows(batch).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LedgerError);
    expect((refused as LedgerError).problems?.map((p) => [p.row, p.code])).toEqual([[PART_ROWS + 7, 'invalid'], [rows - 1, 'insufficient_stock']]);
    for (const table of ['batch', 'movement', 'lot', 'stock']) expect(await count(`SELECT count(*) AS n FROM ${table}`), table).toBe(0);
    batch[PART_ROWS + 7] = lotReceipt(PART_ROWS + 7, 'L-X');
    expect((await postRows(batch.slice(0, rows - 1))).kind).toBe('posted');
  });
});

describe('duplicate protection on a batch written a part at a time', () => {
  it('never takes the rows of the batch itself, already written by earlier parts, for repeats', async () => {
    const n = 2 * PART_ROWS + 1;
    const rows = Array.from({ length: n }, (_, i) => ({ type: 'receive', date: today, sku: 'SWAB', lot: `L${i % 10}`, qty: 1, to: 'WH1-A', ref: 'PO-9' }));
    const answer = await postBatch(db, auth, { rows, dryRun: false, source: null }, { now: new Date() });
    expect(answer).toMatchObject({ kind: 'posted', body: { posted: n, warnings: [] } });
    // and the next batch with one of them repeats it
    const again = await postBatch(db, auth, { rows: [rows[3]], dryRun: true, source: null }, { now: new Date() });
    expect(again.kind === 'checked' && again.body.problems.map((p) => [p.code, p.batchId])).toEqual([['possible_duplicate', (answer.body as { batchId: string }).batchId]]);
  });
});
