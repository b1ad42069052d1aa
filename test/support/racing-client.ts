import type { LedgerStore, Rows, Statement, Write } from '../../server/db/port';

/**
 * A ledger store that runs `interfere` just before its first `times` ledger writes open (a write
 * with a callback: a post, a void, an item upsert): the moment another process or request could
 * change the ledger between our checks and our write. Everything else (reads, a key's claim, a
 * write of statements) goes straight to `db`.
 * @example const racing = interferingBeforeFirstWrite(db, () => post(other, 'SN-1'))
 */
export function interferingBeforeFirstWrite(
  db: LedgerStore, interfere: () => Promise<unknown>, times = 1,
): LedgerStore & { interfered(): boolean; interferences(): number } {
  let count = 0;
  const due = () => count < times && ++count > 0;
  function write<T>(fn: (w: Write) => Promise<T>): Promise<T>;
  function write(stmts: readonly Statement[]): Promise<Rows[]>;
  async function write<T>(given: ((w: Write) => Promise<T>) | readonly Statement[]): Promise<T | Rows[]> {
    if (typeof given !== 'function') return db.write(given);
    if (due()) await interfere();
    return db.write(given);
  }
  return {
    live: db.live,
    read: db.read.bind(db) as LedgerStore['read'],
    write,
    script: (sql) => db.script(sql),
    close: () => db.close(),
    interfered: () => count > 0,
    interferences: () => count,
  };
}
