/**
 * Rows per second of a 10,000-row receiving post on each runtime, measured in one run:
 *
 *  - node:    the Node server over its embedded libSQL file (`npm start`);
 *  - workerd: the Worker bundle that `wrangler deploy` uploads, in workerd, over a libSQL
 *             server (sqld) reached by HTTP, as on Cloudflare with Turso;
 *  - floor:   the rows a post appends (a movement and a unit each) written straight to the
 *             same sqld in one write batch over HTTP, no checks, no API — two ways:
 *             `values`: multi-row INSERT … VALUES of 500 rows (a bound parameter per cell);
 *             `json`:   the post's own way, the rows as one JSON parameter per 5,000 rows
 *                       joined with json_each.
 *
 * Run: `npx tsx bench/remote-post.ts [rows] [runs]` (default 10000 rows, 3 runs each).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createClient } from '@libsql/client';
import { createClient as createWebClient } from '@libsql/client/web';
import { migrate } from '../server/db/migrate';
import { clientStore } from '../server/db/remote-store';
import { createWorkspace } from '../server/workspaces';
import { startNodeServer } from '../server/node';
import { freePort } from '../server/dev/free-port';
import { startSqld } from '../server/dev/sqld';
import { startWorkerd } from '../server/dev/workerd';
import { loadBenchMaster, postJson, receivingBody } from './receiving-sheet';

const ROWS = Number(process.argv[2] ?? 10_000);
const RUNS = Number(process.argv[3] ?? 3);
const ADMIN = 'bench-admin-token-0123456789';

const dir = await mkdtemp(path.join(os.tmpdir(), 'lotledger-remote-bench-'));
const sqld = await startSqld({ dir: path.join(dir, 'sqld'), port: await freePort() });
const stops: (() => Promise<void>)[] = [() => sqld.stop()];
try {
  const admin = clientStore(createClient({ url: sqld.url }));
  await migrate(admin);
  const node = await startNodeServer({ port: 0, databaseUrl: `file:${path.join(dir, 'node.db')}`, adminToken: ADMIN });
  stops.unshift(() => node.close());
  const workerd = await startWorkerd({ vars: { DATABASE_URL: sqld.url }, stateDir: path.join(dir, 'workerd') });
  stops.unshift(() => workerd.stop());
  const { adminToken: workerToken } = await createWorkspace(admin, 'bench');

  const results: Record<string, number[]> = { node: [], workerd: [], 'floor values': [], 'floor json': [] };
  const post = async (name: 'node' | 'workerd', baseUrl: string, token: string, tag: string) => {
    const body = receivingBody(ROWS, tag);
    const t0 = performance.now();
    const answer = await postJson(baseUrl, token, '/v1/batches', body);
    const seconds = (performance.now() - t0) / 1000;
    if (answer.posted !== ROWS) throw new Error(`${name} posted ${answer.posted} of ${ROWS}`);
    results[name].push(ROWS / seconds);
  };
  await loadBenchMaster(node.url, ADMIN);
  await loadBenchMaster(workerd.url, workerToken);
  // Warm both (JIT, first connections) with a small post, then alternate, so neither gets a
  // quieter machine than the other.
  await postJson(node.url, ADMIN, '/v1/batches', receivingBody(100, 'warm'));
  await postJson(workerd.url, workerToken, '/v1/batches', receivingBody(100, 'warm'));
  const floorDb = createWebClient({ url: sqld.url });
  for (let run = 0; run < RUNS; run++) {
    await post('node', node.url, ADMIN, `n${run}`);
    await post('workerd', workerd.url, workerToken, `w${run}`);
    results['floor values'].push(await floor(floorDb, `fv${run}`, 'values'));
    results['floor json'].push(await floor(floorDb, `fj${run}`, 'json'));
  }
  floorDb.close();
  admin.close();

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const fmt = (x: number) => Math.round(x).toLocaleString('en-US').padStart(8);
  console.log(`${ROWS.toLocaleString('en-US')}-row receiving post (${(receivingBody(ROWS, 'x').length / 1e6).toFixed(1)} MB), ${RUNS} runs each, rows/s:`);
  for (const [name, xs] of Object.entries(results)) {
    console.log(`  ${name.padEnd(13)} median ${fmt(median(xs))}   runs ${xs.map(fmt).join(' ')}`);
  }
} finally {
  for (const stop of stops) await stop().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
}

/** The floor: the rows a post appends (a movement and a unit each, one batch record), in one write batch. */
async function floor(db: ReturnType<typeof createWebClient>, tag: string, mode: 'values' | 'json'): Promise<number> {
  const { workspaceId } = await createWorkspace(clientStore(db), `floor-${tag}`);
  const [item, location] = await db.batch([
    { sql: `INSERT INTO item (workspace_id, sku, name, lot_tracked, serial_tracked, requires_expiry) VALUES (?, 'PUMP-3', 'Pump', 1, 1, 1) RETURNING id`, args: [workspaceId] },
    { sql: `INSERT INTO location (workspace_id, code) VALUES (?, 'WH1-A') RETURNING id`, args: [workspaceId] },
  ], 'write');
  const itemId = Number(item.rows[0].id);
  const locationId = Number(location.rows[0].id);
  const now = new Date().toISOString();
  const batchId = `B-FLOOR-${tag}`;
  const t0 = performance.now();
  const stmts: { sql: string; args: (string | number | null)[] }[] = [
    { sql: 'INSERT INTO batch (id, workspace_id, posted_at, posted_by, rows) VALUES (?, ?, ?, ?, ?)', args: [batchId, workspaceId, now, 'bench', ROWS] },
  ];
  const chunk = mode === 'values' ? 500 : 5000;
  for (let start = 0; start < ROWS; start += chunk) {
    const n = Math.min(chunk, ROWS - start);
    const moves: (string | number | null)[][] = [];
    const units: (string | number | null)[][] = [];
    for (let i = start; i < start + n; i++) {
      const serial = `SN-${tag}-${String(i).padStart(7, '0')}`;
      moves.push([workspaceId, batchId, i, 'receive', now.slice(0, 10), itemId, serial, 1000, locationId, 'Acme Medical', 'PO-1183', now]);
      units.push([workspaceId, itemId, serial, 'in_stock', locationId]);
    }
    const movementCols = 'workspace_id, batch_id, row_index, type, date, item_id, serial, qty_milli, to_location_id, party, ref, posted_at';
    const unitCols = 'workspace_id, item_id, serial, state, location_id';
    if (mode === 'values') {
      stmts.push({ sql: `INSERT INTO movement (${movementCols}) VALUES ${Array(n).fill(`(${Array(12).fill('?').join(', ')})`).join(', ')}`, args: moves.flat() });
      stmts.push({ sql: `INSERT INTO unit (${unitCols}) VALUES ${Array(n).fill('(?, ?, ?, ?, ?)').join(', ')}`, args: units.flat() });
    } else {
      const pick = (k: number) => Array.from({ length: k }, (_, i) => `j.value->>${i}`).join(', ');
      stmts.push({ sql: `INSERT INTO movement (${movementCols}) SELECT ${pick(12)} FROM json_each(?) j`, args: [JSON.stringify(moves)] });
      stmts.push({ sql: `INSERT INTO unit (${unitCols}) SELECT ${pick(5)} FROM json_each(?) j`, args: [JSON.stringify(units)] });
    }
  }
  await db.batch(stmts, 'write');
  return ROWS / ((performance.now() - t0) / 1000);
}
