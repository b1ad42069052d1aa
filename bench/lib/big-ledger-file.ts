/**
 * The large ledger the tracing and transfer benches read: built once by big-ledger.ts into a
 * database file in the temp directory and reused by later runs while the schema and the
 * builder are unchanged (the file name carries a hash of both). Benches that write get a copy.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../server/db/client';
import { openEmbedded } from '../../server/db/embedded';
import { migrate } from '../../server/db/migrate';
import type { LedgerStore } from '../../server/db/port';
import { clientStore } from '../../server/db/remote-store';
import { buildBenchLedger } from './big-ledger';

const here = path.dirname(fileURLToPath(import.meta.url));
const migrations = path.resolve(here, '../../server/db/migrations');

export interface BigLedger {
  file: string;
  workspaceId: number;
  movements: number;
  lots: { sku: string; lot: string }[];
  serials: { sku: string; serial: string }[];
  /** Lots that three levels of transformation were made from (big-ledger.ts). */
  chainRoots: { sku: string; lot: string }[];
}

function shapeHash(): string {
  const h = createHash('sha256');
  for (const f of readdirSync(migrations).sort()) h.update(readFileSync(path.join(migrations, f)));
  h.update(readFileSync(path.join(here, 'big-ledger.ts')));
  return h.digest('hex').slice(0, 10);
}

/** Opens (building first when needed) the ledger of `lots` lots and `serials` serials. */
export async function bigLedger(opts: { lots: number; serials: number; log: (s: string) => void }): Promise<BigLedger> {
  const file = path.join(tmpdir(), `lotledger-bench-${opts.lots}-${opts.serials}-${shapeHash()}.db`);
  if (!existsSync(file)) {
    const building = `${file}.building`;
    for (const f of [building, `${building}-wal`, `${building}-shm`]) rmSync(f, { force: true });
    opts.log(`building a ledger of ${opts.lots.toLocaleString('en-US')} lots and ${opts.serials.toLocaleString('en-US')} serials (kept in ${file} for later runs) …`);
    const t0 = performance.now();
    // Built through the driver itself: one interactive transaction of bulk inserts.
    const db = openEmbedded(building);
    await db.ready();
    await migrate(clientStore(db));
    const built = await buildBenchLedger(db, { lots: opts.lots, serials: opts.serials, log: opts.log });
    await db.execute('ANALYZE');
    await db.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    db.close();
    renameSync(building, file);
    for (const f of [`${building}-wal`, `${building}-shm`]) rmSync(f, { force: true });
    opts.log(`built ${built.movements.toLocaleString('en-US')} movements in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  const db = await openDatabase(`file:${file}`);
  try {
    return { file, ...(await describe(db)) };
  } finally {
    db.close();
  }
}

/** A copy of the ledger's file for a bench that writes to it. */
export function copyLedger(ledger: BigLedger, to: string): string {
  copyFileSync(ledger.file, to);
  return to;
}

async function describe(db: LedgerStore): Promise<Omit<BigLedger, 'file'>> {
  const ws = Number((await db.read("SELECT id FROM workspace WHERE name LIKE 'bench-%' ORDER BY id DESC LIMIT 1")).rows[0].id);
  const movements = Number((await db.read({ sql: 'SELECT COUNT(*) AS n FROM movement WHERE workspace_id = ?', args: [ws] })).rows[0].n);
  const lots = (await db.read({ sql: "SELECT i.sku, l.code FROM lot l JOIN item i ON i.id = l.item_id WHERE l.workspace_id = ? AND l.code LIKE 'L%' ORDER BY l.id", args: [ws] }))
    .rows.map((r) => ({ sku: String(r.sku), lot: String(r.code) }));
  const serials = (await db.read({ sql: 'SELECT i.sku, u.serial FROM unit u JOIN item i ON i.id = u.item_id WHERE u.workspace_id = ? ORDER BY u.id', args: [ws] }))
    .rows.map((r) => ({ sku: String(r.sku), serial: String(r.serial) }));
  const chainRoots = (await db.read({
    sql: `SELECT DISTINCT i.sku, l.code FROM movement m JOIN lot l ON l.id = m.lot_id JOIN item i ON i.id = l.item_id
          WHERE m.workspace_id = ? AND m.type = 'consume' AND l.code LIKE 'L%' ORDER BY l.id`, args: [ws],
  })).rows.map((r) => ({ sku: String(r.sku), lot: String(r.code) }));
  return { workspaceId: ws, movements, lots, serials, chainRoots };
}
