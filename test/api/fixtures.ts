/** Sample sheets (test/fixtures/samples) and fresh workspaces for the HTTP tests. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { parseCsv } from '../../server/ledger/csv';
import type { DryRun, Posted } from '../../shared/api-types';
import type { LedgerStore } from '../../server/db/port';
import { openDatabase } from '../../server/db/client';
import type { Auth } from '../../server/env';
import { api, type Api } from './http';
import { uniqueName, type Target } from './target';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SAMPLES = path.resolve(REPO_ROOT, 'test/fixtures/samples');

/** Reads a sample CSV into records keyed by its header. */
export function readSample(name: string): Record<string, string>[] {
  const text = readFileSync(path.join(SAMPLES, name), 'utf8').replace(/^\uFEFF/, '');
  const rows = parseCsv(text);
  const [header, ...body] = rows.filter((r) => r.some((c) => c !== ''));
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

export const sampleItems = () => readSample('items.csv').map((r) => ({
  sku: r.SKU, name: r.Name, unit: r.Unit, lotTracked: r['Lot tracked'], serialTracked: r['Serial tracked'],
  requiresExpiry: r['Requires expiry'], gtin: r.GTIN || null,
}));

export const sampleLocations = () => readSample('locations.csv').map((r) => ({ code: r.Code, name: r.Name }));

/** A receiving sheet as the pane would send it: columns mapped, blanks left out. */
export function receivingRows(file: string, date: string): Record<string, string | number>[] {
  return readSample(file).map((r) => {
    const row: Record<string, string | number> = { type: 'receive', date };
    const put = (field: string, v: string | undefined) => { if (v !== undefined && v !== '') row[field] = v; };
    put('ref', r['PO #']); put('sku', r['Item code']); put('lot', r['Lot #']); put('expiry', r['Exp. date']);
    put('serial', r['S/N']); put('to', r.Location); put('gs1', r.Scan);
    if (r.Qty !== undefined && r.Qty !== '') row.qty = Number(r.Qty);
    return row;
  });
}

/** An ISO day `n` days from today (UTC); negative for the past. */
export function day(n = 0): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export interface Workspace { token: string; admin: Api; name: string }

/** A new workspace with the sample items and locations loaded, and its admin client. */
export async function freshWorkspace(target: Target, prefix = 'ws'): Promise<Workspace> {
  const name = uniqueName(prefix);
  const token = await target.createWorkspace(name);
  const admin = api(target, token);
  const items = await admin.post('/v1/items', { items: sampleItems() });
  expect(items.status, JSON.stringify(items.body)).toBe(200);
  const locations = await admin.post('/v1/locations', { locations: sampleLocations() });
  expect(locations.status, JSON.stringify(locations.body)).toBe(200);
  return { token, admin, name };
}

/** Posts rows and expects them to be accepted; answers the batch id. */
export async function postOk(client: Api, rows: unknown[], key?: string): Promise<string> {
  const res = await client.post<Posted>('/v1/batches', { rows }, key ? { 'idempotency-key': key } : {});
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.batchId;
}

/** Dry-runs rows and answers the problems. */
export async function dryRun(client: Api, rows: unknown[]): Promise<DryRun> {
  const res = await client.post<DryRun>('/v1/batches', { rows, dryRun: true });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/**
 * The target's database itself (a file on node, the libSQL server behind workerd on worker) and
 * the workspace's admin as the ledger sees it: for tests that call the ledger directly, to race it.
 */
export async function ledgerOf(target: Target, ws: Workspace): Promise<{ db: LedgerStore; auth: Auth }> {
  const db = await openDatabase(target.dbUrl);
  const { rows: [w] } = await db.read({ sql: 'SELECT id FROM workspace WHERE name = ?', args: [ws.name] });
  return { db, auth: { workspaceId: Number(w.id), workspace: ws.name, role: 'admin', tokenName: 'admin' } };
}
