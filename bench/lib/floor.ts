/**
 * The database floor of a post: the same rows inserted with @libsql/client straight into an
 * empty table shaped like `movement` (its columns and its six indexes), as multi-row
 * `INSERT … VALUES` statements of 500 rows in one write batch — no checks, no projections,
 * no HTTP, no JSON. What a post costs above this is the price of the checks and the rest.
 */
import { createClient, type Client, type InStatement, type InValue } from '@libsql/client';
import type { RawRow } from '../../shared/rows';

const COLS = ['workspace_id', 'batch_id', 'row_index', 'type', 'date', 'item_id', 'lot_id', 'serial', 'qty_milli',
  'from_location_id', 'to_location_id', 'party', 'ref', 'note', 'reverses', 'posted_at'] as const;

/**
 * A file opened for the floor with @libsql/client itself (not the server's own embedded client),
 * with the server's settings (server/db/client.ts).
 */
export async function openFloorDatabase(file: string): Promise<Client> {
  const db = createClient({ url: `file:${file}`, concurrency: 1 });
  for (const pragma of ['journal_mode = WAL', 'synchronous = FULL', 'busy_timeout = 5000', 'foreign_keys = ON']) {
    await db.execute(`PRAGMA ${pragma}`);
  }
  return db;
}

/**
 * The floor table: movement's columns and indexes, under another name, without its foreign keys;
 * `indexes: false` leaves the indexes out (the stricter floor: a plain append).
 */
export function floorTableSql(table: string, indexes = true): string[] {
  const ddl = [
    `DROP TABLE IF EXISTS ${table}`,
    `CREATE TABLE ${table} (
      id INTEGER PRIMARY KEY, workspace_id INTEGER NOT NULL, batch_id TEXT NOT NULL, row_index INTEGER NOT NULL,
      type TEXT NOT NULL, date TEXT NOT NULL, item_id INTEGER NOT NULL, lot_id INTEGER, serial TEXT,
      qty_milli INTEGER NOT NULL, from_location_id INTEGER, to_location_id INTEGER, party TEXT, ref TEXT, note TEXT,
      reverses INTEGER, posted_at TEXT NOT NULL)`,
  ];
  if (!indexes) return ddl;
  return [
    ...ddl,
    `CREATE INDEX ${table}_batch ON ${table}(batch_id)`,
    `CREATE INDEX ${table}_lot ON ${table}(lot_id) WHERE lot_id IS NOT NULL`,
    `CREATE INDEX ${table}_serial ON ${table}(item_id, serial) WHERE serial IS NOT NULL`,
    `CREATE INDEX ${table}_item_date ON ${table}(item_id, date)`,
    `CREATE INDEX ${table}_date ON ${table}(workspace_id, date)`,
    `CREATE UNIQUE INDEX ${table}_reversed_once ON ${table}(reverses) WHERE reverses IS NOT NULL`,
  ];
}

/** The rows as the table's values: ids for items, lots and locations, quantities in thousandths. */
function values(rows: readonly RawRow[], batchId: string, postedAt: string): InValue[][] {
  const ids = new Map<string, number>();
  const id = (k: string) => { let v = ids.get(k); if (v === undefined) ids.set(k, v = ids.size + 1); return v; };
  return rows.map((r, i) => [
    1, batchId, i, String(r.type), String(r.date), id(`i${r.sku}`), r.lot == null ? null : id(`l${r.sku}|${r.lot}`),
    r.serial == null ? null : String(r.serial), Math.round(Number(r.qty ?? 1) * 1000),
    r.from == null ? null : id(`p${r.from}`), r.to == null ? null : id(`p${r.to}`),
    r.party == null ? null : String(r.party), r.ref == null ? null : String(r.ref), null, null, postedAt,
  ]);
}

/**
 * Times the floor insert of `rows` into a fresh floor table on `db`; answers rows per second.
 * The statements are built before the clock starts: only the client and the database are timed.
 */
export async function floorInsert(
  db: Client, rows: readonly RawRow[], opts: { table?: string; per?: number; batchRows?: number; indexes?: boolean } = {},
): Promise<number> {
  const { table = 'floor_movement', per = 500, batchRows = rows.length, indexes = true } = opts;
  for (const sql of floorTableSql(table, indexes)) await db.execute(sql);
  const vals = values(rows, 'B-FLOOR', new Date().toISOString());
  const row = `(${COLS.map(() => '?').join(',')})`;
  const stmts: InStatement[] = [];
  for (let i = 0; i < vals.length; i += per) {
    const part = vals.slice(i, i + per);
    stmts.push({ sql: `INSERT INTO ${table} (${COLS.join(',')}) VALUES ${Array(part.length).fill(row).join(',')}`, args: part.flat() });
  }
  // One write batch, or one per `batchRows` rows when the post it stands for goes in parts.
  const perBatch = Math.max(1, Math.ceil(batchRows / per));
  const t0 = performance.now();
  for (let i = 0; i < stmts.length; i += perBatch) await db.batch(stmts.slice(i, i + perBatch), 'write');
  const seconds = (performance.now() - t0) / 1000;
  await db.execute(`DROP TABLE ${table}`);
  return rows.length / seconds;
}
