/**
 * Telling database failures apart by their codes. Both clients give SQLITE_CONSTRAINT for every
 * broken constraint; a file (the embedded client, @libsql/client's sqlite3) adds the extended
 * code (SQLITE_CONSTRAINT_UNIQUE, _TRIGGER …), but a libSQL server over HTTP (sqld, Turso)
 * sends the base code alone. So where the extended code is missing, SQLite's own fixed wording
 * of the failure ("UNIQUE constraint failed: …") says which constraint it was — here, and
 * nowhere else. A trigger's abort has no code of its own on either client: which trigger it was
 * is its message, the exact text the trigger raises.
 */

/** The message the version guard of migration 001 aborts with. */
const LEDGER_CHANGED = 'ledger_changed';

interface DriverError { code?: unknown; extendedCode?: unknown; message: string }

/** The failure's extended code when the client gave one; null when the failure is no broken constraint. */
function constraint(e: unknown): { extended: string | undefined; message: string } | null {
  if (!(e instanceof Error)) return null;
  const { code, extendedCode, message } = e as DriverError;
  if (code !== 'SQLITE_CONSTRAINT') return null;
  return { extended: typeof extendedCode === 'string' ? extendedCode : undefined, message };
}

/**
 * Whether a write broke a UNIQUE constraint (a unique index, or a primary key).
 * @example isUniqueViolation(await db.write([insertOfATakenName]).catch((e) => e)) // true
 */
export function isUniqueViolation(e: unknown): boolean {
  const c = constraint(e);
  if (!c) return false;
  if (c.extended !== undefined) return c.extended === 'SQLITE_CONSTRAINT_UNIQUE' || c.extended === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  return /\bUNIQUE constraint failed: /.test(c.message);
}

/**
 * Whether the version guard refused a write because another write changed the ledger first
 * (the write was checked against a ledger that is no longer the ledger: check again and retry).
 * @example isLedgerChanged(await db.write(['UPDATE workspace SET ledger_version = 0']).catch((e) => e)) // true
 */
export function isLedgerChanged(e: unknown): boolean {
  const c = constraint(e);
  if (!c || (c.extended !== undefined && c.extended !== 'SQLITE_CONSTRAINT_TRIGGER')) return false;
  // Clients prefix the text ("SQLITE_CONSTRAINT: ", "SQLite error: "); the trigger's own text ends it.
  return c.message === LEDGER_CHANGED || c.message.endsWith(`: ${LEDGER_CHANGED}`);
}
