/**
 * Where the database is, for `npm start` and the `lotledger` command alike. Without
 * DATABASE_URL it is data/lotledger.db in the project's folder (the one holding the package.json
 * named lotledger), not the current one, so `npx lotledger` run from a subfolder finds the ledger
 * the server uses. A relative file URL that was given is taken from the current folder, as one
 * typing it expects. Either way a file that cannot be opened is named with the folder it was
 * resolved against, since "unable to open" alone does not say where SQLite looked.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fileOfUrl, openDatabase } from './client';
import type { LedgerStore } from './port';

export const DEFAULT_DATABASE_URL = 'file:data/lotledger.db';
const PACKAGE_NAME = 'lotledger';

export interface DatabaseLocation {
  /** The URL to open: a file URL made absolute, or a server's URL as given. */
  url: string;
  /** A file's absolute path (null for a server or `:memory:`). */
  file: string | null;
  /** How the location came about, for messages, e.g. `DATABASE_URL=file:x.db, resolved against the current folder /srv`. */
  origin: string;
}

/**
 * The project's folder: the nearest one above `from` (this module, by default) whose package.json
 * is named lotledger. Found from the code's own place, so it is the same from server/db/ under
 * tsx and from dist/server/ in the bundle.
 * @example projectRoot() // '/home/ana/lotledger'
 */
export function projectRoot(from: string = import.meta.url): string {
  const start = path.dirname(fileURLToPath(from));
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (packageName(path.join(dir, 'package.json')) === PACKAGE_NAME) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No folder above ${start} holds the package.json of ${PACKAGE_NAME}.`);
  }
}

function packageName(file: string): unknown {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name;
  } catch {
    return undefined;
  }
}

/**
 * Resolves DATABASE_URL (or its absence) to the database to open.
 * @example locateDatabase(undefined).file // '/home/ana/lotledger/data/lotledger.db'
 * @example locateDatabase('file:x.db', { cwd: '/tmp' }).url // 'file:///tmp/x.db'
 */
export function locateDatabase(given: string | undefined, opts: { cwd?: string; root?: string } = {}): DatabaseLocation {
  const url = given || DEFAULT_DATABASE_URL;
  if (!url.startsWith('file:')) return { url, file: null, origin: `DATABASE_URL=${url}` };
  const raw = fileOfUrl(url);
  if (raw === ':memory:') return { url, file: null, origin: `DATABASE_URL=${url}` };
  let base: string;
  let origin: string;
  if (path.isAbsolute(raw)) {
    base = path.sep;
    origin = `DATABASE_URL=${url}`;
  } else if (given) {
    base = opts.cwd ?? process.cwd();
    origin = `DATABASE_URL=${url} is relative, so it was resolved against the current folder ${base}`;
  } else {
    base = opts.root ?? projectRoot();
    origin = `DATABASE_URL is not set, so the default ${DEFAULT_DATABASE_URL} was resolved against the project folder ${base}`;
  }
  const file = path.resolve(base, raw);
  const query = /\?.*$/.exec(url)?.[0] ?? '';
  return { url: pathToFileURL(file).href + query, file, origin };
}

/**
 * Opens the located database. A file is made, with its folder, when `create` is set (the server
 * and `migrate`); otherwise a missing file is an error, so a mistyped path never leaves an empty
 * ledger behind. A server is asked `SELECT 1` first, so an unreachable one is named here rather
 * than as "fetch failed" later.
 */
export async function openDatabaseAt(loc: DatabaseLocation, authToken: string | undefined, opts: { create: boolean }): Promise<LedgerStore> {
  if (loc.file === null) {
    const db = await openDatabase(loc.url, authToken);
    if (loc.url.startsWith('file:')) return db;
    try {
      await db.read('SELECT 1');
      return db;
    } catch (e) {
      db.close();
      throw new Error(`Cannot reach the database at ${loc.url}: ${(e as Error).message}. (${loc.origin}.)`);
    }
  }
  const file = loc.file;
  try {
    if (opts.create) mkdirSync(path.dirname(file), { recursive: true });
    else if (!existsSync(file)) {
      throw new Error(`there is no such file (\`lotledger migrate\` or \`npm start\` makes one)`);
    }
    return await openDatabase(loc.url, authToken);
  } catch (e) {
    throw new Error(`Cannot open the database file ${file}: ${whyNot(file, e as Error)}. (${loc.origin}.)`);
  }
}

/** The likely reason in words; SQLite itself says only "unable to open" (code 14). */
function whyNot(file: string, e: Error): string {
  const kind = (p: string) => {
    try { return statSync(p).isDirectory() ? 'folder' : 'file'; } catch { return null; }
  };
  let dir = path.dirname(file);
  while (kind(dir) === null && path.dirname(dir) !== dir) dir = path.dirname(dir);
  if (kind(dir) === 'file') return `${dir} is a file, not a folder`;
  if (kind(file) === 'folder') return 'it is a folder';
  return e.message;
}
