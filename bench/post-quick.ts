/**
 * Posts 100,000 serial receipts in one batch through HTTP to a Node server on a fresh
 * database file, then moves all of them in a second batch (which must load 100,000 units),
 * and prints rows per second for each. Run: `npx tsx bench/post-quick.ts [rows]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startNodeServer } from '../server/node';

const N = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(path.join(tmpdir(), 'lotledger-bench-'));
const token = 'bench-admin-token-0123456789';
const server = await startNodeServer({ port: 0, databaseUrl: `file:${path.join(dir, 'bench.db')}`, adminToken: token });
const call = async (p: string, body: unknown) => {
  const res = await fetch(server.url + p, {
    method: 'POST', body: JSON.stringify(body),
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${p} → ${res.status} ${JSON.stringify(json).slice(0, 500)}`);
  return json;
};

try {
  await call('/v1/items', { items: [{ sku: 'PUMP-3', name: 'Pump', lotTracked: 'yes', serialTracked: 'yes' }] });
  await call('/v1/locations', { locations: [{ code: 'WH1-A' }, { code: 'WH1-B' }] });
  const date = new Date().toISOString().slice(0, 10);
  const serial = (i: number) => `SN-${String(i).padStart(7, '0')}`;
  const receipts = Array.from({ length: N }, (_, i) => ({
    type: 'receive', date, sku: 'PUMP-3', lot: `L-${Math.floor(i / 1000)}`, serial: serial(i), to: 'WH1-A', ref: 'PO-1',
  }));
  const moves = Array.from({ length: N }, (_, i) => ({ type: 'transfer', date, sku: 'PUMP-3', lot: `L-${Math.floor(i / 1000)}`, serial: serial(i), from: 'WH1-A', to: 'WH1-B' }));
  for (const [name, rows] of [['receive', receipts], ['transfer', moves]] as const) {
    const t0 = performance.now();
    const answer = await call('/v1/batches', { rows });
    const s = (performance.now() - t0) / 1000;
    console.log(`${name}: ${answer.posted} rows in ${s.toFixed(2)} s = ${Math.round(answer.posted / s).toLocaleString('en-US')} rows/s (${(JSON.stringify({ rows }).length / 1e6).toFixed(1)} MB)`);
  }
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
