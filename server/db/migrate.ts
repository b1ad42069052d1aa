import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { LedgerStore } from './port';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Runs each `migrations/NNN_*.sql` once, in order, each in its own transaction, and records it
 * in `schema_migrations`. Safe to run at every start and from several processes.
 *
 * @example await migrate(await openDatabase('file:data/lotledger.db'))
 */
export async function migrate(db: LedgerStore): Promise<void> {
  await db.write(['CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)']);
  const files = readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{3}_.*\.sql$/.test(f)).sort();
  const done = new Set((await db.read('SELECT name FROM schema_migrations')).rows.map((r) => String(r.name)));
  for (const name of files) {
    if (done.has(name)) continue;
    const sql = readFileSync(path.join(MIGRATIONS_DIR, name), 'utf8');
    // A script has no transaction of its own, so the migration and its record go in one.
    // A second process racing us fails on the schema_migrations primary key and rolls back.
    try {
      await db.script(
        `BEGIN;\n${sql}\n;INSERT INTO schema_migrations (name, applied_at) VALUES ('${name}', '${new Date().toISOString()}');\nCOMMIT;`,
      );
    } catch (e) {
      await db.script('ROLLBACK').catch(() => undefined);
      const again = await db.read({ sql: 'SELECT 1 FROM schema_migrations WHERE name = ?', args: [name] });
      if (again.rows.length === 0) throw new Error(`Migration ${name} failed: ${(e as Error).message}`);
    }
  }
}
