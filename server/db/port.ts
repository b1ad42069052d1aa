/**
 * The ledger's storage port: every ledger, auth and route module reads and writes through this,
 * never through a driver's client, so the database behind it (an embedded file, a libSQL server)
 * is the adapters' business alone (embedded-store.ts, remote-store.ts).
 *
 * The shapes are the ledger's own, a subset of what @libsql/client answers: statements as SQL
 * with arguments, rows readable by column name and by index. A failure keeps the driver's `code`
 * (and extended code), which errors.ts and busy.ts read.
 */

/** A value a statement is given. */
export type Value = null | string | number | bigint | ArrayBuffer | boolean | Uint8Array | Date;

/** A value a row holds: integers as numbers, blobs as ArrayBuffers. */
export type Cell = null | string | number | bigint | ArrayBuffer;

/** SQL, with arguments by position (`?`) or by name (`:name`). */
export type Statement = string | { sql: string; args?: Value[] | Record<string, Value> };

/** One row: its values by column name, and by index. */
export interface Row {
  length: number;
  [index: number]: Cell;
  [column: string]: Cell;
}

/** What a statement answered: its rows, or (a write) how many rows it changed. */
export interface Rows {
  columns: string[];
  rows: Row[];
  rowsAffected: number;
  lastInsertRowid: bigint | undefined;
}

/** A write under way, given to the callback of `LedgerStore.write`. */
export interface Write {
  /**
   * Whether statements run as they are pushed and reads run inside the write (an embedded file),
   * or everything is read first, outside the write, and sent as one batch at commit (a server).
   */
  readonly live: boolean;
  /**
   * Reads: when live, inside the write after what was pushed before; otherwise at once and
   * outside it (the write's version guard refuses it if the ledger has moved on since).
   */
  read(stmts: readonly Statement[]): Promise<Rows[]>;
  /** Statements to write after those pushed before; returns at once. */
  push(stmts: readonly Statement[]): void;
  /** Whether a pushed statement has failed already (the rest will not run; the write throws it). */
  failed(): boolean;
}

export interface LedgerStore {
  /** Whether its writes are live (an embedded file: see `Write.live`). */
  readonly live: boolean;
  /** One read outside any write. */
  read(stmt: Statement): Promise<Rows>;
  /** Several reads outside any write, of one consistent snapshot. */
  read(stmts: readonly Statement[]): Promise<Rows[]>;
  /**
   * One atomic write of the ledger (a post, a void, an item upsert): the callback pushes its
   * statements (and, when live, reads what it needs on the way); it commits when the callback
   * returns and is undone when it throws. Answers the callback's answer.
   */
  write<T>(fn: (w: Write) => Promise<T>): Promise<T>;
  /**
   * Statements written together as one atomic write, all or none; answers each one's result
   * once committed (whether a key's claim was taken, how many tokens a revoke changed, the id
   * a SELECT at the end reads back), which a pushed statement cannot: on a server nothing
   * pushed has run before the commit.
   */
  write(stmts: readonly Statement[]): Promise<Rows[]>;
  /**
   * A script of statements run as it is, with no transaction of its own: a migration, which
   * holds its own BEGIN and COMMIT (statements in it may hold `;`, as a trigger's body does).
   */
  script(sql: string): Promise<void>;
  close(): void;
}
